/**
 * Rollups: the facts summed by month, so a dashboard figure over a million incidents sums thousands of rows.
 * - Slices (ROLLUP_SLICES): each keeps the month, the track, the status scope and the country, and one to three
 *   more dimensions; those the protected releases read also keep whether consent allows figures beyond the
 *   organisation (the others sum both, so the dashboard's slices stay as small as they were); kept narrow on purpose, since a slice's size is the product of its dimensions' values.
 * - The plan (`rollupPlan`, pure): the smallest slice that answers a request exactly, or none. Figures the
 *   rollups cannot give exactly (a monitor's own records, source organisations, party categories, the party
 *   hierarchy rolled up for a breakdown by party and a party filter at once, incidents of several forms or
 *   parties at once, dimensions no slice keeps together) are counted from the facts, as before.
 * - A party moved in the hierarchy lists every month again (migration 0027's trigger on `parties`).
 * - The job (`refreshRollups`): sums again every month listed in `stat_dirty`, in one repeatable-read
 *   transaction, so the months it removes from the list are exactly those it summed; a month changed while
 *   it runs stays listed for the next run. The engine reads listed months from the facts, so figures are
 *   exact at once and the job only decides how fast they come.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import type { JobDefinition } from '../platform/capability.ts';
import type { IncidentScope } from '../policy/policy.ts';
import type { CountingChoice, StatDateBasis, StatDimension, StatFilters } from '../shared/stats.ts';
import { STAT_DATE_BASES } from '../shared/stats.ts';
import { VICTIM_CATEGORIES, type VictimCategory } from '../shared/taxonomy.ts';

/** Dimensions a slice may keep beyond month, track, status scope and country (the order of GROUPING()'s bits; consent is a slice's own). */
const OPTIONAL = ['status', 'form', 'late', 'admin1', 'admin2', 'setting', 'party', 'victims'] as const;
type Optional = (typeof OPTIONAL)[number];

/**
 * Smallest first: the plan takes the first that keeps every dimension a request needs. A slice of `units` has
 * a row per party named *and each party above it* (an incident naming a brigade is also under its army, once
 * even when it names two of its brigades), `top` marking the parties at the top of their hierarchy: it answers
 * figures with the hierarchy rolled up, and only those.
 */
export const ROLLUP_SLICES: readonly { name: string; keeps: readonly Optional[]; units?: true; consent?: true }[] = [
  { name: 'core', keeps: ['status', 'form', 'late'], consent: true },
  { name: 'admin1', keeps: ['admin1'], consent: true },
  { name: 'setting', keeps: ['setting'] },
  { name: 'party', keeps: ['party'] },
  { name: 'area', keeps: ['admin1', 'admin2'] },
  { name: 'form_setting', keeps: ['form', 'setting'] },
  { name: 'form_admin1', keeps: ['form', 'admin1'], consent: true },
  { name: 'form_party', keeps: ['form', 'party'] },
  // Which categories of victim the incident has (a bit each): incidents and violations with a victim category
  // as a filter (the victims release's few-incidents rule asks one per category), by region or not.
  { name: 'victims_admin1', keeps: ['victims', 'admin1'], consent: true },
  { name: 'form_party_units', keeps: ['form', 'party'], units: true, consent: true },
];
export type RollupSlice = string;

/** What every slice can answer. */
const ALWAYS: ReadonlySet<StatDimension> = new Set(['period', 'country', 'victimCategory']);

export interface RollupRequest {
  choice: CountingChoice;
  filters: StatFilters;
  by: readonly StatDimension[];
  scope: IncidentScope;
  /** Only records whose consent allows figures beyond the organisation: a slice that keeps consent. */
  outside?: boolean;
}

