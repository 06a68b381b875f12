/**
 * The columns of an incident export: header, HXL hashtag and value. A coded column also names the list its
 * codes come from, so that a label column in the chosen language can stand beside it (labels=both) or
 * instead of it (labels=labels). Pure: the names come from a `NameOf` the caller has loaded.
 */
import type { IncidentDetail, IncidentSummary, VictimTally } from '../shared/incident.ts';
import { tallyTotal } from '../shared/incident.ts';
import type { ExportLabels, ExportRows } from '../shared/export.ts';
import type { LabelLanguage, TaxonomyList } from '../shared/labels.ts';

/** What a row of an export is made from: the summary and the record's restricted lists. */
export type ExportRecord = IncidentSummary & Pick<IncidentDetail, 'perpetrators' | 'sources' | 'referrals'> & { linkedToReference: string | null };
/** One violation of a record, numbered within it from 1 in recorded order. */
export interface ExportViolation { number: number; form: string; victims: VictimTally }
/** A row: the record, and in a per-violation export the violation the row is about (else null). */
export type ExportRow = ExportRecord & { violation: ExportViolation | null };

export type Cell = string | number | boolean | null;
/** Where a coded column's labels come from: a taxonomy list (with organisations' `x_` values), countries, or areas. */
export type LabelList = TaxonomyList | 'country' | 'area';
/** The name of a code in the export's language; the code itself when no name is known. */
export type NameOf = (list: LabelList, code: string) => string;

interface PlainColumn { header: string; hxl: string; value: (r: ExportRow) => Cell }
interface CodedColumn { header: string; hxl: string; list: LabelList; codes: (r: ExportRow) => readonly (string | null | undefined)[] }
/** A column as written: its value is computed with the names of the export's language. */
export interface ExportColumn { header: string; hxl: string; value: (r: ExportRow, name: NameOf) => Cell }

const present = (codes: readonly (string | null | undefined)[]): string[] => [...new Set(codes.filter((c): c is string => !!c))];
/** Multi-valued cells join with ";" (codes never contain one), labels likewise, so both split the same way. */
const joined = (values: readonly string[]): string | null => (values.length ? values.join(';') : null);
const plain = (header: string, hxl: string, value: PlainColumn['value']): PlainColumn => ({ header, hxl, value });
const coded = (header: string, hxl: string, list: LabelList, codes: CodedColumn['codes']): CodedColumn => ({ header, hxl, list, codes });
/** The tally a row counts: the violation's own in a per-violation row, else the incident's distinct victims. */
const tally = (r: ExportRow): VictimTally => r.violation?.victims ?? r.victims;

