/**
 * The aggregation engine: every figure in Salama is a `count` over `stat_facts` (dashboards, the party page,
 * protected releases, statistics exports, and later reports and federation). One SQL statement per figure,
 * assembled from the counting rules (rules.ts) and the breakdowns asked for; values are always parameters.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../platform/db/database.ts';
import type { IncidentScope } from '../policy/policy.ts';
import type { CountingChoice, PeriodGrain, StatDimension, StatFilters } from '../shared/stats.ts';
import { NOT_KNOWN, STAT_MAX_ROWS } from '../shared/stats.ts';
import { badRequest } from '../platform/http/errors.ts';
import { VICTIM_CATEGORIES, type VictimCategory } from '../shared/taxonomy.ts';
import { choiceRollupSql, choiceSql, DATE_COLUMN, NOT_COUNTED_AS_REPORTED, SEA_FORM, tallySql, victimsPerViolation } from './rules.ts';
import { FIRST_OF_FORM, isUnitsSlice, PARTY_ANCESTORS, ROLLUP_SLICES, rollupPlan, UNITS_OF_FACT, VICTIMS_MASK, victimsMask, type RollupSlice } from './rollups.ts';

export interface CountRequest {
  choice: CountingChoice;
  filters: StatFilters;
  by: readonly StatDimension[];
  /** The period's grain; `day` is the engine's own (early warning's daily series), never the API's, and always read from the facts. */
  grain: EngineGrain;
  /** Whose records: a coordinator's whole organisation, or a monitor's own and assigned ones. */
  scope: IncidentScope;
  /** Only records whose consent allows figures that leave the organisation. */
  outside?: boolean;
}

export interface CountRow { key: string[]; value: number }
export interface CountResult { rows: CountRow[]; total: number; selfDecided: number }

export type EngineGrain = PeriodGrain | 'day';
const PERIOD_FORMAT: Record<EngineGrain, string> = { day: 'YYYY-MM-DD', month: 'YYYY-MM', quarter: 'YYYY-"Q"Q', year: 'YYYY' };

/**
 * The parties' hierarchy: each party, the top of its chain of parents (a brigade's army) and the chain itself
 * (as text, so pseudo codes compare without a cast).
 */
const ROOTS = sql.raw(`WITH RECURSIVE roots(id, root, path, depth) AS (
  SELECT id, id, ARRAY[id::text], 0 FROM parties WHERE parent_id IS NULL
  UNION ALL SELECT p.id, r.root, r.path || p.id::text, r.depth + 1 FROM parties p JOIN roots r ON p.parent_id = r.id WHERE r.depth < 20)`);

function dimensionSql(d: StatDimension, grain: EngineGrain, date: string): SQL {
  switch (d) {
    case 'period': return sql.raw(`to_char(${date}, '${PERIOD_FORMAT[grain]}')`);
    case 'form': return sql.raw('f.form');
    case 'status': return sql.raw('f.status');
    case 'country': return sql.raw('f.country');
    case 'admin1': return sql.raw(`coalesce(f.admin1, '${NOT_KNOWN}')`);
    case 'admin2': return sql.raw(`coalesce(f.admin2, '${NOT_KNOWN}')`);
    case 'setting': return sql.raw(`coalesce(f.setting, '${NOT_KNOWN}')`);
    case 'party': return sql.raw('pty.code');
    case 'partyCategory': return sql.raw('pc.code');
    case 'sourceOrg': return sql.raw('so.code');
    case 'victimCategory': return sql.raw('vc.code');
  }
}

function lateralSql(d: StatDimension, rollup: boolean, tally: (cs: readonly VictimCategory[]) => string): SQL | null {
  switch (d) {
    case 'party': return rollup
      ? sql.raw('CROSS JOIN LATERAL (SELECT DISTINCT coalesce(r.root::text, x.code) AS code FROM unnest(f.parties) x(code) LEFT JOIN roots r ON r.id::text = x.code) pty')
      : sql.raw('CROSS JOIN LATERAL unnest(f.parties) pty(code)');
    case 'partyCategory': return sql.raw('CROSS JOIN LATERAL unnest(f.party_categories) pc(code)');
    case 'sourceOrg': return sql.raw(`CROSS JOIN LATERAL unnest(CASE WHEN cardinality(f.source_orgs) = 0 THEN ARRAY['not_recorded'] ELSE f.source_orgs END) so(code)`);
    case 'victimCategory':
      return sql.raw(`CROSS JOIN LATERAL (VALUES ${VICTIM_CATEGORIES.map((c) => `('${c}', ${tally([c])})`).join(', ')}) vc(code, n)`);
    // Single-valued: a column of the fact row, no lateral.
    case 'period': case 'form': case 'status': case 'country': case 'admin1': case 'admin2': case 'setting': return null;
  }
}

