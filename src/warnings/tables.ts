/**
 * Early warning. Indicators with `organisation_id` null are the shared registry seeded from the UN Action
 * matrix (indicators.ts, written at start); the rest is one organisation's restricted data
 * (shared/fields.ts: WARNING_FIELD_CLASSES): observations, rules, episodes and alerts with their events.
 * Alert events are append-only (trigger in the migration); an alert's status follows its events.
 */
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../identity/tables.ts';
import { parties } from '../parties/tables.ts';
import type { Explanation, IndicatorCount, RuleParams, Words } from '../shared/warnings.ts';

export const warningIndicators = pgTable('warning_indicators', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Null: the shared registry (read-only for organisations). */
  organisationId: uuid('organisation_id').references(() => organisations.id),
  /** The seeded indicators' stable code (unique); null for an organisation's own. */
  code: text('code'),
  category: text('category').notNull(),
  kind: text('kind').notNull(),
  names: jsonb('names').notNull().$type<Words>(),
  descriptions: jsonb('descriptions').notNull().$type<Words>(),
  /** What a computed indicator counts (null for observed ones). */
  count: jsonb('count').$type<IndicatorCount>(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('warning_indicators_code_idx').on(t.code), index('warning_indicators_org_idx').on(t.organisationId)]);

export const warningObservations = pgTable('warning_observations', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  indicatorId: uuid('indicator_id').notNull().references(() => warningIndicators.id),
  observedOn: date('observed_on', { mode: 'string' }).notNull(),
  country: text('country').notNull(),
  admin1: text('admin1'),
  admin2: text('admin2'),
  partyId: uuid('party_id').references(() => parties.id),
  severity: text('severity').notNull(),
  /** A few words on what was seen (restricted; the form asks for no names). */
  note: text('note').notNull(),
  recordedBy: uuid('recorded_by').notNull().references(() => users.id),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  /** Removed from every view and rule with a reason (kept for the audit trail). */
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
  deletedBy: uuid('deleted_by').references(() => users.id),
  deletionReason: text('deletion_reason'),
}, (t) => [index('warning_observations_org_day_idx').on(t.organisationId, t.observedOn)]);

export const warningRules = pgTable('warning_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  country: text('country').notNull(),
  admin1: text('admin1'),
  admin2: text('admin2'),
  /** RULE_PER: the area as a whole, or each region or district in it. */
  per: text('per').notNull(),
  params: jsonb('params').notNull().$type<RuleParams>(),
  active: boolean('active').notNull().default(true),
  /** Bumped by every change: episodes of an earlier version end (new parameters, new episodes). */
  version: integer('version').notNull().default(1),
  lastEvaluatedOn: date('last_evaluated_on', { mode: 'string' }),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').notNull().references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('warning_rules_org_idx').on(t.organisationId)]);

/**
 * An alert: raised once when a rule's condition begins to hold for an area (and party), the episode; the
 * episode ends when the condition stops holding, and only then can the same area raise another. `key` names
 * the area (and party) the rule watched.
 */
export type RuleRow = typeof warningRules.$inferSelect;

export const warningAlerts = pgTable('warning_alerts', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  ruleId: uuid('rule_id').notNull().references(() => warningRules.id),
  ruleVersion: integer('rule_version').notNull(),
  key: text('key').notNull(),
  country: text('country').notNull(),
  admin1: text('admin1'),
  admin2: text('admin2'),
  partyId: uuid('party_id').references(() => parties.id),
  status: text('status').notNull().default('new'),
  episodeStart: date('episode_start', { mode: 'string' }).notNull(),
  episodeEnd: date('episode_end', { mode: 'string' }),
  explanation: jsonb('explanation').notNull().$type<Explanation>(),
  latest: jsonb('latest').$type<Explanation>(),
  /** The incidents and observations behind the figure when raised (ids; opened with the reader's rights). */
  incidentIds: uuid('incident_ids').array().notNull().default([]),
  incidentTotal: integer('incident_total').notNull().default(0),
  observationIds: uuid('observation_ids').array().notNull().default([]),
  raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('warning_alerts_org_status_idx').on(t.organisationId, t.status),
  index('warning_alerts_rule_key_idx').on(t.ruleId, t.key),
]);

export const warningAlertEvents = pgTable('warning_alert_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  alertId: uuid('alert_id').notNull().references(() => warningAlerts.id),
  kind: text('kind').notNull(),
  action: text('action'),
  note: text('note'),
  byUser: uuid('by_user').notNull().references(() => users.id),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('warning_alert_events_alert_idx').on(t.alertId)]);
