/**
 * Reference datasets (SVAC, RSVAC): public-source codings of sexual violence by armed actors per year, kept as
 * versions of data, never as incidents. A version and its rows are the server's (no organisation: the same
 * published file for everyone, public); which version an organisation reads, and how an actor links to a
 * party, are each organisation's own (reference_current_versions, reference_actor_decisions: restricted). RSVAC's narrative notes are never stored: only codes and prevalence.
 */
import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from '../identity/tables.ts';
import { parties } from '../parties/tables.ts';

export const referenceDatasetVersions = pgTable('reference_dataset_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** svac | rsvac */
  dataset: text('dataset').notNull(),
  /** The version as its publishers name it ("3.2"), or as the loader named it. */
  label: text('label').notNull(),
  /** SHA-256 of the file's bytes: the same file loaded again is this version, unchanged. */
  sha256: text('sha256').notNull(),
  rowCount: integer('row_count').notNull(),
  actorCount: integer('actor_count').notNull(),
  firstYear: integer('first_year'),
  lastYear: integer('last_year'),
  citation: text('citation').notNull(),
  loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
  /** Null: the server's operator (salama reference import) or the demo. */
  loadedBy: uuid('loaded_by').references(() => users.id),
  /**
   * The organisation of the coordinator who loaded it (null for the operator, and once the operator loaded
   * the same file: the version is then the operator's, under the operator's label and citation: load.ts).
   */
  loadedByOrganisation: uuid('loaded_by_organisation').references(() => organisations.id),
  /**
   * The server's default: the version an organisation reads unless it chose another
   * (reference_current_versions). At most one per dataset, set only by loads without an organisation (the
   * operator's `salama reference import`, the demo): a coordinator's load never changes it.
   */
  current: boolean('current').notNull().default(false),
}, (t) => [
  uniqueIndex('reference_dataset_versions_file_key').on(t.dataset, t.sha256),
  uniqueIndex('reference_dataset_versions_current_key').on(t.dataset).where(sql`${t.current}`),
  // The target of reference_current_versions' foreign key: a choice names a version of its own dataset.
  uniqueIndex('reference_dataset_versions_id_dataset_key').on(t.id, t.dataset),
]);

/**
 * The version of a dataset an organisation reads instead of the server's default: set by its coordinator's
 * load (a new file, or the same file as a version already stored) or chosen on the datasets screen among
 * the versions it may see (the operator's and its own); no row, the server's default. Restricted
 * organisation data; each change audited (reference.version_chosen).
 */
export const referenceCurrentVersions = pgTable('reference_current_versions', {
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  dataset: text('dataset').notNull(),
  versionId: uuid('version_id').notNull(),
  chosenBy: uuid('chosen_by').notNull().references(() => users.id),
  chosenAt: timestamp('chosen_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.organisationId, t.dataset] }),
  foreignKey({ columns: [t.versionId, t.dataset], foreignColumns: [referenceDatasetVersions.id, referenceDatasetVersions.dataset], name: 'reference_current_versions_version_fk' }),
  index('reference_current_versions_version_idx').on(t.versionId),
]);

/**
 * One row of a version: an actor-year (SVAC, per conflict) or an actor-year-form (RSVAC). Prevalence and
 * codes the file left as -99, NA or blank are null ("no report"), never 0 ("none reported").
 */
export const referenceRows = pgTable('reference_rows', {
  versionId: uuid('version_id').notNull().references(() => referenceDatasetVersions.id),
  /** The row in the file (the header is row 1). */
  rowNumber: integer('row_number').notNull(),
  year: smallint('year').notNull(),
  /** UCDP/PRIO conflict id (RSVAC: conflictid_new). */
  conflictId: text('conflict_id'),
  actor: text('actor').notNull(),
  /** UCDP actor id (RSVAC: actorid_new, the ids since UCDP 17.1, as the registry's `ucdp_actor`). */
  ucdpActorId: text('ucdp_actor_id'),
  /** The actor's key for linking: its UCDP id and its name folded (actors.ts). */
  actorKey: text('actor_key').notNull(),
  /** 1 government, 2 state on its side, 3 rebel group, 4 state on the rebels' side, 5 second state, 6 pro-government militia. */
  actorType: smallint('actor_type'),
  location: text('location'),
  /** Gleditsch-Ward codes of the locations (gwnoloc, gwnoloc2, ...; 0 and blanks left out). */
  gwno: text('gwno').array().notNull().default(sql`'{}'::text[]`),
  conflictYear: smallint('conflict_year'),
  interim: smallint('interim'),
  postConflict: smallint('post_conflict'),
  statePrev: smallint('state_prev'),
  aiPrev: smallint('ai_prev'),
  hrwPrev: smallint('hrw_prev'),
  /** SVAC only: prevalence against children. */
  childPrev: smallint('child_prev'),
  /** SVAC: the forms reported (null: no report); RSVAC: the row's one form. shared/reference.ts REFERENCE_FORMS. */
  forms: text('forms').array(),
  /** RSVAC only: multiple-perpetrator incidents, 0-2. */
  multiplePerpetrators: smallint('multiple_perpetrators'),
}, (t) => [
  primaryKey({ columns: [t.versionId, t.rowNumber] }),
  index('reference_rows_actor_idx').on(t.versionId, t.actorKey),
]);

/**
 * An organisation's decision about one actor of the datasets (by its key, so it holds across versions): the
 * party it is, or that the registry has no such party. Restricted organisation data; undone by deletion
 * (the audit log keeps both).
 */
export const referenceActorDecisions = pgTable('reference_actor_decisions', {
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  actorKey: text('actor_key').notNull(),
  /** The actor's name as the datasets write it (for the list). */
  actor: text('actor').notNull(),
  partyId: uuid('party_id').references(() => parties.id),
  /** not_in_registry, when there is no party. */
  choice: text('choice'),
  decidedBy: uuid('decided_by').notNull().references(() => users.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.organisationId, t.actorKey] }), index('reference_actor_decisions_party_idx').on(t.partyId)]);
