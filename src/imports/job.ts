/**
 * The import job: reads the sealed file, converts every row through the mapping, and either counts what
 * would happen (dry run) or records the valid rows in batches, one transaction each, reporting progress on
 * the import's row after every batch. Rows with any problem are rejected whole and kept (sealed) with
 * their problems for the report. A crash part-way is safe to run again: rows already recorded are found by
 * their external id and skipped.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import { sealPacked } from '../platform/crypto/envelope.ts';
import { AppError } from '../platform/http/errors.ts';
import { mayAttempt, type Actor } from '../policy/policy.ts';
import { adminAreas } from '../places/tables.ts';
import { ensureBuiltInAreas } from '../places/places.ts';
import { organisations, users } from '../identity/tables.ts';
import type { Role } from '../shared/taxonomy.ts';
import { createIncidentsBulk, type BulkItem } from '../incidents/bulk.ts';
import { existingExternalIds } from '../incidents/store.ts';
import { orgCodes } from '../lookups/service.ts';
import { areaKey, RowConverter, type AreaIndex } from './convert.ts';
import { readImportTable, reportContext, type RejectedRow } from './service.ts';
import { imports } from './tables.ts';

const BATCH = 1000;

/** A reason to stop that can be shown to the importer as is (anything else is reported generically). */
class ImportStopped extends Error {}

async function areaIndex(ctx: AppContext): Promise<AreaIndex> {
  await ensureBuiltInAreas(ctx.db); // a server started before the boundary files were loaded still resolves them
  const rows = await ctx.db.select({ code: adminAreas.code, country: adminAreas.country, level: adminAreas.level, name: adminAreas.name, nameFr: adminAreas.nameFr }).from(adminAreas);
  const index: AreaIndex = { codes: new Map(), names: new Map() };
  for (const r of rows) {
    index.codes.set(r.code, { country: r.country, level: r.level });
    index.names.set(areaKey(r.country, r.level, r.name), r.code);
    if (r.nameFr) index.names.set(areaKey(r.country, r.level, r.nameFr), r.code);
  }
  return index;
}

export async function runImport(ctx: AppContext, importId: string): Promise<void> {
  const [row] = await ctx.db.select().from(imports).where(eq(imports.id, importId)).limit(1);
  if (!row || (row.state !== 'checking' && row.state !== 'importing') || !row.mapping) return;
  const dryRun = row.mode === 'dry_run';
  const progress = (set: Partial<typeof imports.$inferInsert>) => ctx.db.update(imports).set({ ...set, updatedAt: new Date() }).where(eq(imports.id, importId));
  try {
    // The importer, as they are now: a disabled account or a role that lost the right stops the job.
    const [user] = await ctx.db.select().from(users).where(and(eq(users.id, row.createdBy), isNull(users.disabledAt))).limit(1);
    const [org] = await ctx.db.select().from(organisations).where(eq(organisations.id, row.organisationId)).limit(1);
    if (!user || !org) throw new ImportStopped('the importing account is disabled');
    const actor: Actor = { userId: user.id, organisationId: user.organisationId, role: user.role as Role, stage: 'active', sessionId: `import:${importId}` };
    if (!mayAttempt(actor, 'incident:import')) throw new ImportStopped('the importing account may no longer import');

    const table = await readImportTable(ctx, row);
    const converter = new RowConverter(table.headers, row.mapping, await areaIndex(ctx), ctx.master.derive(`import-fingerprint:${org.id}`), await orgCodes(ctx.db, org.id));
    const rejected: RejectedRow[] = [];
    const missing = converter.missingColumns();
    if (missing.length) throw new ImportStopped(missing.map((p) => `${p.column}: ${p.rule}`).join('; '));
    let created = 0;
    let skipped = 0;
    for (let start = 0; start < table.rows.length; start += BATCH) {
      const valid: BulkItem[] = [];
      table.rows.slice(start, start + BATCH).forEach((cells, k) => {
        const rowNumber = table.rowNumbers[start + k]!;
        const result = converter.convert(cells, rowNumber);
        if (result.ok) valid.push({ input: result.input, externalId: result.externalId });
        else rejected.push({ row: rowNumber, cells, problems: result.problems });
      });
      if (dryRun) {
        const known = await existingExternalIds(ctx.db, org.id, valid.map((v) => v.externalId));
        skipped += known.size;
        created += valid.length - known.size;
      } else if (valid.length) {
        const done = await ctx.db.transaction((tx) => createIncidentsBulk(tx, ctx, actor, org, valid, { importId, rowsFrom: table.rowNumbers[start], rowsTo: table.rowNumbers[Math.min(start + BATCH, table.rows.length) - 1] }));
        created += done.created;
        skipped += done.skipped;
      }
      await progress({ processed: Math.min(start + BATCH, table.rows.length), created, skipped, rejected: rejected.length });
    }
    await progress({
      state: dryRun ? 'checked' : 'done', created, skipped, rejected: rejected.length, finishedAt: new Date(),
      reportSealed: rejected.length ? sealPacked(ctx.master, reportContext(importId), rejected) : null,
    });
  } catch (e) {
    // Shown to the importer: our own reasons as they are; anything else (a database error can quote the
    // values of a statement) only by its kind. Rows recorded before it stay; running again skips them.
    const message = e instanceof ImportStopped || e instanceof AppError ? e.message : 'an internal error stopped the import (the server log has the details); rows already recorded stay, and running it again skips them';
    await progress({ state: 'failed', error: message.slice(0, 500), finishedAt: new Date() });
    throw e;
  }
}
