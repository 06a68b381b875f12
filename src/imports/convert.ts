/**
 * One spreadsheet row -> one incident, through a mapping. Every problem is reported against the column and
 * the value as the user sees them in the file, with the rule it breaks; a row with any problem is rejected
 * whole (never half-imported). The complete record is then checked by the same schema as the API.
 */
import { createHmac } from 'node:crypto';
import countries from 'i18n-iso-countries';
import { countryCode } from '../shared/country.ts';
import { IncidentCreate } from '../shared/incident.ts';
import {
  autoCode, CODED_FIELDS, IMPORT_FIELDS, normaliseKey, VALUE_SEPARATORS, type CodedField, type ImportField, type ImportMapping, type RowProblem,
} from '../shared/import.ts';
import { VICTIM_CATEGORIES, type VictimCategory } from '../shared/taxonomy.ts';
import { orgCodeProblems, type orgCodes } from '../lookups/service.ts';

type OrgCodes = Awaited<ReturnType<typeof orgCodes>>;

/** The administrative areas known, for codes and names: code -> area, and "country:level:name" -> code. */
export interface AreaIndex { codes: Map<string, { country: string; level: number }>; names: Map<string, string> }
export const areaKey = (country: string, level: number, name: string) => `${country}:${level}:${normaliseKey(name)}`;

export type Converted = { ok: true; input: IncidentCreate; externalId: string } | { ok: false; problems: RowProblem[] };

const VICTIM_FIELDS: Record<VictimCategory, ImportField> = { women: 'victimsWomen', girls: 'victimsGirls', men: 'victimsMen', boys: 'victimsBoys', unknown: 'victimsUnknown' };
const TRUE = new Set(['yes', 'y', 'true', '1', 'oui', 'o', 'vrai', 'نعم']);
const FALSE = new Set(['no', 'n', 'false', '0', 'non', 'faux', 'لا']);

const resolveCountry = (value: string) => countryCode(countries, value);

function parseDate(value: string, format: ImportMapping['dateFormat']): { from: string; to?: string } | null {
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return { from: v }; // spreadsheets' date cells, whatever the format
  const pad = (n: string) => n.padStart(2, '0');
  if (format === 'year') return /^\d{4}$/.test(v) ? { from: `${v}-01-01`, to: `${v}-12-31` } : null;
  if (format === 'iso') {
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(v);
    return m ? { from: `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}` } : null;
  }
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (!m) return null;
  const [d, mo] = format === 'dmy' ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
  return { from: `${m[3]}-${pad(mo)}-${pad(d)}` };
}

const validDay = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
};

/** Where an issue of the incident schema points in the file: the column that filled that field. */
function fieldOfPath(path: readonly PropertyKey[]): ImportField | null {
  const [a, b, c] = path.map(String);
  switch (a) {
    case 'occurredFrom': case 'occurredTo': case 'dateEstimated': case 'narrative': case 'consent': return a;
    case 'place': return b === 'coordinates' ? 'lat' : (b as ImportField | undefined) ?? 'country';
    case 'victims': return b ? VICTIM_FIELDS[b as VictimCategory] ?? null : null;
    case 'violations': return c === 'victims' ? null : 'forms';
    case 'perpetrators': return ({ party: 'perpetratorParty', category: 'perpetratorCategory', number: 'perpetratorNumber', inUniform: 'perpetratorInUniform' } as Record<string, ImportField>)[c ?? ''] ?? 'perpetratorParty';
    case 'sources': return ({ type: 'sourceType', organisation: 'sourceOrganisation', reliability: 'sourceReliability', date: 'sourceDate' } as Record<string, ImportField>)[c ?? ''] ?? 'sourceType';
    case 'survivors': return ({ sex: 'survivorSex', age: 'survivorAge' } as Record<string, ImportField>)[c ?? ''] ?? 'survivorCode';
    case 'context': return (b as ImportField | undefined) ?? null;
    case 'verification': return 'verificationStatus';
    case undefined:
    default: return null;
  }
}

export class RowConverter {
  private readonly index: Partial<Record<ImportField, number>> = {};
  private readonly seen = new Map<string, number>();

  constructor(private readonly headers: string[], private readonly mapping: ImportMapping, private readonly areas: AreaIndex,
    private readonly fingerprintKey: Buffer, private readonly codes?: OrgCodes) {
    for (const f of IMPORT_FIELDS) {
      const column = mapping.columns[f];
      if (column !== undefined) this.index[f] = headers.indexOf(column);
    }
  }

