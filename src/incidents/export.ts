/**
 * Export of what the user may see, as CSV or JSON, optionally with an HXL hashtag row, streamed in batches
 * with no row cap. Identifying fields (narrative, locality, coordinates) never leave through an export.
 * `purpose=mara_working_group` keeps only records whose consent allows sharing with the working group;
 * `agency` is the organisation's own working copy. Every export is audited with its filters and size.
 */
import { Readable } from 'node:stream';
import type { AppContext } from '../platform/context.ts';
import { recordAudit } from '../platform/audit/audit.ts';
import { authorize, incidentScope, type Actor } from '../policy/policy.ts';
import type { IncidentDetail, IncidentExportQuery, IncidentSummary } from '../shared/incident.ts';
import { VICTIM_CATEGORIES } from '../shared/taxonomy.ts';
import { presentSummary } from './presenter.ts';
import { countIncidents, incidentBatch, sharedWithWorkingGroup, type IncidentFilters } from './store.ts';
import { auditActor } from './support.ts';

const BATCH = 1000;

/** What a row of an export is made from: the summary and the record's restricted lists. */
type ExportRecord = IncidentSummary & Pick<IncidentDetail, 'perpetrators' | 'sources' | 'referrals'>;
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
  { header: 'admin1', hxl: '#adm1+code', value: (i) => i.place.admin1 },
  { header: 'admin2', hxl: '#adm2+code', value: (i) => i.place.admin2 },
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
];

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs a cell as a formula. */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (cells: (string | number | boolean | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;

export async function exportIncidents(ctx: AppContext, actor: Actor, q: IncidentExportQuery, ip: string | null, batchSize = BATCH): Promise<{ stream: Readable; rows: number }> {
  authorize(actor, 'incident:export');
  const scope = incidentScope(actor)!;
  const { format, hxl, purpose, ...filters } = q;
  const extra = purpose === 'mara_working_group' ? sharedWithWorkingGroup : undefined;
  const rows = await countIncidents(ctx.db, scope, filters, extra);
  await recordAudit(ctx.db, auditActor(actor, ip), {
    action: 'incident.export', entityType: 'incident',
    details: { format, hxl, purpose, rows, filters: Object.keys(filters) },
  });
  return { stream: Readable.from(generate(ctx, scope, filters, extra, format, hxl, batchSize)), rows };
}

async function* generate(ctx: AppContext, scope: NonNullable<ReturnType<typeof incidentScope>>, filters: IncidentFilters,
  extra: Parameters<typeof incidentBatch>[5], format: 'csv' | 'json', hxl: boolean, batchSize: number): AsyncGenerator<string> {
  if (format === 'csv') {
    yield '\uFEFF' + csvLine(EXPORT_COLUMNS.map((c) => c.header)); // BOM: spreadsheets read UTF-8 (Arabic, French) right
    if (hxl) yield csvLine(EXPORT_COLUMNS.map((c) => c.hxl));
  } else {
    yield hxl ? `{"hxl":${JSON.stringify(Object.fromEntries(EXPORT_COLUMNS.map((c) => [c.header, c.hxl])))},"items":[` : '{"items":[';
  }
  let after: { occurredFrom: string; id: string } | null = null;
  let first = true;
  for (;;) {
    const { rows, forms } = await incidentBatch(ctx.db, scope, filters, after, batchSize, extra);
    if (rows.length === 0) break;
    let chunk = '';
    for (const row of rows) {
      const summary: ExportRecord = {
        ...presentSummary(row, forms.get(row.id) ?? []),
        perpetrators: row.perpetrators as ExportRecord['perpetrators'], sources: row.sources as ExportRecord['sources'], referrals: row.referrals as ExportRecord['referrals'],
      };
      if (format === 'csv') chunk += csvLine(EXPORT_COLUMNS.map((c) => c.value(summary)));
      else {
        chunk += (first ? '' : ',') + JSON.stringify(Object.fromEntries(EXPORT_COLUMNS.map((c) => [c.header, c.value(summary)])));
        first = false;
      }
    }
    yield chunk;
    const last = rows[rows.length - 1]!;
    after = { occurredFrom: last.occurredFrom, id: last.id };
  }
  if (format === 'json') yield ']}';
}
