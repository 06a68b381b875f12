/** Incidents and their violations. Identifying fields live only inside `sensitive_enc` (see crypto/envelope). */
import { sql } from 'drizzle-orm';
import type { EvidenceCode } from '../shared/duplicates.ts';
import { boolean, date, index, integer, jsonb, pgTable, real, text, timestamp, uuid, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import { organisations, users } from '../identity/tables.ts';
import { bytea } from '../platform/db/column-types.ts';
import type { Perpetrator, Referral, Source } from '../shared/incident.ts';

const tally = (prefix: string) => ({
  women: integer(`${prefix}women`).notNull().default(0),
  girls: integer(`${prefix}girls`).notNull().default(0),
  men: integer(`${prefix}men`).notNull().default(0),
  boys: integer(`${prefix}boys`).notNull().default(0),
  unknown: integer(`${prefix}unknown`).notNull().default(0),
});

export const incidents = pgTable('incidents', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  reference: text('reference').notNull(),
  occurredFrom: date('occurred_from', { mode: 'string' }).notNull(),
  occurredTo: date('occurred_to', { mode: 'string' }),
  dateEstimated: boolean('date_estimated').notNull().default(false),
  country: text('country').notNull(),
  admin1: text('admin1'),
  admin2: text('admin2'),
  /** The finest level at which the place is shown when shared (restricted). */
  displayLevel: text('display_level').notNull().default('admin2'),
  ...tally('victims_'),
  /** The number of victims is not known: the tally holds those known (restricted). */
  victimCountUnknown: boolean('victim_count_unknown').notNull().default(false),
  /** Keyed hash of the content an import last gave this record (restricted): a re-import tells changed rows from unchanged ones. */
  importDigest: text('import_digest'),
  /** Derived from `perpetrators`: the distinct parties alleged, joined with "; " (for lists, search, duplicates). */
  perpetratorParty: text('perpetrator_party'),
  /** Restricted, in clear for filtering and analysis: alleged perpetrators, sources (their kind, never identity), referrals. */
  perpetrators: jsonb('perpetrators').notNull().default([]).$type<Perpetrator[]>(),
  /** Derived from `perpetrators`: the registry parties they are linked to (for filters, party pages and figures). */
  partyIds: uuid('party_ids').array().notNull().default(sql`'{}'::uuid[]`),
  sources: jsonb('sources').notNull().default([]).$type<Source[]>(),
  referrals: jsonb('referrals').notNull().default([]).$type<Referral[]>(),
  /** The record's id in the system it was imported from; unique per organisation, so re-imports create nothing. */
  externalId: text('external_id'),
  verificationStatus: text('verification_status').notNull(),
  notVerifiedReason: text('not_verified_reason'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decidedBy: uuid('decided_by').references(() => users.id),
  /** The decision's grounds (restricted): standard of proof, sources relied on (positions in `sources`), note. */
  verificationStandard: text('verification_standard'),
  reliedOnSources: integer('relied_on_sources').array().notNull().default([]),
  decisionNote: text('decision_note'),
  /** The recorder's written justification when they decided their own record (organisations that allow it). */
  selfDecisionJustification: text('self_decision_justification'),
  /** How four eyes was met: coordinator | partner_reviewer | recorder_justified (null before routes were kept). */
  decisionRoute: text('decision_route'),
  /** The record's data key wrapped by the master key; null after crypto-shredding. */
  wrappedKey: bytea('wrapped_key'),
  /** AES-256-GCM ciphertext of {narrative, locality, coordinates}. */
  sensitiveEnc: bytea('sensitive_enc'),
  assignedTo: uuid('assigned_to').array().notNull().default([]),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
  /** Context (restricted, in clear for filtering and analysis); null is "not known". */
  setting: text('setting'),
  timeOfDay: text('time_of_day'),
  displacementStage: text('displacement_stage'),
  abduction: boolean('abduction'),
  detention: boolean('detention'),
  /** The survivor's consent scopes (see taxonomy.ts); the most protective when not recorded. */
  consent: text('consent').array().notNull().default(['agency_only']),
  /** Set when the identifying part was erased (crypto-shredded) on the survivor's request. */
  erasedAt: timestamp('erased_at', { withTimezone: true }),
  erasedBy: uuid('erased_by').references(() => users.id),
  /**
   * Set when a reviewer linked this record to another as the same incident: the other is the one counted
   * (linked records count once in every aggregate); this one stays, with its sources and provenance.
   */
  canonicalId: uuid('canonical_id'),
  /** Soft deletion: the record stays (for the audit trail and history) but is no longer seen or counted. */
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
  deletedBy: uuid('deleted_by').references(() => users.id),
  deletionReason: text('deletion_reason'),
}, (t) => [
  uniqueIndex('incidents_org_reference_key').on(t.organisationId, t.reference),
  index('incidents_org_date_idx').on(t.organisationId, t.occurredFrom),
  index('incidents_org_status_idx').on(t.organisationId, t.verificationStatus),
  index('incidents_org_created_by_idx').on(t.organisationId, t.createdBy),
  index('incidents_party_ids_idx').using('gin', t.partyIds),
  uniqueIndex('incidents_org_external_id_key').on(t.organisationId, t.externalId),
]);

export const violations = pgTable('violations', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  incidentId: uuid('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
  position: integer('position').notNull(),
  form: text('form').notNull(),
  ...tally('victims_'),
}, (t) => [index('violations_incident_idx').on(t.incidentId), index('violations_org_form_idx').on(t.organisationId, t.form)]);

/** Next reference number per organisation and year (CODE-YYYY-NNNN). */
export const referenceCounters = pgTable('reference_counters', {
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  year: integer('year').notNull(),
  next: integer('next').notNull(),
}, (t) => [primaryKey({ columns: [t.organisationId, t.year] })]);

/**
 * Every version of an incident, as it stood after each change: who, when, which fields. Restricted fields
 * in clear (jsonb), identifying ones sealed under the record's own data key, so erasing the record's key
 * shreds its history too.
 */
export const incidentVersions = pgTable('incident_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  incidentId: uuid('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  action: text('action').notNull(),
  changedBy: uuid('changed_by').notNull().references(() => users.id),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  changedFields: text('changed_fields').array().notNull(),
  restricted: jsonb('restricted').notNull().$type<Record<string, unknown>>(),
  identifyingEnc: bytea('identifying_enc'),
  /**
   * Which identifying fields this version changed (names only, never values): the history tells a reader
   * who may not open them that a sealed field changed, without decrypting anything for them.
   */
  sealedChanges: text('sealed_changes').array(),
}, (t) => [uniqueIndex('incident_versions_incident_version_key').on(t.incidentId, t.version), index('incident_versions_org_idx').on(t.organisationId)]);