  /** Columns the mapping names that the file does not have (checked once, before any row). */
  missingColumns(): RowProblem[] {
    return IMPORT_FIELDS.filter((f) => this.index[f] === -1).map((f) => ({ row: 1, column: this.mapping.columns[f]!, value: '', rule: `is mapped to ${f} but the file has no such column` }));
  }

  convert(cells: string[], row: number): Converted {
    const problems: RowProblem[] = [];
    const m = this.mapping;
    const cell = (f: ImportField) => (this.index[f] !== undefined && this.index[f] >= 0 ? cells[this.index[f]]! : '');
    const column = (f: ImportField) => m.columns[f] ?? `(${f})`;
    const bad = (f: ImportField, rule: string, value = cell(f)) => { problems.push({ row, column: column(f), value, rule }); };

    const coded = (f: CodedField, value: string): string | null => {
      const mapped = m.values[f]?.[value];
      if (mapped !== undefined) return mapped === '' ? null : mapped;
      const auto = autoCode(f, value);
      if (auto) return auto;
      if (f === 'country') return resolveCountry(value);
      if (f === 'admin1' || f === 'admin2') {
        if (this.areas.codes.has(value)) return value;
        return this.areas.names.get(areaKey(countryOf, f === 'admin1' ? 1 : 2, value)) ?? null;
      }
      return null;
    };
    const one = (f: CodedField): string | null => {
      const raw = cell(f);
      if (raw === '') return null;
      const code = coded(f, raw);
      if (code === null && !(m.values[f] && raw in m.values[f])) bad(f, `is not a known ${f} value: map it to a code in the values step${CODED_FIELDS[f] ? ` (one of ${(CODED_FIELDS[f] as readonly string[]).join(', ')})` : ''}`);
      return code;
    };
    const many = (f: CodedField): string[] => {
      const raw = cell(f);
      if (raw === '') return [];
      // The whole cell may itself be mapped ("rape; sexual slavery" -> one code); else each part.
      const whole = m.values[f]?.[raw];
      if (whole) return [whole];
      const out: string[] = [];
      for (const part of raw.split(VALUE_SEPARATORS[m.separator]).map((x) => x.trim()).filter(Boolean)) {
        const code = coded(f, part);
        if (code === null) {
          if (!(m.values[f] && part in m.values[f])) bad(f, `"${part}" is not a known ${f} value: map it to a code in the values step`);
        } else if (!out.includes(code)) out.push(code);
      }
      return out;
    };
    const count = (f: ImportField, fallback = 0): number => {
      const raw = cell(f);
      if (raw === '') return fallback;
      const n = Number(raw.replace(',', '.'));
      if (!Number.isInteger(n) || n < 0) { bad(f, 'must be a whole number, 0 or more'); return fallback; }
      return n;
    };
    const bool = (f: ImportField): boolean | null => {
      const raw = normaliseKey(cell(f));
      if (raw === '') return null;
      if (TRUE.has(raw)) return true;
      if (FALSE.has(raw)) return false;
      bad(f, 'must be yes or no (also true/false, 1/0, oui/non)');
      return null;
    };
    const date = (f: ImportField) => {
      const raw = cell(f);
      if (raw === '') return null;
      const d = parseDate(raw, m.dateFormat);
      if (!d || !validDay(d.from)) { bad(f, `must be a date written as ${({ iso: 'YYYY-MM-DD', dmy: 'DD/MM/YYYY', mdy: 'MM/DD/YYYY', year: 'YYYY' })[m.dateFormat]}`); return null; }
      return d;
    };
    const number = (f: ImportField): number | null => {
      const raw = cell(f);
      if (raw === '') return null;
      const n = Number(raw.replace(',', '.'));
      if (!Number.isFinite(n)) { bad(f, 'must be a number'); return null; }
      return n;
    };

    // External id: the mapped column, or a fingerprint of the row (the same row re-imported is recognised).
    let externalId: string;
    if (m.columns.externalId !== undefined) {
      externalId = cell('externalId');
      if (!externalId) bad('externalId', 'is required: the external id is how a re-import recognises this row');
      else if (externalId.length > 200) bad('externalId', 'must be at most 200 characters');
    } else {
      // Keyed, so the stored id cannot be used to confirm a guess at a row's content (its narrative, say).
      externalId = `row:${createHmac('sha256', this.fingerprintKey).update(JSON.stringify([this.headers, cells])).digest('hex').slice(0, 32)}`;
    }
    const earlier = this.seen.get(externalId);
    if (externalId && earlier !== undefined) bad('externalId', `appears twice in the file (first at row ${earlier})`, m.columns.externalId ? externalId : '');
    else if (externalId) this.seen.set(externalId, row);

    const countryRaw = cell('country');
    const countryOf = (countryRaw ? coded('country', countryRaw) : null) ?? m.defaults.country ?? '';
    if (countryRaw && !countryOf) bad('country', 'is not a country: use an ISO 3166 alpha-3 code such as CAF, an English or French name, or map it in the values step');
    if (!countryRaw && !m.defaults.country) bad('country', 'is required: map a column or choose a default country');

    const from = date('occurredFrom');
    const to = date('occurredTo');
    const victims = Object.fromEntries(VICTIM_CATEGORIES.map((c) => [c, count(VICTIM_FIELDS[c], c === 'unknown' && m.columns.victimsUnknown === undefined ? m.defaults.victimsUnknown ?? 0 : 0)])) as Record<VictimCategory, number>;
    const forms = many('forms');
    if (forms.length === 0 && m.defaults.forms) forms.push(m.defaults.forms);
    const lat = number('lat');
    const lon = number('lon');

    const party = cell('perpetratorParty');
    const category = one('perpetratorCategory');
    const perpNumber = cell('perpetratorNumber') ? count('perpetratorNumber') : null;
    const inUniform = bool('perpetratorInUniform');
    const sourceType = one('sourceType') ?? (cell('sourceOrganisation') || cell('sourceDate') ? m.defaults.sourceType ?? 'other' : m.defaults.sourceType ?? null);
    const survivorCode = cell('survivorCode');
    const consent = many('consent');

    const candidate = {
      occurredFrom: from?.from ?? '',
      occurredTo: to?.from ?? from?.to ?? null,
      dateEstimated: bool('dateEstimated') ?? m.defaults.dateEstimated ?? false,
      place: {
        country: countryOf,
        admin1: one('admin1'),
        admin2: one('admin2'),
        locality: cell('locality') || null,
        coordinates: lat !== null && lon !== null ? { lat, lon, precision: 'approximate' } : null,
      },
      victims,
      violations: forms.map((form) => ({ form, victims })),
      perpetrators: party || category || perpNumber !== null || inUniform !== null ? [{ party: party || null, category: category ?? 'unknown', number: perpNumber || null, inUniform, rank: null }] : [],
      sources: sourceType ? [{ type: sourceType, reliability: one('sourceReliability') ?? 'unknown', connection: 'unknown', date: date('sourceDate')?.from ?? null, organisation: cell('sourceOrganisation') || null }] : [],
      survivors: survivorCode ? [{ code: survivorCode, sex: one('survivorSex') ?? 'unknown', age: cell('survivorAge') ? count('survivorAge') : null }] : [],
      referrals: [],
      context: { setting: one('setting'), timeOfDay: one('timeOfDay'), displacementStage: one('displacementStage'), abduction: bool('abduction'), detention: bool('detention') },
      // An empty consent cell is no consent recorded: the most protective scope, never the mapping's default,
      // which stands only for files without a consent column (the importer's explicit statement for all rows).
      consent: consent.length ? consent : m.columns.consent === undefined ? m.defaults.consent ?? ['agency_only'] : ['agency_only'],
      verification: { status: one('verificationStatus') ?? m.defaults.verificationStatus ?? 'reported' },
      narrative: cell('narrative'),
      assignedTo: [],
    };
    if (m.columns.occurredFrom === undefined) bad('occurredFrom', 'is required: map the column with the date of the incident');
    else if (!from && cell('occurredFrom') === '') bad('occurredFrom', 'is required');
    if (forms.length === 0 && cell('forms') === '') bad('forms', 'is required: map the column with the form of violence, or choose a default form');
    if (problems.length) return { ok: false, problems };

    const parsed = IncidentCreate.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const f = fieldOfPath(issue.path);
        const where = f ? column(f) : issue.path.join('.');
        const value = f ? cell(f) : '';
        problems.push({ row, column: f === null && issue.path[0] === 'victims' ? 'victims' : where, value, rule: `${issue.path.join('.')}: ${issue.message}` });
      }
      return { ok: false, problems };
    }
    // The organisation's own list values ("x_...") must exist and be in use.
    for (const p of this.codes ? orgCodeProblems(this.codes, parsed.data) : []) {
      const f = fieldOfPath(p.field.split('.'));
      problems.push({ row, column: f ? column(f) : p.field, value: f ? cell(f) : '', rule: `${p.field}: ${p.message}` });
    }
    if (problems.length) return { ok: false, problems };
    return { ok: true, input: parsed.data, externalId };
  }
}
