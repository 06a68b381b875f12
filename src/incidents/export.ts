/**
 * Export of what the user may see, as CSV, XLSX or JSON, optionally with an HXL hashtag row, streamed in
 * batches with no row cap (the encrypted package is export-package.ts). Identifying fields (narrative,
 * locality, coordinates, individual victims) never leave through an export. Coded columns come as codes,
 * labels in the chosen language or both (export-columns.ts), a row per incident or per violation.
 * `purpose=mara_working_group` keeps only records whose consent allows sharing with the working group;
 * `agency` is the organisation's own working copy. Every export, and every count of one, is audited with its
 * options, filters and size.
 */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AppContext } from '../platform/context.ts';
import { recordAudit, auditActor } from '../platform/audit/audit.ts';
import { authorize, incidentScope, type Actor, type IncidentScope } from '../policy/policy.ts';
import type { ExportRows, IncidentExportCount, IncidentExportQuery } from '../shared/export.ts';
import { presentSummary, tally } from './presenter.ts';
import { countIncidents, countViolations, incidentBatch, referencesOf, sharedWithWorkingGroup, violationsOf, type IncidentFilters } from './store.ts';
import { csvLine } from '../shared/csv.ts';
import { exportColumns, type Cell, type ExportColumn, type ExportRecord, type ExportRow } from './export-columns.ts';
import { labellerFor, type Labeller } from './export-labels.ts';

export { EXPORT_COLUMNS, exportColumns } from './export-columns.ts';

const BATCH = 1000;

/** Said wherever a per-violation export is described (JSON "note", the package's README, the web panel). */
export const VIOLATION_ROWS_NOTE = 'One row per violation: its form and the victims of that form, the incident\'s other columns repeated, '
  + 'numbered by violation_number within the incident. A person who suffered several forms is in several rows, so victims summed '
  + 'over these rows count people more than once; count people (distinct victims) from an export with one row per incident.';

/** Kept here too: the export's tests and callers name it with the export. */
export { csvCell } from '../shared/csv.ts';

/** A file being streamed: `records` incidents in `rows` rows (more rows than records when one per violation). */
export interface ExportResult { stream: Readable; records: number; rows: number; fileName: string; contentType: string }

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

interface Selection { scope: IncidentScope; filters: IncidentFilters; extra: Parameters<typeof incidentBatch>[5]; rowsPer: ExportRows }

/** Which records an export of this query holds: the actor's scope, the filters, and consent for the purpose. */
function selection(actor: Actor, q: IncidentExportQuery): Selection {
  authorize(actor, 'incident:export');
  const { format: _f, hxl: _h, purpose, labels: _l, lang: _g, rows: rowsPer, ...filters } = q;
  return { scope: incidentScope(actor)!, filters, extra: purpose === 'mara_working_group' ? sharedWithWorkingGroup : undefined, rowsPer };
}

async function sizeOf(ctx: AppContext, s: Selection): Promise<IncidentExportCount> {
  const records = await countIncidents(ctx.db, s.scope, s.filters, s.extra);
  return { records, rows: s.rowsPer === 'violation' ? await countViolations(ctx.db, s.scope, s.filters, s.extra) : records };
}

/** The options of an export as the audit keeps them: names and values of choices, never data. */
const optionsOf = (q: IncidentExportQuery) => ({ format: q.format, hxl: q.hxl, purpose: q.purpose, labels: q.labels, lang: q.lang, rowsPer: q.rows });

/** How many records (and rows) an export with these filters and options would hold; audited like a list view. */
export async function countExport(ctx: AppContext, actor: Actor, q: IncidentExportQuery, ip: string | null): Promise<IncidentExportCount> {
  const s = selection(actor, q);
  const size = await sizeOf(ctx, s);
  await recordAudit(ctx.db, auditActor(actor, ip), {
    action: 'incident.export_count', entityType: 'incident',
    details: { purpose: q.purpose, rowsPer: q.rows, ...size, filters: Object.keys(s.filters) },
  });
  return size;
}

export async function exportIncidents(ctx: AppContext, actor: Actor, q: IncidentExportQuery, ip: string | null, opts: { batchSize?: number; packaged?: boolean } = {}): Promise<ExportResult> {
  const s = selection(actor, q);
  const size = await sizeOf(ctx, s);
  await recordAudit(ctx.db, auditActor(actor, ip), {
    action: 'incident.export', entityType: 'incident',
    details: { ...optionsOf(q), ...size, filters: Object.keys(s.filters), ...(opts.packaged ? { packaged: true } : {}) },
  });
  const columns = exportColumns({ labels: q.labels, lang: q.lang, rows: q.rows });
  const labeller = await labellerFor(ctx.db, s.scope.organisationId, q.lang, q.labels);
  const cells = cellBatches(rowBatches(ctx, s, opts.batchSize ?? BATCH), columns, labeller);
  const stream = q.format === 'xlsx'
    // Arabic labels read right to left: the sheet opens that way too.
    ? xlsxStream(columns, cells, { hxl: q.hxl, rightToLeft: q.lang === 'ar' && q.labels !== 'codes' })
    : Readable.from(text(columns, cells, q.format, q.hxl, q.rows === 'violation' ? VIOLATION_ROWS_NOTE : null));
  return { stream, ...size, fileName: `salama-incidents-${new Date().toISOString().slice(0, 10)}.${q.format}`, contentType: CONTENT_TYPES[q.format] };
}

