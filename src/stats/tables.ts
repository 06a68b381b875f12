/**
 * The analysis engine's fact table: one row per counted incident and violation, a projection of the record
 * kept in step by database triggers in the writer's own transaction (migration 0024: `stat_sync`), so a
 * recorded or decided incident is in the figures the moment it is committed. Restricted data (no
 * identifying field: places only to admin 2, parties, forms, tallies, kinds of source organisation).
 *
 * Which records have rows is a counting rule (src/stats/rules.ts, COUNTED_RECORDS): never a soft-deleted
 * record; a linked duplicate only through its canonical record. Everything else the rules choose (unit,
 * date, status, track) is applied when counting, from these columns.
 */
import { bigserial, boolean, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from '../identity/tables.ts';


export const statFacts = pgTable('stat_facts', {
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  incidentId: uuid('incident_id').notNull(),
  /** The violation's position in the record (0 for a record without violations). */
  position: smallint('position').notNull(),
  /** The first violation of its track (CRSV, or exploitation and abuse): the incident and its victims are counted on this row. */
  first: boolean('first').notNull(),
  occurred: date('occurred', { mode: 'string' }).notNull(),
  occurredTo: date('occurred_to', { mode: 'string' }),
  recorded: date('recorded', { mode: 'string' }).notNull(),
  decided: date('decided', { mode: 'string' }),
  form: text('form').notNull(),
  status: text('status').notNull(),
  /** Verified after the quarter in which the incident ended. */
  late: boolean('late').notNull(),
  /** How four eyes was met for the decision (recorder_justified figures say so). */
  decisionRoute: text('decision_route'),
  country: text('country').notNull(),
  admin1: text('admin1'),
  admin2: text('admin2'),
  setting: text('setting'),
  /** Registry party ids as text, or the pseudo codes of shared/stats.ts (never empty). */
  parties: text('parties').array().notNull(),
  partyCategories: text('party_categories').array().notNull(),
  sourceOrgs: text('source_orgs').array().notNull(),
  /** The survivor's consent allows figures that leave the organisation. */
  consentOutside: boolean('consent_outside').notNull(),
  createdBy: uuid('created_by').notNull(),
  assignedTo: uuid('assigned_to').array().notNull(),
  countUnknown: boolean('count_unknown').notNull(),
  /** The incident's tally (distinct victims). */
  iWomen: integer('i_women').notNull(),
  iGirls: integer('i_girls').notNull(),
  iMen: integer('i_men').notNull(),
  iBoys: integer('i_boys').notNull(),
  iUnknown: integer('i_unknown').notNull(),
  /** The violation's tally (victims of this form; may be empty when counted under another form). */
  vWomen: integer('v_women').notNull(),
  vGirls: integer('v_girls').notNull(),
  vMen: integer('v_men').notNull(),
  vBoys: integer('v_boys').notNull(),
  vUnknown: integer('v_unknown').notNull(),
}, (t) => [
  primaryKey({ columns: [t.incidentId, t.position] }),
  index('stat_facts_org_occurred_idx').on(t.organisationId, t.occurred),
  index('stat_facts_org_created_by_idx').on(t.organisationId, t.createdBy),
  index('stat_facts_parties_idx').using('gin', t.parties),
  // The rollup job and the months it has not summed yet are read by the other two dates too.
  index('stat_facts_org_recorded_idx').on(t.organisationId, t.recorded),
  index('stat_facts_org_decided_idx').on(t.organisationId, t.decided),
]);

/**
 * The protected tier's published snapshots: one per organisation, release and day, computed at the first
 * request of the day and served unchanged until the next (with the threshold of that moment), over closed
 * quarters only. Figures that change with every write could be differenced write by write to isolate one
 * record; a daily snapshot of closed periods leaves far less to compare (docs/ANALYSIS.md, Limits).
 */
export const statReleases = pgTable('stat_releases', {
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  release: text('release').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  /** The last day counted: the end of the last quarter closed on `day`. */
  through: date('through', { mode: 'string' }).notNull(),
  threshold: integer('threshold').notNull(),
  protectZeros: boolean('protect_zeros').notNull(),
  /** The protected tables as served (ProtectedTableOut[]) and the registry parties they name. */
  tables: jsonb('tables').notNull(),
  partyIds: text('party_ids').array().notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.organisationId, t.release, t.day] })]);

