/**
 * Security review of the reports' figures (reportFigures, the function the generation job freezes into every
 * version, and the documents made of them): the ways a reader of the documents could recover a suppressed cell
 * by differencing what they print, each closed and checked here.
 *
 * 1. Year to date: "by region" and "by party" for the year to a quarter's end, in two quarterly reports, would
 *    give a region's count for one quarter (a table no release protects): documents print complete years only.
 * 2. A release of incidents by setting would publish verified incidents per period, and its total less the
 *    parties release's published cells would give the suppressed party cell: reports have no such release.
 * 3. A listing pack counting incidents by form would count an incident of two forms twice in its totals: the
 *    pack counts violations (an incident of two forms is two violations).
 * 4. A pack of incidents would have year totals equal to the parties release's cells, which its own protection
 *    could suppress while the catalogue publishes them: the pack's population (violations) is another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { incidentTestEnv } from '../incidents/incident-test-kit.ts';
import { ensureBuiltInAreas } from '../places/places.ts';
import { reportFigures, type ReportFigures } from '../stats/service.ts';
import { TOTAL_CODE } from '../shared/stats.ts';
import type { CommentList, Generation, Report } from '../shared/reports.ts';
import type { ReportDocument } from '../shared/report-document.ts';
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

  it('1. prints regions and parties by complete year only, so two quarterly reports cannot be differenced', async () => {
    env.ctx.jobs = { send: async () => null };
    try {
      for (const period of ['2025-Q1', '2025-Q2']) {
        const created = await as.coordinator.post<Report>('/api/reports', { kind: 'quarterly', period });
        const started = await as.coordinator.post<Generation>(`/api/reports/${created.body.id}/versions`, {});
        await runGeneration(env.ctx, started.body.id);
        const doc = (await as.coordinator.get<ReportDocument>(`/api/reports/${created.body.id}/versions/1/document?lang=en`)).body;
        const tables = doc.blocks.filter((b) => b.type === 'table' && (b.caption.includes('by region') || b.caption.includes('by party')));
        expect(tables.length).toBe(2);
        for (const t of tables) if (t.type === 'table') expect(t.columns.map((c) => c.text).slice(1)).toEqual(['2023', '2024']);
      }
    } finally { env.ctx.jobs = undefined; }
  });

  it('2. publishes no total of incidents beside the parties release (no release by setting)', async () => {
    const f = await reportFigures(env.ctx, org, { through: '2024-12-31' });
    expect(f.releases.map((r) => r.id)).toEqual(['violations', 'victims', 'parties', 'late-verifications']);
    expect(f.releases.flatMap((r) => r.tables).some((t) => t.dimensions.length === 1 || (t.id !== 'incidents-by-party-and-year' && f.releases.find((r) => r.tables.includes(t))!.rule.unit === 'incidents'))).toBe(false);
  });

  it('3. counts a listing pack in violations: an incident of two forms is two violations, the totals their sum', async () => {
    const f = await reportFigures(env.ctx, org, { through: '2023-12-31', partyId: party.P2 });
    expect(f.releases.map((r) => [r.id, r.rule.unit])).toEqual([['party', 'violations']]);
    expect(cell(f, 'party-violations-by-year-and-form', { period: '2023' })).toBe(12);
    expect(cell(f, 'party-violations-by-year-and-form', { period: '2023', form: 'rape' })).toBe(6);
  });

  it('4. gives a pack no cell equal by construction to the parties release, and suppresses its small cells', async () => {
    const f = await reportFigures(env.ctx, org, { through: '2023-12-31', partyId: party.P3 });
    // No table of incidents in the pack: nothing in it is the parties release's cell under another protection.
    expect(f.releases.flatMap((r) => r.tables.map((t) => t.id)).sort()).toEqual(['party-violations-by-area-and-year', 'party-violations-by-year-and-form']);
    const pack = (period: string, form: string = TOTAL_CODE) => cell(f, 'party-violations-by-year-and-form', { period, form });
    // Made of fewer incidents than the threshold: suppressed whatever their value (2021's three, 2022's two forced marriages).
    expect(pack('2021')).toBeNull();
    expect(pack('2022', 'forced_marriage')).toBeNull();
    // And not to be read off the pack's own published cells.
    expect(pack('2022') === null || pack('2022', 'rape') === null).toBe(true);
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
