/**
 * Imports: upload (the file is read once to check it and list its columns, then kept sealed), look at a
 * column's values, start a dry run or the import (a background job), follow its progress, download the
 * rejected rows, and keep named mappings for the next file of the same form. An import is its uploader's
 * alone (404 for anyone else). Saved mappings are shared within the organisation.
 */
import { and, desc, eq, getTableColumns, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { escapeLiteral } from 'pg';
import type { AppContext } from '../platform/context.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { readBytes } from '../platform/db/copy.ts';
import { appendAudit, recordAudit, auditActor } from '../platform/audit/audit.ts';
import { openPacked, openPackedBytes, sealPacked, sealPackedBytes, type MasterKey } from '../platform/crypto/envelope.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { heldNames, notHeld } from '../platform/jobs/holds.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import {
  normaliseKey, REJECTED_MARKER_COLUMNS, RowFilters, VALUE_SEPARATORS, type ImportDetail, type ImportMapping, type ImportPreview, type ImportRun, type ImportSummary, type ImportValues,
  type RowProblem, type SavedMapping, type TextEncoding,
} from '../shared/import.ts';
import { checkMappedParties } from './party-mapping.ts';
import { readTable, type Table } from './parse.ts';
import { profileTable, suggestMapping } from './suggest.ts';
import { importMappings, imports } from './tables.ts';

export const IMPORT_QUEUE = 'imports.run';
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 200_000;
/** Files and rejected rows are dropped this long after the import (counts and mapping stay). */
export const IMPORT_RETENTION_DAYS = 30;
const PROBLEMS_SHOWN = 200;
/** A run just started may wait this long in the queue before its worker holds it. */
const QUEUED_GRACE_MS = 60_000;
/** The advisory lock a running import holds (platform/jobs/holds.ts): nobody holding it means nobody runs it. */
export const importHold = (importId: string) => `salama:import:${importId}`;
export const INTERRUPTED = 'the server stopped while this ran; run it again: rows already recorded are skipped';

/**
 * Every column but the sealed file, which is fetched only to be read (`readImportTable`): 18 MB for a
 * 100,000-row file, twice that as the hex text a plain SELECT returns, on every look at an import.
 */
const { fileSealed: _file, ...importColumns } = getTableColumns(imports);
export { importColumns };
export type ImportRow = Omit<typeof imports.$inferSelect, 'fileSealed'>;
/** What the job keeps of the rejected rows: their number, cells and every problem. */
export interface RejectedRow { row: number; cells: string[]; problems: RowProblem[] }

export const fileContext = (id: string) => `import:${id}:file`;
export const reportContext = (id: string) => `import:${id}:report`;
const nameContext = (id: string) => `import:${id}:name`;

export function presentImport(master: MasterKey, r: ImportRow): ImportSummary {
  return {
    id: r.id, fileName: r.fileNameSealed ? openPacked<string>(master, nameContext(r.id), r.fileNameSealed) : (r.fileName ?? ''), format: r.format as ImportSummary['format'], sheet: r.sheet, state: r.state as ImportSummary['state'],
    mode: r.mode as ImportSummary['mode'], rows: r.rowCount, processed: r.processed, created: r.created, skipped: r.skipped, rejected: r.rejected,
    changed: r.changed, updated: r.updated, excluded: r.excluded, onChanged: r.onChanged as ImportSummary['onChanged'],
    error: r.error, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

async function ownImport(ctx: AppContext, actor: Actor, id: string): Promise<ImportRow> {
  authorize(actor, 'incident:import');
  const [row] = await ctx.db.select(importColumns).from(imports)
    .where(and(eq(imports.organisationId, actor.organisationId), eq(imports.createdBy, actor.userId), eq(imports.id, id))).limit(1);
  if (!row) throw notFound('import');
  return row;
}

export function openReport(ctx: AppContext, row: ImportRow): RejectedRow[] {
  return row.reportSealed ? openPacked<RejectedRow[]>(ctx.master, reportContext(row.id), row.reportSealed) : [];
}

export async function uploadImport(ctx: AppContext, actor: Actor, file: Buffer, q: { name: string; sheet?: string | undefined; encoding?: TextEncoding | undefined }, ip: string | null): Promise<ImportDetail> {
  authorize(actor, 'incident:import');
  if (file.length === 0) throw new AppError(400, 'validation_failed', 'file: is empty', [{ field: 'file', code: 'file_empty' }]);
  const format = q.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' as const : 'csv' as const;
  const table = await readTable(file, format, q.sheet, q.encoding);
  checkRows(table);
  const profile = profileTable(table);
  const row = await ctx.db.transaction(async (tx) => {
    const [inserted] = await tx.insert(imports).values({
      organisationId: actor.organisationId, createdBy: actor.userId, format, sheet: table.sheet,
      fileSealed: Buffer.alloc(0), columns: table.headers, rowCount: table.rows.length, profile,
      encodingDetected: table.encoding?.detected ?? null, encoding: table.encoding?.used ?? null,
    }).returning();
    // Sealed under its own id: the row exists first, then its file.
    const [sealed] = await tx.update(imports).set({
      fileSealed: sealPackedBytes(ctx.master, fileContext(inserted!.id), file), fileNameSealed: sealPacked(ctx.master, nameContext(inserted!.id), q.name),
    }).where(eq(imports.id, inserted!.id)).returning(importColumns);
    await appendAudit(tx, auditActor(actor, ip), { action: 'import.upload', entityType: 'import', entityId: inserted!.id, details: { format, rows: table.rows.length, columns: table.headers.length, encoding: table.encoding?.used ?? null } }); // never the file name: it can name a person
    return sealed!;
  });
  return detailOf(ctx, row, table);
}

function checkRows(table: Table): void {
  if (table.rows.length === 0) throw new AppError(400, 'validation_failed', 'file: has a header but no rows', [{ field: 'file', code: 'file_no_rows' }]);
  if (table.rows.length > MAX_IMPORT_ROWS) throw new AppError(400, 'validation_failed', `file: has ${table.rows.length} rows; split it into files of at most ${MAX_IMPORT_ROWS}`, [{ field: 'file', code: 'file_too_many_rows', params: { max: MAX_IMPORT_ROWS } }]);
}

/** The import as the wizard reads it; the proposal needs the file's values, so it is made while the file is open. */
function detailOf(ctx: AppContext, row: ImportRow, table?: Table): ImportDetail {
  const profile = row.profile ?? { dateColumns: [], sheets: [], rejectedFile: false };
  const problems = openReport(ctx, row).flatMap((r) => r.problems).slice(0, PROBLEMS_SHOWN);
  return {
    ...presentImport(ctx.master, row), columns: row.columns, profile, mapping: row.mapping ?? null, mappingDraft: row.mappingDraft ?? null,
    encoding: row.encoding && row.encodingDetected ? { detected: row.encodingDetected, used: row.encoding } : null,
    suggested: suggestMapping(table ?? { headers: row.columns, rows: [] }, profile), problems, warnings: row.warnings, changes: row.changes,
  };
}

export async function getImport(ctx: AppContext, actor: Actor, id: string): Promise<ImportDetail> {
  return detailOf(ctx, await ownImport(ctx, actor, id));
}

/** Reads the uploaded file again in another encoding: its columns, profile and proposal are read again. */
export async function rereadImport(ctx: AppContext, actor: Actor, id: string, encoding: TextEncoding, ip: string | null): Promise<ImportDetail> {
  const row = await ownImport(ctx, actor, id);
  if (row.format !== 'csv') throw new AppError(400, 'validation_failed', 'encoding: only a CSV file is read in an encoding (an XLSX says its own)', [{ field: 'encoding', code: 'csv_only' }]);
  if (row.state === 'checking' || row.state === 'importing') throw new AppError(409, 'import_running', 'this import is running; wait for it to finish');
  const table = await readImportTable(ctx, { ...row, encoding });
  checkRows(table);
  // What the last run found was read in the old encoding: it goes, with the mapping made for the old columns.
  const [updated] = await ctx.db.update(imports).set({
    encoding, columns: table.headers, rowCount: table.rows.length, profile: profileTable(table), mapping: null, mappingDraft: null, mode: null, state: 'uploaded',
    reportSealed: null, warnings: [], changes: [], processed: 0, created: 0, skipped: 0, rejected: 0, changed: 0, updated: 0, excluded: 0, error: null, finishedAt: null, updatedAt: new Date(),
  }).where(and(eq(imports.id, id), sql`${imports.state} not in ('checking', 'importing')`)).returning(importColumns);
  if (!updated) throw new AppError(409, 'import_running', 'this import is running; wait for it to finish');
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'import.reread', entityType: 'import', entityId: id, details: { encoding } });
  return detailOf(ctx, updated, table);
}

/** Keeps the wizard's mapping in progress on the server (tablets are shared: never in the browser). */
export async function saveImportDraft(ctx: AppContext, actor: Actor, id: string, mapping: ImportMapping): Promise<void> {
  await ownImport(ctx, actor, id);
  await ctx.db.update(imports).set({ mappingDraft: mapping }).where(eq(imports.id, id));
}

export async function listImports(ctx: AppContext, actor: Actor): Promise<ImportSummary[]> {
  authorize(actor, 'incident:import');
  const rows = await ctx.db.select(importColumns).from(imports).where(and(eq(imports.organisationId, actor.organisationId), eq(imports.createdBy, actor.userId)))
    .orderBy(desc(imports.createdAt)).limit(50);
  return rows.map((r) => presentImport(ctx.master, r));
}

/** The sealed file as bytes (read through COPY: see readBytes). */
const sealedFile = (ctx: AppContext, id: string) => readBytes(ctx.db, `SELECT file_sealed FROM imports WHERE id = ${escapeLiteral(id)}`);

export async function readImportTable(ctx: AppContext, row: ImportRow) {
  const sealed = await sealedFile(ctx, row.id);
  if (!sealed || sealed.length === 0) throw new AppError(410, 'file_gone', 'the uploaded file is no longer kept: upload it again');
  const file = openPackedBytes(ctx.master, fileContext(row.id), sealed);
  return readTable(file, row.format as 'csv' | 'xlsx', row.sheet ?? undefined, row.encoding ?? undefined);
}

/**
 * The distinct values of one column with how many rows hold each (for mapping values to codes): searched,
 * paged, every value reachable. Cells holding several values are split first when asked.
 */
export async function columnValues(ctx: AppContext, actor: Actor, id: string, q: { column: string; q?: string | undefined; split?: ImportMapping['separator'] | undefined; offset: number; limit: number; filters?: string | undefined }, ip: string | null): Promise<ImportValues> {
  const row = await ownImport(ctx, actor, id);
  const filters = parseFilters(q.filters);
  const table = await readImportTable(ctx, row);
  // Only the rows the mapping's filter keeps (the main sheet's); a repeat sheet's values are all counted.
  const keep = filters.map((f) => ({ i: table.headers.indexOf(f.column), values: new Set(f.values) }));
  const kept = (r: string[]) => keep.every((f) => f.i < 0 || f.values.has((r[f.i] ?? '').trim()));
  const sheet = [table, ...table.others].find((t) => t.headers.includes(q.column) && (t === table || !row.columns.includes(q.column)));
  const i = sheet ? sheet.headers.indexOf(q.column) : -1;
  if (!sheet || i < 0) throw new AppError(400, 'validation_failed', `column: the file has no column "${q.column}"`, [{ field: 'column', code: 'no_such_column', params: { column: q.column } }]);
  const counts = new Map<string, number>();
  let empty = 0;
  for (const r of sheet.rows) {
    if (sheet === table && !kept(r)) continue;
    const cell = (r[i] ?? '').trim();
    if (cell === '') { empty += 1; continue; }
    const parts = q.split ? [...new Set(cell.split(VALUE_SEPARATORS[q.split]).map((p) => p.trim()).filter(Boolean))] : [cell.replace(/\s+/g, ' ')];
    for (const p of parts) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  const needle = q.q ? normaliseKey(q.q) : '';
  const items = [...counts].filter(([v]) => !needle || normaliseKey(v).includes(needle))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([value, rows]) => ({ value, rows }));
  // The file's cells can be identifying (a narrative column): reading them is audited, by column name only.
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'import.values_read', entityType: 'import', entityId: id, details: { column: q.column, distinct: counts.size } });
  return { column: q.column, items: items.slice(q.offset, q.offset + q.limit), total: items.length, empty, offset: q.offset };
}

