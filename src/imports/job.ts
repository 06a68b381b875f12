/**
 * The import job: reads the sealed file, converts every row through the mapping, and either counts what
 * would happen (dry run) or records the valid rows in batches, one transaction each, reporting progress on
 * the import's row after every batch. Rows with any problem are rejected whole and kept (sealed) with their
 * problems for the report; rows the row filter leaves out are counted, not rejected. A row whose record is
 * already here is unchanged (skipped), or changed: the dry run lists which fields, and the import leaves it
 * or updates it (a new version) as the user chose. A crash part-way is safe to run again: rows already
 * recorded are found by their external id and skipped.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { EVALUATE_QUEUE } from '../warnings/job.ts';
import type { AppContext } from '../platform/context.ts';
import { sealPacked } from '../platform/crypto/envelope.ts';
import { AppError } from '../platform/http/errors.ts';
import { runHolding } from '../platform/jobs/holds.ts';
import { mayAttempt, type Actor } from '../policy/policy.ts';
import { organisations, users } from '../identity/tables.ts';
import type { ChangedRow } from '../shared/import.ts';
import type { Role } from '../shared/taxonomy.ts';
import { copyTransaction } from '../platform/db/copy.ts';
import { Pace } from '../platform/jobs/pace.ts';
import { BulkSealer, createIncidentsBulk, type BulkItem, type SealedBatch } from '../incidents/bulk.ts';
import { linkPerpetrators } from '../incidents/party-links/link.ts';
import { auditImportUpdates, importChanges, loadForImport, updateFromImport, type ImportChangeRules, type LoadedRecord } from '../incidents/import-update.ts';
import { auditActor, recordAudit } from '../platform/audit/audit.ts';
import { importedRecords } from '../incidents/store.ts';
import { orgCodes } from '../lookups/service.ts';
import { loadAreaLookup } from './areas.ts';
import { applyChanges, changedFields, coveredFields, IDENTIFYING_COVERED, type CoveredField } from './changes.ts';
import { RowConverter, type RowId } from './convert.ts';
import { problem } from './problems.ts';
import { repeatRows } from './repeats.ts';
import { importColumns, importHold, readImportTable, reportContext, type RejectedRow } from './service.ts';
import { imports } from './tables.ts';
import { WarningTally } from './warnings.ts';

/**
 * Rows per batch: one transaction, one audit entry, one COPY per table. Larger batches cost fewer round trips
 * and commits (1,000 rows per batch made a third of the database's time); beyond 5,000 nothing was gained.
 * The first batch is small so the database has work after a moment instead of after a whole batch's sealing.
 */
const BATCH = 5000;
const FIRST = 500;
const CHANGES_KEPT = 200;

/** A reason to stop that can be shown to the importer as is (anything else is reported generically). */
class ImportStopped extends Error {}

interface Valid extends BulkItem { row: number; legacyId: string | null; digest: string }
const COUNTED = ['created', 'skipped', 'changed', 'updated', 'excluded'] as const;
type Counts = Record<(typeof COUNTED)[number], number>;
interface Prepared {
  tally: Counts;
  sealed: SealedBatch | null;
  toUpdate: { v: Valid; record: LoadedRecord }[];
  rowsFrom: number | undefined; rowsTo: number | undefined;
  /** Progress once written: rows processed and rejected up to the end of this batch. */
  processed: number; rejected: number;
}

/**
 * Where a run's time goes, in milliseconds (the benchmark prints it). `write` is the batches' transactions,
 * which overlap the next batch's convert, classify and seal; `wait` is what the loop spent waiting for them.
 */
export interface ImportTimings { read: number; convert: number; classify: number; seal: number; wait: number; write: number }

/** Runs an import (dry run or real) unless another worker runs it already. */
export async function runImport(ctx: AppContext, importId: string, timings?: ImportTimings): Promise<void> {
  await runHolding(ctx.db, importHold(importId), () => runHeldImport(ctx, importId, timings));
}