/**
 * Rollups: `stat_facts` summed by month for each date basis, in slices of two or three dimensions
 * (ROLLUP_SLICES in rollups.ts), so a figure sums a few thousand rows instead of a million. Derived data
 * only, rebuilt month by month by the rollup job (rollups.ts) from the facts; a month whose facts changed
 * since (listed in `stat_dirty`) is read from the facts instead, so figures are exact at once either way.
 * The dimensions a slice does not keep are null; measures add up over months and rows. Restricted data, like
 * the facts: sums of their restricted fields, nothing identifying; exact, so served only to the restricted tier.
 */
export const statRollup = pgTable('stat_rollup', {
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  /** occurred | recorded | decided: which date `month` is the month of. */
  basis: text('basis').notNull(),
  month: date('month', { mode: 'string' }).notNull(),
  slice: text('slice').notNull(),
  /** The separate track (exploitation and abuse by UN or humanitarian personnel), kept by every slice. */
  sea: boolean('sea').notNull(),
  /** The status scopes, kept by every slice: counted as reported (all but "found not to have occurred"), verified. */
  counted: boolean('counted').notNull(),
  verified: boolean('verified').notNull(),
  country: text('country').notNull(),
  /**
   * Kept by the slices the protected releases read (null in the others): the survivors' consent allows
   * figures that leave the organisation. Protected releases sum only these rows; the restricted tier sums both.
   */
  outside: boolean('outside'),
  status: text('status'),
  form: text('form'),
  late: boolean('late'),
  admin1: text('admin1'),
  admin2: text('admin2'),
  setting: text('setting'),
  party: text('party'),
  /** The victims slice only: the categories of victim the incident has, a bit each (rollups.ts, VICTIMS_MASK). */
  victims: smallint('victims'),
  /** The units slice only: the party is at the top of its hierarchy (an army, not one of its brigades). */
  top: boolean('top'),
  /** Fact rows (violations). */
  violations: integer('violations').notNull(),
  /** Fact rows that are the first of their track in their incident (incidents). */
  incidents: integer('incidents').notNull(),
  /** Fact rows that are the first of their form in their incident (incidents counted per form). */
  formIncidents: integer('form_incidents').notNull(),
  selfIncidents: integer('self_incidents').notNull(),
  selfFormIncidents: integer('self_form_incidents').notNull(),
  /** The incidents' tallies, summed over first rows only. */
  iWomen: integer('i_women').notNull(),
  iGirls: integer('i_girls').notNull(),
  iMen: integer('i_men').notNull(),
  iBoys: integer('i_boys').notNull(),
  iUnknown: integer('i_unknown').notNull(),
  vWomen: integer('v_women').notNull(),
  vGirls: integer('v_girls').notNull(),
  vMen: integer('v_men').notNull(),
  vBoys: integer('v_boys').notNull(),
  vUnknown: integer('v_unknown').notNull(),
}, (t) => [index('stat_rollup_lookup_idx').on(t.organisationId, t.basis, t.slice, t.month)]);

/**
 * Months whose facts changed since the rollup job last summed them: appended by a trigger on `stat_facts` in
 * the writer's transaction (an insert, never an update, so concurrent writers never wait on each other),
 * removed by the job once the month is summed again. Restricted (which months of an organisation changed).
 */
export const statDirty = pgTable('stat_dirty', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  organisationId: uuid('organisation_id').notNull(),
  basis: text('basis').notNull(),
  month: date('month', { mode: 'string' }).notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('stat_dirty_org_idx').on(t.organisationId, t.basis, t.month)]);