function parseFilters(text: string | undefined): ImportMapping['filters'] {
  if (!text) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError(400, 'validation_failed', 'filters: must be the mapping\'s row filter as JSON', [{ field: 'filters', code: 'not_row_filter' }]);
  }
  const parsed = RowFilters.safeParse(json);
  if (!parsed.success) throw new AppError(400, 'validation_failed', 'filters: is not the mapping\'s row filter', [{ field: 'filters', code: 'not_row_filter' }]);
  return parsed.data;
}

const PREVIEW_ROWS = 5;
/** A few characters either side of the first letter beyond ASCII: enough to judge the encoding, no more of a cell that may be a narrative. */
function around(v: string, i: number): string {
  const from = Math.max(0, i - 12);
  const to = Math.min(v.length, i + 18);
  return `${from > 0 ? '…' : ''}${v.slice(from, to)}${to < v.length ? '…' : ''}`;
}
/** The first rows with text beyond ASCII, only those cells: enough to see whether the encoding reads right. Audited. */
export async function previewImport(ctx: AppContext, actor: Actor, id: string, ip: string | null): Promise<ImportPreview> {
  const row = await ownImport(ctx, actor, id);
  if (row.format !== 'csv') throw new AppError(400, 'validation_failed', 'encoding: an XLSX file says its own encoding; only a CSV is previewed', [{ field: 'encoding', code: 'csv_only' }]);
  const table = await readImportTable(ctx, row);
  const rows: ImportPreview['rows'] = [];
  const beyondAscii = /[^\x00-\x7f]/;
  for (let k = 0; k < table.rows.length && rows.length < PREVIEW_ROWS; k++) {
    const cells = table.rows[k]!.flatMap((v, j) => (beyondAscii.test(v) ? [{ column: table.headers[j]!, value: around(v, v.search(beyondAscii)) }] : []));
    if (cells.length) rows.push({ row: table.rowNumbers[k]!, cells: cells.slice(0, 6) });
  }
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'import.preview_read', entityType: 'import', entityId: id, details: { rows: rows.length } });
  return { encoding: table.encoding?.used ?? null, rows };
}

