/**
 * Exports in real Chromium: a coordinator downloads the list as Excel (XLSX) with HXL hashtags through the plain
 * link, then as an encrypted package: the passphrase is checked as it is typed (too short, then a mismatch,
 * each named at its field), goes to the server in a POST body only, and the downloaded ZIP holds no readable
 * record (it opens with the passphrase); the fields are emptied afterwards and nothing but the language is
 * kept in the browser's storage. A passphrase the server refuses is named at its field. Before downloading,
 * the panel says how many records (and rows, one per violation) the export will hold, and that is what the
 * file holds, labelled in the app's language (English, Arabic). At tablet width the panel fits, in English
 * and Arabic. Screenshots go to test-results/ for a person to look at.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Download, Page } from 'playwright-core';
import { TextWriter, Uint8ArrayReader, ZipReader, type FileEntry } from '@zip.js/zip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, sampleIncident, signedIn } from '../helpers/http.ts';
import { accessibilityProblems, hasBrowser, startBrowserApp, type BrowserApp } from './browser-kit.ts';

const PASSPHRASE = 'river stone lamp PASSPHRASE-CANARY';

/** True when the page fits the viewport's width (no sideways scrolling). */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
/** What the browser keeps for this origin besides the language choice: must stay empty. */
const storage = (page: Page) => page.evaluate(async () => ({
  local: Object.keys(localStorage).filter((k) => k !== 'salama.language'),
  session: Object.keys(sessionStorage),
  indexedDb: (await indexedDB.databases()).map((d) => d.name),
}));
const bytesOf = async (download: Download) => new Uint8Array(await readFile(await download.path()));
const startsWithPK = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;
/** A downloaded CSV as rows keyed by header, after checking the UTF-8 BOM that spreadsheets need for Arabic. */
async function csvRows(download: Download): Promise<Record<string, string>[]> {
  const bytes = await bytesOf(download);
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse<Record<string, string>>(Buffer.from(bytes), { bom: true, columns: true });
}