function scopeSql(scope: IncidentScope): SQL {
  if (scope.all) return sql`f.organisation_id = ${scope.organisationId}`;
  const own = sql`f.created_by = ${scope.createdBy}`;
  return scope.orAssignedTo
    ? sql`f.organisation_id = ${scope.organisationId} AND (${own} OR ${scope.createdBy}::uuid = ANY(f.assigned_to))`
    : sql`f.organisation_id = ${scope.organisationId} AND ${own}`;
}

/** A list as one SQL text array of parameters (drizzle would otherwise spread it into a list). */
const textArray = (xs: readonly string[]): SQL => sql`ARRAY[${sql.join(xs.map((x) => sql`${x}`), sql`, `)}]::text[]`;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterSql(f: StatFilters, date: string, rollup: boolean, unit: CountingChoice['unit']): SQL[] {
  const where: SQL[] = [sql.raw(`${date} IS NOT NULL`)];
  if (f.from) where.push(sql`${sql.raw(date)} >= ${f.from}`);
  if (f.to) where.push(sql`${sql.raw(date)} <= ${f.to}`);
  if (f.form?.length) where.push(sql`f.form = ANY(${textArray(f.form)})`);
  if (f.status?.length) where.push(sql`f.status = ANY(${textArray(f.status)})`);
  if (f.party?.length) {
    where.push(rollup
      ? sql`f.parties && ARRAY(SELECT r.id::text FROM roots r WHERE r.path && ${textArray(f.party)} UNION SELECT unnest(${textArray(f.party)}))`
      : sql`f.parties && ${textArray(f.party)}`);
  }
  if (f.partyCategory?.length) where.push(sql`f.party_categories && ${textArray(f.partyCategory)}`);
  if (f.country) where.push(sql`f.country = ${f.country}`);
  if (f.admin1) where.push(sql`f.admin1 = ${f.admin1}`);
  if (f.admin2) where.push(sql`f.admin2 = ${f.admin2}`);
  if (f.setting?.length) where.push(sql`f.setting = ANY(${textArray(f.setting)})`);
  if (f.sourceOrg?.trim()) where.push(sql`EXISTS (SELECT 1 FROM unnest(f.source_orgs) o WHERE o ILIKE ${`%${likeEscape(f.sourceOrg.trim())}%`})`);
  if (f.late !== undefined) where.push(sql`f.late = ${f.late}`);
  // For victims the categories choose what is summed; for incidents and violations, records counting any.
  if (f.victimCategory?.length && unit !== 'victims') where.push(sql.raw(`(${f.victimCategory.map((c) => `f.i_${c} > 0`).join(' OR ')})`));
  return where;
}

/**
 * The incidents a figure with these filters counts (each once), newest first, at most `limit`: for the map's
 * points, which the caller opens one by one with the reader's rights.
 */
export async function countedIncidents(db: DbOrTx, req: Omit<CountRequest, 'by' | 'grain'>, limit: number): Promise<{ ids: string[]; total: number }> {
  const { choice, filters } = req;
  const date = DATE_COLUMN[choice.date];
  const needsRoots = choice.rollup && (filters.party?.length ?? 0) > 0;
  const where = sql.join([
    // Incidents, whatever the figure's unit: a victim category keeps those with a victim in it.
    scopeSql(req.scope), sql.raw(choiceSql(choice)), ...filterSql(filters, date, choice.rollup, 'incidents'),
    ...(req.outside ? [sql.raw('f.consent_outside')] : []),
  ], sql` AND `);
  const body = sql`SELECT f.incident_id AS id, max(${sql.raw(date)}) AS d, count(*) OVER () AS total FROM stat_facts f WHERE ${where}
    GROUP BY f.incident_id ORDER BY d DESC, f.incident_id LIMIT ${limit}`;
  const { rows } = await db.execute<{ id: string; total: string }>(needsRoots ? sql`${ROOTS} ${body}` : body);
  return { ids: rows.map((r) => r.id), total: Number(rows[0]?.total ?? 0) };
}

