/**
 * The dashboard and the map in real Chromium, on the demo data: a coordinator chooses what is counted, the
 * choices are in the URL and a reload of that URL shows them again; each figure says its counting rule; a chart
 * downloads as PNG and SVG and its data as XLSX and CSV (checked); in Arabic the page is right to left. A viewer
 * sees the protected tables, where suppressed cells say so with their reason, never as a zero or blank. The map
 * draws from the app's own files with every request to another origin aborted (and none attempted). Screenshots
 * at 1280 and 768 px go to test-results/ for a person to look at.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, loadDemo } from '../../src/demo/demo.ts';
import { resetPassword } from '../../src/identity/users.ts';
import { PASSWORD } from '../helpers/http.ts';
import { accessibilityProblems, hasBrowser, SHOTS, startBrowserApp, type BrowserApp } from './browser-kit.ts';

const ORG = 'DEMO-CAF-WPA';
const SLOW = { timeout: 180_000 };

const bytesOf = async (d: Download) => new Uint8Array(await readFile(await d.path()));
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe.skipIf(!hasBrowser)('the dashboard and the map in Chromium', () => {
  let env: BrowserApp;
  const coordinator = demoEmail(ORG, 'coordinator');
  const viewer = demoEmail(ORG, 'viewer');
  const monitor = demoEmail(ORG, 'monitor');

  beforeAll(async () => {
    env = await startBrowserApp('ORG-D');
    await loadDemo(env.ctx, { scale: 0.5 });
    for (const email of [coordinator, viewer, monitor]) await resetPassword(env.ctx.db, email, PASSWORD);
  }, 300_000);
  afterAll(async () => { await env?.close(); });

  /** A page whose requests to anywhere but the app are aborted and listed. */
  async function isolatedPage(width = 1280): Promise<{ page: Page; attempted: string[] }> {
    const page = await env.newPage({ width, height: 900 });
    const attempted: string[] = [];
    await page.route((url) => !url.href.startsWith(env.base) && url.protocol !== 'data:' && url.protocol !== 'blob:', async (route) => {
      attempted.push(route.request().url());
      await route.abort();
    });
    return { page, attempted };
  }

  /** Opens a figure's table (it may be open already). */
  async function openTable(page: Page, id: string) {
    const details = page.getByTestId(`figure-${id}`).locator('details');
    if (await details.getAttribute('open') === null) await details.locator('summary').click();
    await page.getByTestId(`${id}-table`).waitFor();
  }

  async function openDashboard(page: Page, email: string, query = '') {
    await env.signIn(page, email);
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${env.base}/dashboard${query}`);
    await page.getByTestId('dashboard-controls').waitFor();
  }

  it('keeps a coordinator\'s choices in the URL, says what each figure counts, and downloads charts and data', SLOW, async () => {
    const { page, attempted } = await isolatedPage();
    await openDashboard(page, coordinator);
    expect(await page.getByTestId('nav-dashboard').getAttribute('aria-current')).toBe('page');
    await page.getByTestId('trends-chart').waitFor();
    await page.getByTestId('settings-chart').waitFor();
    await env.shot(page, 'dashboard-coordinator-default-1280-en');

    await page.getByLabel('Count', { exact: true }).selectOption('violations');
    await page.getByLabel('Verified only', { exact: true }).check();
    await page.getByLabel('Country', { exact: true }).selectOption('CAF');
    await page.getByLabel('Form of violence').selectOption('rape');
    await page.getByLabel('Period by').selectOption('decided');
    await page.getByLabel('Period by').selectOption('occurred');
    await page.locator('#dash-from').fill('2020-01-01');
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ unit: 'violations', records: 'verified', country: 'CAF', form: 'rape', from: '2020-01-01' });

    // The shared address restores every choice.
    const fresh = await env.newPage();
    await env.signIn(fresh, coordinator);
    await fresh.getByTestId('current-user').waitFor();
    await fresh.goto(url.href);
    await fresh.getByTestId('parties-chart').waitFor();
    expect(await fresh.getByLabel('Count', { exact: true }).inputValue()).toBe('violations');
    expect(await fresh.getByLabel('Verified only', { exact: true }).isChecked()).toBe(true);
    expect(await fresh.getByLabel('Country', { exact: true }).inputValue()).toBe('CAF');
    expect(await fresh.getByLabel('Form of violence').inputValue()).toBe('rape');
    expect(await fresh.locator('#dash-from').inputValue()).toBe('2020-01-01');
    // Every figure says what it counts, whose records and when.
    const meta = await fresh.getByTestId('parties-meta').textContent();
    expect(meta).toContain('Counts violations, verified only, by date of occurrence.');
    expect(meta).toContain('All records of your organisation.');
    expect(meta).toContain('Figures as of');
    expect(await fresh.getByTestId('trends-meta').textContent()).toContain('Counts victims, verified only, by date of occurrence.');
    await fresh.context().close();

    // A chart as PNG and SVG, its data as XLSX and CSV.
    await page.getByTestId('parties-chart').waitFor();
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('parties-download-png').click()]);
    expect(png.suggestedFilename()).toMatch(/^salama-parties-\d{4}-\d{2}-\d{2}\.png$/);
    expect([...(await bytesOf(png)).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await png.saveAs(`${SHOTS}/dashboard-download-parties.png`);
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('parties-download-svg').click()]);
    const svgText = Buffer.from(await bytesOf(svg)).toString('utf8');
    expect(svgText.startsWith('<svg')).toBe(true);
    expect(svgText).toContain('violations, verified only, by date of occurrence');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('parties-download-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bytesOf(xlsx)).buffer);
    const [data, about] = workbook.worksheets;
    expect(data!.getRow(1).values).toEqual([undefined, 'Party', 'Form', 'Count', 'party_code', 'form_code']);
    expect(data!.rowCount).toBeGreaterThan(1);
    expect(data!.getRow(2).getCell(5).value).toBe('rape');
    expect(about!.getColumn(2).values.map(String).join(' ')).toContain('Counts violations, verified only, by date of occurrence.');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('settings-download-csv').click()]);
    const csvBytes = await bytesOf(csv);
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(Buffer.from(csvBytes).toString('utf8')).toContain('Setting,Count,setting_code');

    await page.locator('#figure-parties, [data-testid="figure-parties"] details summary').first().click();
    await env.shot(page, 'dashboard-coordinator-1280-en');
    expect(await fitsWidth(page)).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);

    // Arabic: right to left, the same figures in Arabic words.
    await page.getByTestId('language-switcher').selectOption('ar');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByTestId('parties-chart').waitFor();
    expect(await page.getByTestId('parties-meta').textContent()).toContain('الانتهاكات، المتحقق منها فقط، حسب تاريخ الوقوع');
    await page.waitForTimeout(300);
    await env.shot(page, 'dashboard-coordinator-1280-ar');
    expect(await fitsWidth(page)).toBe(true);
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.waitForTimeout(300);
    await env.shot(page, 'dashboard-coordinator-768-ar');
    expect(await fitsWidth(page)).toBe(true);
    await page.getByTestId('language-switcher').selectOption('en');
    await page.waitForTimeout(300);
    await env.shot(page, 'dashboard-coordinator-768-en');
    expect(await fitsWidth(page)).toBe(true);
    expect(attempted).toEqual([]);
    await page.context().close();
  });

  it('opens on the dashboard after signing in, for every role that sees figures', SLOW, async () => {
    for (const email of [coordinator, monitor, viewer]) {
      const page = await env.newPage();
      await env.signIn(page, email, '/');
      await page.getByTestId('dashboard-controls').waitFor();
      expect(new URL(page.url()).pathname).toBe('/dashboard');
      await page.context().close();
    }
  });

  it('tells a monitor the figures count only their own records', SLOW, async () => {
    const { page } = await isolatedPage();
    await openDashboard(page, monitor);
    await page.getByTestId('settings-chart').waitFor();
    expect(await page.getByTestId('settings-meta').textContent()).toContain('Only your records: those you recorded or were assigned.');
    await page.context().close();
  });

  it('shows a viewer the protected tables, suppressed cells marked (without the reason), never zero or blank', SLOW, async () => {
    const { page, attempted } = await isolatedPage();
    await openDashboard(page, viewer);
    await page.getByTestId('viewer-note').waitFor();
    expect(await page.getByTestId('view-switch').count()).toBe(0);
    const table = page.getByTestId('violations-by-area-and-year-table');
    await openTable(page, 'violations-by-area-and-year');
    const marks = table.getByTestId('suppressed-cell');
    expect(await marks.count()).toBeGreaterThan(0);
    // The reason narrows what can be deduced: a viewer reads "suppressed" alone.
    for (const text of await marks.allTextContents()) expect(text).toBe('suppressed');
    const cells = await table.locator('td.suppressed').allTextContents();
    expect(cells.every((c) => c.trim() !== '' && c.trim() !== '0')).toBe(true);
    expect(await page.getByTestId('suppression-legend').first().textContent()).toContain('Suppressed: a small count');
    expect(await page.getByTestId('figure-violations-by-area-and-year').textContent()).toContain('closed quarters');
    await page.getByTestId('violations-by-area-and-year-chart').waitFor();
    await env.shot(page, 'dashboard-viewer-1280-en');
    expect(await fitsWidth(page)).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.waitForTimeout(300);
    await env.shot(page, 'dashboard-viewer-768-en');
    expect(await fitsWidth(page)).toBe(true);
    expect(attempted).toEqual([]);
    await page.context().close();
  });

  /** Share of the map canvas's pixels that are not its background: the outlines were drawn. */
  const drawnShare = (page: Page) => page.evaluate(async () => {
    const canvas = document.querySelector<HTMLCanvasElement>('.maplibregl-canvas');
    if (!canvas) return 0;
    const image = new Image();
    image.src = canvas.toDataURL('image/png');
    await image.decode();
    const copy = document.createElement('canvas');
    [copy.width, copy.height] = [image.width, image.height];
    const g = copy.getContext('2d')!;
    g.drawImage(image, 0, 0);
    const { data } = g.getImageData(0, 0, copy.width, copy.height);
    let drawn = 0;
    for (let i = 0; i < data.length; i += 4) if (!(data[i] === 0xee && data[i + 1] === 0xf2 && data[i + 2] === 0xf6)) drawn++;
    return drawn / (data.length / 4);
  });

  async function waitForMap(page: Page) {
    await page.getByTestId('map').waitFor();
    await expect.poll(() => drawnShare(page), { timeout: 20_000 }).toBeGreaterThan(0.1);
  }

  it('draws the map from the app\'s own files only, exact for a coordinator and hatched where protected', SLOW, async () => {
    const { page, attempted } = await isolatedPage();
    await openDashboard(page, coordinator);
    await page.getByTestId('tab-map').click();
    await waitForMap(page);
    expect(new URL(page.url()).pathname).toBe('/map');
    await expect.poll(() => page.getByTestId('map-table').locator('tbody tr').count()).toBeGreaterThan(2);
    expect(await page.getByTestId('map-legend').textContent()).toContain('None');
    await page.waitForTimeout(500);
    await env.shot(page, 'map-coordinator-1280-en');
    expect(await accessibilityProblems(page)).toEqual([]);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('map-download-png').click()]);
    expect([...(await bytesOf(png)).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await png.saveAs(`${SHOTS}/map-download.png`);

    // The protected map of the same country: suppressed regions hatched and said.
    await page.getByLabel('Protected figures').check();
    await waitForMap(page);
    await page.getByTestId('map-legend-suppressed').waitFor();
    await page.getByTestId('language-switcher').selectOption('ar');
    await waitForMap(page);
    await page.waitForTimeout(500);
    await env.shot(page, 'map-protected-1280-ar');
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.waitForTimeout(500);
    await env.shot(page, 'map-protected-768-ar');
    expect(await fitsWidth(page)).toBe(true);
    expect(attempted).toEqual([]);
    expect(env.outside.filter((u) => !u.startsWith('blob:'))).toEqual([]);
    await page.context().close();
  });
});
