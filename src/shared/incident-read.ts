/**
 * What reading incidents returns: a list row (summary), the whole record (detail), its history of versions
 * with what changed, and the list's query and page. Do not import server code here.
 */
import { z } from './zod.ts';
import { CONSENT_SCOPES, DISPLACEMENT_STAGES, DISPLAY_LEVELS, NOT_VERIFIED_REASONS, SV_FORMS, TIMES_OF_DAY, VERIFICATION_STATUSES, VICTIM_CATEGORIES, DECISION_ROUTES, VERIFICATION_STANDARDS } from './taxonomy.ts';
import { isoDate, NUL_MESSAGE, noNul } from './values.ts';
import { Coordinates, IncidentFields, Perpetrator, Place, Referral, Source, Survivor, VictimTally, Violation } from './incident-record.ts';

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
  /** Linked to this registry party (any perpetrator of the incident). */
  partyId: z.uuid({ error: 'party_unknown' }).optional(),
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

