/**
 * Drafts of incidents being entered: the whole unfinished form, sealed (it holds the narrative and
 * survivor codes as typed), kept on the server so nothing sensitive lands in the browser's storage of a
 * shared tablet. Each draft belongs to one user; nobody else can list, open or change it.
 */
import { index, integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../identity/tables.ts';
import { bytea } from '../platform/db/column-types.ts';

export const incidentDrafts = pgTable('incident_drafts', {
  /** Chosen by the browser when the form opens, so the first autosave and its retries create one draft. */
  id: uuid('id').primaryKey(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** Which step of the form the user was on (restricted: no content). */
  step: integer('step').notNull().default(0),
  /** Envelope-encrypted form state (identifying), with the draft and user ids as authenticated data. */
  sealed: bytea('sealed').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('incident_drafts_user_idx').on(t.organisationId, t.userId)]);
