/**
 * The parties registry in real Chromium, as a coordinator, in English and in Arabic (right to left): load the
 * reference parties, find FARDC by typing "forces armees" (and by its Arabic name), read its page with the
 * "Government of" note and the sources credited, propose a local militia from the type-ahead and confirm
 * it, create a duplicate, merge it into the militia and undo the merge. The pages have no serious WCAG
 * problem and fit a tablet. Screenshots go to test-results/ for a person to look at.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../src/identity/users.ts';
import { seedReferenceParties } from '../../src/parties/seed.ts';
import { signedIn } from '../helpers/http.ts';
import { accessibilityProblems, hasBrowser, startBrowserApp, type BrowserApp } from './browser-kit.ts';

describe.skipIf(!hasBrowser)('the parties registry in Chromium', () => {
  let env: BrowserApp;
  beforeAll(async () => { env = await startBrowserApp('ORG-PT'); });
  afterAll(async () => { await env?.close(); });

  async function language(page: Page, lng: 'en' | 'ar') {
    await page.getByTestId('language-switcher').selectOption(lng);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lng);
  }
  const finder = (page: Page) => page.locator('#party-finder');
  const option = (page: Page, text: string) => page.locator('#party-finder ~ .party-dropdown [role=option]', { hasText: text }).first();
  const statusLine = (page: Page) => page.getByTestId('party-status-line');
  const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  /** Proposes a party from the finder's type-ahead, confirms it on its page; answers its address. */
  async function proposeAndConfirm(page: Page, name: string, shot: string): Promise<string> {
    await finder(page).fill(name);
    await option(page, name).waitFor();
    await option(page, name).click();
    const form = page.getByTestId('party-propose');
    await form.waitFor();
    expect(await form.locator('input[type=text]').first().inputValue()).toBe(name);
    await form.locator('select').nth(1).selectOption('non_state_armed_group');
    await form.locator('select').nth(2).selectOption('CAF');
    await env.shot(page, `${shot}-propose`);
    await page.getByTestId('propose-submit').click();
    await page.getByTestId('party-page').waitFor();
    await expect.poll(() => page.getByTestId('party-status').textContent()).not.toBe('');
    const url = new URL(page.url()).pathname;
    await page.getByTestId('party-confirm').click();
    await expect.poll(() => statusLine(page).textContent()).not.toBe('');
    await expect.poll(() => page.getByTestId('party-confirm').count()).toBe(0);
    await env.shot(page, `${shot}-confirmed`);
    return url;
  }

  /** Creates a duplicate with the form, merges it into `into` (found by typing), then undoes the merge. */
  async function mergeAndUndo(page: Page, duplicate: string, typed: string, into: string, shot: string) {
    await page.goto(`${env.base}/parties`);
    await page.getByTestId('party-create-open').click();
    await page.locator('#f-party-name').fill(duplicate);
    await page.locator('#f-party-category').selectOption('non_state_armed_group');
    await page.locator('#f-party-countries').selectOption('CAF');
    await page.getByTestId('party-save').click();
    await page.getByTestId('party-page').waitFor();
    const duplicateUrl = new URL(page.url()).pathname;
    await page.getByTestId('party-merge-open').click();
    await page.locator('#merge-into').fill(typed);
    const target = page.locator('#merge-into ~ .party-dropdown [role=option]', { hasText: into }).first();
    await target.waitFor();
    await target.click();
    await env.shot(page, `${shot}-merge-confirm`);
    await page.getByTestId('party-merge-confirm').click();
    await page.getByTestId('merged-note').waitFor();
    expect(await page.getByTestId('party-status').textContent()).toBe(await page.evaluate(() => document.documentElement.lang) === 'ar' ? 'مدمج' : 'Merged');
    await env.shot(page, `${shot}-merged`);
    // The militia now carries the duplicate's name.
    await page.getByTestId('merged-note').getByRole('link').click();
    await page.getByTestId('party-names').getByText(duplicate).waitFor();
    await page.goto(`${env.base}${duplicateUrl}`);
    await page.getByTestId('merge-undo').click();
    await expect.poll(() => page.getByTestId('merged-note').count()).toBe(0);
    await expect.poll(() => statusLine(page).textContent()).not.toBe('');
    expect(await page.getByTestId('party-names').getByText(duplicate).count()).toBe(1);
    await env.shot(page, `${shot}-undone`);
  }

  it('in English: loads the reference parties, finds FARDC by "forces armees", proposes and confirms a militia, merges a duplicate and undoes it', async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByRole('link', { name: 'Parties', exact: true }).click();
    await page.getByTestId('parties-page').waitFor();
    await page.getByTestId('party-seed').click();
    await expect.poll(() => page.getByTestId('seed-status').textContent(), { timeout: 30_000 }).toMatch(/Reference parties: \d{3} added/);
    // The list's search.
    await page.getByTestId('party-search').fill('forces armees');
    await page.getByTestId('party-row-FARDC').waitFor();
    expect(await page.getByTestId('party-row-FARDC').textContent()).toContain('Armed Forces of the Democratic Republic of the Congo');
    expect(await page.getByTestId('party-attribution').textContent()).toContain('UCDP/PRIO Armed Conflict Dataset, version 25.1');
    await env.shot(page, 'p1-list-forces-armees');
    // The type-ahead: the French name matched, the party named in English.
    await finder(page).fill('forces armees');
    const fardc = option(page, 'FARDC');
    await fardc.waitFor();
    expect(await fardc.textContent()).toContain('found by Forces armées de la République démocratique du Congo');
    expect(await fardc.textContent()).toContain('Reference');
    await env.shot(page, 'p2-typeahead-forces-armees');
    await fardc.click();
    await page.getByTestId('party-page').waitFor();
    expect(await page.getByTestId('government-alias').textContent()).toContain('Government of DR Congo (Zaire)');
    expect(await page.getByTestId('party-ids').textContent()).toContain('89');
    expect(await page.getByTestId('party-attribution').textContent()).toContain('Cohen and Nordås (2014)');
    await env.shot(page, 'p3-fardc-page');

    await page.goto(`${env.base}/parties`);
    await proposeAndConfirm(page, 'Kotto river militia (TEST)', 'p4');
    await mergeAndUndo(page, 'Milice de la rivière Kotto (TEST)', 'kotto river', 'Kotto river militia (TEST)', 'p5');
    await page.context().close();
  });

  it('in Arabic: finds FARDC by its Arabic name, proposes and confirms a militia, merges a duplicate and undoes it', async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByTestId('current-user').waitFor();
    await language(page, 'ar');
    await page.goto(`${env.base}/parties`);
    await page.getByTestId('parties-page').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await finder(page).fill('القوات المسلحة الكونغو');
    const fardc = option(page, 'FARDC');
    await fardc.waitFor();
    expect(await fardc.textContent()).toContain('القوات المسلحة لجمهورية الكونغو الديمقراطية');
    await env.shot(page, 'p6-typeahead-ar');
    await fardc.click();
    await page.getByTestId('party-page').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('القوات المسلحة لجمهورية الكونغو الديمقراطية');
    await env.shot(page, 'p7-fardc-page-ar');
    await page.goto(`${env.base}/parties`);
    await proposeAndConfirm(page, 'ميليشيا وادي أواكا (TEST)', 'p8-ar');
    await mergeAndUndo(page, 'مسلحو وادي أواكا (TEST)', 'أواكا', 'ميليشيا وادي أواكا (TEST)', 'p9-ar');
    await page.context().close();
  });

  for (const lng of ['en', 'ar'] as const) {
    it(`the Parties pages have no serious WCAG problem and fit a tablet (${lng})`, async () => {
      // On its own too (vitest -t): the reference layer and a party of the organisation's own.
      await seedReferenceParties(env.ctx.db, CLI_ACTOR);
      const api = await signedIn(env.base, env.users.coordinator!.email);
      const own = await api.post<{ id: string }>('/api/parties', { name: `Bambari armed group, tablet ${lng} (TEST)`, category: 'non_state_armed_group', countries: ['CAF'], names: [{ name: `جماعة بامباري المسلحة ${lng} (TEST)`, language: 'ar', kind: 'canonical' }] });
      expect(own.status).toBe(201);
      const page = await env.newPage({ width: 768, height: 1024 });
      await env.signIn(page, env.users.coordinator!.email);
      await page.getByTestId('current-user').waitFor({ state: 'attached' });
      await language(page, lng);
      await page.goto(`${env.base}/parties?q=forces%20armees`);
      await page.getByTestId('party-table').waitFor();
      await finder(page).fill('forces armees');
      await option(page, 'FARDC').waitFor();
      expect(await accessibilityProblems(page)).toEqual([]);
      expect(await fits(page)).toBe(true);
      await env.shot(page, `p10-parties-tablet-${lng}`);
      await page.goto(`${env.base}/parties/${own.body.id}`);
      await page.getByTestId('party-page').waitFor();
      await page.getByTestId('party-merge-open').click();
      expect(await accessibilityProblems(page)).toEqual([]);
      expect(await fits(page)).toBe(true);
      await env.shot(page, `p11-party-tablet-${lng}`);
      await page.context().close();
    });
  }

  it('is the coordinators\' page: a monitor has no link and is told so', async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.monitor!.email);
    await page.getByTestId('current-user').waitFor();
    expect(await page.getByRole('link', { name: 'Parties', exact: true }).count()).toBe(0);
    await page.goto(`${env.base}/parties`);
    await page.getByTestId('role-note').waitFor();
    await page.context().close();
  });

  it('never contacted anything but the app itself', () => {
    expect(env.outside).toEqual([]);
  });
});
