/**
 * The analysis engine at volume (part of `npm run bench`; alone: `npx tsx bench/stats.ts`).
 * Starts its own embedded PostgreSQL, writes BENCH_STATS_INCIDENTS synthetic incidents (default 1,000,000;
 * BENCH_STATS_ORDER=random writes them in no order instead of the order they were recorded)
 * through the volume generator (src/demo/volume.ts: seasonality, hot spots, dominant parties), the way an
 * import writes them (the fact table kept in step by its triggers), then:
 * - the rollup job's first build, and one month's refresh;
 * - every query the dashboard sends, as a coordinator through the service (audit included), warm, p50 and
 *   p95 over 30 runs each, against the limit of 100 ms;
 * - the same GROUP BYs over the same fact rows in DuckDB (in memory, loaded from a CSV of the facts) in the
 *   same run: the ratio says how far PostgreSQL with rollups is from a columnar engine;
 * - reports: a quarterly report's generation (releases counted and protected, snapshot, hash, a first render)
 *   and each file made again from the snapshot (issue 13: under 3 s);
 * - a recorded incident is in the figures at once (the next query counts it), and how long that query takes
 *   while its month waits for the rollup job.
 * Method and results: docs/PERFORMANCE.md.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { to as copyTo } from 'pg-copy-streams';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DuckDBInstance } from '@duckdb/node-api';
import { startEmbedded, ensureDatabase } from '../src/platform/db/embedded.ts';
import { connect, migrate } from '../src/platform/db/database.ts';
import { MasterKey } from '../src/platform/crypto/envelope.ts';
import { useAuditKey } from '../src/platform/audit/key.ts';
import type { AppContext } from '../src/platform/context.ts';
import type { Actor } from '../src/policy/policy.ts';
import { createUser, ensureOrganisation } from '../src/identity/users.ts';
import { createIncident } from '../src/incidents/service.ts';
import { generateVolume } from '../src/demo/volume.ts';
import { restrictedCounts } from '../src/stats/service.ts';
import { refreshRollups, ROLLUP_MONTHS_PER_RUN } from '../src/stats/rollups.ts';
import { StatsQuery } from '../src/shared/stats.ts';
import { ensureBuiltInAreas } from '../src/places/places.ts';
import { seedIndicators } from '../src/warnings/indicators.ts';
import { evaluateRule } from '../src/warnings/job.ts';
import { backtest } from '../src/warnings/backtest.ts';
import { createRule, listIndicators } from '../src/warnings/service.ts';
import { seedTemplates } from '../src/reports/templates.ts';
import { createReport, writeNarrative } from '../src/reports/service.ts';
import { requestGeneration, runGeneration } from '../src/reports/generate.ts';
import { versionChanges, versionFile } from '../src/reports/files.ts';
import { closePdfCompiler } from '../src/reports/render/pdf.ts';
import { report, timeMany, type BenchResult } from './report.ts';

/** BENCH_STATS_ORDER=random writes the incidents in no order (a bulk import of old records): the worst case for reading a month from the facts. */
const ORDER = process.env.BENCH_STATS_ORDER === 'random' ? 'random' : 'recorded';


