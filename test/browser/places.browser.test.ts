/**
 * Administrative areas are server reference data: areas imported with `salama places import` (a region and
 * district of the Central African Republic the bundled list lacks, and a country it does not have at all) are
 * offered by the entry form's pickers and the list filters, and named on the detail page and in the list, in
 * the reader's language. Screenshots go to test-results/ for a person to look at.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../src/identity/users.ts';
import { importAreasCsv } from '../../src/places/places.ts';
import { hasBrowser, startBrowserApp, type BrowserApp } from './browser-kit.ts';
import { goToStep, next } from './form-kit.ts';

const AREAS = `country,level,pcode,name,name_fr,name_ar,parent_pcode
CAF,1,CF-TST1,Sangha-Test Region,Région de Sangha-Test,منطقة سانغا التجريبية,
CAF,2,CF-TST1-01,Nola-Test District,District de Nola-Test,مقاطعة نولا التجريبية,CF-TST1
TCD,1,TD-TST-OUA,Ouaddai-Test Province,Province du Ouaddaï-Test,ولاية وداي التجريبية,
TCD,2,TD-TST-OUA-01,Abeche-Test Department,Département d'Abéché-Test,,TD-TST-OUA
`;

/** Records a plain incident at a place chosen from the pickers (the district list appears once the server's areas are in). */
async function recordAt(page: Page, place: { country: string; admin1: string; admin2: string }, date: string, narrative: string, shot?: () => Promise<unknown>): Promise<string> {
  await page.getByRole('link', { name: 'New incident' }).click();
  await page.getByTestId('incident-form').waitFor();
  await page.locator('#f-occurredFrom').fill(date);
  await page.getByTestId('place.country').selectOption(place.country);
  await page.locator(`select#f-place-admin1 option[value="${place.admin1}"]`).waitFor({ state: 'attached' });
  await page.locator('#f-place-admin1').selectOption(place.admin1);
  await page.locator(`select#f-place-admin2 option[value="${place.admin2}"]`).waitFor({ state: 'attached' });
  await page.locator('#f-place-admin2').selectOption(place.admin2);
  await shot?.();
  await next(page, 'victims');
  await page.getByTestId('victims.women').fill('1');
  await page.getByTestId('violations.0.form').selectOption('rape');
  await page.getByTestId('violations.0.victims.women').fill('1');
  await goToStep(page, 'review');
  await page.locator('#f-narrative').fill(narrative);
  await page.getByTestId('save-incident').click();
  await page.getByTestId('incident-detail').waitFor();
  return (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
}

describe.skipIf(!hasBrowser)('administrative areas from the server', () => {
  let env: BrowserApp;

  beforeAll(async () => {
    env = await startBrowserApp('ORG-PL');
    const imported = await importAreasCsv(env.ctx.db, AREAS, 'browser test list', CLI_ACTOR);
    expect(imported.problems).toEqual([]);
  });
  afterAll(async () => {
    await env?.close();
  });

  it('offers imported areas in the pickers and names them on the detail page and in the list', async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.monitor!.email);

    const caf = await recordAt(page, { country: 'CAF', admin1: 'CF-TST1', admin2: 'CF-TST1-01' }, '2025-07-14', 'Browser test narrative, imported CAF district.');
    expect(await page.getByTestId('place-admin1').textContent()).toBe('Sangha-Test Region');
    expect(await page.getByTestId('place-admin2').textContent()).toBe('Nola-Test District');
    await env.shot(page, '95-places-detail-imported-district');
    // The names follow the reader's language (French here).
    await page.getByTestId('language-switcher').selectOption('fr');
    await expect.poll(() => page.getByTestId('place-admin1').textContent()).toBe('Région de Sangha-Test');
    expect(await page.getByTestId('place-admin2').textContent()).toBe('District de Nola-Test');
    await page.getByTestId('language-switcher').selectOption('en');

    // A country the app does not bundle: named by the browser (ISO code list), with its regions and districts.
    const tcd = await recordAt(page, { country: 'TCD', admin1: 'TD-TST-OUA', admin2: 'TD-TST-OUA-01' }, '2025-07-15', 'Browser test narrative, imported country.', () => env.shot(page, '96-places-form-imported-country'));
    expect(await page.getByTestId('place-admin1').textContent()).toBe('Ouaddai-Test Province');
    expect(await page.getByTestId('place-admin2').textContent()).toBe('Abeche-Test Department');
    await env.shot(page, '96-places-detail-imported-country');

    await page.getByRole('link', { name: 'Incidents' }).first().click();
    const table = page.getByTestId('incident-table');
    await expect.poll(() => table.textContent()).toContain(tcd);
    const row = (reference: string) => table.locator('tr', { hasText: reference });
    await expect.poll(() => row(caf).textContent()).toContain('Central African Republic – Sangha-Test Region');
    await expect.poll(() => row(tcd).textContent()).toContain('Chad – Ouaddai-Test Province');
    // The filters offer the imported country and its regions too.
    await page.locator('#filter-country').selectOption('TCD');
    await page.locator('#filter-admin1 option[value="TD-TST-OUA"]').waitFor({ state: 'attached' });
    await page.locator('#filter-admin1').selectOption('TD-TST-OUA');
    await expect.poll(() => table.textContent()).not.toContain(caf);
    expect(await table.textContent()).toContain(tcd);
    await env.shot(page, '97-places-list-filtered');

    // In Arabic: the region's Arabic name; a district without one keeps its name as imported.
    await page.getByTestId('language-switcher').selectOption('ar');
    await expect.poll(() => row(tcd).textContent()).toContain('ولاية وداي التجريبية');
    expect(await row(tcd).textContent()).toContain('تشاد');
    await page.getByRole('link', { name: tcd }).click();
    await expect.poll(() => page.getByTestId('place-admin2').textContent()).toBe('Abeche-Test Department');
    await env.shot(page, '98-places-detail-ar');
    await page.context().close();
  });

  it('never contacted anything but the app itself', () => {
    expect(env.outside).toEqual([]);
  });
});
