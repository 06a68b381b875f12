/**
 * One spreadsheet row -> one incident, through a mapping. Every problem of the row is reported in one pass
 * (the cells first, then the record's own rules for the fields whose cells were fine), by column, value and
 * a rule that names fields by their labels; a row with any problem is rejected whole (never half-imported).
 * What the row does without a word of its own - victims counted in several forms, a year-only date beside
 * a finer one, a number of victims not known, an area kept by name - comes back as notes for the dry run.
 */
import { IncidentCreate, type Perpetrator, type Source, type Survivor } from '../shared/incident.ts';
import {
  IMPORT_FIELDS, PERPETRATOR_PARTS, SOURCE_PARTS, VICTIM_FIELDS, type ImportField, type ImportMapping, type RowProblem, type WarningCode,
} from '../shared/import.ts';
import { readDate } from '../shared/dates.ts';
import { VICTIM_CATEGORIES, type VictimCategory } from '../shared/taxonomy.ts';
import { orgCodeProblems, type orgCodes } from '../lookups/service.ts';
import { RowCells, type AreaLookup, type CodeMemo } from './cells.ts';
import { contentDigest, RowIdentity } from './fingerprint.ts';
import { mappedParty } from './party-mapping.ts';
import { problem, schemaCode } from './problems.ts';
import type { RepeatRows } from './repeats.ts';

type OrgCodes = Awaited<ReturnType<typeof orgCodes>>;
export type RowId = ReturnType<RowIdentity['of']>;
export interface RowNote { code: WarningCode; column: string | null }
export type Converted =
  | { ok: true; input: IncidentCreate; externalId: string; legacyId: string | null; digest: string; notes: RowNote[] }
  | { ok: false; problems: RowProblem[]; notes: RowNote[] };

const CATEGORY_OF: Record<(typeof VICTIM_FIELDS)[number], VictimCategory> = { victimsWomen: 'women', victimsGirls: 'girls', victimsMen: 'men', victimsBoys: 'boys', victimsUnknown: 'unknown' };
const zeroTally = () => ({ women: 0, girls: 0, men: 0, boys: 0, unknown: 0 });

/** Where an issue of the incident schema points in the file: the field whose column filled it. */
function fieldOfPath(path: readonly PropertyKey[]): ImportField | null {
  const [a, b] = path.map(String);
  switch (a) {
    case 'occurredFrom': case 'occurredTo': case 'dateEstimated': case 'narrative': case 'consent': return a;
    case 'place': return b === 'coordinates' ? 'lat' : (IMPORT_FIELDS as readonly string[]).includes(b ?? '') ? b as ImportField : 'country';
    case 'victims': return b ? ({ women: 'victimsWomen', girls: 'victimsGirls', men: 'victimsMen', boys: 'victimsBoys', unknown: 'victimsUnknown' } as Record<string, ImportField>)[b] ?? null : null;
    case 'violations': return 'forms';
    case 'perpetrators': return ({ party: 'perpetratorParty', category: 'perpetratorCategory', number: 'perpetratorNumber', inUniform: 'perpetratorInUniform' } as Record<string, ImportField>)[path.map(String)[2] ?? ''] ?? 'perpetratorParty';
    case 'sources': return ({ type: 'sourceType', organisation: 'sourceOrganisation', reliability: 'sourceReliability', date: 'sourceDate' } as Record<string, ImportField>)[path.map(String)[2] ?? ''] ?? 'sourceType';
    case 'survivors': return ({ sex: 'survivorSex', age: 'survivorAge' } as Record<string, ImportField>)[path.map(String)[2] ?? ''] ?? 'survivorCode';
    case 'context': return (IMPORT_FIELDS as readonly string[]).includes(b ?? '') ? b as ImportField : null;
    case 'verification': return 'verificationStatus';
    case undefined: default: return null;
  }
}

export interface ConverterSetup {
  headers: readonly string[];
  mapping: ImportMapping;
  areas: AreaLookup;
  fingerprintKey: Buffer;
  codes?: OrgCodes;
  /** Columns holding day-precise dates besides the mapped date (from the upload's profile). */
  finerDateColumns?: readonly string[];
  /** KoboToolbox repeat groups, one per mapping.repeats entry, by the parent row's _index. */
  repeats?: readonly RepeatRows[];
}

export class RowConverter {
  private readonly index = new Map<string, number>();
  private readonly identity: RowIdentity;
  private readonly indexColumn: number;
  private readonly codes: CodeMemo = new Map();