/** The dashboard's restricted queries (web/src/components/dashboard/RestrictedFigures.tsx), with its default choices. */
const DASHBOARD: { name: string; query: Record<string, unknown>; duck: string }[] = [
  {
    name: 'trends: victims by quarter, form and victim category', query: { by: 'period,form,victimCategory', unit: 'victims' },
    duck: `SELECT q, form, sum(v_women), sum(v_girls), sum(v_men), sum(v_boys), sum(v_unknown) FROM (SELECT strftime(occurred, '%Y') || '-Q' || quarter(occurred) AS q, * FROM facts WHERE status <> 'found_not_occurred' AND form <> 'sea_un_humanitarian') GROUP BY 1, 2`,
  },
  {
    name: 'parties by form (incidents)', query: { by: 'party,form' },
    duck: `SELECT p, form, count(DISTINCT incident_id) FROM (SELECT unnest(string_split(parties, '|')) AS p, * FROM facts WHERE status <> 'found_not_occurred' AND form <> 'sea_un_humanitarian') GROUP BY 1, 2`,
  },
  {
    name: 'parties (incidents)', query: { by: 'party' },
    duck: `SELECT p, count(*) FILTER (WHERE "first" = 1) FROM (SELECT unnest(string_split(parties, '|')) AS p, * FROM facts WHERE status <> 'found_not_occurred' AND form <> 'sea_un_humanitarian') GROUP BY 1`,
  },
  {
    name: 'areas (admin 1) by quarter', query: { by: 'admin1,period' },
    duck: `SELECT coalesce(admin1, 'not_known'), strftime(occurred, '%Y') || '-Q' || quarter(occurred), count(*) FILTER (WHERE "first" = 1) FROM facts WHERE status <> 'found_not_occurred' AND form <> 'sea_un_humanitarian' GROUP BY 1, 2`,
  },
  {
    name: 'areas (admin 2) by quarter', query: { by: 'admin2,period' },
    duck: `SELECT coalesce(admin2, 'not_known'), strftime(occurred, '%Y') || '-Q' || quarter(occurred), count(*) FILTER (WHERE "first" = 1) FROM facts WHERE status <> 'found_not_occurred' AND form <> 'sea_un_humanitarian' GROUP BY 1, 2`,
  },
  {
    name: 'settings', query: { by: 'setting' },
    duck: `SELECT coalesce(setting, 'not_known'), count(*) FILTER (WHERE "first" = 1) FROM facts WHERE status <> 'found_not_occurred' AND form <> 'sea_un_humanitarian' GROUP BY 1`,
  },
  {
    name: 'total reported', query: { by: '' },
    duck: `SELECT count(*) FILTER (WHERE "first" = 1) FROM facts WHERE status <> 'found_not_occurred' AND form <> 'sea_un_humanitarian'`,
  },
  {
    name: 'total verified', query: { by: '', records: 'verified' },
    duck: `SELECT count(*) FILTER (WHERE "first" = 1) FROM facts WHERE status = 'verified' AND form <> 'sea_un_humanitarian'`,
  },
  {
    name: 'late verifications', query: { by: '', records: 'verified', late: 'true' },
    duck: `SELECT count(*) FILTER (WHERE "first" = 1) FROM facts WHERE status = 'verified' AND late = 1 AND form <> 'sea_un_humanitarian'`,
  },
  {
    name: 'verification funnel: by status', query: { by: 'status' },
    duck: `SELECT status, count(*) FILTER (WHERE "first" = 1) FROM facts WHERE status <> 'found_not_occurred' AND form <> 'sea_un_humanitarian' GROUP BY 1`,
  },
  {
    name: 'filtered: rape in 2024, by month and setting', query: { by: 'period,setting', grain: 'month', form: 'rape', from: '2024-01-01', to: '2024-12-31' },
    duck: `SELECT strftime(occurred, '%Y-%m'), coalesce(setting, 'not_known'), count(DISTINCT incident_id) FROM facts WHERE status <> 'found_not_occurred' AND form = 'rape' AND occurred BETWEEN DATE '2024-01-01' AND DATE '2024-12-31' GROUP BY 1, 2`,
  },
  {
    name: 'part-month period: verified from 17 March 2023, by form', query: { by: 'form', records: 'verified', from: '2023-03-17' },
    duck: `SELECT form, count(DISTINCT incident_id) FROM facts WHERE status = 'verified' AND form <> 'sea_un_humanitarian' AND occurred >= DATE '2023-03-17' GROUP BY 1`,
  },
  {
    name: 'part-month period: rape 10 Feb 2024 - 30 Jun 2025, region by quarter', query: { by: 'admin1,period', form: 'rape', from: '2024-02-10', to: '2025-06-30' },
    duck: `SELECT coalesce(admin1, 'not_known'), strftime(occurred, '%Y') || '-Q' || quarter(occurred), count(DISTINCT incident_id) FROM facts WHERE status <> 'found_not_occurred' AND form = 'rape' AND occurred BETWEEN DATE '2024-02-10' AND DATE '2025-06-30' GROUP BY 1, 2`,
  },
];