/** The slice that answers this request exactly, or null when only the facts can. */
export function rollupPlan(req: RollupRequest): RollupSlice | null {
  const { choice, filters, by, scope } = req;
  if (!scope.all) return null;
  if (filters.sourceOrg?.trim() || filters.partyCategory?.length) return null;
  // Incidents of any of several forms are distinct incidents, not a sum over forms.
  if (choice.unit === 'incidents' && !by.includes('form') && (filters.form?.length ?? 0) > 1) return null;
  const partyWanted = by.includes('party') || (filters.party?.length ?? 0) > 0;
  const units = partyWanted && choice.rollup;
  // Incidents naming any of several parties are counted once: only the facts know.
  if (!by.includes('party') && (filters.party?.length ?? 0) > 1) return null;
  // Rolled up, a breakdown by party is by the top of each hierarchy; a party filter is a party and what is
  // under it. Both at once is only in the facts.
  if (units && by.includes('party') && filters.party?.length) return null;
  const needs = new Set<Optional>();
  for (const d of by) {
    if (ALWAYS.has(d)) continue;
    if ((OPTIONAL as readonly string[]).includes(d)) needs.add(d as Optional);
    else return null;
  }
  if (filters.status?.length) needs.add('status');
  if (filters.form?.length) needs.add('form');
  if (filters.late !== undefined) needs.add('late');
  if (filters.admin1) needs.add('admin1');
  if (filters.admin2) needs.add('admin2');
  if (filters.setting?.length) needs.add('setting');
  if (filters.party?.length) needs.add('party');
  // A victim category filters incidents and violations by the categories their incident has.
  if (filters.victimCategory?.length && choice.unit !== 'victims') needs.add('victims');
  return ROLLUP_SLICES.find((s) => !!s.units === units && (!req.outside || s.consent) && [...needs].every((n) => s.keeps.includes(n)))?.name ?? null;
}

export const isUnitsSlice = (slice: RollupSlice): boolean => !!ROLLUP_SLICES.find((s) => s.name === slice)?.units;

/**
 * Each registry party and every party above it (itself included), `top` when that one has no parent. The
 * registry refuses cycles (parties/manage.ts); the depth bound is a second guard.
 */
export const PARTY_ANCESTORS = `WITH RECURSIVE chain(id, ancestor, depth) AS (
    SELECT id, id, 0 FROM parties
    UNION ALL SELECT c.id, p.parent_id, c.depth + 1 FROM chain c JOIN parties p ON p.id = c.ancestor WHERE p.parent_id IS NOT NULL AND c.depth < 20)
  SELECT c.id::text AS id, c.ancestor::text AS ancestor, p.parent_id IS NULL AS top FROM chain c JOIN parties p ON p.id = c.ancestor`;

/** The rows of a fact in a units slice: each party it names and each above, once; codes not in the registry as they are. */
export const UNITS_OF_FACT = (ancestors: string) => `CROSS JOIN LATERAL (SELECT DISTINCT coalesce(a.ancestor, x.code) AS code, coalesce(a.top, true) AS top
  FROM unnest(f.parties) x(code) LEFT JOIN ${ancestors} a ON a.id = x.code) u`;

// ---- The job ----

/** pg advisory lock: one rollup job at a time across processes. */
export const REFRESH_LOCK = 7_340_027;

const MEASURES = `count(*), count(*) FILTER (WHERE f.first), count(*) FILTER (WHERE f.first_form),
  count(*) FILTER (WHERE f.first AND f.decision_route = 'recorder_justified'), count(*) FILTER (WHERE f.first_form AND f.decision_route = 'recorder_justified'),
  coalesce(sum(f.i_women) FILTER (WHERE f.first), 0), coalesce(sum(f.i_girls) FILTER (WHERE f.first), 0), coalesce(sum(f.i_men) FILTER (WHERE f.first), 0),
  coalesce(sum(f.i_boys) FILTER (WHERE f.first), 0), coalesce(sum(f.i_unknown) FILTER (WHERE f.first), 0),
  sum(f.v_women), sum(f.v_girls), sum(f.v_men), sum(f.v_boys), sum(f.v_unknown)`;
