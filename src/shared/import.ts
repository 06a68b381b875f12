/**
 * The import contract: a spreadsheet (CSV, or XLSX such as a KoboToolbox/ODK export) is uploaded, its
 * columns mapped to incident fields and its values to taxonomy codes, checked in a dry run that lists every
 * rejected row (row, column, value, rule), then imported by a background job. Shared by the API and the
 * import wizard. Do not import server code here.
 */
import { z } from './zod.ts';
import { extensible, ORG_CODE } from './lookup.ts';
import { DATE_ORDERS } from './dates.ts';
import { PARTY_SPECIAL_CHOICES, PartyRef, type PartySpecialChoice } from './parties.ts';
import { PartyCandidate } from './party-links.ts';
import {
  CONSENT_SCOPES, DISPLACEMENT_STAGES, LOCATION_PRECISIONS, PERPETRATOR_CATEGORIES, SETTINGS, SEXES, SOURCE_RELIABILITY, SOURCE_TYPES, SV_FORMS, TIMES_OF_DAY,
} from './taxonomy.ts';

/** Fields a column can fill. One column per field; a field without a column takes its default, if any. */
export const IMPORT_FIELDS = [
  'externalId', 'occurredFrom', 'occurredTo', 'dateEstimated',
  'country', 'admin1', 'admin2', 'locality', 'lat', 'lon', 'coordinatePrecision',
  'victimsWomen', 'victimsGirls', 'victimsMen', 'victimsBoys', 'victimsUnknown',
  'forms',
  'perpetratorParty', 'perpetratorCategory', 'perpetratorNumber', 'perpetratorInUniform',
  'sourceType', 'sourceOrganisation', 'sourceReliability', 'sourceDate',
  'setting', 'timeOfDay', 'displacementStage', 'abduction', 'detention',
  'consent', 'verificationStatus', 'narrative',
  'survivorCode', 'survivorSex', 'survivorAge',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
const importField = z.enum(IMPORT_FIELDS);

/** Imported records are reported or pending: a coordinator decides them afterwards (four eyes). */
export const IMPORT_STATUSES = ['reported', 'pending'] as const;
/** Yes/no columns are mapped like coded ones: "yes", "Oui", "1", "x" or whatever the file writes. */
export const YES_NO = ['yes', 'no'] as const;

/** Fields whose values are codes of a fixed list: each distinct value in the file is mapped to one. */
export const CODED_FIELDS = {
  country: null, // ISO 3166 alpha-3, any country
  admin1: null, // a code of the area list (ISO 3166-2 or P-code), or the area's name
  admin2: null,
  coordinatePrecision: LOCATION_PRECISIONS,
  dateEstimated: YES_NO,
  forms: SV_FORMS,
  perpetratorCategory: PERPETRATOR_CATEGORIES,
  perpetratorInUniform: YES_NO,
  sourceType: SOURCE_TYPES,
  sourceReliability: SOURCE_RELIABILITY,
  setting: SETTINGS,
  timeOfDay: TIMES_OF_DAY,
  displacementStage: DISPLACEMENT_STAGES,
  abduction: YES_NO,
  detention: YES_NO,
  consent: CONSENT_SCOPES,
  verificationStatus: IMPORT_STATUSES,
  survivorSex: SEXES,
} as const satisfies Partial<Record<ImportField, readonly string[] | null>>;
export type CodedField = keyof typeof CODED_FIELDS;
const codedField = z.enum(Object.keys(CODED_FIELDS) as [CodedField, ...CodedField[]]);
export const isCodedField = (f: string): f is CodedField => f in CODED_FIELDS;
/** Coded fields that may hold several values in one cell (separated by the mapping's separator). */
export const MULTI_VALUE_FIELDS: readonly CodedField[] = ['forms', 'consent'];
/** Fields sealed with the record (never shown as samples, never filtered on, never in fingerprints). */
export const IDENTIFYING_IMPORT_FIELDS: readonly ImportField[] = ['locality', 'lat', 'lon', 'narrative', 'survivorCode', 'survivorSex', 'survivorAge'];
export const VICTIM_FIELDS = ['victimsWomen', 'victimsGirls', 'victimsMen', 'victimsBoys', 'victimsUnknown'] as const satisfies readonly ImportField[];

/** Further perpetrators and sources of one row, each from its own group of columns (actor1, actor2, ...). */
export const PERPETRATOR_PARTS = { party: 'perpetratorParty', category: 'perpetratorCategory', number: 'perpetratorNumber', inUniform: 'perpetratorInUniform' } as const;
export const SOURCE_PARTS = { type: 'sourceType', organisation: 'sourceOrganisation', reliability: 'sourceReliability', date: 'sourceDate' } as const;
export type PerpetratorPart = keyof typeof PERPETRATOR_PARTS;
export type SourcePart = keyof typeof SOURCE_PARTS;

/** Fields a KoboToolbox repeat group (a later sheet of the XLSX, joined on _index / _parent_index) can fill, one entry per row. */
export const REPEAT_FIELDS = ['survivorCode', 'survivorSex', 'survivorAge', 'perpetratorParty', 'perpetratorCategory', 'perpetratorNumber', 'perpetratorInUniform'] as const satisfies readonly ImportField[];
export type RepeatField = (typeof REPEAT_FIELDS)[number];

/** Encodings a CSV can be read in (found from the bytes; the user may choose another). */
export const TEXT_ENCODINGS = ['utf-8', 'windows-1252', 'windows-1256', 'iso-8859-15', 'utf-16le', 'utf-16be', 'macintosh'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];
/** The columns Salama adds to the rejected rows it hands back; a file that has both is one of those, corrected. */
export const REJECTED_MARKER_COLUMNS = ['salama_row', 'salama_problems'] as const;

const text = (max: number) => z.string().max(max);
const column = text(300);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isPartyChoice = (v: string): v is PartySpecialChoice => (PARTY_SPECIAL_CHOICES as readonly string[]).includes(v);
/** What a party value maps to: a party's id, or an explicit choice. */
const isPartyTarget = (v: string) => isPartyChoice(v) || UUID.test(v);

export const ImportMapping = z.object({
  /** Field -> the column header that fills it. */
  columns: z.partialRecord(importField, column).default({}),
  /** Coded field -> (value as written in the file -> code); '' leaves the field empty. Values already equal to a code need no entry. */
  values: z.partialRecord(codedField, z.record(text(300), text(100))).default({}),
  /**
   * Coded field -> what every value without an entry and not recognised becomes ("map all unmatched to ...",
   * '' = "ignore all unmatched"). Without it such values reject their rows, except area names, which are kept
   * as written without a code.
   */
  unmatched: z.partialRecord(codedField, text(100)).default({}),
  /**
   * A perpetrator party as written in the file (in any of its party columns) -> the registry party it stands
   * for (its id), or an explicit choice ('unknown', 'unidentified_armed_men'). Values without an entry are
   * linked as the registry and the organisation's decisions know them, or kept as written for a coordinator.
   */
  parties: z.record(text(300), z.string().refine(isPartyTarget, 'party_unknown')).default({}),
  /** Further perpetrators and sources of a row, each from its own columns. */
  more: z.object({
    perpetrators: z.array(z.partialRecord(z.enum(Object.keys(PERPETRATOR_PARTS) as [PerpetratorPart, ...PerpetratorPart[]]), column)).max(9).default([]),
    sources: z.array(z.partialRecord(z.enum(Object.keys(SOURCE_PARTS) as [SourcePart, ...SourcePart[]]), column)).max(9).default([]),
  }).strict().default({ perpetrators: [], sources: [] }),
  /** KoboToolbox repeat groups: a later sheet whose rows (joined on _parent_index) are victims or perpetrators of the row. */
  repeats: z.array(z.object({ sheet: text(100).min(1), columns: z.partialRecord(z.enum(REPEAT_FIELDS), column) }).strict()).max(5).default([]),
  /** Only rows whose cell in each listed column is one of its values are imported; the others are left out, not rejected. */
  filters: z.array(z.object({ column, values: z.array(text(300)).min(1).max(1000) }).strict()).max(5).default([]),
  /** Used when a field has no column, or its cell is empty. */
  defaults: z.object({
    country: z.string().regex(/^[A-Z]{3}$/, 'country_code').optional(),
    consent: z.array(z.enum(CONSENT_SCOPES)).min(1).optional(),
    victimsUnknown: z.number().int().min(0).max(100000).optional(),
    forms: z.enum(SV_FORMS).optional(),
    verificationStatus: z.enum(IMPORT_STATUSES).optional(),
    sourceType: extensible(SOURCE_TYPES).optional(),
    dateEstimated: z.boolean().optional(),
  }).strict().default({}),
  /** Numeric dates both readings allow (03/04/2020): day first or month first. Every other way of writing a date is read as it is. */
  dateOrder: z.enum(DATE_ORDERS).default('dmy'),
  /** Separator of several values in one cell (KoboToolbox select_multiple uses a space). */
  separator: z.enum(['semicolon', 'comma', 'space']).default('semicolon'),
  /** A row with several forms: its victims count in every form (the same people suffered each), or in the first only. */
  victimsSplit: z.enum(['each', 'first']).default('each'),
}).strict().superRefine((m, ctx) => {
  // A code chosen for a value must be one of the field's: caught here, not half-way through an import.
  const valid = (f: CodedField, code: string) => {
    if (code === '') return true;
    const list = CODED_FIELDS[f];
    if (list === null) return f === 'country' ? /^[A-Z]{3}$/.test(code) : true;
    return (list as readonly string[]).includes(code) || ((f === 'setting' || f === 'sourceType') && ORG_CODE.test(code));
  };
  for (const [f, byValue] of Object.entries(m.values) as [CodedField, Record<string, string>][]) {
    for (const [value, code] of Object.entries(byValue)) {
      if (!valid(f, code)) ctx.addIssue({ code: 'custom', path: ['values', f, value], message: 'not_a_code_of', params: { value: code } });
    }
  }
  for (const [f, code] of Object.entries(m.unmatched) as [CodedField, string][]) {
    if (!valid(f, code)) ctx.addIssue({ code: 'custom', path: ['unmatched', f], message: 'not_a_code_of', params: { value: code } });
  }
  // Consent is given value by value: "all the others" may only ever mean the most protective scope.
  if (m.unmatched.consent !== undefined && m.unmatched.consent !== 'agency_only' && m.unmatched.consent !== '') {
    ctx.addIssue({ code: 'custom', path: ['unmatched', 'consent'], message: 'unmatched_consent' });
  }
  // A row filter reads cells in clear: never a column the mapping treats as identifying.
  const identifying = IDENTIFYING_IMPORT_FIELDS.map((f) => m.columns[f]).filter((c): c is string => c !== undefined);
  m.filters.forEach((flt, k) => {
    if (identifying.includes(flt.column)) ctx.addIssue({ code: 'custom', path: ['filters', k, 'column'], message: 'filter_identifying' });
  });
});
export type ImportMapping = z.infer<typeof ImportMapping>;
export type ImportMappingInput = z.input<typeof ImportMapping>;

export const IMPORT_STATES = ['uploaded', 'checking', 'checked', 'importing', 'done', 'failed'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

/** Why a row was rejected, as a code the web app words in the reader's language (the English rule goes with it). */
export const PROBLEM_CODES = [
  'required', 'not_a_date', 'unknown_value', 'not_a_country', 'whole_number', 'not_a_number', 'yes_no', 'duplicate_id', 'too_long',
  'before_from', 'in_future', 'no_victims', 'unknown_column', 'cell_count', 'not_an_area', 'invalid',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One reason a row was rejected, by row (1 = the header), column, value and rule; `field` is the incident field the column fills. */
export const RowProblem = z.object({
  row: z.number().int(), column: z.string(), value: z.string(), rule: z.string(),
  field: importField.nullable().optional(),
  code: z.enum(PROBLEM_CODES).optional(),
  /** What the rule names besides the field (another field, a limit, the first row holding the same id). */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type RowProblem = z.infer<typeof RowProblem>;

/**
 * What the dry run says without rejecting anything: rows whose year-only date sits beside a finer one, rows
 * whose victims are copied onto several forms, identical rows, numbers of victims not known, area names kept
 * without a code. `rows` counts them; `examples` are a few row numbers.
 */
export const WARNING_CODES = ['year_only_date', 'month_only_date', 'victims_each_form', 'victims_first_form', 'identical_rows', 'victims_number_unknown', 'area_name_kept', 'date_order_chosen'] as const;
export type WarningCode = (typeof WARNING_CODES)[number];
export const ImportWarning = z.object({
  code: z.enum(WARNING_CODES),
  column: z.string().nullable(),
  rows: z.number().int(),
  examples: z.array(z.number().int()),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ImportWarning = z.infer<typeof ImportWarning>;

/** A row whose record is already here (same external id) but whose content differs: which fields would change. */
export const ChangedRow = z.object({ row: z.number().int(), externalId: z.string(), reference: z.string(), fields: z.array(z.string()), decided: z.boolean() });
export type ChangedRow = z.infer<typeof ChangedRow>;

export const ImportSummary = z.object({
  id: z.uuid(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  sheet: z.string().nullable(),
  state: z.enum(IMPORT_STATES),
  /** What the last run was: a dry run (nothing written) or the import itself. */
  mode: z.enum(['dry_run', 'import']).nullable(),
  rows: z.number().int(),
  processed: z.number().int(),
  /** Rows that are (or, in a dry run, would be) new incidents. */
  created: z.number().int(),
  /** Rows already imported before and unchanged (same external id, same content): nothing is created or changed. */
  skipped: z.number().int(),
  /** Rows already imported before whose content differs; `updated` of them were applied as new versions. */
  changed: z.number().int(),
  updated: z.number().int(),
  /** Rows left out by the mapping's row filter (neither imported nor rejected). */
  excluded: z.number().int(),
  rejected: z.number().int(),
  /** What the last run did with changed rows. */
  onChanged: z.enum(['leave', 'update']).nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

/** What the upload found in the file, kept with the import (column names and counts, never values). */
export const DateColumn = z.object({
  column: z.string(), values: z.number().int(), dates: z.number().int(), precision: z.enum(['day', 'month', 'year']).nullable(),
  dayFirst: z.number().int(), monthFirst: z.number().int(), ambiguous: z.number().int(),
});
export type DateColumn = z.infer<typeof DateColumn>;
export const ImportProfile = z.object({
  /** Columns whose values are mostly dates, most precise first. */
  dateColumns: z.array(DateColumn),
  /** Other sheets of an XLSX (KoboToolbox repeat groups): their columns and rows. */
  sheets: z.array(z.object({ name: z.string(), columns: z.array(z.string()), rows: z.number().int() })),
  /** A file of rejected rows Salama handed back, corrected: its guarded cells were restored. */
  rejectedFile: z.boolean(),
});
export type ImportProfile = z.infer<typeof ImportProfile>;

export const ImportDetail = ImportSummary.extend({
  columns: z.array(z.string()),
  /** CSV only: the encoding found in the bytes and the one the file is read in. */
  encoding: z.object({ detected: z.enum(TEXT_ENCODINGS), used: z.enum(TEXT_ENCODINGS) }).nullable(),
  profile: ImportProfile,
  /** The mapping the last run used. */
  mapping: ImportMapping.nullable(),
  /** The mapping being worked on in the wizard (kept on the server, so leaving the page loses nothing). */
  mappingDraft: ImportMapping.nullable(),
  /** A mapping proposed from the headers and values (KoboToolbox group prefixes are ignored). */
  suggested: ImportMapping,
  /** The first rejected rows' problems (all of them are in the rejected-rows CSV). */
  problems: z.array(RowProblem),
  warnings: z.array(ImportWarning),
  /** The first changed rows (all of them are counted in `changed`). */
  changes: z.array(ChangedRow),
});
export type ImportDetail = z.infer<typeof ImportDetail>;
export const ImportList = z.object({ items: z.array(ImportSummary) });

export const ImportUploadQuery = z.object({
  name: z.string().trim().min(1).max(200).regex(/\.(csv|xlsx)$/i, 'file_type'),
  /** XLSX only: which sheet (the first by default; KoboToolbox puts repeat groups on later sheets). */
  sheet: z.string().max(100).optional(),
  /** CSV only: read the file in this encoding instead of the one found in its bytes. */
  encoding: z.enum(TEXT_ENCODINGS).optional(),
}).strict();

/** Reading an uploaded file again in another encoding (the columns and the proposal are read again). */
export const ImportReread = z.object({ encoding: z.enum(TEXT_ENCODINGS) }).strict();
/** The wizard's mapping in progress. */
export const ImportDraftBody = z.object({ mapping: ImportMapping }).strict();

export const ImportValuesQuery = z.object({
  column: z.string().min(1).max(300),
  /** Only values containing this text (without case or accents). */
  q: z.string().max(200).optional(),
  /** Split cells on this separator first (fields holding several values). */
  split: z.enum(['semicolon', 'comma', 'space']).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The mapping's row filter as JSON: values are counted among the rows it keeps (what the import will read). */
  filters: z.string().max(20_000).optional(),
}).strict();
/** The row filter a values request carries (the mapping's own shape). */
export const RowFilters = ImportMapping.shape.filters;

export const ImportValues = z.object({
  column: z.string(),
  items: z.array(z.object({ value: z.string(), rows: z.number().int() })),
  /** Distinct values matching the search (all pages), and rows whose cell is empty. */
  total: z.number().int(),
  empty: z.number().int(),
  offset: z.number().int(),
});
export type ImportValues = z.infer<typeof ImportValues>;

/** A party column's values are read as a whole (never split), searched and paged like any column's. */
export const ImportPartyValuesQuery = ImportValuesQuery.omit({ split: true });

/**
 * A party column's distinct values with what the registry makes of each: the link it has already (a party by
 * one of its names - `name` - or by an alias, or the organisation's decision on that name, which may be an
 * explicit choice), or else its closest party (parties/similarity.ts), a proposal only.
 */
export const ImportPartyValues = ImportValues.extend({
  items: z.array(z.object({
    value: z.string(),
    rows: z.number().int(),
    link: z.object({ party: PartyRef.nullable(), choice: z.enum(PARTY_SPECIAL_CHOICES).nullable(), via: z.enum(['name', 'alias', 'decided']) }).nullable(),
    candidate: PartyCandidate.nullable(),
  })),
});
export type ImportPartyValues = z.infer<typeof ImportPartyValues>;

/** A few rows of the file with text beyond ASCII, to check the encoding before mapping (audited). */
export const ImportPreview = z.object({
  encoding: z.enum(TEXT_ENCODINGS).nullable(),
  rows: z.array(z.object({ row: z.number().int(), cells: z.array(z.object({ column: z.string(), value: z.string() })) })),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportRun = z.object({
  mapping: ImportMapping,
  dryRun: z.boolean().default(false),
  /** Rows already imported whose content changed: leave the records as they are, or update them (a new version each). */
  onChanged: z.enum(['leave', 'update']).default('leave'),
}).strict();
export type ImportRun = z.infer<typeof ImportRun>;

export const SavedMappingBody = z.object({ name: z.string().trim().min(1).max(100), mapping: ImportMapping }).strict();
export const SavedMapping = z.object({ id: z.uuid(), name: z.string(), mapping: ImportMapping, updatedAt: z.string() });
export type SavedMapping = z.infer<typeof SavedMapping>;
export const SavedMappings = z.object({ items: z.array(SavedMapping) });

/** How the mapping's separator splits a cell holding several values (parts are trimmed after: no backtracking). */
export const VALUE_SEPARATORS = { semicolon: /;/, comma: /,/, space: /\s+/ } as const;

/** Lower case, no accents, runs of anything else than letters and digits as one underscore. */
export function normaliseKey(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '_').replace(/^_|_$/g, '');
}

const TRUE = new Set(['yes', 'y', 'true', '1', 'oui', 'o', 'vrai', 'x', 'نعم']);
const FALSE = new Set(['no', 'n', 'false', '0', 'non', 'faux', 'لا']);
/** How files say that the form of sexual violence is not specified. */
const UNSPECIFIED_FORM = new Set(['unknown', 'unspecified', 'not_specified', 'non_precise', 'non_precisee', 'non_specifie', 'inconnu', 'inconnue', 'other_unknown', 'sexual_violence', 'violence_sexuelle']);

/** The code a file's value stands for without a mapping entry: the code itself, however it is spelled (yes/no also as true/false, 1/0, oui/non). */
export function autoCode(field: CodedField, value: string): string | null {
  const list = CODED_FIELDS[field];
  if (!list) return null;
  const key = normaliseKey(value);
  if (list === YES_NO) return TRUE.has(key) ? 'yes' : FALSE.has(key) ? 'no' : null;
  if (field === 'forms' && UNSPECIFIED_FORM.has(key)) return 'unspecified';
  return (list as readonly string[]).find((c) => c === key) ?? null;
}

/** The value to map for one cell part: trimmed, runs of spaces as one (so "Nord  Kivu " and "Nord Kivu" are one value). */
export const cellValue = (s: string) => s.trim().replace(/\s+/g, ' ');
