/**
 * The incident contract: one zod schema per shape, used by the API (validation, OpenAPI, types) and by the
 * web app (form validation). Do not import server code here: the web bundle imports this file.
 */
import { z } from './zod.ts';
import { extensible } from './lookup.ts';
import {
  AGE_GROUP_BOUNDS, AGE_GROUPS, CONSENT_SCOPES, DISPLACEMENT_STAGES, DISPLAY_LEVELS, DISPLACEMENT_STATUSES, LOCATION_PRECISIONS, NOT_VERIFIED_REASONS, PERPETRATOR_CATEGORIES,
  REFERRAL_STATUSES, SERVICES, SETTINGS, SEXES, SOURCE_CONNECTIONS, SOURCE_RELIABILITY, SOURCE_TYPES, SV_FORMS, TIMES_OF_DAY, VERIFICATION_STATUSES,
  VICTIM_CATEGORIES, type VictimCategory, DECIDED_STATUSES, DECISION_ROUTES, VERIFICATION_STANDARDS,
} from './taxonomy.ts';

const isoDate = z.iso.date({ error: 'must be a date as YYYY-MM-DD' }).refine((d) => d >= '1900-01-01', 'must not be before 1900-01-01');
/** Free text: bounded, trimmed, and without NUL characters (PostgreSQL text cannot hold them). */
const noNul = (s: string) => !s.includes('\u0000');
const NUL_MESSAGE = 'must not contain NUL characters';
const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).refine(noNul, NUL_MESSAGE);

const count = z.number().int('must be a whole number').min(0, 'must be 0 or more').max(100000, 'must be at most 100000');

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
  form: z.enum(SV_FORMS, { error: 'must be a form of sexual violence from the taxonomy' }),
  victims: VictimTally,
}).strict();

const country = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166 alpha-3 country code such as CAF');

/**
 * One victim, pseudonymously: a survivor code (the key to the case file the agency keeps elsewhere, never a
 * name) and a profile. Identifying as a whole: sex, age, disability and nationality together can single a
 * person out in a village, so individual entries are encrypted with the narrative. They sit beside the
 * tally, which stays the count: entries describe some or all of the victims it counts.
 */
export const Survivor = z.object({
  code: z.string().trim().min(1, 'is required').max(40, 'must be at most 40 characters')
    .regex(/^[\p{L}\p{N}][\p{L}\p{N}._\/-]*$/u, 'must be a code of letters, digits and . _ / - (no spaces), never a name')
    .regex(/\p{N}/u, 'must contain a digit (a code such as S-014, never a name)'),
  sex: z.enum(SEXES),
  age: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(130, 'must be at most 130').nullish(),
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
  number: z.number().int('must be a whole number').min(1, 'must be 1 or more (leave empty when not known)').max(100000, 'must be at most 100000').nullish(),
  inUniform: z.boolean().nullish(),
  rank: text(100).nullish(),
}).strict();
export type Perpetrator = z.infer<typeof Perpetrator>;

/** A source of the information: its kind, never its identity. */
export const Source = z.object({
  type: extensible(SOURCE_TYPES, 'source type'),
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
  service: extensible(SERVICES, 'service'),
  status: z.enum(REFERRAL_STATUSES).default('referred'),
  date: isoDate.nullish(),
  /** The service provider (an organisation, never a person). */
  provider: text(200).nullish(),
  /** The survivor consented to this referral. */
  consented: z.boolean(),
}).strict();
export type Referral = z.infer<typeof Referral>;

export const Coordinates = z.object({
  lat: z.number().min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90'),
  lon: z.number().min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180'),
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
  setting: extensible(SETTINGS, 'setting').nullish(),
  timeOfDay: z.enum(TIMES_OF_DAY).nullish(),
  displacementStage: z.enum(DISPLACEMENT_STAGES).nullish(),
  abduction: z.boolean().nullish(),
  detention: z.boolean().nullish(),
}).strict();
export type IncidentContext = z.infer<typeof IncidentContext>;

/** The survivor's consent scopes: at least one; `agency_only` cannot be combined with another. */
export const Consent = z.array(z.enum(CONSENT_SCOPES)).min(1, 'must record at least one consent scope (agency_only when in doubt)').max(CONSENT_SCOPES.length)
  .refine((s) => new Set(s).size === s.length, 'must not repeat a scope')
  .refine((s) => !s.includes('agency_only') || s.length === 1, 'agency_only cannot be combined with another scope');

