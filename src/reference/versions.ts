/**
 * Versions of the datasets and the actors of the current ones: the SQL every reader of reference figures
 * shares. No policy here: services call it.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../platform/db/database.ts';
import { REFERENCE_DATASETS, type DatasetVersion, type ReferenceActor, type ReferenceDataset } from '../shared/reference.ts';
import { referenceDatasetVersions, referenceRows } from './tables.ts';

export type VersionRow = typeof referenceDatasetVersions.$inferSelect;

export const presentVersion = (v: VersionRow): DatasetVersion => ({
  id: v.id, dataset: v.dataset as ReferenceDataset, label: v.label, sha256: v.sha256, rows: v.rowCount, actors: v.actorCount,
  firstYear: v.firstYear, lastYear: v.lastYear, citation: v.citation, loadedAt: v.loadedAt.toISOString(), loadedBy: v.loadedBy, current: v.current,
});

/** The current version of each dataset that has one. */
export async function currentVersions(db: DbOrTx): Promise<Partial<Record<ReferenceDataset, VersionRow>>> {
  const rows = await db.select().from(referenceDatasetVersions).where(eq(referenceDatasetVersions.current, true));
  return Object.fromEntries(rows.map((r) => [r.dataset, r]));
}

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