/** The figure: one value per combination of the dimensions' codes (cells with nothing are left out), and the total. */
export async function count(db: DbOrTx, req: CountRequest): Promise<CountResult> {
  // Days are finer than the rollups' months.
  const slice = req.grain === 'day' && req.by.includes('period') ? null : rollupPlan(req);
  if (slice) {
    const totalsSlice = rollupPlan({ ...req, by: [] });
    if (totalsSlice) return countFromRollups(db, req, slice, totalsSlice);
  }
  return countFromFacts(db, req);
}

/** The figure from the facts alone (what the rollups must equal; also the path for what no slice answers). */
export async function countFromFacts(db: DbOrTx, req: CountRequest): Promise<CountResult> {
  const { choice, filters, by, grain } = req;
  const date = DATE_COLUMN[choice.date];
  const perViolation = victimsPerViolation(by, filters);
  const categories = filters.victimCategory?.length ? VICTIM_CATEGORIES.filter((c) => filters.victimCategory!.includes(c)) : VICTIM_CATEGORIES;
  const tally = (cs: readonly VictimCategory[]) => tallySql(perViolation, cs.filter((c) => categories.includes(c)));
  const needsRoots = choice.rollup && (by.includes('party') || (filters.party?.length ?? 0) > 0);

  const where: SQL[] = [
    scopeSql(req.scope), sql.raw(choiceSql(choice)), ...filterSql(filters, date, choice.rollup, choice.unit),
    ...(req.outside ? [sql.raw('f.consent_outside')] : []),
  ];
  const whereSql = sql.join(where, sql` AND `);
  const measure = (withVictimCategory: boolean): SQL => {
    if (choice.unit === 'violations') return sql.raw('count(*)');
    if (choice.unit === 'incidents') return sql.raw(perViolation ? 'count(DISTINCT f.incident_id)' : 'count(*) FILTER (WHERE f.first)');
    const victims = withVictimCategory ? 'vc.n' : `(${tally(VICTIM_CATEGORIES)})`;
    return sql.raw(perViolation ? `coalesce(sum(${victims}), 0)` : `coalesce(sum(${victims}) FILTER (WHERE f.first), 0)`);
  };
  const withRoots = (body: SQL) => (needsRoots ? sql`${ROOTS} ${body}` : body);

  const dims = by.map((d) => dimensionSql(d, grain, date));
  const laterals = by.map((d) => lateralSql(d, choice.rollup, tally)).filter((l): l is SQL => l !== null);
  const selects = dims.map((d, i) => sql`${d} AS ${sql.raw(`d${i}`)}`);
  const grouped = by.length === 0 ? null : withRoots(sql`
    SELECT ${sql.join([...selects, sql`${measure(by.includes('victimCategory'))}::bigint AS value`], sql`, `)}
    FROM stat_facts f ${sql.join(laterals, sql` `)}
    WHERE ${whereSql}
    GROUP BY ${sql.join(by.map((_, i) => sql.raw(String(i + 1))), sql`, `)}
    LIMIT ${STAT_MAX_ROWS + 1}`);
  const self = perViolation ? 'count(DISTINCT f.incident_id) FILTER (WHERE f.decision_route = \'recorder_justified\')' : 'count(*) FILTER (WHERE f.first AND f.decision_route = \'recorder_justified\')';
  const totals = withRoots(sql`SELECT ${measure(false)}::bigint AS value, ${sql.raw(self)}::bigint AS self FROM stat_facts f WHERE ${whereSql}`);

  return runFigure(db, by, grouped, totals);
}

// ---- The same figures from the rollups (rollups.ts), for the months they hold ----

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const monthStart = (d: string) => `${d.slice(0, 7)}-01`;
const nextMonth = (d: string) => {
  const t = new Date(`${monthStart(d)}T00:00:00Z`);
  return isoDay(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1));
};

/**
 * Which days come from the facts and which months from the rollups: the rollups hold whole months the job has
 * summed since their last change; the facts give the rest of the period asked for (a part-month at either
 * end, and the months changed since the job last ran). Ranges are [from, to) and never overlap.
 */