async function runHeldImport(ctx: AppContext, importId: string, timings?: ImportTimings): Promise<void> {
  const [row] = await ctx.db.select(importColumns).from(imports).where(eq(imports.id, importId)).limit(1);
  if (!row || (row.state !== 'checking' && row.state !== 'importing') || !row.mapping) return;
  const dryRun = row.mode === 'dry_run';
  const update = !dryRun && row.onChanged === 'update';
  const mapping = row.mapping;
  const progress = (set: Partial<typeof imports.$inferInsert>) => ctx.db.update(imports).set({ ...set, updatedAt: new Date() }).where(eq(imports.id, importId));
  let clock = performance.now();
  const lap = (phase: Exclude<keyof ImportTimings, 'write'>) => {
    const now = performance.now();
    if (timings) timings[phase] += now - clock;
    clock = now;
  };
  let writing: Promise<void> | null = null;
  // Converting and sealing hand the event loop back often, so that the batch being written goes on meanwhile.
  const pace = new Pace();
  try {
    // The importer, as they are now: a disabled account or a role that lost the right stops the job.
    const [user] = await ctx.db.select().from(users).where(and(eq(users.id, row.createdBy), isNull(users.disabledAt))).limit(1);
    const [org] = await ctx.db.select().from(organisations).where(eq(organisations.id, row.organisationId)).limit(1);
    if (!user || !org) throw new ImportStopped('the importing account is disabled');
    const actor: Actor = { userId: user.id, organisationId: user.organisationId, role: user.role as Role, stage: 'active', sessionId: `import:${importId}` };
    if (!mayAttempt(actor, 'incident:import')) throw new ImportStopped('the importing account may no longer import');

    const table = await readImportTable(ctx, row);
    lap('read');
    const repeats = mapping.repeats.map((r) => {
      const sheet = table.others.find((t) => t.sheet === r.sheet);
      if (!sheet) throw new ImportStopped(`repeats: the file has no sheet "${r.sheet}"`);
      return repeatRows(sheet);
    });
    const converter = new RowConverter({
      headers: table.headers, mapping, areas: await loadAreaLookup(ctx.db), fingerprintKey: ctx.master.derive(`import-fingerprint:${org.id}`),
      codes: await orgCodes(ctx.db, org.id), repeats,
      finerDateColumns: (row.profile?.dateColumns ?? []).filter((d) => d.precision === 'day' && d.column !== mapping.columns.occurredFrom).map((d) => d.column),
    });
    const missing = converter.missingColumns();
    if (missing.length) throw new ImportStopped(missing.map((p) => p.rule).join('; '));

    const covered = coveredFields(mapping);
    const rules: ImportChangeRules<CoveredField> = { changedFields: (a, b) => changedFields(a, b, covered), apply: applyChanges, identifying: IDENTIFYING_COVERED };
    const warnings = new WarningTally();
    const rejected: RejectedRow[] = [];
    const changes: ChangedRow[] = [];
    const counts: Counts = { created: 0, skipped: 0, changed: 0, updated: 0, excluded: 0 };

    /**
     * One batch's rows: identified, looked up among the records here, converted, classified (new, unchanged,
     * changed) and, for an import, the new ones sealed. Each step goes over the whole batch before the next:
     * measured faster than taking each row through all of them in turn (a seventh less CPU).
     */
    const prepare = async (start: number, end: number): Promise<Prepared> => {
      const tally: Counts = { created: 0, skipped: 0, changed: 0, updated: 0, excluded: 0 };
      const ids: (RowId | null)[] = [];
      for (let i = start; i < end; i++) {
        await pace.breathe();
        const cells = table.rows[i]!;
        // A row split by a stray quote is rejected, never read with its cells shifted under other headers.
        const width = table.tooWide?.get(i);
        if (width !== undefined) {
          ids.push(null);
          rejected.push({ row: table.rowNumbers[i]!, cells, problems: [problem(table.rowNumbers[i]!, '', '', null, 'cell_count', { cells: width, columns: table.headers.length })] });
        } else if (converter.included(cells)) ids.push(converter.identify(cells, table.rowNumbers[i]!));
        else { ids.push(null); tally.excluded += 1; }
      }
      lap('convert');
      const known = await importedRecords(ctx.db, org.id, ids.flatMap((id) => (!id || id.problem ? [] : id.legacyId ? [id.externalId, id.legacyId] : [id.externalId])));
      lap('classify');
      const valid: Valid[] = [];
      for (let i = start; i < end; i++) {
        const id = ids[i - start];
        if (!id) continue;
        await pace.breathe();
        const cells = table.rows[i]!;
        const row = table.rowNumbers[i]!;
        const result = converter.convert(cells, row, id);
        warnings.add(row, result.notes);
        if (result.ok) valid.push({ row, input: result.input, externalId: result.externalId, legacyId: result.legacyId, digest: result.digest });
        else rejected.push({ row, cells, problems: result.problems });
      }
      // Party names the registry or the organisation's decisions know become links (one look-up per batch).
      const linked = await linkPerpetrators(ctx.db, org.id, valid.map((v) => v.input));
      valid.forEach((v, i) => { v.input = linked[i]!; });
      lap('convert');
      const fresh: Valid[] = [];
      const toUpdate: Prepared['toUpdate'] = [];
      const compared: string[] = [];
      let outOfScope = 0;
      for (const v of valid) {
        const stored = known.get(v.externalId) ?? (v.legacyId ? known.get(v.legacyId) : undefined);
        if (!stored) { fresh.push(v); continue; }
        if (stored.deleted || stored.importDigest === v.digest) { tally.skipped += 1; continue; }
        // The digest differs (or predates digests): compare what the mapping fills with the record as it is now.
        const record = await loadForImport(ctx, actor, org.id, stored.id);
        if (record === 'out_of_scope') { outOfScope += 1; tally.skipped += 1; continue; }
        const fields = record ? importChanges(record, v.input, rules) : [];
        if (record) compared.push(record.reference);
        if (!record || fields.length === 0) { tally.skipped += 1; continue; }
        tally.changed += 1;
        if (changes.length < CHANGES_KEPT) changes.push({ row: v.row, externalId: v.externalId, reference: stored.reference, fields, decided: record.decided });
        if (update) toUpdate.push({ v, record });
      }
      // Comparing reads the records (restricted fields, and identifying ones where the importer may see them);
      // rows naming records the importer may not change are skipped unread, and the attempt is on record.
      if (compared.length || outOfScope) {
        await recordAudit(ctx.db, auditActor(actor, null), { action: 'import.compared', entityType: 'import', entityId: importId, details: { references: compared, outOfScope } });
      }
      lap('classify');
      const sealer = dryRun ? null : new BulkSealer(ctx, actor, org);
      if (!sealer) tally.created += fresh.length;
      else for (const v of fresh) { await pace.breathe(); sealer.add(v); }
      lap('seal');
      return { tally, sealed: sealer?.size ? sealer.batch : null, toUpdate, rowsFrom: table.rowNumbers[start], rowsTo: table.rowNumbers[end - 1], processed: end, rejected: rejected.length };
    };

    /** One batch's writes in one transaction: its new records, its updates and their audit entries, or none of it. */
    const write = async (b: Prepared): Promise<void> => {
      const started = performance.now();
      if (b.sealed || b.toUpdate.length) {
        const done = await copyTransaction(ctx.db, async (tx, copy) => {
          const written = b.sealed ? await createIncidentsBulk(tx, copy, org, b.sealed, { importId, rowsFrom: b.rowsFrom, rowsTo: b.rowsTo }) : { created: 0, skipped: 0 };
          const references: string[] = [];
          const fieldsChanged = new Set<string>();
          for (const { v, record } of b.toUpdate) {
            const result = await updateFromImport(tx, ctx, actor, record, v.input, rules, v.digest);
            if ('fields' in result && result.fields.length) {
              references.push(record.reference);
              result.fields.forEach((f) => fieldsChanged.add(f));
            }
          }
          if (references.length) await auditImportUpdates(tx, actor, { importId, references, fields: [...fieldsChanged].sort() });
          return { ...written, updated: references.length };
        });
        b.tally.created += done.created;
        b.tally.skipped += done.skipped;
        b.tally.updated += done.updated;
      }
      for (const k of COUNTED) counts[k] += b.tally[k];
      if (timings) timings.write += performance.now() - started;
      await progress({ processed: b.processed, ...counts, rejected: b.rejected });
    };

    // The database writes one batch while the next is converted and sealed (2 cores: Node and PostgreSQL
    // each keep one busy). Writes stay in order, one at a time; a failed write stops the run at the next batch.
    for (let start = 0, end = 0; start < table.rows.length; start = end) {
      end = Math.min(start + (start === 0 ? FIRST : BATCH), table.rows.length);
      const next = await prepare(start, end);
      if (writing) await writing;
      lap('wait');
      writing = write(next);
      // Awaited at the next batch or after the loop; marked handled now so that a failure meanwhile is not "unhandled".
      writing.catch(() => undefined);
    }
    if (writing) await writing;
    lap('wait');
    await progress({
      state: dryRun ? 'checked' : 'done', ...counts, rejected: rejected.length, finishedAt: new Date(), warnings: warnings.list(), changes,
      reportSealed: rejected.length ? sealPacked(ctx.master, reportContext(importId), rejected) : null,
    });
    // New records can start an episode: the organisation's early-warning rules are evaluated at once.
    if (!dryRun && counts.created + counts.updated > 0) await ctx.jobs?.send(EVALUATE_QUEUE, { organisationId: row.organisationId });
  } catch (e) {
    // A batch still being written finishes (or fails) first, so its progress cannot overwrite the failure.
    await writing?.catch(() => undefined);
    // Shown to the importer: our own reasons as they are; anything else (a database error can quote the
    // values of a statement) only by its kind. Rows recorded before it stay; running it again skips them.
    const message = e instanceof ImportStopped || e instanceof AppError ? e.message : 'an internal error stopped the import (the server log has the details); rows already recorded stay, and running it again skips them';
    await progress({ state: 'failed', error: message.slice(0, 500), finishedAt: new Date() });
    throw e;
  }
}