/** At start: names an older version stored in clear are sealed (a few rows at most, once). */
export async function sealLegacyNames(ctx: AppContext): Promise<number> {
  const legacy = await ctx.db.select({ id: imports.id, fileName: imports.fileName }).from(imports).where(isNotNull(imports.fileName));
  for (const r of legacy) {
    await ctx.db.update(imports).set({ fileNameSealed: sealPacked(ctx.master, nameContext(r.id), r.fileName), fileName: null }).where(eq(imports.id, r.id));
  }
  return legacy.length;
}

/**
 * At start, before workers run: an import left checking or importing that no worker holds was cut off by a
 * stop or a crash. It is marked failed with a plain reason, so its owner can run it again at once.
 */
export async function recoverInterruptedImports(ctx: AppContext): Promise<number> {
  const running = await ctx.db.select({ id: imports.id }).from(imports).where(inArray(imports.state, ['checking', 'importing']));
  const orphans = await notHeld(ctx.db, running.map((r) => r.id), importHold);
  if (orphans.length === 0) return 0;
  await ctx.db.update(imports).set({ state: 'failed', error: INTERRUPTED, finishedAt: new Date(), updatedAt: new Date() })
    .where(and(inArray(imports.id, orphans), inArray(imports.state, ['checking', 'importing'])));
  return orphans.length;
}

