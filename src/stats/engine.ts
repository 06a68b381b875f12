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
import { choiceSql, DATE_COLUMN, tallySql, victimsPerViolation } from './rules.ts';

export interface CountRequest {
  choice: CountingChoice;
  filters: StatFilters;
  by: readonly StatDimension[];
  grain: PeriodGrain;
  /** Whose records: a coordinator's whole organisation, or a monitor's own and assigned ones. */
  scope: IncidentScope;
  /** Only records whose consent allows figures that leave the organisation. */
  outside?: boolean;
}

export interface CountRow { key: string[]; value: number }
export interface CountResult { rows: CountRow[]; total: number; selfDecided: number }

const PERIOD_FORMAT: Record<PeriodGrain, string> = { month: 'YYYY-MM', quarter: 'YYYY-"Q"Q', year: 'YYYY' };

/**
 * The parties' hierarchy: each party, the top of its chain of parents (a brigade's army) and the chain itself
 * (as text, so pseudo codes compare without a cast).
 */
const ROOTS = sql.raw(`WITH RECURSIVE roots(id, root, path, depth) AS (
  SELECT id, id, ARRAY[id::text], 0 FROM parties WHERE parent_id IS NULL
  UNION ALL SELECT p.id, r.root, r.path || p.id::text, r.depth + 1 FROM parties p JOIN roots r ON p.parent_id = r.id WHERE r.depth < 20)`);

function dimensionSql(d: StatDimension, grain: PeriodGrain, date: string): SQL {
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
