/**
 * Administrative areas (country, admin 1, admin 2, localities) with their codes (OCHA P-codes where
 * available). Reference data shared by every organisation, not organisation data: no survivor information
 * is ever stored here. Loaded from the boundary files at start, and from a CSV with `salama places import`.
 */
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const adminAreas = pgTable('admin_areas', {
  code: text('code').primaryKey(),
  country: text('country').notNull(),
  level: integer('level').notNull(),
  name: text('name').notNull(),
  nameFr: text('name_fr'),
  nameAr: text('name_ar'),
  parentCode: text('parent_code'),
  /** Every name folded into words (places/search.ts), for the incident search; derived, written with the names. */
  searchKey: text('search_key'),
  source: text('source').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('admin_areas_country_level_idx').on(t.country, t.level), index('admin_areas_parent_idx').on(t.parentCode)]);
