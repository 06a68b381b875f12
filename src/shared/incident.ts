/**
 * The incident contract: one zod schema per shape, used by the API (validation, OpenAPI, types) and by the
 * web app (form validation). Do not import server code here: the web bundle imports this file.
 */
import { z } from './zod.ts';
import { extensible } from './lookup.ts';
import type { IssueParams, MessageCode } from './messages.ts';
import {
  AGE_GROUP_BOUNDS, AGE_GROUPS, CONSENT_SCOPES, DISPLACEMENT_STAGES, DISPLAY_LEVELS, DISPLACEMENT_STATUSES, LOCATION_PRECISIONS, NOT_VERIFIED_REASONS, PERPETRATOR_CATEGORIES,
  REFERRAL_STATUSES, SERVICES, SETTINGS, SEXES, SOURCE_CONNECTIONS, SOURCE_RELIABILITY, SOURCE_TYPES, SV_FORMS, TIMES_OF_DAY, VERIFICATION_STATUSES,
  VICTIM_CATEGORIES, type VictimCategory, DECIDED_STATUSES, DECISION_ROUTES, VERIFICATION_STANDARDS,
} from './taxonomy.ts';

const isoDate = z.iso.date({ error: 'date_format' }).refine((d) => d >= '1900-01-01', 'date_too_early');
/** Free text: bounded, trimmed, and without NUL characters (PostgreSQL text cannot hold them). */
const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'no_nul';
const text = (max: number) => z.string().trim().max(max).refine(noNul, NUL_MESSAGE);

const count = z.number().int().min(0).max(100000);

export const VictimTally = z.object({
  women: count.default(0),
  girls: count.default(0),
  men: count.default(0),
  boys: count.default(0),
  unknown: count.default(0),
}).strict();
export type VictimTally = z.infer<typeof VictimTally>;

export const tallyTotal = (t: VictimTally): number => VICTIM_CATEGORIES.reduce((s, c) => s + t[c], 0);

export const Violation = z.object({
  form: z.enum(SV_FORMS),
  victims: VictimTally,
}).strict();

const country = z.string().regex(/^[A-Z]{3}$/, 'country_code');

/**
 * One victim, pseudonymously: a survivor code (the key to the case file the agency keeps elsewhere, never a
 * name) and a profile. Identifying as a whole: sex, age, disability and nationality together can single a
 * person out in a village, so individual entries are encrypted with the narrative. They sit beside the
 * tally, which stays the count: entries describe some or all of the victims it counts.
 */
export const Survivor = z.object({
  code: z.string().trim().min(1).max(40)
    .regex(/^[\p{L}\p{N}][\p{L}\p{N}._\/-]*$/u, 'survivor_code')
    .regex(/\p{N}/u, 'survivor_code'),
  sex: z.enum(SEXES),
  age: z.number().int().min(0).max(130).nullish(),
  ageGroup: z.enum(AGE_GROUPS).nullish(),
  /** Known to be under 18 even when the age is not known. */
  child: z.boolean().nullish(),
  disability: z.boolean().nullish(),
  displacement: z.enum(DISPLACEMENT_STATUSES).nullish(),
  nationality: country.nullish(),
}).strict();
export type Survivor = z.infer<typeof Survivor>;

/** Is this victim a child? From the flag, else the age, else the age group; null when not known. */
export function survivorIsChild(s: Survivor): boolean | null {
  if (s.child !== null && s.child !== undefined) return s.child;
  if (s.age !== null && s.age !== undefined) return s.age < 18;
  if (s.ageGroup) return AGE_GROUP_BOUNDS[s.ageGroup][1] < 18;
  return null;
}

/** The tally category an individual entry falls in (women, girls, men, boys, or unknown sex or age). */
export function survivorCategory(s: Survivor): VictimCategory {
  const child = survivorIsChild(s);
  if (child === null || (s.sex !== 'female' && s.sex !== 'male')) return 'unknown';
  if (s.sex === 'female') return child ? 'girls' : 'women';
  return child ? 'boys' : 'men';
}

