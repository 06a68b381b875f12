/**
 * Early warning of conflict-related sexual violence, the contract: indicators (computed from incidents
 * through the analysis engine, or observed and recorded by monitors), observations, rules over areas and
 * windows, alerts raised once per episode with their explanation, the alert workflow and the backtest.
 * No Node imports: the web bundle imports this file.
 *
 * Everything here is the organisation's restricted data (shared/fields.ts: WARNING_FIELD_CLASSES): alerts
 * carry exact counts over the whole organisation's records, so they are read by coordinators only; monitors
 * and partners record observations and read their own. Nothing leaves the restricted tier from here.
 */
import { z } from './zod.ts';
import { PERPETRATOR_CATEGORIES, SETTINGS, SV_FORMS, VICTIM_CATEGORIES } from './taxonomy.ts';
import { countryCode, freeText, isoDate } from './values.ts';
import { STAT_STATUS_SCOPES } from './stats.ts';

/** The categories of the UN Action matrix of early-warning indicators of CRSV (2011), in our words. */
export const INDICATOR_CATEGORIES = [
  'political', 'armed_groups', 'displacement', 'rule_of_law', 'health_services', 'hate_speech', 'mobility',
] as const;
export type IndicatorCategory = (typeof INDICATOR_CATEGORIES)[number];
export const INDICATOR_KINDS = ['computed', 'observed'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export const LANGUAGES = ['en', 'fr', 'ar'] as const;

export const RULE_KINDS = ['surge', 'record_high', 'combination', 'party_active'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
/** A rule watches its area as a whole, or each region (admin 1) or district (admin 2) in it separately. */
export const RULE_PER = ['whole', 'admin1', 'admin2'] as const;
export type RulePer = (typeof RULE_PER)[number];

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ALERT_STATUSES = ['new', 'acknowledged', 'action_taken', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const ALERT_EVENT_KINDS = ['acknowledge', 'action', 'close', 'note'] as const;
export type AlertEventKind = (typeof ALERT_EVENT_KINDS)[number];
/** What was done about an alert (the "action taken" step names one). */
export const ALERT_ACTIONS = [
  'patrol_requested', 'protection_cluster_informed', 'gbv_subcluster_informed', 'mission_leadership_informed',
  'engagement_with_party', 'services_alerted', 'other',
] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

/** Where the next status comes from: which events each status allows (a closed alert takes notes only). */
export const ALERT_NEXT: Record<AlertStatus, readonly AlertEventKind[]> = {
  new: ['acknowledge', 'action', 'close', 'note'],
  acknowledged: ['action', 'close', 'note'],
  action_taken: ['action', 'close', 'note'],
  closed: ['note'],
};
export const ALERT_STATUS_AFTER: Record<Exclude<AlertEventKind, 'note'>, AlertStatus> = { acknowledge: 'acknowledged', action: 'action_taken', close: 'closed' };

const id = z.uuid({ error: 'not_an_id' });
const requiredText = (max: number) => freeText(max).pipe(z.string().min(1));
const words = (max: number) => z.object({ en: freeText(max).optional(), fr: freeText(max).optional(), ar: freeText(max).optional() }).strict();
export type Words = { en?: string; fr?: string; ar?: string };

/** What a computed indicator counts: the engine's counting rule (occurred date, CRSV track) and filters. */
export const IndicatorCount = z.object({
  unit: z.enum(['incidents', 'victims']).default('incidents'),
  records: z.enum(STAT_STATUS_SCOPES).default('reported'),
  form: z.array(z.enum(SV_FORMS)).max(SV_FORMS.length).default([]),
  setting: z.array(z.enum(SETTINGS)).max(SETTINGS.length).default([]),
  victimCategory: z.array(z.enum(VICTIM_CATEGORIES)).max(VICTIM_CATEGORIES.length).default([]),
  partyCategory: z.array(z.enum(PERPETRATOR_CATEGORIES)).max(PERPETRATOR_CATEGORIES.length).default([]),
  party: z.array(id).max(20).default([]),
}).strict();
export type IndicatorCount = z.infer<typeof IndicatorCount>;

export const Indicator = z.object({
  id: z.uuid(),
  /** The seeded indicators' stable code; null for an organisation's own. */
  code: z.string().nullable(),
  category: z.enum(INDICATOR_CATEGORIES),
  kind: z.enum(INDICATOR_KINDS),
  /** In the reader's language, else English, else the first given. */
  name: z.string(),
  description: z.string(),
  names: words(200),
  descriptions: words(2000),
  count: IndicatorCount.nullable(),
  own: z.boolean(),
  retired: z.boolean(),
});
export type Indicator = z.infer<typeof Indicator>;
export const IndicatorList = z.object({ indicators: z.array(Indicator) });
export type IndicatorList = z.infer<typeof IndicatorList>;

const someName = (w: Words) => !!(w.en || w.fr || w.ar);
export const IndicatorCreate = z.object({
  category: z.enum(INDICATOR_CATEGORIES),
  kind: z.enum(INDICATOR_KINDS),
  /** The name in one language or more (the reader sees theirs, else English, else the first given). */
  name: words(200).refine(someName, 'name_in_one_language'),
  description: words(2000).default({}),
  count: IndicatorCount.nullish(),
}).strict().superRefine((v, c) => {
  if (v.kind === 'computed' && !v.count) c.addIssue({ code: 'custom', path: ['count'], message: 'required' });
  if (v.kind === 'observed' && v.count) c.addIssue({ code: 'custom', path: ['count'], message: 'observed_has_no_count' });
});
export type IndicatorCreate = z.infer<typeof IndicatorCreate>;
export const IndicatorPatch = z.object({
  category: z.enum(INDICATOR_CATEGORIES).optional(),
  name: words(200).refine(someName, 'name_in_one_language').optional(),
  description: words(2000).optional(),
  count: IndicatorCount.optional(),
  retired: z.boolean().optional(),
}).strict();
export type IndicatorPatch = z.infer<typeof IndicatorPatch>;

/** An area: a country, optionally a region (admin 1) in it and a district (admin 2) in that. */
export const WarningArea = z.object({
  country: countryCode,
  admin1: z.string().trim().min(1).max(60).nullish(),
  admin2: z.string().trim().min(1).max(60).nullish(),
}).strict().superRefine((a, c) => {
  if (a.admin2 && !a.admin1) c.addIssue({ code: 'custom', path: ['admin1'], message: 'required' });
});
export type WarningArea = z.infer<typeof WarningArea>;
/** An area as the API names it back. */
export const AreaOut = z.object({ country: z.string(), admin1: z.string().nullable(), admin2: z.string().nullable(), name: z.string() });
export type AreaOut = z.infer<typeof AreaOut>;

export const ObservationCreate = z.object({
  indicatorId: id,
  observedOn: isoDate,
  area: WarningArea,
  partyId: id.nullish(),
  severity: z.enum(SEVERITIES),
  /** What was seen, in a few words; restricted, never names (the form says so). */
  note: requiredText(1000),
}).strict();
export type ObservationCreate = z.infer<typeof ObservationCreate>;
export const ObservationDelete = z.object({ reason: requiredText(500) }).strict();
export type ObservationDelete = z.infer<typeof ObservationDelete>;

export const Observation = z.object({
  id: z.uuid(),
  indicator: z.object({ id: z.uuid(), name: z.string(), category: z.enum(INDICATOR_CATEGORIES) }),
  observedOn: z.string(),
  area: AreaOut,
  party: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  severity: z.enum(SEVERITIES),
  note: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  mine: z.boolean(),
  /** Removed since (with a reason) by its recorder or a coordinator: still shown behind the alert it raised. */
  removed: z.boolean(),
});
export type Observation = z.infer<typeof Observation>;
export const ObservationListQuery = z.object({
  indicatorId: id.optional(),
  country: countryCode.optional(),
  admin1: z.string().max(60).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
}).strict();
export type ObservationListQuery = z.infer<typeof ObservationListQuery>;
export const ObservationList = z.object({ observations: z.array(Observation), total: z.number().int() });
export type ObservationList = z.infer<typeof ObservationList>;

const days = (min: number, max: number, dflt: number) => z.number().int().min(min).max(max).default(dflt);

/**
 * Rise against a baseline: the count in the recent window against the average count of a window of the same
 * length over the longer past window just before it. Fires when the recent count reaches the threshold:
 * `max(minCount, ceil(factor x max(baseline average, minBaseline)))`. The floor (`minCount`) and the minimum
 * baseline keep one incident after none from being a surge; low counts need a larger rise in proportion.
 */
export const SurgeParams = z.object({
  kind: z.literal('surge'),
  indicatorId: id,
  recentDays: days(1, 366, 7),
  baselineDays: days(7, 1830, 28),
  factor: z.number().min(1).max(20).default(2),
  minCount: days(1, 10_000, 3),
  minBaseline: z.number().min(0).max(10_000).default(1),
}).strict().superRefine((p, c) => {
  if (p.baselineDays < p.recentDays) c.addIssue({ code: 'custom', path: ['baselineDays'], message: 'baseline_shorter_than_recent' });
});
/** The highest level in N years: the count in the window is above every window of that length before it in the N years, and at least `minCount`. */
export const RecordHighParams = z.object({
  kind: z.literal('record_high'),
  indicatorId: id,
  windowDays: days(7, 366, 30),
  years: days(1, 20, 3),
  minCount: days(1, 10_000, 3),
}).strict();
/** Observed signals together: each listed indicator observed in the same area within the window, at or above a severity. */
export const CombinationParams = z.object({
  kind: z.literal('combination'),
  indicatorIds: z.array(id).min(2).max(6).refine((xs) => new Set(xs).size === xs.length, 'listed_twice'),
  withinDays: days(1, 180, 14),
  minSeverity: z.enum(SEVERITIES).default('low'),
}).strict();
/**
 * A party newly active in an area: at least `minCount` incidents attributed to it in the recent window and
 * none in the quiet period before. Parties: those named, or (none named) every party listed in the annual
 * reports or bound by a commitment the organisation recorded. An indicator narrows what counts (forms...).
 */
export const PartyActiveParams = z.object({
  kind: z.literal('party_active'),
  partyIds: z.array(id).max(50).default([]),
  indicatorId: id.nullish(),
  recentDays: days(1, 366, 30),
  quietDays: days(30, 1830, 365),
  minCount: days(1, 10_000, 1),
}).strict();
export const RuleParams = z.discriminatedUnion('kind', [SurgeParams, RecordHighParams, CombinationParams, PartyActiveParams]);
export type RuleParams = z.infer<typeof RuleParams>;
export type SurgeParams = z.infer<typeof SurgeParams>;
export type RecordHighParams = z.infer<typeof RecordHighParams>;
export type CombinationParams = z.infer<typeof CombinationParams>;
export type PartyActiveParams = z.infer<typeof PartyActiveParams>;

export const RuleInput = z.object({
  name: requiredText(200),
  area: WarningArea,
  per: z.enum(RULE_PER).default('whole'),
  params: RuleParams,
  active: z.boolean().default(true),
}).strict().superRefine((r, c) => {
  if (r.per === 'admin1' && r.area.admin1) c.addIssue({ code: 'custom', path: ['per'], message: 'per_not_below_area' });
  if (r.per === 'admin2' && r.area.admin2) c.addIssue({ code: 'custom', path: ['per'], message: 'per_not_below_area' });
});
export type RuleInput = z.infer<typeof RuleInput>;

export const Rule = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(RULE_KINDS),
  area: AreaOut,
  per: z.enum(RULE_PER),
  params: RuleParams,
  active: z.boolean(),
  /** The rule in words, in the reader's language. */
  description: z.string(),
  openAlerts: z.number().int(),
  lastEvaluatedOn: z.string().nullable(),
  updatedAt: z.string(),
});
export type Rule = z.infer<typeof Rule>;
export const RuleList = z.object({ rules: z.array(Rule) });
export type RuleList = z.infer<typeof RuleList>;

/** One day of a rule's series for one area (and party): the figure, what it was compared with, whether it fired. */
export const SeriesPoint = z.object({
  day: z.string(),
  value: z.number(),
  baseline: z.number().nullable(),
  threshold: z.number(),
  firing: z.boolean(),
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;
export const Episode = z.object({ start: z.string(), end: z.string().nullable(), peak: z.number() });
export type Episode = z.infer<typeof Episode>;

export const BacktestQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** The area (and party) whose series to draw, as an area key (`COD`, `COD/CD-NK`, `COD/CD-NK/x` [`#party`]). */
  key: z.string().max(200).optional(),
}).strict().superRefine((q, c) => {
  if (q.from && q.to && q.to < q.from) c.addIssue({ code: 'custom', path: ['to'], message: 'before_start', params: { otherField: 'from' } });
});
export type BacktestQuery = z.infer<typeof BacktestQuery>;
export const Backtest = z.object({
  rule: Rule,
  from: z.string(),
  to: z.string(),
  /** Every area (and party) where the rule would have fired, with its episodes. */
  areas: z.array(z.object({ key: z.string(), area: AreaOut, party: z.object({ id: z.uuid(), name: z.string() }).nullable(), episodes: z.array(Episode) })),
  /** The series of one area: the one asked for, else the one with the most episodes, else the whole area. */
  series: z.object({ key: z.string(), area: AreaOut, points: z.array(SeriesPoint) }).nullable(),
});
export type Backtest = z.infer<typeof Backtest>;

/** Why an alert was raised, frozen when it was raised (and its latest figures while the episode lasts). */
export const Explanation = z.object({
  kind: z.enum(RULE_KINDS),
  params: RuleParams,
  asOf: z.string(),
  window: z.object({ from: z.string(), to: z.string() }),
  /** The past window the figure was compared with (surge: the baseline; record high and new activity: the years or quiet period before). */
  pastWindow: z.object({ from: z.string(), to: z.string() }).nullable(),
  value: z.number(),
  baseline: z.number().nullable(),
  threshold: z.number(),
  /** The rule and figures in a sentence, in the reader's language. */
  words: z.string().optional(),
});
export type Explanation = z.infer<typeof Explanation>;

export const AlertEventInput = z.object({
  kind: z.enum(ALERT_EVENT_KINDS),
  action: z.enum(ALERT_ACTIONS).nullish(),
  /** What was done and by whom, or a note: restricted, never names of survivors or witnesses. */
  note: freeText(2000).nullish(),
}).strict().superRefine((e, c) => {
  if (e.kind === 'action' && !e.action) c.addIssue({ code: 'custom', path: ['action'], message: 'required' });
  if (e.kind !== 'action' && e.action) c.addIssue({ code: 'custom', path: ['action'], message: 'only_for_action' });
  if (e.kind === 'note' && !e.note?.trim()) c.addIssue({ code: 'custom', path: ['note'], message: 'required' });
  if (e.kind === 'action' && e.action === 'other' && !e.note?.trim()) c.addIssue({ code: 'custom', path: ['note'], message: 'required' });
});
export type AlertEventInput = z.infer<typeof AlertEventInput>;

export const AlertEvent = z.object({
  kind: z.enum(ALERT_EVENT_KINDS),
  action: z.enum(ALERT_ACTIONS).nullable(),
  note: z.string().nullable(),
  by: z.string(),
  at: z.string(),
});
export type AlertEvent = z.infer<typeof AlertEvent>;

export const AlertSummary = z.object({
  id: z.uuid(),
  rule: z.object({ id: z.uuid(), name: z.string(), kind: z.enum(RULE_KINDS) }),
  area: AreaOut,
  party: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  status: z.enum(ALERT_STATUSES),
  raisedAt: z.string(),
  /** The day the episode began (as of the evaluation that raised it). */
  episodeStart: z.string(),
  /** Null while the condition still holds. */
  episodeEnd: z.string().nullable(),
  value: z.number(),
  threshold: z.number(),
});
export type AlertSummary = z.infer<typeof AlertSummary>;
export const Alert = AlertSummary.extend({
  explanation: Explanation,
  /** The latest figures while the episode lasts (the raised ones stay in `explanation`). */
  latest: Explanation.nullable(),
  /** The incidents behind the figure that the reader may open, and how many others. */
  incidents: z.array(z.object({ id: z.uuid(), reference: z.string() })),
  otherIncidents: z.number().int(),
  observations: z.array(Observation),
  events: z.array(AlertEvent),
});
export type Alert = z.infer<typeof Alert>;
export const AlertListQuery = z.object({
  status: z.preprocess((v) => (typeof v === 'string' ? (v === '' ? [] : v.split(',')) : v), z.array(z.enum(ALERT_STATUSES)).max(4)).optional(),
  ruleId: id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type AlertListQuery = z.infer<typeof AlertListQuery>;
export const AlertList = z.object({ alerts: z.array(AlertSummary), total: z.number().int() });
export type AlertList = z.infer<typeof AlertList>;
/** For the navigation's count and the dashboard's feed. */
export const AlertCounts = z.object({ new: z.number().int(), open: z.number().int() });
export type AlertCounts = z.infer<typeof AlertCounts>;
export const EvaluateResult = z.object({ queued: z.boolean() });
export type EvaluateResult = z.infer<typeof EvaluateResult>;

/**
 * What fired where, and what was done, for readers beyond the organisation (headquarters, a viewer): no
 * figure of the restricted tier, and nothing finer than the protected tier publishes. An alert counting fewer
 * incidents than the threshold is withheld (counted, not shown); a country or a party is named only where the
 * protected tier publishes a figure for it other than zero, a region likewise (elsewhere the alert is told at
 * the country level); episodes are told by month, never by day.
 */
export const AlertReportQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
}).strict().superRefine((q, c) => {
  if (q.from && q.to && q.to < q.from) c.addIssue({ code: 'custom', path: ['to'], message: 'before_start', params: { otherField: 'from' } });
});
export type AlertReportQuery = z.infer<typeof AlertReportQuery>;
export const AlertReportRow = z.object({
  area: AreaOut,
  /** The alert's region was folded into its country (its figures are suppressed in the protected tier). */
  folded: z.boolean(),
  kind: z.enum(RULE_KINDS),
  /** The indicators the rule watched, in the reader's language. */
  indicators: z.array(z.string()),
  party: z.string().nullable(),
  /** Months (YYYY-MM): a day could single out an incident. */
  episodeStart: z.string(),
  episodeEnd: z.string().nullable(),
  status: z.enum(ALERT_STATUSES),
  actions: z.array(z.enum(ALERT_ACTIONS)),
});
export type AlertReportRow = z.infer<typeof AlertReportRow>;
export const AlertReport = z.object({
  from: z.string(),
  to: z.string(),
  /** The protected release whose published regions decided what is named: its threshold and last day counted. */
  threshold: z.number().int(),
  through: z.string(),
  rows: z.array(AlertReportRow),
  /** Alerts of the period not shown: fewer incidents than the threshold, or in a country without published figures. */
  withheld: z.number().int(),
});
export type AlertReport = z.infer<typeof AlertReport>;
