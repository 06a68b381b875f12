/**
 * The import contract: a spreadsheet (CSV, or XLSX such as a KoboToolbox/ODK export) is uploaded, its
 * columns mapped to incident fields and its values to taxonomy codes, checked in a dry run that lists every
 * rejected row (row, column, value, rule), then imported by a background job. Shared by the API and the
 * import wizard. Do not import server code here.
 */
import { z } from './zod.ts';
import { extensible } from './lookup.ts';
import {
  CONSENT_SCOPES, DISPLACEMENT_STAGES, PERPETRATOR_CATEGORIES, SETTINGS, SEXES, SOURCE_RELIABILITY, SOURCE_TYPES, SV_FORMS, TIMES_OF_DAY,
} from './taxonomy.ts';

/** Fields a column can fill. One column per field; a field without a column takes its default, if any. */
export const IMPORT_FIELDS = [
  'externalId', 'occurredFrom', 'occurredTo', 'dateEstimated',
  'country', 'admin1', 'admin2', 'locality', 'lat', 'lon',
  'victimsWomen', 'victimsGirls', 'victimsMen', 'victimsBoys', 'victimsUnknown',
  'forms',
  'perpetratorParty', 'perpetratorCategory', 'perpetratorNumber', 'perpetratorInUniform',
  'sourceType', 'sourceOrganisation', 'sourceReliability', 'sourceDate',
  'setting', 'timeOfDay', 'displacementStage', 'abduction', 'detention',
  'consent', 'verificationStatus', 'narrative',
  'survivorCode', 'survivorSex', 'survivorAge',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Imported records are reported or pending: a coordinator decides them afterwards (four eyes). */
export const IMPORT_STATUSES = ['reported', 'pending'] as const;

/** Fields whose values are codes of a fixed list: each distinct value in the file is mapped to one. */
export const CODED_FIELDS = {
  country: null, // ISO 3166 alpha-3, any country
  admin1: null, // a P-code of the area list
  admin2: null,
  forms: SV_FORMS,
  perpetratorCategory: PERPETRATOR_CATEGORIES,
  sourceType: SOURCE_TYPES,
  sourceReliability: SOURCE_RELIABILITY,
  setting: SETTINGS,
  timeOfDay: TIMES_OF_DAY,
  displacementStage: DISPLACEMENT_STAGES,
  consent: CONSENT_SCOPES,
  verificationStatus: IMPORT_STATUSES,
  survivorSex: SEXES,
} as const satisfies Partial<Record<ImportField, readonly string[] | null>>;
export type CodedField = keyof typeof CODED_FIELDS;
export const isCodedField = (f: string): f is CodedField => f in CODED_FIELDS;
/** Coded fields that may hold several values in one cell (separated by the mapping's separator). */
export const MULTI_VALUE_FIELDS: readonly CodedField[] = ['forms', 'consent'];
export const BOOLEAN_FIELDS: readonly ImportField[] = ['dateEstimated', 'abduction', 'detention', 'perpetratorInUniform'];

/** How dates are written in the file (XLSX date cells are read as dates whatever this says). */
export const DATE_FORMATS = ['iso', 'dmy', 'mdy', 'year'] as const;

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

export const ImportMapping = z.object({
  /** Field -> the column header that fills it. */
  columns: z.partialRecord(z.enum(IMPORT_FIELDS), text(300)).default({}),
  /** Coded field -> (value as written in the file -> code). Values already equal to a code need no entry. */
  values: z.partialRecord(z.enum(Object.keys(CODED_FIELDS) as [CodedField, ...CodedField[]]), z.record(text(300), text(100))).default({}),
  /** Used when a field has no column, or its cell is empty. */
  defaults: z.object({
    country: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166 alpha-3 country code such as CAF').optional(),
    consent: z.array(z.enum(CONSENT_SCOPES)).min(1).optional(),
    victimsUnknown: z.number().int().min(0).max(100000).optional(),
    forms: z.enum(SV_FORMS).optional(),
    verificationStatus: z.enum(IMPORT_STATUSES).optional(),
    sourceType: extensible(SOURCE_TYPES, 'source type').optional(),
    dateEstimated: z.boolean().optional(),
  }).strict().default({}),
  dateFormat: z.enum(DATE_FORMATS).default('iso'),
  /** Separator of several values in one cell (KoboToolbox select_multiple uses a space). */
  separator: z.enum(['semicolon', 'comma', 'space']).default('semicolon'),
}).strict();
export type ImportMapping = z.infer<typeof ImportMapping>;
export type ImportMappingInput = z.input<typeof ImportMapping>;

export const IMPORT_STATES = ['uploaded', 'checking', 'checked', 'importing', 'done', 'failed'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

/** One reason a row was rejected, by row (1 = the header), column, value and rule. */
export const RowProblem = z.object({ row: z.number().int(), column: z.string(), value: z.string(), rule: z.string() });
export type RowProblem = z.infer<typeof RowProblem>;

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
  /** Rows already imported before (same external id): nothing is created or changed. */
  skipped: z.number().int(),
  rejected: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const ImportDetail = ImportSummary.extend({
  columns: z.array(z.string()),
  mapping: ImportMapping.nullable(),
  /** A mapping proposed from the headers and values (KoboToolbox group prefixes are ignored). */
  suggested: ImportMapping,
  /** The first rejected rows' problems (all of them are in the rejected-rows CSV). */
  problems: z.array(RowProblem),
});
export type ImportDetail = z.infer<typeof ImportDetail>;
export const ImportList = z.object({ items: z.array(ImportSummary) });

export const ImportUploadQuery = z.object({
  name: z.string().trim().min(1, 'is required: the file name').max(200).regex(/\.(csv|xlsx)$/i, 'must end in .csv or .xlsx'),
  /** XLSX only: which sheet (the first by default; KoboToolbox puts repeat groups on later sheets). */
  sheet: z.string().max(100).optional(),
}).strict();

export const ImportValues = z.object({
  column: z.string(),
  items: z.array(z.object({ value: z.string(), rows: z.number().int() })),
  /** More distinct values than listed. */
  truncated: z.boolean(),
});
export type ImportValues = z.infer<typeof ImportValues>;

export const ImportRun = z.object({ mapping: ImportMapping, dryRun: z.boolean().default(false) }).strict();
export type ImportRun = z.infer<typeof ImportRun>;

export const SavedMappingBody = z.object({ name: z.string().trim().min(1, 'is required').max(100), mapping: ImportMapping }).strict();
export const SavedMapping = z.object({ id: z.uuid(), name: z.string(), mapping: ImportMapping, updatedAt: z.string() });
export type SavedMapping = z.infer<typeof SavedMapping>;
export const SavedMappings = z.object({ items: z.array(SavedMapping) });

/** How the mapping's separator splits a cell holding several values (parts are trimmed after: no backtracking). */
export const VALUE_SEPARATORS = { semicolon: /;/, comma: /,/, space: /\s+/ } as const;

/** Lower case, no accents, runs of anything else than letters and digits as one underscore. */
export function normaliseKey(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '_').replace(/^_|_$/g, '');
}

/** The code a file's value stands for without a mapping entry: the code itself, however it is spelled. */
export function autoCode(field: CodedField, value: string): string | null {
  const list = CODED_FIELDS[field];
  if (!list) return null;
  const key = normaliseKey(value);
  return (list as readonly string[]).find((c) => c === key) ?? null;
}
