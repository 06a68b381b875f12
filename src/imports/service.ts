/**
 * Imports: upload (the file is read once to check it and list its columns, then kept sealed), look at a
 * column's values, start a dry run or the import (a background job), follow its progress, download the
 * rejected rows, and keep named mappings for the next file of the same form. An import is its uploader's
 * alone (404 for anyone else). Saved mappings are shared within the organisation.
 */
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { appendAudit, recordAudit, auditActor } from '../platform/audit/audit.ts';
import { openPacked, openPackedBytes, sealPackedBytes } from '../platform/crypto/envelope.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import type { ImportDetail, ImportMapping, ImportRun, ImportSummary, ImportValues, RowProblem, SavedMapping } from '../shared/import.ts';
import { readTable } from './parse.ts';
import { suggestMapping } from './suggest.ts';
import { importMappings, imports } from './tables.ts';
import { csvCell } from '../incidents/export.ts';

export const IMPORT_QUEUE = 'imports.run';
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 200_000;
/** Files and rejected rows are dropped this long after the import (counts and mapping stay). */
export const IMPORT_RETENTION_DAYS = 30;
const PROBLEMS_SHOWN = 200;
const STALE_AFTER_MS = 10 * 60_000;

export type ImportRow = typeof imports.$inferSelect;
/** What the job keeps of the rejected rows: their number, cells and every problem. */
export interface RejectedRow { row: number; cells: string[]; problems: RowProblem[] }

export const fileContext = (id: string) => `import:${id}:file`;
export const reportContext = (id: string) => `import:${id}:report`;

