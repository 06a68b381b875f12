/**
 * The rollups give the facts' figures exactly: the period split (pure, property-tested), then on the demo data
 * after the rollup job has run, with months changed since (read from the facts), for random queries against
 * the independent recomputation (stats-test-kit.ts), and while writes land during a run of the job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestDatabase, testContext, testServers, type TestDatabase } from '../../test/helpers/db.ts';
import { loadDemo } from '../demo/demo.ts';
import type { AppContext } from '../platform/context.ts';
import type { CountingChoice, PeriodGrain, StatDimension, StatFilters } from '../shared/stats.ts';
import { STAT_DATE_BASES, STAT_UNITS } from '../shared/stats.ts';
import { SETTINGS, SV_FORMS, VERIFICATION_STATUSES, VICTIM_CATEGORIES } from '../shared/taxonomy.ts';
import { count, countFromFacts, splitPeriod } from './engine.ts';
import { REFRESH_LOCK, refreshRollups, ROLLUP_SLICES, rollupPlan } from './rollups.ts';
import { expectEveryDimension, readFacts, recompute, type OrgFact } from './stats-test-kit.ts';

const DAY = 86_400_000;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

describe('splitting a period between the rollups and the facts', () => {
  it('covers every day of the period exactly once: whole clean months from the rollups, the rest from the facts', () => {
    const base = Date.UTC(2024, 0, 1);
    const dayArb = fc.integer({ min: 0, max: 400 }).map((n) => day(base + n * DAY));
    fc.assert(fc.property(
      fc.option(dayArb, { nil: undefined }), fc.option(dayArb, { nil: undefined }), fc.uniqueArray(fc.integer({ min: 0, max: 14 }), { maxLength: 5 }),
      (a, b, dirtyIdx) => {
        const [from, to] = a && b && b < a ? [b, a] : [a, b];
        const dirty = dirtyIdx.map((i) => day(Date.UTC(2023, 11 + i, 1))).sort();
        const split = splitPeriod(from, to, dirty);
        // Walk every day from a month before to a month after the period.
        for (let t = base - 40 * DAY; t <= base + 440 * DAY; t += DAY) {
          const d = day(t);
          const inPeriod = (!from || d >= from) && (!to || d <= to);
          const month = `${d.slice(0, 7)}-01`;
          const byRollup = (split.rollupFrom === null || month >= split.rollupFrom) && (split.rollupTo === null || month < split.rollupTo)
            && !(split.rollupFrom !== null && split.rollupTo !== null && split.rollupTo <= split.rollupFrom) && !dirty.includes(month);
          const byFacts = split.factRanges.filter(([x, y]) => (x === null || d >= x) && (y === null || d < y)).length;
          // A rollup month is whole: all its days are in the period.
          if (byRollup) expect(inPeriod).toBe(true);
          expect(Number(byRollup) + byFacts).toBe(inPeriod ? 1 : 0);
        }
      },
    ), { numRuns: 300 });
  });

  it('answers from the rollups only what they hold exactly', () => {
    const choice: CountingChoice = { unit: 'incidents', records: 'reported', date: 'occurred', track: 'crsv', rollup: false };
    const all = { organisationId: 'o', all: true } as const;
    expect(rollupPlan({ choice, by: ['period', 'form'], filters: {}, scope: all })).toBe('core');
    expect(rollupPlan({ choice, by: ['admin2'], filters: { admin1: 'SO-BN' }, scope: all })).toBe('area');
    // Figures beyond the organisation: only slices that keep consent.
    expect(rollupPlan({ choice, by: ['period', 'form'], filters: {}, scope: all, outside: true })).toBe('core');
    expect(rollupPlan({ choice, by: ['admin2'], filters: {}, scope: all, outside: true })).toBeNull();
    expect(rollupPlan({ choice, by: ['party'], filters: {}, scope: all, outside: true })).toBeNull();
    expect(rollupPlan({ choice: { ...choice, rollup: true }, by: ['party'], filters: {}, scope: all, outside: true })).toBe('form_party_units');
    expect(rollupPlan({ choice, by: ['party', 'form'], filters: {}, scope: all })).toBe('form_party');
    expect(rollupPlan({ choice, by: ['party'], filters: {}, scope: all })).toBe('party');
    expect(rollupPlan({ choice, by: ['status'], filters: {}, scope: all })).toBe('core');
    expect(rollupPlan({ choice, by: ['party'], filters: { status: ['verified'] }, scope: all })).toBeNull();
    expect(rollupPlan({ choice, by: ['setting'], filters: { form: ['rape'] }, scope: all })).toBe('form_setting');
    expect(rollupPlan({ choice, by: ['admin2'], filters: { form: ['rape'] }, scope: all })).toBeNull();
    expect(rollupPlan({ choice, by: ['admin1'], filters: { late: true }, scope: all })).toBeNull();
    expect(rollupPlan({ choice, by: ['period'], filters: {}, scope: { organisationId: 'o', all: false, createdBy: 'u', orAssignedTo: true } })).toBeNull();
    expect(rollupPlan({ choice, by: ['period'], filters: { form: ['rape', 'sexual_slavery'] }, scope: all })).toBeNull();
    // The hierarchy rolled up: the units slice, by the top parties or for one party and its units.
    expect(rollupPlan({ choice: { ...choice, rollup: true }, by: ['party'], filters: {}, scope: all })).toBe('form_party_units');
    expect(rollupPlan({ choice: { ...choice, rollup: true }, by: ['period', 'form'], filters: { party: ['p'] }, scope: all })).toBe('form_party_units');
    expect(rollupPlan({ choice: { ...choice, rollup: true }, by: ['party'], filters: { party: ['p'] }, scope: all })).toBeNull();
    expect(rollupPlan({ choice: { ...choice, rollup: true }, by: ['period'], filters: {}, scope: all })).toBe('core');
    expect(rollupPlan({ choice, by: ['admin2', 'setting'], filters: {}, scope: all })).toBeNull();
    expect(rollupPlan({ choice, by: ['sourceOrg'], filters: {}, scope: all })).toBeNull();
    expect(rollupPlan({ choice, by: [], filters: { victimCategory: ['girls'] }, scope: all })).toBe('victims_admin1');
    expect(rollupPlan({ choice, by: ['admin1'], filters: { victimCategory: ['girls', 'boys'] }, scope: all })).toBe('victims_admin1');
    expect(rollupPlan({ choice, by: ['form'], filters: { victimCategory: ['girls'] }, scope: all })).toBeNull();
    expect(rollupPlan({ choice: { ...choice, unit: 'victims' }, by: [], filters: { victimCategory: ['girls'] }, scope: all })).toBe('core');
  });
});

describe.each(testServers())('the rollups on $name', (server) => {
  let db: TestDatabase;
  let ctx: AppContext;
  let facts: OrgFact[] = [];
  let org = '';
  let admin1s: string[] = [];
  let partyIds: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(server);
    ctx = testContext(db);
    await loadDemo(ctx, { scale: 0.25 });
    const { rows } = await db.pool.query<{ organisation_id: string }>('SELECT organisation_id FROM incidents GROUP BY 1 ORDER BY count(*) DESC LIMIT 1');
    org = rows[0]!.organisation_id;
    admin1s = (await db.pool.query<{ a: string }>('SELECT DISTINCT admin1 AS a FROM stat_facts WHERE organisation_id = $1 AND admin1 IS NOT NULL', [org])).rows.map((r) => r.a);
    partyIds = (await db.pool.query<{ p: string }>("SELECT DISTINCT unnest(parties) AS p FROM stat_facts WHERE organisation_id = $1 ORDER BY 1", [org])).rows.map((r) => r.p).filter((p) => /^[0-9a-f-]{36}$/.test(p));
    // A hierarchy: the first party named becomes an army with the next two as its units, one of them with a unit
    // of its own (a party with no incident is added above it all, so a top with nothing of its own counts its units).
    const [army, unit1, unit2, unit3] = partyIds;
    const { rows: [top] } = await db.pool.query<{ id: string }>("INSERT INTO parties (organisation_id, name, category, status, source) VALUES ($1, 'Test command (synthetic)', 'state_forces', 'confirmed', 'organisation') RETURNING id", [org]);
    await db.pool.query('UPDATE parties SET parent_id = $2 WHERE id = $1', [army, top!.id]);
    await db.pool.query('UPDATE parties SET parent_id = $2 WHERE id = ANY($1)', [[unit1, unit2], army]);
    await db.pool.query('UPDATE parties SET parent_id = $2 WHERE id = $1', [unit3, unit1]);
    partyIds.push(top!.id);
  });
  afterAll(async () => { await db.drop(); });

  const pending = async () => Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM stat_dirty')).rows[0]!.n);

  it('lists every month of the stored facts until the job has run, then none; and holds rows only for the slices', async () => {
    expect(await pending()).toBeGreaterThan(0);
    const run = await refreshRollups(ctx.db);
    expect(run.months).toBeGreaterThan(0);
    expect(await pending()).toBe(0);
    const slices = (await db.pool.query<{ slice: string }>('SELECT DISTINCT slice FROM stat_rollup ORDER BY 1')).rows.map((r) => r.slice);
    expect(slices).toEqual(ROLLUP_SLICES.map((x) => x.name).sort());
    // Both consents are in the demo data; the slices protected releases read keep them apart, the others sum both.
    const consents = (await db.pool.query<{ slice: string; outside: boolean | null }>('SELECT DISTINCT slice, outside FROM stat_rollup ORDER BY 1, 2'));
    for (const x of ROLLUP_SLICES) {
      expect(consents.rows.filter((r) => r.slice === x.name).map((r) => r.outside), x.name).toEqual(x.consent ? [false, true] : [null]);
    }
    // Every slice sums to the same number of violations as the facts (the party slice once per party named).
    const { rows } = await db.pool.query<{ slice: string; n: string }>("SELECT slice, sum(violations) AS n FROM stat_rollup WHERE basis = 'occurred' GROUP BY 1");
    const factCount = Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM stat_facts')).rows[0]!.n);
    const perParty = Number((await db.pool.query<{ n: string }>('SELECT sum(cardinality(parties)) AS n FROM stat_facts')).rows[0]!.n);
    for (const r of rows) {
      const slice = ROLLUP_SLICES.find((x) => x.name === r.slice)!;
      // (The units slice has a row per party and each above it: checked through its figures below.)
      if (!slice.units) expect(Number(r.n)).toBe(slice.keeps.includes('party') ? perParty : factCount);
    }
    facts = await readFacts(db.pool);
  });

  it('gives the recomputed figure for every dimension, unit, date basis and status scope from the rollups', async () => {
    expect(await expectEveryDimension(ctx.db, facts, org)).toBe(3 * 2 * 3 * 10 + 2 * 3);
  }, 240_000);

  // A filter now and then (fc.option would set most of them, and nearly every figure would be empty).
  const sometimes = <T,>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: arb, weight: 1 });
  const queries = () => fc.record({
    unit: fc.constantFrom(...STAT_UNITS),
    records: fc.constantFrom('reported' as const, 'verified' as const),
    date: fc.constantFrom(...STAT_DATE_BASES),
    track: fc.constantFrom('crsv' as const, 'crsv' as const, 'sea' as const),
    rollup: fc.boolean(),
    by: fc.subarray(['period', 'form', 'party', 'admin1', 'admin2', 'setting', 'status', 'victimCategory'] as StatDimension[], { maxLength: 3 }),
    grain: fc.constantFrom<PeriodGrain>('month', 'quarter', 'year'),
    from: fc.option(fc.integer({ min: 0, max: 900 }).map((n) => day(Date.now() - n * DAY)), { nil: undefined, freq: 2 }),
    span: fc.integer({ min: 0, max: 400 }),
    open: fc.boolean(),
    form: sometimes(fc.subarray([...SV_FORMS], { minLength: 1, maxLength: 2 })),
    status: sometimes(fc.subarray([...VERIFICATION_STATUSES], { minLength: 1, maxLength: 2 })),
    setting: sometimes(fc.subarray([...SETTINGS], { minLength: 1, maxLength: 3 })),
    admin1: sometimes(fc.nat()),
    party: sometimes(fc.nat()),
    late: sometimes(fc.boolean()),
    victimCategory: sometimes(fc.subarray([...VICTIM_CATEGORIES], { minLength: 1, maxLength: 2 })),
    // A protected release's figure: only records whose consent allows figures beyond the organisation.
    outside: fc.boolean(),
  });

  async function expectRandomQueriesExact(runs: number) {
    let nonEmpty = 0;
    let fromRollups = 0;
    let unitsFromRollups = 0;
    let victimsFromRollups = 0;
    await fc.assert(fc.asyncProperty(queries(), async (q) => {
      const choice: CountingChoice = { unit: q.unit, records: q.records, date: q.date, track: q.track, rollup: q.rollup };
      const by = q.unit === 'victims' ? q.by : q.by.filter((d) => d !== 'victimCategory');
      const filters: StatFilters = {
        from: q.from, to: q.from && !q.open ? day(Date.parse(q.from) + q.span * DAY) : undefined,
        form: q.form, status: q.status, setting: q.setting, late: q.late, victimCategory: q.victimCategory,
        admin1: q.admin1 === undefined || admin1s.length === 0 ? undefined : admin1s[q.admin1 % admin1s.length],
        party: q.party === undefined || partyIds.length === 0 ? undefined : [partyIds[q.party % partyIds.length]!],
      };
      const req = { choice, by, grain: q.grain, filters, scope: { organisationId: org, all: true } as const, outside: q.outside };
      const got = await count(ctx.db, req);
      // The recomputation does not roll the hierarchy up: rolled-up figures are checked against the facts'
      // path (itself checked with the hierarchy in src/commitments/compliance.test.ts).
      const want = choice.rollup ? await countFromFacts(ctx.db, req) : recompute(q.outside ? facts.filter((f) => f.consentOutside) : facts, org, choice, by, q.grain, filters);
      const sorted = [...got.rows].sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1));
      expect({ q: { choice, by, filters, outside: q.outside }, rows: sorted, total: got.total }).toEqual({ q: { choice, by, filters, outside: q.outside }, rows: by.length ? want.rows : [], total: want.total });
      if (want.total > 0) nonEmpty++;
      if (choice.rollup && (by.includes('party') || filters.party) && rollupPlan(req)) unitsFromRollups++;
      if (filters.victimCategory && choice.unit !== 'victims' && rollupPlan(req) === 'victims_admin1') victimsFromRollups++;
      if (rollupPlan({ choice, by, filters, scope: { organisationId: org, all: true } })) fromRollups++;
    }), { numRuns: runs, seed: 20261207 });
    // Many figures count something: the comparison is not between empty answers.
    expect(nonEmpty).toBeGreaterThan(runs / 4);
    // And many are answered from the rollups (the rest from the facts, as the plan decides).
    expect(fromRollups).toBeGreaterThan(runs / 4);
    // The longer runs reach the units slice too (rolled-up figures by party or for one party).
    if (runs >= 100) expect(unitsFromRollups).toBeGreaterThan(0);
    // And the victims slice (incidents or violations with a victim category as a filter).
    if (runs >= 100) expect(victimsFromRollups).toBeGreaterThan(0);
  }

  it('gives the recomputed figure for random breakdowns, filters and part-month periods', async () => {
    await expectRandomQueriesExact(150);
  }, 240_000);

  it('counts changes at once, from the facts for the months the job has not summed again, and the same after it has', async () => {
    const { rows } = await db.pool.query<{ id: string }>(
      "SELECT id FROM incidents WHERE organisation_id = $1 AND deleted_at IS NULL AND canonical_id IS NULL ORDER BY reference LIMIT 6", [org]);
    await db.pool.query('UPDATE incidents SET deleted_at = now() WHERE id = $1', [rows[0]!.id]);
    await db.pool.query("UPDATE incidents SET occurred_from = occurred_from - 200, admin1 = NULL WHERE id = $1", [rows[1]!.id]);
    await db.pool.query("UPDATE incidents SET verification_status = 'verified', decided_at = now() WHERE id = ANY($1)", [[rows[2]!.id, rows[3]!.id]]);
    await db.pool.query("UPDATE violations SET form = 'sexual_slavery' WHERE incident_id = $1", [rows[4]!.id]);
    expect(await pending()).toBeGreaterThan(0);
    // A unit moved out from under its parent: every month is listed again (the units slice holds the hierarchy).
    const notListed = 'SELECT count(*) AS n FROM (SELECT organisation_id, basis, month FROM stat_rollup EXCEPT SELECT organisation_id, basis, month FROM stat_dirty) x';
    expect(Number((await db.pool.query<{ n: string }>(notListed)).rows[0]!.n)).toBeGreaterThan(0);
    await db.pool.query('UPDATE parties SET parent_id = NULL WHERE id = $1', [partyIds[3]]);
    expect(Number((await db.pool.query<{ n: string }>(notListed)).rows[0]!.n)).toBe(0);
    facts = await readFacts(db.pool);
    await expectRandomQueriesExact(60);
    await refreshRollups(ctx.db);
    expect(await pending()).toBe(0);
    await expectRandomQueriesExact(60);
  }, 240_000);

  it('keeps a month listed when its facts change while the job runs, so nothing is lost', async () => {
    const { rows } = await db.pool.query<{ id: string }>(
      "SELECT id FROM incidents WHERE organisation_id = $1 AND deleted_at IS NULL AND canonical_id IS NULL ORDER BY reference DESC LIMIT 40", [org]);
    // Make every month dirty so the run takes a while, then write while it runs.
    await db.pool.query('UPDATE incidents SET updated_at = now() WHERE organisation_id = $1', [org]);
    const run = refreshRollups(ctx.db);
    for (const r of rows) await db.pool.query("UPDATE incidents SET victims_girls = victims_girls + 1 WHERE id = $1", [r.id]);
    await run;
    facts = await readFacts(db.pool);
    await expectRandomQueriesExact(40);
    await refreshRollups(ctx.db);
    await expectRandomQueriesExact(40);
    // A run while another holds the lock does nothing and says so.
    await db.pool.query('UPDATE incidents SET updated_at = now() WHERE id = $1', [rows[0]!.id]);
    const holder = await db.pool.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [REFRESH_LOCK]);
      expect(await refreshRollups(ctx.db)).toEqual({ months: 0, busy: true });
      expect(await pending()).toBeGreaterThan(0);
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1)', [REFRESH_LOCK]);
      holder.release();
    }
    expect((await refreshRollups(ctx.db)).busy).toBe(false);
  }, 240_000);
});
