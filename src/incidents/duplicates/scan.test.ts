/**
 * Batch duplicate scans with the real job system: the organisation's records are scanned in the background,
 * the likely pairs listed org-wide for coordinators, decided pairs leave the list and are not proposed
 * again, and linked records count once in exports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServers } from '../../../test/helpers/db.ts';
import { startTestJobs, until } from '../../../test/helpers/jobs.ts';
import type { DuplicatePairs, DuplicateScan } from '../../shared/duplicates.ts';
import { incidentTestEnv } from '../incident-test-kit.ts';

const event = (over: Record<string, unknown> = {}) => ({
  occurredFrom: '2025-02-10', place: { country: 'COD', admin1: 'CD-NK' }, victims: { women: 2 }, violations: [{ form: 'rape', victims: { women: 2 } }],
  perpetrators: [{ party: 'Armed group K (TEST-40)', category: 'non_state_armed_group' }], context: { setting: 'field', timeOfDay: 'morning' }, narrative: '', ...over,
});

describe.each(testServers())('duplicate scans on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as, create } = env;
  let stopJobs: () => Promise<void>;
  beforeAll(async () => { stopJobs = await startTestJobs(env.ctx, env.db.url); });
  afterAll(async () => { await stopJobs(); });

  const scan = async () => {
    const started = await as.coordinatorL.post<DuplicateScan>('/api/duplicates/scan');
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const done = await until(async () => (await as.coordinatorL.get<{ scan: DuplicateScan }>('/api/duplicates/scan')).body.scan, (s) => s.state === 'done' || s.state === 'failed');
    expect(done.state).toBe('done');
    const listed = await as.coordinatorL.get<DuplicatePairs>('/api/duplicates');
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    return listed.body;
  };

  it('scans the whole organisation in the background and lists each likely pair once, explained', async () => {
    const clinic = await create(as.coordinatorL, event());
    const patrol = await create(as.monitorL, event({ occurredFrom: '2025-02-11', perpetrators: [{ party: 'ARMED GROUP K TEST-40' }] }));
    const other = await create(as.monitorL, event({ occurredFrom: '2025-02-12', place: { country: 'COD', admin1: 'CD-SK' } }));
    const far = await create(as.monitorL, event({ occurredFrom: '2025-06-01' }));
    expect((await as.coordinatorL.get<DuplicatePairs>('/api/duplicates')).body).toMatchObject({ scan: null, items: [], total: 0, settled: 0 });

    const list = await scan();
    expect(list.scan).toMatchObject({ state: 'done', records: 4, pairs: 1 });
    expect(list.total).toBe(1);
    const [pair] = list.items;
    expect([pair!.a.id, pair!.b.id].sort()).toEqual([clinic.id, patrol.id].sort());
    expect(pair!.score).toBeGreaterThanOrEqual(0.5);
    expect(pair!.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['date', 'place', 'forms', 'victims', 'perpetrator']));
    for (const id of [other.id, far.id]) expect(JSON.stringify(list.items)).not.toContain(id);
    // Monitors review nothing org-wide; another organisation sees its own (empty) list.
    expect((await as.monitorL.get('/api/duplicates')).status).toBe(403);
    expect((await as.coordinatorB.get<DuplicatePairs>('/api/duplicates')).body.total).toBe(0);

    // Marked distinct: gone from the list now and after the next scan.
    const distinct = await as.coordinatorL.post(`/api/incidents/${clinic.id}/duplicates`, { otherId: patrol.id, decision: 'distinct' });
    expect(distinct.status).toBe(200);
    // The scan found one pair; none is left to review, and the answer says why the two differ.
    expect((await as.coordinatorL.get<DuplicatePairs>('/api/duplicates')).body).toMatchObject({ total: 0, settled: 1, scan: { pairs: 1 } });
    expect((await scan())).toMatchObject({ total: 0, settled: 0, scan: { pairs: 0 } });

    // A scan left pending by a stopped server does not block the next one for ever.
    await env.db.pool.query("UPDATE duplicate_scans SET state = 'running', finished_at = null, started_at = now() - interval '31 minutes' WHERE id = (SELECT id FROM duplicate_scans ORDER BY started_at DESC LIMIT 1)");
    expect((await scan()).scan).toMatchObject({ state: 'done' });
    const { rows } = await env.db.pool.query<{ state: string }>("SELECT state FROM duplicate_scans ORDER BY started_at");
    expect(rows.map((r) => r.state)).toContain('failed');
  });

  it('leaves linked pairs out, and counts a linked record once in exports', async () => {
    const first = await create(as.coordinatorL, event({ occurredFrom: '2025-03-20', place: { country: 'COD', admin1: 'CD-IT' } }));
    const second = await create(as.monitorL, event({ occurredFrom: '2025-03-21', place: { country: 'COD', admin1: 'CD-IT' } }));
    const list = await scan();
    expect(list.items.some((p) => [p.a.id, p.b.id].includes(first.id))).toBe(true);
    const linked = await as.coordinatorL.post(`/api/incidents/${first.id}/duplicates`, { otherId: second.id, decision: 'same' });
    expect(linked.status).toBe(200);
    expect((await as.coordinatorL.get<DuplicatePairs>('/api/duplicates')).body.items.some((p) => [p.a.id, p.b.id].includes(first.id))).toBe(false);

    const exported = await as.coordinatorL.get<{ items: Record<string, unknown>[] }>('/api/incidents/export?format=json');
    const row = (ref: string) => exported.body.items.find((i) => i.reference === ref)!;
    expect(row(first.reference)).toMatchObject({ counted: true, linked_to: null });
    expect(row(second.reference)).toMatchObject({ counted: false, linked_to: first.reference });
  });

  it('lists the same date, admin 1, form, victims and party with admin 2 missing and the party written differently; weighs coordinates server-side', async () => {
    const usual = (over: Record<string, unknown>) => event({
      occurredFrom: '2025-08-05', place: { country: 'COD', admin1: 'CD-TA' }, victims: { women: 1 }, violations: [{ form: 'rape', victims: { women: 1 } }],
      perpetrators: [{ party: 'Forces armées (FARDC)' }], context: {}, ...over,
    });
    const first = await create(as.coordinatorL, usual({}));
    const noAdmin2 = await create(as.monitorL, usual({ perpetrators: [{ party: 'FORCES ARMEES FARDC' }] }));
    const withAdmin2 = await create(as.monitorL, usual({ occurredFrom: '2025-08-25', place: { country: 'COD', admin1: 'CD-TA', admin2: 'CD-TA-X' } }));
    const withoutAdmin2 = await create(as.monitorL, usual({ occurredFrom: '2025-08-25', perpetrators: [{ party: 'forces armees (fardc)' }] }));
    // No party, a day apart: short of the line on its own, proposed once both points are within a kilometre.
    const at = (lat: number, day: string) => usual({ occurredFrom: day, perpetrators: [], place: { country: 'COD', admin1: 'CD-MA', coordinates: { lat, lon: 25.19, precision: 'exact' } } });
    const pointA = await create(as.monitorL, at(0.5153, '2025-09-10'));
    const pointB = await create(as.monitorL, at(0.5170, '2025-09-11'));
    const pointFar = await create(as.monitorL, at(1.2, '2025-09-11'));
    const list = await scan();
    const pairs = list.items.map((p) => [p.a.id, p.b.id].sort().join('|'));
    expect(pairs).toContain([first.id, noAdmin2.id].sort().join('|'));
    expect(pairs).toContain([withAdmin2.id, withoutAdmin2.id].sort().join('|'));
    const near = list.items.find((p) => [p.a.id, p.b.id].sort().join('|') === [pointA.id, pointB.id].sort().join('|'));
    expect(near?.fields.find((f) => f.field === 'coordinates')?.points).toBeGreaterThan(0);
    expect(JSON.stringify(list)).not.toMatch(/0\.51|25\.19/);
    expect(pairs.some((p) => p.includes(pointFar.id))).toBe(false);
    // The summary counts what the list holds.
    expect(list.scan!.pairs).toBe(list.total);
  });
});
