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
import type { AppContext } from '../platform/context.ts';
import { sealPacked } from '../platform/crypto/envelope.ts';
import { AppError } from '../platform/http/errors.ts';
import { mayAttempt, type Actor } from '../policy/policy.ts';
import { organisations, users } from '../identity/tables.ts';
import type { ChangedRow } from '../shared/import.ts';
import type { Role } from '../shared/taxonomy.ts';
import { createIncidentsBulk, type BulkItem } from '../incidents/bulk.ts';
import { auditImportUpdates, loadForImport, updateFromImport, type ImportChangeRules } from '../incidents/import-update.ts';
import { importedRecords } from '../incidents/store.ts';
import { orgCodes } from '../lookups/service.ts';
import { loadAreaLookup } from './areas.ts';
import { applyChanges, changedFields, coveredFields, IDENTIFYING_COVERED, type CoveredField } from './changes.ts';
import { RowConverter } from './convert.ts';
import { repeatRows } from './repeats.ts';
import { importColumns, readImportTable, reportContext, type RejectedRow } from './service.ts';
import { imports } from './tables.ts';
import { WarningTally } from './warnings.ts';

const BATCH = 1000;
const CHANGES_KEPT = 200;

/** A reason to stop that can be shown to the importer as is (anything else is reported generically). */
class ImportStopped extends Error {}

interface Valid extends BulkItem { row: number; legacyId: string | null; digest: string }

export async function runImport(ctx: AppContext, importId: string): Promise<void> {
  const [row] = await ctx.db.select(importColumns).from(imports).where(eq(imports.id, importId)).limit(1);
  if (!row || (row.state !== 'checking' && row.state !== 'importing') || !row.mapping) return;
  const dryRun = row.mode === 'dry_run';
  const update = !dryRun && row.onChanged === 'update';
  const mapping = row.mapping;
  const progress = (set: Partial<typeof imports.$inferInsert>) => ctx.db.update(imports).set({ ...set, updatedAt: new Date() }).where(eq(imports.id, importId));
  try {
    // The importer, as they are now: a disabled account or a role that lost the right stops the job.
    const [user] = await ctx.db.select().from(users).where(and(eq(users.id, row.createdBy), isNull(users.disabledAt))).limit(1);
    const [org] = await ctx.db.select().from(organisations).where(eq(organisations.id, row.organisationId)).limit(1);
    if (!user || !org) throw new ImportStopped('the importing account is disabled');
    const actor: Actor = { userId: user.id, organisationId: user.organisationId, role: user.role as Role, stage: 'active', sessionId: `import:${importId}` };
    if (!mayAttempt(actor, 'incident:import')) throw new ImportStopped('the importing account may no longer import');

    const table = await readImportTable(ctx, row);
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
    const counts = { created: 0, skipped: 0, changed: 0, updated: 0, excluded: 0 };

    for (let start = 0; start < table.rows.length; start += BATCH) {
      const valid: Valid[] = [];
      table.rows.slice(start, start + BATCH).forEach((cells, k) => {
        const rowNumber = table.rowNumbers[start + k]!;
        if (!converter.included(cells)) { counts.excluded += 1; return; }
        const result = converter.convert(cells, rowNumber);
        warnings.add(rowNumber, result.notes);
        if (result.ok) valid.push({ row: rowNumber, input: result.input, externalId: result.externalId, legacyId: result.legacyId, digest: result.digest });
        else rejected.push({ row: rowNumber, cells, problems: result.problems });
      });
      const known = await importedRecords(ctx.db, org.id, valid.flatMap((v) => (v.legacyId ? [v.externalId, v.legacyId] : [v.externalId])));
      const fresh: Valid[] = [];
      const toUpdate: { v: Valid; record: NonNullable<Awaited<ReturnType<typeof loadForImport>>> }[] = [];
      for (const v of valid) {
        const stored = known.get(v.externalId) ?? (v.legacyId ? known.get(v.legacyId) : undefined);
        if (!stored) { fresh.push(v); continue; }
        if (stored.deleted || stored.importDigest === v.digest) { counts.skipped += 1; continue; }
        // The digest differs (or predates digests): compare what the mapping fills with the record as it is now.
        const record = await loadForImport(ctx, actor, org.id, stored.id);
        const fields = record ? rules.changedFields(record.current, v.input) : [];
        if (!record || fields.length === 0) { counts.skipped += 1; continue; }
        counts.changed += 1;
        if (changes.length < CHANGES_KEPT) changes.push({ row: v.row, externalId: v.externalId, reference: stored.reference, fields, decided: record.decided });
        if (update) toUpdate.push({ v, record });
      }
      if (dryRun) {
        counts.created += fresh.length;
      } else {
        const rowsFrom = table.rowNumbers[start];
        const rowsTo = table.rowNumbers[Math.min(start + BATCH, table.rows.length) - 1];
        await ctx.db.transaction(async (tx) => {
          if (fresh.length) {
            const done = await createIncidentsBulk(tx, ctx, actor, org, fresh, { importId, rowsFrom, rowsTo });
            counts.created += done.created;
            counts.skipped += done.skipped;
          }
          const references: string[] = [];
          const fieldsChanged = new Set<string>();
          for (const { v, record } of toUpdate) {
            const result = await updateFromImport(tx, ctx, actor, record, v.input, rules, v.digest);
            if ('fields' in result && result.fields.length) {
              counts.updated += 1;
              references.push(record.reference);
              result.fields.forEach((f) => fieldsChanged.add(f));
            }
          }
          if (references.length) await auditImportUpdates(tx, actor, { importId, references, fields: [...fieldsChanged].sort() });
        });
      }
      await progress({ processed: Math.min(start + BATCH, table.rows.length), ...counts, rejected: rejected.length });
    }
    await progress({
      state: dryRun ? 'checked' : 'done', ...counts, rejected: rejected.length, finishedAt: new Date(), warnings: warnings.list(), changes,
      reportSealed: rejected.length ? sealPacked(ctx.master, reportContext(importId), rejected) : null,
    });
  } catch (e) {
    // Shown to the importer: our own reasons as they are; anything else (a database error can quote the
    // values of a statement) only by its kind. Rows recorded before it stay; running it again skips them.
    const message = e instanceof ImportStopped || e instanceof AppError ? e.message : 'an internal error stopped the import (the server log has the details); rows already recorded stay, and running it again skips them';
    await progress({ state: 'failed', error: message.slice(0, 500), finishedAt: new Date() });
    throw e;
  }
}