export function splitPeriod(from: string | undefined, to: string | undefined, dirtyMonths: readonly string[]):
  { rollupFrom: string | null; rollupTo: string | null; factRanges: [string | null, string | null][] } {
  const end = to === undefined ? null : isoDay(Date.parse(`${to}T00:00:00Z`) + DAY); // exclusive
  let rollupFrom = from === undefined ? null : from.endsWith('-01') ? from : nextMonth(from);
  let rollupTo = end === null ? null : monthStart(end);
  const ranges: [string | null, string | null][] = [];
  if (rollupFrom !== null && rollupTo !== null && rollupTo <= rollupFrom) {
    // No whole month inside: all from the facts.
    ranges.push([from ?? null, end]);
    rollupFrom = rollupTo = from ?? null;
  } else {
    if (from !== undefined && rollupFrom !== from) ranges.push([from, rollupFrom]);
    if (end !== null && rollupTo !== end) ranges.push([rollupTo, end]);
    for (const m of dirtyMonths) {
      const a = from !== undefined && m < from ? from : m;
      const b = end !== null && nextMonth(m) > end ? end : nextMonth(m);
      if (a < b) ranges.push([a, b]);
    }
  }
  // The union of the ranges (a changed month may overlap a part-month at an end): no day counted twice.
  ranges.sort((x, y) => ((x[0] ?? '') < (y[0] ?? '') ? -1 : (x[0] ?? '') > (y[0] ?? '') ? 1 : 0));
  const merged: [string | null, string | null][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && (last[1] === null || (r[0] !== null && r[0] <= last[1]))) {
      if (last[1] !== null && (r[1] === null || r[1] > last[1])) last[1] = r[1];
    } else merged.push([r[0], r[1]]);
  }
  return { rollupFrom, rollupTo, factRanges: merged };
}

const ROLLUP_MEASURES = ['violations', 'incidents', 'form_incidents', 'self_incidents', 'self_form_incidents',
  ...VICTIM_CATEGORIES.map((c) => `i_${c}`), ...VICTIM_CATEGORIES.map((c) => `v_${c}`)] as const;
const ROLLUP_SHAPE = `month, sea, counted, verified, country, outside, status, form, late, admin1, admin2, setting, victims, party, top, ${ROLLUP_MEASURES.join(', ')}`;

/** The rollup rows and the fact rows of the days the rollups do not hold, in one shape (alias f). */
function rollupSource(req: CountRequest, slice: RollupSlice, dirty: readonly string[]): SQL {
  const { choice, filters, scope } = req;
  const { rollupFrom, rollupTo, factRanges } = splitPeriod(filters.from, filters.to, dirty);
  const rollupWhere: SQL[] = [sql`r.organisation_id = ${scope.organisationId}`, sql`r.basis = ${choice.date}`, sql`r.slice = ${slice}`];
  if (rollupFrom !== null) rollupWhere.push(sql`r.month >= ${rollupFrom}::date`);
  if (rollupTo !== null) rollupWhere.push(sql`r.month < ${rollupTo}::date`);
  if (dirty.length) rollupWhere.push(sql`NOT (r.month = ANY(${textArray(dirty)}::date[]))`);
  const fromRollups = sql`SELECT ${sql.raw(ROLLUP_SHAPE.split(', ').map((c) => `r.${c}`).join(', '))} FROM stat_rollup r WHERE ${sql.join(rollupWhere, sql` AND `)}`;
  const empty = rollupFrom !== null && rollupTo !== null && rollupTo <= rollupFrom;
  const alias = sql.raw(`f(${ROLLUP_SHAPE})`);
  if (factRanges.length === 0) return sql`(${fromRollups}) ${alias}`;
  const date = DATE_COLUMN[choice.date];
  const ranges = sql.join(factRanges.map(([a, b]) => sql`(${sql.join([
    ...(a === null ? [] : [sql`${sql.raw(date)} >= ${a}::date`]), ...(b === null ? [] : [sql`${sql.raw(date)} < ${b}::date`]), sql.raw(`${date} IS NOT NULL`),
  ], sql` AND `)})`), sql` OR `);
  const party = ROLLUP_SLICES.find((s) => s.name === slice)!.keeps.includes('party');
  const units = isUnitsSlice(slice);
  // The first fact of its form in its incident, worked out before a row per party is made.
  const fromFacts = sql`SELECT date_trunc('month', ${sql.raw(date)})::date, f.form = '${sql.raw(SEA_FORM)}', f.status <> '${sql.raw(NOT_COUNTED_AS_REPORTED)}', f.status = 'verified',
    f.country, f.consent_outside, f.status, f.form, f.late, f.admin1, f.admin2, f.setting, ${sql.raw(VICTIMS_MASK)},
    ${sql.raw(units ? 'u.code, u.top' : party ? 'pty.code, NULL::boolean' : 'NULL::text, NULL::boolean')}, 1, f.first::int, f.first_form::int,
    (f.first AND f.decision_route = 'recorder_justified')::int, (f.first_form AND f.decision_route = 'recorder_justified')::int,
    ${sql.raw(VICTIM_CATEGORIES.map((c) => `CASE WHEN f.first THEN f.i_${c} ELSE 0 END`).join(', '))}, ${sql.raw(VICTIM_CATEGORIES.map((c) => `f.v_${c}`).join(', '))}
    FROM (SELECT f.*, ${sql.raw(FIRST_OF_FORM)} AS first_form FROM stat_facts f WHERE f.organisation_id = ${scope.organisationId} AND (${ranges})) f
    ${sql.raw(units ? UNITS_OF_FACT('stat_ancestors') : party ? 'CROSS JOIN LATERAL unnest(f.parties) pty(code)' : '')}`;
  return empty ? sql`(${fromFacts}) ${alias}` : sql`(${fromRollups} UNION ALL ${fromFacts}) ${alias}`;
}

