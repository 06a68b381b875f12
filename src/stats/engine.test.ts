/**
 * The engine against an independent recomputation: the demo data's records read straight from `incidents`
 * and `violations` (not from the fact table), counted in TypeScript with the counting rules (rules.ts), must
 * give the engine's figures for every dimension, unit, status scope, date and track. Then changes made the
 * way the app makes them (a soft deletion, a linked duplicate, a decision) are in the figures at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testContext, testServers, type TestDatabase } from '../../test/helpers/db.ts';
import { loadDemo } from '../demo/demo.ts';
import type { AppContext } from '../platform/context.ts';
import type { CountingChoice, PeriodGrain, StatDimension, StatFilters } from '../shared/stats.ts';
import { NOT_KNOWN, STAT_DATE_BASES, STAT_UNITS } from '../shared/stats.ts';
import { VICTIM_CATEGORIES, type VictimCategory } from '../shared/taxonomy.ts';
import { count } from './engine.ts';
import { COUNTED_RECORDS, dateOf, inChoice, victimsOf, victimsPerViolation, type Fact } from './rules.ts';

interface RawIncident {
  id: string; organisation_id: string; occurred_from: string; occurred_to: string | null; created_at: Date; decided_at: Date | null;
  verification_status: string; decision_route: string | null; country: string; admin1: string | null; admin2: string | null; setting: string | null;
  perpetrators: { partyId?: string | null; partyChoice?: string | null; party?: string | null; category?: string }[];
  sources: { organisation?: string | null }[]; consent: string[]; deleted_at: Date | null; canonical_id: string | null;
  victims_women: number; victims_girls: number; victims_men: number; victims_boys: number; victims_unknown: number;
}
interface RawViolation { incident_id: string; position: number; form: string; victims_women: number; victims_girls: number; victims_men: number; victims_boys: number; victims_unknown: number }

const day = (d: Date) => d.toISOString().slice(0, 10);
const tallyOf = (r: Record<string, unknown>): Record<VictimCategory, number> =>
  Object.fromEntries(VICTIM_CATEGORIES.map((c) => [c, Number(r[`victims_${c}`])])) as Record<VictimCategory, number>;

/** The late rule, written again: decided after the last day of the quarter of the incident's last day. */
function late(i: RawIncident): boolean {
  if (i.verification_status !== 'verified' || !i.decided_at) return false;
  const last = new Date(`${i.occurred_to ?? i.occurred_from}T00:00:00Z`);
  const quarterEnd = new Date(Date.UTC(last.getUTCFullYear(), Math.floor(last.getUTCMonth() / 3) * 3 + 3, 0));
  return day(i.decided_at) > day(quarterEnd);
}

/** Facts made in TypeScript from the raw records: the reference the engine's SQL is held to. */
function factsOf(incidents: RawIncident[], violations: RawViolation[]): Fact[] {
  const byIncident = new Map<string, RawViolation[]>();
  for (const v of violations) byIncident.set(v.incident_id, [...(byIncident.get(v.incident_id) ?? []), v]);
  return incidents.filter((i) => COUNTED_RECORDS({ deletedAt: i.deleted_at, canonicalId: i.canonical_id })).flatMap((i) => {
    const vs = (byIncident.get(i.id) ?? []).sort((a, b) => a.position - b.position);
    const parties = [...new Set(i.perpetrators.map((p) => p.partyId ?? (p.partyChoice ?? (p.party?.trim() ? 'not_linked' : 'unknown'))))].sort();
    const firstOf = (sea: boolean) => vs.find((v) => (v.form === 'sea_un_humanitarian') === sea)?.position;
    return vs.map((v): Fact => ({
      incidentId: i.id, first: v.position === firstOf(v.form === 'sea_un_humanitarian'),
      occurred: i.occurred_from, recorded: day(i.created_at), decided: i.decided_at ? day(i.decided_at) : null,
      form: v.form, status: i.verification_status, late: late(i), decisionRoute: i.decision_route,
      country: i.country, admin1: i.admin1, admin2: i.admin2, setting: i.setting,
      parties: parties.length ? parties : ['not_recorded'],
      partyCategories: [...new Set(i.perpetrators.map((p) => p.category ?? 'unknown'))].sort(),
      sourceOrgs: [...new Set(i.sources.map((s) => s.organisation?.trim() ?? '').filter(Boolean))].sort(),
      consentOutside: !i.consent.includes('agency_only') && i.consent.includes('aggregate_statistics'),
      incidentTally: tallyOf(i as unknown as Record<string, unknown>), violationTally: tallyOf(v as unknown as Record<string, unknown>),
    }));
  });
}

