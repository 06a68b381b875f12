/**
 * Reference datasets in real Chromium, as a coordinator: a wrong file refused with its columns named, a file
 * of thousands of bad rows with its first problems and how many at least, the
 * bundled SVAC loaded from the screen (rows read, actors linked and left), the matching screen (a proposal
 * taken, "not in our registry", undo), then FARDC's page with its prevalence per year and the citation, at
 * 1280 and 768 px and in Arabic, and the dashboard's panel; then the datasets page switching the version the
 * organisation uses (its own upload, the server's default) in English and Arabic. Screenshots go to
 * test-results/ for a person to look at.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../src/identity/users.ts';
import { seedReferenceParties } from '../../src/parties/seed.ts';
import { BUNDLED, loadBundled } from '../../src/reference/load.ts';
import { signedIn } from '../helpers/http.ts';
import { accessibilityProblems, hasBrowser, startBrowserApp, type BrowserApp } from './browser-kit.ts';

describe.skipIf(!hasBrowser)('reference datasets in Chromium', () => {
  let env: BrowserApp;
  let fardc = '';
  beforeAll(async () => {
    env = await startBrowserApp('ORG-RF');
    await seedReferenceParties(env.ctx.db, CLI_ACTOR);
    expect((await loadBundled(env.ctx.db, CLI_ACTOR, 'rsvac')).ok).toBe(true);
    const client = await signedIn(env.base, env.users.coordinator!.email);
    fardc = (await client.get<{ items: { id: string }[] }>('/api/parties/suggest?q=fardc')).body.items[0]!.id;
  }, 240_000);
  afterAll(async () => { await env?.close(); });

  const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it('loads SVAC from the screen after refusing a wrong file, and matches actors with undo', async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.coordinator!.email, '/dashboard');
    await page.getByRole('link', { name: 'Reference data' }).click();
    await page.getByTestId('reference-page').waitFor();
    await expect.poll(() => page.getByTestId('dataset-rsvac').textContent()).toContain('Dumaine');
    expect(await page.getByTestId('dataset-svac').textContent()).toContain('No version loaded yet.');
    // RSVAC's file offered as SVAC: refused whole, the missing columns named.
    await page.getByTestId('dataset-label').fill('3.2');
    await page.getByTestId('dataset-file').setInputFiles(BUNDLED.rsvac.file.pathname);
    await page.getByTestId('dataset-send').click();
    await page.getByTestId('load-problems').waitFor();
    const problems = await page.getByTestId('load-problems').textContent();
    expect(problems).toContain('conflictid');
    expect(problems).toContain('this column is missing');
    await env.shot(page, 'r1-load-refused');
    // A file of thousands of bad rows: the first problems listed, and how many at least.
    const [svacHeader, svacFirst] = readFileSync(BUNDLED.svac.file, 'utf8').split(/\r?\n/);
    const badRow = svacFirst!.replace(/^1989,205,Iran,114,/, '1900,205,,x,');
    await page.getByTestId('dataset-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from([svacHeader, ...Array.from({ length: 20_000 }, () => badRow)].join('\n')) });
    await page.getByTestId('dataset-send').click();
    await expect.poll(() => page.getByTestId('load-problems').textContent()).toContain('Problems found: at least 201 (the check stopped there');
    expect(await page.getByTestId('load-problems').locator('tbody tr').count()).toBe(200);
    await page.getByTestId('dataset-file').setInputFiles(BUNDLED.svac.file.pathname);
    await page.getByTestId('dataset-send').click();
    await page.getByTestId('dataset-result').waitFor({ timeout: 60_000 });
    const result = await page.getByTestId('dataset-result').textContent();
    expect(result).toContain('11,911 rows read');
    expect(result).toMatch(/linked to parties of the registry: \d{3}/);
    await expect.poll(() => page.getByTestId('dataset-svac').textContent()).toContain('Cohen');
    await env.shot(page, 'r2-load-done');

    await page.getByTestId('to-matching').click();
    await page.getByTestId('actor-item').first().waitFor({ timeout: 30_000 });
    const before = await page.getByTestId('actor-item').count();
    expect(before).toBeGreaterThan(0);
    await env.shot(page, 'r3-matching');
    const first = page.getByTestId('actor-item').first();
    const name = (await first.locator('h2').textContent())!;
    await first.getByTestId('actor-not-in-registry').click();
    await page.getByTestId('decided-item').first().waitFor();
    await expect.poll(() => page.getByTestId('actor-item').count()).toBe(before - 1);
    expect(await page.getByTestId('decided').textContent()).toContain(name);
    const proposed = page.getByTestId('actor-item').filter({ has: page.getByTestId('actor-candidate') }).first();
    await proposed.getByTestId('actor-candidate').first().click();
    await expect.poll(() => page.getByTestId('decided-item').count()).toBe(2);
    await env.shot(page, 'r4-matching-decided');
    await page.getByTestId('decision-undo').first().click();
    await expect.poll(() => page.getByTestId('decided-item').count()).toBe(1);
    await expect.poll(() => page.getByTestId('matching-status').textContent()).toBe('Decision undone.');
    await page.context().close();
  });

  for (const [width, lng] of [[1280, 'en'], [768, 'en'], [1280, 'ar']] as const) {
    it(`shows FARDC's prevalence per year with the citation (${width} px, ${lng})`, async () => {
      // Loaded from the screen by the first test; the same file again changes nothing (this test can run alone).
      expect((await loadBundled(env.ctx.db, CLI_ACTOR, 'svac')).ok).toBe(true);
      const page = await env.newPage({ width });
      await env.signIn(page, env.users.coordinator!.email, '/dashboard');
      // Signed in (the name is folded into the menu on a tablet, so attached rather than visible).
      await page.getByTestId('current-user').waitFor({ state: 'attached' });
      if (lng === 'ar') {
        await page.getByTestId('language-switcher').selectOption('ar');
        await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      }
      await page.goto(`${env.base}/parties/${fardc}`);
      await page.getByTestId('party-prevalence').waitFor({ timeout: 30_000 });
      await env.shot(page, `r5-fardc-page-${width}-${lng}`);
      await page.getByTestId('svac-table').waitFor({ timeout: 30_000 });
      const table = await page.getByTestId('svac-table').textContent();
      expect(table).toContain(lng === 'ar' ? 'واسع النطاق' : 'massive');
      expect(table).toContain(lng === 'ar' ? 'لا تقرير' : 'no report');
      expect(await page.getByTestId('party-prevalence').textContent()).toContain('Cohen, Dara Kay and Ragnhild Nordås (2014)');
      await page.getByTestId('rsvac-table').waitFor();
      expect(await page.getByTestId('party-prevalence').textContent()).toContain('Dumaine');
      expect(await fits(page)).toBe(true);
      await page.getByTestId('party-prevalence').scrollIntoViewIfNeeded();
      await page.getByTestId('party-prevalence').screenshot({ path: `test-results/r5-fardc-prevalence-${width}-${lng}.png` });
      await env.shot(page, `r5-fardc-page-${width}-${lng}`);
      expect(await accessibilityProblems(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('shows the dashboard\'s panel with the parties of the chosen country and the citation', async () => {
    const page = await env.newPage({ width: 1280 });
    await env.signIn(page, env.users.viewer!.email, '/dashboard?country=COD');
    await page.getByTestId('reference-panel').waitFor();
    await expect.poll(() => page.getByTestId('reference-panel').textContent(), { timeout: 30_000 }).toContain('Armed Forces of the Democratic Republic of the Congo');
    expect(await page.getByTestId('reference-panel').textContent()).toContain('Cohen');
    await page.getByTestId('reference-panel').screenshot({ path: 'test-results/r6-dashboard-panel.png' });
    await page.context().close();
  });
  it('switches the version the organisation uses: its own upload, another listed version, the server\'s default (en, ar)', async () => {
    // The server's default: the bundled SVAC (the first test loaded the same file from the screen, as the organisation's choice).
    expect((await loadBundled(env.ctx.db, CLI_ACTOR, 'svac')).ok).toBe(true);
    const client = await signedIn(env.base, env.users.coordinator!.email);
    await client.request('POST', '/api/reference/datasets/svac/current', { versionId: null });
    const lines = readFileSync(BUNDLED.svac.file, 'utf8').split(/\r?\n/);
    lines[1] = lines[1]!.replace(/,0,0,0,0,-99\s*$/, ',3,0,0,0,1');
    const own = await client.request('POST', '/api/reference/datasets/svac/versions?label=3.2-local', lines.join('\n'), { 'content-type': 'text/csv' });
    expect(own.status).toBe(201);
    for (const lng of ['en', 'ar'] as const) {
      const page = await env.newPage({ width: 1280 });
      await env.signIn(page, env.users.coordinator!.email, '/dashboard');
      await page.getByTestId('current-user').waitFor({ state: 'attached' });
      if (lng === 'ar') {
        await page.getByTestId('language-switcher').selectOption('ar');
        await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      }
      await page.goto(`${env.base}/reference`);
      const svac = page.getByTestId('dataset-svac');
      await expect.poll(() => svac.getByTestId('version-in-use').textContent()).toBe(lng === 'en' ? '3.2-local' : '3.2');
      if (lng === 'en') {
        expect(await svac.getByTestId('version-origin').textContent()).toBe(`Loaded by your organisation (${env.users.coordinator!.email})`);
        expect(await svac.getByTestId('version-choice').textContent()).toContain('other organisations are not affected');
        expect(await svac.getByTestId('version-item').count()).toBe(2);
        await env.shot(page, 'r7-datasets-own-en');
        // Another listed version: the bundled 3.2, the server's default, pinned.
        await svac.getByTestId('version-use').click();
        await expect.poll(() => page.getByTestId('version-status').textContent()).toMatch(/^SVAC.*: your organisation now uses version 3\.2\.$/);
        expect(await svac.getByTestId('version-in-use').textContent()).toBe('3.2');
        // The operator's, or the organisation's when the first test loaded the same file from the screen before the operator did.
        expect(await svac.getByTestId('version-origin').textContent()).toMatch(/^Loaded by (the server's operator|your organisation)/);
        // Back to following the server's default.
        await svac.getByTestId('version-use-default').click();
        await expect.poll(() => page.getByTestId('version-status').textContent()).toMatch(/^SVAC.*: your organisation now uses the server default\.$/);
        expect(await svac.getByTestId('version-choice').textContent()).toContain('Server default');
        expect(await svac.getByTestId('version-use-default').count()).toBe(0);
        await env.shot(page, 'r7-datasets-default-en');
      } else {
        expect(await svac.getByTestId('version-choice').textContent()).toContain('الإصدار الافتراضي للخادم');
        expect(await svac.getByTestId('version-item').count()).toBe(2);
        await env.shot(page, 'r7-datasets-default-ar');
      }
      expect(await fits(page)).toBe(true);
      expect(await accessibilityProblems(page)).toEqual([]);
      await page.context().close();
    }
  });
});