export function presentImport(r: ImportRow): ImportSummary {
  return {
    id: r.id, fileName: r.fileName, format: r.format as ImportSummary['format'], sheet: r.sheet, state: r.state as ImportSummary['state'],
    mode: r.mode as ImportSummary['mode'], rows: r.rowCount, processed: r.processed, created: r.created, skipped: r.skipped, rejected: r.rejected,
    error: r.error, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

async function ownImport(ctx: AppContext, actor: Actor, id: string): Promise<ImportRow> {
  authorize(actor, 'incident:import');
  const [row] = await ctx.db.select().from(imports)
    .where(and(eq(imports.organisationId, actor.organisationId), eq(imports.createdBy, actor.userId), eq(imports.id, id))).limit(1);
  if (!row) throw notFound('import');
  return row;
}

export function openReport(ctx: AppContext, row: ImportRow): RejectedRow[] {
  return row.reportSealed ? openPacked<RejectedRow[]>(ctx.master, reportContext(row.id), row.reportSealed) : [];
}

export async function uploadImport(ctx: AppContext, actor: Actor, file: Buffer, q: { name: string; sheet?: string | undefined }, ip: string | null): Promise<ImportDetail> {
  authorize(actor, 'incident:import');
  if (file.length === 0) throw new AppError(400, 'validation_failed', 'file: is empty', [{ field: 'file', message: 'is empty' }]);
  const format = q.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' as const : 'csv' as const;
  const table = await readTable(file, format, q.sheet);
  if (table.rows.length === 0) throw new AppError(400, 'validation_failed', 'file: has a header but no rows', [{ field: 'file', message: 'has a header but no rows' }]);
  if (table.rows.length > MAX_IMPORT_ROWS) throw new AppError(400, 'validation_failed', `file: has ${table.rows.length} rows; split it into files of at most ${MAX_IMPORT_ROWS}`, [{ field: 'file', message: `must have at most ${MAX_IMPORT_ROWS} rows` }]);
  const row = await ctx.db.transaction(async (tx) => {
    const [inserted] = await tx.insert(imports).values({
      organisationId: actor.organisationId, createdBy: actor.userId, fileName: q.name, format, sheet: table.sheet,
      fileSealed: Buffer.alloc(0), columns: table.headers, rowCount: table.rows.length,
    }).returning();
    // Sealed under its own id: the row exists first, then its file.
    const [sealed] = await tx.update(imports).set({ fileSealed: sealPackedBytes(ctx.master, fileContext(inserted!.id), file) }).where(eq(imports.id, inserted!.id)).returning();
    await appendAudit(tx, auditActor(actor, ip), { action: 'import.upload', entityType: 'import', entityId: inserted!.id, details: { format, rows: table.rows.length, columns: table.headers.length } }); // never the file name: it can name a person
    return sealed!;
  });
  return { ...presentImport(row), columns: table.headers, mapping: null, suggested: suggestMapping(table.headers), problems: [] };
}

export async function getImport(ctx: AppContext, actor: Actor, id: string): Promise<ImportDetail> {
  const row = await ownImport(ctx, actor, id);
  const problems = openReport(ctx, row).flatMap((r) => r.problems).slice(0, PROBLEMS_SHOWN);
  return { ...presentImport(row), columns: row.columns, mapping: row.mapping ?? null, suggested: suggestMapping(row.columns), problems };
}

export async function listImports(ctx: AppContext, actor: Actor): Promise<ImportSummary[]> {
  authorize(actor, 'incident:import');
  const rows = await ctx.db.select().from(imports).where(and(eq(imports.organisationId, actor.organisationId), eq(imports.createdBy, actor.userId)))
    .orderBy(desc(imports.createdAt)).limit(50);
  return rows.map(presentImport);
}

export async function readImportTable(ctx: AppContext, row: ImportRow) {
  if (!row.fileSealed || row.fileSealed.length === 0) throw new AppError(410, 'file_gone', 'the uploaded file is no longer kept: upload it again');
  const file = openPackedBytes(ctx.master, fileContext(row.id), row.fileSealed);
  return readTable(file, row.format as 'csv' | 'xlsx', row.sheet ?? undefined);
}

/** The distinct values of one column with how many rows hold each (for mapping values to codes). */
export async function columnValues(ctx: AppContext, actor: Actor, id: string, column: string, ip: string | null, limit = 200): Promise<ImportValues> {
  const row = await ownImport(ctx, actor, id);
  const i = row.columns.indexOf(column);
  if (i < 0) throw new AppError(400, 'validation_failed', `column: the file has no column "${column}"`, [{ field: 'column', message: 'is not a column of the file' }]);
  const table = await readImportTable(ctx, row);
  const counts = new Map<string, number>();
  for (const r of table.rows) counts.set(r[i]!, (counts.get(r[i]!) ?? 0) + 1);
  const items = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([value, rows]) => ({ value, rows }));
  // The file's cells can be identifying (a narrative column): reading them is audited, by column name only.
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'import.values_read', entityType: 'import', entityId: id, details: { column, distinct: items.length } });
  return { column, items: items.slice(0, limit), truncated: items.length > limit };
}