  constructor(private readonly setup: ConverterSetup) {
    setup.headers.forEach((h, i) => { if (!this.index.has(h)) this.index.set(h, i); });
    this.identity = new RowIdentity(setup.headers, setup.mapping, setup.fingerprintKey);
    this.indexColumn = setup.headers.indexOf('_index');
  }

  private readonly indexOf = (column: string) => this.index.get(column) ?? -1;

  /** Columns the mapping names that the file does not have (checked once, before any row). */
  missingColumns(): RowProblem[] {
    const m = this.setup.mapping;
    const named: [ImportField | null, string][] = [
      ...IMPORT_FIELDS.flatMap((f) => (m.columns[f] !== undefined ? [[f, m.columns[f]] as [ImportField, string]] : [])),
      ...m.more.perpetrators.flatMap((g) => Object.entries(g).map(([p, c]) => [PERPETRATOR_PARTS[p as keyof typeof PERPETRATOR_PARTS], c] as [ImportField, string])),
      ...m.more.sources.flatMap((g) => Object.entries(g).map(([p, c]) => [SOURCE_PARTS[p as keyof typeof SOURCE_PARTS], c] as [ImportField, string])),
      ...m.filters.map((f) => [null, f.column] as [null, string]),
    ];
    const missing = named.filter(([, c]) => !this.index.has(c)).map(([f, c]) => problem(1, c, '', f, 'unknown_column', { column: c, label: 'Row filter' }));
    // A repeat sheet's columns are checked against that sheet: a typo would import no victim or perpetrator.
    (this.setup.repeats ?? []).forEach((r, k) => {
      for (const [f, c] of Object.entries(m.repeats[k]?.columns ?? {}) as [ImportField, string][]) {
        if (!r.headers.includes(c)) missing.push(problem(1, `${r.sheet}: ${c}`, '', f, 'unknown_column', { column: `${r.sheet}: ${c}` }));
      }
    });
    return missing;
  }

  /** Whether the mapping's row filter keeps this row (rows left out are neither imported nor rejected). */
  included(cells: readonly string[]): boolean {
    return this.setup.mapping.filters.every((f) => f.values.includes((cells[this.indexOf(f.column)] ?? '').trim()));
  }

  /**
   * How a re-import will know this row (its external id, or its fingerprint). Each row is identified once, in
   * file order (identical rows are told apart by their order): an import identifies a batch's rows first, to
   * look their records up, then converts each with its identity.
   */
  identify(cells: readonly string[], row: number): RowId {
    return this.identity.of(cells, row);
  }