const COLUMNS = `organisation_id, basis, month, slice, sea, counted, verified, country, outside, ${OPTIONAL.join(', ')}, top,
  violations, incidents, form_incidents, self_incidents, self_form_incidents, i_women, i_girls, i_men, i_boys, i_unknown, v_women, v_girls, v_men, v_boys, v_unknown`;

/**
 * The first fact of its form in its incident (incidents counted per form). A window over the facts of a
 * period: all facts of an incident share its dates, so a period holds all of them or none.
 */
export const FIRST_OF_FORM = 'row_number() OVER (PARTITION BY f.incident_id, f.form ORDER BY f.position) = 1';

/** The categories of victim a fact's incident has, a bit each in VICTIM_CATEGORIES' order. */
export const VICTIMS_MASK = `(${VICTIM_CATEGORIES.map((c, i) => `CASE WHEN f.i_${c} > 0 THEN ${1 << i} ELSE 0 END`).join(' + ')})::smallint`;

/** The bits of these categories (a fact has a victim in one of them when `victims & mask <> 0`). */
export const victimsMask = (categories: readonly VictimCategory[]): number =>
  VICTIM_CATEGORIES.reduce((m, c, i) => (categories.includes(c) ? m | (1 << i) : m), 0);

/** One INSERT for the slices without the party, one for those with it (a row per party named). */
function refreshSql(basis: StatDateBasis): SQL[] {
  const day = `f.${basis}`;
  const facts = `(SELECT f.*, f.form = 'sea_un_humanitarian' AS sea, f.status <> 'found_not_occurred' AS counted, f.status = 'verified' AS verified,
      date_trunc('month', ${day})::date AS month,
      ${FIRST_OF_FORM} AS first_form, ${VICTIMS_MASK} AS victims
    FROM stat_facts f JOIN stat_todo k ON k.organisation_id = f.organisation_id AND k.basis = '${basis}' AND ${day} >= k.month AND ${day} < (k.month + interval '1 month')::date) f`;
  const base = 'f.organisation_id, f.month, f.sea, f.counted, f.verified, f.country';
  const statement = (slices: typeof ROLLUP_SLICES, from: string, party: string, top = 'NULL::boolean') => {
    const column = (o: Optional) => (o === 'party' ? party : `f.${o}`);
    // Only dimensions some slice of this statement keeps are grouped; GROUPING() has a bit for each of them,
    // set when a grouping set leaves it out, which tells the slice of a row.
    const used = OPTIONAL.filter((o) => slices.some((x) => x.keeps.includes(o)));
    const mask = (keeps: readonly Optional[]) => used.reduce((m, o, i) => m | (keeps.includes(o) ? 0 : 1 << (used.length - 1 - i)), 0);
    const label = `CASE GROUPING(${used.map(column).join(', ')}) ${slices.map((x) => `WHEN ${mask(x.keeps)} THEN '${x.name}'`).join(' ')} END`;
    const extra = top === 'NULL::boolean' ? [] : [top];
    // Consent is kept by the slices the protected releases read (null in the others, which sum both).
    const sets = slices.map((x) => `(${[base, ...(x.consent ? ['f.consent_outside'] : []), ...x.keeps.map(column), ...extra].join(', ')})`).join(', ');
    const values = OPTIONAL.map((o) => (used.includes(o) ? column(o) : `NULL::${o === 'late' ? 'boolean' : o === 'victims' ? 'smallint' : 'text'}`));
    return sql`INSERT INTO stat_rollup (${sql.raw(COLUMNS)})
      SELECT f.organisation_id, ${basis}, f.month, ${sql.raw(label)}, f.sea, f.counted, f.verified, f.country, ${sql.raw(slices.some((x) => x.consent) ? 'f.consent_outside' : 'NULL::boolean')}, ${sql.raw(values.join(', '))}, ${sql.raw(top)}, ${sql.raw(MEASURES)}
      FROM ${sql.raw(from)}
      GROUP BY GROUPING SETS (${sql.raw(sets)})`;
  };
  return [
    statement(ROLLUP_SLICES.filter((s) => !s.keeps.includes('party')), facts, 'NULL::text'),
    statement(ROLLUP_SLICES.filter((s) => s.keeps.includes('party') && !s.units), `${facts} CROSS JOIN LATERAL unnest(f.parties) pty(code)`, 'pty.code'),
    statement(ROLLUP_SLICES.filter((s) => s.units), `${facts} ${UNITS_OF_FACT('stat_ancestors')}`, 'u.code', 'u.top'),
  ];
}