/** Starts a dry run or the import; the job does the work and reports progress on the import's row. */
export async function startImport(ctx: AppContext, actor: Actor, id: string, body: ImportRun, ip: string | null): Promise<ImportSummary> {
  const row = await ownImport(ctx, actor, id);
  if (!ctx.jobs) throw new AppError(503, 'jobs_unavailable', 'background jobs are not running on this server; try again shortly');
  // A run reports progress after every batch (well under a minute apart); one silent for longer died with
  // its server and may be started again (rows already recorded are skipped by their external id).
  const stale = row.updatedAt.getTime() < Date.now() - STALE_AFTER_MS;
  if ((row.state === 'checking' || row.state === 'importing') && !stale) throw new AppError(409, 'import_running', 'this import is already running; wait for it to finish');
  if (row.state === 'done' && row.mode === 'import' && !body.dryRun) {
    // Safe anyway (external ids), but a second click should not look like a second import.
    throw new AppError(409, 'already_imported', 'this file was already imported; upload it again to re-import (rows already imported are skipped)');
  }
  const unknown = Object.entries(body.mapping.columns).filter(([, c]) => !row.columns.includes(c));
  if (unknown.length) {
    throw new AppError(400, 'validation_failed', unknown.map(([f, c]) => `mapping.columns.${f}: the file has no column "${c}"`).join('; '),
      unknown.map(([f]) => ({ field: `mapping.columns.${f}`, message: 'is not a column of the file' })));
  }
  const mode = body.dryRun ? 'dry_run' : 'import';
  const [updated] = await ctx.db.update(imports).set({
    mapping: body.mapping, mode, state: body.dryRun ? 'checking' : 'importing', processed: 0, created: 0, skipped: 0, rejected: 0,
    reportSealed: null, error: null, finishedAt: null, updatedAt: new Date(),
  }).where(and(eq(imports.id, id), sql`(${imports.state} not in ('checking', 'importing') or ${imports.updatedAt} < now() - ${`${STALE_AFTER_MS / 1000} seconds`}::interval)`)).returning();
  if (!updated) throw new AppError(409, 'import_running', 'this import is already running; wait for it to finish');
  await recordAudit(ctx.db, auditActor(actor, ip), { action: body.dryRun ? 'import.dry_run' : 'import.start', entityType: 'import', entityId: id, details: { fields: Object.keys(body.mapping.columns) } });
  await ctx.jobs.send(IMPORT_QUEUE, { importId: id });
  return presentImport(updated);
}

/** The rejected rows as CSV: the file's own columns, then the row number and every problem. Audited. */
export async function rejectedRowsCsv(ctx: AppContext, actor: Actor, id: string, ip: string | null): Promise<string> {
  const row = await ownImport(ctx, actor, id);
  const rejected = openReport(ctx, row);
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'import.rejected_download', entityType: 'import', entityId: id, details: { rows: rejected.length } });
  const line = (cells: (string | number)[]) => `${cells.map(csvCell).join(',')}\r\n`;
  let out = `\uFEFF${line([...row.columns, 'salama_row', 'salama_problems'])}`;
  for (const r of rejected) out += line([...r.cells, r.row, r.problems.map((p) => `${p.column}: ${p.rule}${p.value ? ` (value "${p.value}")` : ''}`).join(' | ')]);
  return out;
}

export async function saveMapping(ctx: AppContext, actor: Actor, name: string, mapping: ImportMapping, ip: string | null): Promise<SavedMapping> {
  authorize(actor, 'incident:import');
  const [row] = await ctx.db.insert(importMappings).values({ organisationId: actor.organisationId, name, mapping, createdBy: actor.userId })
    .onConflictDoUpdate({ target: [importMappings.organisationId, importMappings.name], set: { mapping, createdBy: actor.userId, updatedAt: new Date() } }).returning();
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'import.mapping_saved', entityType: 'import_mapping', entityId: row!.id, details: { name } });
  return { id: row!.id, name: row!.name, mapping: row!.mapping, updatedAt: row!.updatedAt.toISOString() };
}

export async function listMappings(ctx: AppContext, actor: Actor): Promise<SavedMapping[]> {
  authorize(actor, 'incident:import');
  const rows = await ctx.db.select().from(importMappings).where(eq(importMappings.organisationId, actor.organisationId)).orderBy(importMappings.name);
  return rows.map((r) => ({ id: r.id, name: r.name, mapping: r.mapping, updatedAt: r.updatedAt.toISOString() }));
}

/** Drops files and rejected rows of imports older than the retention period (the periodic job runs it). */
export async function purgeOldImportFiles(db: DbOrTx, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - IMPORT_RETENTION_DAYS * 86_400_000);
  const rows = await db.update(imports).set({ fileSealed: null, reportSealed: null })
    .where(and(lt(imports.createdAt, cutoff), sql`(${imports.fileSealed} is not null or ${imports.reportSealed} is not null)`)).returning({ id: imports.id });
  return rows.length;
}
