/**
 * The incident record's contract: its parts (tallies, violations, survivors, perpetrators, sources,
 * referrals, place, verification, context, consent), the fields, the rules that span them, create and
 * patch. Read shapes are in incident-read.ts, actions on a record in incident-actions.ts; incident.ts
 * gathers them. Do not import server code here: the web bundle imports this file.
 */
import { z } from './zod.ts';
import { extensible } from './lookup.ts';
import type { IssueParams, MessageCode } from './messages.ts';
import {
  AGE_GROUP_BOUNDS, AGE_GROUPS, CONSENT_SCOPES, DISPLACEMENT_STAGES, DISPLAY_LEVELS, DISPLACEMENT_STATUSES, LOCATION_PRECISIONS, NOT_VERIFIED_REASONS, PERPETRATOR_CATEGORIES,
  REFERRAL_STATUSES, SERVICES, SETTINGS, SEXES, SOURCE_CONNECTIONS, SOURCE_RELIABILITY, SOURCE_TYPES, SV_FORMS, TIMES_OF_DAY, VERIFICATION_STATUSES,
  VICTIM_CATEGORIES, type VictimCategory, DECIDED_STATUSES, VERIFICATION_STANDARDS,
} from './taxonomy.ts';

import { countryCode, freeText, isoDate } from './values.ts';
import { PARTY_SPECIAL_CHOICES } from './parties.ts';
const text = freeText;
const country = countryCode;

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

/**
 * An alleged perpetrator (or group of them): the party, category, how many, in uniform, rank if known. The
 * party is a link to the registry (`partyId`), or one of the explicit choices (`partyChoice`: not known,
 * or unidentified armed men); `party` keeps the name as it was written or imported (nothing typed is lost).
 * A name sent without a link is linked by the server when the registry or the organisation's decided
 * names know it (incidents/party-links/), and otherwise listed for a coordinator to resolve.
 */
export const Perpetrator = z.object({
  party: text(200).nullish(),
  partyId: z.uuid({ error: 'party_unknown' }).nullish(),
  partyChoice: z.enum(PARTY_SPECIAL_CHOICES).nullish(),
  category: z.enum(PERPETRATOR_CATEGORIES).default('unknown'),
  number: z.number().int().min(1).max(100000).nullish(),
  inUniform: z.boolean().nullish(),
  rank: text(100).nullish(),
}).strict().refine((p) => !(p.partyId && p.partyChoice), { path: ['partyChoice'], message: 'party_or_choice' });
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

