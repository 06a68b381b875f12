/**
 * Security review of the reports' figures (reportFigures, the function the generation job freezes into every
 * version): suppressed cells that a reader of the documents recovers by differencing what the documents print.
 * Each test states the attack and asserts the recovered value; each FAILS once the leak is closed (they are
 * written as demonstrations: turn the final expectations round when fixing).
 *
 * 1. Year to date: a quarterly report counts "by region" and "by party" for the year to the quarter's end, so
 *    two consecutive quarterly reports (or one report and the dashboard) give a region's count for one quarter,
 *    a table no release publishes nor protects.
 * 2. The settings release publishes verified incidents per period (its total row); the parties release has no
 *    totals precisely so that one small party-year cannot be recovered. Every incident counts under at least
 *    one party code ('not_recorded' when none), so with one party per incident: suppressed = settings total -
 *    the published party cells. Both tables are printed in the same annual report (patterns, by party).
 * 3. The listing pack counts incidents by form and sums the forms into its "total" row: an incident with two
 *    forms counts twice, so the pack's total of incidents is wrong and differs from the parties release's cell
 *    it is meant to equal (and whose suppression it copies).
 * 4. The listing pack's own protection may suppress a year total (as secondary, to protect a withheld year)
 *    that the parties release publishes and the same pack prints in its persistence block: the year's small
 *    form cell is then the published total less the published forms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { incidentTestEnv } from '../incidents/incident-test-kit.ts';
import { ensureBuiltInAreas } from '../places/places.ts';
import { reportFigures, type ReportFigures } from '../stats/service.ts';
import { TOTAL_CODE } from '../shared/stats.ts';
import type { CommentList, Generation, Report } from '../shared/reports.ts';
import { runGeneration } from './generate.ts';
import { seedTemplates } from './templates.ts';

const consent = ['aggregate_statistics'];

function cell(f: ReportFigures, table: string, key: Record<string, string>): number | null | undefined {
  for (const r of f.releases) {
    const t = r.tables.find((x) => x.id === table);
    if (!t) continue;
    const c = t.cells.find((x) => t.dimensions.every((d, i) => x.key[i] === (key[d] ?? TOTAL_CODE)));
    return c === undefined ? undefined : c.value;
  }
  return undefined;
}

describe.each(testServers())('reports disclosure review on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as } = env;
  let org = '';
  const party: Record<string, string> = {};

  const incident = async (day: string, forms: string[], opts: { admin1?: string; partyId?: string } = {}) => {
    await env.create(as.coordinator, {
      occurredFrom: day, consent,
      place: { country: 'CAF', admin1: opts.admin1 ?? 'CF-BGF' },
      violations: forms.map((form) => ({ form, victims: { women: 1 } })), victims: { women: 1 },
      perpetrators: opts.partyId ? [{ partyId: opts.partyId, category: 'non_state_armed_group' }] : [],
    });
  };

  beforeAll(async () => {
    await ensureBuiltInAreas(env.ctx.db);
    await seedTemplates(env.ctx.db);
    for (const name of ['P', 'P2', 'P3']) {
      const r = await as.coordinator.post<{ id: string }>('/api/parties', { name: `Milice REVIEW-${name}`, category: 'non_state_armed_group', countries: ['CAF'] });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      party[name] = r.body.id;
    }
    // 1. Haute-Kotto: 6 in 2025-Q1, 2 in 2025-Q2; Ouaka: 20 in 2025-Q1, 10 in 2025-Q2 (no quarter-level cell is small).
    for (let i = 0; i < 6; i++) await incident(`2025-02-${String(i + 1).padStart(2, '0')}`, ['rape'], { admin1: 'CF-HK' });
    for (let i = 0; i < 2; i++) await incident(`2025-05-0${i + 1}`, ['rape'], { admin1: 'CF-HK' });
    for (let i = 0; i < 20; i++) await incident(`2025-01-${String(i + 5).padStart(2, "0")}`, ['rape'], { admin1: 'CF-UK' });
    for (let i = 0; i < 10; i++) await incident(`2025-05-${String(i + 10)}`, ['rape'], { admin1: 'CF-UK' });
    // 2. 2024: 12 incidents by P, 3 with no party recorded.
    for (let i = 0; i < 12; i++) await incident(`2024-03-${String(i + 1).padStart(2, '0')}`, ['rape'], { partyId: party.P });
    for (let i = 0; i < 3; i++) await incident(`2024-07-0${i + 1}`, ['rape']);
    // 3. 2023: 6 incidents by P2, each with two forms.
    for (let i = 0; i < 6; i++) await incident(`2023-04-0${i + 1}`, ['rape', 'sexual_slavery'], { partyId: party.P2 });
    // 4. P3: 2021: 3 (withheld by the parties release); 2022: 6 rape + 2 forced marriage; 2023: 10 rape.
    for (let i = 0; i < 3; i++) await incident(`2021-06-0${i + 1}`, ['sexual_slavery'], { partyId: party.P3 });
    for (let i = 0; i < 6; i++) await incident(`2022-06-0${i + 1}`, ['rape'], { partyId: party.P3 });
    for (let i = 0; i < 2; i++) await incident(`2022-08-0${i + 1}`, ['forced_marriage'], { partyId: party.P3 });
    for (let i = 0; i < 10; i++) await incident(`2023-09-${String(i + 10)}`, ['rape'], { partyId: party.P3 });
    await env.db.pool.query("UPDATE incidents SET verification_status = 'verified', decided_at = occurred_from + 10 WHERE verification_status <> 'verified'");
    org = (await env.db.pool.query<{ id: string }>("SELECT id FROM organisations WHERE code = 'ORG-A'")).rows[0]!.id;
  });
  afterAll(async () => {});

  it('1. two quarterly reports give a region\'s count for one quarter (year to date differenced)', async () => {
    const q1 = await reportFigures(env.ctx, org, { through: '2025-03-31' });
    const q2 = await reportFigures(env.ctx, org, { through: '2025-06-30' });
    const key = { area: 'CAF/CF-HK', period: '2025' };
    const [a, b] = [cell(q1, 'violations-by-area-and-year', key), cell(q2, 'violations-by-area-and-year', key)];
    // Both published (the "by region" block prints the year-to-date column of each report)...
    expect(a).toBe(6);
    expect(b).toBe(8);
    // ...so Haute-Kotto's 2025-Q2 count, 2, below the threshold, is read off two documents.
    expect(b! - a!).toBe(2);
    expect(b! - a!).toBeLessThan(q2.threshold);
  });

  it('2. the settings release\'s total less the published party cells gives the suppressed party cell', async () => {
    const f = await reportFigures(env.ctx, org, { through: '2024-12-31' });
    const total = cell(f, 'incidents-by-quarter-and-setting', { period: '2024' });
    const parties = f.releases.find((r) => r.id === 'parties')!.tables[0]!;
    const [p, y] = [parties.dimensions.indexOf('party'), parties.dimensions.indexOf('period')];
    const year = parties.cells.filter((c) => c.key[y] === '2024');
    const published = year.filter((c) => c.value !== null).reduce((s, c) => s + c.value!, 0);
    const suppressed = year.filter((c) => c.value === null);
    expect(total).toBe(15);
    expect(suppressed.map((c) => c.key[p])).toEqual(['not_recorded']);
    // One suppressed party-year: its value is the incidents' total less the published parties.
    expect(total! - published).toBe(3);
  });

  it('3. the listing pack\'s total of incidents counts an incident once per form', async () => {
    const f = await reportFigures(env.ctx, org, { through: '2023-12-31', partyId: party.P2 });
    const packTotal = cell(f, 'party-incidents-by-year-and-form', { period: '2023' });
    const partiesCell = cell(f, 'incidents-by-party-and-year', { party: party.P2!, period: '2023' });
    expect(partiesCell).toBe(6);
    // 6 incidents printed as 12.
    expect(packTotal).toBe(12);
  });

  it('4. the listing pack suppresses a year total the parties release publishes, and its small form cell follows', async () => {
    const f = await reportFigures(env.ctx, org, { through: '2023-12-31', partyId: party.P3 });
    const pack = (form: string) => cell(f, 'party-incidents-by-year-and-form', { period: '2022', form });
    const partiesCell = cell(f, 'incidents-by-party-and-year', { party: party.P3!, period: '2022' });
    expect(cell(f, 'incidents-by-party-and-year', { party: party.P3!, period: '2021' })).toBeNull();
    expect(partiesCell).toBe(8);
    expect(pack(TOTAL_CODE)).toBeNull();
    expect(pack('forced_marriage')).toBeNull();
    const forms = f.releases.find((r) => r.id === 'party')!.tables.find((t) => t.id === 'party-incidents-by-year-and-form')!;
    const [pe, fo] = [forms.dimensions.indexOf('period'), forms.dimensions.indexOf('form')];
    const row = forms.cells.filter((c) => c.key[pe] === '2022' && c.key[fo] !== TOTAL_CODE);
    // Exactly one form cell hidden in 2022: it is the parties release's published cell less the published forms.
    expect(row.filter((c) => c.value === null).map((c) => c.key[fo])).toEqual(['forced_marriage']);
    expect(partiesCell! - row.reduce((s, c) => s + (c.value ?? 0), 0)).toBe(2);
  });

  it('keeps the workflow\'s notes and the comments from viewers, audits reading comments, and the database refuses what the workflow forbids', async () => {
    const created = await as.coordinator.post<Report>('/api/reports', { kind: 'quarterly', period: '2025-Q1' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    // The job's own work, run here (as test/authorization/reports.test.ts does).
    env.ctx.jobs = { send: async () => null };
    const started = await as.coordinator.post<Generation>(`/api/reports/${id}/versions`, {});
    env.ctx.jobs = undefined;
    expect(started.status).toBe(202);
    await runGeneration(env.ctx, started.body.id);
    const SECRET = 'NOTE-MARKER survivor S-0042 is named in paragraph 3';
    const move = (action: string, note?: string) => as.coordinator.post<Report>(`/api/reports/${id}/versions/1/events`, { action, ...(note ? { note } : {}) });
    expect((await move('send_to_review', SECRET)).status).toBe(200);
    expect((await move('return_to_draft', SECRET)).status).toBe(200);
    expect((await move('send_to_review')).status).toBe(200);
    expect((await as.coordinator.post(`/api/reports/${id}/versions/1/comments`, { section: null, text: SECRET })).status).toBe(201);
    expect((await move('approve')).status).toBe(200);

    const viewer = await as.viewer.get<Report>(`/api/reports/${id}`);
    expect(viewer.status).toBe(200);
    expect(JSON.stringify(viewer.body)).not.toContain('NOTE-MARKER');
    expect(viewer.body.versions[0]!.events.map((e) => e.note)).toEqual([null, null, null, null, null]);
    const coordinator = await as.coordinator.get<Report>(`/api/reports/${id}`);
    expect(coordinator.body.versions[0]!.events.filter((e) => e.note === SECRET)).toHaveLength(2);

    expect((await as.coordinator.get<CommentList>(`/api/reports/${id}/versions/1/comments`)).body.items).toHaveLength(1);
    const audit = await env.audit(id, 'report.comments');
    expect(audit.map((a) => a.details)).toEqual([{ version: 1, comments: 1 }]);
    expect(await env.auditMentions('NOTE-MARKER')).toBe(0);

    const version = (await env.db.pool.query<{ id: string; snapshot: unknown }>('SELECT id, snapshot FROM report_versions WHERE report_id = $1', [id])).rows[0]!;
    await expect(env.db.pool.query(
      `INSERT INTO report_versions (organisation_id, report_id, number, template_id, snapshot, sha256, status, created_by)
       SELECT organisation_id, report_id, 2, template_id, snapshot, sha256, 'approved', created_by FROM report_versions WHERE id = $1`, [version.id],
    )).rejects.toThrow(/written as a draft/);
    for (const table of ['report_versions', 'report_events', 'report_comments', 'report_templates']) {
      await expect(env.db.pool.query(`TRUNCATE ${table} CASCADE`), table).rejects.toThrow(/refused/);
    }
  });

  it('does not let a lost generation block a report for ever', async () => {
    const created = await as.coordinator.post<Report>('/api/reports', { kind: 'quarterly', period: '2025-Q2' });
    const id = created.body.id;
    // A job that never reaches the queue (send failed, or the queue lost it): the generation stays queued.
    env.ctx.jobs = { send: async () => null };
    try {
      expect((await as.coordinator.post<Generation>(`/api/reports/${id}/versions`, {})).status).toBe(202);
      // Just asked for: it waits in the queue, and blocks a second one.
      expect((await as.coordinator.post(`/api/reports/${id}/versions`, {})).status).toBe(409);
      await env.db.pool.query("UPDATE report_generations SET created_at = now() - interval '1 hour' WHERE report_id = $1", [id]);
      const again = await as.coordinator.post<Generation>(`/api/reports/${id}/versions`, {});
      expect(again.status, JSON.stringify(again.body)).toBe(202);
      // Running with no worker holding it (its server gone while this one runs on): given up too.
      await env.db.pool.query("UPDATE report_generations SET state = 'running' WHERE id = $1", [again.body.id]);
      expect((await as.coordinator.post(`/api/reports/${id}/versions`, {})).status).toBe(202);
      const states = (await env.db.pool.query<{ state: string }>('SELECT state FROM report_generations WHERE report_id = $1 ORDER BY created_at', [id])).rows.map((r) => r.state);
      expect(states).toEqual(['failed', 'failed', 'queued']);
      // The job of a generation given up does nothing when it arrives late.
      const first = (await env.db.pool.query<{ id: string }>('SELECT id FROM report_generations WHERE report_id = $1 ORDER BY created_at LIMIT 1', [id])).rows[0]!;
      await runGeneration(env.ctx, first.id);
      expect((await env.db.pool.query('SELECT 1 FROM report_versions WHERE report_id = $1', [id])).rowCount).toBe(0);
    } finally {
      env.ctx.jobs = undefined;
    }
  });
});
