/**
 * Versions of the datasets, which one each organisation reads, and the actors of those: the SQL every reader
 * of reference figures shares. No policy here: services call it.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../platform/db/database.ts';
import { REFERENCE_DATASETS, type DatasetVersion, type ReferenceActor, type ReferenceDataset } from '../shared/reference.ts';
import { referenceCurrentVersions, referenceDatasetVersions, referenceRows } from './tables.ts';

export type VersionRow = typeof referenceDatasetVersions.$inferSelect;
export type ChoiceRow = typeof referenceCurrentVersions.$inferSelect;

/**
 * A version as the reader's organisation sees it: `current` is what it reads, `serverDefault` the server's
 * flag; who loaded it is named only to its own organisation.
 */
export const presentVersion = (v: VersionRow, view: { organisationId: string | null; currentId: string | null; emails?: ReadonlyMap<string, string> }): DatasetVersion => ({
  id: v.id, dataset: v.dataset as ReferenceDataset, label: v.label, sha256: v.sha256, rows: v.rowCount, actors: v.actorCount,
  firstYear: v.firstYear, lastYear: v.lastYear, citation: v.citation, loadedAt: v.loadedAt.toISOString(),
  origin: v.loadedByOrganisation === null ? 'operator' : v.loadedByOrganisation === view.organisationId ? 'own_organisation' : 'other_organisation',
  loadedBy: v.loadedBy && v.loadedByOrganisation !== null && v.loadedByOrganisation === view.organisationId ? view.emails?.get(v.loadedBy) ?? null : null,
  current: v.id === view.currentId, serverDefault: v.current,
});

/** The organisation's own choices of version, per dataset. */
export async function choicesOf(db: DbOrTx, organisationId: string): Promise<Partial<Record<ReferenceDataset, ChoiceRow>>> {
  const rows = await db.select().from(referenceCurrentVersions).where(eq(referenceCurrentVersions.organisationId, organisationId));
  return Object.fromEntries(rows.map((r) => [r.dataset, r]));
}

/**
 * The version of each dataset an organisation reads: its own choice, else the server's default (null: the
 * server's default only, as the operator sees it). Datasets with neither are absent.
 */
export async function currentVersions(db: DbOrTx, organisationId: string | null): Promise<Partial<Record<ReferenceDataset, VersionRow>>> {
  const defaults = await db.select().from(referenceDatasetVersions).where(eq(referenceDatasetVersions.current, true));
  const chosen = organisationId === null ? [] : (await db.select({ version: referenceDatasetVersions }).from(referenceCurrentVersions)
    .innerJoin(referenceDatasetVersions, eq(referenceDatasetVersions.id, referenceCurrentVersions.versionId))
    .where(eq(referenceCurrentVersions.organisationId, organisationId))).map((r) => r.version);
  return Object.fromEntries([...defaults, ...chosen].map((r) => [r.dataset, r]));
}

/**
 * Whether an organisation may see (and choose) a version: the operator's, its own organisation's, the
 * server's default, or the one it reads already (the same file another organisation loaded first). Never
 * another organisation's upload otherwise.
 */
export const mayUse = (v: VersionRow, organisationId: string, choice: ChoiceRow | undefined): boolean =>
  v.loadedByOrganisation === null || v.loadedByOrganisation === organisationId || v.current || choice?.versionId === v.id;

/** Every version, newest first, per dataset. */
export async function allVersions(db: DbOrTx): Promise<Record<ReferenceDataset, VersionRow[]>> {
  const rows = await db.select().from(referenceDatasetVersions).orderBy(desc(referenceDatasetVersions.loadedAt), asc(referenceDatasetVersions.label));
  return Object.fromEntries(REFERENCE_DATASETS.map((d) => [d, rows.filter((r) => r.dataset === d)])) as Record<ReferenceDataset, VersionRow[]>;
}

/** The actors of these versions (one per key), with the years, places and rows the files give them. */
export async function actorsOf(db: DbOrTx, versions: readonly VersionRow[]): Promise<ReferenceActor[]> {
  if (versions.length === 0) return [];
  const rows = await db.select({
    key: referenceRows.actorKey,
    name: sql<string>`mode() WITHIN GROUP (ORDER BY ${referenceRows.actor})`,
    ucdpActorId: sql<string | null>`min(${referenceRows.ucdpActorId})`,
    datasets: sql<string[]>`array_agg(DISTINCT ${referenceDatasetVersions.dataset} ORDER BY ${referenceDatasetVersions.dataset} DESC)`,
    firstYear: sql<number>`min(${referenceRows.year})::int`,
    lastYear: sql<number>`max(${referenceRows.year})::int`,
    locations: sql<string[]>`array_remove(array_agg(DISTINCT ${referenceRows.location} ORDER BY ${referenceRows.location}), NULL)`,
    rows: sql<number>`count(*)::int`,
  }).from(referenceRows)
    .innerJoin(referenceDatasetVersions, eq(referenceDatasetVersions.id, referenceRows.versionId))
    .where(inArray(referenceRows.versionId, versions.map((v) => v.id)))
    .groupBy(referenceRows.actorKey)
    .orderBy(referenceRows.actorKey);
  return rows.map((r) => ({ ...r, datasets: r.datasets as ReferenceDataset[] }));
}

/** The rows of some actors in one version, oldest year first. */
export async function rowsOf(db: DbOrTx, version: VersionRow, keys: readonly string[]) {
  if (keys.length === 0) return [];
  return db.select().from(referenceRows)
    .where(and(eq(referenceRows.versionId, version.id), inArray(referenceRows.actorKey, [...keys])))
    .orderBy(asc(referenceRows.year), asc(referenceRows.rowNumber));
}
