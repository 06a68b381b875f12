/**
 * /api/stats over real HTTP: the restricted tier (exact, scoped, audited, the rule coming back with the
 * figure), the protected tier (the catalogue only, suppressed cells marked with their reason, the
 * organisation's threshold, consent for figures that leave the organisation), and bad input named by field.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { errorOf, incidentTestEnv } from '../incidents/incident-test-kit.ts';
import type { OrganisationSettings } from '../shared/organisation.ts';
import type { PointsAnswer, ProtectedRelease, StatsAnswer } from '../shared/stats.ts';
import { ensureBuiltInAreas } from '../places/places.ts';
import { releaseById } from './catalogue.ts';
import { lastClosedQuarterEnd, publishedRelease } from './protected.ts';

describe.each(testServers())('figures over HTTP on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as } = env;

  beforeAll(async () => {
    // The reference areas, as the server loads them at start (a release lists every region of a country).
    await ensureBuiltInAreas(env.ctx.db);
    // 2025-Q1: 7 rape incidents in Bangui (one of them recorded by the monitor, whose survivor did not consent
    // to figures beyond the organisation), 2 in Ouaka; 2025-Q2: 1 forced marriage.
    for (let i = 0; i < 6; i++) await env.create(as.coordinator, { occurredFrom: `2025-02-0${i + 1}`, violations: [{ form: 'rape', victims: { women: 1 } }], victims: { women: 1 }, consent: ['aggregate_statistics'] });
    await env.create(as.monitor, { occurredFrom: '2025-03-01', violations: [{ form: 'rape', victims: { girls: 1 } }], victims: { girls: 1 } });
    for (let i = 0; i < 2; i++) await env.create(as.coordinator, { occurredFrom: '2025-03-05', place: { country: 'CAF', admin1: 'CF-UK' }, violations: [{ form: 'rape', victims: { women: 1 } }], victims: { women: 1 }, consent: ['aggregate_statistics'] });
    await env.create(as.coordinator, { occurredFrom: '2025-05-05', violations: [{ form: 'forced_marriage', victims: { girls: 1 } }], victims: { girls: 1 }, consent: ['aggregate_statistics'] });
    await env.db.pool.query("UPDATE incidents SET verification_status = 'verified', decided_at = occurred_from + 10");
  });

  it('answers exact counts with the rule applied, the whole organisation for a coordinator and their own for a monitor', async () => {
    const r = await as.coordinator.get<StatsAnswer>('/api/stats/counts?unit=violations&by=form,period&grain=quarter');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      tier: 'restricted', coverage: 'organisation', total: 10, selfDecided: 0,
      rule: { unit: 'violations', records: 'reported', date: 'occurred', track: 'crsv', rollup: false },
      rows: [{ key: ['forced_marriage', '2025-Q2'], value: 1 }, { key: ['rape', '2025-Q1'], value: 9 }],
    });
    const areas = await as.coordinator.get<StatsAnswer>('/api/stats/counts?unit=victims&by=admin1,victimCategory&records=verified');
    expect(areas.body.rows).toEqual([
      { key: ['CF-BGF', 'girls'], value: 2 }, { key: ['CF-BGF', 'women'], value: 6 }, { key: ['CF-UK', 'women'], value: 2 },
    ]);
    const mine = await as.monitor.get<StatsAnswer>('/api/stats/counts?by=form');
    expect(mine.body).toMatchObject({ coverage: 'own', total: 1, rows: [{ key: ['rape'], value: 1 }] });
    const [audit] = (await env.db.pool.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_log WHERE action = 'stats.counts' ORDER BY id DESC LIMIT 1")).rows;
    expect(audit!.details).toMatchObject({ by: ['form'], cells: 1 });
    expect((await as.viewer.get('/api/stats/counts')).status).toBe(403);
    expect((await as.coordinatorB.get<StatsAnswer>('/api/stats/counts')).body.total).toBe(0);
  });

  it('draws the map\'s points for those who may open the records, each at the precision it allows', async () => {
    const exact = await env.create(as.coordinator, { occurredFrom: '2025-06-01', place: { country: 'CAF', admin1: 'CF-BGF', coordinates: { lat: 4.123456, lon: 18.654321, precision: 'exact' } } });
    const coarse = await env.create(as.coordinator, { occurredFrom: '2025-06-02', place: { country: 'CAF', admin1: 'CF-BGF', displayLevel: 'admin1', coordinates: { lat: 4.2, lon: 18.6, precision: 'exact' } } });
    const r = await as.coordinator.get<PointsAnswer>('/api/stats/points?from=2025-06-01');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // Shown only at admin 1 by its coordinator: counted, never drawn as a point.
    expect(r.body).toMatchObject({ counted: 2, capped: false, withoutPoint: 1 });
    expect(r.body.points).toEqual([{ id: exact.id, reference: exact.reference, lat: 4.1235, lon: 18.6543, precision: 'exact' }]);
    expect(r.body.points.some((p) => p.id === coarse.id)).toBe(false);
    const [audit] = (await env.db.pool.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_log WHERE action = 'stats.points' ORDER BY id DESC LIMIT 1")).rows;
    expect(audit!.details).toEqual({ counted: 2, points: 1, references: [exact.reference], filters: ['from'] });
    const all = (await as.coordinator.get<PointsAnswer>('/api/stats/points?to=2025-05-31')).body;
    expect(all.points.every((p) => p.lat === 4.36 && p.lon === 18.55 && p.precision === 'approximate')).toBe(true);
    expect(all.counted).toBe(10);
    expect((await as.monitor.get<PointsAnswer>('/api/stats/points')).body.counted).toBe(1);
    expect((await as.viewer.get('/api/stats/points')).status).toBe(403);
    await env.db.pool.query('UPDATE incidents SET deleted_at = now() WHERE id = ANY($1)', [[exact.id, coarse.id]]);
  });

  it('names the field of bad input, in the reader\'s language', async () => {
    const bad = await as.coordinator.request('GET', '/api/stats/counts?by=form,form,party,period&from=2025-02-01&to=2025-01-01', undefined, { 'accept-language': 'fr' });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues!.map((i) => i.field).sort()).toEqual(['by', 'to']);
    const unit = errorOf(await as.coordinator.request('GET', '/api/stats/counts?unit=people', undefined, { 'accept-language': 'fr' }));
    expect(unit.issues).toEqual([expect.objectContaining({ field: 'unit' })]);
    expect(unit.issues![0]!.message).toMatch(/^Unité comptée/);
    const category = errorOf(await as.coordinator.get('/api/stats/counts?by=victimCategory'));
    expect(category.issues).toEqual([expect.objectContaining({ field: 'by', code: 'victim_category_needs_victims' })]);
    expect((await as.coordinator.get('/api/stats/releases/no-such-table')).status).toBe(404);
    expect(errorOf(await as.coordinator.get('/api/stats/releases/DROP TABLE')).issues![0]).toMatchObject({ field: 'release' });
  });

  it('serves the protected catalogue to viewers: consenting records of closed quarters, small counts and what would reveal them suppressed', async () => {
    const r = await as.viewer.get<ProtectedRelease>('/api/stats/releases/violations');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    expect(r.body).toMatchObject({ tier: 'protected', release: 'violations', threshold: 5, through: lastClosedQuarterEnd(today) });
    expect(r.body.computedAt.slice(0, 10)).toBe(today);
    const table = r.body.tables.find((t) => t.id === 'violations-by-quarter-and-form')!;
    const cell = (period: string, form: string) => table.cells.find((c) => c.key[0] === period && c.key[1] === form)!;
    // One forced marriage in Q2: primary, and so is Q2's total (1). With the year's total of 9 published, Q1's
    // total and its 8 rapes would give them away: suppressed too (secondary). Zeros stay published. The
    // monitor's record, without consent to figures beyond the organisation, is not counted.
    // A viewer is told a cell is suppressed, not why (a primary cell is known to be below the threshold).
    expect(cell('2025-Q2', 'forced_marriage')).toEqual({ key: ['2025-Q2', 'forced_marriage'], value: null, suppressed: 'suppressed' });
    expect(cell('2025-Q2', 'total')).toMatchObject({ value: null, suppressed: 'suppressed' });
    expect(cell('2025-Q1', 'total')).toMatchObject({ value: null, suppressed: 'suppressed' });
    expect(cell('2025-Q1', 'rape')).toMatchObject({ value: null, suppressed: 'suppressed' });
    // A coordinator, who may read the exact figures, sees the reasons.
    const reasons = (await as.coordinator.get<ProtectedRelease>('/api/stats/releases/violations')).body.tables.find((t) => t.id === 'violations-by-quarter-and-form')!;
    const reason = (period: string, form: string) => reasons.cells.find((c) => c.key[0] === period && c.key[1] === form)!.suppressed;
    expect([reason('2025-Q2', 'forced_marriage'), reason('2025-Q2', 'total'), reason('2025-Q1', 'total'), reason('2025-Q1', 'rape')]).toEqual(['primary', 'primary', 'secondary', 'secondary']);
    expect(cell('2025-Q2', 'rape')).toEqual({ key: ['2025-Q2', 'rape'], value: 0, suppressed: null });
    expect(cell('2025', 'total')).toEqual({ key: ['2025', 'total'], value: 9, suppressed: null });
    expect(cell('total', 'total')).toEqual({ key: ['total', 'total'], value: 9, suppressed: null });
    // Ouaka's 2 are suppressed in the area table, and never shown as zero.
    const areas = r.body.tables.find((t) => t.id === 'violations-by-area-and-year')!;
    const ouaka = areas.cells.find((c) => c.key[0] === 'CAF/CF-UK' && c.key[1] === '2025')!;
    expect(ouaka).toMatchObject({ value: null, suppressed: 'suppressed' });
    expect(r.body.tables.flatMap((t) => t.cells).every((c) => (c.value === null) === (c.suppressed !== null))).toBe(true);
    const [audit] = (await env.db.pool.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_log WHERE action = 'stats.release' ORDER BY id DESC LIMIT 1")).rows;
    expect(audit!.details).toEqual({ release: 'violations', threshold: 5, through: lastClosedQuarterEnd(today) });
    expect((await as.monitor.get('/api/stats/releases/violations')).status).toBe(403);
  });

  it('publishes every release for an organisation that has counted nothing yet: tables without cells, never an error', async () => {
    for (const release of ['violations', 'victims', 'parties']) {
      const r = await as.coordinatorB.get<ProtectedRelease>(`/api/stats/releases/${release}`);
      expect(r.status, `${release}: ${JSON.stringify(r.body)}`).toBe(200);
      if (release === 'parties') expect(r.body.tables.map((t) => t.cells)).toEqual([[]]);
    }
  });

  it('publishes once a day, unchanged by later writes, with the threshold set before it; a cell of few incidents is suppressed whatever its value', async () => {
    const org = (await env.db.pool.query<{ organisation_id: string }>('SELECT organisation_id FROM incidents LIMIT 1')).rows[0]!.organisation_id;
    const before = (await as.viewer.get<ProtectedRelease>('/api/stats/releases/violations')).body;
    // A new consenting record in a closed quarter, and the administrator raises the threshold: today's
    // publication does not move (figures that changed with every write could be differenced record by record).
    await env.create(as.coordinator, { occurredFrom: '2025-02-20', place: { country: 'CAF', admin1: 'CF-HK' }, violations: [{ form: 'rape', victims: { women: 6 } }], victims: { women: 6 }, consent: ['aggregate_statistics'] });
    await env.create(as.coordinator, { occurredFrom: new Date().toISOString().slice(0, 10), violations: [{ form: 'rape', victims: { women: 1 } }], victims: { women: 1 }, consent: ['aggregate_statistics'] });
    await env.db.pool.query("UPDATE incidents SET verification_status = 'verified', decided_at = now() WHERE verification_status <> 'verified' AND deleted_at IS NULL");
    const settings = (await as.admin.get<OrganisationSettings>('/api/organisation/settings')).body;
    expect(settings.disclosure).toEqual({ threshold: 5, protectZeros: false });
    const update = { fourEyes: { mode: settings.fourEyes.mode, reviewers: [] }, completeness: settings.completeness, narrativeMaxLength: settings.narrativeMaxLength, requireTotp: settings.requireTotp };
    const refused = await as.admin.request('PUT', '/api/organisation/settings', { ...update, disclosure: { threshold: 1, protectZeros: false } });
    expect([refused.status, errorOf(refused).issues![0]!.field]).toEqual([400, 'disclosure.threshold']);
    expect((await as.admin.request('PUT', '/api/organisation/settings', { ...update, disclosure: { threshold: 10, protectZeros: false } })).status).toBe(200);
    expect((await as.viewer.get<ProtectedRelease>('/api/stats/releases/violations')).body).toEqual(before);

    // Tomorrow's publication counts the new closed-quarter record (not the one of the current quarter), with the new threshold.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const next = await publishedRelease(env.ctx.db, org, releaseById('violations')!, { threshold: 10, protectZeros: false }, tomorrow);
    const quarters = next.tables.find((t) => t.id === 'violations-by-quarter-and-form')!;
    expect(quarters.cells.find((c) => c.key[0] === 'total' && c.key[1] === 'total')).toMatchObject({ value: 10 });
    expect(quarters.cells.find((c) => c.key[0] === '2025' && c.key[1] === 'rape')).toMatchObject({ value: null, suppressed: 'primary' });
    // Six victims of one incident are one incident: below the threshold of incidents, suppressed.
    const victims = await publishedRelease(env.ctx.db, org, releaseById('victims')!, { threshold: 5, protectZeros: false }, tomorrow);
    const byArea = victims.tables.find((t) => t.id === 'victims-by-area-and-category')!;
    expect(byArea.cells.find((c) => c.key[0] === 'CAF/CF-HK' && c.key[1] === 'women')).toMatchObject({ value: null, suppressed: 'primary' });
    // Every region of the country is in the table, not only those with incidents: a region with none is a
    // published zero, or suppressed where the organisation protects zeros (its absence would say "none").
    const regions = new Set(byArea.cells.map((c) => c.key[0]).filter((k): k is string => !!k?.startsWith('CAF/')));
    expect(regions.has('CAF/CF-BB')).toBe(true);
    expect(regions.size).toBeGreaterThanOrEqual(16);
    expect(byArea.cells.find((c) => c.key[0] === 'CAF/CF-BB' && c.key[1] === 'women')).toMatchObject({ value: 0, suppressed: null });
    const zeros = await publishedRelease(env.ctx.db, org, releaseById('victims')!, { threshold: 5, protectZeros: true }, new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10));
    const hidden = zeros.tables.find((t) => t.id === 'victims-by-area-and-category')!.cells.find((c) => c.key[0] === 'CAF/CF-BB' && c.key[1] === 'women')!;
    expect(hidden.value).toBeNull();
    expect(hidden.suppressed).not.toBeNull();
    expect(lastClosedQuarterEnd('2026-12-06')).toBe('2026-09-30');
    expect(lastClosedQuarterEnd('2026-01-01')).toBe('2025-12-31');
  });
});

describe.each(testServers())('statistics exports on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as } = env;

  it('writes a protected release as CSV and XLSX with the HXL row, labels, suppressed cells marked and the rule, counting consenting records only', async () => {
    for (let i = 0; i < 7; i++) await env.create(as.coordinator, { occurredFrom: '2025-02-03', violations: [{ form: 'rape', victims: { women: 1 } }], victims: { women: 1 }, consent: ['aggregate_statistics'] });
    await env.create(as.coordinator, { occurredFrom: '2025-02-04', violations: [{ form: 'rape', victims: { girls: 2 } }], victims: { girls: 2 }, consent: ['aggregate_statistics'] });
    await env.create(as.coordinator, { occurredFrom: '2025-02-05', violations: [{ form: 'rape', victims: { women: 3 } }], victims: { women: 3 } });
    await env.db.pool.query("UPDATE incidents SET verification_status = 'verified', decided_at = occurred_from + 3");
    const csv = await as.viewer.request('GET', '/api/stats/releases/victims/export?format=csv&lang=fr');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/salama-victims-\d{4}-\d{2}-\d{2}\.csv/);
    const lines = String(csv.body).replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe('tableau,period,period_label,area,area_label,victimCategory,victimCategory_label,valeur,masqué');
    expect(lines[1]).toBe('#meta+table,#date+period,#date+period+name,#adm1+code,#adm1+code+name,#affected+category,#affected+category+name,#affected+num,#meta+suppressed');
    // 7 women and 2 girls consented; the 3 women who did not are not counted. 2 girls is a small count, and the
    // 7 women would reveal it beside the total of 9.
    expect(lines).toContain('victims-by-quarter-and-category,2025-Q1,2025-Q1,total,Ensemble,total,Ensemble,9,');
    expect(lines).toContain('victims-by-quarter-and-category,2025-Q1,2025-Q1,total,Ensemble,women,Femmes,,masqué');
    expect(lines).toContain('victims-by-quarter-and-category,2025-Q1,2025-Q1,total,Ensemble,girls,Filles,,masqué');
    expect(lines.some((l) => l.includes('Compté: victimes, vérifiés seulement, par date des faits'))).toBe(true);
    const xlsx = await as.coordinator.request('GET', '/api/stats/releases/victims/export?format=xlsx&lang=ar');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect((await as.monitor.request('GET', '/api/stats/releases/victims/export')).status).toBe(403);
    const [audit] = (await env.db.pool.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_log WHERE action = 'stats.export' ORDER BY id DESC LIMIT 1")).rows;
    expect(audit!.details).toMatchObject({ release: 'victims', format: 'xlsx', lang: 'ar' });
  });

  it('names an organisation\'s own parties generically in a file that leaves it', async () => {
    const own = await as.coordinator.post<{ id: string }>('/api/parties', { name: 'Milice locale OWN-SECRET', category: 'non_state_armed_group', countries: ['CAF'] });
    expect(own.status).toBe(201);
    for (let i = 0; i < 5; i++) {
      await env.create(as.coordinator, { occurredFrom: '2025-04-0' + (i + 1), perpetrators: [{ partyId: own.body.id, category: 'non_state_armed_group' }], consent: ['aggregate_statistics'] });
    }
    await env.db.pool.query("UPDATE incidents SET verification_status = 'verified', decided_at = occurred_from + 3");
    // Inside the organisation the viewer reads the name; the export says only whose registry it is in.
    expect((await as.viewer.get<ProtectedRelease>('/api/stats/releases/parties')).body.parties[own.body.id]).toBe('Milice locale OWN-SECRET');
    const csv = String((await as.viewer.request('GET', '/api/stats/releases/parties/export?format=csv')).body);
    expect(csv).not.toContain('OWN-SECRET');
    expect(csv).toContain(`incidents-by-party-and-year,2025,2025,${own.body.id},Party 1 of the organisation's own registry,5,`);
  });
});
