/**
 * The import wizard in real Chromium with the real job system (pg-boss): a coordinator uploads the real RSVAC
 * CSV (1,411 rows), keeps the proposed columns (dropping one wrong guess), maps the codebook's actor types and
 * forms to Salama's codes, chooses the registry party of an actor name two parties share (ELN), sets defaults, runs a dry run whose report names rejected rows by row, column,
 * value and rule, imports, and finds the records in the incident list. At tablet width nothing scrolls
 * sideways; the values step is also shown in Arabic. No narrative column is mapped: RSVAC's notes name people.
 * Screenshots go to test-results/ for a person to look at.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestJobs } from '../helpers/jobs.ts';
import { CLI_ACTOR } from '../../src/identity/users.ts';
import { seedReferenceParties } from '../../src/parties/seed.ts';
import { accessibilityProblems, hasBrowser, SHOTS, startBrowserApp, type BrowserApp } from './browser-kit.ts';

const RSVAC = new URL('../fixtures/rsvac.csv', import.meta.url).pathname;
const RSVAC_ROWS = 1411;

/** Real people's names are in mp_notes: a few of its cells, to prove none reaches the screen. */
function noteSamples(): string[] {
  const lines = readFileSync(RSVAC, 'utf8').split('\n');
  const header = lines[0]!.split(',');
  const i = header.indexOf('mp_notes');
  // Only simple lines (no quoted commas before the column) are read: enough for a handful of samples.
  return lines.slice(1, 400).map((l) => l.split(',')).filter((c) => c.length === header.length && (c[i] ?? '').length > 25).slice(0, 5).map((c) => c[i]!.slice(0, 25));
}

