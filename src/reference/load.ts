/**
 * Loading a version of a dataset: the file read strictly (codebook.ts), then the version and all its rows
 * written in one transaction, under a lock per dataset, audited; the new version becomes current. The same
 * file again (same SHA-256) is the version already stored: nothing changes. A refused file writes nothing
 * but its audit entry. Shared by the CLI (`salama reference import`), the demo and the coordinators' screen.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db/database.ts';
import { appendAudit, recordAudit, type AuditActor } from '../platform/audit/audit.ts';
import { DATASET_CITATIONS, type DatasetProblem, type ReferenceDataset } from '../shared/reference.ts';
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
  if (before) return { ok: true, version: before, created: false, rowsRead: before.rowCount };
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
    if (raced) return { ok: true as const, version: raced, created: false, rowsRead: raced.rowCount };
    await tx.update(referenceDatasetVersions).set({ current: false }).where(and(eq(referenceDatasetVersions.dataset, input.dataset), eq(referenceDatasetVersions.current, true)));
    const [version] = await tx.insert(referenceDatasetVersions).values({
      dataset: input.dataset, label: input.label, sha256, rowCount: rows.length, actorCount: new Set(rows.map((r) => r.actorKey)).size,
      firstYear: years.length ? Math.min(...years) : null, lastYear: years.length ? Math.max(...years) : null,
      citation: input.citation?.trim() || DATASET_CITATIONS[input.dataset],
      loadedBy: actor.userId, loadedByOrganisation: actor.organisationId, current: true,
    }).returning();
    for (let i = 0; i < rows.length; i += 1000) {
      await tx.insert(referenceRows).values(rows.slice(i, i + 1000).map((r) => ({ ...r, versionId: version!.id })));
    }
    await appendAudit(tx, actor, {
      action: 'reference.load', entityType: 'reference_dataset_version', entityId: version!.id,
      details: { dataset: input.dataset, label: input.label, rows: rows.length, actors: version!.actorCount, sha256 },
    });
    return { ok: true as const, version: version!, created: true, rowsRead: rows.length };
  });
}

/** Loads a bundled file (the CLI without --file, the demo). */
export const loadBundled = (db: Db, actor: AuditActor, dataset: ReferenceDataset): Promise<LoadOutcome> =>
  loadDatasetVersion(db, actor, { dataset, file: readFileSync(BUNDLED[dataset].file), label: BUNDLED[dataset].label });
