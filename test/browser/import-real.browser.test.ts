/**
 * The import wizard in Chromium with files shaped like the real ones (synthetic content): a conflict-event
 * export (a year column beside the real date, a row filter for the sexual-violence rows, coordinate
 * precision through the values step, districts no list knows kept by name), then an academic CSV saved from
 * Excel in Windows-1252, whose encoding is shown with a preview and changed, and a mapping in progress that
 * survives leaving the page. The dry run's warnings and the counts by country are checked against an
 * independent count of the file. Desktop, tablet and Arabic; screenshots in test-results/ for a person.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestJobs } from '../helpers/jobs.ts';
import { academicCsv, eventExport } from '../../src/imports/import-test-kit.ts';
import { accessibilityProblems, hasBrowser, startBrowserApp, type BrowserApp } from './browser-kit.ts';

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe.skipIf(!hasBrowser)('import wizard with real-shaped files in Chromium', () => {
  let env: BrowserApp;
  let stopJobs: () => Promise<void>;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), 'salama-real-files-'));
  const events = eventExport();
  const eventsFile = join(dir, 'events-export.csv');
  const academicFile = join(dir, 'etude-excel.csv');
  writeFileSync(eventsFile, events.file);
  writeFileSync(academicFile, academicCsv('windows-1252'));

  beforeAll(async () => {
    env = await startBrowserApp('ORG-R');
    stopJobs = await startTestJobs(env.ctx, env.db.url);
    page = await env.newPage();
    await env.signIn(page, env.users.coordinator!.email);
  });
  afterAll(async () => {
    await stopJobs?.();
    await env?.close();
  });
  const shot = async (name: string) => {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await env.shot(page, name);
  };
  const upload = async (file: string) => {
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    // Still on the wizard after an import: back to its first step.
    if (await page.getByTestId('step-upload').count() === 0) await page.getByTestId('step-link-upload').click();
    await page.getByTestId('step-upload').waitFor();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('upload').click();
    await page.getByTestId('step-columns').waitFor();
  };

  it('proposes the real date over the year column, and says what a year column would do', async () => {
    await upload(eventsFile);
    expect(await page.getByTestId('map-occurredFrom').inputValue()).toBe('event_date');
    await expect.poll(() => page.getByTestId('date-readings').textContent()).toMatch(/→ \d+ (January|February|March|April|May|June|July|August|September|October|November|December) 202[01]/);
    await page.getByTestId('map-occurredFrom').selectOption('year');
    await expect.poll(() => page.getByTestId('coarse-date').textContent()).toContain('Column year holds only years or months');
    await page.getByTestId('use-finer-date').click();
    expect(await page.getByTestId('map-occurredFrom').inputValue()).toBe('event_date');
    expect(await page.getByTestId('coarse-date').count()).toBe(0);
  });

  it('imports only the sexual-violence rows through a row filter, with precision mapped and unknown numbers said', async () => {
    await page.getByTestId('add-filter').click();
    await page.getByTestId('filter-0-column').selectOption('sub_event_type');
    await page.locator('[data-testid="filter-0-value"] + label', { hasText: 'Sexual violence' }).click();
    await page.locator('#default-form').selectOption('unspecified');
    await page.getByTestId('to-values').click();
    await page.getByTestId('step-values').waitFor();
    const precision = page.getByTestId('values-coordinatePrecision');
    // Values are those of the rows the filter keeps: here every sexual-violence row has precision 1.
    await precision.getByLabel('Code for “1”', { exact: true }).selectOption('locality');
    await expect.poll(() => page.getByTestId('values-coordinatePrecision-summary').textContent()).toBe('Every value is recognised or mapped (values: 1).');
    await expect.poll(() => page.getByTestId('values-country').locator('tbody tr').first().locator('td.num').textContent()).toBe(String(events.expected.byCountry.COD));
    expect(await page.getByTestId('unmatched-admin2').inputValue()).toBe('__reject');
    await shot('75-import-real-values');

    await page.getByTestId('to-check').click();
    await page.getByTestId('dry-run').click();
    await page.getByTestId('dry-run-report').waitFor({ timeout: 60_000 });
    const count = async (id: string) => Number((await page.getByTestId(id).textContent())!.replace(/[^\d]/g, ''));
    expect(await count('count-created')).toBe(events.sexual);
    expect(await count('count-excluded')).toBe(events.total - events.sexual);
    expect(await count('count-rejected')).toBe(0);
    expect(await page.getByTestId('warning-victims_number_unknown').textContent()).toContain(`Rows whose number of victims is not known: ${events.sexual}.`);
    expect(await page.getByTestId('warning-area_name_kept').textContent()).toContain('admin2');
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot('76-import-real-dry-run');
    await page.setViewportSize({ width: 768, height: 1000 });
    expect(await fitsWidth(page)).toBe(true);
    await page.getByTestId('language-switcher').selectOption('ar');
    await expect.poll(() => page.getByTestId('warning-victims_number_unknown').textContent()).toContain('عدد ضحاياها غير معروف');
    expect(await fitsWidth(page)).toBe(true);
    await shot('77-import-real-dry-run-ar');
    await page.getByTestId('language-switcher').selectOption('en');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByTestId('to-import').click();
    await page.getByTestId('run-import').click();
    await page.getByTestId('import-report').waitFor({ timeout: 60_000 });
    expect(await count('count-created')).toBe(events.sexual);
    const byCountry = await env.db.pool.query<{ country: string; n: number }>("SELECT country, count(*)::int AS n FROM incidents GROUP BY country");
    expect(Object.fromEntries(byCountry.rows.map((r) => [r.country, r.n]))).toEqual(events.expected.byCountry);
  });

  it('shows how a Windows-1252 file is read, with a preview, reads it again in another encoding, and keeps a mapping in progress', async () => {
    await upload(academicFile);
    expect(await page.getByTestId('encoding-used').textContent()).toBe('Read as Windows-1252 (Western Europe) (found in the file).');
    await expect.poll(() => page.getByTestId('encoding-preview').textContent()).toContain('« Alpha » – synth');
    await shot('78-import-encoding');
    await page.getByTestId('encoding-choice').selectOption('windows-1256');
    await page.getByTestId('encoding-reread').click();
    await expect.poll(() => page.getByTestId('encoding-used').textContent()).toBe('Read as Windows-1256 (Arabic) (your choice; the file looked like Windows-1252 (Western Europe)).');
    await page.getByTestId('encoding-choice').selectOption('windows-1252');
    await page.getByTestId('encoding-reread').click();
    await expect.poll(() => page.getByTestId('encoding-used').textContent()).toBe('Read as Windows-1252 (Western Europe) (found in the file).');

    // A choice made here survives leaving the page: the mapping in progress is kept on the server.
    expect(await page.getByTestId('map-narrative').inputValue()).toBe('recit');
    await page.getByTestId('map-narrative').selectOption('');
    await page.waitForTimeout(1500);
    await page.getByRole('link', { name: 'Incidents', exact: true }).click();
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await page.getByTestId('recent-imports').getByRole('button', { name: /^Open etude-excel\.csv/ }).click();
    await page.getByTestId('step-columns').waitFor();
    expect(await page.getByTestId('map-narrative').inputValue()).toBe('');
    expect(await page.getByTestId('map-perpetratorParty').inputValue()).toBe('auteur_presume');
    expect(env.outside).toEqual([]);
  });
});