/** True when the page fits the viewport's width (no sideways scrolling). */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe.skipIf(!hasBrowser)('import wizard in Chromium', () => {
  let env: BrowserApp;
  let stopJobs: () => Promise<void>;
  let page: Page;
  let wouldCreate = 0;
  let wouldReject = 0;

  beforeAll(async () => {
    env = await startBrowserApp('ORG-I');
    // The dry run and the import are background jobs: the browser kit's server does not start them itself.
    stopJobs = await startTestJobs(env.ctx, env.db.url);
    // RSVAC's actors are UCDP's: the reference parties know many of them.
    await seedReferenceParties(env.ctx.db, CLI_ACTOR);
    page = await env.newPage();
  });
  afterAll(async () => {
    await stopJobs?.();
    await env?.close();
  });

  /** Scrolled to the end first, so the sticky step buttons sit where they belong in the full-page picture. */
  const shot = async (name: string) => {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await env.shot(page, name);
  };
  const count = async (testId: string) => Number((await page.getByTestId(testId).textContent())!.replace(/[^\d]/g, ''));

  it('uploads the RSVAC file and maps its columns, with the proposed columns and defaults', async () => {
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await page.getByTestId('step-upload').waitFor();
    await expect.poll(() => page.getByTestId('recent-imports').textContent()).toContain('You have not uploaded any file yet.');
    // Nothing chosen: the problem is named at the file control.
    await page.getByTestId('upload').click();
    expect(await page.locator('#import-file-error').textContent()).toBe('Choose a CSV or XLSX file.');

    await page.getByTestId('import-file').setInputFiles(RSVAC);
    await page.getByTestId('upload').click();
    await page.getByTestId('step-columns').waitFor();
    expect(await page.getByTestId('file-summary').textContent()).toBe(`rsvac.csv: 1,411 rows, 31 columns.`);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Map columns to incident fields');

    // Proposed from the headers; RSVAC's "region" (a UCDP region number, not an admin area) is not proposed.
    const column = (field: string) => page.getByTestId(`map-${field}`);
    expect(await column('occurredFrom').inputValue()).toBe('year');
    expect(await column('country').inputValue()).toBe('location');
    expect(await column('forms').inputValue()).toBe('form');
    expect(await column('perpetratorParty').inputValue()).toBe('actor');
    expect(await column('perpetratorCategory').inputValue()).toBe('actor_type');
    expect(await column('admin1').inputValue()).toBe('');
    expect(await column('narrative').inputValue()).toBe('');
    // The chosen column's most frequent values, beside the choice.
    await expect.poll(() => page.locator('#map-perpetratorCategory-samples').textContent()).toContain('1 (774)');
    expect(await page.getByLabel('Perpetrator category').getAttribute('aria-describedby')).toBe('map-perpetratorCategory-samples');

    // A year column is read as a whole year, and says so beside the choice.
    expect(await page.getByTestId('date-order').inputValue()).toBe('dmy');
    await expect.poll(() => page.getByTestId('date-readings').textContent()).toContain('2002 → 1 January 2002 to 31 December 2002 (a whole year)');
    await page.getByTestId('default-victims').fill('1');
    expect(await page.getByTestId('default-consent-agency_only').isChecked()).toBe(true);
    await page.getByTestId('default-consent-aggregate_statistics').check();
    expect(await page.getByTestId('default-consent-agency_only').isChecked()).toBe(false);

    await page.getByLabel('Save this mapping as…').fill('RSVAC codebook');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByTestId('saved-mappings').textContent()).toContain('Mapping saved as “RSVAC codebook”.');

    expect(await accessibilityProblems(page)).toEqual([]);
    await shot('70-import-columns');
    await page.setViewportSize({ width: 768, height: 1000 });
    expect(await fitsWidth(page)).toBe(true);
    await shot('70-import-columns-tablet');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('maps the codebook\'s values to codes and shows what would be rejected', async () => {
    await page.getByTestId('to-values').click();
    await page.getByTestId('step-values').waitFor();
    const category = page.getByTestId('values-perpetratorCategory');
    await expect.poll(() => page.getByTestId('values-perpetratorCategory-summary').textContent())
      .toBe('Values without a code: 6 of 6. Rows that would be rejected: 1,411.');
    for (const [value, code] of [['1', 'state_forces'], ['2', 'state_forces'], ['4', 'state_forces'], ['5', 'state_forces'], ['3', 'non_state_armed_group'], ['6', 'pro_government_militia']]) {
      await category.getByLabel(`Code for “${value}”`, { exact: true }).selectOption(code!);
    }
    expect(await page.getByTestId('values-perpetratorCategory-summary').textContent()).toBe('Every value is recognised or mapped (values: 6).');

    // Forms written as Salama's codes are recognised; three are RSVAC's own wording.
    const forms = page.getByTestId('values-forms');
    expect(await page.getByTestId('values-forms-summary').textContent()).toBe('Values without a code: 3 of 7. Rows that would be rejected: 293.');
    expect(await forms.getByLabel('Code for “rape”', { exact: true }).inputValue()).toBe('rape');
    await forms.getByLabel('Code for “sexual abuse”').selectOption('other_comparable_gravity');
    await forms.getByLabel('Code for “sexual slavery and forced marriage”').selectOption('sexual_slavery');
    await forms.getByLabel('Code for “forced abortion and forced sterilization”').selectOption('forced_abortion');
    expect(await page.getByTestId('values-forms-summary').textContent()).toBe('Every value is recognised or mapped (values: 7).');

    // Countries: names are recognised as the server recognises them (brackets and common short names too);
    // a value naming two countries has no code, so its rows are rejected.
    const countries = page.getByTestId('values-country');
    await expect.poll(() => countries.locator('tr', { hasText: 'Philippines' }).locator('td.result').textContent()).toBe('Philippines (PHL)');
    const drc = countries.locator('tr', { has: page.locator('th', { hasText: /^Democratic Republic of Congo \(Zaire\)$/ }) });
    expect(await drc.locator('td.result').textContent()).toMatch(/\(COD\)$/);
    const twoCountries = countries.locator('tr', { has: page.locator('th', { hasText: /^Iraq, Kuwait$/ }) });
    expect(await twoCountries.locator('td.result').textContent()).toMatch(/^No code – rows rejected: \d+$/);
    expect(await page.getByTestId('values-country-summary').textContent()).toMatch(/^Values without a code: \d+ of 72\. Rows that would be rejected: \d+\.$/);

    expect(await accessibilityProblems(page)).toEqual([]);
    await shot('71-import-values');
    await page.setViewportSize({ width: 768, height: 1000 });
    expect(await fitsWidth(page)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('maps party values to the registry with the form\'s type-ahead, beside the links the registry has already', async () => {
    const parties = page.getByTestId('values-perpetratorParty');
    const row = (value: string) => parties.locator('li.party-value', { has: page.locator('bdi.file-value', { hasText: new RegExp(`^${value}$`) }) });
    // RSVAC's actors are UCDP's: most link by a name (LRA) or an alias the registry keeps (India: its state forces).
    await expect.poll(() => row('LRA').locator('.result').textContent()).toBe('Linked by the registry: LRA');
    expect(await row('India').locator('.result').textContent()).toBe('Linked by the registry through an alias: State forces of India');
    // Two parties are called ELN: nothing links the name; the closest is proposed, and the importer chooses.
    const eln = row('ELN');
    expect(await eln.locator('.result').textContent()).toBe('Not linked: kept as written and listed in Names to resolve');
    expect(await eln.locator('.party-candidate').textContent()).toMatch(/^Closest party: ELN \(100% alike\)\. Choose it/);
    await page.getByTestId('party-values-search').fill('ELN');
    await expect.poll(() => parties.locator('li.party-value').count()).toBeLessThan(5);
    await parties.screenshot({ path: `${SHOTS}/71b-import-party-values.png` });
    const picker = eln.getByRole('combobox', { name: 'Party for “ELN”' });
    await picker.fill('ELN');
    await eln.getByRole('option', { name: /Colombia/ }).click();
    await expect.poll(() => eln.locator('.result').textContent()).toBe('Your choice: ELN (Colombia)');
    expect(await picker.inputValue()).toBe('ELN');
    expect(await eln.locator('.party-candidate').count()).toBe(0);
    expect(await page.getByTestId('values-perpetratorParty-summary').textContent()).toBe('Values with a party you chose: 1.');
    expect(await accessibilityProblems(page)).toEqual([]);
    await parties.screenshot({ path: `${SHOTS}/71c-import-party-chosen.png` });
    // 183 actors: searched and paged like any column's values.
    await page.getByTestId('party-values-search').fill('');
    await expect.poll(() => parties.locator('li.party-value').count()).toBe(50);
  });

  it('runs a dry run whose report names every rejected row by row, column, value and rule', async () => {
    await page.getByTestId('to-check').click();
    await page.getByTestId('step-check').waitFor();
    expect(await page.getByTestId('to-import').isDisabled()).toBe(true);
    // The job can be quicker than a look: an observer notes the labelled progress bar while it is shown.
    await page.evaluate(() => {
      const seen = window as unknown as { progressLabel: string | null };
      seen.progressLabel = null;
      new MutationObserver(() => {
        seen.progressLabel ??= document.querySelector('progress[aria-label]')?.getAttribute('aria-label') ?? null;
      }).observe(document.body, { subtree: true, childList: true });
    });
    await page.getByTestId('dry-run').click();
    const report = page.getByTestId('dry-run-report');
    await report.waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => (window as unknown as { progressLabel: string | null }).progressLabel)).toBe('Rows checked');

    wouldCreate = await count('count-created');
    wouldReject = await count('count-rejected');
    expect(wouldCreate).toBeGreaterThan(1000);
    expect(wouldReject).toBeGreaterThan(0);
    expect(wouldCreate + wouldReject).toBe(RSVAC_ROWS);
    expect(await count('count-skipped')).toBe(0);

    const rows = await page.getByTestId('problems').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows.length).toBe(Math.min(wouldReject, 200));
    const unknownCountry = rows.find((r) => r[1] === 'location' && r[2] === 'Iraq, Kuwait');
    expect(unknownCountry?.[3]).toMatch(/is not a country/);
    for (const r of rows) expect(Number(r[0]!.replace(/,/g, ''))).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('problems').locator('caption').textContent()).toBe(`Problems (the first ${rows.length}; rows rejected: ${wouldReject})`);

    // The rejected rows download through the session: the file's columns, then the row and its problems.
    const href = (await page.getByTestId('download-rejected').getAttribute('href'))!;
    const csv = await page.request.get(`${env.base}${href}`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^year,conflictid_old,.*,salama_row,salama_problems$/);

    expect(await page.getByTestId('to-import').isDisabled()).toBe(false);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot('72-import-dry-run');
    await page.setViewportSize({ width: 768, height: 1000 });
    expect(await fitsWidth(page)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('imports as a background job and the records appear in the incident list', async () => {
    await page.getByTestId('to-import').click();
    await page.getByTestId('step-import').waitFor();
    expect(await page.getByTestId('verification-note').textContent()).toContain('A coordinator verifies them afterwards');
    await page.getByTestId('run-import').click();
    await page.getByTestId('import-report').waitFor({ timeout: 60_000 });
    expect(await count('count-created')).toBe(wouldCreate);
    expect(await count('count-rejected')).toBe(wouldReject);
    expect(await count('count-skipped')).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot('73-import-done');

    // Nothing of RSVAC's notes (names of real people) was ever shown.
    const text = (await page.locator('body').textContent())!;
    for (const note of noteSamples()) expect(text).not.toContain(note);

    // The party chosen for "ELN" in the values step is the one its rows name: Colombia's ELN.
    const { rows: eln } = await env.db.pool.query<{ countries: string[] }>(
      "SELECT DISTINCT p.countries FROM incidents i JOIN parties p ON p.id = (i.perpetrators->0->>'partyId')::uuid WHERE i.perpetrators->0->>'party' = 'ELN'");
    expect(eln).toEqual([{ countries: ['COL'] }]);

    await page.getByTestId('to-incidents').click();
    await expect.poll(() => page.getByTestId('list-total').textContent()).toBe(`Incidents found: ${wouldCreate}`);
    // Imported records are reported, never decided on import.
    expect(await page.locator('table.incidents tbody').textContent()).toContain('Reported');
  });

  it('reopens the import from the recent list and shows the values step right to left in Arabic', async () => {
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    const recent = page.getByTestId('recent-imports');
    await recent.locator('tbody tr').first().waitFor();
    await expect.poll(() => recent.locator('tbody tr').first().textContent()).toContain('Imported');
    await recent.getByRole('button', { name: /^Open rsvac\.csv/ }).click();
    await page.getByTestId('import-report').waitFor();
    // A finished import is not run twice from here.
    expect(await page.getByTestId('run-import').count()).toBe(0);

    await page.getByTestId('language-switcher').selectOption('ar');
    // The Arabic words load when chosen: the page turns right to left with them.
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByTestId('step-link-values').click();
    await page.getByTestId('step-values').waitFor();
    await expect.poll(() => page.getByTestId('values-forms-summary').textContent()).toBe('جميع القيم معروفة أو مطابَقة (عدد القيم: 7).');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.setViewportSize({ width: 768, height: 1000 });
    expect(await fitsWidth(page)).toBe(true);
    await shot('74-import-values-ar');
    // The party values right to left: the chosen party, the registry's links, the type-ahead.
    const partiesAr = page.getByTestId('values-perpetratorParty');
    await partiesAr.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const box = (await partiesAr.boundingBox())!;
    await page.screenshot({ path: `${SHOTS}/74b-import-party-values-ar.png`, clip: { x: box.x, y: Math.max(0, box.y), width: box.width, height: 900 } });
    await page.getByTestId('language-switcher').selectOption('en');
    expect(env.outside).toEqual([]);
  });

  it('offers the import to those who record incidents only', async () => {
    const viewer = await env.newPage();
    await env.signIn(viewer, env.users.viewer!.email);
    await viewer.getByTestId('current-user').waitFor();
    expect(await viewer.getByRole('link', { name: 'Import', exact: true }).count()).toBe(0);
    await viewer.goto(`${env.base}/import`);
    expect(await viewer.getByTestId('role-note').textContent()).toBe('Your role does not import incidents.');
    await viewer.context().close();

    const monitor = await env.newPage();
    await env.signIn(monitor, env.users.monitor!.email);
    await monitor.getByRole('link', { name: 'Import', exact: true }).click();
    // Imports are their uploader's: the coordinator's import is not in the monitor's list.
    await expect.poll(() => monitor.getByTestId('recent-imports').textContent()).toContain('You have not uploaded any file yet.');
    await monitor.context().close();
  });
});
