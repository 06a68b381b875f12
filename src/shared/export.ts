/**
 * The incident export contract: which records (the list's filters and a purpose), in which format, and how
 * readable (codes, labels in a language, or both; a row per incident or per violation). The API validates
 * with these schemas, OpenAPI documents them, and the web app's export panel builds its requests from them.
 * Do not import server code here: the web bundle imports this file.
 */
import { z } from './zod.ts';
import { IncidentListQuery } from './incident.ts';
import { LABEL_LANGUAGES } from './labels.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export const EXPORT_PURPOSES = ['agency', 'mara_working_group'] as const;
/** Codes only (stable, for tools), labels only (for people), or both side by side. */
export const EXPORT_LABELS = ['codes', 'labels', 'both'] as const;
export type ExportLabels = (typeof EXPORT_LABELS)[number];
/** One row per incident, or one per violation (its form and its own tally; the incident's other columns repeated). */
export const EXPORT_ROWS = ['incident', 'violation'] as const;
export type ExportRows = (typeof EXPORT_ROWS)[number];

/** An export: the list's filters (no paging: everything matching is streamed), a format, a purpose, and how it reads. */
export const IncidentExportQuery = IncidentListQuery.omit({ page: true, pageSize: true, sort: true }).extend({
  format: z.enum(EXPORT_FORMATS).default('csv'),
  /** Add HXL hashtags (a second header row in CSV, a "hxl" map in JSON). */
  hxl: z.enum(['true', 'false'], { error: 'yes_or_no' }).default('false').transform((v) => v === 'true'),
  /** `agency`: the organisation's own copy; `mara_working_group`: only records whose consent allows sharing. */
  purpose: z.enum(EXPORT_PURPOSES).default('agency'),
  /**
   * Coded columns as codes, as labels in `lang` (a `<column>_label` column instead of the code column), or both
   * (the label column right after its code column). Codes by default: tools built on the codes keep working.
   */
  labels: z.enum(EXPORT_LABELS).default('codes'),
  /** The language of the labels (the web app sends the user's); an organisation's own values fall back to English. */
  lang: z.enum(LABEL_LANGUAGES).default('en'),
  /** `violation`: one row per violation, numbered within its incident (victims summed over rows count some people twice). */
  rows: z.enum(EXPORT_ROWS).default('incident'),
}).strict();
export type IncidentExportQuery = z.infer<typeof IncidentExportQuery>;

/**
 * An export inside an encrypted package: the same choices, sent in the body (a passphrase must never sit
 * in a URL, where logs and browser history keep it).
 */
/**
 * The ZIP format's AES (the one 7-Zip opens) derives its key with PBKDF2-HMAC-SHA1 and only 1,000 rounds, so
 * each guess costs an attacker little: the passphrase itself must carry the strength. 20 characters at least;
 * the app offers a generated one (six groups of five letters and digits, 150 bits) that cannot be guessed.
 */
export const PASSPHRASE_MIN_LENGTH = 20;
export const IncidentExportPackage = IncidentExportQuery.extend({
  hxl: z.boolean().default(false),
  passphrase: z.string().min(PASSPHRASE_MIN_LENGTH, 'passphrase_short').max(200),
});
export type IncidentExportPackage = z.infer<typeof IncidentExportPackage>;

/** The size of an export before it is made: incidents matching, and rows in the file (the same, or violations). */
export const IncidentExportCount = z.object({
  records: z.number().int(),
  rows: z.number().int(),
});
export type IncidentExportCount = z.infer<typeof IncidentExportCount>;
