// Why: the incident form's state and its translation to and from the shared contract. Validation is the
// shared `IncidentCreate` schema itself, so the browser and the server apply exactly the same rules.
import type { z } from 'zod';
import { checkIncidentRules, IncidentCreate, IncidentFields } from '../../src/shared/incident.ts';
import type { IncidentDetail, IncidentPatch } from '../../src/shared/incident.ts';
import { VICTIM_CATEGORIES } from '../../src/shared/taxonomy.ts';
import type {
  ConsentScope, DISPLACEMENT_STAGES, DISPLAY_LEVELS, LOCATION_PRECISIONS, NotVerifiedReason, SETTINGS, SvForm, TIMES_OF_DAY, VerificationStatus, VictimCategory,
} from '../../src/shared/taxonomy.ts';
import type { FieldIssue, IncidentCreateBody } from './api.ts';
import { localIssues } from './issues.ts';
import { completenessIssues, type RecordingRules } from '../../src/shared/organisation.ts';
import {
  newKey, orNull, perpetratorFrom, perpetratorPayload, referralFrom, referralPayload, sourceFrom, sourcePayload, survivorFrom, survivorPayload, triFrom, triTo,
} from './formRows.ts';
import type { PerpetratorState, ReferralState, SourceState, SurvivorState, TriState } from './formRows.ts';

export type Precision = (typeof LOCATION_PRECISIONS)[number];
/** The finest level at which the place is shown when shared (exports and reports coarsen to it). */
export type DisplayLevel = (typeof DISPLAY_LEVELS)[number];
export type TallyState = Record<VictimCategory, string>;
export interface ViolationState { key: number; form: SvForm | ''; victims: TallyState }
/** A core setting or one of the organisation's own (x_...): extensible lists hold any code the server accepts. */
export type Setting = (typeof SETTINGS)[number] | (string & {});
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];
export type DisplacementStage = (typeof DISPLACEMENT_STAGES)[number];

/** Inputs keep strings so a field can be empty while typing; `toPayload` turns them into the contract. */
export interface FormState {
  occurredFrom: string;
  occurredTo: string;
  dateEstimated: boolean;
  country: string;
  /** The user chose "Other" and types a code (a stored country the pickers do not offer is shown so too). */
  otherCountry: boolean;
  admin1: string;
  admin2: string;
  locality: string;
  hasCoordinates: boolean;
  lat: string;
  lon: string;
  precision: Precision | '';
  displayLevel: DisplayLevel;
  victims: TallyState;
  /** The number of victims is not known: the counts hold those known (they may all be 0). */
  victimCountUnknown: boolean;
  violations: ViolationState[];
  /** Individual victims, pseudonymous (a code, never a name); the tally stays the count. */
  survivors: SurvivorState[];
  perpetrators: PerpetratorState[];
  sources: SourceState[];
  referrals: ReferralState[];
  status: VerificationStatus;
  reason: NotVerifiedReason | '';
  narrative: string;
  assignedTo: string[];
  consent: ConsentScope[];
  setting: Setting | '';
  timeOfDay: TimeOfDay | '';
  displacementStage: DisplacementStage | '';
  abduction: TriState;
  detention: TriState;
}

export const emptyTally = (): TallyState => ({ women: '0', girls: '0', men: '0', boys: '0', unknown: '0' });
const tallyFrom = (t: Record<VictimCategory, number>): TallyState =>
  ({ women: String(t.women), girls: String(t.girls), men: String(t.men), boys: String(t.boys), unknown: String(t.unknown) });

export function emptyForm(): FormState {
  return {
    occurredFrom: '', occurredTo: '', dateEstimated: false,
    country: '', otherCountry: false, admin1: '', admin2: '', locality: '',
    hasCoordinates: false, lat: '', lon: '', precision: '', displayLevel: 'admin2',
    victims: emptyTally(),
    victimCountUnknown: false,
    violations: [{ key: newKey(), form: '', victims: emptyTally() }],
    survivors: [], perpetrators: [], sources: [], referrals: [],
    status: 'reported', reason: '', narrative: '', assignedTo: [],
    // The most protective scope until the survivor's wider consent is recorded.
    consent: ['agency_only'],
    setting: '', timeOfDay: '', displacementStage: '', abduction: '', detention: '',
  };
}

export function formFromDetail(d: IncidentDetail): FormState {
  const c = d.place.coordinates;
  return {
    occurredFrom: d.occurredFrom, occurredTo: d.occurredTo ?? '', dateEstimated: d.dateEstimated,
    // "Other" stays the user's choice: a stored country the pickers do not offer shows as its code (PlaceFields).
    country: d.place.country, otherCountry: false,
    admin1: d.place.admin1 ?? '', admin2: d.place.admin2 ?? '', locality: d.place.locality ?? '',
    hasCoordinates: c !== null, lat: c ? String(c.lat) : '', lon: c ? String(c.lon) : '', precision: c?.precision ?? '',
    displayLevel: d.place.displayLevel,
    victims: tallyFrom(d.victims),
    victimCountUnknown: d.victimCountUnknown,
    violations: d.violations.map((v) => ({ key: newKey(), form: v.form, victims: tallyFrom(v.victims) })),
    survivors: d.survivors.map(survivorFrom),
    perpetrators: d.perpetrators.map(perpetratorFrom),
    sources: d.sources.map(sourceFrom),
    referrals: d.referrals.map(referralFrom),
    status: d.verification.status, reason: d.verification.notVerifiedReason ?? '',
    narrative: d.narrative, assignedTo: d.assignedTo,
    consent: d.consent,
    setting: d.context.setting ?? '', timeOfDay: d.context.timeOfDay ?? '', displacementStage: d.context.displacementStage ?? '',
    abduction: triFrom(d.context.abduction), detention: triFrom(d.context.detention),
  };
}

