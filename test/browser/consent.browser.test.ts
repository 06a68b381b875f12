/**
 * Consent, context, erasure and export in real Chromium: a monitor records an incident with the survivor's
 * consent (MARA working group + aggregate statistics) and its context; a coordinator erases its identifying
 * details when consent is withdrawn, keeping aggregate statistics only; then exports the list through a
 * plain download link whose file holds HXL hashtags and never a narrative or a locality.
 * Screenshots go to test-results/ for a person to look at.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleIncident, signedIn } from '../helpers/http.ts';
import { accessibilityProblems, hasBrowser, startBrowserApp, type BrowserApp } from './browser-kit.ts';
import { goToStep, next, onStep } from './form-kit.ts';

describe.skipIf(!hasBrowser)('consent, erasure and export in Chromium', () => {
  let env: BrowserApp;
  let reference = '';
  const NARRATIVE = 'Consent test narrative, survivor code S-7731, seen at the clinic.';
  const LOCALITY = 'Locality L-7731';

  beforeAll(async () => { env = await startBrowserApp('ORG-C'); });
  afterAll(async () => { await env?.close(); });

  const card = (page: Page, label: string) => page.getByTestId('consent-card').locator('.item', { hasText: label }).locator('dd');
  const consentBox = (page: Page, scope: string) => page.getByTestId(`f-consent-${scope}`);

  it('a monitor records the survivor\'s consent and the context, and sees them on the detail page', async () => {
    const page = await env.newPage();
    const posted: string[] = [];
    page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/incidents')) posted.push(r.postData() ?? ''); });
    await env.signIn(page, env.users.monitor!.email);
    await page.getByRole('link', { name: 'New incident' }).click();
    await page.getByTestId('incident-form').waitFor();

    await page.locator('#f-occurredFrom').fill('2025-05-20');
    await page.getByTestId('place.country').selectOption('CAF');
    await page.locator('#f-place-admin1').selectOption({ index: 1 });
    await page.locator('#f-place-locality').fill(LOCALITY);
    await page.locator('#f-context-setting').selectOption('checkpoint');
    await page.getByLabel('Time of day').selectOption('night');
    await page.locator('#f-context-abduction-yes').check();
    await next(page, 'victims');
    await page.getByTestId('victims.women').fill('1');
    await page.getByTestId('violations.0.form').selectOption('rape');
    await page.getByTestId('violations.0.victims.women').fill('1');
    await next(page, 'perpetrators');
    await next(page, 'sources');
    await next(page, 'consent');

    // Consent opens its step and starts at the most protective scope; agency only and sharing exclude each other.
    expect(await page.locator('.step-body fieldset').first().getAttribute('data-testid')).toBe('consent-fields');
    expect(await consentBox(page, 'agency_only').isChecked()).toBe(true);
    await consentBox(page, 'mara_working_group').check();
    expect(await consentBox(page, 'agency_only').isChecked()).toBe(false);
    await consentBox(page, 'agency_only').check();
    expect(await consentBox(page, 'mara_working_group').isChecked()).toBe(false);
    // Nothing ticked is an error shown like any other field's, and Next stays on the step until it is fixed.
    await consentBox(page, 'agency_only').uncheck();
    expect(await page.locator('#f-consent-error').textContent()).toContain('choose at least one; when in doubt, “Agency only”');
    await page.getByTestId('step-next').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('error-summary');
    await onStep(page, 'consent');
    await page.getByLabel('MARA working group').check();
    await page.getByLabel('Aggregate statistics').check();
    await expect.poll(() => page.locator('#f-consent-error').count()).toBe(0);
    await expect.poll(() => page.getByTestId('error-summary').count()).toBe(0);
    await next(page, 'review');
    await page.locator('#f-narrative').fill(NARRATIVE);
    expect(await page.getByTestId('review-consent').textContent()).toContain('MARA working group, Aggregate statistics');
    expect(await accessibilityProblems(page)).toEqual([]);
    // Scrolled to the end, so the sticky save bar sits where it belongs in the full-page picture.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await env.shot(page, '40-consent-form');

    await page.getByTestId('save-incident').click();
    await page.getByTestId('incident-detail').waitFor();
    reference = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
    expect(reference).toBe('ORG-C-2025-0001');
    const body = JSON.parse(posted[0]!) as { consent: string[]; context: Record<string, unknown> };
    expect(body.consent).toEqual(['mara_working_group', 'aggregate_statistics']);
    expect(body.context).toEqual({ setting: 'checkpoint', timeOfDay: 'night', displacementStage: null, abduction: true, detention: null });

    expect(await page.getByTestId('consent-list').locator('li').allTextContents()).toEqual(['MARA working group', 'Aggregate statistics']);
    expect(await card(page, 'Setting').textContent()).toBe('Checkpoint');
    expect(await card(page, 'Time of day').textContent()).toBe('Night');
    expect(await card(page, 'Displacement stage').textContent()).toBe('Not known');
    expect(await card(page, 'Abduction').textContent()).toBe('Yes');
    expect(await card(page, 'Detention').textContent()).toBe('Not known');
    // Erasure is a coordinator's act.
    expect(await page.getByTestId('erase-open').count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('a coordinator erases the identifying details, keeping aggregate statistics only', async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByRole('link', { name: reference }).click();
    await page.getByTestId('incident-detail').waitFor();
    expect(await page.getByTestId('narrative').textContent()).toBe(NARRATIVE);

    await page.getByTestId('erase-open').click();
    const panel = page.getByTestId('erase-panel');
    await panel.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('erase-reason');
    // Only what was consented to (plus agency only) may remain; agency only is the starting point.
    expect(await panel.locator('.consent-list label').allTextContents()).toEqual(['Agency only', 'MARA working group', 'Aggregate statistics']);
    expect(await page.getByTestId('erase-consent-agency_only').isChecked()).toBe(true);
    await page.getByTestId('erase-confirm').click();
    expect(await page.locator('#erase-reason-error').textContent()).toBe('Say why, in 5 to 500 characters.');

    await page.getByLabel('Reason for erasing').fill('Survivor withdrew consent at the follow-up visit.');
    await page.getByTestId('erase-consent-aggregate_statistics').check();
    expect(await page.getByTestId('erase-consent-agency_only').isChecked()).toBe(false);
    await page.getByTestId('erase-confirm').click();

    const notice = page.getByTestId('erased-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/^Identifying details were erased on the survivor's request on [^.]*\d{4}\./);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('erased-notice');
    expect(await page.getByTestId('narrative').count()).toBe(0);
    expect(await page.getByTestId('incident-detail').textContent()).not.toContain('S-7731');
    expect(await page.getByTestId('erase-open').count()).toBe(0);
    expect(await page.getByTestId('consent-list').locator('li').allTextContents()).toEqual(['Aggregate statistics']);
    expect(await card(page, 'Setting').textContent()).toBe('Checkpoint');
    expect(await accessibilityProblems(page)).toEqual([]);
    await env.shot(page, '41-erased');

    // The edit form has no identifying inputs any more; other fields still change, and only they are sent.
    const patches: string[] = [];
    page.on('request', (r) => { if (r.method() === 'PATCH') patches.push(r.postData() ?? ''); });
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByTestId('incident-form').waitFor();
    expect(await page.getByTestId('place-erased').count()).toBe(1);
    expect(await page.locator('#f-place-locality, #f-place-coordinates').count()).toBe(0);
    await goToStep(page, 'review');
    expect(await page.getByTestId('erased-notice').count()).toBe(1);
    expect(await page.locator('#f-narrative').count()).toBe(0);
    await goToStep(page, 'when');
    await page.locator('#f-context-detention-no').check();
    await page.getByTestId('save-incident').click();
    await expect.poll(() => card(page, 'Detention').textContent()).toBe('No');
    expect(Object.keys(JSON.parse(patches[0]!) as object)).toEqual(['version', 'context']);
    await page.context().close();
  });

  it('a coordinator exports the filtered list through a plain link, with HXL and without identifying fields', async () => {
    // A second record, shared with the working group, with a narrative and a locality that must never leave.
    const api = await signedIn(env.base, env.users.monitor!.email);
    const second = await api.post<{ reference: string }>('/api/incidents', sampleIncident({ consent: ['mara_working_group'] }));
    expect(second.status).toBe(201);

    const page = await env.newPage();
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByTestId('incident-table').waitFor();
    await page.locator('#filter-country').selectOption('CAF');
    await expect.poll(() => page.url()).toContain('country=CAF');
    await page.getByTestId('export-open').click();
    await page.getByTestId('export-panel').waitFor();
    expect(await page.getByTestId('export-note').textContent()).toContain('never exported');
    await page.getByLabel('Add HXL hashtags').check();
    await page.getByLabel('For the MARA working group — only records whose consent allows sharing').check();
    expect(await accessibilityProblems(page)).toEqual([]);
    await env.shot(page, '42-export');

    const link = page.getByTestId('export-download');
    const href = (await link.getAttribute('href'))!;
    const url = new URL(href, env.base);
    expect(url.pathname).toBe('/api/incidents/export');
    expect(Object.fromEntries(url.searchParams)).toEqual({ country: 'CAF', format: 'csv', hxl: 'true', purpose: 'mara_working_group', labels: 'both', lang: 'en', rows: 'incident' });
    expect(await link.getAttribute('download')).toBe('');

    // The page's own cookies: what the browser sends when the link is followed.
    const shared = await page.request.get(url.toString());
    expect(shared.status()).toBe(200);
    expect(shared.headers()['content-type']).toContain('text/csv');
    expect(shared.headers()['content-disposition']).toMatch(/^attachment; filename="salama-incidents-.*\.csv"$/);
    const sharedLines = (await shared.text()).trim().split(/\r\n/);
    expect(sharedLines[1]).toMatch(/^#event\+id,#date\+occurred\+start,/);
    // Only the record whose consent still allows the working group: the erased one kept aggregate statistics only.
    expect(sharedLines.slice(2).map((l) => l.split(',')[0])).toEqual([second.body.reference]);

    await page.getByLabel('Our organisation\'s working copy').check();
    const agency = await page.request.get(new URL((await link.getAttribute('href'))!, env.base).toString());
    const text = await agency.text();
    expect(text).toContain(reference);
    expect(text).toContain(second.body.reference);
    for (const secret of ['S-7731', LOCALITY, 'SECRET-NARRATIVE-MARKER', 'Locality L-101']) expect(text).not.toContain(secret);

    // Following the link is a download handled by the browser, not a page the app loads.
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^salama-incidents-.*\.csv$/);
    await page.context().close();
  });

  it('never contacted anything but the app itself', () => {
    expect(env.outside).toEqual([]);
  });
});
