// Why: the import wizard's mapping as the screens hold it (strings for inputs, explicit value choices only)
// and the pure rules around it: the groups of fields, how a cell splits into values, which code a value
// stands for, how many rows a choice would reject, and the mapping sent to the server.
import {
  autoCode, CODED_FIELDS, IDENTIFYING_IMPORT_FIELDS, ImportMapping, IMPORT_FIELDS,
} from '../../src/shared/import.ts';
import type { CodedField, ImportField, ImportMappingInput } from '../../src/shared/import.ts';
import type { ExtensibleList } from '../../src/shared/lookup.ts';
import type { ConsentScope, SOURCE_TYPES, SvForm } from '../../src/shared/taxonomy.ts';

export type DateOrder = ImportMapping['dateOrder'];
export type Separator = ImportMapping['separator'];
export type VictimsSplit = ImportMapping['victimsSplit'];
/** A core source type or one of the organisation's own (x_...). */
type SourceType = (typeof SOURCE_TYPES)[number] | (string & {});
export const DATE_ORDER_CHOICES: readonly DateOrder[] = ['dmy', 'mdy'];
export const VICTIMS_SPLIT_CHOICES: readonly VictimsSplit[] = ['each', 'first'];
export const SEPARATOR_CHOICES: readonly Separator[] = ['semicolon', 'comma', 'space'];

/** The incident's fields by theme, in the order of the incident form. */
export const FIELD_GROUPS = [
  { group: 'when', fields: ['occurredFrom', 'occurredTo', 'dateEstimated'] },
  { group: 'where', fields: ['country', 'admin1', 'admin2'] },
  { group: 'victims', fields: ['victimsWomen', 'victimsGirls', 'victimsMen', 'victimsBoys', 'victimsUnknown'] },
  { group: 'violations', fields: ['forms'] },
  { group: 'perpetrator', fields: ['perpetratorParty', 'perpetratorCategory', 'perpetratorNumber', 'perpetratorInUniform'] },
  { group: 'source', fields: ['externalId', 'sourceType', 'sourceOrganisation', 'sourceReliability', 'sourceDate'] },
  { group: 'context', fields: ['setting', 'timeOfDay', 'displacementStage', 'abduction', 'detention'] },
  { group: 'status', fields: ['consent', 'verificationStatus'] },
  { group: 'identifying', fields: ['locality', 'lat', 'lon', 'coordinatePrecision', 'narrative', 'survivorCode', 'survivorSex', 'survivorAge'] },
] as const satisfies readonly { group: string; fields: readonly ImportField[] }[];
export type FieldGroup = (typeof FIELD_GROUPS)[number]['group'];

/** Sealed on the server; their cells are never shown as samples (a narrative column can hold names). */
export const IDENTIFYING_FIELDS: ReadonlySet<ImportField> = new Set(IDENTIFYING_IMPORT_FIELDS);

/** Coded fields in the order the values step lists them. */
export const CODED_ORDER = IMPORT_FIELDS.filter((f): f is CodedField => f in CODED_FIELDS);
/** Coded fields whose list the organisation extends with its own values (x_...), offered after the core codes. */
const EXTENSIBLE_FIELDS: Partial<Record<CodedField, ExtensibleList>> = { setting: 'setting', sourceType: 'sourceType' };
export const extensibleListOf = (f: CodedField): ExtensibleList | null => EXTENSIBLE_FIELDS[f] ?? null;
/** Coded fields without a fixed list: any country code, or an area's P-code. */
export const isFreeCodeField = (f: CodedField): f is 'country' | 'admin1' | 'admin2' => CODED_FIELDS[f] === null;

export interface DefaultsDraft {
  /** ISO 3166 alpha-3, or '' for none. */
  country: string;
  consent: ConsentScope[];
  /** As typed; '' means none (0). */
  victimsUnknown: string;
  forms: SvForm | '';
  verificationStatus: '' | 'reported' | 'pending';
  sourceType: SourceType | '';
  dateEstimated: boolean;
}

export interface MappingDraft {
  columns: Partial<Record<ImportField, string>>;
  /** Only the user's explicit choices; '' is "ignore (leave empty)". Values that already are codes need none. */
  values: Partial<Record<CodedField, Record<string, string>>>;
  defaults: DefaultsDraft;
  dateOrder: DateOrder;
  separator: Separator;
  victimsSplit: VictimsSplit;
  /** Field -> what values without a code become ('' = left empty); absent: their rows are rejected (area names: kept as written). */
  unmatched: ImportMapping['unmatched'];
  more: ImportMapping['more'];
  repeats: ImportMapping['repeats'];
  filters: ImportMapping['filters'];
  /** Perpetrator party as written -> a registry party's id or an explicit choice (only the user's choices). */
  parties: ImportMapping['parties'];
}

