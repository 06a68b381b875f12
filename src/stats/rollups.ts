/**
 * Rollups: the facts summed by month, so a dashboard figure over a million incidents sums thousands of rows.
 * - Slices (ROLLUP_SLICES): every slice keeps month, form, status, late, consent, country and admin 1; one adds
 *   admin 2, one the setting, one the party (a row per party named, as a breakdown by party counts them).
 * - The plan (`rollupPlan`, pure): whether a request can be answered from a slice, and which. Figures the
 *   rollups cannot give exactly (a monitor's own records, source organisations, party categories, the party
 *   hierarchy rolled up, incidents of several forms at once, a victim category as a filter on incidents) are
 *   counted from the facts, as before.
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

export const ROLLUP_SLICES = {
  core: [],
  area: ['admin2'],
  setting: ['setting'],
  party: ['party'],
} as const satisfies Record<string, readonly ('admin2' | 'setting' | 'party')[]>;
export type RollupSlice = keyof typeof ROLLUP_SLICES;

/** What every slice can answer: dimensions kept by all of them. */
const COMMON: ReadonlySet<StatDimension> = new Set(['period', 'form', 'status', 'country', 'admin1', 'victimCategory']);

export interface RollupRequest {
  choice: CountingChoice;
  filters: StatFilters;
  by: readonly StatDimension[];
  scope: IncidentScope;
}

/** The slice that answers this request exactly, or null when only the facts can. */
export function rollupPlan(req: RollupRequest): RollupSlice | null {
  const { choice, filters, by, scope } = req;
  if (!scope.all) return null;
  if (filters.sourceOrg?.trim() || filters.partyCategory?.length) return null;
  // A victim category filters incidents and violations by their tallies, row by row.
  if (filters.victimCategory?.length && choice.unit !== 'victims') return null;
  // Incidents of any of several forms are distinct incidents, not a sum over forms.
  if (choice.unit === 'incidents' && !by.includes('form') && (filters.form?.length ?? 0) > 1) return null;
  const partyWanted = by.includes('party') || (filters.party?.length ?? 0) > 0;
  // The hierarchy rolled up counts an incident naming two brigades of one army once: only the facts know.
  if (partyWanted && choice.rollup) return null;
  // Incidents naming any of several parties are counted once: only the facts know.
  if (!by.includes('party') && (filters.party?.length ?? 0) > 1) return null;
  const needs = new Set<'admin2' | 'setting' | 'party'>();
  for (const d of by) {
    if (COMMON.has(d)) continue;
    if (d === 'admin2' || d === 'setting' || d === 'party') needs.add(d);
    else return null;
  }
  if (filters.admin2) needs.add('admin2');
  if (filters.setting?.length) needs.add('setting');
  if (filters.party?.length) needs.add('party');
  if (needs.size > 1) return null;
  const [only] = [...needs];
  if (!only) return 'core';
  return only === 'admin2' ? 'area' : only;
}

// ---- The job ----

export const REFRESH_LOCK = 7_340_027; // pg advisory lock: one rollup job at a time across processes

const MEASURES = `count(*), count(*) FILTER (WHERE f.first), count(*) FILTER (WHERE f.first_form),
  count(*) FILTER (WHERE f.first AND f.decision_route = 'recorder_justified'), count(*) FILTER (WHERE f.first_form AND f.decision_route = 'recorder_justified'),
  coalesce(sum(f.i_women) FILTER (WHERE f.first), 0), coalesce(sum(f.i_girls) FILTER (WHERE f.first), 0), coalesce(sum(f.i_men) FILTER (WHERE f.first), 0),
  coalesce(sum(f.i_boys) FILTER (WHERE f.first), 0), coalesce(sum(f.i_unknown) FILTER (WHERE f.first), 0),
  sum(f.v_women), sum(f.v_girls), sum(f.v_men), sum(f.v_boys), sum(f.v_unknown)`;
