/**
 * An organisation's own list values in real Chromium: a coordinator adds a setting with labels in three
 * languages on the Lists page (problems named by field first), records an incident with it (and a source of
 * the organisation's own type) and with its place shown only down to the region when shared, reads the labels
 * on the detail page in English, French and Arabic (English where a label is missing), then retires the
 * value: no longer offered for a new incident, kept (marked) on the record that has it. The Lists page has
 * no serious WCAG problem in English or Arabic and fits a tablet. Screenshots go to test-results/ for a
 * person to look at.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDetail } from '../../src/shared/incident.ts';
import { signedIn } from '../helpers/http.ts';
import { accessibilityProblems, hasBrowser, startBrowserApp, type BrowserApp } from './browser-kit.ts';
import { goToStep, next } from './form-kit.ts';

describe.skipIf(!hasBrowser)('organisation list values and display level in Chromium', () => {
  let env: BrowserApp;
  let incidentId = '';
  beforeAll(async () => { env = await startBrowserApp('ORG-L'); });
  afterAll(async () => { await env?.close(); });

  const setting = (page: Page) => page.getByTestId('list-setting');
  const settingOptions = (page: Page) => page.locator('#f-context-setting option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  async function language(page: Page, lng: 'en' | 'fr' | 'ar') {
    await page.getByTestId('language-switcher').selectOption(lng);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lng);
  }

  it('a coordinator adds a setting with French and Arabic labels; problems are named by field', async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByRole('link', { name: 'Lists' }).click();
    await page.getByTestId('lists-page').waitFor();
    expect(await setting(page).getByTestId('own-setting-none').textContent()).toContain('has not added any value');
    // The core values are shown, read-only and translated.
    expect(await setting(page).locator('.core-values').textContent()).toContain('Water point');

    // Nothing typed: the summary names the field and takes the focus.
    await setting(page).getByRole('button', { name: 'Add', exact: true }).click();
    const summary = setting(page).getByTestId('error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('English label: fill this in');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('error-summary');
    expect(await page.locator('#f-new-setting-labels-en').getAttribute('aria-invalid')).toBe('true');
    await summary.getByRole('link').first().click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-new-setting-labels-en');

    await page.locator('#f-new-setting-labels-en').fill('Mine site');
    await page.locator('#f-new-setting-labels-fr').fill('Site minier');
    await page.locator('#f-new-setting-labels-ar').fill('موقع تعدين');
    expect(await page.getByTestId('new-setting-code').textContent()).toBe('x_mine_site');
    await env.shot(page, '80-lists-adding');
    await setting(page).getByRole('button', { name: 'Add', exact: true }).click();
    const row = setting(page).getByTestId('own-x_mine_site');
    await row.waitFor();
    expect(await row.textContent()).toContain('Site minier');
    expect(await row.textContent()).toContain('موقع تعدين');
    expect(await row.textContent()).toContain('In use');
    expect(await page.getByTestId('status-setting').textContent()).toBe('x_mine_site was added: it is offered from now on.');
    expect(await page.locator('#f-new-setting-labels-en').inputValue()).toBe('');

    // The same code again is refused, naming the code.
    await page.locator('#f-new-setting-labels-en').fill('Mine  site');
    await setting(page).getByRole('button', { name: 'Add', exact: true }).click();
    expect(await setting(page).getByTestId('error-summary').textContent()).toContain('Code: the code x_mine_site already exists in this list: change its labels instead');
    await page.locator('#f-new-setting-labels-en').fill('');

    // Labels change in place; the code does not.
    await page.getByRole('button', { name: 'Edit labels – x_mine_site' }).click();
    const edit = setting(page).locator('form', { hasText: 'Labels of x_mine_site' });
    await edit.locator('input[lang=fr]').fill('Site minier artisanal');
    await edit.getByRole('button', { name: 'Save labels' }).click();
    await expect.poll(() => row.textContent()).toContain('Site minier artisanal');
    expect(await page.getByTestId('status-setting').textContent()).toBe('The labels of x_mine_site were saved.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toContain('Edit labels');
    await env.shot(page, '81-lists-added');

    // Monitors have no Lists link, and the page tells them it is not theirs.
    const monitor = await env.newPage();
    await env.signIn(monitor, env.users.monitor!.email);
    await monitor.getByRole('link', { name: 'Incidents' }).first().waitFor();
    expect(await monitor.getByRole('link', { name: 'Lists' }).count()).toBe(0);
    await monitor.goto(`${env.base}/lists`);
    await monitor.getByTestId('role-note').waitFor();
    await monitor.context().close();
    await page.context().close();
  });

  it('records an incident with that setting, shown down to the region, and reads it in three languages', async () => {
    const api = await signedIn(env.base, env.users.coordinator!.email);
    expect((await api.post('/api/lookups', { list: 'sourceType', labels: { en: 'Community alert network', fr: 'Réseau d’alerte communautaire' } })).status).toBe(201);
    const page = await env.newPage();
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByRole('link', { name: 'New incident' }).click();
    await page.getByTestId('incident-form').waitFor();
    await page.locator('#f-occurredFrom').fill('2025-07-04');
    await page.getByTestId('place.country').selectOption('CAF');
    await page.locator('#f-place-admin1').selectOption({ index: 1 });
    await page.locator('#f-place-displayLevel').selectOption('admin1');
    expect(await page.locator('#f-place-displayLevel').getAttribute('aria-describedby')).toBe('display-level-hint');
    expect(await page.locator('#display-level-hint').textContent()).toContain('the district alone can point to a survivor');
    // The organisation's values come after the core ones, under their own heading.
    expect(await page.locator('#f-context-setting optgroup').getAttribute('label')).toBe("Your organisation's values");
    await page.locator('#f-context-setting').selectOption('x_mine_site');
    await env.shot(page, '82-entry-setting-and-display-level');
    await next(page, 'victims');
    await page.getByTestId('victims.women').fill('1');
    await page.getByTestId('violations.0.form').selectOption('rape');
    await page.getByTestId('violations.0.victims.women').fill('1');
    // Source types offer the organisation's values too (in a repeated entry's select).
    await goToStep(page, 'sources');
    await page.locator('#add-sources').click();
    await page.locator('#f-sources-0-type').selectOption('x_community_alert_network');
    await goToStep(page, 'review');
    const when = page.getByTestId('review-when');
    expect(await when.textContent()).toContain('Mine site');
    expect(await when.textContent()).toContain('Region (admin 1)');
    await page.locator('#f-narrative').fill('Lookups browser test, survivor code S-0777.');
    await page.getByTestId('save-incident').click();
    await page.getByTestId('incident-detail').waitFor();
    incidentId = new URL(page.url()).pathname.split('/').pop()!;

    const card = page.getByTestId('consent-card');
    expect(await card.textContent()).toContain('Mine site');
    expect(await page.getByTestId('display-level').textContent()).toBe('Region (admin 1)');
    expect(await page.getByTestId('sources-table').textContent()).toContain('Community alert network');
    const stored = await api.get<IncidentDetail>(`/api/incidents/${incidentId}`);
    expect(stored.body.context.setting).toBe('x_mine_site');
    expect(stored.body.place.displayLevel).toBe('admin1');
    expect(stored.body.sources[0]!.type).toBe('x_community_alert_network');
    await env.shot(page, '83-detail-en');

    await language(page, 'fr');
    await expect.poll(() => card.textContent()).toContain('Site minier artisanal');
    expect(await page.getByTestId('display-level').textContent()).toBe('Région (niveau administratif 1)');
    expect(await page.getByTestId('sources-table').textContent()).toContain('Réseau d’alerte communautaire');
    await env.shot(page, '84-detail-fr');
    await language(page, 'ar');
    await expect.poll(() => card.textContent()).toContain('موقع تعدين');
    // No Arabic label: the English one is shown.
    expect(await page.getByTestId('sources-table').textContent()).toContain('Community alert network');
    await env.shot(page, '85-detail-ar');
    await language(page, 'en');
    await page.context().close();
  });

  it("the import wizard offers the organisation's active values to map a file's settings and source types to", async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    const csv = 'date,country,setting,source_type\n2025-01-02,CAF,Mine,Alert network\n';
    await page.getByTestId('import-file').setInputFiles({ name: 'settings.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('upload').click();
    await page.getByTestId('step-columns').waitFor();
    await page.getByTestId('map-setting').selectOption('setting');
    await page.getByTestId('map-sourceType').selectOption('source_type');
    await page.getByTestId('to-values').click();
    const settingCode = page.getByTestId('value-setting-0').locator('select');
    await settingCode.waitFor();
    expect(await settingCode.locator('optgroup').getAttribute('label')).toBe("Your organisation's values");
    await settingCode.selectOption('x_mine_site');
    await expect.poll(() => page.getByTestId('values-setting-summary').textContent()).toBe('Every value is recognised or mapped (values: 1).');
    const sourceCode = page.getByTestId('value-sourceType-0').locator('select');
    expect(await sourceCode.locator('optgroup option').allTextContents()).toEqual(['Community alert network']);
    await sourceCode.selectOption('x_community_alert_network');
    await expect.poll(() => page.getByTestId('values-sourceType-summary').textContent()).toBe('Every value is recognised or mapped (values: 1).');
    await env.shot(page, '90-import-values-own');
    await page.context().close();
  });

  it('a retired value is no longer offered for a new incident, and stays, marked, on the record that has it', async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByRole('link', { name: 'Lists' }).click();
    await page.getByTestId('toggle-x_mine_site').click();
    await expect.poll(() => page.getByTestId('status-setting').textContent()).toContain('x_mine_site was retired');
    expect(await setting(page).getByTestId('own-x_mine_site').textContent()).toContain('Retired');
    expect(await page.getByTestId('toggle-x_mine_site').textContent()).toContain('Reactivate');
    await env.shot(page, '86-lists-retired');

    await page.getByRole('link', { name: 'New incident' }).click();
    await page.locator('#f-context-setting').waitFor();
    expect(await settingOptions(page)).not.toContain('x_mine_site');
    expect(await page.locator('#f-context-setting optgroup').count()).toBe(0);

    await page.goto(`${env.base}/incidents/${incidentId}/edit`);
    await page.locator('#f-context-setting').waitFor();
    expect(await page.locator('#f-context-setting').inputValue()).toBe('x_mine_site');
    // Shown as its code until the organisation's values load, then by its label, marked.
    await expect.poll(() => page.locator('#f-context-setting option[value="x_mine_site"]').textContent()).toBe('Mine site (retired)');
    expect(await page.locator('#f-place-displayLevel').inputValue()).toBe('admin1');
    await env.shot(page, '87-edit-retired-kept');
    await page.context().close();
  });

  for (const lng of ['en', 'ar'] as const) {
    it(`the Lists page has no serious WCAG problem and fits a tablet (${lng})`, async () => {
      const page = await env.newPage({ width: 768, height: 1024 });
      await env.signIn(page, env.users.coordinator!.email);
      await page.getByTestId('incident-table').or(page.getByTestId('list-empty')).first().waitFor();
      await language(page, lng);
      await page.goto(`${env.base}/lists`);
      await page.getByTestId('own-x_mine_site').waitFor();
      expect(await accessibilityProblems(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await env.shot(page, `88-lists-tablet-${lng}`);
      // With a problem shown and a value's labels open for editing.
      await setting(page).locator('form').last().locator('button[type=submit]').click();
      await setting(page).getByTestId('error-summary').waitFor();
      await setting(page).locator('#f-new-setting-labels-en').focus();
      await setting(page).locator('button[id^="edit-"]').first().click();
      await setting(page).locator('td[colspan] form').waitFor();
      expect(await accessibilityProblems(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await env.shot(page, `89-lists-tablet-${lng}-editing`);
      await page.context().close();
    });
  }

  it('never contacted anything but the app itself', () => {
    expect(env.outside).toEqual([]);
  });
});
