/**
 * The analysis engine's contract: what a figure counts (the counting rules' choices), how it is broken down
 * and filtered, and what comes back. No Node imports: the web bundle imports this file. The rules behind
 * each choice are in src/stats/rules.ts and, in plain words, in docs/ANALYSIS.md.
 */
import { z } from './zod.ts';
import { SETTINGS, SV_FORMS, VERIFICATION_STATUSES, VICTIM_CATEGORIES } from './taxonomy.ts';
import { PERPETRATOR_CATEGORIES } from './taxonomy.ts';
import { isoDate } from './values.ts';

/** What is counted: incidents; violations (one per form of an incident); victims (from the tallies). */
export const STAT_UNITS = ['incidents', 'violations', 'victims'] as const;
export type StatUnit = (typeof STAT_UNITS)[number];
/** Which date places a record in a period: when it occurred (began), when it was recorded, when it was decided. */
export const STAT_DATE_BASES = ['occurred', 'recorded', 'decided'] as const;
export type StatDateBasis = (typeof STAT_DATE_BASES)[number];
/** Which records: every allegation (all but those found not to have occurred), or verified ones only. */
export const STAT_STATUS_SCOPES = ['reported', 'verified'] as const;
export type StatStatusScope = (typeof STAT_STATUS_SCOPES)[number];
/** Conflict-related sexual violence, or the separate track of exploitation and abuse by UN or humanitarian personnel. */
export const STAT_TRACKS = ['crsv', 'sea'] as const;
export type StatTrack = (typeof STAT_TRACKS)[number];
export const PERIOD_GRAINS = ['month', 'quarter', 'year'] as const;
export type PeriodGrain = (typeof PERIOD_GRAINS)[number];

/** What a figure can be broken down by. `victimCategory` only with the unit victims. */
export const STAT_DIMENSIONS = ['period', 'form', 'party', 'partyCategory', 'country', 'admin1', 'admin2', 'victimCategory', 'status', 'setting', 'sourceOrg'] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];

/**
 * Codes for what is not a value: a party not named by any perpetrator (`not_recorded`), written but not
 * linked to the registry yet (`not_linked`), or one of the explicit choices; a place or setting not known.
 */
export const PARTY_PSEUDO_CODES = ['unknown', 'unidentified_armed_men', 'not_linked', 'not_recorded'] as const;
export const NOT_KNOWN = 'not_known';

export const STAT_MAX_DIMENSIONS = 3;
export const STAT_MAX_ROWS = 20_000;

const list = <T extends readonly [string, ...string[]]>(values: T) => z.preprocess(
  (v) => (typeof v === 'string' ? (v === '' ? [] : v.split(',')) : v),
  z.array(z.enum(values)).max(values.length),
);
const idList = z.preprocess(
  (v) => (typeof v === 'string' ? (v === '' ? [] : v.split(',')) : v),
  z.array(z.union([z.uuid({ error: 'not_an_id' }), z.enum(PARTY_PSEUDO_CODES)])).max(50),
);
const bool = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());

/** The counting rules' choices; each has a default, and every figure says which it used. */
export const CountingChoice = z.object({
  unit: z.enum(STAT_UNITS).default('incidents'),
  date: z.enum(STAT_DATE_BASES).default('occurred'),
  records: z.enum(STAT_STATUS_SCOPES).default('reported'),
  track: z.enum(STAT_TRACKS).default('crsv'),
  /** Parties counted under the top of their hierarchy (a brigade under its army); a party filter then includes its units. */
  rollup: bool.default(false),
});
export type CountingChoice = z.infer<typeof CountingChoice>;

/** Filters on the same dimensions as the breakdowns. Periods are inclusive dates on the chosen date basis. */
export const StatFilters = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  form: list(SV_FORMS).optional(),
  status: list(VERIFICATION_STATUSES).optional(),
  party: idList.optional(),
  partyCategory: list(PERPETRATOR_CATEGORIES).optional(),
  country: z.string().regex(/^[A-Z]{3}$/, 'country_code').optional(),
  admin1: z.string().max(60).optional(),
  admin2: z.string().max(60).optional(),
  victimCategory: list(VICTIM_CATEGORIES).optional(),
  setting: list(SETTINGS).optional(),
  sourceOrg: z.string().max(200).optional(),
  /** Only verifications decided after the quarter of the incident (true), or none of them (false). */
  late: bool.optional(),
});
export type StatFilters = z.infer<typeof StatFilters>;

export const StatsQuery = CountingChoice.extend(StatFilters.shape).extend({
  by: list(STAT_DIMENSIONS).default([]),
  grain: z.enum(PERIOD_GRAINS).default('quarter'),
}).strict().superRefine((q, c) => {
  if (q.by.length > STAT_MAX_DIMENSIONS) c.addIssue({ code: 'custom', path: ['by'], message: 'too_many', params: { max: STAT_MAX_DIMENSIONS } });
  if (new Set(q.by).size !== q.by.length) c.addIssue({ code: 'custom', path: ['by'], message: 'repeated_choice' });
  if (q.by.includes('victimCategory') && q.unit !== 'victims') c.addIssue({ code: 'custom', path: ['by'], message: 'victim_category_needs_victims' });
  if (q.from && q.to && q.to < q.from) c.addIssue({ code: 'custom', path: ['to'], message: 'before_start', params: { otherField: 'from' } });
});
export type StatsQuery = z.infer<typeof StatsQuery>;