const periodOf = (d: string, grain: PeriodGrain) => (grain === 'year' ? d.slice(0, 4) : grain === 'month' ? d.slice(0, 7) : `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`);

/** The figure recomputed: for each fact, the codes it falls under in each dimension, and what it adds. */
function recompute(facts: Fact[], organisationId: string, choice: CountingChoice, by: StatDimension[], grain: PeriodGrain, filters: StatFilters = {}) {
  const perViolation = victimsPerViolation(by, filters);
  const cells = new Map<string, Set<string> | number>();
  let total: Set<string> | number = choice.unit === 'incidents' ? new Set<string>() : 0;
  const codes = (f: Fact, d: StatDimension): string[] => {
    switch (d) {
      case 'period': return [periodOf(dateOf(choice.date, f)!, grain)];
      case 'party': return [...f.parties];
      case 'partyCategory': return [...f.partyCategories];
      case 'sourceOrg': return f.sourceOrgs.length ? [...f.sourceOrgs] : ['not_recorded'];
      case 'victimCategory': return [...VICTIM_CATEGORIES];
      case 'admin1': return [f.admin1 ?? NOT_KNOWN];
      case 'admin2': return [f.admin2 ?? NOT_KNOWN];
      case 'setting': return [f.setting ?? NOT_KNOWN];
      default: return [String(f[d])];
    }
  };
  for (const f of facts.filter((x) => (x as Fact & { org?: string }).org === organisationId)) {
    if (!inChoice(choice, f) || dateOf(choice.date, f) === null) continue;
    if (filters.form && !filters.form.includes(f.form as never)) continue;
    const keys = by.reduce<string[][]>((acc, d) => acc.flatMap((k) => codes(f, d).map((c) => [...k, c])), [[]]);
    const add = (key: string, category: VictimCategory | null) => {
      if (choice.unit === 'incidents') {
        const set = (key === '' ? total : cells.get(key) ?? new Set<string>()) as Set<string>;
        if (perViolation || f.first) set.add(f.incidentId);
        if (key === '') total = set; else cells.set(key, set);
        return;
      }
      const value = choice.unit === 'violations' ? 1 : (perViolation || f.first ? victimsOf(f, perViolation, category ? [category] : VICTIM_CATEGORIES) : 0);
      if (key === '') total = (total as number) + value;
      else cells.set(key, ((cells.get(key) as number | undefined) ?? 0) + value);
    };
    add('', null);
    for (const k of keys) add(JSON.stringify(k), by.includes('victimCategory') ? k[by.indexOf('victimCategory')] as VictimCategory : null);
  }
  const size = (v: Set<string> | number) => (typeof v === 'number' ? v : v.size);
  return {
    rows: [...cells].map(([k, v]) => ({ key: JSON.parse(k) as string[], value: size(v) })).filter((r) => r.value > 0)
      .sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1)),
    total: size(total),
  };
}

describe.each(testServers())('the analysis engine on $name', (server) => {
  let db: TestDatabase;
  let ctx: AppContext;
  let facts: (Fact & { org: string })[] = [];
  let org = '';
  const read = async () => {
    const incidents = (await db.pool.query<RawIncident>('SELECT *, occurred_from::text AS occurred_from, occurred_to::text AS occurred_to FROM incidents')).rows;
    const violations = (await db.pool.query<RawViolation>('SELECT * FROM violations')).rows;
    const orgOf = new Map(incidents.map((i) => [i.id, i.organisation_id]));
    facts = factsOf(incidents, violations).map((f) => ({ ...f, org: orgOf.get(f.incidentId)! }));
  };

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
    const dims: StatDimension[] = ['period', 'form', 'party', 'partyCategory', 'country', 'admin1', 'admin2', 'status', 'setting', 'sourceOrg'];
    for (const unit of STAT_UNITS) {
      for (const records of ['reported', 'verified'] as const) {
        for (const date of STAT_DATE_BASES) {
          const choice: CountingChoice = { unit, records, date, track: 'crsv', rollup: false };
          for (const d of [...dims, ...(unit === 'victims' ? ['victimCategory' as const] : [])]) {
            const got = await engine(choice, [d], 'quarter');
            const want = recompute(facts, org, choice, [d], 'quarter');
            expect({ choice, d, rows: sorted(got.rows), total: got.total }).toEqual({ choice, d, rows: want.rows, total: want.total });
          }
        }
      }
    }
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
      expect(Number((await client.query("SELECT count(*) AS n FROM stat_facts WHERE incident_id = $1", [a])).rows[0].n)).toBe(0);
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