export function draftFrom(m: ImportMapping): MappingDraft {
  const d = m.defaults;
  return {
    columns: { ...m.columns },
    values: Object.fromEntries(Object.entries(m.values).map(([f, v]) => [f, { ...v }])),
    defaults: {
      country: d.country ?? '',
      consent: d.consent ?? ['agency_only'],
      victimsUnknown: d.victimsUnknown === undefined ? '' : String(d.victimsUnknown),
      forms: d.forms ?? '',
      verificationStatus: d.verificationStatus ?? '',
      sourceType: d.sourceType ?? '',
      dateEstimated: d.dateEstimated ?? false,
    },
    dateOrder: m.dateOrder,
    separator: m.separator,
    victimsSplit: m.victimsSplit,
    unmatched: { ...m.unmatched },
    more: { perpetrators: m.more.perpetrators.map((g) => ({ ...g })), sources: m.more.sources.map((g) => ({ ...g })) },
    repeats: m.repeats.map((r) => ({ sheet: r.sheet, columns: { ...r.columns } })),
    filters: m.filters.map((f) => ({ column: f.column, values: [...f.values] })),
    parties: { ...m.parties },
  };
}

/** Problems the wizard names before anything is sent, by control: translation keys under import.defaults. */
export interface DraftProblems {
  country?: 'countryInvalid';
  victimsUnknown?: 'victimsInvalid';
  consent?: 'consentRequired';
}

export function draftProblems(d: MappingDraft): DraftProblems {
  const out: DraftProblems = {};
  if (d.defaults.country && !/^[A-Z]{3}$/.test(d.defaults.country)) out.country = 'countryInvalid';
  const n = d.defaults.victimsUnknown.trim();
  if (n && !(/^\d+$/.test(n) && Number(n) <= 100000)) out.victimsUnknown = 'victimsInvalid';
  if (d.defaults.consent.length === 0) out.consent = 'consentRequired';
  return out;
}

/**
 * The mapping as the API takes it: unmapped fields and values of unmapped columns are left out. Null while
 * the draft has a problem (see draftProblems) or a value the contract refuses.
 */
export function toMapping(d: MappingDraft): ImportMapping | null {
  if (Object.keys(draftProblems(d)).length > 0) return null;
  const values: ImportMappingInput['values'] = {};
  for (const f of CODED_ORDER) {
    const chosen = d.values[f];
    if (d.columns[f] !== undefined && chosen && Object.keys(chosen).length > 0) values[f] = chosen;
  }
  const n = d.defaults.victimsUnknown.trim();
  const parsed = ImportMapping.safeParse({
    columns: d.columns,
    values,
    defaults: {
      ...(d.defaults.country ? { country: d.defaults.country } : {}),
      consent: d.defaults.consent,
      ...(n ? { victimsUnknown: Number(n) } : {}),
      ...(d.defaults.forms ? { forms: d.defaults.forms } : {}),
      ...(d.defaults.verificationStatus ? { verificationStatus: d.defaults.verificationStatus } : {}),
      ...(d.defaults.sourceType ? { sourceType: d.defaults.sourceType } : {}),
      ...(d.defaults.dateEstimated ? { dateEstimated: true } : {}),
    },
    dateOrder: d.dateOrder,
    separator: d.separator,
    victimsSplit: d.victimsSplit,
    unmatched: Object.fromEntries(Object.entries(d.unmatched).filter(([f]) => d.columns[f as CodedField] !== undefined)),
    // Groups without any column say nothing: left out.
    more: { perpetrators: d.more.perpetrators.filter((g) => Object.keys(g).length > 0), sources: d.more.sources.filter((g) => Object.keys(g).length > 0) },
    repeats: d.repeats.filter((r) => Object.keys(r.columns).length > 0),
    filters: d.filters.filter((f) => f.values.length > 0),
    // Choices for party values say nothing without a party column.
    parties: partyColumnsOf(d).length > 0 ? d.parties : {},
  } satisfies ImportMappingInput);
  return parsed.success ? parsed.data : null;
}

/** The same text for the same mapping, whatever the order of its keys (the server stores it as jsonb). */
export function mappingKey(m: ImportMapping): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, canonical(x)]));
    return v;
  };
  return JSON.stringify(canonical(m));
}