/**
 * Sums again the months whose facts changed (all of them, or the `maxMonths` listed first): returns how many
 * organisation-basis-months were summed, or `busy` when another run holds the lock.
 */
export async function refreshRollups(db: Db, opts: { maxMonths?: number } = {}): Promise<{ months: number; busy: boolean }> {
  const limit = opts.maxMonths !== undefined && Number.isFinite(opts.maxMonths) ? sql`LIMIT ${opts.maxMonths}` : sql``;
  return db.transaction(async (tx) => {
    const { rows: [lock] } = await tx.execute<{ ok: boolean }>(sql`SELECT pg_try_advisory_xact_lock(${REFRESH_LOCK}) AS ok`);
    if (!lock?.ok) return { months: 0, busy: true };
    // Most minutes nothing changed: say so without making the run's temporary tables.
    const { rows: [listed] } = await tx.execute<{ any: boolean }>(sql`SELECT EXISTS (SELECT 1 FROM stat_dirty) AS any`);
    if (!listed?.any) return { months: 0, busy: false };
    // One snapshot for the whole run (repeatable read): the months listed now are summed from the facts as
    // they are now, and only these listings are removed; a change committed meanwhile is listed anew.
    await tx.execute(sql`CREATE TEMP TABLE stat_todo ON COMMIT DROP AS
      SELECT organisation_id, basis, month FROM stat_dirty GROUP BY 1, 2, 3 ORDER BY min(id) ${limit}`);
    const { rows: [todo] } = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM stat_todo`);
    if (!todo?.n) return { months: 0, busy: false };
    await tx.execute(sql`CREATE TEMP TABLE stat_ancestors ON COMMIT DROP AS ${sql.raw(PARTY_ANCESTORS)}`);
    await tx.execute(sql`DELETE FROM stat_rollup r USING stat_todo k WHERE r.organisation_id = k.organisation_id AND r.basis = k.basis AND r.month = k.month`);
    for (const basis of STAT_DATE_BASES) for (const statement of refreshSql(basis)) await tx.execute(statement);
    await tx.execute(sql`DELETE FROM stat_dirty d USING stat_todo k WHERE d.organisation_id = k.organisation_id AND d.basis = k.basis AND d.month = k.month`);
    return { months: todo.n, busy: false };
  }, { isolationLevel: 'repeatable read' });
}

export const ROLLUP_QUEUE = 'stats.rollups';

/**
 * Months summed per run: at a million incidents a run of 36 took 36-40 s before the units slice; 24 took up to
 * 63 s with the units, consent and victims slices (docs/PERFORMANCE.md), so 16 keeps a run under a minute and a
 * first build or a large import is spread over a few minutes of short transactions.
 */
export const ROLLUP_MONTHS_PER_RUN = 16;

/** Every minute: months changed since the last run are summed again. */
export const rollupJob: JobDefinition<Record<string, never>> = {
  queue: ROLLUP_QUEUE,
  schedule: '* * * * *',
  work: async (ctx, _data, log) => {
    const t = performance.now();
    const done = await refreshRollups(ctx.db, { maxMonths: ROLLUP_MONTHS_PER_RUN });
    if (done.months > 0) log.info({ months: done.months, ms: Math.round(performance.now() - t) }, 'rollups refreshed');
  },
};