/** The counting choice, consent when the figure leaves the organisation, and the filters other than the period, over the rollup shape. */
function rollupWhereSql(choice: CountingChoice, f: StatFilters, outside: boolean): SQL {
  const where: SQL[] = [sql.raw(choiceRollupSql(choice))];
  if (outside) where.push(sql.raw('f.outside'));
  if (f.form?.length) where.push(sql`f.form = ANY(${textArray(f.form)})`);
  if (f.status?.length) where.push(sql`f.status = ANY(${textArray(f.status)})`);
  if (f.party?.length) where.push(sql`f.party = ANY(${textArray(f.party)})`);
  if (f.country) where.push(sql`f.country = ${f.country}`);
  if (f.admin1) where.push(sql`f.admin1 = ${f.admin1}`);
  if (f.admin2) where.push(sql`f.admin2 = ${f.admin2}`);
  if (f.setting?.length) where.push(sql`f.setting = ANY(${textArray(f.setting)})`);
  if (f.late !== undefined) where.push(sql`f.late = ${f.late}`);
  // For victims the categories choose what is summed; for incidents and violations, those whose incident has any.
  if (f.victimCategory?.length && choice.unit !== 'victims') where.push(sql.raw(`(f.victims & ${victimsMask(f.victimCategory)}) <> 0`));
  return sql.join(where, sql` AND `);
}

/** The column of a dimension in the rollup shape (period: the month). */
const ROLLUP_COLUMN: Partial<Record<StatDimension, string>> = {
  period: 'month', form: 'form', status: 'status', country: 'country', admin1: 'admin1', admin2: 'admin2', setting: 'setting', party: 'party',
};