/**
 * Reviewers' decisions on pairs of records: the same incident (linked) or distinct (never proposed again).
 * Kept when undone (undone_at), so the review itself has a history.
 */
export const duplicateDecisions = pgTable('duplicate_decisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  /** The record that stays counted (for "same"), and the other one. */
  incidentId: uuid('incident_id').notNull().references(() => incidents.id),
  otherId: uuid('other_id').notNull().references(() => incidents.id),
  decision: text('decision').notNull(),
  score: real('score'),
  decidedBy: uuid('decided_by').notNull().references(() => users.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  undoneBy: uuid('undone_by').references(() => users.id),
  undoneAt: timestamp('undone_at', { withTimezone: true }),
}, (t) => [index('duplicate_decisions_org_idx').on(t.organisationId), index('duplicate_decisions_pair_idx').on(t.incidentId, t.otherId)]);

/**
 * Likely duplicate pairs found by the organisation's last batch scan (restricted fields only: the scan runs
 * for no particular reader, so narratives never inform these scores). Replaced whole by each scan; pairs a
 * reviewer has decided on are left out when listed.
 */
export const duplicateCandidates = pgTable('duplicate_candidates', {
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  /** The pair, smaller id first. */
  incidentA: uuid('incident_a').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
  incidentB: uuid('incident_b').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
  score: real('score').notNull(),
  fields: jsonb('fields').notNull().$type<{ field: string; points: number; code?: EvidenceCode; params?: Record<string, string | number>; note: string }[]>(),
  foundAt: timestamp('found_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.organisationId, t.incidentA, t.incidentB] }), index('duplicate_candidates_org_score_idx').on(t.organisationId, t.score)]);

/** Each organisation's batch scans: state and size, for the review list's header and the job's progress. */
export const duplicateScans = pgTable('duplicate_scans', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  requestedBy: uuid('requested_by').references(() => users.id),
  state: text('state').notNull(),
  records: integer('records'),
  pairs: integer('pairs'),
  error: text('error'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
}, (t) => [index('duplicate_scans_org_idx').on(t.organisationId, t.startedAt)]);

/**
 * Records put to a partner reviewer (a coordinator of another organisation designated in the settings): the
 * one path by which someone outside the organisation sees one of its records, and only while it is open.
 */
export const incidentReviews = pgTable('incident_reviews', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The record's organisation (not the reviewer's). */
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  incidentId: uuid('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
  reviewerId: uuid('reviewer_id').notNull().references(() => users.id),
  reviewerOrganisationId: uuid('reviewer_organisation_id').notNull().references(() => organisations.id),
  requestedBy: uuid('requested_by').notNull().references(() => users.id),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
  /** The narrative is shown to the reviewer (never locality, coordinates or individual victims). */
  shareNarrative: boolean('share_narrative').notNull().default(false),
  /** What the requester asks the reviewer (restricted: no names). */
  note: text('note'),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closedBy: uuid('closed_by').references(() => users.id),
  /** decided | withdrawn */
  outcome: text('outcome'),
}, (t) => [
  uniqueIndex('incident_reviews_open_key').on(t.incidentId).where(sql`${t.closedAt} is null`),
  index('incident_reviews_reviewer_idx').on(t.reviewerId, t.closedAt),
  index('incident_reviews_org_idx').on(t.organisationId),
]);
