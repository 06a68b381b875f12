/**
 * The Areas page in real Chromium: a coordinator finds Chad with its ISO 3166-2 regions, loads a list with
 * a problem (nothing loaded, every problem shown by row, column, value and rule), corrects it, loads it, and
 * sees Chad counted from the organisation's own list; the regions are offered by the entry form at once.
 * Monitors get no link. No serious WCAG problem in English or Arabic; screenshots at 1280 px and 768 px go to
 * test-results/ for a person to look at.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, hasBrowser, startBrowserApp, type BrowserApp } from './browser-kit.ts';

const HEADER = 'country,level,pcode,name,name_fr,name_ar,parent_pcode\n';
const CHAD = `${HEADER}TCD,1,TD-BT-01,Batha Region,Région du Batha,إقليم البطحاء,
TCD,1,TD-OD-01,Ouaddai Region,Région du Ouaddaï,إقليم وداي,
TCD,2,TD-OD-0101,Assoungha,Assoungha,أسونغا,TD-OD-01
`;
/** The same list with two mistakes: a district before its region is known, and a lower-case country code. */
const FLAWED = CHAD.replace('TD-OD-01\n', 'TD-OD-99\n').replace('TCD,1,TD-BT-01', 'tcd,1,TD-BT-01');

const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

describe.skipIf(!hasBrowser)('loading a list of areas in Chromium', () => {
  let env: BrowserApp;
  beforeAll(async () => { env = await startBrowserApp('ORG-AR'); });
  afterAll(async () => { await env?.close(); });

  const chad = (page: Page) => page.getByTestId('country-TCD');
  async function language(page: Page, lng: 'en' | 'fr' | 'ar') {
    await page.getByTestId('language-switcher').selectOption(lng);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lng);
  }

  it('shows the problems of a flawed list, then loads the corrected one and counts the country', async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByRole('link', { name: 'Areas' }).click();
    await page.getByTestId('places-page').waitFor();
    await chad(page).waitFor();
    expect(await chad(page).textContent()).toContain('ISO 3166-2');
    const isoRegions = Number(await page.getByTestId('areas-TCD').textContent());
    expect(isoRegions).toBeGreaterThan(10);
    expect(await page.getByTestId('area-sample').textContent()).toContain('country,level,pcode,name,name_fr,name_ar,parent_pcode');
    await env.shot(page, '99-areas-countries'); // every country: a long page
    await page.locator('#country-filter').fill('chad');
    await expect.poll(() => page.locator('.country-table tbody tr').count()).toBe(1);

    // Nothing chosen: the field says so.
    await page.getByTestId('load-areas').click();
    expect(await page.locator('#area-file-error').textContent()).toBe('File: choose the CSV file to load.');

    await page.getByTestId('area-file').setInputFiles(file('chad.csv', FLAWED));
    await page.getByTestId('load-areas').click();
    const problems = page.getByTestId('load-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('Nothing was loaded. Problems found: 2.');
    const cells = await problems.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent)));
    expect(cells).toEqual([
      ['2', 'country', 'tcd', 'choose a country (or type its three-letter code, such as NER)'],
      ['4', 'parent_pcode', 'TD-OD-99', 'is not a known area: list parents before their children, or load them first'],
    ]);
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('load-outcome');
    expect(await page.getByTestId('areas-TCD').textContent()).toBe(String(isoRegions)); // nothing stored
    await env.shot(page, '99-areas-problems');

    await page.getByTestId('area-file').setInputFiles(file('chad.csv', CHAD));
    await page.getByTestId('load-areas').click();
    const result = page.getByTestId('load-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('Areas loaded: 3 (new: 3, replaced: 0).');
    expect(await result.textContent()).toContain('Chad: 3');
    // Chad's own list takes the place of its ISO regions, counted at once.
    await expect.poll(() => page.getByTestId('areas-TCD').textContent()).toBe('3');
    expect(await chad(page).textContent()).toContain("Your organisation's list");
    expect(await chad(page).textContent()).toContain('1, 2');
    await env.shot(page, '99-areas-loaded');
    expect(await accessibilityProblems(page)).toEqual([]);

    // The entry form offers the new regions and district straight away.
    await page.getByRole('link', { name: 'New incident' }).click();
    await page.getByTestId('place.country').selectOption('TCD');
    await page.locator('select#f-place-admin1 option[value="TD-OD-01"]').waitFor({ state: 'attached' });
    expect(await page.locator('select#f-place-admin1 option').count()).toBe(3); // the two regions and "choose"
    await page.locator('#f-place-admin1').selectOption('TD-OD-01');
    await page.locator('select#f-place-admin2 option[value="TD-OD-0101"]').waitFor({ state: 'attached' });

    // In Arabic, right to left, on a tablet.
    await page.getByRole('link', { name: 'Areas' }).click();
    await language(page, 'ar');
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.locator('#country-filter').fill('TCD');
    await expect.poll(() => page.locator('.country-table tbody tr').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.getByTestId('area-upload').locator('h2').textContent()).toBe('تحميل قائمة مناطق');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await env.shot(page, '99-areas-ar-768');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByTestId('area-file').setInputFiles(file('chad.csv', FLAWED));
    await page.getByTestId('load-areas').click();
    await page.getByTestId('load-problems').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await env.shot(page, '99-areas-ar-768-problems');
    await language(page, 'en');
    await env.shot(page, '99-areas-en-768-problems');
    await page.context().close();
  });

  it('gives monitors no link and no form, only the countries', async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.monitor!.email);
    await page.getByTestId('current-user').waitFor();
    expect(await page.getByRole('link', { name: 'Areas' }).count()).toBe(0);
    await page.goto(`${env.base}/places`);
    await page.getByTestId('role-note').waitFor();
    expect(await page.getByTestId('area-upload').count()).toBe(0);
    await chad(page).waitFor();
    await page.context().close();
  });

  it('never contacted anything but the app itself', () => {
    expect(env.outside).toEqual([]);
  });
});
