/** An organisation's own values of extensible taxonomy lists, with translated labels (see shared/lookup.ts). */
import { boolean, jsonb, pgTable, text, timestamp, uuid, uniqueIndex } from 'drizzle-orm/pg-core';
import { organisations, users } from '../identity/tables.ts';

export const lookups = pgTable('lookups', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  list: text('list').notNull(),
  /** "x_..." (public: a category name, never about a person). */
  code: text('code').notNull(),
  labels: jsonb('labels').notNull().$type<{ en: string; fr: string | null; ar: string | null }>(),
  active: boolean('active').notNull().default(true),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('lookups_org_list_code_key').on(t.organisationId, t.list, t.code)]);
