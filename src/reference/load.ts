/**
 * Loading a version of a dataset: the file read strictly (codebook.ts), then the version and all its rows
 * written in one transaction, under a lock per dataset, audited. Who loads decides whom it is current for:
 * a load without an organisation (the operator's `salama reference import`, the demo) makes it the server's
 * default, read by every organisation that chose nothing; a coordinator's load makes it current for their
 * own organisation only (choice.ts), never for another. The same file again (same SHA-256) is the version
 * already stored: for a coordinator it becomes their organisation's version; for the operator nothing
 * changes, unless the dataset has no default yet. A refused file writes nothing but its audit entry.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../platform/db/database.ts';
import { appendAudit, recordAudit, type AuditActor } from '../platform/audit/audit.ts';
import { DATASET_CITATIONS, type DatasetProblem, type ReferenceDataset } from '../shared/reference.ts';
import { recordChoice } from './choice.ts';
import { readDataset } from './codebook.ts';
import { referenceDatasetVersions, referenceRows } from './tables.ts';
import type { VersionRow } from './versions.ts';

/** The files shipped with Salama (their provenance and citation: ./data/README.md). */
export const BUNDLED: Readonly<Record<ReferenceDataset, { file: URL; label: string }>> = {
  svac: { file: new URL('../parties/reference/SVAC_3.2_complete.csv', import.meta.url), label: '3.2' },
  rsvac: { file: new URL('./data/rsvac.csv', import.meta.url), label: '1989-2015 (2022)' },
};

export type LoadOutcome =
  | { ok: true; version: VersionRow; created: boolean; rowsRead: number }
  | { ok: false; problems: DatasetProblem[] };

export interface LoadInput { dataset: ReferenceDataset; file: Buffer; label: string; citation?: string | undefined }

const refused = (problems: DatasetProblem[]): LoadOutcome => ({ ok: false, problems });

export async function loadDatasetVersion(db: Db, actor: AuditActor, input: LoadInput): Promise<LoadOutcome> {
  const sha256 = createHash('sha256').update(input.file).digest('hex');
  const known = async (tx: DbOrTx) => (await tx.select().from(referenceDatasetVersions)
    .where(and(eq(referenceDatasetVersions.dataset, input.dataset), eq(referenceDatasetVersions.sha256, sha256))).limit(1))[0];
  const before = await known(db);
  if (before) return { ok: true, version: await adoptStored(db, actor, before), created: false, rowsRead: before.rowCount };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(input.file);
  } catch {
    text = '';
  }
  const { rows, problems } = text ? readDataset(input.dataset, text)
    : { rows: [], problems: [{ row: 0, column: '', value: '', code: 'not_utf8_list', rule: 'not UTF-8 text: save the file as "CSV UTF-8" and load it again' }] };
  if (problems.length) {
    await recordAudit(db, actor, { action: 'reference.load_refused', details: { dataset: input.dataset, problems: problems.length } });
    return refused(problems);
  }
  const years = rows.map((r) => r.year);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`salama:reference:${input.dataset}`}))`);
    const raced = await known(tx);
    if (raced) return { ok: true as const, version: await adopt(tx, actor, raced), created: false, rowsRead: raced.rowCount };
    const operator = actor.organisationId === null;
    if (operator) await tx.update(referenceDatasetVersions).set({ current: false }).where(and(eq(referenceDatasetVersions.dataset, input.dataset), eq(referenceDatasetVersions.current, true)));
    const [version] = await tx.insert(referenceDatasetVersions).values({
      dataset: input.dataset, label: input.label, sha256, rowCount: rows.length, actorCount: new Set(rows.map((r) => r.actorKey)).size,
      firstYear: years.length ? Math.min(...years) : null, lastYear: years.length ? Math.max(...years) : null,
      citation: input.citation?.trim() || DATASET_CITATIONS[input.dataset],
      loadedBy: actor.userId, loadedByOrganisation: actor.organisationId, current: operator,
    }).returning();
    for (let i = 0; i < rows.length; i += 1000) {
      await tx.insert(referenceRows).values(rows.slice(i, i + 1000).map((r) => ({ ...r, versionId: version!.id })));
    }
    await appendAudit(tx, actor, {
      action: 'reference.load', entityType: 'reference_dataset_version', entityId: version!.id,
      details: { dataset: input.dataset, label: input.label, rows: rows.length, actors: version!.actorCount, sha256, serverDefault: operator },
    });
    if (!operator) await recordChoice(tx, actor, input.dataset, version!);
    return { ok: true as const, version: version!, created: true, rowsRead: rows.length };
  });
}

/**
 * The same file as a version already stored: a coordinator's organisation now reads it; the operator's load
 * makes it the server's default only when the dataset has none (else nothing changes: loading the bundled
 * files again never takes the default back from a newer version).
 */
async function adopt(tx: Tx, actor: AuditActor, version: VersionRow): Promise<VersionRow> {
  if (actor.organisationId !== null) {
    await recordChoice(tx, actor, version.dataset as ReferenceDataset, version);
    return version;
  }
  if (version.current) return version;
  const [other] = await tx.select({ id: referenceDatasetVersions.id }).from(referenceDatasetVersions)
    .where(and(eq(referenceDatasetVersions.dataset, version.dataset), eq(referenceDatasetVersions.current, true))).limit(1);
  if (other) return version;
  const [now] = await tx.update(referenceDatasetVersions).set({ current: true }).where(eq(referenceDatasetVersions.id, version.id)).returning();
  await appendAudit(tx, actor, {
    action: 'reference.default_set', entityType: 'reference_dataset_version', entityId: version.id,
    details: { dataset: version.dataset, label: version.label, sha256: version.sha256 },
  });
  return now!;
}

const adoptStored = (db: Db, actor: AuditActor, version: VersionRow): Promise<VersionRow> => db.transaction(async (tx) => {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`salama:reference:${version.dataset}`}))`);
  const [fresh] = await tx.select().from(referenceDatasetVersions).where(eq(referenceDatasetVersions.id, version.id));
  return adopt(tx, actor, fresh!);
});

/** Loads a bundled file (the CLI without --file, the demo). */
export const loadBundled = (db: Db, actor: AuditActor, dataset: ReferenceDataset): Promise<LoadOutcome> =>
  loadDatasetVersion(db, actor, { dataset, file: readFileSync(BUNDLED[dataset].file), label: BUNDLED[dataset].label });