/** An alleged perpetrator (or group of them): party, category, how many, in uniform, rank if known. */
export const Perpetrator = z.object({
  party: text(200).nullish(),
  category: z.enum(PERPETRATOR_CATEGORIES).default('unknown'),
  number: z.number().int().min(1).max(100000).nullish(),
  inUniform: z.boolean().nullish(),
  rank: text(100).nullish(),
}).strict();
export type Perpetrator = z.infer<typeof Perpetrator>;

/** A source of the information: its kind, never its identity. */
export const Source = z.object({
  type: extensible(SOURCE_TYPES),
  reliability: z.enum(SOURCE_RELIABILITY).default('unknown'),
  connection: z.enum(SOURCE_CONNECTIONS).default('unknown'),
  /** When the information was received. */
  date: isoDate.nullish(),
  /** The organisation that contributed it (a clinic, an NGO, a patrol's unit). */
  organisation: text(200).nullish(),
}).strict();
export type Source = z.infer<typeof Source>;

/** A referral to a service; made only with the survivor's consent to that referral. */
export const Referral = z.object({
  service: extensible(SERVICES),
  status: z.enum(REFERRAL_STATUSES).default('referred'),
  date: isoDate.nullish(),
  /** The service provider (an organisation, never a person). */
  provider: text(200).nullish(),
  /** The survivor consented to this referral. */
  consented: z.boolean(),
}).strict();
export type Referral = z.infer<typeof Referral>;

export const Coordinates = z.object({
  lat: z.number().refine((n) => n >= -90 && n <= 90, { error: 'out_of_range', params: { min: -90, max: 90 } }),
  lon: z.number().refine((n) => n >= -180 && n <= 180, { error: 'out_of_range', params: { min: -180, max: 180 } }),
  precision: z.enum(LOCATION_PRECISIONS),
}).strict();


export const Place = z.object({
  country,
  admin1: text(120).min(1).nullish(),
  admin2: text(120).min(1).nullish(),
  /** Village, camp, neighbourhood: identifying, encrypted. */
  locality: text(200).nullish(),
  coordinates: Coordinates.nullish(),
  /** The finest level at which the place is shown when shared (exports, maps): admin 2 by default. */
  displayLevel: z.enum(DISPLAY_LEVELS).default('admin2'),
}).strict();

/**
 * The verification block: the status and, once decided, the decision's grounds (all restricted: they are
 * about sources and process, never about a person; the note's hint says never to write names).
 */
export const Verification = z.object({
  status: z.enum(VERIFICATION_STATUSES),
  notVerifiedReason: z.enum(NOT_VERIFIED_REASONS).nullish(),
  /** The standard of proof the decision applied. */
  standard: z.enum(VERIFICATION_STANDARDS, { error: 'must be a standard of proof from the list' }).nullish(),
  /** Which of the record's sources (their positions in `sources`, from 0) the decision relied on. */
  reliedOnSources: z.array(z.number().int('must be a whole number').min(0, 'must be 0 or more')).max(100).nullish(),
  /** The decider's note (why; what was weighed). */
  note: text(2000).nullish(),
  /** Required when the recorder decides their own record (organisations that chose to allow it). */
  selfDecisionJustification: text(2000).nullish(),
}).strict();
export type Verification = z.infer<typeof Verification>;

/** Where and how it happened; every part optional (unknown is recorded as absent, never guessed). */
export const IncidentContext = z.object({
  setting: extensible(SETTINGS).nullish(),
  timeOfDay: z.enum(TIMES_OF_DAY).nullish(),
  displacementStage: z.enum(DISPLACEMENT_STAGES).nullish(),
  abduction: z.boolean().nullish(),
  detention: z.boolean().nullish(),
}).strict();
export type IncidentContext = z.infer<typeof IncidentContext>;

/** The survivor's consent scopes: at least one; `agency_only` cannot be combined with another. */
export const Consent = z.array(z.enum(CONSENT_SCOPES)).min(1, 'consent_required').max(CONSENT_SCOPES.length)
  .refine((s) => new Set(s).size === s.length, 'consent_repeated')
  .refine((s) => !s.includes('agency_only') || s.length === 1, 'consent_alone');