async function countFromRollups(db: DbOrTx, req: CountRequest, slice: RollupSlice, totalsSlice: RollupSlice): Promise<CountResult> {
  const { choice, filters, by, grain } = req;
  const perViolation = victimsPerViolation(by, filters);
  const categories = filters.victimCategory?.length ? VICTIM_CATEGORIES.filter((c) => filters.victimCategory!.includes(c)) : VICTIM_CATEGORIES;
  const prefix = perViolation ? 'v' : 'i';
  // Incidents counted per form when the figure is about forms (each incident once per form, as the facts count them).
  const measure = (formish: boolean, withVictimCategory: boolean): string => {
    if (choice.unit === 'violations') return 'sum(f.violations)';
    if (choice.unit === 'incidents') return formish ? 'sum(f.form_incidents)' : 'sum(f.incidents)';
    return withVictimCategory ? 'sum(vc.n)' : `sum(${categories.map((c) => `f.${prefix}_${c}`).join(' + ') || '0'})`;
  };
  const formFiltered = (filters.form?.length ?? 0) > 0;
  const where = rollupWhereSql(choice, filters, req.outside === true);
  // Rolled up by party: the rows of the parties at the top of their hierarchy.
  const groupedWhere = isUnitsSlice(slice) && by.includes('party') ? sql`${where} AND f.top` : where;
  // The parties' hierarchy, for the months a units slice reads from the facts.
  const ancestors = (s: RollupSlice) => (isUnitsSlice(s) ? sql.raw(`WITH stat_ancestors AS MATERIALIZED (${PARTY_ANCESTORS}) `) : sql``);
  // The months changed since the job last summed them, read once for both statements.
  const dirty = (await db.execute<{ month: string }>(sql`SELECT DISTINCT to_char(month, 'YYYY-MM-DD') AS month FROM stat_dirty
    WHERE organisation_id = ${req.scope.organisationId} AND basis = ${choice.date} ORDER BY 1`)).rows.map((r) => r.month);
  const groupedSource = by.length ? rollupSource(req, slice, dirty) : null;
  const totalsSource = rollupSource(req, totalsSlice, dirty);
  // Summed first by the raw columns (thousands of rows to a few hundred), then labelled: the period's label
  // and the victim categories are worked out once per group, not once per row.
  const raw = by.flatMap((d) => (ROLLUP_COLUMN[d] ? [`f.${ROLLUP_COLUMN[d]}`] : []));
  const dims = by.map((d) => (d === 'period' ? sql.raw(`to_char(f.month, '${PERIOD_FORMAT[grain]}')`) : d === 'party' ? sql.raw('f.party') : dimensionSql(d, grain, 'f.month')));
  const victimLateral = by.includes('victimCategory')
    ? sql.raw(`CROSS JOIN LATERAL (VALUES ${categories.map((c) => `('${c}', f.${prefix}_${c})`).join(', ')}) vc(code, n)`) : sql``;
  const summed = sql.raw(ROLLUP_MEASURES.map((m) => `sum(f.${m}) AS ${m}`).join(', '));
  const grouped = groupedSource === null ? null : sql`${ancestors(slice)}
    SELECT ${sql.join([...dims.map((d, i) => sql`${d} AS ${sql.raw(`d${i}`)}`), sql`${sql.raw(measure(by.includes('form') || formFiltered, by.includes('victimCategory')))}::bigint AS value`], sql`, `)}
    FROM (SELECT ${sql.raw(raw.length ? `${raw.join(', ')}, ` : '')}${summed} FROM ${groupedSource} WHERE ${groupedWhere}${sql.raw(raw.length ? ` GROUP BY ${raw.join(', ')}` : '')}) f ${victimLateral}
    GROUP BY ${sql.join(by.map((_, i) => sql.raw(String(i + 1))), sql`, `)}
    LIMIT ${STAT_MAX_ROWS + 1}`;
  const self = formFiltered ? 'sum(f.self_form_incidents)' : 'sum(f.self_incidents)';
  const totals = sql`${ancestors(totalsSlice)}SELECT coalesce(${sql.raw(measure(formFiltered, false))}, 0)::bigint AS value, coalesce(${sql.raw(self)}, 0)::bigint AS self FROM ${totalsSource} WHERE ${where}`;
  return runFigure(db, by, grouped, totals);
}

/**
 * Runs a figure's two statements (the breakdown, columns d0.. and value; the total and the recorder-decided
 * share) and shapes the answer: cells with nothing left out, in key order; too many cells refused.
 */
async function runFigure(db: DbOrTx, by: readonly StatDimension[], grouped: SQL | null, totals: SQL): Promise<CountResult> {
  const [rowsResult, totalResult] = await Promise.all([
    grouped ? db.execute<Record<string, unknown>>(grouped) : Promise.resolve({ rows: [] as Record<string, unknown>[] }),
    db.execute<{ value: string; self: string }>(totals),
  ]);
  if (rowsResult.rows.length > STAT_MAX_ROWS) throw badRequest('by', 'too_many_cells', `this breakdown has more than ${STAT_MAX_ROWS} cells: choose fewer dimensions or a filter`, { max: STAT_MAX_ROWS });
  const rows = rowsResult.rows
    .map((r) => ({ key: by.map((_, i) => String(r[`d${i}`])), value: Number(r.value) }))
    .filter((r) => r.value > 0)
    .sort((a, b) => compareKeys(a.key, b.key));
  return { rows, total: Number(totalResult.rows[0]?.value ?? 0), selfDecided: Number(totalResult.rows[0]?.self ?? 0) };
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = a[i]! < b[i]! ? -1 : a[i]! > b[i]! ? 1 : 0;
    if (c !== 0) return c;
  }
  return 0;
}