/** Starts a dry run or the import; the job does the work and reports progress on the import's row. */
export async function startImport(ctx: AppContext, actor: Actor, id: string, body: ImportRun, ip: string | null): Promise<ImportSummary> {
  const row = await ownImport(ctx, actor, id);
  if (!ctx.jobs) throw new AppError(503, 'jobs_unavailable', 'background jobs are not running on this server; try again shortly');
  // A run is running while its worker holds it (or, just started, waits in the queue); one nobody holds
  // died with its server and may be started again at once (rows already recorded are skipped).
  const running = row.state === 'checking' || row.state === 'importing';
  if (running && (row.updatedAt.getTime() > Date.now() - QUEUED_GRACE_MS || (await heldNames(ctx.db, [importHold(id)])).size > 0)) {
    throw new AppError(409, 'import_running', 'this import is already running; wait for it to finish');
  }
  if (row.state === 'done' && row.mode === 'import' && !body.dryRun) {
    // Safe anyway (external ids), but a second click should not look like a second import.
    throw new AppError(409, 'already_imported', 'this file was already imported; upload it again to re-import (rows already imported are skipped)');
  }
  // Every column the mapping names on the main sheet, by the field that names it (repeat sheets are checked by the job).
  const m = body.mapping;
  const named: [string, string][] = [
    ...Object.entries(m.columns).map(([f, c]) => [`mapping.columns.${f}`, c] as [string, string]),
    ...m.more.perpetrators.flatMap((g, k) => Object.entries(g).map(([p, c]) => [`mapping.more.perpetrators.${k}.${p}`, c] as [string, string])),
    ...m.more.sources.flatMap((g, k) => Object.entries(g).map(([p, c]) => [`mapping.more.sources.${k}.${p}`, c] as [string, string])),
    ...m.filters.map((f, k) => [`mapping.filters.${k}.column`, f.column] as [string, string]),
  ];
  const unknown = named.filter(([, c]) => !row.columns.includes(c));
  if (unknown.length) {
    throw new AppError(400, 'validation_failed', unknown.map(([f, c]) => `${f}: the file has no column "${c}"`).join('; '),
      unknown.map(([f, c]) => ({ field: f, code: 'no_such_column', params: { column: c } })));
  }
  // The parties chosen for party values: ones the organisation can use, checked before the job starts.
  await checkMappedParties(ctx.db, actor.organisationId, m);
  const mode = body.dryRun ? 'dry_run' : 'import';
  const [updated] = await ctx.db.update(imports).set({
    mapping: body.mapping, mappingDraft: body.mapping, mode, state: body.dryRun ? 'checking' : 'importing', onChanged: body.onChanged,
    processed: 0, created: 0, skipped: 0, rejected: 0, changed: 0, updated: 0, excluded: 0, warnings: [], changes: [],
    reportSealed: null, error: null, finishedAt: null, updatedAt: new Date(),
  }).where(and(eq(imports.id, id), sql`(${imports.state} not in ('checking', 'importing') or ${imports.updatedAt} < now() - ${`${QUEUED_GRACE_MS / 1000} seconds`}::interval)`)).returning();
  if (!updated) throw new AppError(409, 'import_running', 'this import is already running; wait for it to finish');
  await recordAudit(ctx.db, auditActor(actor, ip), { action: body.dryRun ? 'import.dry_run' : 'import.start', entityType: 'import', entityId: id, details: { fields: Object.keys(body.mapping.columns), onChanged: body.onChanged } });
  await ctx.jobs.send(IMPORT_QUEUE, { importId: id });
  return presentImport(ctx.master, updated);
}