/** Columns, their HXL hashtags (HXL 1.1: #event, #date, #adm1, #affected with +f/+m/+children/+adults). */
const COLUMNS: (PlainColumn | CodedColumn)[] = [
  plain('reference', '#event+id', (i) => i.reference),
  plain('occurred_from', '#date+occurred+start', (i) => i.occurredFrom),
  plain('occurred_to', '#date+occurred+end', (i) => i.occurredTo),
  plain('date_estimated', '#meta+date_estimated', (i) => i.dateEstimated),
  coded('country', '#country+code', 'country', (i) => [i.place.country]),
  // Shared places are shown no finer than the record's display level (a coordinator's choice); their names too.
  coded('admin1', '#adm1+code', 'area', (i) => (i.place.displayLevel === 'country' ? [] : [i.place.admin1])),
  coded('admin2', '#adm2+code', 'area', (i) => (i.place.displayLevel === 'admin2' ? [i.place.admin2] : [])),
  coded('forms', '#event+type', 'forms', (i) => (i.violation ? [i.violation.form] : i.forms)),
  plain('victims_women', '#affected+f+adults', (i) => tally(i).women),
  plain('victims_girls', '#affected+f+children', (i) => tally(i).girls),
  plain('victims_men', '#affected+m+adults', (i) => tally(i).men),
  plain('victims_boys', '#affected+m+children', (i) => tally(i).boys),
  plain('victims_unknown', '#affected+unknown', (i) => tally(i).unknown),
  plain('victims_total', '#affected+total', (i) => tallyTotal(tally(i))),
  // Party is free text today (a parties registry is on the roadmap): exported as recorded, in any mode.
  plain('alleged_perpetrator', '#group+perpetrator+name', (i) => i.perpetratorParty),
  coded('perpetrator_categories', '#group+perpetrator+type', 'perpetratorCategories', (i) => i.perpetrators.map((p) => p.category)),
  plain('perpetrators_number', '#group+perpetrator+num', (i) => (i.perpetrators.some((p) => p.number) ? i.perpetrators.reduce((s, p) => s + (p.number ?? 0), 0) : null)),
  plain('perpetrators_in_uniform', '#group+perpetrator+uniform', (i) => (i.perpetrators.some((p) => p.inUniform === true) ? true : i.perpetrators.length && i.perpetrators.every((p) => p.inUniform === false) ? false : null)),
  plain('sources_count', '#meta+source+num', (i) => i.sources.length),
  coded('source_types', '#meta+source+type', 'sourceTypes', (i) => i.sources.map((x) => x.type)),
  plain('source_organisations', '#org+source+name', (i) => joined(present(i.sources.map((x) => x.organisation)))),
  coded('referral_services', '#sector+referral', 'services', (i) => i.referrals.filter((x) => x.status === 'referred' || x.status === 'received').map((x) => x.service)),
  coded('verification_status', '#status+verification', 'statuses', (i) => [i.verification.status]),
  coded('not_verified_reason', '#status+verification+reason', 'reasons', (i) => [i.verification.notVerifiedReason]),
  plain('late_verification', '#status+verification+late', (i) => i.verification.late),
  coded('setting', '#loc+type', 'settings', (i) => [i.context.setting]),
  coded('time_of_day', '#date+time_of_day', 'timesOfDay', (i) => [i.context.timeOfDay]),
  coded('displacement_stage', '#affected+displaced+stage', 'displacementStages', (i) => [i.context.displacementStage]),
  plain('abduction', '#meta+abduction', (i) => i.context.abduction),
  plain('detention', '#meta+detention', (i) => i.context.detention),
  coded('consent', '#meta+consent', 'consentScopes', (i) => i.consent),
  // Linked duplicates count once: a row linked to another says so, and which one is counted.
  plain('counted', '#meta+counted', (i) => i.linkedTo === null),
  plain('linked_to', '#event+id+linked', (i) => i.linkedToReference),
  // Last, so columns that tools read by position before it was added keep their place.
  plain('external_id', '#event+id+external', (i) => i.externalId),
  // The number of victims is not known: the victims columns hold those known (they may all be 0).
  plain('victims_number_unknown', '#meta+affected+number_unknown', (i) => i.victimCountUnknown),
];

/** Right after the reference in a per-violation export: which of the incident's violations the row is. */
const VIOLATION_NUMBER = plain('violation_number', '#meta+violation+num', (i) => i.violation?.number ?? null);

/**
 * The HXL hashtag of a label column: its code column's, naming names instead of codes (+code becomes +name)
 * and saying the language (+i_fr), so `#adm1+code` gets `#adm1+name+i_fr` and `#event+type` gets
 * `#event+type+name+i_fr`.
 */
export function labelHashtag(hxl: string, lang: LabelLanguage): string {
  const named = hxl.includes('+code') ? hxl.replace('+code', '+name') : `${hxl}+name`;
  return `${named}+i_${lang}`;
}

export interface ColumnOptions { labels: ExportLabels; lang: LabelLanguage; rows: ExportRows }

/** The columns of an export with these options, in order. */
export function exportColumns({ labels, lang, rows }: ColumnOptions): ExportColumn[] {
  const base = rows === 'violation' ? [COLUMNS[0]!, VIOLATION_NUMBER, ...COLUMNS.slice(1)] : COLUMNS;
  return base.flatMap((c): ExportColumn[] => {
    if (!('list' in c)) return [{ header: c.header, hxl: c.hxl, value: (r) => c.value(r) }];
    const code: ExportColumn = { header: c.header, hxl: c.hxl, value: (r) => joined(present(c.codes(r))) };
    const label: ExportColumn = { header: `${c.header}_label`, hxl: labelHashtag(c.hxl, lang), value: (r, name) => joined(present(c.codes(r)).map((x) => name(c.list, x))) };
    return labels === 'codes' ? [code] : labels === 'labels' ? [label] : [code, label];
  });
}

/** The default export's columns (codes, a row per incident). */
export const EXPORT_COLUMNS: readonly ExportColumn[] = exportColumns({ labels: 'codes', lang: 'en', rows: 'incident' });

/** Every code a batch of rows shows in area columns, so their names can be loaded in one query. */
export function areaCodesOf(rows: readonly ExportRow[]): string[] {
  return present(COLUMNS.flatMap((c) => ('list' in c && c.list === 'area' ? rows.flatMap((r) => c.codes(r)) : [])));
}