/** A saved mapping applied to this file: columns the file does not have are dropped (and named). */
export function applySaved(saved: ImportMapping, fileColumns: readonly string[]): { draft: MappingDraft; dropped: [ImportField, string][] } {
  const draft = draftFrom(saved);
  const dropped: [ImportField, string][] = [];
  for (const f of IMPORT_FIELDS) {
    const column = draft.columns[f];
    if (column !== undefined && !fileColumns.includes(column)) {
      dropped.push([f, column]);
      delete draft.columns[f];
    }
  }
  // Further groups and row filters keep only the columns this file has.
  const keep = <K extends string>(g: Partial<Record<K, string>>) => Object.fromEntries(Object.entries(g).filter(([, c]) => fileColumns.includes(c as string))) as Partial<Record<K, string>>;
  draft.more = { perpetrators: draft.more.perpetrators.map(keep), sources: draft.more.sources.map(keep) };
  draft.filters = draft.filters.filter((x) => fileColumns.includes(x.column));
  return { draft, dropped };
}

export interface ValueRow { value: string; rows: number }

/**
 * What a value of the file will become: the user's code, ignored (left empty), a code recognised as it is
 * written (a code, or for countries an English or French name or ISO code), the field's choice for every
 * value without a code ("all unmatched"), "the server resolves it" (area names: a code, or the name kept as
 * written), or nothing: then every row holding it is rejected.
 */
export type ValueOutcome =
  | { kind: 'chosen'; code: string }
  | { kind: 'ignored' }
  | { kind: 'recognised'; code: string }
  | { kind: 'fallback'; code: string }
  | { kind: 'server' }
  | { kind: 'unmapped' };

export function outcomeOf(field: CodedField, value: string, draft: MappingDraft, countryOf?: (v: string) => string | null): ValueOutcome {
  const chosen = draft.values[field]?.[value];
  if (chosen === '') return { kind: 'ignored' };
  if (chosen !== undefined) return { kind: 'chosen', code: chosen };
  const auto = autoCode(field, value) ?? (field === 'country' && countryOf ? countryOf(value) : null);
  if (auto) return { kind: 'recognised', code: auto };
  // Area names are matched on the server against its list of areas (else kept as written); countries too until the names load.
  if (field === 'admin1' || field === 'admin2' || (field === 'country' && !countryOf)) return { kind: 'server' };
  const fallback = draft.unmatched[field];
  if (fallback === '') return { kind: 'ignored' };
  if (fallback !== undefined) return { kind: 'fallback', code: fallback };
  return { kind: 'unmapped' };
}

/** Every column a coded field is read from: its own, and those of further perpetrators, sources and repeat sheets. */
export function columnsOf(field: CodedField, draft: MappingDraft): { column: string; sheet: string | null }[] {
  const out: { column: string; sheet: string | null }[] = [];
  const own = draft.columns[field];
  if (own !== undefined) out.push({ column: own, sheet: null });
  const parts = { perpetratorCategory: 'category', perpetratorInUniform: 'inUniform' } as const;
  const sourceParts = { sourceType: 'type', sourceReliability: 'reliability' } as const;
  if (field in parts) for (const g of draft.more.perpetrators) { const c = g[parts[field as keyof typeof parts]]; if (c) out.push({ column: c, sheet: null }); }
  if (field in sourceParts) for (const g of draft.more.sources) { const c = g[sourceParts[field as keyof typeof sourceParts]]; if (c) out.push({ column: c, sheet: null }); }
  for (const r of draft.repeats) {
    const c = (r.columns as Partial<Record<string, string>>)[field];
    if (c) out.push({ column: c, sheet: r.sheet });
  }
  return out.filter((x, i) => out.findIndex((y) => y.column === x.column) === i);
}

/** Every column a perpetrator's party is read from: its own, further perpetrators' and repeat sheets'. */
export function partyColumnsOf(draft: MappingDraft): string[] {
  const all = [
    draft.columns.perpetratorParty,
    ...draft.more.perpetrators.map((g) => g.party),
    ...draft.repeats.map((r) => r.columns.perpetratorParty),
  ].filter((c): c is string => c !== undefined && c !== '');
  return [...new Set(all)];
}

/** Sets (or with undefined, clears) the party chosen for one party value: a party's id or an explicit choice. */
export function withParty(draft: MappingDraft, value: string, target: string | undefined): MappingDraft {
  const next = { ...draft.parties };
  if (target === undefined) delete next[value];
  else next[value] = target;
  return { ...draft, parties: next };
}

/** Sets (or with undefined, clears) the explicit choice for one value. */
export function withValue(draft: MappingDraft, field: CodedField, value: string, code: string | undefined): MappingDraft {
  const next = { ...(draft.values[field] ?? {}) };
  if (code === undefined) delete next[value];
  else next[value] = code;
  return { ...draft, values: { ...draft.values, [field]: next } };
}
