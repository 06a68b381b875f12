/** An organisation's settings (one row per organisation; none means the strict defaults of shared/organisation.ts). */
import { boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../identity/tables.ts';

export const organisationSettings = pgTable('organisation_settings', {
  organisationId: uuid('organisation_id').primaryKey().references(() => organisations.id),
  /** same_organisation (default) | partner_reviewer | recorder_justified (shared/organisation.ts). */
  fourEyesMode: text('four_eyes_mode').notNull().default('same_organisation'),
  /** Designated reviewers: coordinators of other organisations (partner_reviewer mode). */
  reviewerIds: uuid('reviewer_ids').array().notNull().default([]),
  minSourcesToVerify: integer('min_sources_to_verify').notNull().default(0),
  requireAdmin1: boolean('require_admin1').notNull().default(false),
  requireAdmin2: boolean('require_admin2').notNull().default(false),
  requirePerpetratorToVerify: boolean('require_perpetrator_to_verify').notNull().default(false),
  narrativeMaxLength: integer('narrative_max_length').notNull().default(50000),
  /** Figures that leave the restricted tier: counts below this are suppressed (with what would reveal them). */
  suppressionThreshold: integer('suppression_threshold').notNull().default(5),
  /** Zeros are protected too (a zero can reveal that nobody of a group was harmed somewhere). */
  protectZeros: boolean('protect_zeros').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
  updatedBy: uuid('updated_by').references(() => users.id),
});