/** Field shapes without defaults: a patch must never fill in a default for a field it did not send. */
const fieldShapes = {
  occurredFrom: isoDate,
  occurredTo: isoDate.nullish(),
  dateEstimated: z.boolean(),
  place: Place,
  victims: VictimTally,
  /** The number of victims is not known: the tally holds those known (it may then be empty). */
  victimCountUnknown: z.boolean(),
  violations: z.array(Violation).min(1).max(50),
  survivors: z.array(Survivor).max(500),
  perpetrators: z.array(Perpetrator).max(50),
  sources: z.array(Source).max(100),
  referrals: z.array(Referral).max(50),
  verification: Verification,
  narrative: text(50000),
  assignedTo: z.array(z.uuid()).max(20),
  consent: Consent,
  context: IncidentContext,
};

const IncidentFields = z.object({
  ...fieldShapes,
  dateEstimated: fieldShapes.dateEstimated.default(false),
  victimCountUnknown: fieldShapes.victimCountUnknown.default(false),
  survivors: fieldShapes.survivors.default([]),
  perpetrators: fieldShapes.perpetrators.default([]),
  sources: fieldShapes.sources.default([]),
  referrals: fieldShapes.referrals.default([]),
  verification: fieldShapes.verification.default({ status: 'reported' }),
  narrative: fieldShapes.narrative.default(''),
  assignedTo: fieldShapes.assignedTo.default([]),
  // Not recorded: the most protective scope, never a wider one.
  consent: fieldShapes.consent.default(['agency_only']),
  context: fieldShapes.context.default({}),
}).strict();

type Ctx = { value: z.infer<typeof IncidentFields>; issues: z.core.$ZodRawIssue[] };
type Add = (path: (string | number)[], code: MessageCode, params?: IssueParams) => void;
/** A count the field rules accept: the cross-field rules say nothing about one that is already wrong. */
const validCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
const validTally = (t: VictimTally) => VICTIM_CATEGORIES.every((c) => validCount(t[c]));

/** Rules that span fields; shared by create and by the merged result of a patch. Messages are codes (messages.ts). */
export function checkIncidentRules({ value: v, issues }: Ctx): void {
  const add: Add = (path, code, params) =>
    issues.push({ code: 'custom', path, message: code, input: v, ...(params ? { params } : {}) });
  if (v.occurredTo && v.occurredTo < v.occurredFrom) add(['occurredTo'], 'before_start', { otherField: 'occurredFrom' });
  const today = new Date().toISOString().slice(0, 10);
  if (v.occurredFrom > today) add(['occurredFrom'], 'in_future');
  // When the number is known, someone is counted; a violation may leave its tally empty when its victims are
  // counted in another form of the same incident (a file that names several forms and one tally).
  if (validTally(v.victims)) {
    const total = tallyTotal(v.victims);
    if (!v.victimCountUnknown && total < 1) add(['victims'], 'no_victims');
    const tallies = v.violations.map((x) => x.victims).filter(validTally);
    if (!v.victimCountUnknown && total >= 1 && tallies.length === v.violations.length && tallies.every((x) => tallyTotal(x) < 1)) add(['violations', 0, 'victims'], 'violation_no_victims');
    v.violations.forEach((violation, i) => {
      for (const c of VICTIM_CATEGORIES) {
        if (validCount(violation.victims[c]) && violation.victims[c] > v.victims[c]) add(['violations', i, 'victims', c], 'exceeds_incident', { max: v.victims[c] });
      }
    });
  }
  checkSurvivors(v, add);
  v.sources.forEach((src, i) => { if (src.date && src.date > today) add(['sources', i, 'date'], 'in_future'); });
  v.referrals.forEach((r, i) => {
    if (r.date && r.date > today) add(['referrals', i, 'date'], 'in_future');
    if ((r.status === 'referred' || r.status === 'received') && !r.consented) add(['referrals', i, 'consented'], 'referral_consent');
  });
  const reason = v.verification.notVerifiedReason;
  if (v.verification.status === 'not_verified' && !reason) add(['verification', 'notVerifiedReason'], 'reason_required');
  if (v.verification.status !== 'not_verified' && reason) add(['verification', 'notVerifiedReason'], 'reason_not_allowed');
  checkDecisionGrounds(v, add);
}