  convert(cells: readonly string[], row: number, id: RowId = this.identify(cells, row)): Converted {
    const m = this.setup.mapping;
    const c = new RowCells(cells, row, m, this.indexOf, this.setup.areas, this.codes);
    const col = m.columns;
    const notes: RowNote[] = [];
    const note = (code: WarningCode, column: string | null = null) => notes.push({ code, column });

    // Where: the country first (areas and codes are read within it).
    const countryRaw = c.at(col.country);
    let country = m.defaults.country ?? '';
    if (countryRaw) {
      const code = c.code('country', countryRaw);
      if (code) country = code;
      else if (code === null) c.bad('country', col.country, 'not_a_country');
    } else if (!m.defaults.country) c.bad('country', col.country, 'required', { hint: 'map a column or choose a default country' });
    const admin1 = c.area(1, col.admin1, country, null);
    const admin2 = c.area(2, col.admin2, country, admin1.kept ? null : admin1.value);
    if (admin1.kept) note('area_name_kept', col.admin1 ?? null);
    if (admin2.kept) note('area_name_kept', col.admin2 ?? null);

    // When: a year or a month is a range; say so when a finer date sits in another column of the same row.
    const from = c.date('occurredFrom', col.occurredFrom);
    const to = c.date('occurredTo', col.occurredTo);
    if (col.occurredFrom === undefined) c.bad('occurredFrom', undefined, 'required', { hint: 'map the column with the date of the incident' });
    else if (c.at(col.occurredFrom) === '') c.bad('occurredFrom', col.occurredFrom, 'required');
    if (from && from.precision !== 'day' && (this.setup.finerDateColumns ?? []).some((f) => readDate(c.at(f), m.dateOrder)?.precision === 'day')) {
      note(from.precision === 'year' ? 'year_only_date' : 'month_only_date', col.occurredFrom ?? null);
    }

    // Victims: "unknown" (or no count at all) is a number not known, never a made-up 1.
    const counts = VICTIM_FIELDS.map((f) => [f, c.count(f, col[f])] as const);
    const victims = zeroTally();
    let unknownMarked = false;
    for (const [f, n] of counts) {
      if (n === 'unknown') unknownMarked = true;
      else if (n !== null) victims[CATEGORY_OF[f]] = n;
    }
    const anyCount = counts.some(([, n]) => typeof n === 'number');
    if (!anyCount && !unknownMarked && col.victimsUnknown === undefined && m.defaults.victimsUnknown !== undefined) victims.unknown = m.defaults.victimsUnknown;
    const victimCountUnknown = unknownMarked || VICTIM_CATEGORIES.every((k) => victims[k] === 0);
    if (victimCountUnknown && !VICTIM_FIELDS.some((f) => c.faulty.has(f))) note('victims_number_unknown', null);

    const forms = c.many('forms', col.forms);
    if (forms.length === 0 && m.defaults.forms && !c.faulty.has('forms')) forms.push(m.defaults.forms);
    if (forms.length === 0 && !c.faulty.has('forms')) c.bad('forms', col.forms, 'required', { hint: 'map the column with the form of violence, or choose a default form' });
    if (forms.length > 1 && VICTIM_CATEGORIES.some((k) => victims[k] > 0)) note(m.victimsSplit === 'each' ? 'victims_each_form' : 'victims_first_form', col.forms ?? null);

    const lat = c.number('lat', col.lat);
    const lon = c.number('lon', col.lon);
    const precision = c.one('coordinatePrecision', col.coordinatePrecision) ?? 'approximate';

    const candidate = {
      occurredFrom: from?.from ?? '2000-01-01',
      occurredTo: to ? to.to ?? to.from : from?.to ?? null,
      dateEstimated: c.bool('dateEstimated', col.dateEstimated) ?? m.defaults.dateEstimated ?? false,
      place: {
        country: country || 'XXX',
        admin1: admin1.value,
        admin2: admin2.value,
        locality: c.at(col.locality) || null,
        coordinates: lat !== null && lon !== null ? { lat, lon, precision } : null,
      },
      victims,
      victimCountUnknown,
      violations: forms.map((form, i) => ({ form, victims: m.victimsSplit === 'first' && i > 0 ? zeroTally() : victims })),
      perpetrators: this.perpetrators(c, cells),
      sources: this.sources(c),
      survivors: this.survivors(c, cells),
      referrals: [],
      context: {
        setting: c.one('setting', col.setting), timeOfDay: c.one('timeOfDay', col.timeOfDay), displacementStage: c.one('displacementStage', col.displacementStage),
        abduction: c.bool('abduction', col.abduction), detention: c.bool('detention', col.detention),
      },
      // An empty consent cell is no consent recorded: the most protective scope, never the mapping's default,
      // which stands only for files without a consent column (the importer's explicit statement for all rows).
      consent: ((consent) => (consent.length ? consent : col.consent === undefined ? m.defaults.consent ?? ['agency_only'] : ['agency_only']))(c.many('consent', col.consent)),
      verification: { status: c.one('verificationStatus', col.verificationStatus) ?? m.defaults.verificationStatus ?? 'reported' },
      narrative: c.at(col.narrative),
      assignedTo: [],
    };

    if (id.problem) c.problems.push(id.problem);
    if (id.repeated) note('identical_rows', null);

    // The record's own rules, for the fields whose cells were fine (each problem of the row, said once).
    const parsed = IncidentCreate.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const f = fieldOfPath(issue.path);
        if (f && c.faulty.has(f)) continue;
        if (f === 'occurredTo' && c.faulty.has('occurredFrom')) continue;
        if (f === null && issue.path[0] === 'violations') continue;
        const { code, params } = schemaCode(issue);
        c.problems.push(problem(row, f ? col[f] ?? `(${f})` : 'victims', f ? c.at(col[f]) : '', f, code, params ?? {}));
      }
    }
    // The organisation's own list values ("x_...") must exist and be in use.
    if (parsed.success) {
      for (const p of this.setup.codes ? orgCodeProblems(this.setup.codes, parsed.data) : []) {
        const f = fieldOfPath(p.field.split('.'));
        c.problems.push(problem(row, f ? col[f] ?? p.field : p.field, f ? c.at(col[f]) : '', f, 'invalid', { message: p.message }));
      }
    }
    if (c.problems.length || !parsed.success) return { ok: false, problems: c.problems, notes };
    return { ok: true, input: parsed.data, externalId: id.externalId, legacyId: id.legacyId, digest: contentDigest(this.setup.fingerprintKey, parsed.data), notes };
  }

  private perpetrators(c: RowCells, cells: readonly string[]): Perpetrator[] {
    const col = this.setup.mapping.columns;
    const groups = [
      { party: col.perpetratorParty, category: col.perpetratorCategory, number: col.perpetratorNumber, inUniform: col.perpetratorInUniform },
      ...this.setup.mapping.more.perpetrators,
    ];
    const out: Perpetrator[] = [];
    const add = (read: (column: string | undefined) => string, g: Partial<Record<keyof typeof PERPETRATOR_PARTS, string>>, cellsOf: RowCells) => {
      const party = read(g.party);
      const category = cellsOf.one('perpetratorCategory', g.category);
      const n = cellsOf.count('perpetratorNumber', g.number);
      const inUniform = cellsOf.bool('perpetratorInUniform', g.inUniform);
      if (party || category || typeof n === 'number' || inUniform !== null) {
        out.push({
          party: party || null, ...mappedParty(this.setup.mapping, party), category: (category ?? 'unknown') as Perpetrator['category'],
          number: typeof n === 'number' && n > 0 ? n : null, inUniform, rank: null,
        });
      }
    };
    for (const g of groups) add((column) => c.at(column), g, c);
    this.eachRepeat(c, cells, (child, columns) => add((column) => child.at(column), {
      party: columns.perpetratorParty, category: columns.perpetratorCategory, number: columns.perpetratorNumber, inUniform: columns.perpetratorInUniform,
    }, child));
    return out;
  }

  private sources(c: RowCells): Source[] {
    const m = this.setup.mapping;
    const groups = [
      { type: m.columns.sourceType, organisation: m.columns.sourceOrganisation, reliability: m.columns.sourceReliability, date: m.columns.sourceDate },
      ...m.more.sources,
    ];
    const out: Source[] = [];
    for (const g of groups) {
      const organisation = c.at(g.organisation);
      const date = c.date('sourceDate', g.date);
      const type = c.one('sourceType', g.type) ?? (organisation || date ? m.defaults.sourceType ?? 'other' : null);
      if (!type) continue;
      out.push({ type, reliability: (c.one('sourceReliability', g.reliability) ?? 'unknown') as Source['reliability'], connection: 'unknown', date: date?.from ?? null, organisation: organisation || null });
    }
    // No source column at all: the mapping's default source type stands for every row.
    if (out.length === 0 && m.defaults.sourceType && groups.every((g) => Object.values(g).every((v) => v === undefined))) {
      out.push({ type: m.defaults.sourceType, reliability: 'unknown', connection: 'unknown', date: null, organisation: null });
    }
    return out;
  }

  private survivors(c: RowCells, cells: readonly string[]): Survivor[] {
    const col = this.setup.mapping.columns;
    const out: Survivor[] = [];
    const add = (child: RowCells, columns: { survivorCode?: string | undefined; survivorSex?: string | undefined; survivorAge?: string | undefined }) => {
      const code = child.at(columns.survivorCode);
      const sex = child.one('survivorSex', columns.survivorSex);
      const age = child.count('survivorAge', columns.survivorAge);
      if (code) out.push({ code, sex: (sex ?? 'unknown') as Survivor['sex'], age: typeof age === 'number' ? age : null });
    };
    add(c, col);
    this.eachRepeat(c, cells, add);
    return out;
  }

  private eachRepeat(c: RowCells, cells: readonly string[], use: (child: RowCells, columns: ImportMapping['repeats'][number]['columns']) => void): void {
    const key = this.indexColumn >= 0 ? (cells[this.indexColumn] ?? '').trim() : '';
    if (!key) return;
    (this.setup.repeats ?? []).forEach((r, k) => {
      const columns = this.setup.mapping.repeats[k]!.columns;
      for (const child of r.byParent.get(key) ?? []) {
        const childCells = new RowCells(child.cells, c.row, this.setup.mapping, (column) => r.headers.indexOf(column), this.setup.areas, this.codes);
        use(childCells, columns);
        // A child's problems are the row's, named by the repeat sheet's row.
        for (const p of childCells.problems) c.problems.push({ ...p, column: `${r.sheet}: ${p.column} (row ${child.row})` });
        for (const f of childCells.faulty) c.faulty.add(f);
      }
    });
  }
}