/**
 * A cell of the rejected-rows file: RFC 4180 quoting, and a cell a spreadsheet would run as a formula
 * (=, +, -, @, tab, return; but not a plain number such as a negative coordinate) gets a leading apostrophe.
 * The file carries Salama's marker columns, and the importer takes the apostrophe off again (parse.ts), so
 * the corrected file imports exactly what it held.
 */
export function rejectedCell(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s) && !/^[-+]?\d+([.,]\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The rejected rows as CSV: the file's own columns, then the row number and every problem. Audited. */
export async function rejectedRowsCsv(ctx: AppContext, actor: Actor, id: string, ip: string | null): Promise<string> {
  const row = await ownImport(ctx, actor, id);
  const rejected = openReport(ctx, row);
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'import.rejected_download', entityType: 'import', entityId: id, details: { rows: rejected.length } });
  const line = (cells: (string | number)[]) => `${cells.map(rejectedCell).join(',')}\r\n`;
  // A corrected file handed back again has the marker columns already: they are replaced, not repeated.
  const own = row.columns.map((c, i) => ((REJECTED_MARKER_COLUMNS as readonly string[]).includes(c) ? -1 : i)).filter((i) => i >= 0);
  let out = `\uFEFF${line([...own.map((i) => row.columns[i]!), ...REJECTED_MARKER_COLUMNS])}`;
  for (const r of rejected) out += line([...own.map((i) => r.cells[i] ?? ''), r.row, r.problems.map((p) => `${p.column}: ${p.rule}${p.value ? ` (value "${p.value}")` : ''}`).join(' | ')]);
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
