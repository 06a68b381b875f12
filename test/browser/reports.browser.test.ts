/**
 * Reports in real Chromium with the real job system, on the demo mission's data: a coordinator starts the
 * quarterly report of the last quarter ended, writes two narrative sections (one holding `#read(...)`, `]` and
 * `<b>`, which must print as written), generates a version and watches its progress, reads it in English and in
 * Arabic (right to left) at desktop and tablet widths, moves it to review with a comment on a section, approves
 * and submits it (each asked twice), downloads it as PDF and DOCX, then sees "Data changed since this version"
 * with the figures that moved once new verified incidents are recorded in the quarter; adds a section to the
 * listing pack's template (problems named by section and field first) and builds a pack for a party with it; a
 * viewer finds the approved report only, to read. No serious WCAG problem; screenshots in
 * test-results/ for a person to look at.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, loadDemo } from '../../src/demo/demo.ts';
import { resetPassword } from '../../src/identity/users.ts';
import { seedTemplates } from '../../src/reports/templates.ts';
import { PASSWORD, sampleIncident, signedIn } from '../helpers/http.ts';
import { startTestJobs } from '../helpers/jobs.ts';
import { accessibilityProblems, hasBrowser, startBrowserApp, type BrowserApp } from './browser-kit.ts';

const ORG = 'DEMO-CAF-WPA';
const SLOW = { timeout: 300_000 };
const INJECTION = 'Access to Ouaka was limited #read("/etc/passwd") until ] the end of <b>August</b>.\nA second line, kept.';
const CHALLENGES = 'Two roads were closed for three weeks.\n\nUnder-reporting remained high in the camps.';

const reportIdOf = (p: Page) => /\/reports\/([0-9a-f-]{36})/.exec(p.url())?.[1] ?? '';
const bytesOf = async (d: Download) => new Uint8Array(await readFile(await d.path()));
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** The quarter before the one today is in (the demo's incidents span the last two years). */
function lastQuarter(today = new Date()): { year: number; quarter: number; month: number } {
  const q = Math.floor(today.getMonth() / 3) + 1;
  const [year, quarter] = q === 1 ? [today.getFullYear() - 1, 4] : [today.getFullYear(), q - 1];
  return { year, quarter, month: quarter * 3 - 1 };
}