/** An empty count means 0; anything else goes to the schema as a number (NaN and decimals are reported). */
const count = (s: string): number => (s.trim() === '' ? 0 : Number(s));
const tally = (t: TallyState) => Object.fromEntries(VICTIM_CATEGORIES.map((c) => [c, count(t[c])]));
const coordinate = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));

/** The request body, before validation: deliberately `unknown`, the schema decides whether it is valid. */
export function toPayload(s: FormState): unknown {
  return {
    occurredFrom: s.occurredFrom,
    occurredTo: orNull(s.occurredTo),
    dateEstimated: s.dateEstimated,
    place: {
      country: s.country,
      admin1: orNull(s.admin1),
      admin2: orNull(s.admin2),
      locality: orNull(s.locality),
      coordinates: s.hasCoordinates
        ? { lat: coordinate(s.lat), lon: coordinate(s.lon), precision: s.precision === '' ? undefined : s.precision }
        : null,
      displayLevel: s.displayLevel,
    },
    victims: tally(s.victims),
    victimCountUnknown: s.victimCountUnknown,
    violations: s.violations.map((v) => ({ form: v.form === '' ? undefined : v.form, victims: tally(v.victims) })),
    survivors: s.survivors.map(survivorPayload),
    perpetrators: s.perpetrators.map(perpetratorPayload),
    sources: s.sources.map(sourcePayload),
    referrals: s.referrals.map(referralPayload),
    verification: { status: s.status, notVerifiedReason: s.status === 'not_verified' && s.reason !== '' ? s.reason : null },
    narrative: s.narrative,
    assignedTo: s.assignedTo,
    consent: s.consent,
    context: {
      setting: s.setting || null, timeOfDay: s.timeOfDay || null, displacementStage: s.displacementStage || null,
      abduction: triTo(s.abduction), detention: triTo(s.detention),
    },
  };
}

export interface Validation { data: IncidentCreate | null; issues: FieldIssue[] }

export function validate(s: FormState): Validation {
  const payload = toPayload(s);
  const r = IncidentCreate.safeParse(payload);
  if (r.success) return { data: r.data, issues: [] };
  // Zod skips the cross-field rules while any field is invalid. The payload always has the shape those rules
  // read (they leave counts that are not valid alone), so run them too and show every problem at once, one per
  // field: a field's own problem (listed first) wins over a rule that spans fields.
  const raw: z.core.$ZodRawIssue[] = [];
  checkIncidentRules({ value: payload as z.infer<typeof IncidentFields>, issues: raw });
  const rules = raw.map((i) => ({ code: 'custom' as const, path: (i.path ?? []).map((p) => (typeof p === 'number' ? p : String(p))), message: i.message ?? 'invalid', params: (i as { params?: Record<string, unknown> }).params ?? {} }));
  return { data: null, issues: localIssues([...r.error.issues, ...rules]) };
}

/**
 * The organisation's rules on top of the schema (region required, narrative limit; sources before a record
 * stays verified): the same function the server enforces, so the form refuses what the server would.
 */
export function withRules(v: Validation, s: FormState, rules: RecordingRules | undefined): Validation {
  if (!rules) return v;
  const extra = completenessIssues({
    place: { admin1: orNull(s.admin1), admin2: orNull(s.admin2) }, sources: s.sources, perpetrators: s.perpetrators,
    narrative: s.narrative.trim(), verification: { status: s.status },
  }, rules);
  return extra.length ? { data: null, issues: [...v.issues, ...extra] } : v;
}

/** A field as compared for the patch; assignees and consent are sets (untick and tick again is no change). */
const comparable = (key: keyof IncidentCreate, value: unknown): string =>
  JSON.stringify((key === 'assignedTo' || key === 'consent') && Array.isArray(value) ? [...(value as string[])].sort() : value);

/**
 * Only the top-level fields that changed, plus the version that was edited (the server rejects stale ones).
 * Without `assign` (every role but coordinator) `assignedTo` is never sent, changed or not.
 */
export function buildPatch(before: IncidentCreate | null, after: IncidentCreate, version: number, assign: boolean): IncidentPatch {
  const patch: Record<string, unknown> = { version };
  for (const key of Object.keys(IncidentFields.shape) as (keyof IncidentCreate)[]) {
    if (key === 'assignedTo' && !assign) continue;
    if (!before || comparable(key, before[key]) !== comparable(key, after[key])) patch[key] = after[key];
  }
  return patch as IncidentPatch;
}

/** The create body; `assignedTo` only from those who may assign (it defaults to none on the server). */
export function buildCreate(data: IncidentCreate, assign: boolean): IncidentCreateBody {
  if (assign) return data;
  const { assignedTo: _notSent, ...rest } = data;
  return rest;
}

/** DOM id of the control (or fieldset) that edits a dotted path. */
export const fieldId = (path: string): string => `f-${path.replaceAll('.', '-')}`;
export const errorId = (path: string): string => `${fieldId(path)}-error`;
