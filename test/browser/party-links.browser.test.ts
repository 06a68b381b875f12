/**
 * Records linked to the parties registry, in real Chromium: a monitor records an incident against FARDC
 * found by typing "forces armees" in the perpetrator's party (the detail links to the party's page), and
 * another with a name no party carries yet (shown as not linked); a coordinator opens the names to resolve,
 * links it to the militia the registry proposes, and the record follows. In English and Arabic; screenshots
 * go to test-results/ for a person to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../src/identity/users.ts';
import { seedReferenceParties } from '../../src/parties/seed.ts';
import { signedIn } from '../helpers/http.ts';
import { accessibilityProblems, hasBrowser, startBrowserApp, type BrowserApp } from './browser-kit.ts';
import { goToStep, next } from './form-kit.ts';

const MILITIA = 'Kotto river militia (TEST)';
const WRITTEN = 'Kotto river militia 3rd unit (TEST)';

describe.skipIf(!hasBrowser)('incidents linked to parties in Chromium', () => {
  let env: BrowserApp;
  beforeAll(async () => {
    env = await startBrowserApp('ORG-PL');
    await seedReferenceParties(env.ctx.db, CLI_ACTOR);
    const coordinator = await signedIn(env.base, env.users.coordinator!.email);
    expect((await coordinator.post('/api/parties', { name: MILITIA, category: 'non_state_armed_group', countries: ['CAF'] })).status).toBe(201);
  });
  afterAll(async () => { await env?.close(); });

  async function record(page: import('playwright-core').Page, party: (input: import('playwright-core').Locator) => Promise<void>) {
    await page.getByRole('link', { name: 'New incident' }).click();
    await page.getByTestId('incident-form').waitFor();
    await page.locator('#f-occurredFrom').fill('2025-10-02');
    await page.getByTestId('place.country').selectOption('CAF');
    await page.locator('#f-place-admin1').selectOption({ index: 1 });
    await next(page, 'victims');
    await page.getByTestId('victims.women').fill('1');
    await page.getByTestId('violations.0.form').selectOption('rape');
    await page.getByTestId('violations.0.victims.women').fill('1');
    await next(page, 'perpetrators');
    await page.getByRole('button', { name: 'Add an alleged perpetrator' }).click();
    await party(page.locator('#f-perpetrators-0-party'));
    await goToStep(page, 'review');
    await page.locator('#f-narrative').fill('Synthetic narrative for the party links test.');
    await page.getByTestId('save-incident').click();
    await page.getByTestId('incident-detail').waitFor();
  }

  it('a monitor records against a registry party found by typing, and against a name no party carries yet', async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.monitor!.email);
    await record(page, async (input) => {
      await input.fill('forces armees');
      const fardc = page.locator('#f-perpetrators-0-party ~ .party-dropdown [role=option]', { hasText: 'FARDC' }).first();
      await fardc.waitFor();
      await env.shot(page, 'pl1-form-party-typeahead');
      await fardc.click();
    });
    // Linked: the party's name (its page is the coordinators'), and the party's category came with it.
    const linked = page.getByTestId('perpetrators-table').getByTestId('party-linked');
    expect(await linked.textContent()).toMatch(/Armed Forces of the Democratic Republic of the Congo|FARDC/);
    expect(await page.getByTestId('perpetrators-table').textContent()).toContain('State armed or security forces');
    await env.shot(page, 'pl2-detail-linked');

    await record(page, async (input) => { await input.fill(WRITTEN); await page.keyboard.press('Escape'); });
    expect(await page.getByTestId('perpetrators-table').textContent()).toContain(WRITTEN);
    await page.getByTestId('party-unlinked').waitFor();
    await env.shot(page, 'pl3-detail-unlinked');
    expect(env.outside).toEqual([]);
    await page.context().close();
  });

  it('a coordinator links the written name to the proposed militia, in English and Arabic', async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByRole('link', { name: 'Parties', exact: true }).click();
    await page.getByTestId('party-names-link').click();
    const item = page.getByTestId('party-name-item').filter({ hasText: WRITTEN });
    await item.waitFor();
    expect(await item.textContent()).toContain('In 1 records now');
    await env.shot(page, 'pl4-names-to-resolve');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByTestId('language-switcher').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await env.shot(page, 'pl5-names-to-resolve-ar');
    await page.getByTestId('language-switcher').selectOption('en');
    await item.getByTestId('party-candidate').filter({ hasText: MILITIA }).click();
    await expect.poll(() => page.getByTestId('party-names-status').textContent()).toContain('1 records linked');
    await expect.poll(() => page.getByTestId('party-name-item').filter({ hasText: WRITTEN }).count()).toBe(0);
    await env.shot(page, 'pl6-names-resolved');
    // The record now names the militia.
    await page.getByRole('link', { name: 'Incidents', exact: true }).click();
    await page.getByRole('link', { name: 'ORG-PL-2025-0002' }).click();
    await page.getByTestId('incident-detail').waitFor();
    expect(await page.getByTestId('perpetrators-table').getByRole('link').textContent()).toBe(WRITTEN);
    expect(env.outside).toEqual([]);
    await page.context().close();
  });
});
