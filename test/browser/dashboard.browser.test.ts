/**
 * The dashboard and the map in real Chromium, on the demo data: a coordinator chooses what is counted, the
 * choices are in the URL and a reload of that URL shows them again; each figure says its counting rule; a chart
 * downloads as PNG and SVG and its data as XLSX and CSV (checked); in Arabic the page is right to left. A viewer
 * sees the protected tables, where suppressed cells say so with their reason, never as a zero or blank. The map
 * draws from the app's own files with every request to another origin aborted (and none attempted); the
 * restricted map draws the incidents' points (the demo's synthetic coordinates), a point opens its record, and
 * the protected map never asks for points. Screenshots at 1280 and 768 px go to test-results/ for a person to
 * look at.
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
    // The Arabic words load when first chosen; the direction changes with them.
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
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

  /**
   * The map canvas read back: the share of its pixels that are not its background (the outlines were drawn), and
   * where (CSS pixels) an exact point's dot is, if any: a 3x3 block of its colour, away from the zoom buttons.
   */
  const readMap = (page: Page) => page.evaluate(async () => {
    const canvas = document.querySelector<HTMLCanvasElement>('.maplibregl-canvas');
    if (!canvas) return { share: 0, dot: null };
    const image = new Image();
    image.src = canvas.toDataURL('image/png');
    await image.decode();
    const copy = document.createElement('canvas');
    [copy.width, copy.height] = [image.width, image.height];
    const g = copy.getContext('2d')!;
    g.drawImage(image, 0, 0);
    const { data, width, height } = g.getImageData(0, 0, copy.width, copy.height);
    let drawn = 0;
    for (let i = 0; i < data.length; i += 4) if (!(data[i] === 0xee && data[i + 1] === 0xf2 && data[i + 2] === 0xf6)) drawn++;
    const isDot = (x: number, y: number) => {
      const i = (y * width + x) * 4;
      return Math.abs(data[i]! - 0xa6) < 4 && Math.abs(data[i + 1]! - 0x36) < 4 && Math.abs(data[i + 2]! - 0x03) < 4;
    };
    const scale = canvas.width / canvas.clientWidth;
    const findDot = () => {
      for (let y = 1; y < height - 1; y++) {
        for (let x = 1; x < width - 1; x++) {
          if (y < 110 * scale && (x < 60 * scale || x > width - 60 * scale)) continue;
          let all = true;
          for (let dy = -1; dy <= 1 && all; dy++) for (let dx = -1; dx <= 1 && all; dx++) all = isDot(x + dx, y + dy);
          if (all) return { x: x / scale, y: y / scale };
        }
      }
      return null;
    };
    return { share: drawn / (data.length / 4), dot: findDot() };
  });

  async function waitForMap(page: Page) {
    await page.getByTestId('map').waitFor();
    await expect.poll(async () => (await readMap(page)).share, { timeout: 20_000 }).toBeGreaterThan(0.1);
  }

  /** The points the note says are drawn, once the map says it has drawn as many (queryRenderedFeatures, on idle). */
  async function waitForPoints(page: Page): Promise<number> {
    const note = page.getByTestId('map-points-note');
    await note.waitFor();
    const said = Number(await note.getAttribute('data-points'));
    await expect.poll(() => page.getByTestId('map').getAttribute('data-points-drawn'), { timeout: 20_000 }).toBe(String(said));
    return said;
  }

  it('draws the map from the app\'s own files only, exact for a coordinator and hatched where protected', SLOW, async () => {
    const { page, attempted } = await isolatedPage();
    const pointRequests: string[] = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/stats/points') pointRequests.push(r.url()); });
    await openDashboard(page, coordinator);
    await page.getByTestId('tab-map').click();
    await waitForMap(page);
    expect(new URL(page.url()).pathname).toBe('/map');
    await expect.poll(() => page.getByTestId('map-table').locator('tbody tr').count()).toBeGreaterThan(2);
    expect(await page.getByTestId('map-legend').textContent()).toContain('None');

    // The incidents as points (the demo's synthetic coordinates), each precision in the legend, the note's counts.
    expect(await page.getByTestId('map-points-toggle').isChecked()).toBe(true);
    const drawn = await waitForPoints(page);
    expect(drawn).toBeGreaterThan(3);
    for (const p of ['exact', 'approximate', 'locality']) await page.getByTestId(`map-legend-points-${p}`).waitFor();
    const note = await page.getByTestId('map-points-note').textContent();
    expect(note).toContain(`${drawn} incidents are drawn as points.`);
    expect(note).toMatch(/\d+ incidents counted have no point/);
    expect(await page.getByTestId('map-points-capped').count()).toBe(0);
    // The same points as a list of links to their records, for the keyboard and screen readers.
    const list = page.getByTestId('map-points-list');
    await list.locator('summary').click();
    expect(await list.getByRole('link').count()).toBe(drawn);
    expect(await list.getByRole('link').first().getAttribute('href')).toMatch(/^\/incidents\/[0-9a-f-]{36}$/);
    await list.locator('summary').click();
    // The dashboard's choices and the mapped country, without a breakdown.
    const asked0 = new URL(pointRequests[0]!).searchParams;
    expect(Object.fromEntries(asked0)).toEqual({ unit: 'incidents', records: 'reported', date: 'occurred', country: 'CAF' });
    await page.waitForTimeout(500);
    await env.shot(page, 'map-coordinator-1280-en');
    expect(await accessibilityProblems(page)).toEqual([]);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('map-download-png').click()]);
    expect([...(await bytesOf(png)).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await png.saveAs(`${SHOTS}/map-download.png`);

    // A point's popup names its record and its precision; the link opens the record inside the app.
    const { dot } = await readMap(page);
    expect(dot).not.toBeNull();
    await page.locator('.maplibregl-canvas').click({ position: dot! });
    const popup = page.getByTestId('map-point-popup');
    await popup.waitFor();
    expect(await popup.textContent()).toContain('Exact location');
    const link = popup.getByRole('link');
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/incidents\/[0-9a-f-]{36}$/);
    await env.shot(page, 'map-point-popup-1280-en');
    await link.click();
    await page.waitForURL((u) => u.pathname === href);
    await page.goBack();
    await waitForMap(page);
    await waitForPoints(page);

    // The choice is in the URL; off, nothing is drawn and nothing is asked for.
    const asked = pointRequests.length;
    await page.getByTestId('map-points-toggle').uncheck();
    await page.waitForURL((u) => u.searchParams.get('points') === 'hidden');
    await expect.poll(() => page.getByTestId('map').getAttribute('data-points-drawn')).toBe('0');
    expect(await page.getByTestId('map-points-note').count()).toBe(0);
    await page.getByLabel('Form of violence').selectOption('rape');
    await expect.poll(() => page.getByTestId('map-table').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(pointRequests.length).toBe(asked);
    // Back on, the points follow the choices as the areas do.
    await page.getByTestId('map-points-toggle').check();
    const rape = await waitForPoints(page);
    expect(rape).toBeLessThanOrEqual(drawn);
    expect(new URL(pointRequests.at(-1)!).searchParams.get('form')).toBe('rape');
    await page.getByLabel('Form of violence').selectOption('');

    // Arabic, at desktop and tablet width.
    await page.getByTestId('language-switcher').selectOption('ar');
    await waitForMap(page);
    await waitForPoints(page);
    expect(await page.getByTestId('map-points-toggle').isChecked()).toBe(true);
    await page.waitForTimeout(500);
    await env.shot(page, 'map-coordinator-1280-ar');
    expect(await fitsWidth(page)).toBe(true);
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.waitForTimeout(500);
    await waitForPoints(page);
    await env.shot(page, 'map-coordinator-768-ar');
    expect(await fitsWidth(page)).toBe(true);
    await page.getByTestId('language-switcher').selectOption('en');
    await waitForMap(page);
    await waitForPoints(page);
    await page.waitForTimeout(500);
    await env.shot(page, 'map-coordinator-768-en');
    expect(await fitsWidth(page)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });

    // The protected map of the same country: suppressed regions hatched and said, and no points asked for.
    const beforeProtected = pointRequests.length;
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
    expect(await page.getByTestId('map-points-toggle').count()).toBe(0);
    expect(pointRequests.length).toBe(beforeProtected);
    expect(attempted).toEqual([]);
    expect(env.outside.filter((u) => !u.startsWith('blob:'))).toEqual([]);
    await page.context().close();

    // A viewer's map (protected only) never asks for points.
    const viewerPage = await isolatedPage();
    const viewerAsked: string[] = [];
    viewerPage.page.on('request', (r) => { if (r.url().includes('/api/stats/points')) viewerAsked.push(r.url()); });
    await openDashboard(viewerPage.page, viewer);
    await viewerPage.page.getByTestId('tab-map').click();
    await waitForMap(viewerPage.page);
    await viewerPage.page.getByTestId('map-legend-suppressed').waitFor();
    await viewerPage.page.waitForTimeout(500);
    expect(await viewerPage.page.getByTestId('map-points-toggle').count()).toBe(0);
    expect(await viewerPage.page.getByTestId('map-points-note').count()).toBe(0);
    expect(viewerAsked).toEqual([]);
    expect(viewerPage.attempted).toEqual([]);
    await viewerPage.page.context().close();
  });
});
