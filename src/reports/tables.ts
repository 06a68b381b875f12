/**
 * Reports. Templates with `organisation_id` null are the built-in ones (written at start, version 0); an
 * organisation's template of a kind is a new row for each change (version 1, 2, ...), never edited. A report
 * holds its parameters and the narratives being written; each generation freezes a version: its snapshot
 * (parameters, protected figures, narratives, template) with the snapshot's SHA-256. Versions, their workflow
 * events and comments are append-only (triggers in the migration): only a version's `status` moves, and only
 * along the workflow. Everything here but the built-in templates is the organisation's restricted data
 * (shared/fields.ts: REPORT_FIELD_CLASSES).
 */
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, date } from 'drizzle-orm/pg-core';
import { organisations, users } from '../identity/tables.ts';
import { parties } from '../parties/tables.ts';
import type { TemplateSection, Wording } from '../shared/reports.ts';
import type { ReportSnapshot } from './snapshot-types.ts';

export const reportTemplates = pgTable('report_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Null: built in (read-only, the starting point of every organisation's own versions). */
  organisationId: uuid('organisation_id').references(() => organisations.id),
  kind: text('kind').notNull(),
  version: integer('version').notNull(),
  title: jsonb('title').notNull().$type<Wording>(),
  sections: jsonb('sections').notNull().$type<TemplateSection[]>(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  // Built-in ones (organisation null) are unique by kind and version too: a partial index in the migration.
}, (t) => [uniqueIndex('report_templates_org_kind_version_idx').on(t.organisationId, t.kind, t.version)]);

export const reports = pgTable('reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  /** `2026-Q3` or `2026`, and the days it spans. */
  period: text('period').notNull(),
  periodFrom: date('period_from', { mode: 'string' }).notNull(),
  periodTo: date('period_to', { mode: 'string' }).notNull(),
  partyId: uuid('party_id').references(() => parties.id),
  annexParties: uuid('annex_parties').array().notNull().default([]),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('reports_org_idx').on(t.organisationId, t.updatedAt)]);

/** The narratives being written, one per narrative section (what the next version will freeze). */
export const reportNarratives = pgTable('report_narratives', {
  reportId: uuid('report_id').notNull().references(() => reports.id),
  key: text('key').notNull(),
  text: text('text').notNull(),
  updatedBy: uuid('updated_by').notNull().references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('report_narratives_report_key_idx').on(t.reportId, t.key)]);

export const reportVersions = pgTable('report_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  reportId: uuid('report_id').notNull().references(() => reports.id),
  number: integer('number').notNull(),
  templateId: uuid('template_id').notNull().references(() => reportTemplates.id),
  snapshot: jsonb('snapshot').notNull().$type<ReportSnapshot>(),
  sha256: text('sha256').notNull(),
  status: text('status').notNull().default('draft'),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('report_versions_report_number_idx').on(t.reportId, t.number)]);

/** The workflow as append-only events: generated, sent to review, returned, approved, submitted. */
export const reportEvents = pgTable('report_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  versionId: uuid('version_id').notNull().references(() => reportVersions.id),
  action: text('action').notNull(),
  status: text('status').notNull(),
  note: text('note'),
  byUser: uuid('by_user').notNull().references(() => users.id),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('report_events_version_idx').on(t.versionId)]);

export const reportComments = pgTable('report_comments', {
  id: uuid('id').primaryKey().defaultRandom(),
  versionId: uuid('version_id').notNull().references(() => reportVersions.id),
  section: text('section'),
  text: text('text').notNull(),
  byUser: uuid('by_user').notNull().references(() => users.id),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('report_comments_version_idx').on(t.versionId)]);

/** A generation job's progress (the job itself is pg-boss's). */
export const reportGenerations = pgTable('report_generations', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  reportId: uuid('report_id').notNull().references(() => reports.id),
  state: text('state').notNull().default('queued'),
  progress: integer('progress').notNull().default(0),
  step: text('step').notNull().default('queued'),
  versionNumber: integer('version_number'),
  error: text('error'),
  requestedBy: uuid('requested_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('report_generations_report_idx').on(t.reportId, t.createdAt)]);
