/**
 * Imports of spreadsheets and the mappings saved for them. The uploaded file and the rejected rows can hold
 * survivors' accounts, so both are sealed (envelope encryption, the import id as authenticated data) and
 * dropped after the retention period; the counts and the mapping stay as the import's record.
 */
import { index, integer, jsonb, pgTable, text, timestamp, uuid, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea, organisations, users } from '../identity/tables.ts';
import type { ImportMapping } from '../shared/import.ts';

export const imports = pgTable('imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  fileName: text('file_name').notNull(),
  format: text('format').notNull(),
  sheet: text('sheet'),
  /** The file as uploaded (sealed); null once the retention period is over. */
  fileSealed: bytea('file_sealed'),
  /** Column headers (restricted: they describe the form, not a person). */
  columns: jsonb('columns').notNull().$type<string[]>(),
  rowCount: integer('row_count').notNull(),
  mapping: jsonb('mapping').$type<ImportMapping>(),
  state: text('state').notNull().default('uploaded'),
  mode: text('mode'),
  processed: integer('processed').notNull().default(0),
  created: integer('created').notNull().default(0),
  skipped: integer('skipped').notNull().default(0),
  rejected: integer('rejected').notNull().default(0),
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
