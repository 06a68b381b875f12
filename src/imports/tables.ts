/**
 * Imports of spreadsheets and the mappings saved for them. The uploaded file and the rejected rows can hold
 * survivors' accounts, so both are sealed (envelope encryption, the import id as authenticated data) and
 * dropped after the retention period; the counts and the mapping stay as the import's record.
 */
import { index, integer, jsonb, pgTable, text, timestamp, uuid, uniqueIndex } from 'drizzle-orm/pg-core';
import { organisations, users } from '../identity/tables.ts';
import { bytea } from '../platform/db/column-types.ts';
import type { ChangedRow, ImportMapping, ImportProfile, ImportWarning, TextEncoding } from '../shared/import.ts';

export const imports = pgTable('imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  /** The file's name, sealed (identifying: a name such as "statement-of-A.xlsx" can name a person). */
  fileNameSealed: bytea('file_name_sealed'),
  /** Only in databases from before names were sealed: sealed at the next start (imports' atStart), then null. */
  fileName: text('file_name'),
  format: text('format').notNull(),
  sheet: text('sheet'),
  /** The file as uploaded (sealed); null once the retention period is over. */
  fileSealed: bytea('file_sealed'),
  /** Column headers (restricted: they describe the form, not a person). */
  columns: jsonb('columns').notNull().$type<string[]>(),
  rowCount: integer('row_count').notNull(),
  /** CSV: the encoding found in the bytes and the one chosen to read them (restricted). */
  encodingDetected: text('encoding_detected').$type<TextEncoding>(),
  encoding: text('encoding').$type<TextEncoding>(),
  /** What the upload found: date columns and their precision, other sheets (column names and counts only). */
  profile: jsonb('profile').$type<ImportProfile>(),
  mapping: jsonb('mapping').$type<ImportMapping>(),
  /** The wizard's mapping in progress, kept so leaving the page loses nothing. */
  mappingDraft: jsonb('mapping_draft').$type<ImportMapping>(),
  state: text('state').notNull().default('uploaded'),
  mode: text('mode'),
  processed: integer('processed').notNull().default(0),
  created: integer('created').notNull().default(0),
  skipped: integer('skipped').notNull().default(0),
  rejected: integer('rejected').notNull().default(0),
  changed: integer('changed').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  excluded: integer('excluded').notNull().default(0),
  onChanged: text('on_changed'),
  /** What the run says without rejecting (counts, a few row numbers) and the first changed rows (external id, reference, field names): restricted. */
  warnings: jsonb('warnings').notNull().default([]).$type<ImportWarning[]>(),
  changes: jsonb('changes').notNull().default([]).$type<ChangedRow[]>(),
  /** Rejected rows with their cells and problems (sealed: cells can be identifying). */
  reportSealed: bytea('report_sealed'),
  error: text('error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
}, (t) => [index('imports_org_user_idx').on(t.organisationId, t.createdBy)]);

export const importMappings = pgTable('import_mappings', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  name: text('name').notNull(),
  mapping: jsonb('mapping').notNull().$type<ImportMapping>(),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('import_mappings_org_name_key').on(t.organisationId, t.name)]);
