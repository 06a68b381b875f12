/**
 * The engine against an independent recomputation (stats-test-kit.ts): the demo data's records read straight
 * from `incidents` and `violations`, counted in TypeScript with the counting rules, must give the engine's
 * figures for every dimension, unit, status scope, date and track. Then changes made the way the app makes
 * them (a soft deletion, a linked duplicate, a decision) are in the figures at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testContext, testServers, type TestDatabase } from '../../test/helpers/db.ts';
import { loadDemo } from '../demo/demo.ts';
import type { AppContext } from '../platform/context.ts';
import { TOTAL_CODE, type CountingChoice, type PeriodGrain, type StatDimension, type StatFilters } from '../shared/stats.ts';
import { VICTIM_CATEGORIES } from '../shared/taxonomy.ts';
import { CATALOGUE, REPORT_RELEASES } from './catalogue.ts';
import { count } from './engine.ts';
import { fewIncidents } from './protected.ts';
import { inChoice } from './rules.ts';
import { expectEveryDimension, readFacts, recompute, type OrgFact } from './stats-test-kit.ts';

describe.each(testServers())('the analysis engine on $name', (server) => {
  let db: TestDatabase;
  let ctx: AppContext;
  let facts: OrgFact[] = [];
  let org = '';
  const read = async () => { facts = await readFacts(db.pool); };

  beforeAll(async () => {
    db = await createTestDatabase(server);
    ctx = testContext(db);
    await loadDemo(ctx, { scale: 0.25 });
    const { rows } = await db.pool.query<{ organisation_id: string }>('SELECT organisation_id FROM incidents GROUP BY 1 ORDER BY count(*) DESC LIMIT 1');
    org = rows[0]!.organisation_id;
    await read();
  });
  afterAll(async () => { await db.drop(); });

  const engine = (choice: CountingChoice, by: StatDimension[], grain: PeriodGrain, filters: StatFilters = {}) =>
    count(ctx.db, { choice, by, grain, filters, scope: { organisationId: org, all: true } });
  const sorted = (rows: { key: string[]; value: number }[]) => [...rows].sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1));

  it('gives the recomputed figure for every dimension, unit, date basis and status scope', async () => {
    expect(facts.length).toBeGreaterThan(50);
    expect(await expectEveryDimension(ctx.db, facts, org)).toBe(3 * 2 * 3 * 10 + 2 * 3);
  }, 240_000);

  it('gives the recomputed figure for pairs of dimensions, other grains, a form filter and the separate SEA track', async () => {
    const cases: [CountingChoice, StatDimension[], PeriodGrain, StatFilters][] = [
      [{ unit: 'victims', records: 'reported', date: 'occurred', track: 'crsv', rollup: false }, ['form', 'victimCategory'], 'year', {}],
      [{ unit: 'incidents', records: 'reported', date: 'occurred', track: 'crsv', rollup: false }, ['party', 'period'], 'month', {}],
      [{ unit: 'incidents', records: 'verified', date: 'decided', track: 'crsv', rollup: false }, ['admin1', 'form'], 'year', {}],
      [{ unit: 'victims', records: 'reported', date: 'occurred', track: 'crsv', rollup: false }, ['period'], 'year', { form: ['rape'] }],
      [{ unit: 'incidents', records: 'reported', date: 'occurred', track: 'crsv', rollup: false }, ['country'], 'year', { form: ['rape', 'sexual_slavery'] }],
      [{ unit: 'violations', records: 'reported', date: 'recorded', track: 'sea', rollup: false }, ['period'], 'quarter', {}],
    ];
    for (const [choice, by, grain, filters] of cases) {
      const got = await engine(choice, by, grain, filters);
      const want = recompute(facts, org, choice, by, grain, filters);
      expect({ by, rows: sorted(got.rows), total: got.total }).toEqual({ by, rows: want.rows, total: want.total });
    }
  });

  it('marks as few exactly the protected cells of fewer incidents than the threshold, recounted level by level', async () => {
    // The rule asks the engine once per level of forms and sums periods and areas up; recounted here the long
    // way, every combination of levels and victim category on its own, from the records themselves.
    const outside = facts.filter((f) => f.consentOutside);
    let marked = 0;
    for (const release of [...CATALOGUE.filter((r) => r.choice.unit !== 'incidents'), ...REPORT_RELEASES]) {
      const filters: StatFilters = { ...release.filters, to: '2099-12-31' };
      const choice: CountingChoice = { ...release.choice, unit: 'incidents' };
      for (const threshold of [3, 10]) {
        const want = new Set<string>();
        for (const table of release.tables) {
          type L = { by: StatDimension[]; grain?: PeriodGrain; code: (k: string[], at: number) => string; width: number };
          const total: L = { by: [], code: () => TOTAL_CODE, width: 0 };
          const levels = (d: string): L[] => {
            const all: [string, L][] = d === 'period'
              ? [['total', total], ['year', { by: ['period'], grain: 'year', code: (k, i) => k[i]!, width: 1 }],
                ...(release.grain === 'quarter' ? [['quarter', { by: ['period'], grain: 'quarter', code: (k: string[], i: number) => k[i]!, width: 1 }] as [string, L]] : [])]
              : d === 'area' ? [['total', total], ['country', { by: ['country'], code: (k, i) => k[i]!, width: 1 }], ['admin1', { by: ['country', 'admin1'], code: (k, i) => `${k[i]}/${k[i + 1]}`, width: 2 }]]
                : d === 'form' ? [['total', total], ['value', { by: ['form'], code: (k, i) => k[i]!, width: 1 }]] : [['total', total]];
            const chosen = (table.levels as Record<string, readonly string[]> | undefined)?.[d];
            return all.filter(([name]) => (name === 'total' ? table.totals !== false : !chosen || chosen.includes(name))).map(([, l]) => l);
          };
          const combos = table.dimensions.reduce<L[][]>((acc, d) => acc.flatMap((c) => levels(d).map((l) => [...c, l])), [[]]);
          const categories = table.dimensions.includes('victimCategory') ? [null, ...VICTIM_CATEGORIES] : [null];
          for (const combo of combos) {
            for (const category of categories) {
              const by = combo.flatMap((l) => l.by);
              const got = recompute(outside, org, choice, by, combo.find((l) => l.grain)?.grain ?? release.grain, category ? { ...filters, victimCategory: [category] } : filters);
              const rows = by.length ? got.rows : [{ key: [], value: got.total }];
              for (const r of rows) {
                if (r.value <= 0 || r.value >= threshold) continue;
                let at = 0;
                const coordinates: Record<string, string> = {};
                table.dimensions.forEach((d, i) => { coordinates[d] = d === 'victimCategory' ? category ?? TOTAL_CODE : combo[i]!.code(r.key, at); at += combo[i]!.width; });
                want.add(JSON.stringify(coordinates));
              }
            }
          }
        }
        const got = await fewIncidents(ctx.db, release, filters, { organisationId: org, all: true }, threshold);
        expect({ release: release.id, threshold, few: got.map((c) => JSON.stringify(c)).sort() }).toEqual({ release: release.id, threshold, few: [...want].sort() });
        marked += want.size;
      }
    }
    // The comparison is not between empty lists.
    expect(marked).toBeGreaterThan(20);
  });

  it('counts a recorded, deleted, linked or decided record at once, in the same transaction as the change', async () => {
    const choice: CountingChoice = { unit: 'incidents', records: 'reported', date: 'occurred', track: 'crsv', rollup: false };
    const before = (await engine(choice, [], 'year')).total;
    const { rows } = await db.pool.query<{ id: string }>(
      "SELECT i.id FROM incidents i WHERE organisation_id = $1 AND deleted_at IS NULL AND canonical_id IS NULL AND verification_status <> 'found_not_occurred' AND EXISTS (SELECT 1 FROM violations v WHERE v.incident_id = i.id AND v.form <> 'sea_un_humanitarian') LIMIT 2", [org]);
    const [a, b] = [rows[0]!.id, rows[1]!.id];
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('UPDATE incidents SET deleted_at = now() WHERE id = $1', [a]);
      // Seen inside the writer's transaction, not yet outside it.
      expect(Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM stat_facts WHERE incident_id = $1', [a])).rows[0]!.n)).toBe(0);
      expect((await engine(choice, [], 'year')).total).toBe(before);
      await client.query('COMMIT');
    } finally { client.release(); }
    expect((await engine(choice, [], 'year')).total).toBe(before - 1);
    await db.pool.query('UPDATE incidents SET canonical_id = $2 WHERE id = $1', [b, a]);
    expect((await engine(choice, [], 'year')).total).toBe(before - 2);
    await db.pool.query('UPDATE incidents SET canonical_id = NULL WHERE id = $1', [b]);
    await db.pool.query('UPDATE incidents SET deleted_at = NULL WHERE id = $1', [a]);
    expect((await engine(choice, [], 'year')).total).toBe(before);
    await read();
    const verified = { ...choice, records: 'verified' as const };
    const v0 = (await engine(verified, [], 'year')).total;
    await db.pool.query("UPDATE incidents SET verification_status = CASE WHEN verification_status = 'verified' THEN 'pending' ELSE 'verified' END, decided_at = now() WHERE id = $1", [a]);
    expect(Math.abs((await engine(verified, [], 'year')).total - v0)).toBe(1);
  });

  it('keeps a monitor to their own and assigned records', async () => {
    const { rows } = await db.pool.query<{ created_by: string; n: string }>(
      "SELECT created_by, count(*) AS n FROM incidents WHERE organisation_id = $1 AND deleted_at IS NULL AND canonical_id IS NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1", [org]);
    const me = rows[0]!.created_by;
    const choice: CountingChoice = { unit: 'incidents', records: 'reported', date: 'recorded', track: 'crsv', rollup: false };
    const mine = await count(ctx.db, { choice, by: [], grain: 'year', filters: {}, scope: { organisationId: org, all: false, createdBy: me, orAssignedTo: false } });
    const all = await engine(choice, [], 'year');
    const want = facts.filter((f) => f.org === org && f.first && inChoice(choice, f)).length;
    expect(all.total).toBe(want);
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.total).toBeLessThan(all.total);
  });
});
