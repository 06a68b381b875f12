/**
 * Commitments and compliance. Everything is one organisation's restricted data (shared/fields.ts): about
 * parties and their commitments, never about survivors. Uploaded files and their names are sealed (envelope
 * encryption, the file's id in the authenticated data). Evidence entries and assessment versions are
 * append-only (triggers in the migration): an evidence entry can only be withdrawn, with a reason, once.
 */
import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../identity/tables.ts';
import { bytea } from '../platform/db/column-types.ts';
import { parties } from '../parties/tables.ts';

/** An uploaded file: the text of a commitment or a piece of evidence. Sealed, read through the API only (audited). */
export const commitmentFiles = pgTable('commitment_files', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  /** The file's name, sealed (a name can say more than it should). */
  nameSealed: bytea('name_sealed').notNull(),
  contentSealed: bytea('content_sealed').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  uploadedBy: uuid('uploaded_by').notNull().references(() => users.id),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('commitment_files_org_idx').on(t.organisationId)]);

export const commitments = pgTable('commitments', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  /** COMMITMENT_KINDS. */
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  signedOn: date('signed_on', { mode: 'string' }).notNull(),
  /** Office holders who signed (restricted free text). */
  signatories: text('signatories'),
  referenceUrl: text('reference_url'),
  fileId: uuid('file_id').references(() => commitmentFiles.id),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').notNull().references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** Removed from every view with a reason (kept for the audit trail). */
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
  deletedBy: uuid('deleted_by').references(() => users.id),
  deletionReason: text('deletion_reason'),
}, (t) => [index('commitments_org_signed_idx').on(t.organisationId, t.signedOn)]);

/**
 * The parties a commitment binds. No unique (commitment, party): a merge of duplicate parties may leave a
 * commitment naming the same party twice, which reads as once; the service never writes a party twice.
 */
export const commitmentParties = pgTable('commitment_parties', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  commitmentId: uuid('commitment_id').notNull().references(() => commitments.id),
  partyId: uuid('party_id').notNull().references(() => parties.id),
}, (t) => [index('commitment_parties_commitment_idx').on(t.commitmentId), index('commitment_parties_party_idx').on(t.partyId)]);

export const measures = pgTable('commitment_measures', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  commitmentId: uuid('commitment_id').notNull().references(() => commitments.id),
  position: integer('position').notNull(),
  /** MEASURE_KINDS. */
  kind: text('kind').notNull(),
  description: text('description').notNull(),
  deadline: date('deadline', { mode: 'string' }),
  responsibleBody: text('responsible_body'),
  /** MEASURE_STATUSES as recorded (the measure's status); "overdue" is derived when read, never stored. */
  progress: text('progress').notNull(),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').notNull().references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('commitment_measures_commitment_idx').on(t.commitmentId)]);

/** Dated evidence of a measure: append-only; withdrawn (once, with a reason), never edited or removed. */
export const measureEvidence = pgTable('measure_evidence', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  measureId: uuid('measure_id').notNull().references(() => measures.id),
  date: date('date', { mode: 'string' }).notNull(),
  text: text('text').notNull(),
  fileId: uuid('file_id').references(() => commitmentFiles.id),
  /** The progress the measure was given with this entry, if any. */
  progress: text('progress'),
  recordedBy: uuid('recorded_by').notNull().references(() => users.id),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  withdrawnBy: uuid('withdrawn_by').references(() => users.id),
  withdrawalReason: text('withdrawal_reason'),
}, (t) => [index('measure_evidence_measure_idx').on(t.measureId)]);

/**
 * A party's listing in the Secretary-General's annual report, one entry per report year (the service keeps
 * one per party and year; a merge of duplicates may bring two, both shown). Recorded, never decided.
 */
export const partyListings = pgTable('party_listings', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  partyId: uuid('party_id').notNull().references(() => parties.id),
  reportYear: integer('report_year').notNull(),
  /** LISTING_STATUSES. */
  listing: text('listing').notNull(),
  reportSymbol: text('report_symbol').notNull(),
  paragraph: text('paragraph'),
  note: text('note'),
  recordedBy: uuid('recorded_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('party_listings_party_idx').on(t.organisationId, t.partyId)]);

/** A coordinator's plain-language assessment of a party: each save a new version, never changed (append-only). */
export const partyAssessments = pgTable('party_assessments', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  /** The only column a change may touch: a merge of duplicate parties re-points it (and its undo back). */
  partyId: uuid('party_id').notNull().references(() => parties.id),
  text: text('text').notNull(),
  writtenBy: uuid('written_by').notNull().references(() => users.id),
  writtenAt: timestamp('written_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('party_assessments_party_idx').on(t.organisationId, t.partyId, t.writtenAt)]);