async function runStatsBench(n: number): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'salama-bench-stats-'));
  const server = await startEmbedded(dir);
  try {
    await ensureDatabase(server.url(), 'bench');
    const database = connect(server.url('bench'));
    await migrate(database.db);
    const ctx: AppContext = { db: database.db, master: new MasterKey(randomBytes(32)), sessionIdleMs: 1e6, sessionAbsoluteMs: 1e7 };
    useAuditKey(ctx.master);
    const org = await ensureOrganisation(ctx.db, { code: 'VOL', name: 'Volume benchmark organisation (synthetic)', kind: 'mission' });
    const coordinator = (await createUser(ctx.db, { organisationCode: 'VOL', email: 'c@vol.test', role: 'coordinator', password: 'benchmark password' })).user;
    const monitors = await Promise.all([1, 2, 3].map(async (i) => (await createUser(ctx.db, { organisationCode: 'VOL', email: `m${i}@vol.test`, role: 'monitor', password: 'benchmark password' })).user));
    const asCoordinator: Actor = { userId: coordinator.id, organisationId: org.id, role: 'coordinator', stage: 'active', sessionId: 'bench' };

    const loadStart = performance.now();
    let lastPrint = loadStart;
    const written = await generateVolume(ctx, {
      organisationId: org.id, recorders: [coordinator.id, ...monitors.map((m) => m.id)], incidents: n, through: '2026-09-30', order: ORDER,
      onProgress: (done) => {
        if (performance.now() - lastPrint > 30_000) { lastPrint = performance.now(); console.log(`  ${done} incidents written`); }
      },
    });
    const loadSeconds = (performance.now() - loadStart) / 1000;
    await database.pool.query('VACUUM ANALYZE');
    const facts = (await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM stat_facts')).rows[0]!.n;
    console.log(`wrote ${written.incidents} incidents (${written.violations} violations, ${facts} fact rows) in ${loadSeconds.toFixed(0)} s`);
    // For reference: the generator's own work (encryption, random draws) is in it; bench/imports.ts measures imports.
    results.push({ name: 'write incidents in batches (facts kept in step by the triggers)', value: written.incidents / loadSeconds, unit: 'per s', limit: Infinity, better: 'higher' });

    // The rollup job's first build, run by run as the scheduled job does it (a month per date basis each).
    const build = performance.now();
    let runs = 0;
    let slowest = 0;
    for (;;) {
      const t = performance.now();
      const run = await refreshRollups(ctx.db, { maxMonths: ROLLUP_MONTHS_PER_RUN });
      if (run.months === 0) break;
      runs++;
      slowest = Math.max(slowest, performance.now() - t);
    }
    await database.pool.query('VACUUM ANALYZE stat_rollup');
    const rollupRows = (await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM stat_rollup')).rows[0]!.n;
    console.log(`rollups built in ${runs} runs, ${rollupRows} rows (${(rollupRows / facts * 100).toFixed(1)}% of the fact rows, all slices and date bases)`);
    results.push({ name: `rollup job: first build, ${runs} runs of ${ROLLUP_MONTHS_PER_RUN} months`, value: (performance.now() - build) / 1000, unit: 's', limit: 900, better: 'lower' });
    results.push({ name: 'rollup job: slowest run (one transaction)', value: slowest / 1000, unit: 's', limit: 60, better: 'lower' });

    const region = (await database.pool.query<{ a: string }>(`SELECT admin1 AS a FROM stat_facts GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)).rows[0]!.a;
    const ask = (o: Record<string, unknown>) => restrictedCounts(ctx, asCoordinator, StatsQuery.parse(o), 'en', null);
    for (const d of DASHBOARD) await ask(d.query); // warm
    const pgTimes: number[] = [];
    for (const d of DASHBOARD) {
      const t = await timeMany(30, () => ask(d.query));
      pgTimes.push(t.p50);
      results.push({ name: `dashboard: ${d.name} (p95)`, value: t.p95, unit: 'ms', limit: 100, better: 'lower' });
    }

    // A record is in the figures at once; its month is read from the facts until the rollup job comes by.
    const before = (await ask({ by: '' })).total;
    await createIncident(ctx, asCoordinator, {
      occurredFrom: '2026-09-14', dateEstimated: false, place: { country: 'SOM', admin1: region, locality: 'L-1', displayLevel: 'admin1' },
      victims: { women: 1, girls: 0, men: 0, boys: 0, unknown: 0 }, victimCountUnknown: false, violations: [{ form: 'rape', victims: { women: 1, girls: 0, men: 0, boys: 0, unknown: 0 } }],
      perpetrators: [{ party: 'Volume party 1 (synthetic)', category: 'state_forces' }], survivors: [], sources: [{ type: 'survivor', reliability: 'high', connection: 'first_hand' }], referrals: [],
      verification: { status: 'reported' }, narrative: 'benchmark narrative', assignedTo: [], consent: ['aggregate_statistics'], context: { setting: 'field', timeOfDay: 'evening' },
    }, null);
    const after = (await ask({ by: '' })).total;
    if (after !== before + 1) throw new Error(`a recorded incident is not in the next figure (${before} then ${after})`);
    const pending = await timeMany(30, () => ask(DASHBOARD[0]!.query));
    results.push({ name: 'dashboard trends while a month waits for the rollup job (p95)', value: pending.p95, unit: 'ms', limit: 100, better: 'lower' });
    const refresh = performance.now();
    await refreshRollups(ctx.db);
    results.push({ name: 'rollup job: refresh after one recorded incident', value: performance.now() - refresh, unit: 'ms', limit: 60_000, better: 'lower' });
    if ((await ask({ by: '' })).total !== after) throw new Error('the rollup refresh changed the total');

    // Early warning over the same million: one rule of each counted kind evaluated as of the data's last day
    // (each region's daily series from the facts), and the backtest a coordinator opens (two years, day by day).
    await ensureBuiltInAreas(ctx.db);
    await seedIndicators(ctx.db);
    const indicator = (await listIndicators(ctx, asCoordinator, 'en')).indicators.find((i) => i.code === 'crsv_incidents')!.id;
    const asOf = '2026-09-30';
    const watched = (await database.pool.query<{ id: string }>('SELECT id FROM parties WHERE organisation_id = $1 ORDER BY name LIMIT 30', [org.id])).rows.map((r) => r.id);
    const warningRules = [
      { name: 'surge per region', params: { kind: 'surge' as const, indicatorId: indicator, recentDays: 7, baselineDays: 28, factor: 2, minCount: 3, minBaseline: 1 }, per: 'admin1' as const },
      { name: 'highest in 3 years per region', params: { kind: 'record_high' as const, indicatorId: indicator, windowDays: 30, years: 3, minCount: 3 }, per: 'admin1' as const },
      { name: 'any of 30 parties newly active per region', params: { kind: 'party_active' as const, partyIds: watched, recentDays: 30, quietDays: 365, minCount: 1 }, per: 'admin1' as const },
    ];
    for (const w of warningRules) {
      const rule = await createRule(ctx, asCoordinator, { name: w.name, area: { country: 'SOM' }, per: w.per, params: w.params, active: true }, 'en', null);
      const t = performance.now();
      const outcome = await evaluateRule(ctx.db, rule.id, asOf);
      results.push({ name: `early warning: evaluate "${w.name}" (${outcome.raised} raised)`, value: performance.now() - t, unit: 'ms', limit: 10_000, better: 'lower' });
      if (w.params.kind === 'surge') {
        const bt = await timeMany(3, () => backtest(ctx, asCoordinator, rule.id, { from: '2024-10-01', to: asOf }, 'en', null));
        results.push({ name: 'early warning: backtest of the surge rule, two years by day (p50 of 3)', value: bt.p50, unit: 'ms', limit: 5_000, better: 'lower' });
      }
    }

    // Reports over the same million: the quarterly report's generation job (every release counted and protected,
    // names, commitments, alerts, the snapshot hashed, its English PDF rendered once), then each file a reader
    // downloads made again from the frozen snapshot. The limit: a quarterly report in under 3 s.
    await seedTemplates(ctx.db);
    const quarterly = await createReport(ctx, asCoordinator, { kind: 'quarterly', period: '2026-Q3' }, 'en', null);
    await writeNarrative(ctx, asCoordinator, quarterly.id, 'overview', { text: 'Benchmark overview.' }, null);
    ctx.jobs = { send: async () => null };
    for (const [i, label] of ['first', 'second, the same day'].entries()) {
      const g = await requestGeneration(ctx, asCoordinator, quarterly.id, null, '2026-12-31');
      const t = performance.now();
      await runGeneration(ctx, g.id);
      results.push({ name: `reports: quarterly report generated (${label})`, value: (performance.now() - t) / 1000, unit: 's', limit: 3, better: 'lower' });
      if (i === 0) {
        for (const [format, lang] of [['pdf', 'en'], ['pdf', 'ar'], ['docx', 'en'], ['docx', 'ar']] as const) {
          const f = await timeMany(5, () => versionFile(ctx, asCoordinator, quarterly.id, 1, format, lang, null));
          results.push({ name: `reports: version 1 as ${format.toUpperCase()} (${lang}) from its snapshot (p50 of 5)`, value: f.p50, unit: 'ms', limit: 3_000, better: 'lower' });
        }
      }
    }
    ctx.jobs = undefined;
    const changes = performance.now();
    await versionChanges(ctx, asCoordinator, quarterly.id, 1, 'en', null);
    results.push({ name: 'reports: "data changed since this version" (every release counted again)', value: (performance.now() - changes) / 1000, unit: 's', limit: 10, better: 'lower' });
    closePdfCompiler();

    // The yardstick: DuckDB over the same fact rows, the same GROUP BYs, in the same run.
    const csv = join(dir, 'facts.csv');
    const client = await database.pool.connect();
    try {
      const out = client.query(copyTo(`COPY (SELECT incident_id, first::int AS first, occurred, form, status, late::int AS late, admin1, admin2, setting,
        array_to_string(parties, '|') AS parties, v_women, v_girls, v_men, v_boys, v_unknown FROM stat_facts) TO STDOUT WITH (FORMAT csv, HEADER)`));
      await pipeline(out, createWriteStream(csv));
    } finally { client.release(); }
    const duck = await DuckDBInstance.create(':memory:');
    const conn = await duck.connect();
    await conn.run(`CREATE TABLE facts AS SELECT * FROM read_csv('${csv}', header = true)`);
    const duckTimes: number[] = [];
    for (const d of DASHBOARD) {
      const q = d.duck;
      await conn.runAndReadAll(q);
      duckTimes.push((await timeMany(10, () => conn.runAndReadAll(q))).p50);
    }
    conn.closeSync();
    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    console.log('\n  query                                                       Salama p50   DuckDB p50');
    DASHBOARD.forEach((d, i) => console.log(`  ${d.name.padEnd(60)} ${pgTimes[i]!.toFixed(1).padStart(8)} ms ${duckTimes[i]!.toFixed(1).padStart(8)} ms`));
    results.push({ name: 'dashboard, all queries: Salama p50 sum / DuckDB p50 sum', value: sum(pgTimes) / sum(duckTimes), unit: 'ratio', limit: Infinity, better: 'lower' });
    await database.close();
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

const n = Number(process.env.BENCH_STATS_INCIDENTS ?? 1_000_000);
console.log(`writing ${n} incidents in ${ORDER === 'random' ? 'random order (an import of old records)' : 'the order they were recorded'}`);
const results = await runStatsBench(n);
process.exit(report(`Salama analysis benchmark, ${n} incidents`, results, 72));
