/**
 * Export of what the user may see, as CSV, XLSX or JSON, optionally with an HXL hashtag row, streamed in
 * batches with no row cap, optionally inside a passphrase-encrypted package. Identifying fields (narrative, locality, coordinates) never leave through an export.
 * `purpose=mara_working_group` keeps only records whose consent allows sharing with the working group;
 * `agency` is the organisation's own working copy. Every export is audited with its filters and size.
 */
import { PassThrough, Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import ExcelJS from 'exceljs';
import { configure, TextReader, ZipWriter } from '@zip.js/zip.js';
import type { AppContext } from '../platform/context.ts';
import { recordAudit, auditActor } from '../platform/audit/audit.ts';
import { authorize, incidentScope, type Actor } from '../policy/policy.ts';
import type { IncidentDetail, IncidentExportQuery, IncidentSummary } from '../shared/incident.ts';
import { VICTIM_CATEGORIES } from '../shared/taxonomy.ts';
import { presentSummary } from './presenter.ts';
import { countIncidents, incidentBatch, referencesOf, sharedWithWorkingGroup, type IncidentFilters } from './store.ts';


const BATCH = 1000;

/** What a row of an export is made from: the summary and the record's restricted lists. */
type ExportRecord = IncidentSummary & Pick<IncidentDetail, 'perpetrators' | 'sources' | 'referrals'> & { linkedToReference: string | null };
interface Column { header: string; hxl: string; value: (i: ExportRecord) => string | number | boolean | null }
const joined = (values: readonly (string | null)[]) => values.filter((v): v is string => !!v).join(';') || null;
const distinct = (values: readonly (string | null)[]) => joined([...new Set(values)]);

/** Columns, their HXL hashtags (HXL 1.1: #event, #date, #adm1, #affected with +f/+m/+children/+adults). */
export const EXPORT_COLUMNS: Column[] = [
  { header: 'reference', hxl: '#event+id', value: (i) => i.reference },
  { header: 'occurred_from', hxl: '#date+occurred+start', value: (i) => i.occurredFrom },
  { header: 'occurred_to', hxl: '#date+occurred+end', value: (i) => i.occurredTo },
  { header: 'date_estimated', hxl: '#meta+date_estimated', value: (i) => i.dateEstimated },
  { header: 'country', hxl: '#country+code', value: (i) => i.place.country },
  // Shared places are shown no finer than the record's display level (a coordinator's choice).
  { header: 'admin1', hxl: '#adm1+code', value: (i) => (i.place.displayLevel === 'country' ? null : i.place.admin1) },
  { header: 'admin2', hxl: '#adm2+code', value: (i) => (i.place.displayLevel === 'admin2' ? i.place.admin2 : null) },
  { header: 'forms', hxl: '#event+type', value: (i) => i.forms.join(';') },
  { header: 'victims_women', hxl: '#affected+f+adults', value: (i) => i.victims.women },
  { header: 'victims_girls', hxl: '#affected+f+children', value: (i) => i.victims.girls },
  { header: 'victims_men', hxl: '#affected+m+adults', value: (i) => i.victims.men },
  { header: 'victims_boys', hxl: '#affected+m+children', value: (i) => i.victims.boys },
  { header: 'victims_unknown', hxl: '#affected+unknown', value: (i) => i.victims.unknown },
  { header: 'victims_total', hxl: '#affected+total', value: (i) => VICTIM_CATEGORIES.reduce((s, c) => s + i.victims[c], 0) },
  { header: 'alleged_perpetrator', hxl: '#group+perpetrator+name', value: (i) => i.perpetratorParty },
  { header: 'perpetrator_categories', hxl: '#group+perpetrator+type', value: (i) => distinct(i.perpetrators.map((p) => p.category)) },
  { header: 'perpetrators_number', hxl: '#group+perpetrator+num', value: (i) => (i.perpetrators.some((p) => p.number) ? i.perpetrators.reduce((s, p) => s + (p.number ?? 0), 0) : null) },
  { header: 'perpetrators_in_uniform', hxl: '#group+perpetrator+uniform', value: (i) => (i.perpetrators.some((p) => p.inUniform === true) ? true : i.perpetrators.length && i.perpetrators.every((p) => p.inUniform === false) ? false : null) },
  { header: 'sources_count', hxl: '#meta+source+num', value: (i) => i.sources.length },
  { header: 'source_types', hxl: '#meta+source+type', value: (i) => distinct(i.sources.map((x) => x.type)) },
  { header: 'source_organisations', hxl: '#org+source+name', value: (i) => distinct(i.sources.map((x) => x.organisation)) },
  { header: 'referral_services', hxl: '#sector+referral', value: (i) => distinct(i.referrals.filter((x) => x.status === 'referred' || x.status === 'received').map((x) => x.service)) },
  { header: 'verification_status', hxl: '#status+verification', value: (i) => i.verification.status },
  { header: 'not_verified_reason', hxl: '#status+verification+reason', value: (i) => i.verification.notVerifiedReason },
  { header: 'late_verification', hxl: '#status+verification+late', value: (i) => i.verification.late },
  { header: 'setting', hxl: '#loc+type', value: (i) => i.context.setting },
  { header: 'time_of_day', hxl: '#date+time_of_day', value: (i) => i.context.timeOfDay },
  { header: 'displacement_stage', hxl: '#affected+displaced+stage', value: (i) => i.context.displacementStage },
  { header: 'abduction', hxl: '#meta+abduction', value: (i) => i.context.abduction },
  { header: 'detention', hxl: '#meta+detention', value: (i) => i.context.detention },
  { header: 'consent', hxl: '#meta+consent', value: (i) => i.consent.join(';') },
  // Linked duplicates count once: a row linked to another says so, and which one is counted.
  { header: 'counted', hxl: '#meta+counted', value: (i) => i.linkedTo === null },
  { header: 'linked_to', hxl: '#event+id+linked', value: (i) => i.linkedToReference },
];

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs a cell as a formula. */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (cells: (string | number | boolean | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;

export interface ExportResult { stream: Readable; rows: number; fileName: string; contentType: string }

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

export async function exportIncidents(ctx: AppContext, actor: Actor, q: IncidentExportQuery, ip: string | null, opts: { batchSize?: number; packaged?: boolean } = {}): Promise<ExportResult> {
  authorize(actor, 'incident:export');
  const scope = incidentScope(actor)!;
  const { format, hxl, purpose, ...filters } = q;
  const extra = purpose === 'mara_working_group' ? sharedWithWorkingGroup : undefined;
  const rows = await countIncidents(ctx.db, scope, filters, extra);
  await recordAudit(ctx.db, auditActor(actor, ip), {
    action: 'incident.export', entityType: 'incident',
    details: { format, hxl, purpose, rows, filters: Object.keys(filters), ...(opts.packaged ? { packaged: true } : {}) },
  });
  const records = batches(ctx, scope, filters, extra, opts.batchSize ?? BATCH);
  const stream = format === 'xlsx' ? xlsxStream(records, hxl) : Readable.from(text(records, format, hxl));
  return { stream, rows, fileName: `salama-incidents-${new Date().toISOString().slice(0, 10)}.${format}`, contentType: CONTENT_TYPES[format] };
}

/** Everything matching, batch by batch, in a stable order (keyset paging: no offset, no cap). */
async function* batches(ctx: AppContext, scope: NonNullable<ReturnType<typeof incidentScope>>, filters: IncidentFilters,
  extra: Parameters<typeof incidentBatch>[5], batchSize: number): AsyncGenerator<ExportRecord[]> {
  let after: { occurredFrom: string; id: string } | null = null;
  for (;;) {
    const { rows, forms } = await incidentBatch(ctx.db, scope, filters, after, batchSize, extra);
    if (rows.length === 0) return;
    // A sharing export names a linked record only if that record may be shared too.
    const linked = await referencesOf(ctx.db, scope.organisationId, rows.map((r) => r.canonicalId).filter((id): id is string => id !== null), extra);
    yield rows.map((row) => ({
      linkedToReference: row.canonicalId ? linked.get(row.canonicalId) ?? null : null,
      ...presentSummary(row, forms.get(row.id) ?? []),
      perpetrators: row.perpetrators as ExportRecord['perpetrators'], sources: row.sources as ExportRecord['sources'], referrals: row.referrals as ExportRecord['referrals'],
    }));
    const last = rows[rows.length - 1]!;
    after = { occurredFrom: last.occurredFrom, id: last.id };
  }
}

async function* text(records: AsyncGenerator<ExportRecord[]>, format: 'csv' | 'json', hxl: boolean): AsyncGenerator<string> {
  if (format === 'csv') {
    yield '\uFEFF' + csvLine(EXPORT_COLUMNS.map((c) => c.header)); // BOM: spreadsheets read UTF-8 (Arabic, French) right
    if (hxl) yield csvLine(EXPORT_COLUMNS.map((c) => c.hxl));
  } else {
    yield hxl ? `{"hxl":${JSON.stringify(Object.fromEntries(EXPORT_COLUMNS.map((c) => [c.header, c.hxl])))},"items":[` : '{"items":[';
  }
  let first = true;
  for await (const batch of records) {
    let chunk = '';
    for (const r of batch) {
      if (format === 'csv') chunk += csvLine(EXPORT_COLUMNS.map((c) => c.value(r)));
      else {
        chunk += (first ? '' : ',') + JSON.stringify(Object.fromEntries(EXPORT_COLUMNS.map((c) => [c.header, c.value(r)])));
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
function xlsxStream(records: AsyncGenerator<ExportRecord[]>, hxl: boolean): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('incidents', { views: [{ state: 'frozen', ySplit: hxl ? 2 : 1 }] });
  void (async () => {
    sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, key: c.header, width: Math.max(12, c.header.length + 2) }));
    sheet.getRow(1).font = { bold: true };
    if (hxl) sheet.addRow(EXPORT_COLUMNS.map((c) => c.hxl)).commit();
    for await (const batch of records) {
      for (const r of batch) sheet.addRow(EXPORT_COLUMNS.map((c) => c.value(r))).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}

/**
 * An export sealed in a ZIP with AES-256 (WinZip AE-2, opened by 7-Zip and most archive tools) under the
 * exporter's passphrase, with a README saying what it holds and how to handle it. The passphrase is used
 * here and nowhere else: never stored, logged or audited.
 */
export async function exportPackage(ctx: AppContext, actor: Actor, q: IncidentExportQuery, passphrase: string, ip: string | null): Promise<ExportResult> {
  const inner = await exportIncidents(ctx, actor, q, ip, { packaged: true });
  const readme = [
    'Salama export package',
    `Created: ${new Date().toISOString()}`,
    `File: ${inner.fileName} (${inner.rows} incidents, ${q.format.toUpperCase()}${q.hxl ? ', with HXL hashtags' : ''})`,
    `Purpose: ${q.purpose === 'mara_working_group' ? 'sharing with the MARA working group: only records whose survivors consented to it' : "the organisation's own copy"}`,
    '',
    'This file holds restricted information about conflict-related sexual violence. Identifying fields',
    '(narratives, localities, coordinates, individual victims) are never exported. Keep it encrypted, share the',
    'passphrase by another channel than the file, delete copies you no longer need, and use it only for the',
    'purpose above.',
    '',
    'To open: 7-Zip (Windows, Linux), Keka or The Unarchiver (macOS); the archive uses AES-256 encryption,',
    "which the archive tool built into Windows cannot open.",
  ].join('\r\n');
  configure({ useWebWorkers: false });
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const zip = new ZipWriter(writable, { password: passphrase, encryptionStrength: 3, zipCrypto: false });
  void (async () => {
    // Through a byte stream: the CSV and JSON generators yield strings, which zip.js must receive as bytes.
    await zip.add(inner.fileName, Readable.toWeb(inner.stream.pipe(new PassThrough())) as ReadableStream<Uint8Array>);
    await zip.add('README.txt', new TextReader(readme));
    await zip.close();
  })().catch(async (e: unknown) => { await writable.abort(e).catch(() => undefined); });
  return { stream: Readable.fromWeb(readable as NodeReadableStream<Uint8Array>), rows: inner.rows, fileName: inner.fileName.replace(/\.\w+$/, '.zip'), contentType: 'application/zip' };
}