/** A decision's grounds belong to a decision, and the sources it relied on are the record's own. */
function checkDecisionGrounds(v: z.infer<typeof IncidentFields>, add: Add): void {
  const { status, standard, reliedOnSources, selfDecisionJustification } = v.verification;
  if (!DECIDED_STATUSES.includes(status)) {
    const only = 'decision_only';
    if (standard) add(['verification', 'standard'], only);
    if (reliedOnSources?.length) add(['verification', 'reliedOnSources'], only);
    if (selfDecisionJustification) add(['verification', 'selfDecisionJustification'], only);
    return;
  }
  const seen = new Set<number>();
  (reliedOnSources ?? []).forEach((n, i) => {
    if (n >= v.sources.length) add(['verification', 'reliedOnSources', i], 'not_a_source', { count: v.sources.length });
    else if (seen.has(n)) add(['verification', 'reliedOnSources', i], 'source_repeated');
    seen.add(n);
  });
}

/** Each entry consistent in itself, codes unique, and no more entries per category than the tally counts. */
function checkSurvivors(v: z.infer<typeof IncidentFields>, add: Add): void {
  const seen = new Map<string, number>();
  const perCategory = Object.fromEntries(VICTIM_CATEGORIES.map((c) => [c, 0])) as Record<VictimCategory, number>;
  v.survivors.forEach((s, i) => {
    const key = typeof s.code === 'string' ? s.code.toLowerCase() : '';
    if (key && seen.has(key)) add(['survivors', i, 'code'], 'survivor_code_repeated', { entry: seen.get(key)! + 1 });
    if (key && !seen.has(key)) seen.set(key, i);
    if (s.age !== null && s.age !== undefined) {
      if (s.ageGroup) {
        const [lo, hi] = AGE_GROUP_BOUNDS[s.ageGroup];
        if (s.age < lo || s.age > hi) add(['survivors', i, 'ageGroup'], 'age_mismatch', { age: s.age });
      }
      if (s.child !== null && s.child !== undefined && s.child !== s.age < 18) add(['survivors', i, 'child'], 'age_mismatch', { age: s.age });
    } else if (s.ageGroup && s.child !== null && s.child !== undefined && s.child !== AGE_GROUP_BOUNDS[s.ageGroup][1] < 18) {
      add(['survivors', i, 'child'], 'age_group_mismatch');
    }
    perCategory[survivorCategory(s)] += 1;
  });
  for (const c of VICTIM_CATEGORIES) {
    if (validCount(v.victims[c]) && perCategory[c] > v.victims[c]) add(['survivors'], 'entries_exceed_tally', { count: perCategory[c], category: c, max: v.victims[c] });
  }
}

export const IncidentCreate = IncidentFields.check(checkIncidentRules);
export type IncidentCreate = z.infer<typeof IncidentCreate>;

/** A patch replaces whole top-level fields; `version` guards against overwriting someone else's change. */
export const IncidentPatch = z.object(fieldShapes).partial().extend({
  version: z.number().int().min(1, 'version_required'),
}).strict();
export type IncidentPatch = z.infer<typeof IncidentPatch>;
export { IncidentFields };