/** Everything matching, batch by batch, in a stable order (keyset paging: no offset, no cap). */
async function* rowBatches(ctx: AppContext, s: Selection, batchSize: number): AsyncGenerator<ExportRow[]> {
  let after: { occurredFrom: string; id: string } | null = null;
  for (;;) {
    const { rows, forms } = await incidentBatch(ctx.db, s.scope, s.filters, after, batchSize, s.extra);
    if (rows.length === 0) return;
    // A sharing export names a linked record only if that record may be shared too.
    const linked = await referencesOf(ctx.db, s.scope.organisationId, rows.map((r) => r.canonicalId).filter((id): id is string => id !== null), s.extra);
    const records = rows.map((row): ExportRecord => ({
      linkedToReference: row.canonicalId ? linked.get(row.canonicalId) ?? null : null,
      ...presentSummary(row, forms.get(row.id) ?? []),
      perpetrators: row.perpetrators as ExportRecord['perpetrators'], sources: row.sources as ExportRecord['sources'], referrals: row.referrals as ExportRecord['referrals'],
    }));
    if (s.rowsPer === 'incident') yield records.map((r) => ({ ...r, violation: null }));
    else {
      // A form filter keeps only that form's violations as rows (countViolations counts the same ones).
      const violations = await violationsOf(ctx.db, s.scope.organisationId, rows.map((r) => r.id), s.filters.form);
      yield records.flatMap((r) => (violations.get(r.id) ?? []).map((v) => ({ ...r, violation: { number: v.position + 1, form: v.form, victims: tally(v) } })));
    }
    const last = rows[rows.length - 1]!;
    after = { occurredFrom: last.occurredFrom, id: last.id };
  }
}

async function* cellBatches(rows: AsyncGenerator<ExportRow[]>, columns: readonly ExportColumn[], labeller: Labeller): AsyncGenerator<Cell[][]> {
  for await (const batch of rows) {
    await labeller.prepare(batch);
    yield batch.map((r) => columns.map((c) => c.value(r, labeller.name)));
  }
}

async function* text(columns: readonly ExportColumn[], batches: AsyncGenerator<Cell[][]>, format: 'csv' | 'json', hxl: boolean, note: string | null): AsyncGenerator<string> {
  if (format === 'csv') {
    yield '\uFEFF' + csvLine(columns.map((c) => c.header)); // BOM: spreadsheets read UTF-8 (Arabic, French) right
    if (hxl) yield csvLine(columns.map((c) => c.hxl));
  } else {
    const head = [
      ...(note ? [`"note":${JSON.stringify(note)}`] : []),
      ...(hxl ? [`"hxl":${JSON.stringify(Object.fromEntries(columns.map((c) => [c.header, c.hxl])))}`] : []),
    ];
    yield `{${[...head, '"items":['].join(',')}`;
  }
  let first = true;
  for await (const batch of batches) {
    let chunk = '';
    for (const cells of batch) {
      if (format === 'csv') chunk += csvLine(cells);
      else {
        chunk += (first ? '' : ',') + JSON.stringify(Object.fromEntries(columns.map((c, i) => [c.header, cells[i]])));
        first = false;
      }
    }
    yield chunk;
  }
  if (format === 'json') yield ']}';
}

/**
 * XLSX written as it streams (rows committed batch by batch, inline strings): memory stays flat however
 * many rows. A cell is typed text, number or boolean, never a formula, so nothing in it runs when opened.
 */
function xlsxStream(columns: readonly ExportColumn[], batches: AsyncGenerator<Cell[][]>, opts: { hxl: boolean; rightToLeft: boolean }): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('incidents', { views: [{ state: 'frozen', ySplit: opts.hxl ? 2 : 1, rightToLeft: opts.rightToLeft }] });
  void (async () => {
    // Label columns hold words, not codes: wider, so they can be read without resizing.
    sheet.columns = columns.map((c) => ({ header: c.header, key: c.header, width: Math.max(c.header.endsWith('_label') ? 24 : 12, c.header.length + 2) }));
    sheet.getRow(1).font = { bold: true };
    if (opts.hxl) sheet.addRow(columns.map((c) => c.hxl)).commit();
    for await (const batch of batches) {
      for (const cells of batch) sheet.addRow(cells).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
