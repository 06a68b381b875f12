/**
 * Reports over real HTTP with the real job system: a quarterly report generated in the background, whose every
 * figure is the protected tier's figure counted again by the engine, with no count below the threshold in any
 * output; the same version giving the same bytes; the workflow, frozen versions, "data changed since this
 * version", what viewers may read, a listing evidence pack, templates as versions, and bad input by field.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTableColumns } from 'drizzle-orm';
import { testServers } from '../../test/helpers/db.ts';
import { startTestJobs, until } from '../../test/helpers/jobs.ts';
import { errorOf, incidentTestEnv } from '../incidents/incident-test-kit.ts';
import { ensureBuiltInAreas } from '../places/places.ts';
import { seedIndicators } from '../warnings/indicators.ts';
import { reportFigures } from '../stats/service.ts';
import { REPORT_FIELD_CLASSES } from '../shared/fields.ts';
import type { ReportDocument } from '../shared/report-document.ts';
import type { CommentList, Report, ReportList, Template, VersionChanges } from '../shared/reports.ts';
import type { Client } from '../../test/helpers/http.ts';
import { buildDocument } from './document.ts';
import { runGeneration } from './generate.ts';
import { renderPdf } from './render/pdf.ts';
import type { ReportSnapshot } from './snapshot-types.ts';
import * as tables from './tables.ts';
import { seedTemplates } from './templates.ts';

/** A real report's pages as pictures for a person to look at (test-results/report-pages/), where poppler is installed. */
function pagesOf(name: string, pdf: Buffer): void {
  if (spawnSync('pdftoppm', ['-v']).error !== undefined && process.env.CI !== 'true') return;
  const dir = join('test-results', 'report-pages', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.pdf'), pdf);
  execFileSync('pdftoppm', ['-r', '60', '-png', join(dir, 'report.pdf'), join(dir, 'page')], { stdio: 'ignore' });
  expect(readdirSync(dir).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(2);
  // What a coordinator wrote prints as written: a Typst call in a narrative is text, never run.
  const text = execFileSync('pdftotext', [join(dir, 'report.pdf'), '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  if (name.endsWith('-en')) expect(text).toContain('#read("/etc/passwd") ] <b>bold</b> *stars* $x$ @ref');
  expect(text).not.toContain('root:x:0');
}

const INJECTION = 'Access was denied in #read("/etc/passwd") ] <b>bold</b> *stars* $x$ @ref\n\nSecond paragraph = heading?';

describe('reports: the columns', () => {
  it('classifies every column of every table of the capability', () => {
    const byTable: Record<string, object> = {
      report_templates: tables.reportTemplates, reports: tables.reports, report_narratives: tables.reportNarratives, report_versions: tables.reportVersions,
      report_events: tables.reportEvents, report_comments: tables.reportComments, report_generations: tables.reportGenerations,
    };
    for (const [name, table] of Object.entries(byTable)) {
      expect(Object.keys(getTableColumns(table as typeof tables.reports)).sort(), name).toEqual(Object.keys(REPORT_FIELD_CLASSES[name as keyof typeof REPORT_FIELD_CLASSES]).sort());
    }
  });
});

describe.each(testServers())('reports on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as } = env;
  let stopJobs: () => Promise<void>;
  let reportId = '';
  let partyId = '';

  const generate = async (c: Client, id: string): Promise<Report> => {
    const started = await c.post<{ id: string }>(`/api/reports/${id}/versions`, {});
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    return until(async () => (await c.get<Report>(`/api/reports/${id}`)).body, (r) => r.generation?.state === 'done' || r.generation?.state === 'failed', 60_000);
  };
  const snapshotOf = async (id: string, n: number) =>
    (await env.db.pool.query<{ snapshot: ReportSnapshot; sha256: string }>('SELECT snapshot, sha256 FROM report_versions WHERE report_id = $1 AND number = $2', [id, n])).rows[0]!;
  const verifyAll = () => env.db.pool.query("UPDATE incidents SET verification_status = 'verified', decided_at = occurred_from + 10 WHERE verification_status <> 'verified'");

  beforeAll(async () => {
    await ensureBuiltInAreas(env.ctx.db);
    await seedTemplates(env.ctx.db);
    stopJobs = await startTestJobs(env.ctx, env.db.url);
    const party = await as.coordinator.post<{ id: string }>('/api/parties', { name: 'Milice REPORT-OWN', category: 'non_state_armed_group', countries: ['CAF'] });
    partyId = party.body.id;
    const consent = ['aggregate_statistics'];
    // 2024-Q4: 6 rape incidents; 2025-Q1: 12 rape in Bangui (the party's), 3 forced marriages in Ouaka (below the threshold).
    for (let i = 0; i < 6; i++) await env.create(as.coordinator, { occurredFrom: `2024-11-0${i + 1}`, violations: [{ form: 'rape', victims: { women: 1 } }], victims: { women: 1 }, consent });
    for (let i = 0; i < 12; i++) {
      await env.create(as.coordinator, {
        occurredFrom: `2025-02-${String(i + 1).padStart(2, '0')}`, violations: [{ form: 'rape', victims: { women: 1 } }], victims: { women: 1 }, consent,
        perpetrators: [{ partyId, category: 'non_state_armed_group' }],
      });
    }
    for (let i = 0; i < 3; i++) await env.create(as.coordinator, { occurredFrom: '2025-03-05', place: { country: 'CAF', admin1: 'CF-UK' }, violations: [{ form: 'forced_marriage', victims: { girls: 1 } }], victims: { girls: 1 }, consent });
    await verifyAll();
  });
  afterAll(async () => { await stopJobs(); });

  it('generates a quarterly report in the background whose every figure is the engine\'s protected figure', async () => {
    const created = await as.coordinator.post<Report>('/api/reports', { kind: 'quarterly', period: '2025-Q1' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    reportId = created.body.id;
    expect(created.body).toMatchObject({ periodFrom: '2025-01-01', periodTo: '2025-03-31', status: null, template: { version: 0 } });
    expect((await as.coordinator.put(`/api/reports/${reportId}/narratives/overview`, { text: INJECTION })).status).toBe(200);
    expect((await as.coordinator.put(`/api/reports/${reportId}/narratives/challenges`, { text: 'Access to Ouaka was limited.' })).status).toBe(200);
    const done = await generate(as.coordinator, reportId);
    expect(done.generation, JSON.stringify(done.generation)).toMatchObject({ state: 'done', progress: 100, version: 1 });
    expect(done.versions).toEqual([expect.objectContaining({ number: 1, status: 'draft', through: '2025-03-31' })]);

    const { snapshot, sha256 } = await snapshotOf(reportId, 1);
    expect(snapshot.narratives.overview).toBe(INJECTION);
    // Counted again now by the engine and protected again: the very tables the version froze.
    const org = (await env.db.pool.query<{ organisation_id: string }>('SELECT organisation_id FROM reports WHERE id = $1', [reportId])).rows[0]!.organisation_id;
    const again = await reportFigures(env.ctx, org, { through: '2025-03-31' });
    expect(snapshot.figures.releases.map((r) => ({ id: r.id, tables: r.tables }))).toEqual(again.releases.map((r) => ({ id: r.id, tables: r.tables })));
    const violations = snapshot.figures.releases.find((r) => r.id === 'violations')!.tables.find((t) => t.id === 'violations-by-quarter-and-form')!;
    expect(violations.cells.find((c) => c.key.join() === '2025-Q1,total')?.value).toBe(15);
    // The three forced marriages are below the threshold: suppressed, never printed (and so is what would give them away).
    expect(violations.cells.find((c) => c.key.join() === '2025-Q1,forced_marriage')).toMatchObject({ value: null, suppressed: 'suppressed' });
    // The organisation's own party is not named beyond it: numbered in the tables, in each language.
    expect(snapshot.figures.parties[partyId]).toEqual({
      en: "Party 1 of the organisation's own registry", fr: 'Partie 1 du registre propre de l’organisation', ar: 'الطرف 1 من السجل الخاص بالمنظمة',
    });

    const threshold = snapshot.figures.threshold;
    for (const lang of ['en', 'fr', 'ar'] as const) {
      const doc = await as.coordinator.get<ReportDocument>(`/api/reports/${reportId}/versions/1/document?lang=${lang}`);
      expect(doc.status).toBe(200);
      expect(doc.body).toEqual(buildDocument(snapshot, lang, sha256));
      expect(doc.body.blocks).toContainEqual({ type: 'narrative', text: INJECTION, empty: false });
      // No count below the threshold in any table or key figure: a number printed is 0 or at least the threshold.
      const printed = doc.body.blocks.flatMap((b) => (b.type === 'table' ? b.rows.flatMap((r) => r.cells.filter((c) => c.numeric).map((c) => c.text))
        : b.type === 'keyFigures' ? b.items.map((i) => i.value) : []));
      expect(printed.length).toBeGreaterThan(10);
      for (const text of printed) {
        const n = Number(text.replace(/[\s,\u202f\u00a0]/g, ''));
        if (Number.isFinite(n)) expect(n === 0 || n >= threshold, `${text} in ${lang}`).toBe(true);
      }
    }
  });

  it('gives the same bytes for the same version, in PDF and DOCX, English and Arabic', async () => {
    const { snapshot, sha256 } = await snapshotOf(reportId, 1);
    for (const lang of ['en', 'ar'] as const) {
      for (const format of ['pdf', 'docx'] as const) {
        const a = await as.coordinator.bytes(`/api/reports/${reportId}/versions/1/file?format=${format}&lang=${lang}`);
        const b = await as.coordinator.bytes(`/api/reports/${reportId}/versions/1/file?format=${format}&lang=${lang}`);
        expect(a.status).toBe(200);
        const [x, y] = [a.body, b.body];
        expect(x.subarray(0, 4).toString('latin1')).toBe(format === 'pdf' ? '%PDF' : 'PK\u0003\u0004');
        expect(createHash('sha256').update(x).digest('hex')).toBe(createHash('sha256').update(y).digest('hex'));
        if (format === 'pdf') {
          expect(x.equals(await renderPdf(buildDocument(snapshot, lang, sha256)))).toBe(true);
          pagesOf(`quarterly-${server.name}-${lang}`, x);
        }
        expect(a.headers.get('content-disposition')).toContain(`-v1-${lang}.${format}`);
      }
    }
    const [audit] = (await env.db.pool.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_log WHERE action = 'report.download' ORDER BY id DESC LIMIT 1")).rows;
    expect(audit!.details).toMatchObject({ version: 1, format: 'docx', lang: 'ar', sha256 });
  });

  it('moves a version through review to submitted, with comments; an approved version never changes', async () => {
    const move = (action: string, note?: string) => as.coordinator.post<Report>(`/api/reports/${reportId}/versions/1/events`, { action, ...(note ? { note } : {}) });
    expect((await move('approve')).status).toBe(409);
    expect((await move('send_to_review', 'Please check the figures')).status).toBe(200);
    const comment = await as.coordinator.post(`/api/reports/${reportId}/versions/1/comments`, { section: 'challenges', text: 'Name the roads that were closed.' });
    expect(comment.status, JSON.stringify(comment.body)).toBe(201);
    expect((await as.coordinator.post(`/api/reports/${reportId}/versions/1/comments`, { section: 'nowhere', text: 'x' })).status).toBe(400);
    expect((await as.coordinator.get<CommentList>(`/api/reports/${reportId}/versions/1/comments`)).body.items).toEqual([expect.objectContaining({ section: 'challenges' })]);
    expect((await move('approve')).status).toBe(200);
    const refused = await move('return_to_draft');
    expect(refused.status).toBe(409);
    expect(errorOf(refused).issues).toEqual([expect.objectContaining({ field: 'action', code: 'report_step' })]);
    const submitted = await move('submit');
    expect(submitted.body.versions[0]!.events.map((e) => e.action)).toEqual(['generate', 'send_to_review', 'approve', 'submit']);
    expect(submitted.body.status).toBe('submitted');
    // Not even the database lets a frozen version change or go.
    await expect(env.db.pool.query("UPDATE report_versions SET snapshot = '{}'::jsonb WHERE report_id = $1", [reportId])).rejects.toThrow(/frozen/);
    await expect(env.db.pool.query("UPDATE report_versions SET status = 'draft' WHERE report_id = $1", [reportId])).rejects.toThrow(/cannot go/);
    await expect(env.db.pool.query('DELETE FROM report_versions WHERE report_id = $1', [reportId])).rejects.toThrow(/kept/);
    await expect(env.db.pool.query('DELETE FROM report_events')).rejects.toThrow(/append-only/);
  });

  it('says the data changed since a version, with the figures that moved, and makes a new version on request', async () => {
    const quiet = await as.coordinator.get<VersionChanges>(`/api/reports/${reportId}/versions/1/changes`);
    expect(quiet.body).toMatchObject({ changed: false, moved: [] });
    for (let i = 0; i < 5; i++) await env.create(as.coordinator, { occurredFrom: '2025-01-20', violations: [{ form: 'rape', victims: { women: 1 } }], victims: { women: 1 }, consent: ['aggregate_statistics'] });
    await verifyAll();
    const moved = await as.coordinator.get<VersionChanges>(`/api/reports/${reportId}/versions/1/changes?lang=en`);
    expect(moved.body.changed).toBe(true);
    expect(moved.body.moved).toContainEqual({ table: 'Verified violations by quarter and form', row: 'Total', column: '2025 Q1', before: '15', after: '20' });
    const again = await generate(as.coordinator, reportId);
    expect(again.versions.map((v) => [v.number, v.status])).toEqual([[2, 'draft'], [1, 'submitted']]);
    expect((await as.coordinator.get<VersionChanges>(`/api/reports/${reportId}/versions/2/changes`)).body.changed).toBe(false);
  });

  it('lets viewers read approved and submitted versions only, and nobody else', async () => {
    const draftOnly = await as.coordinator.post<Report>('/api/reports', { kind: 'annual', period: '2024', annexParties: [partyId] });
    expect(draftOnly.status, JSON.stringify(draftOnly.body)).toBe(201);
    expect((await generate(as.coordinator, draftOnly.body.id)).generation?.state).toBe('done');
    const list = await as.viewer.get<ReportList>('/api/reports');
    expect(list.body.items.map((r) => [r.id, r.status, r.latestVersion])).toEqual([[reportId, 'submitted', 1]]);
    expect((await as.viewer.get(`/api/reports/${draftOnly.body.id}`)).status).toBe(404);
    const seen = (await as.viewer.get<Report>(`/api/reports/${reportId}`)).body;
    expect(seen.versions.map((v) => v.number)).toEqual([1]);
    expect(seen).toMatchObject({ narratives: [], generation: null });
    expect((await as.viewer.get(`/api/reports/${reportId}/versions/2/document`)).status).toBe(404);
    expect((await as.viewer.get(`/api/reports/${reportId}/versions/1/document?lang=fr`)).status).toBe(200);
    expect((await as.viewer.bytes(`/api/reports/${reportId}/versions/1/file?format=pdf`)).status).toBe(200);
    expect((await as.viewer.get(`/api/reports/${reportId}/versions/1/changes`)).status).toBe(403);
    expect((await as.viewer.put(`/api/reports/${reportId}/narratives/overview`, { text: 'x' })).status).toBe(403);
    for (const c of [as.monitor, as.partner, as.admin]) expect((await c.get('/api/reports')).status).toBe(403);
    expect((await as.coordinatorB.get(`/api/reports/${reportId}`)).status).toBe(404);
    expect((await as.coordinatorB.get<ReportList>('/api/reports')).body.items).toEqual([]);
  });

  it('builds a listing evidence pack for a party: its incidents by form and region, year by year', async () => {
    const created = await as.coordinator.post<Report>('/api/reports', { kind: 'listing', period: '2025', partyId });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const done = await generate(as.coordinator, created.body.id);
    expect(done.generation?.state, done.generation?.error ?? '').toBe('done');
    const { snapshot } = await snapshotOf(created.body.id, 1);
    expect(snapshot.report.party).toMatchObject({ id: partyId, names: { en: 'Milice REPORT-OWN' } });
    const forms = snapshot.figures.releases.find((r) => r.id === 'party')!.tables.find((t) => t.id === 'party-violations-by-year-and-form')!;
    expect(forms.cells.find((c) => c.key.join() === '2025,rape')?.value).toBe(12);
    const doc = (await as.coordinator.get<ReportDocument>(`/api/reports/${created.body.id}/versions/1/document?lang=en`)).body;
    expect(doc.subtitle).toContain('Milice REPORT-OWN');
    expect(doc.blocks.some((b) => b.type === 'paragraph' && b.text.includes('does not decide') === false && b.text.includes('decided in the Secretary-General'))).toBe(true);
  });

  it('tells the period\'s alerts as far as the report itself publishes: a withheld region folds into its country, few incidents are withheld', async () => {
    await seedIndicators(env.ctx.db);
    const { indicators } = (await as.coordinator.get<{ indicators: { id: string; code: string | null }[] }>('/api/warnings/indicators')).body;
    const params = { kind: 'surge', indicatorId: indicators.find((i) => i.code === 'crsv_incidents')!.id, recentDays: 7, baselineDays: 28, factor: 2, minCount: 3, minBaseline: 1 };
    const rule = await as.coordinator.post<{ id: string }>('/api/warnings/rules', { name: 'Surge per region (report test)', area: { country: 'CAF' }, per: 'admin1', params, active: true });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    // Alerts as the job raises them (the job is tested in src/warnings): Bangui, whose figures the report
    // publishes; Ouaka, whose three incidents it withholds; and one counting fewer incidents than the threshold.
    const alert = (admin1: string, day: string, value: number) => env.db.pool.query(
      `INSERT INTO warning_alerts (organisation_id, rule_id, rule_version, key, country, admin1, episode_start, explanation)
       SELECT organisation_id, id, 1, $2, 'CAF', $3, $4, $5 FROM warning_rules WHERE id = $1`,
      [rule.body.id, `CAF/${admin1}/${day}`, admin1, day, JSON.stringify({ kind: 'surge', params, asOf: day, window: { from: day, to: day }, pastWindow: null, value, baseline: 0, threshold: 3 })]);
    // A third region, so that Ouaka's suppression need not take Bangui with it.
    for (let i = 0; i < 8; i++) await env.create(as.coordinator, { occurredFrom: '2024-10-0' + (i + 1), place: { country: 'CAF', admin1: 'CF-OP' }, violations: [{ form: 'rape', victims: { women: 1 } }], victims: { women: 1 }, consent: ['aggregate_statistics'] });
    await verifyAll();
    await alert('CF-BGF', '2025-02-10', 12);
    await alert('CF-UK', '2025-03-05', 12);
    await alert('CF-BGF', '2025-03-20', 1);
    const created = await as.coordinator.post<Report>('/api/reports', { kind: 'quarterly', period: '2025-Q1' });
    expect((await generate(as.coordinator, created.body.id)).generation?.state).toBe('done');
    const { snapshot } = await snapshotOf(created.body.id, 1);
    const byArea = snapshot.figures.releases.find((r) => r.id === 'victims')!.tables.find((t) => t.id === 'victims-by-area-and-category')!;
    const published = (code: string) => byArea.cells.some((c) => c.key.join() === `${code},total` && c.value !== null && c.value > 0);
    expect([published('CAF/CF-BGF'), published('CAF/CF-UK')]).toEqual([true, false]);
    const summary = snapshot.alerts!.en;
    expect(summary.withheld).toBe(1);
    expect(summary.through).toBe('2025-03-31');
    expect(summary.rows.map((r) => [r.episodeStart, r.folded])).toEqual([['2025-02', false], ['2025-03', true]]);
    expect(summary.rows[1]!.area).not.toContain('Ouaka');
  });

  it('fails a generation whose asker is no longer a coordinator, and says why as a code the app words', async () => {
    // A generation as if a monitor had asked (a coordinator since moved to another role): the job makes nothing.
    const { rows: [g] } = await env.db.pool.query<{ id: string }>(
      'INSERT INTO report_generations (organisation_id, report_id, requested_by) SELECT organisation_id, id, $2 FROM reports WHERE id = $1 RETURNING id', [reportId, env.A.monitor.id]);
    await expect(runGeneration(env.ctx, g!.id)).rejects.toThrow();
    const seen = (await as.coordinator.get<Report>(`/api/reports/${reportId}`)).body;
    expect(seen.generation).toMatchObject({ id: g!.id, state: 'failed', error: 'not_allowed', version: null });
    expect(seen.versions.map((v) => v.number)).toEqual([2, 1]);
  });

  it('keeps templates as versions: a change is a new version, and a report remembers the one it used', async () => {
    const current = (await as.coordinator.get<{ items: Template[] }>('/api/reports/templates')).body.items.find((t) => t.kind === 'quarterly')!;
    expect(current).toMatchObject({ version: 0, builtIn: true });
    const sections = [...current.sections, { key: 'security', kind: 'narrative', block: null, title: { en: 'Security', fr: 'Sécurité', ar: 'الأمن' }, guidance: { en: '', fr: '', ar: '' } }];
    const saved = await as.coordinator.put<Template>('/api/reports/templates/quarterly', { title: current.title, sections });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, builtIn: false });
    expect((await as.coordinator.put(`/api/reports/${reportId}/narratives/security`, { text: 'Two checkpoints closed.' })).status).toBe(200);
    expect((await snapshotOf(reportId, 1)).snapshot.template.version).toBe(0);
    const bad = await as.coordinator.put('/api/reports/templates/quarterly', { title: current.title, sections: [{ ...sections[0]!, kind: 'figures', block: 'party_persistence' }, sections[0]] }, { 'accept-language': 'fr' });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues!.map((i) => i.field).sort()).toEqual(['sections.0.block', 'sections.1.key']);
    expect((await as.coordinator.get<{ items: Template[] }>('/api/reports/templates/quarterly/versions')).body.items.map((t) => t.version)).toEqual([1, 0]);
    expect((await as.coordinatorB.get<{ items: Template[] }>('/api/reports/templates')).body.items.find((t) => t.kind === 'quarterly')!.version).toBe(0);
  });

  it('refuses bad input by field, in the reader\'s language', async () => {
    const period = errorOf(await as.coordinator.request('POST', '/api/reports', { kind: 'quarterly', period: '2025-Q5' }, { 'accept-language': 'fr' }));
    expect(period.issues).toEqual([expect.objectContaining({ field: 'period', code: 'report_period' })]);
    const party = errorOf(await as.coordinator.request('POST', '/api/reports', { kind: 'listing', period: '2025' }));
    expect(party.issues).toEqual([expect.objectContaining({ field: 'partyId', code: 'required' })]);
    const unknownParty = errorOf(await as.coordinator.request('POST', '/api/reports', { kind: 'annual', period: '2025', annexParties: ['00000000-0000-4000-8000-000000000000'] }));
    expect(unknownParty.issues).toEqual([expect.objectContaining({ field: 'annexParties.0' })]);
    const future = await as.coordinator.post<Report>('/api/reports', { kind: 'annual', period: String(new Date().getUTCFullYear()) });
    const early = await as.coordinator.request('POST', `/api/reports/${future.body.id}/versions`, {});
    expect(early.status).toBe(400);
    expect(errorOf(early).issues).toEqual([expect.objectContaining({ field: 'period', code: 'period_not_ended' })]);
    expect(errorOf(await as.coordinator.request('PUT', `/api/reports/${reportId}/narratives/key_figures`, { text: 'x' })).issues).toEqual([expect.objectContaining({ field: 'key', code: 'unknown_section' })]);
    const tooLong = await as.coordinator.request('PUT', `/api/reports/${reportId}/narratives/overview`, { text: 'x'.repeat(20_001) });
    expect(errorOf(tooLong).issues).toEqual([expect.objectContaining({ field: 'text', code: 'too_long' })]);
  });
});
