/**
 * The parties registry. `organisation_id` null is the shared reference layer (seeded from UCDP/PRIO and SVAC,
 * read by every organisation, changed only by seeding); set, the row is that organisation's own: its own
 * parties, and its own aliases, ids and relations on reference parties. Nothing here is about survivors:
 * reference rows are public, an organisation's rows restricted (shared/fields.ts).
 */
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../identity/tables.ts';

export const parties = pgTable('parties', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').references(() => organisations.id),
  /** The canonical name (also a `canonical` row of party_names, with its language). */
  name: text('name').notNull(),
  shortName: text('short_name'),
  /** PARTY_CATEGORIES (the incident perpetrator categories). */
  category: text('category').notNull(),
  /** ISO 3166 alpha-3 codes. */
  countries: text('countries').array().notNull().default(sql`'{}'::text[]`),
  parentId: uuid('parent_id').references((): AnyPgColumn => parties.id),
  /** Partial dates: a year, a month or a day. */
  activeFrom: text('active_from'),
  activeTo: text('active_to'),
  /** confirmed | unconfirmed (proposed from a form, until a coordinator confirms or merges it). */
  status: text('status').notNull(),
  /** Set when the party was merged into another (a duplicate); its names, ids and relations moved there. */
  mergedInto: uuid('merged_into').references((): AnyPgColumn => parties.id),
  /** PARTY_SOURCES: ucdp-prio-acd-25.1, svac-3.2, salama, organisation. */
  source: text('source').notNull(),
  note: text('note'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('parties_organisation_idx').on(t.organisationId), index('parties_parent_idx').on(t.parentId)]);

export const partyNames = pgTable('party_names', {
  id: uuid('id').primaryKey().defaultRandom(),
  partyId: uuid('party_id').notNull().references(() => parties.id),
  organisationId: uuid('organisation_id').references(() => organisations.id),
  name: text('name').notNull(),
  /** BCP 47 tag (en, fr, ar, ...), or null when not known. */
  language: text('language'),
  /** canonical | short | alias */
  kind: text('kind').notNull(),
  source: text('source').notNull(),
  /** Every word folded (accents, case, Arabic spellings), space-framed, for word-start search (search-key.ts). */
  searchKey: text('search_key').notNull(),
  /** The folded words joined: equal keys are the same name written otherwise ("Al-Shabaab", "al shabaab"). */
  exactKey: text('exact_key').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('party_names_party_idx').on(t.partyId), index('party_names_exact_idx').on(t.exactKey)]);

export const partyExternalIds = pgTable('party_external_ids', {
  id: uuid('id').primaryKey().defaultRandom(),
  partyId: uuid('party_id').notNull().references(() => parties.id),
  organisationId: uuid('organisation_id').references(() => organisations.id),
  /** ucdp_actor | ucdp_conflict | acled_actor | other */
  scheme: text('scheme').notNull(),
  value: text('value').notNull(),
  source: text('source').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('party_external_ids_party_idx').on(t.partyId),
  // The key seeding holds reference parties by: one reference party per UCDP actor id.
  uniqueIndex('party_external_ids_reference_actor_key').on(t.value).where(sql`${t.scheme} = 'ucdp_actor' AND ${t.organisationId} IS NULL`),
]);

export const partyRelations = pgTable('party_relations', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').references(() => organisations.id),
  fromPartyId: uuid('from_party_id').notNull().references(() => parties.id),
  toPartyId: uuid('to_party_id').notNull().references(() => parties.id),
  /** affiliation | faction_of | split_from | merged_into: "from" is a faction of, split from, ... "to". */
  kind: text('kind').notNull(),
  validFrom: text('valid_from'),
  validTo: text('valid_to'),
  source: text('source').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('party_relations_from_idx').on(t.fromPartyId), index('party_relations_to_idx').on(t.toPartyId)]);

/**
 * A merge of a duplicate (always one of the organisation's own parties) into another party, kept with what
 * it moved so that undoing it restores exactly the state before. `previous` is the merged party's state.
 */
export const partyMerges = pgTable('party_merges', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  fromPartyId: uuid('from_party_id').notNull().references(() => parties.id),
  intoPartyId: uuid('into_party_id').notNull().references(() => parties.id),
  previous: jsonb('previous').notNull().$type<{ status: string; updatedAt: string }>(),
  mergedBy: uuid('merged_by').notNull().references(() => users.id),
  mergedAt: timestamp('merged_at', { withTimezone: true }).notNull().defaultNow(),
  undoneBy: uuid('undone_by').references(() => users.id),
  undoneAt: timestamp('undone_at', { withTimezone: true }),
}, (t) => [index('party_merges_from_idx').on(t.fromPartyId), index('party_merges_into_idx').on(t.intoPartyId)]);

/**
 * One row a merge re-pointed: its kind (the merge step that moved it: party_name, party_external_id,
 * party_relation_from, party_relation_to, party_child, and whatever later capabilities register, such as
 * incident perpetrators), the row's id, and what the step changed besides the party (to put back on undo).
 */
export const partyMergeMoves = pgTable('party_merge_moves', {
  mergeId: uuid('merge_id').notNull().references(() => partyMerges.id),
  kind: text('kind').notNull(),
  rowId: text('row_id').notNull(),
  previous: jsonb('previous').$type<Record<string, unknown>>(),
}, (t) => [primaryKey({ columns: [t.mergeId, t.kind, t.rowId] })]);

/**
 * How an organisation decided a party name written in its records or files ("FARDC 3e brigade"): the party
 * it names, or one of the explicit choices (not known, unidentified armed men). Keyed by the name's folded
 * form, so every spelling of it follows; consulted when a record or an import row names a party without a
 * link, after the registry's own names. Restricted (names of armed actors, never of survivors).
 */
export const partyTextLinks = pgTable('party_text_links', {
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  /** partyKeys(text).exactKey */
  textKey: text('text_key').notNull(),
  /** The text as first decided (for the list). */
  text: text('text').notNull(),
  partyId: uuid('party_id').references(() => parties.id),
  /** PARTY_SPECIAL_CHOICES, when the name is not a party. */
  choice: text('choice'),
  decidedBy: uuid('decided_by').notNull().references(() => users.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.organisationId, t.textKey] }), index('party_text_links_party_idx').on(t.partyId)]);