const COLUMNS = `organisation_id, basis, month, slice, form, status, late, consent_outside, country, admin1, admin2, setting, party,
  violations, incidents, form_incidents, self_incidents, self_form_incidents, i_women, i_girls, i_men, i_boys, i_unknown, v_women, v_girls, v_men, v_boys, v_unknown`;

/** The first fact of its form in its incident (incidents counted per form): a look-up by the primary key. */
export const FIRST_OF_FORM = `NOT EXISTS (SELECT 1 FROM stat_facts g WHERE g.incident_id = f.incident_id AND g.position < f.position AND g.form = f.form)`;

function refreshSql(basis: StatDateBasis): SQL[] {
  const day = `f.${basis}`;
  const from = `(SELECT f.*, ${FIRST_OF_FORM} AS first_form, date_trunc('month', ${day})::date AS month
    FROM stat_facts f JOIN stat_todo k ON k.organisation_id = f.organisation_id AND k.basis = '${basis}' AND ${day} >= k.month AND ${day} < (k.month + interval '1 month')::date) f`;
  const keys = 'f.organisation_id, f.month, f.form, f.status, f.late, f.consent_outside, f.country, f.admin1';
  return [
    sql`INSERT INTO stat_rollup (${sql.raw(COLUMNS)})
      SELECT f.organisation_id, ${basis}, f.month,
        CASE WHEN GROUPING(f.admin2) = 0 THEN 'area' WHEN GROUPING(f.setting) = 0 THEN 'setting' ELSE 'core' END,
        f.form, f.status, f.late, f.consent_outside, f.country, f.admin1, f.admin2, f.setting, NULL, ${sql.raw(MEASURES)}
      FROM ${sql.raw(from)}
      GROUP BY GROUPING SETS ((${sql.raw(keys)}), (${sql.raw(keys)}, f.admin2), (${sql.raw(keys)}, f.setting))`,
    sql`INSERT INTO stat_rollup (${sql.raw(COLUMNS)})
      SELECT f.organisation_id, ${basis}, f.month, 'party', f.form, f.status, f.late, f.consent_outside, f.country, f.admin1, NULL, NULL, pty.code, ${sql.raw(MEASURES)}
      FROM ${sql.raw(from)} CROSS JOIN LATERAL unnest(f.parties) pty(code)
      GROUP BY ${sql.raw(keys)}, pty.code`,
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
    // One snapshot for the whole run (repeatable read): the months listed now are summed from the facts as
    // they are now, and only these listings are removed; a change committed meanwhile is listed anew.
    await tx.execute(sql`CREATE TEMP TABLE stat_todo ON COMMIT DROP AS
      SELECT organisation_id, basis, month FROM stat_dirty GROUP BY 1, 2, 3 ORDER BY min(id) ${limit}`);
    const { rows: [todo] } = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM stat_todo`);
    if (!todo?.n) return { months: 0, busy: false };
    await tx.execute(sql`DELETE FROM stat_rollup r USING stat_todo k WHERE r.organisation_id = k.organisation_id AND r.basis = k.basis AND r.month = k.month`);
    for (const basis of STAT_DATE_BASES) for (const statement of refreshSql(basis)) await tx.execute(statement);
    await tx.execute(sql`DELETE FROM stat_dirty d USING stat_todo k WHERE d.organisation_id = k.organisation_id AND d.basis = k.basis AND d.month = k.month`);
    return { months: todo.n, busy: false };
  }, { isolationLevel: 'repeatable read' });
}

export const ROLLUP_QUEUE = 'stats.rollups';

/** Every minute: months changed since the last run are summed again (a large import's hundreds in one go). */
export const rollupJob: JobDefinition<Record<string, never>> = {
  queue: ROLLUP_QUEUE,
  schedule: '* * * * *',
  work: async (ctx, _data, log) => {
    const t = performance.now();
    const done = await refreshRollups(ctx.db, { maxMonths: 2000 });
    if (done.months > 0) log.info({ months: done.months, ms: Math.round(performance.now() - t) }, 'rollups refreshed');
  },
};