describe.skipIf(!hasBrowser)('exports in Chromium', () => {
  let env: BrowserApp;
  let reference = '';

  beforeAll(async () => {
    env = await startBrowserApp('ORG-X');
    const monitor = await signedIn(env.base, env.users.monitor!.email);
    const made = await monitor.post<{ reference: string }>('/api/incidents', sampleIncident());
    expect(made.status).toBe(201);
    reference = made.body.reference;
  });
  afterAll(async () => { await env?.close(); });

  async function openExport(page: Page) {
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByTestId('incident-table').waitFor();
    await page.getByTestId('export-open').click();
    await page.getByTestId('export-panel').waitFor();
  }

  it('downloads Excel (XLSX) with HXL hashtags through the plain link', async () => {
    const page = await env.newPage();
    await openExport(page);
    await page.getByLabel('Excel (XLSX)').check();
    await page.getByLabel('Add HXL hashtags').check();
    expect(await page.getByTestId('export-counted-hint').textContent()).toContain('linked_to');
    const link = page.getByTestId('export-download');
    expect(await link.textContent()).toBe('Download XLSX');
    const url = new URL((await link.getAttribute('href'))!, env.base);
    // Codes and labels side by side unless the user chooses otherwise, in the app's language.
    expect(Object.fromEntries(url.searchParams)).toEqual({ format: 'xlsx', hxl: 'true', purpose: 'agency', labels: 'both', lang: 'en', rows: 'incident' });

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^salama-incidents-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(startsWithPK(await bytesOf(download))).toBe(true);
    await page.context().close();
  });

  it('downloads an encrypted package: the passphrase is checked as typed, sent in a POST body only, then cleared', async () => {
    const page = await env.newPage();
    const requests: { url: string; method: string; body: string | null; csrf: string | undefined }[] = [];
    page.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData(), csrf: r.headers()['x-csrf-token'] }));
    await openExport(page);
    await page.getByLabel('Excel (XLSX)').check();
    await page.getByLabel('Add HXL hashtags').check();
    await page.getByLabel('Encrypt with a passphrase').check();
    const pass = page.getByLabel('Passphrase', { exact: true });
    const again = page.getByLabel('Passphrase again');
    expect(await pass.getAttribute('type')).toBe('password');
    expect(await pass.getAttribute('autocomplete')).toBe('new-password');
    expect(await again.getAttribute('autocomplete')).toBe('new-password');
    expect(await page.getByTestId('export-share-hint').textContent()).toContain('another channel');
    expect(await page.locator('#export-encrypt-hint').textContent()).toContain('7-Zip');
    expect(await page.getByTestId('export-download').count()).toBe(0);

    const button = page.getByTestId('export-package-download');
    expect(await button.textContent()).toBe('Download encrypted ZIP (XLSX inside)');
    expect(await page.getByTestId('export-passphrase-error').count()).toBe(0);

    // As it is typed: too short, counted down.
    await pass.fill('river stone lamp');
    expect(await page.getByTestId('export-passphrase-error').textContent()).toBe('Passphrase: too short, 4 more characters needed.');
    expect(await pass.getAttribute('aria-invalid')).toBe('true');
    expect(await pass.getAttribute('aria-describedby')).toContain('export-passphrase-error');
    await pass.fill(PASSPHRASE);
    expect(await page.getByTestId('export-passphrase-error').count()).toBe(0);
    // A confirmation still on its way is not an error; once it cannot match, the mismatch is named.
    await again.fill('river stone');
    expect(await page.getByTestId('export-confirm-error').count()).toBe(0);
    await again.fill('river stone lamb');
    expect(await page.getByTestId('export-confirm-error').textContent()).toBe('Passphrase again: does not match the passphrase.');
    expect(await again.getAttribute('aria-invalid')).toBe('true');
    await again.fill(PASSPHRASE);
    expect(await page.getByTestId('export-confirm-ok').textContent()).toContain('The two passphrases match.');
    expect(await accessibilityProblems(page)).toEqual([]);
    // Or one the app generates: shown once to be passed on, both fields filled, and it cannot be guessed.
    await page.getByTestId('export-passphrase-generate').click();
    const generated = (await page.getByTestId('export-passphrase-generated').locator('code').textContent())!;
    expect(generated).toMatch(/^[a-km-z2-9]{5}(-[a-km-z2-9]{5}){5}$/);
    expect(await pass.inputValue()).toBe(generated);
    expect(await again.inputValue()).toBe(generated);
    await env.shot(page, '46-export-generated-passphrase');
    await pass.fill(PASSPHRASE);
    await again.fill(PASSPHRASE);
    expect(await page.getByTestId('export-passphrase-generated').count()).toBe(0);
    await env.shot(page, '80-export-package');

    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^salama-incidents-\d{4}-\d{2}-\d{2}\.zip$/);
    const bytes = await bytesOf(download);
    expect(startsWithPK(bytes)).toBe(true);
    // Encrypted, not just zipped: neither the record's reference nor the passphrase can be read in it.
    expect(Buffer.from(bytes).includes(Buffer.from(reference))).toBe(false);
    expect(Buffer.from(bytes).includes(Buffer.from('PASSPHRASE-CANARY'))).toBe(false);
    // ... and it opens with the passphrase: the XLSX and the README, both encrypted.
    const entries = await new ZipReader(new Uint8ArrayReader(bytes)).getEntries();
    expect(entries.map((e) => [e.filename, e.encrypted])).toEqual([[expect.stringMatching(/\.xlsx$/), true], ['README.txt', true]]);
    expect(await (entries[1] as FileEntry).getData(new TextWriter(), { password: PASSPHRASE })).toContain('.xlsx');

    // Said once saved, with the row count the server reported; the fields are emptied.
    const status = page.getByTestId('export-status');
    await expect.poll(() => status.textContent()).toMatch(/^Saved salama-incidents-\d{4}-\d{2}-\d{2}\.zip: 1 incident, encrypted\./);
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'export-status');
    expect(await pass.inputValue()).toBe('');
    expect(await again.inputValue()).toBe('');
    expect(await page.getByTestId('export-passphrase-error').count()).toBe(0);
    await env.shot(page, '81-export-package-saved');

    // The passphrase went in one POST body, with the CSRF token, and in no address.
    const posts = requests.filter((r) => r.url.endsWith('/api/incidents/export-package'));
    expect(posts.map((r) => r.method)).toEqual(['POST']);
    expect(posts[0]!.csrf).toBeTruthy();
    expect(JSON.parse(posts[0]!.body!)).toEqual({ format: 'xlsx', hxl: true, purpose: 'agency', labels: 'both', lang: 'en', rows: 'incident', passphrase: PASSPHRASE });
    expect(requests.filter((r) => r.url.includes('PASSPHRASE') || r.url.includes('river'))).toEqual([]);
    expect(page.url()).not.toContain('river');
    expect(await storage(page)).toEqual({ local: [], session: [], indexedDb: [] });
    await page.context().close();
  });

  it('names missing passphrases, and one the server refuses, at their fields', async () => {
    const page = await env.newPage();
    await page.route('**/api/incidents/export-package', (route) => route.fulfill({
      status: 400, contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'validation_failed', message: 'passphrase: must be at least 12 characters', issues: [{ field: 'passphrase', code: 'passphrase_short', params: { min: 12 }, message: 'Passphrase: use at least 12 characters' }] } }),
    }));
    await openExport(page);
    await page.getByLabel('Encrypt with a passphrase').check();
    // Pressed with nothing typed: each problem is named at its field, and the first one takes the focus.
    await page.getByTestId('export-package-download').click();
    expect(await page.getByTestId('export-passphrase-error').textContent()).toBe('Passphrase: enter a passphrase to encrypt the file.');
    expect(await page.getByTestId('export-confirm-error').textContent()).toBe('Passphrase again: type the passphrase a second time.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('export-passphrase');
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Passphrase again').fill(PASSPHRASE);
    await page.getByTestId('export-package-download').click();
    const error = page.getByTestId('export-passphrase-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('Passphrase: use at least 12 characters (a few words are easier to pass on than symbols)');
    await page.waitForFunction(() => document.activeElement?.id === 'export-passphrase');
    expect(await page.getByTestId('export-status').textContent()).toBe('');
    // Typing again clears the server's word.
    await page.getByLabel('Passphrase', { exact: true }).fill(`${PASSPHRASE} more`);
    expect(await error.count()).toBe(0);
    await page.context().close();
  });

  it('says how many records will be exported before the download, and the labelled file holds exactly those', async () => {
    // A second record, whose consent allows sharing with the working group (the first one's does not).
    const monitor = await signedIn(env.base, env.users.monitor!.email);
    const shared = await monitor.post<{ reference: string }>('/api/incidents', sampleIncident({ consent: ['mara_working_group'] }));
    expect(shared.status).toBe(201);
    const page = await env.newPage();
    await openExport(page);
    const count = page.getByTestId('export-count');
    await expect.poll(() => count.textContent()).toBe('2 records will be exported.');
    await page.locator('#export-purpose-mara_working_group').check();
    await expect.poll(() => count.textContent()).toBe('1 record will be exported.');
    await page.getByLabel('One row per violation (form)').check();
    await expect.poll(() => count.textContent()).toBe('1 record will be exported. The file will have 2 rows, one per violation.');
    expect(await page.getByTestId('export-violation-hint').textContent()).toContain('more than once');
    expect(await page.getByLabel('Codes and labels side by side').isChecked()).toBe(true);
    expect(await page.getByTestId('export-labels-hint').textContent()).toContain('English');
    expect(await accessibilityProblems(page)).toEqual([]);
    await env.shot(page, '83-export-count-violations');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    const rows = await csvRows(download);
    expect(rows.length).toBe(2); // as the panel said
    expect(rows.map((r) => [r.reference, r.violation_number, r.forms, r.forms_label, r.victims_total])).toEqual([
      [shared.body.reference, '1', 'rape', 'Rape', '3'],
      [shared.body.reference, '2', 'sexual_slavery', 'Sexual slavery', '1'],
    ]);
    expect(rows[0]).toMatchObject({ country_label: 'Central African Republic', admin1_label: 'Bangui', consent_label: 'MARA working group' });
    await page.context().close();

    // In Arabic: the count in Arabic, labels only, in Arabic.
    const ar = await env.newPage({ width: 768, height: 1024 });
    await ar.addInitScript(() => localStorage.setItem('salama.language', 'ar'));
    await ar.goto(`${env.base}/incidents`);
    await ar.locator('#login-email').fill(env.users.coordinator!.email);
    await ar.locator('#login-password').fill(PASSWORD);
    await ar.locator('#login-password').press('Enter');
    await ar.getByTestId('incident-table').waitFor();
    await ar.getByTestId('export-open').click();
    await expect.poll(() => ar.getByTestId('export-count').textContent()).toBe('سيُصدَّر سجلان.');
    await ar.locator('#export-labels-labels').check();
    const href = new URL((await ar.getByTestId('export-download').getAttribute('href'))!, env.base);
    expect(Object.fromEntries(href.searchParams)).toMatchObject({ labels: 'labels', lang: 'ar', rows: 'incident' });
    expect(await fitsWidth(ar)).toBe(true);
    expect(await accessibilityProblems(ar)).toEqual([]);
    await env.shot(ar, '84-export-count-ar');
    const [arDownload] = await Promise.all([ar.waitForEvent('download'), ar.getByTestId('export-download').click()]);
    const arRows = await csvRows(arDownload);
    expect(arRows.length).toBe(2);
    expect(Object.keys(arRows[0]!)).not.toContain('forms');
    expect(arRows.map((r) => r.forms_label)).toEqual(['الاغتصاب;الاستعباد الجنسي', 'الاغتصاب;الاستعباد الجنسي']);
    expect(arRows[0]!.country_label).toBe('جمهورية أفريقيا الوسطى');
    await ar.context().close();
  });

  for (const language of ['en', 'ar'] as const) {
    it(`fits a tablet with the encryption fields open (${language})`, async () => {
      const page = await env.newPage({ width: 768, height: 1024 });
      await page.addInitScript((lng) => localStorage.setItem('salama.language', lng), language);
      await page.goto(`${env.base}/incidents`);
      await page.locator('#login-email').fill(env.users.coordinator!.email);
      await page.locator('#login-password').fill(PASSWORD);
      await page.locator('#login-password').press('Enter');
      await page.getByTestId('incident-table').waitFor();
      await page.getByTestId('export-open').click();
      await page.getByTestId('export-encrypt').check();
      await page.getByTestId('export-passphrase').fill('short');
      await page.getByTestId('export-passphrase-error').waitFor();
      expect(await fitsWidth(page)).toBe(true);
      expect(await accessibilityProblems(page)).toEqual([]);
      await env.shot(page, `82-export-package-tablet-${language}`);
      await page.context().close();
    });
  }

  it('never contacted anything but the app itself', () => {
    expect(env.outside).toEqual([]);
  });
});
