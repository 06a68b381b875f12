/**
 * The fixed, versioned core taxonomy (DOMAIN.md section 3). Codes are stable identifiers stored in the
 * database; their labels in en/fr/ar live once in shared/labels/*.json under `taxonomy.<list>.<code>` (see
 * labels.ts), read by the web app and by exports.
 */
export const TAXONOMY_VERSION = 'crsv-2026.1';

export const SV_FORMS = [
  'rape',
  'attempted_rape',
  'sexual_slavery',
  'forced_prostitution',
  'forced_pregnancy',
  'forced_abortion',
  'enforced_sterilization',
  'forced_marriage',
  'sexual_mutilation',
  'sexual_torture',
  'trafficking_sexual_exploitation',
  'other_comparable_gravity',
  /** Sexual violence whose form the source does not say (real files often carry "unknown" or "not specified"). */
  'unspecified',
  /** Sexual exploitation and abuse by UN or humanitarian personnel: a separate track, never mixed with CRSV. */
  'sea_un_humanitarian',
] as const;
export type SvForm = (typeof SV_FORMS)[number];

export const VERIFICATION_STATUSES = ['reported', 'pending', 'verified', 'not_verified', 'found_not_occurred'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];
/** Statuses that record a decision; only coordinators may set them. */
export const DECIDED_STATUSES: readonly VerificationStatus[] = ['verified', 'not_verified', 'found_not_occurred'];

export const NOT_VERIFIED_REASONS = [
  'source_unwilling',
  'security_access_constraints',
  'contradictory_information',
  'pending_further_monitoring',
  'other',
] as const;
export type NotVerifiedReason = (typeof NOT_VERIFIED_REASONS)[number];

/**
 * The standard of proof a decision applied (DOMAIN.md section 3: UN-verified "on a standard such as reasonable
 * grounds to believe"). Lowest first; MARA's usual standard is the first.
 */
export const VERIFICATION_STANDARDS = ['reasonable_grounds_to_believe', 'balance_of_probabilities', 'clear_and_convincing', 'beyond_reasonable_doubt'] as const;
export type VerificationStandard = (typeof VERIFICATION_STANDARDS)[number];

/**
 * How a decision met four eyes: another coordinator of the organisation, a designated reviewer of a partner
 * or headquarters organisation the record was put to, or (only where the organisation chose it) the recorder
 * with a written justification. Figures built on self-decided records say so in their notes.
 */
export const DECISION_ROUTES = ['coordinator', 'partner_reviewer', 'recorder_justified'] as const;
export type DecisionRoute = (typeof DECISION_ROUTES)[number];

export const LOCATION_PRECISIONS = ['exact', 'approximate', 'locality', 'admin2', 'admin1'] as const;
/**
 * How precisely a record's place may be shown wherever it is shared (exports, maps, reports): in a small
 * district the district alone can point to a survivor, so a coordinator coarsens it. Finest first.
 */
export const DISPLAY_LEVELS = ['admin2', 'admin1', 'country'] as const;

export const VICTIM_CATEGORIES = ['women', 'girls', 'men', 'boys', 'unknown'] as const;
export type VictimCategory = (typeof VICTIM_CATEGORIES)[number];

/** Context of an incident (DOMAIN.md section 3, "Context a record often needs"). */
export const SETTINGS = ['home', 'field', 'market', 'water_point', 'checkpoint', 'detention', 'camp', 'attack_on_village', 'abduction', 'school', 'other'] as const;
export const TIMES_OF_DAY = ['morning', 'afternoon', 'evening', 'night', 'unknown'] as const;
export const DISPLACEMENT_STAGES = ['not_displaced', 'before_flight', 'during_flight', 'in_camp', 'during_return'] as const;

/** An individual victim's profile (pseudonymous: a survivor code, never a name). */
export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const AGE_GROUPS = ['age_0_4', 'age_5_11', 'age_12_17', 'age_18_24', 'age_25_59', 'age_60_plus'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];
/** Inclusive age bounds of each group (a child is under 18). */
export const AGE_GROUP_BOUNDS: Record<AgeGroup, [number, number]> = {
  age_0_4: [0, 4], age_5_11: [5, 11], age_12_17: [12, 17], age_18_24: [18, 24], age_25_59: [25, 59], age_60_plus: [60, 130],
};
export const DISPLACEMENT_STATUSES = ['resident', 'internally_displaced', 'refugee', 'asylum_seeker', 'returnee', 'stateless', 'unknown'] as const;

/** Alleged perpetrators (DOMAIN.md section 3); UN or humanitarian personnel belong to the SEA track. */
export const PERPETRATOR_CATEGORIES = ['state_forces', 'police', 'pro_government_militia', 'non_state_armed_group', 'un_or_humanitarian_personnel', 'unknown'] as const;

/** Where the information came from; the source's identity is never stored, only its kind. */
export const SOURCE_TYPES = ['survivor', 'witness', 'service_provider', 'monitor', 'media', 'other'] as const;
export const SOURCE_RELIABILITY = ['high', 'moderate', 'low', 'unknown'] as const;
/** How the source knows: experienced or saw it, heard it from someone who did, or read it in a document. */
export const SOURCE_CONNECTIONS = ['first_hand', 'second_hand', 'documentary', 'unknown'] as const;

/** Referrals to services, made only with the survivor's consent. */
export const SERVICES = ['health', 'psychosocial', 'legal', 'safety', 'livelihood'] as const;
export const REFERRAL_STATUSES = ['referred', 'received', 'declined', 'not_available'] as const;

/**
 * What the survivor consented to (informed consent, DOMAIN.md section 7). `agency_only` stands alone: the
 * record stays with the organisation that holds it. The others may be combined.
 */
export const CONSENT_SCOPES = ['agency_only', 'mara_working_group', 'aggregate_statistics', 'referral', 'justice'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

export const ROLES = ['admin', 'coordinator', 'monitor', 'partner', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ORG_KINDS = ['mission', 'office', 'ngo', 'headquarters', 'agency'] as const;
