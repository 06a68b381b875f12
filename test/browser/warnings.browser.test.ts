/**
 * Early warning in real Chromium with the real job system: a monitor records an observation (problems named by
 * field first, a day in the future refused before sending); a coordinator defines a surge rule for a region,
 * imports a small CSV of incidents in it through the import wizard, evaluates, finds the alert in the
 * navigation's count, the dashboard's feed and the alerts list, reads its explanation and the incidents behind
 * it, acknowledges it and records an action; then reads the rule's backtest (chart, episodes); at last defines
 * a rule of each other kind through the editor. The alert page at tablet width and in Arabic; no serious WCAG
 * problem. Screenshots in test-results/ for a person to look at.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDay } from '../../src/incidents/incident-test-kit.ts';
import { seedIndicators } from '../../src/warnings/indicators.ts';
import { startTestJobs } from '../helpers/jobs.ts';
import { accessibilityProblems, hasBrowser, startBrowserApp, type BrowserApp } from './browser-kit.ts';

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const REGION = 'CF-UK'; // Ouaka
const RULE = 'Surge of sexual violence in Ouaka';

describe.skipIf(!hasBrowser)('early warning in Chromium', () => {
  let env: BrowserApp;
  let stopJobs: () => Promise<void>;
  let coordinator: Page;
  let alertUrl = '';

  beforeAll(async () => {
    env = await startBrowserApp('ORG-W');
    await seedIndicators(env.ctx.db);
    // The evaluation and the import are background jobs: the browser kit's server does not start them itself.
    stopJobs = await startTestJobs(env.ctx, env.db.url);
  });
  afterAll(async () => {
    await stopJobs?.();
    await env?.close();
  });

  const shot = async (page: Page, name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await env.shot(page, name);
  };

  it('a monitor records an observation: problems named by field first, never a day in the future', async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.monitor!.email);
    await page.getByTestId('current-user').waitFor({ state: 'attached' });
    await page.getByTestId('nav-warnings').click();
    const form = page.getByTestId('observation-form');
    await form.waitFor();
    // Monitors have the observations only: no tabs to alerts or rules.
    expect(await page.locator('.warnings-tabs').count()).toBe(0);
    await expect.poll(() => page.getByTestId('observations-empty').textContent()).toBe('No observations yet.');

    await page.locator('#f-observation-observedOn').fill(isoDay(2));
    await page.getByTestId('record-observation').click();
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    const problems = await summary.textContent();
    for (const words of ['Indicator: ', 'Date observed: cannot be later than today', 'Country: ', 'Severity: ', 'Note: fill this in']) expect(problems).toContain(words);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('error-summary');

    await page.locator('#f-observation-indicatorId').selectOption({ label: 'New checkpoints or roadblocks' });
    await page.locator('#f-observation-observedOn').fill(isoDay(-1));
    await page.locator('#f-observation-area-country').selectOption('CAF');
    await page.locator('#f-observation-area-admin1').selectOption(REGION);
    await page.getByTestId('severity-high').check();
    await page.locator('#f-observation-note').fill('Two new roadblocks on the road to the market, manned by armed men at night.');
    expect(await page.locator('#observation-note-hint').textContent()).toContain('Do not write names of survivors or witnesses');
    await expect.poll(() => summary.count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, '100-warnings-observation-form');
    await page.getByTestId('record-observation').click();

    await expect.poll(() => page.getByTestId('observation-status').textContent()).toBe('The observation was recorded.');
    const row = page.getByTestId('observation-row');
    await expect.poll(() => row.count()).toBe(1);
    const text = await row.textContent();
    for (const words of ['New checkpoints or roadblocks', 'Ouaka', 'High', 'Two new roadblocks']) expect(text).toContain(words);
    await page.context().close();
  });

  it('a coordinator defines a surge rule for a region; the editor starts at the contract\'s defaults', async () => {
    coordinator = await env.newPage();
    await env.signIn(coordinator, env.users.coordinator!.email);
    await coordinator.getByTestId('current-user').waitFor({ state: 'attached' });
    await coordinator.getByTestId('nav-warnings').click();
    await coordinator.getByTestId('alerts-page').waitFor();
    await expect.poll(() => coordinator.getByTestId('alerts-empty').textContent()).toBe('No alerts with this status.');
    await coordinator.getByRole('link', { name: 'Rules', exact: true }).click();
    await coordinator.getByTestId('new-rule').click();
    const form = coordinator.getByTestId('rule-form');
    await form.waitFor();
    for (const [field, value] of [['recentDays', '7'], ['baselineDays', '28'], ['factor', '2'], ['minCount', '3'], ['minBaseline', '1']]) {
      expect(await coordinator.locator(`#f-rule-params-${field}`).inputValue()).toBe(value);
    }
    await coordinator.getByTestId('save-rule').click();
    const problems = await coordinator.getByTestId('error-summary').textContent();
    for (const words of ['Name: fill this in', 'Country:', 'Indicator:']) expect(problems).toContain(words);

    await coordinator.locator('#f-rule-name').fill(RULE);
    await coordinator.locator('#f-rule-area-country').selectOption('CAF');
    await coordinator.locator('#f-rule-area-admin1').selectOption(REGION);
    // A region is chosen: watching each region separately is no longer offered.
    expect(await coordinator.getByTestId('per-admin1').isDisabled()).toBe(true);
    await coordinator.locator('#f-rule-params-indicatorId').selectOption({ label: 'Incidents of conflict-related sexual violence' });
    expect(await accessibilityProblems(coordinator)).toEqual([]);
    await shot(coordinator, '101-warnings-rule-form');
    await coordinator.getByTestId('save-rule').click();

    await coordinator.getByTestId('rule-page').waitFor();
    expect(await coordinator.getByTestId('rule-saved').textContent()).toContain('The rule was saved.');
    await expect.poll(() => coordinator.getByTestId('rule-description').textContent()).toContain('7 days');
  });

  it('imports a small file of incidents in the region through the wizard', async () => {
    const csv = ['date,country,region,form,women', ...[-4, -3, -3, -2, -1].map((d) => `${isoDay(d)},CAF,${REGION},rape,1`)].join('\n');
    await coordinator.getByRole('link', { name: 'Import', exact: true }).click();
    await coordinator.getByTestId('step-upload').waitFor();
    await coordinator.getByTestId('import-file').setInputFiles({ name: 'weekly-ouaka.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) });
    await coordinator.getByTestId('upload').click();
    await coordinator.getByTestId('step-columns').waitFor();
    expect(await coordinator.getByTestId('map-admin1').inputValue()).toBe('region');
    expect(await coordinator.getByTestId('map-victimsWomen').inputValue()).toBe('women');
    await coordinator.getByTestId('to-values').click();
    await coordinator.getByTestId('step-values').waitFor();
    await coordinator.getByTestId('to-check').click();
    await coordinator.getByTestId('dry-run').click();
    await coordinator.getByTestId('dry-run-report').waitFor({ timeout: 60_000 });
    expect(Number((await coordinator.getByTestId('count-created').textContent())!.replace(/[^\d]/g, ''))).toBe(5);
    await coordinator.getByTestId('to-import').click();
    await coordinator.getByTestId('run-import').click();
    await coordinator.getByTestId('import-report').waitFor({ timeout: 60_000 });
    expect(Number((await coordinator.getByTestId('count-created').textContent())!.replace(/[^\d]/g, ''))).toBe(5);
  });

  it('evaluates; the alert shows in the navigation, the dashboard and the list, with its explanation', async () => {
    await coordinator.getByTestId('nav-warnings').click();
    await coordinator.getByRole('link', { name: 'Rules', exact: true }).click();
    await coordinator.getByTestId('evaluate-now').click();
    await expect.poll(() => coordinator.getByTestId('evaluate-status').textContent()).toContain('The evaluation started');
    // The evaluation runs in the background; the page reads the alerts again while it works.
    await expect.poll(() => coordinator.getByTestId('rule-row').locator('td.num').textContent(), { timeout: 30_000 }).toBe('1');
    await expect.poll(() => coordinator.getByTestId('alert-count').textContent(), { timeout: 70_000 }).toContain('1');
    expect(await coordinator.getByTestId('alert-count').textContent()).toContain('1 new alert');

    await coordinator.getByTestId('nav-dashboard').click();
    const feed = coordinator.getByTestId('alert-feed');
    await feed.waitFor();
    expect(await feed.textContent()).toContain(RULE);
    await env.shot(coordinator, '107-warnings-dashboard-feed');

    await coordinator.getByTestId('nav-warnings').click();
    const row = coordinator.getByTestId('alert-row');
    await expect.poll(() => row.count()).toBe(1);
    const text = await row.textContent();
    for (const words of [RULE, 'Surge', 'Ouaka', '5 / 3', 'New']) expect(text).toContain(words);
    expect(await accessibilityProblems(coordinator)).toEqual([]);
    await shot(coordinator, '102-warnings-alerts');

    await row.getByRole('link', { name: RULE }).click();
    await coordinator.getByTestId('alert-page').waitFor();
    alertUrl = coordinator.url();
    const why = coordinator.getByTestId('alert-explanation');
    expect(await coordinator.getByTestId('explanation-value').textContent()).toBe('5');
    expect(await coordinator.getByTestId('explanation-threshold').textContent()).toBe('3');
    expect(await coordinator.getByTestId('explanation-window').textContent()).toMatch(/ – /);
    expect(await coordinator.getByTestId('explanation-past').textContent()).toMatch(/ – /);
    expect(await why.textContent()).toContain('Baseline (average per window)');
    expect(await coordinator.getByTestId('alert-incidents').getByRole('link').count()).toBe(5);
    expect(await coordinator.getByTestId('alert-incidents').getByRole('link').first().getAttribute('href')).toMatch(/^\/incidents\/[0-9a-f-]{36}$/);
  });

  it('acknowledges the alert and records an action; the history says who did what', async () => {
    await coordinator.getByTestId('acknowledge').click();
    await expect.poll(() => coordinator.getByTestId('workflow-status').textContent()).toBe('The alert was acknowledged.');
    expect(await coordinator.getByTestId('alert-status').first().textContent()).toBe('Acknowledged');
    // Acknowledged: no second acknowledgement is offered.
    expect(await coordinator.getByTestId('acknowledge').count()).toBe(0);
    await expect.poll(() => coordinator.getByTestId('alert-count').count()).toBe(0);

    const action = coordinator.getByTestId('workflow-action');
    await action.locator('summary').click();
    await action.getByRole('button', { name: 'Record the action' }).click();
    await expect.poll(() => action.getByTestId('error-summary').textContent()).toContain('Action: fill this in');
    await coordinator.locator('#f-alert-action-action').selectOption('protection_cluster_informed');
    await coordinator.locator('#f-alert-action-note').fill('Protection cluster coordinator briefed by phone; joint visit planned.');
    await action.getByRole('button', { name: 'Record the action' }).click();
    await expect.poll(() => coordinator.getByTestId('workflow-status').textContent()).toBe('The action was recorded.');
    expect(await coordinator.getByTestId('alert-status').first().textContent()).toBe('Action taken');
    const events = coordinator.getByTestId('alert-event');
    await expect.poll(() => events.count()).toBe(2);
    expect(await events.nth(0).textContent()).toContain('Acknowledged');
    expect(await events.nth(1).textContent()).toContain('Action taken: Protection cluster informed');
    expect(await events.nth(1).textContent()).toContain('joint visit planned');
    expect(await accessibilityProblems(coordinator)).toEqual([]);
    await shot(coordinator, '103-warnings-alert');

    await coordinator.setViewportSize({ width: 768, height: 1000 });
    expect(await fitsWidth(coordinator)).toBe(true);
    await shot(coordinator, '104-warnings-alert-tablet');
    await coordinator.setViewportSize({ width: 1280, height: 900 });
  });

  it('reads the rule\'s backtest: the series drawn, the episode in the table', async () => {
    await coordinator.getByTestId('alert-explanation').getByRole('link', { name: RULE }).click();
    await coordinator.getByTestId('rule-page').waitFor();
    const backtest = coordinator.getByTestId('backtest');
    await expect.poll(() => coordinator.getByTestId('backtest-episode').count(), { timeout: 30_000 }).toBe(1);
    expect(await coordinator.getByTestId('backtest-summary').textContent()).toMatch(/^1 episode in 1 area\(s\) from /);
    expect(await coordinator.getByTestId('backtest-episode').textContent()).toContain('Ouaka');
    const chart = coordinator.getByTestId('backtest-chart');
    await chart.locator('canvas').waitFor();
    expect(await chart.getAttribute('aria-label')).toContain('1 episode');
    await coordinator.getByTestId('backtest-draw').click();
    expect(await coordinator.getByTestId('backtest-draw').getAttribute('aria-pressed')).toBe('true');
    expect(await accessibilityProblems(coordinator)).toEqual([]);
    await backtest.scrollIntoViewIfNeeded();
    await env.shot(coordinator, '105-warnings-backtest');
  });

  it('keeps the indicators by category; adds one of its own in three languages and retires it', async () => {
    await coordinator.getByRole('link', { name: 'Indicators', exact: true }).click();
    await coordinator.getByTestId('indicators-page').waitFor();
    await expect.poll(() => coordinator.getByTestId('indicators-armed_groups').getByTestId('indicator-row').count()).toBeGreaterThan(3);
    expect(await coordinator.getByRole('heading', { name: 'Hate speech and incitement' }).count()).toBe(1);
    await coordinator.getByTestId('new-indicator').click();
    await coordinator.getByTestId('save-indicator').click();
    const problems = await coordinator.getByTestId('error-summary').textContent();
    for (const words of ['Name: give a name in at least one language', 'Category: ']) expect(problems).toContain(words);
    await coordinator.locator('#f-indicator-name-en').fill('Night curfew on women');
    await coordinator.locator('#f-indicator-name-fr').fill('Couvre-feu nocturne imposé aux femmes');
    await coordinator.locator('#f-indicator-name-ar').fill('حظر تجول ليلي على النساء');
    await coordinator.locator('#f-indicator-category').selectOption('mobility');
    expect(await accessibilityProblems(coordinator)).toEqual([]);
    await coordinator.getByTestId('save-indicator').click();
    const mine = coordinator.getByTestId('indicators-mobility').getByTestId('indicator-row').filter({ hasText: 'Night curfew on women' });
    await expect.poll(() => mine.count()).toBe(1);
    expect(await mine.textContent()).toContain('Your organisation');
    await mine.getByRole('button', { name: 'Retire Night curfew on women' }).click();
    await expect.poll(() => mine.textContent()).toContain('Retired');
    expect(await accessibilityProblems(coordinator)).toEqual([]);
    await shot(coordinator, '108-warnings-indicators');
  });

  it('reads the alert in Arabic, right to left', async () => {
    await coordinator.goto(alertUrl);
    await coordinator.getByTestId('alert-page').waitFor();
    await coordinator.getByTestId('language-switcher').selectOption('ar');
    await expect.poll(() => coordinator.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => coordinator.getByTestId('alert-status').first().textContent()).toBe('اتُّخذ إجراء');
    expect(await coordinator.getByTestId('alert-explanation').textContent()).toContain('خط الأساس');
    expect(await fitsWidth(coordinator)).toBe(true);
    expect(await accessibilityProblems(coordinator)).toEqual([]);
    await shot(coordinator, '106-warnings-alert-ar');
    await coordinator.getByTestId('language-switcher').selectOption('en');
    expect(env.outside).toEqual([]);
  });

  it('defines a rule of each other kind through the same editor: highest in N years, signals together, a party newly active', async () => {
    const define = async (name: string, kind: string, fill: () => Promise<void>, says: string) => {
      await coordinator.getByRole('link', { name: 'Rules', exact: true }).click();
      await coordinator.getByTestId('new-rule').click();
      await coordinator.getByTestId('rule-form').waitFor();
      await coordinator.locator('#f-rule-name').fill(name);
      await coordinator.locator('#f-rule-area-country').selectOption('CAF');
      await coordinator.getByTestId(`kind-${kind}`).check();
      await fill();
      await coordinator.getByTestId('save-rule').click();
      await coordinator.getByTestId('rule-page').waitFor();
      await expect.poll(() => coordinator.getByTestId('rule-description').textContent()).toContain(says);
    };
    await define('Highest abductions in three years', 'record_high', async () => {
      expect(await coordinator.locator('#f-rule-params-windowDays').inputValue()).toBe('30');
      await coordinator.locator('#f-rule-params-indicatorId').selectOption({ label: 'Abductions of women and girls' });
    }, 'higher than any 30 days in the 3 years before');
    await define('Deployment and movement together', 'combination', async () => {
      // Fewer than two signals is refused by field before anything is sent.
      await coordinator.getByRole('checkbox', { name: 'Armed group deployed near civilians' }).check();
      await coordinator.getByTestId('save-rule').click();
      expect(await coordinator.getByTestId('error-summary').textContent()).toContain('Signals:');
      await coordinator.getByRole('checkbox', { name: 'Women and girls changing their movements' }).check();
    }, 'All of: Armed group deployed near civilians, Women and girls changing their movements, observed within 14 days');
    await define('A listed or committed party newly active', 'party_active', async () => {
      expect(await coordinator.getByTestId('parties-listed').isChecked()).toBe(true);
      expect(await coordinator.locator('#f-rule-params-quietDays').inputValue()).toBe('365');
    }, 'Any party listed or bound by a commitment: at least 1 incident in the last 30 days after none in the 365 days before');
  });
});
