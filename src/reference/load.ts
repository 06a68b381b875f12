/**
 * Loading a version of a dataset: the file read strictly (codebook.ts), then the version and all its rows
 * written in one transaction, under a lock per dataset, audited (ids, SHA-256 and counts: never the label or
 * citation typed). Who loads decides whom it is current for: a load without an organisation (the operator's
 * `salama reference import`, the demo) makes it the server's default, read by every organisation that chose
 * nothing; a coordinator's load makes it current for their own organisation only (choice.ts), never for
 * another, and never sets or changes the default. The same file again (same SHA-256) is the version already
 * stored: for a coordinator it becomes their organisation's version, its label and citation unchanged; for
 * the operator, a version an organisation uploaded first becomes the operator's own, with the operator's
 * label and citation, and the server's default, as if no one had uploaded it before (so a coordinator who
 * uploads the next release first cannot block the operator's default nor name it for everyone); a version
 * the operator loaded already changes nothing, unless the dataset has no default yet. A refused file writes
 * nothing but its audit entry.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../platform/db/database.ts';
import { appendAudit, recordAudit, type AuditActor } from '../platform/audit/audit.ts';
import { onlyProblem } from '../platform/checked-csv.ts';
import type { FileProblems } from '../shared/places.ts';
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
  | ({ ok: false; problems: DatasetProblem[] } & FileProblems);

export interface LoadInput { dataset: ReferenceDataset; file: Buffer; label: string; citation?: string | undefined }

const citationOf = (input: LoadInput): string => input.citation?.trim() || DATASET_CITATIONS[input.dataset];

export async function loadDatasetVersion(db: Db, actor: AuditActor, input: LoadInput): Promise<LoadOutcome> {
  const sha256 = createHash('sha256').update(input.file).digest('hex');
  const known = async (tx: DbOrTx) => (await tx.select().from(referenceDatasetVersions)
    .where(and(eq(referenceDatasetVersions.dataset, input.dataset), eq(referenceDatasetVersions.sha256, sha256))).limit(1))[0];
  const before = await known(db);
  if (before) return { ok: true, version: await adoptStored(db, actor, before, input), created: false, rowsRead: before.rowCount };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(input.file);
  } catch {
    text = '';
  }
  const { rows, problems, problemCount, complete } = text ? readDataset(input.dataset, text)
    : onlyProblem({ row: 0, column: '', value: '', code: 'not_utf8_list', rule: 'not UTF-8 text: save the file as "CSV UTF-8" and load it again' });
  if (problemCount) {
    await recordAudit(db, actor, { action: 'reference.load_refused', details: { dataset: input.dataset, problems: problemCount, complete } });
    return { ok: false, problems, problemCount, complete };
  }
  const years = rows.map((r) => r.year);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`salama:reference:${input.dataset}`}))`);
    const raced = await known(tx);
    if (raced) return { ok: true as const, version: await adopt(tx, actor, raced, input), created: false, rowsRead: raced.rowCount };
    const operator = actor.organisationId === null;
    if (operator) await clearDefault(tx, input.dataset);
    const [version] = await tx.insert(referenceDatasetVersions).values({
      dataset: input.dataset, label: input.label, sha256, rowCount: rows.length, actorCount: new Set(rows.map((r) => r.actorKey)).size,
      // A loop, not Math.min(...years): a file of hundreds of thousands of rows would overflow the stack.
      firstYear: years.reduce<number | null>((m, y) => (m === null || y < m ? y : m), null), lastYear: years.reduce<number | null>((m, y) => (m === null || y > m ? y : m), null),
      citation: citationOf(input),
      loadedBy: actor.userId, loadedByOrganisation: actor.organisationId, current: operator,
    }).returning();
    for (let i = 0; i < rows.length; i += 1000) {
      await tx.insert(referenceRows).values(rows.slice(i, i + 1000).map((r) => ({ ...r, versionId: version!.id })));
    }
    await appendAudit(tx, actor, {
      action: 'reference.load', entityType: 'reference_dataset_version', entityId: version!.id,
      details: { dataset: input.dataset, rows: rows.length, actors: version!.actorCount, sha256, serverDefault: operator },
    });
    if (!operator) await recordChoice(tx, actor, input.dataset, version!);
    return { ok: true as const, version: version!, created: true, rowsRead: rows.length };
  });
}

/** The dataset's default before another is set: its id, or null. */
async function clearDefault(tx: Tx, dataset: string): Promise<string | null> {
  const [was] = await tx.update(referenceDatasetVersions).set({ current: false })
    .where(and(eq(referenceDatasetVersions.dataset, dataset), eq(referenceDatasetVersions.current, true))).returning({ id: referenceDatasetVersions.id });
  return was?.id ?? null;
}

/**
 * The same file as a version already stored. A coordinator's organisation now reads it (its label and
 * citation stay as they are). The operator's load of a version an organisation uploaded makes it the
 * operator's, with the operator's label and citation, and the server's default, as a new file would be
 * (organisations that chose it keep reading it, now under those). A version the operator loaded already
 * becomes the default only when the dataset has none (loading the bundled files again never takes the
 * default back from a newer version).
 */
async function adopt(tx: Tx, actor: AuditActor, version: VersionRow, input: LoadInput): Promise<VersionRow> {
  if (actor.organisationId !== null) {
    await recordChoice(tx, actor, version.dataset as ReferenceDataset, version);
    return version;
  }
  const audit = (before: string | null, takenOver: boolean) => appendAudit(tx, actor, {
    action: 'reference.default_set', entityType: 'reference_dataset_version', entityId: version.id,
    details: { dataset: version.dataset, sha256: version.sha256, rows: version.rowCount, actors: version.actorCount, before, takenOverFromOrganisation: takenOver },
  });
  if (version.loadedByOrganisation !== null) {
    const before = await clearDefault(tx, version.dataset);
    const [now] = await tx.update(referenceDatasetVersions)
      .set({ label: input.label, citation: citationOf(input), loadedBy: actor.userId, loadedByOrganisation: null, current: true })
      .where(eq(referenceDatasetVersions.id, version.id)).returning();
    await audit(before, true);
    return now!;
  }
  if (version.current) return version;
  const [other] = await tx.select({ id: referenceDatasetVersions.id }).from(referenceDatasetVersions)
    .where(and(eq(referenceDatasetVersions.dataset, version.dataset), eq(referenceDatasetVersions.current, true))).limit(1);
  if (other) return version;
  const [now] = await tx.update(referenceDatasetVersions).set({ current: true }).where(eq(referenceDatasetVersions.id, version.id)).returning();
  await audit(null, false);
  return now!;
}

const adoptStored = (db: Db, actor: AuditActor, version: VersionRow, input: LoadInput): Promise<VersionRow> => db.transaction(async (tx) => {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`salama:reference:${version.dataset}`}))`);
  const [fresh] = await tx.select().from(referenceDatasetVersions).where(eq(referenceDatasetVersions.id, version.id));
  return adopt(tx, actor, fresh!, input);
});

/** Loads a bundled file (the CLI without --file, the demo). */
export const loadBundled = (db: Db, actor: AuditActor, dataset: ReferenceDataset): Promise<LoadOutcome> =>
  loadDatasetVersion(db, actor, { dataset, file: readFileSync(BUNDLED[dataset].file), label: BUNDLED[dataset].label });