describe.skipIf(!hasBrowser)('reports in Chromium', () => {
  let env: BrowserApp;
  let stopJobs: () => Promise<void>;
  let page: Page;
  let reportUrl = '';
  const coordinator = demoEmail(ORG, 'coordinator');
  const viewer = demoEmail(ORG, 'viewer');
  const period = lastQuarter();

  beforeAll(async () => {
    env = await startBrowserApp('ORG-REP');
    await loadDemo(env.ctx, { scale: 0.5 });
    for (const email of [coordinator, viewer]) await resetPassword(env.ctx.db, email, PASSWORD);
    // As `salama start` does (the reports capability's start): the built-in templates.
    await seedTemplates(env.ctx.db);
    // Generation is a background job: the browser kit's server does not start the jobs itself.
    stopJobs = await startTestJobs(env.ctx, env.db.url);
  }, 300_000);
  afterAll(async () => {
    await stopJobs?.();
    await env?.close();
  });

  const shot = async (p: Page, name: string) => {
    await p.evaluate(() => window.scrollTo(0, 0));
    await env.shot(p, name);
  };
  async function language(p: Page, lng: 'en' | 'ar') {
    await p.getByTestId('language-switcher').selectOption(lng);
    await expect.poll(() => p.evaluate(() => document.documentElement.lang)).toBe(lng);
  }
  async function tab(p: Page, name: 'write' | 'versions' | 'read' | 'comments') {
    await p.getByTestId(`tab-${name}`).click();
    await p.getByTestId(`report-${name}`).waitFor();
  }
  /** Generates a version from the Versions tab and waits until it is made. */
  async function generate(p: Page, expected: number, shotName?: string) {
    await tab(p, 'versions');
    await p.getByTestId('generate').click();
    // The bar shows while the job works (it may be done before the first read comes back).
    await expect.poll(async () => (await p.getByTestId('generation-progress').count()) + (await p.getByTestId('generation-outcome').textContent() ?? '').length).toBeGreaterThan(0);
    if (shotName && await p.getByTestId('generation-progress').count()) await shot(p, shotName);
    // The generation as the server has it, to say why if it never ends.
    const state = () => p.evaluate(async (url) => JSON.stringify((await (await fetch(url, { headers: { accept: 'application/json' } })).json() as { generation: unknown }).generation), `/api/reports/${reportIdOf(p)}`);
    await expect.poll(async () => `${await p.getByTestId('generation-outcome').textContent()} ${await p.getByTestId('generation-failed').count() ? await state() : ''}`, { timeout: 240_000 })
      .toContain(`Version ${expected} is ready.`);
    await p.getByTestId(`version-${expected}`).waitFor();
  }

  it('a coordinator starts the quarterly report, writes two sections and generates a version', SLOW, async () => {
    page = await env.newPage();
    await env.signIn(page, coordinator, '/reports');
    await page.getByTestId('reports-page').waitFor();
    expect(await page.getByTestId('nav-reports').getAttribute('aria-current')).toBe('page');
    await expect.poll(() => page.getByTestId('reports-empty').textContent()).toBe('No reports yet.');

    await page.getByTestId('new-report').click();
    await page.getByTestId('report-year').selectOption(String(period.year));
    await page.getByTestId('report-quarter').selectOption(String(period.quarter));
    // A listing pack needs its party: named by field before anything is sent.
    await page.getByTestId('kind-listing').check();
    await page.getByTestId('create-report').click();
    expect(await page.getByTestId('error-summary').textContent()).toContain('Party: fill this in');
    await page.getByTestId('kind-quarterly').check();
    await expect.poll(() => page.getByTestId('error-summary').count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, '130-reports-new');
    await page.getByTestId('create-report').click();

    await page.getByTestId('report-write').waitFor();
    reportUrl = page.url();
    expect(reportUrl).toMatch(/\/reports\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('report-facts').textContent()).toContain(`Q${period.quarter} ${period.year}`);
    // The template's sections in order: narratives to write, figures filled when a version is made.
    expect(await page.getByTestId('section-key_figures').textContent()).toContain('Figures filled from the protected tables when a version is generated');
    expect(await page.locator('#section-overview-guidance').textContent()).toContain('The main developments of the period');

    await page.getByTestId('narrative-overview').fill(INJECTION);
    expect(await page.getByTestId('state-overview').textContent()).toBe('Unsaved changes');
    await page.getByTestId('unsaved-warning').waitFor();
    await page.getByTestId('save-overview').click();
    await expect.poll(() => page.getByTestId('state-overview').textContent()).toBe('Saved.');
    await page.getByTestId('narrative-challenges').fill(CHALLENGES);
    await page.getByTestId('save-challenges').click();
    await expect.poll(() => page.getByTestId('state-challenges').textContent()).toBe('Saved.');
    await expect.poll(() => page.getByTestId('unsaved-warning').count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, '131-report-write');

    await generate(page, 1, '132-report-generating');
    const v1 = page.getByTestId('version-1');
    expect(await v1.getByTestId('report-status').textContent()).toBe('Draft');
    expect(await v1.getByTestId('version-sha').getAttribute('title')).toMatch(/^[0-9a-f]{64}$/);
    expect(await v1.getByTestId('version-event').textContent()).toContain('Generated');
    await shot(page, '133-report-versions');
  });

  it('reads the version in English and in Arabic, the narrative as written, at desktop and tablet widths', SLOW, async () => {
    await page.goto(`${reportUrl}/read?version=1&lang=en`);
    const doc = page.getByTestId('report-document');
    await doc.waitFor();
    expect(await doc.getAttribute('lang')).toBe('en');
    expect(await doc.getAttribute('dir')).toBe('ltr');
    // Printed as written: never markup.
    const narratives = await page.getByTestId('doc-narrative').allTextContents();
    expect(narratives.join('\n')).toContain('Access to Ouaka was limited #read("/etc/passwd") until ] the end of <b>August</b>.');
    expect(await page.getByTestId('doc-narrative').first().innerText()).toContain('<b>August</b>.\nA second line, kept.');
    expect(await doc.locator('b').count()).toBe(0);
    // Figures from the protected tables: tables, and charts as images (never inlined markup).
    expect(await doc.locator('table').count()).toBeGreaterThan(2);
    expect(await doc.locator('svg').count()).toBe(0);
    for (const src of await doc.locator('.rdoc-chart img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src') ?? ''))) expect(src).toMatch(/^data:image\/svg\+xml;/);
    await page.getByTestId('changes-unchanged').waitFor();
    expect(await page.getByTestId('changes-unchanged').textContent()).toContain('Figures unchanged since this version (checked');
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, '134-report-read-en-1280');

    await page.getByTestId('read-lang-ar').check();
    await expect.poll(() => doc.getAttribute('dir')).toBe('rtl');
    expect(await doc.getAttribute('lang')).toBe('ar');
    await expect.poll(() => page.getByTestId('doc-narrative').allTextContents()).toContain(INJECTION);
    await language(page, 'ar');
    await doc.waitFor();
    await page.getByTestId('changes-unchanged').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, '135-report-read-ar-1280');
    await language(page, 'en');

    const tablet = await env.newPage({ width: 820, height: 1100 });
    await env.signIn(tablet, coordinator, `${new URL(reportUrl).pathname}/read?version=1&lang=en`);
    await tablet.getByTestId('report-document').waitFor();
    await tablet.getByTestId('changes-unchanged').waitFor();
    expect(await fitsWidth(tablet)).toBe(true);
    await shot(tablet, '136-report-read-en-820');
    await tablet.getByTestId('read-lang-ar').check();
    await expect.poll(() => tablet.getByTestId('report-document').getAttribute('dir')).toBe('rtl');
    await language(tablet, 'ar');
    await expect.poll(() => tablet.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await tablet.getByTestId('report-document').waitFor();
    await tablet.getByTestId('changes-unchanged').waitFor();
    expect(await fitsWidth(tablet)).toBe(true);
    await shot(tablet, '137-report-read-ar-820');
    await tablet.context().close();
  });

  it('moves the version to review with a comment on a section, then approves and submits it, asked twice', SLOW, async () => {
    await tab(page, 'versions');
    const v1 = page.getByTestId('version-1');
    await page.getByTestId('note-1').fill('Please check the figures of the quarter.');
    await v1.getByTestId('action-send_to_review').click();
    await expect.poll(() => v1.getByTestId('report-status').textContent()).toBe('In review');

    await tab(page, 'comments');
    await expect.poll(() => page.getByTestId('comments-empty').textContent()).toBe('No comments on this version.');
    await page.getByTestId('add-comment').click();
    expect(await page.getByTestId('error-summary').textContent()).toContain('Text: fill this in');
    await page.getByTestId('comment-section').selectOption('challenges');
    await page.getByTestId('comment-text').fill('Name the roads that were closed.');
    await page.getByTestId('add-comment').click();
    await expect.poll(() => page.getByTestId('comment').count()).toBe(1);
    const list = await page.getByTestId('comment-list').textContent();
    expect(list).toContain('Challenges');
    expect(list).toContain('Name the roads that were closed.');
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, '138-report-comments');

    await tab(page, 'versions');
    // Approving is asked twice: an approved version never changes.
    await v1.getByTestId('action-approve').click();
    expect(await v1.getByTestId('confirm').textContent()).toContain('An approved version can never change. Approve version 1?');
    await shot(page, '139-report-approve-confirm');
    await v1.getByTestId('confirm-yes').click();
    await expect.poll(() => v1.getByTestId('report-status').textContent()).toBe('Approved');
    await v1.getByTestId('action-submit').click();
    await v1.getByTestId('confirm-yes').click();
    await expect.poll(() => v1.getByTestId('report-status').textContent()).toBe('Submitted');
    expect(await v1.getByTestId('version-event').allTextContents()).toEqual([
      expect.stringContaining('Generated'), expect.stringContaining('Sent to review'), expect.stringContaining('Approved'), expect.stringContaining('Submitted'),
    ]);
    expect(await v1.getByTestId('version-events').textContent()).toContain('Please check the figures of the quarter.');
    // Submitted is the last step: nothing more to do.
    expect(await v1.locator('[data-testid^="action-"]').count()).toBe(0);
  });

  it('downloads the version as PDF and DOCX', SLOW, async () => {
    await tab(page, 'read');
    for (const [id, magic] of [['download-pdf', '%PDF'], ['download-docx', 'PK\u0003\u0004']] as const) {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId(id).click()]);
      const bytes = await bytesOf(download);
      expect(Buffer.from(bytes.subarray(0, 4)).toString('latin1')).toBe(magic);
      expect(download.suggestedFilename()).toMatch(/-v1-en\.(pdf|docx)$/);
    }
  });

  it('says the data changed since the version when verified incidents are recorded in the quarter', SLOW, async () => {
    const api = await signedIn(env.base, coordinator);
    const day = `${period.year}-${String(period.month).padStart(2, '0')}-14`;
    for (let i = 0; i < 5; i++) {
      const made = await api.post<{ id: string }>('/api/incidents', sampleIncident({
        occurredFrom: day, victims: { women: 1 }, violations: [{ form: 'rape', victims: { women: 1 } }], consent: ['aggregate_statistics'],
      }));
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      // Verification is decided through the decision panel with four eyes: set here, it is not what this test is about.
      await env.db.pool.query("UPDATE incidents SET verification_status = 'verified', decided_at = occurred_from + 10 WHERE id = $1", [made.body.id]);
    }
    await page.goto(`${reportUrl}/read?version=1&lang=en`);
    const banner = page.getByTestId('changes-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Data changed since this version');
    await expect.poll(() => page.getByTestId('moved-figure').count()).toBeGreaterThan(0);
    const rape = page.getByTestId('moved-figure').filter({ hasText: 'Rape' }).first();
    expect(await rape.count()).toBe(1);
    await shot(page, '140-report-data-changed');

    // A new version from the banner itself, read from its link.
    await banner.getByTestId('generate').click();
    await expect.poll(() => banner.getByTestId('generation-outcome').textContent(), { timeout: 120_000 }).toContain('Version 2 is ready.');
    await banner.getByRole('link', { name: 'Read it' }).click();
    await expect.poll(() => page.getByTestId('read-version').inputValue()).toBe('2');
    await page.getByTestId('report-document').waitFor();
    await expect.poll(() => page.locator('.rdoc-running').textContent()).toContain('version 2');
  });

  it('adds a section to the listing pack\'s template: checked as the server checks it, saved as a new version', SLOW, async () => {
    await page.goto(`${env.base}/reports/templates?kind=listing`);
    const editor = page.getByTestId('template-editor');
    await editor.waitFor();
    expect(await page.getByTestId('template-current').textContent()).toContain('Built-in template');
    const count = await page.locator('[data-testid^="template-section-"]').count();
    await page.getByTestId('add-section').click();
    const n = count;
    // A key written wrongly and a figures section with no figures: named by section and field before sending.
    await page.getByTestId(`section-key-${n}`).fill('Context note');
    await page.getByTestId(`section-kind-${n}`).selectOption('figures');
    await page.getByTestId(`section-block-${n}`).selectOption('');
    await page.getByTestId('save-template').click();
    const problems = await page.getByTestId('error-summary').textContent();
    expect(problems).toContain(`Section ${n + 1} – Key: use lower-case letters`);
    expect(problems).toContain(`Section ${n + 1} – Title in English: fill this in`);
    expect(problems).toContain(`Section ${n + 1} – Figures shown: choose figures this kind of report can show`);
    await page.getByTestId(`section-key-${n}`).fill('context_note');
    await page.getByTestId(`section-kind-${n}`).selectOption('narrative');
    await page.getByTestId(`section-title-${n}-en`).fill('Context of the year');
    await page.getByTestId(`section-title-${n}-ar`).fill('سياق السنة');
    // Moved up before the last section.
    await page.getByTestId(`section-up-${n}`).click();
    await expect.poll(() => page.getByTestId(`section-key-${n - 1}`).inputValue()).toBe('context_note');
    await expect.poll(() => page.getByTestId('error-summary').count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, '143-report-template-editor');
    expect(await page.getByTestId('save-template').textContent()).toBe('Save as version 1');
    await page.getByTestId('save-template').click();
    await expect.poll(() => page.getByTestId('template-saved').textContent()).toBe('Saved as version 1.');
    await expect.poll(() => page.getByTestId('template-current').textContent()).toContain('Your organisation\'s template, version 1');
    await expect.poll(() => page.getByTestId('template-version').allTextContents()).toEqual([expect.stringContaining('Version 1'), expect.stringContaining('Built-in (version 0)')]);
  });

  it('builds a listing evidence pack for a party and generates it', SLOW, async () => {
    await page.goto(`${env.base}/reports`);
    await page.getByTestId('new-report').click();
    await page.getByTestId('kind-listing').check();
    await page.getByTestId('report-year').selectOption(String(period.year - 1));
    const picker = page.getByTestId('picker-f-report-partyId');
    await picker.locator('input').fill('DEMO-NSAG-A');
    await picker.locator('[role="option"]').first().click();
    await page.getByTestId('create-report').click();
    await page.getByTestId('report-write').waitFor();
    expect(await page.getByTestId('report-facts').textContent()).toContain('DEMO-NSAG-A');
    // The template's new section is there to write.
    await page.getByTestId('section-context_note').waitFor();
    await page.getByTestId('narrative-summary').fill('The pattern persists over three years.');
    await page.getByTestId('save-summary').click();
    await expect.poll(() => page.getByTestId('state-summary').textContent()).toBe('Saved.');
    await generate(page, 1);
    await page.getByTestId('generation-outcome').getByRole('link', { name: 'Read it' }).click();
    const doc = page.getByTestId('report-document');
    await doc.waitFor();
    expect(await doc.textContent()).toContain('DEMO-NSAG-A');
    expect(await doc.textContent()).toContain('The pattern persists over three years.');
    await shot(page, '141-report-listing-pack');
    await page.context().close();
  });

  it('a viewer finds the approved report only, to read, with no step to take', SLOW, async () => {
    const p = await env.newPage();
    await env.signIn(p, viewer, '/reports');
    const rows = p.getByTestId('report-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(`Q${period.quarter} ${period.year}`);
    expect(await p.getByTestId('new-report').count()).toBe(0);
    expect(await p.getByTestId('templates-tab').count()).toBe(0);
    await rows.first().getByRole('link').click();
    await p.getByTestId('report-read').waitFor();
    expect(await p.locator('[data-testid^="tab-"]').allTextContents()).toEqual(['Read', 'Versions']);
    // The submitted version only (version 2 is a draft), and no check of moved figures (coordinators').
    await expect.poll(() => p.getByTestId('read-version').locator('option').allTextContents()).toEqual(['Version 1 – Submitted']);
    await p.getByTestId('report-document').waitFor();
    expect(await p.getByTestId('changes-unchanged').count() + await p.getByTestId('changes-banner').count()).toBe(0);
    await tab(p, 'versions');
    expect(await p.getByTestId('generate').count()).toBe(0);
    expect(await p.locator('[data-testid^="action-"]').count()).toBe(0);
    expect(await p.getByTestId('note-1').count()).toBe(0);
    expect(await accessibilityProblems(p)).toEqual([]);
    await shot(p, '142-report-viewer');
    await p.context().close();
  });
});