export const IncidentSummary = z.object({
  id: z.uuid(),
  reference: z.string(),
  occurredFrom: z.string(),
  occurredTo: z.string().nullable(),
  dateEstimated: z.boolean(),
  place: z.object({ country: z.string(), admin1: z.string().nullable(), admin2: z.string().nullable(), displayLevel: z.enum(DISPLAY_LEVELS) }),
  victims: VictimTally,
  victimCountUnknown: z.boolean(),
  forms: z.array(z.enum(SV_FORMS)),
  /** The parties alleged, joined with "; " (derived from `perpetrators`, for lists and search). */
  perpetratorParty: z.string().nullable(),
  /** Imported records: the id in the system they came from (re-importing updates nothing, creates nothing). */
  externalId: z.string().nullable(),
  verification: z.object({
    status: z.enum(VERIFICATION_STATUSES),
    notVerifiedReason: z.enum(NOT_VERIFIED_REASONS).nullable(),
    /** Verified after the end of the quarter in which the incident occurred: reported in a later period. */
    late: z.boolean(),
    /**
     * Decided by its own recorder under the organisation's "recorder with justification" setting: shown on
     * the record and to be said in the notes of every figure that counts it.
     */
    selfDecided: z.boolean(),
  }),
  consent: z.array(z.enum(CONSENT_SCOPES)),
  context: z.object({
    setting: z.string().nullable(), timeOfDay: z.enum(TIMES_OF_DAY).nullable(), displacementStage: z.enum(DISPLACEMENT_STAGES).nullable(),
    abduction: z.boolean().nullable(), detention: z.boolean().nullable(),
  }),
  /** Linked by a reviewer as the same incident as this one (which is the one counted). */
  linkedTo: z.uuid().nullable(),
  createdBy: z.uuid(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;

export const IncidentDetail = IncidentSummary.omit({ place: true, forms: true }).extend({
  place: Place.required().extend({
    admin1: z.string().nullable(), admin2: z.string().nullable(), locality: z.string().nullable(), coordinates: Coordinates.nullable(),
  }),
  violations: z.array(Violation.extend({ id: z.uuid() })),
  verification: z.object({
    status: z.enum(VERIFICATION_STATUSES),
    notVerifiedReason: z.enum(NOT_VERIFIED_REASONS).nullable(),
    late: z.boolean(),
    selfDecided: z.boolean(),
    decidedAt: z.string().nullable(),
    decidedBy: z.uuid().nullable(),
    standard: z.enum(VERIFICATION_STANDARDS).nullable(),
    reliedOnSources: z.array(z.number().int()),
    note: z.string().nullable(),
    selfDecisionJustification: z.string().nullable(),
    /** How four eyes was met (null: undecided, or decided before routes were recorded). */
    route: z.enum(DECISION_ROUTES).nullable(),
    /** The record is put to a partner reviewer and waits for their decision. */
    review: z.object({
      id: z.uuid(), reviewerId: z.uuid(), reviewerEmail: z.string(), reviewerOrganisation: z.string(),
      requestedBy: z.uuid(), requestedAt: z.string(), shareNarrative: z.boolean(),
    }).nullable(),
  }),
  narrative: z.string(),
  survivors: z.array(Survivor.required()),
  perpetrators: z.array(Perpetrator.required()),
  sources: z.array(Source.required()),
  referrals: z.array(Referral.required()),
  assignedTo: z.array(z.uuid()),
  organisationId: z.uuid(),
  /** When the identifying part was erased on the survivor's request (narrative, locality, coordinates gone). */
  erasedAt: z.string().nullable(),
  /** The identifying fields exist but the reader's role may not see them (they are empty here). */
  identifyingWithheld: z.boolean(),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;

/**
 * What one version changed, field by field (old -> new). Restricted fields carry their values; identifying
 * ones carry them only for readers who may see them, and otherwise say only that the sealed field changed.
 */
export const FieldChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('value'), field: z.string(), from: z.unknown(), to: z.unknown() }),
  z.object({ kind: z.literal('sealed'), field: z.string() }),
]);
export type FieldChange = z.infer<typeof FieldChange>;

/** One version of an incident, as it stood after a change (the snapshot has the shape of a create). */
export const IncidentVersion = z.object({
  version: z.number().int(),
  action: z.enum(['create', 'update', 'delete', 'erase', 'decide']),
  changedBy: z.uuid(),
  changedAt: z.string(),
  changedFields: z.array(z.string()),
  /** Old -> new against the version before (empty for the first). */
  changes: z.array(FieldChange),
  snapshot: IncidentFields,
});
export type IncidentVersion = z.infer<typeof IncidentVersion>;
export const IncidentHistory = z.object({ items: z.array(IncidentVersion) });
export type IncidentHistory = z.infer<typeof IncidentHistory>;

/**
 * A verification decision, from the record's decision panel (or a partner reviewer's): the status, the
 * reason (not verified), the standard of proof, the sources relied on, a note; the recorder deciding their
 * own record (where the organisation allows it) writes a justification. A coordinator may also reopen a
 * decided record (back to pending). `version` guards against deciding on a record someone just changed.
 */
export const IncidentDecision = z.object({
  version: z.number().int().min(1, 'is required: send the version you decided on'),
  status: z.enum(VERIFICATION_STATUSES, { error: 'must be a verification status' }),
  notVerifiedReason: z.enum(NOT_VERIFIED_REASONS, { error: 'must be a reason from the list' }).nullish(),
  standard: z.enum(VERIFICATION_STANDARDS, { error: 'must be a standard of proof from the list' }).nullish(),
  reliedOnSources: z.array(z.number().int().min(0)).max(100).default([]),
  note: text(2000).nullish(),
  selfDecisionJustification: text(2000).nullish(),
}).strict();
// What a decision must state (standard, sources relied on) and four eyes need the record and the organisation's
// settings: the service checks them all at once (incidents/verification.ts), so every problem shows together.
export type IncidentDecision = z.infer<typeof IncidentDecision>;

/** Soft deletion needs a reason, kept with the record (never names: it is restricted, not encrypted). */
export const IncidentDelete = z.object({
  version: z.number().int().min(1, 'version_required'),
  reason: text(500).min(5),
}).strict();
export type IncidentDelete = z.infer<typeof IncidentDelete>;

/** Erasure on withdrawal of consent: the identifying part is destroyed; what remains keeps only `remainingConsent`. */
export const IncidentErase = z.object({
  version: z.number().int().min(1, 'version_required'),
  reason: text(500).min(5),
  remainingConsent: Consent,
}).strict();
export type IncidentErase = z.infer<typeof IncidentErase>;

export const INCIDENT_SORTS = ['occurredFrom', '-occurredFrom', 'reference', '-reference', 'updatedAt', '-updatedAt', 'createdAt', '-createdAt'] as const;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.enum(values))).optional();