/** Field shapes without defaults: a patch must never fill in a default for a field it did not send. */
const fieldShapes = {
  occurredFrom: isoDate,
  occurredTo: isoDate.nullish(),
  dateEstimated: z.boolean(),
  place: Place,
  victims: VictimTally,
  /** The number of victims is not known: the tally holds those known (it may then be empty). */
  victimCountUnknown: z.boolean(),
  violations: z.array(Violation).min(1, 'must list at least one violation').max(50),
  survivors: z.array(Survivor).max(500, 'must list at most 500 individual victims'),
  perpetrators: z.array(Perpetrator).max(50, 'must list at most 50 perpetrators'),
  sources: z.array(Source).max(100, 'must list at most 100 sources'),
  referrals: z.array(Referral).max(50, 'must list at most 50 referrals'),
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
/** Rules that span fields; shared by create and by the merged result of a patch. */
export function checkIncidentRules({ value: v, issues }: Ctx): void {
  const add = (path: (string | number)[], message: string) =>
    issues.push({ code: 'custom', path, message, input: v });
  if (v.occurredTo && v.occurredTo < v.occurredFrom) add(['occurredTo'], 'must not be before occurredFrom');
  const today = new Date().toISOString().slice(0, 10);
  if (v.occurredFrom > today) add(['occurredFrom'], 'must not be in the future');
  // When the number is known, someone is counted; a violation may leave its tally empty when its victims are
  // counted in another form of the same incident (a file that names several forms and one tally).
  if (!v.victimCountUnknown && tallyTotal(v.victims) < 1) add(['victims'], 'must count at least one victim (use "unknown" when sex and age are not known, or say that the number is not known)');
  if (!v.victimCountUnknown && tallyTotal(v.victims) >= 1 && v.violations.every((x) => tallyTotal(x.victims) < 1)) add(['violations', 0, 'victims'], 'must count at least one victim');
  v.violations.forEach((violation, i) => {
    for (const c of VICTIM_CATEGORIES) {
      if (violation.victims[c] > v.victims[c]) add(['violations', i, 'victims', c], `must not exceed the incident's ${c} (${v.victims[c]})`);
    }
  });
  checkSurvivors(v, add);
  v.sources.forEach((src, i) => { if (src.date && src.date > today) add(['sources', i, 'date'], 'must not be in the future'); });
  v.referrals.forEach((r, i) => {
    if (r.date && r.date > today) add(['referrals', i, 'date'], 'must not be in the future');
    if ((r.status === 'referred' || r.status === 'received') && !r.consented) add(['referrals', i, 'consented'], 'must be true: a referral is made only with the survivor\'s consent');
  });
  const reason = v.verification.notVerifiedReason;
  if (v.verification.status === 'not_verified' && !reason) add(['verification', 'notVerifiedReason'], 'is required when status is not_verified');
  if (v.verification.status !== 'not_verified' && reason) add(['verification', 'notVerifiedReason'], 'is only allowed when status is not_verified');
  checkDecisionGrounds(v, add);
}

/** A decision's grounds belong to a decision, and the sources it relied on are the record's own. */
function checkDecisionGrounds(v: z.infer<typeof IncidentFields>, add: Add): void {
  const { status, standard, reliedOnSources, selfDecisionJustification } = v.verification;
  if (!DECIDED_STATUSES.includes(status)) {
    const only = 'is only allowed once a decision is recorded (verified, not verified, found not to have occurred)';
    if (standard) add(['verification', 'standard'], only);
    if (reliedOnSources?.length) add(['verification', 'reliedOnSources'], only);
    if (selfDecisionJustification) add(['verification', 'selfDecisionJustification'], only);
    return;
  }
  const seen = new Set<number>();
  (reliedOnSources ?? []).forEach((n, i) => {
    if (n >= v.sources.length) add(['verification', 'reliedOnSources', i], `must be one of the record's sources (it lists ${v.sources.length})`);
    else if (seen.has(n)) add(['verification', 'reliedOnSources', i], 'must not name a source twice');
    seen.add(n);
  });
}

type Add = (path: (string | number)[], message: string) => void;
/** Each entry consistent in itself, codes unique, and no more entries per category than the tally counts. */
function checkSurvivors(v: z.infer<typeof IncidentFields>, add: Add): void {
  const seen = new Map<string, number>();
  const perCategory = Object.fromEntries(VICTIM_CATEGORIES.map((c) => [c, 0])) as Record<VictimCategory, number>;
  v.survivors.forEach((s, i) => {
    const key = s.code.toLowerCase();
    if (seen.has(key)) add(['survivors', i, 'code'], `must be unique in the incident (also in entry ${seen.get(key)! + 1})`);
    seen.set(key, i);
    if (s.age !== null && s.age !== undefined) {
      if (s.ageGroup) {
        const [lo, hi] = AGE_GROUP_BOUNDS[s.ageGroup];
        if (s.age < lo || s.age > hi) add(['survivors', i, 'ageGroup'], `does not match the age ${s.age}`);
      }
      if (s.child !== null && s.child !== undefined && s.child !== s.age < 18) add(['survivors', i, 'child'], `does not match the age ${s.age}`);
    } else if (s.ageGroup && s.child !== null && s.child !== undefined && s.child !== AGE_GROUP_BOUNDS[s.ageGroup][1] < 18) {
      add(['survivors', i, 'child'], 'does not match the age group');
    }
    perCategory[survivorCategory(s)] += 1;
  });
  for (const c of VICTIM_CATEGORIES) {
    if (perCategory[c] > v.victims[c]) add(['survivors'], `lists ${perCategory[c]} ${c} but the incident counts ${v.victims[c]}: raise the tally or correct the entries`);
  }
}

export const IncidentCreate = IncidentFields.check(checkIncidentRules);
export type IncidentCreate = z.infer<typeof IncidentCreate>;

/** A patch replaces whole top-level fields; `version` guards against overwriting someone else's change. */
export const IncidentPatch = z.object(fieldShapes).partial().extend({
  version: z.number().int().min(1, 'is required: send the version you edited'),
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
  version: z.number().int().min(1, 'is required: send the version you are deleting'),
  reason: text(500).min(5, 'must say why, in at least 5 characters'),
}).strict();
export type IncidentDelete = z.infer<typeof IncidentDelete>;

/** Erasure on withdrawal of consent: the identifying part is destroyed; what remains keeps only `remainingConsent`. */
export const IncidentErase = z.object({
  version: z.number().int().min(1, 'is required: send the version you are erasing'),
  reason: text(500).min(5, 'must say why, in at least 5 characters'),
  remainingConsent: Consent,
}).strict();
export type IncidentErase = z.infer<typeof IncidentErase>;

export const INCIDENT_SORTS = ['occurredFrom', '-occurredFrom', 'reference', '-reference', 'updatedAt', '-updatedAt', 'createdAt', '-createdAt'] as const;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.enum(values))).optional();

export const IncidentListQuery = z.object({
  status: csv(VERIFICATION_STATUSES),
  form: csv(SV_FORMS),
  country: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166 alpha-3 country code').optional(),
  admin1: z.string().max(120).refine(noNul, NUL_MESSAGE).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Matches reference, perpetrator party and admin areas; encrypted fields are never searched. */
  q: z.string().trim().max(100).refine(noNul, NUL_MESSAGE).optional(),
  /** Alleged party (part of its name, any perpetrator of the incident). */
  party: z.string().trim().min(1).max(200).refine(noNul, NUL_MESSAGE).optional(),
  /** Incidents counting at least one victim in any of these categories. */
  victim: csv(VICTIM_CATEGORIES),
  /** Contributing organisation of any source (part of its name). */
  sourceOrg: z.string().trim().min(1).max(200).refine(noNul, NUL_MESSAGE).optional(),
  /** Only late verifications (true) or none of them (false). */
  late: z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true').optional(),
  sort: z.enum(INCIDENT_SORTS).default('-occurredFrom'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, 'must be at most 200 (page through the rest)').default(50),
}).strict();
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;

export const IncidentList = z.object({
  items: z.array(IncidentSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type IncidentList = z.infer<typeof IncidentList>;
