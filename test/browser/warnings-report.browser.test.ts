/**
 * The alert summary for headquarters in real Chromium: alerts set up through the API (a surge rule per region
 * over the Central African Republic, recent incidents in two regions, verified victims long ago in one of them
 * so the protected tier publishes it), evaluated. A viewer reaches the summary from the navigation (their only
 * early-warning screen, no tabs), reads one row per alert without any figure, the named region and the one
 * told for the country with its mark and reason, downloads the CSV (checked cell by cell) and reads the page in
 * Arabic on a tablet; a coordinator reaches it from the section's tabs; a monitor is told the screen is not
 * theirs. Screenshots in test-results/ for a person to look at.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDay } from '../../src/incidents/incident-test-kit.ts';
import type { Alert, AlertList, IndicatorList } from '../../src/shared/warnings.ts';
import { seedIndicators } from '../../src/warnings/indicators.ts';
import { evaluateRules } from '../../src/warnings/job.ts';
import { signedIn, type Client } from '../helpers/http.ts';
import { accessibilityProblems, hasBrowser, SHOTS, startBrowserApp, type BrowserApp } from './browser-kit.ts';

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const NAMED = 'CF-UK'; // Ouaka: verified victims long ago, so its total is published
const FOLDED = 'CF-BB'; // Bamingui-Bangoran: nothing published, so its alert is told for the country
const INDICATOR = 'Incidents of conflict-related sexual violence';

describe.skipIf(!hasBrowser)('the alert summary for headquarters in Chromium', () => {
  let env: BrowserApp;
  let viewer: Page;

  beforeAll(async () => {
    env = await startBrowserApp('ORG-WR');
    await seedIndicators(env.ctx.db);
    const monitor = await signedIn(env.base, env.users.monitor!.email);
    const coordinator = await signedIn(env.base, env.users.coordinator!.email);
    const incident = async (api: Client, day: number, region: string, women: number) => {
      const r = await api.post('/api/incidents', {
        occurredFrom: isoDay(day), dateEstimated: false, place: { country: 'CAF', admin1: region }, victims: { women },
        violations: [{ form: 'rape', victims: { women } }], perpetrators: [{ party: 'Unknown TEST group', category: 'non_state_armed_group' }],
        consent: ['aggregate_statistics'],
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    };
    for (let i = 0; i < 6; i++) await incident(monitor, -300, NAMED, 2);
    await env.db.pool.query("UPDATE incidents SET verification_status = 'verified', decided_at = occurred_from + 10 WHERE occurred_from = $1", [isoDay(-300)]);
    // Five incidents in each region: an alert counting fewer than the threshold (5) would be withheld from the summary.
    for (const region of [NAMED, FOLDED]) for (const day of [-4, -3, -3, -2, -1]) await incident(monitor, day, region, 1);
    const indicators = (await coordinator.get<IndicatorList>('/api/warnings/indicators')).body.indicators;
    const rule = await coordinator.post<{ id: string }>('/api/warnings/rules', {
      name: 'Surge of sexual violence by region', area: { country: 'CAF' }, per: 'admin1',
      params: { kind: 'surge', indicatorId: indicators.find((i) => i.code === 'crsv_incidents')!.id, recentDays: 7, baselineDays: 28, factor: 2, minCount: 3, minBaseline: 1 },
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    await evaluateRules(env.ctx.db, env.users.coordinator!.organisationId);
    const alerts = (await coordinator.get<AlertList>(`/api/warnings/alerts?ruleId=${rule.body.id}`)).body.alerts;
    expect(alerts.map((a) => a.area.admin1).sort()).toEqual([FOLDED, NAMED].sort());
    // What was done about the named region's alert.
    const named = alerts.find((a) => a.area.admin1 === NAMED)!;
    for (const step of [{ kind: 'acknowledge' }, { kind: 'action', action: 'protection_cluster_informed', note: 'Cluster briefed by phone' }]) {
      const r = await coordinator.post<Alert>(`/api/warnings/alerts/${named.id}/events`, step);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
  });
  afterAll(async () => { await env?.close(); });

  const shot = async (page: Page, name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await env.shot(page, name);
  };

  it('a viewer reaches the summary from the navigation: a row an alert, no figure, the folded region marked and explained', async () => {
    viewer = await env.newPage();
    await env.signIn(viewer, env.users.viewer!.email, '/');
    await viewer.getByTestId('current-user').waitFor({ state: 'attached' });
    await viewer.getByTestId('nav-warnings').click();
    await viewer.getByTestId('report-page').waitFor();
    expect(new URL(viewer.url()).pathname).toBe('/warnings/report');
    expect(await viewer.title()).toContain('Alert summary for headquarters');
    // The summary is the viewers' only early-warning screen: no tabs to alerts or rules.
    expect(await viewer.locator('.warnings-tabs').count()).toBe(0);
    const rows = viewer.getByTestId('report-row');
    await expect.poll(() => rows.count()).toBe(2);
    const about = await viewer.getByTestId('report-about').textContent();
    expect(about).toMatch(/^This summary carries no figures: .* \(smallest count shown \d+, counted up to \d{1,2} \w+ \d{4}\)\.$/);
    expect(await viewer.getByTestId('report-summary').textContent()).toMatch(/^2 alerts whose episode began from /);
    // The default period: the last 90 days.
    expect(await viewer.locator('#f-report-from').inputValue()).toBe(isoDay(-90));
    expect(await viewer.locator('#f-report-to').inputValue()).toBe(isoDay(0));

    const named = rows.filter({ hasText: 'Ouaka' });
    const namedText = await named.textContent();
    for (const words of ['Surge', INDICATOR, 'Still going on', 'Action taken', 'Protection cluster informed']) expect(namedText).toContain(words);
    expect(await named.getByTestId('report-folded').count()).toBe(0);
    const folded = rows.filter({ has: viewer.getByTestId('report-folded') });
    expect(await folded.count()).toBe(1);
    expect(await folded.locator('th').textContent()).toBe('Central African RepublicRegion not named');
    expect(await folded.textContent()).toContain('New');
    expect(await folded.textContent()).not.toContain('Bamingui');
    expect(await viewer.getByTestId('report-folded-note').textContent()).toBe('Region not named: its figures are too small to publish, so the alert is told for the whole country.');
    // No figure of the restricted tier on the page: no "figure / threshold", no count of incidents.
    expect(await viewer.getByTestId('report-table').textContent()).not.toMatch(/\d+ \/ \d+|incidents? \d/);
    expect(await accessibilityProblems(viewer)).toEqual([]);
    await shot(viewer, '110-warnings-report');
  });

  it('downloads the same rows as CSV, in the reader\'s words, cells never formulas', async () => {
    const [file] = await Promise.all([viewer.waitForEvent('download'), viewer.getByTestId('report-download-csv').click()]);
    expect(file.suggestedFilename()).toBe(`salama-alert-summary-${isoDay(-90)}-${isoDay(0)}.csv`);
    const path = `${SHOTS}/warnings-report.csv`;
    await file.saveAs(path);
    const text = await readFile(path, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe('Area,Note,Kind of rule,Indicators,Party,Episode began,Episode ended,Status,Actions taken');
    expect(lines).toHaveLength(3);
    const named = lines.find((l) => l.includes('Ouaka'))!;
    expect(named).toMatch(new RegExp(`,,Surge,${INDICATOR},,\\d{4}-\\d{2},Still going on,Action taken,Protection cluster informed$`));
    expect(lines.find((l) => !l.includes('Ouaka') && l !== lines[0])).toMatch(
      /^Central African Republic,"Region not named: its figures are too small to publish, so the alert is told for the whole country\.",Surge,.*,New,$/,
    );
  });

  it('reads the summary in Arabic on a tablet, right to left', async () => {
    await viewer.setViewportSize({ width: 768, height: 1000 });
    await viewer.getByTestId('language-switcher').selectOption('ar');
    await expect.poll(() => viewer.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => viewer.getByTestId('report-folded').textContent()).toBe('منطقة غير مسمّاة');
    expect(await viewer.getByTestId('report-about').textContent()).toContain('لا يتضمن هذا الملخص أي أرقام');
    await expect.poll(() => viewer.getByTestId('report-row').filter({ hasText: 'أُبلغت مجموعة الحماية' }).count()).toBe(1);
    expect(await fitsWidth(viewer)).toBe(true);
    expect(await accessibilityProblems(viewer)).toEqual([]);
    await shot(viewer, '111-warnings-report-ar-tablet');
    await viewer.getByTestId('language-switcher').selectOption('en');
    await viewer.setViewportSize({ width: 1280, height: 900 });
  });

  it('chooses another period; a period ending before it starts is named by field, nothing sent', async () => {
    await viewer.locator('#f-report-from').fill(isoDay(-1));
    await viewer.locator('#f-report-to').fill(isoDay(-2));
    await viewer.getByTestId('report-run').click();
    expect(await viewer.getByTestId('error-summary').textContent()).toContain('To:');
    expect(await viewer.getByTestId('report-row').count()).toBe(2);
    await viewer.locator('#f-report-to').fill(isoDay(0));
    await viewer.getByTestId('report-run').click();
    await expect.poll(() => viewer.getByTestId('report-summary').textContent()).toMatch(/^0 alerts whose episode began from /);
    expect(await viewer.getByTestId('report-download-csv').count()).toBe(0);
    await viewer.context().close();
  });

  it('a coordinator reaches it from the section\'s tabs; a monitor is told the screen is not theirs', async () => {
    const coordinator = await env.newPage();
    await env.signIn(coordinator, env.users.coordinator!.email);
    await coordinator.getByTestId('current-user').waitFor({ state: 'attached' });
    await coordinator.getByTestId('nav-warnings').click();
    await coordinator.getByTestId('alerts-page').waitFor();
    await coordinator.locator('.warnings-tabs').getByRole('link', { name: 'Summary', exact: true }).click();
    await expect.poll(() => coordinator.getByTestId('report-row').count()).toBe(2);
    expect(await coordinator.locator('.warnings-tabs [aria-current="page"]').textContent()).toBe('Summary');
    await shot(coordinator, '112-warnings-report-coordinator');
    await coordinator.context().close();

    const monitor = await env.newPage();
    await env.signIn(monitor, env.users.monitor!.email, '/warnings/report');
    await monitor.getByTestId('role-note').waitFor();
    expect(await monitor.getByTestId('report-page').count()).toBe(0);
    await monitor.context().close();
    expect(env.outside).toEqual([]);
  });
});