/** A search of the incident list holds at most this many words (each is a condition on every record). */
export const MAX_SEARCH_WORDS = 10;

export const IncidentListQuery = z.object({
  status: csv(VERIFICATION_STATUSES),
  form: csv(SV_FORMS),
  country: z.string().regex(/^[A-Z]{3}$/, 'country_code').optional(),
  admin1: z.string().max(120).refine(noNul, NUL_MESSAGE).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /**
   * Words each matching the reference, party, source organisation, or an area or country by any of its names
   * (en/fr/ar, accents and case aside); encrypted fields are never searched (src/incidents/search.ts).
   */
  q: z.string().trim().max(100).refine(noNul, NUL_MESSAGE)
    .refine((v) => v.split(/\s+/u).filter(Boolean).length <= MAX_SEARCH_WORDS, { message: 'too_many_words', params: { max: MAX_SEARCH_WORDS } }).optional(),
  /** Alleged party (part of its name, any perpetrator of the incident). */
  party: z.string().trim().min(1).max(200).refine(noNul, NUL_MESSAGE).optional(),
  /** Incidents counting at least one victim in any of these categories. */
  victim: csv(VICTIM_CATEGORIES),
  /** Contributing organisation of any source (part of its name). */
  sourceOrg: z.string().trim().min(1).max(200).refine(noNul, NUL_MESSAGE).optional(),
  /** Only late verifications (true) or none of them (false). */
  late: z.enum(['true', 'false'], { error: 'yes_or_no' }).transform((v) => v === 'true').optional(),
  sort: z.enum(INCIDENT_SORTS).default('-occurredFrom'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;

export const IncidentList = z.object({
  items: z.array(IncidentSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type IncidentList = z.infer<typeof IncidentList>;