/** One cell: its code in each dimension of `by` (same order), and its value. */
export const StatRow = z.object({ key: z.array(z.string()), value: z.number().int() });
export type StatRow = z.infer<typeof StatRow>;

export const StatsAnswer = z.object({
  tier: z.literal('restricted'),
  /** The choices as applied, so the figure can say what it counts. */
  rule: CountingChoice,
  by: z.array(z.enum(STAT_DIMENSIONS)),
  grain: z.enum(PERIOD_GRAINS),
  rows: z.array(StatRow),
  /** The same figure without breakdown (an incident with two parties counts once here). */
  total: z.number().int(),
  /** Names of the parties in `rows`, in the reader's language. */
  parties: z.record(z.string(), z.string()),
  /** Whose records: the organisation's, or only those the reader recorded or was assigned. */
  coverage: z.enum(['organisation', 'own']),
  /** Records decided by their recorder with a justification (organisations that allow it) among those counted. */
  selfDecided: z.number().int(),
  /** When the figures were computed; they include every change committed before. */
  asOf: z.string(),
});
export type StatsAnswer = z.infer<typeof StatsAnswer>;

/** The map's points: the same choices and filters as a figure, no breakdown. */
export const PointsQuery = CountingChoice.extend(StatFilters.shape).strict().superRefine((q, c) => {
  if (q.from && q.to && q.to < q.from) c.addIssue({ code: 'custom', path: ['to'], message: 'before_start', params: { otherField: 'from' } });
});
export type PointsQuery = z.infer<typeof PointsQuery>;
export const STAT_MAX_POINTS = 2000;

export const MapPoint = z.object({
  id: z.uuid(),
  reference: z.string(),
  lat: z.number(),
  lon: z.number(),
  /** As recorded: exact (shown to 4 decimals, about 10 m), approximate or locality (2 decimals, about 1 km). */
  precision: z.enum(['exact', 'approximate', 'locality']),
});
export type MapPoint = z.infer<typeof MapPoint>;

export const PointsAnswer = z.object({
  points: z.array(MapPoint),
  /** Incidents the filters count; those without a point are drawn only in their area's count. */
  counted: z.number().int(),
  /** More incidents than the map draws (the newest STAT_MAX_POINTS are opened). */
  capped: z.boolean(),
  /** Counted but not drawn: no coordinates, coarser than a locality, or shown only at admin 1 or country. */
  withoutPoint: z.number().int(),
});
export type PointsAnswer = z.infer<typeof PointsAnswer>;

// ---- The protected tier: a declared catalogue, protected jointly per release ----

/**
 * Why a cell is suppressed: a small count (`primary`) or one that would reveal a small count (`secondary`),
 * for readers of the restricted tier; `suppressed` alone wherever the figures are read beyond it (viewers,
 * exports): the reason narrows what an attacker can deduce (a primary cell is known to be below the threshold).
 */
export const SUPPRESSION_REASONS = ['primary', 'secondary', 'suppressed'] as const;
export const ProtectedCellOut = z.object({
  key: z.array(z.string()),
  /** Null when suppressed: shown as suppressed, never as zero or blank. */
  value: z.number().int().nullable(),
  suppressed: z.enum(SUPPRESSION_REASONS).nullable(),
});
export type ProtectedCellOut = z.infer<typeof ProtectedCellOut>;

/**
 * The dimensions of protected tables. Codes: period `2024` or `2024-Q1`; area a country (`COD`) or a country
 * and its admin 1 (`COD/CD61`); `total` is a dimension's total.
 */
export const PROTECTED_DIMENSIONS = ['period', 'form', 'area', 'victimCategory', 'party'] as const;
export type ProtectedDimension = (typeof PROTECTED_DIMENSIONS)[number];
export const TOTAL_CODE = 'total';

export const ProtectedTableOut = z.object({
  id: z.string(),
  dimensions: z.array(z.enum(PROTECTED_DIMENSIONS)),
  cells: z.array(ProtectedCellOut),
});
export type ProtectedTableOut = z.infer<typeof ProtectedTableOut>;

/** No parameters: a release is the same for every reader (unknown parameters are ignored). */
export const ProtectedQuery = z.object({});

export const ProtectedRelease = z.object({
  tier: z.literal('protected'),
  release: z.string(),
  rule: CountingChoice,
  grain: z.enum(PERIOD_GRAINS),
  threshold: z.number().int(),
  tables: z.array(ProtectedTableOut),
  parties: z.record(z.string(), z.string()),
  /** The last day counted: the end of the last closed quarter (the current quarter is not published yet). */
  through: z.string(),
  /** When today's publication was made; it is served unchanged until tomorrow. */
  computedAt: z.string(),
});
export type ProtectedRelease = z.infer<typeof ProtectedRelease>;

export const StatsExportQuery = z.object({
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
  lang: z.enum(['en', 'fr', 'ar']).default('en'),
}).strict();
export type StatsExportQuery = z.infer<typeof StatsExportQuery>;

export const ReleaseParams = z.object({ release: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, 'unknown_release') }).strict();
