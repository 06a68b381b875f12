/**
 * The web app driven in real Chromium against the real server and database: sign in, record an incident
 * with two violations, see validation, filter the list, enrol in two-factor and sign in with it, verify as
 * coordinator, assign a record to a monitor who then sees it, switch to Arabic (right-to-left).
 * Screenshots go to test-results/ for a person to look at.
 * No request may leave 127.0.0.1.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpNow } from '../../src/identity/totp.ts';
import { PASSWORD, type TestUser } from '../helpers/http.ts';
import { hasBrowser, startBrowserApp, type BrowserApp } from './browser-kit.ts';
import { goToStep, next, onStep } from './form-kit.ts';

describe.skipIf(!hasBrowser)('web app in Chromium', () => {
  let env: BrowserApp;
  let users: Record<string, TestUser>;
  let reference = '';
  /** The coordinator's signed-in page (two-factor done), reused by the assignment test: a code is single-use. */
  let coordinatorPage: Page | undefined;
  const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
  const newPage = () => env.newPage();
  const signIn = (page: Page, email: string) => env.signIn(page, email);
  const shot = (page: Page, name: string) => env.shot(page, name);

  beforeAll(async () => {
    env = await startBrowserApp('ORG-W');
    users = env.users;
  });
  afterAll(async () => {
    await env?.close();
  });

  it('a monitor records an incident with two violations and sees it saved', async () => {
    const page = await newPage();
    const sent: { url: string; method: string; body: string | null }[] = [];
    page.on('request', (r) => sent.push({ url: r.url(), method: r.method(), body: r.postData() }));
    await signIn(page, users.monitor!.email);
    await page.getByRole('link', { name: 'New incident' }).click();
    await page.getByTestId('incident-form').waitFor();
    // Next on an empty first step lists its problems, linked to their fields, and stays on the step.
    await page.getByTestId('step-next').click();
    await expect.poll(() => page.getByTestId('error-summary').isVisible()).toBe(true);
    await onStep(page, 'when');
    expect(await page.getByTestId('error-summary').textContent()).toContain('Date (from)');
    await shot(page, '01-form-errors');

    await page.locator('#f-occurredFrom').fill('2025-06-02');
    await page.getByTestId('place.country').selectOption('CAF');
    await page.locator('#f-place-admin1').selectOption({ index: 1 });
    await page.locator('#f-place-locality').fill('Locality L-404');
    await next(page, 'victims');
    await page.getByTestId('victims.women').fill('2');
    await page.getByTestId('victims.girls').fill('1');
    await page.getByTestId('violations.0.form').selectOption('rape');
    await page.getByTestId('violations.0.victims.women').fill('2');
    await page.getByRole('button', { name: 'Add another violation' }).click();
    await page.getByTestId('violations.1.form').selectOption('sexual_slavery');
    await page.getByTestId('violations.1.victims.girls').fill('1');
    await next(page, 'perpetrators');
    await page.getByRole('button', { name: 'Add an alleged perpetrator' }).click();
    await page.locator('#f-perpetrators-0-party').fill('Non-state armed group (TEST-NSAG-B)');
    await next(page, 'sources');
    await next(page, 'consent');
    await next(page, 'review');
    // Only coordinators assign: a monitor has no such section and never asks for the member list.
    expect(await page.getByTestId('assignees').count()).toBe(0);
    await page.locator('#f-narrative').fill('Survivor S-0101 reported to a clinic; browser test narrative.');
    await page.getByTestId('save-incident').click();

    const detail = page.getByTestId('incident-detail');
    await detail.waitFor();
    await expect.poll(() => page.getByTestId('narrative').textContent()).toContain('S-0101');
    reference = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
    expect(reference).toBe('ORG-W-2025-0001');
    const text = await detail.textContent();
    expect(text).toContain('Rape');
    expect(text).toContain('Sexual slavery');
    // Typed, not chosen from the registry: kept as written and marked as not linked yet.
    expect(await page.getByTestId('perpetrators-table').locator('tbody td bdi').first().textContent()).toBe('Non-state armed group (TEST-NSAG-B)');
    await page.getByTestId('perpetrators-table').getByTestId('party-unlinked').waitFor();
    // Without the member list the monitor is "You", never a raw id; the section has one "Victims" heading.
    expect(await detail.locator('.item', { hasText: 'Recorded by' }).locator('dd').textContent()).toBe('You');
    expect(text).not.toMatch(UUID);
    expect(await page.getByText('Victims', { exact: true }).count()).toBe(1);
    const create = sent.find((r) => r.method === 'POST' && r.url.endsWith('/api/incidents'));
    expect(create && JSON.parse(create.body ?? '{}')).not.toHaveProperty('assignedTo');
    expect(sent.filter((r) => r.url.includes('/api/users'))).toEqual([]);
    await shot(page, '02-incident-detail');

    await page.getByRole('link', { name: 'Incidents' }).first().click();
    await page.getByRole('checkbox', { name: 'Reported' }).check();
    await expect.poll(() => page.getByTestId('incident-table').textContent()).toContain(reference);
    expect(page.url()).toContain('status=reported');
    expect(page.url()).not.toContain('S-0101');
    await shot(page, '03-list-filtered');
    await page.context().close();
  });

  it('a coordinator enrols in two-factor, signs in with the code and verifies the incident', async () => {
    const page = await newPage();
    await signIn(page, users.coordinator!.email);
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByTestId('totp-password').fill(PASSWORD);
    await page.getByTestId('totp-setup').click();
    const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s+/g, '');
    await page.getByLabel('Authentication code').fill(totpNow(secret));
    await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    // The recovery codes are shown once; the page moves on when the user says they are kept.
    await page.getByTestId('recovery-codes').waitFor();
    await page.getByLabel('I have saved these codes').check();
    await page.getByTestId('recovery-done').click();
    await expect.poll(() => page.getByTestId('totp-status').textContent()).toMatch(/^On\./);
    await page.getByRole('button', { name: 'Sign out' }).click();

    await signIn(page, users.coordinator!.email);
    await page.getByTestId('totp-form').waitFor();
    await shot(page, '04-totp-step');
    // The code of the next 30-second step: the one just used for enrolment may not be replayed.
    await page.getByLabel('Authentication code').fill(totpNow(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByTestId('incident-table').waitFor();

    await page.getByRole('link', { name: reference }).click();
    // The decision is recorded in the record's decision panel, with its standard of proof.
    const panel = page.getByTestId('decision-form');
    await panel.waitFor();
    await panel.getByLabel('Verified', { exact: true }).check();
    await panel.getByLabel('Standard of proof').selectOption('reasonable_grounds_to_believe');
    await panel.getByTestId('decision-submit').click();
    await page.getByTestId('decision-done').waitFor();
    await expect.poll(() => page.getByTestId('incident-detail').textContent()).toContain('Verified');
    await shot(page, '05-verified');

    const decided = page.getByTestId('incident-detail').locator('.item', { hasText: 'Decided by' }).locator('dd');
    await expect.poll(() => decided.textContent()).toBe(users.coordinator!.email);

    const { rows } = await env.db.pool.query<{ verification_status: string; decided_by: string }>('SELECT verification_status, decided_by FROM incidents WHERE reference = $1', [reference]);
    expect(rows[0]).toEqual({ verification_status: 'verified', decided_by: users.coordinator!.id });
    coordinatorPage = page;
  });

  it('a coordinator assigns a new incident to a monitor, who then sees and opens it', async () => {
    // The signed-in coordinator of the test above (signing in again would need a fresh two-factor step).
    expect(coordinatorPage).toBeDefined();
    const page = coordinatorPage!;
    await page.getByRole('link', { name: 'New incident' }).click();
    await page.getByTestId('incident-form').waitFor();
    await page.locator('#f-occurredFrom').fill('2025-07-14');
    await page.getByTestId('place.country').selectOption('CAF');
    await next(page, 'victims');
    await page.getByTestId('victims.unknown').fill('1');
    await page.getByTestId('violations.0.form').selectOption('attempted_rape');
    await page.getByTestId('violations.0.victims.unknown').fill('1');
    await goToStep(page, 'review');
    const assignees = page.getByTestId('assignees');
    await assignees.getByRole('checkbox').first().waitFor();
    // Active monitors and coordinators only: partners never see assigned records; admins and viewers none.
    const offered = await assignees.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).labels?.[0]?.textContent));
    expect(offered).toEqual([`${users.coordinator!.email} (Coordinator)`, `${users.monitor!.email} (Monitor)`]);
    await page.locator('#f-narrative').fill('Browser test narrative for an assigned record (source code SRC-7).');
    await assignees.getByRole('checkbox', { name: `${users.monitor!.email} (Monitor)` }).check();
    await shot(page, '08-assigned');
    await page.getByTestId('save-incident').click();

    const detail = page.getByTestId('incident-detail');
    await detail.waitFor();
    const assigned = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
    expect(assigned).toBe('ORG-W-2025-0002');
    const item = (label: string) => detail.locator('.item', { hasText: label }).locator('dd');
    await expect.poll(() => item('Recorded by').textContent()).toBe(users.coordinator!.email);
    expect(await item('Assigned to').textContent()).toBe(users.monitor!.email);
    expect(await detail.textContent()).not.toMatch(UUID);
    await shot(page, '09-assigned-coordinator');
    const { rows } = await env.db.pool.query<{ assigned_to: string[] }>('SELECT assigned_to FROM incidents WHERE reference = $1', [assigned]);
    expect(rows[0]?.assigned_to).toEqual([users.monitor!.id]);
    await page.context().close();

    const monitor = await newPage();
    await signIn(monitor, users.monitor!.email);
    await monitor.getByRole('link', { name: assigned }).click();
    const seen = monitor.getByTestId('incident-detail');
    await seen.waitFor();
    await expect.poll(() => monitor.getByTestId('narrative').textContent()).toContain('SRC-7');
    const seenItem = (label: string) => seen.locator('.item', { hasText: label }).locator('dd');
    expect(await seenItem('Recorded by').textContent()).toBe('Another user');
    expect(await seenItem('Assigned to').textContent()).toBe('You');
    expect(await seen.textContent()).not.toMatch(UUID);
    await shot(monitor, '10-assigned-monitor');
    await monitor.context().close();
  });

  it('switches to Arabic with a right-to-left layout, and to French', async () => {
    const page = await newPage();
    await signIn(page, users.monitor!.email);
    await page.getByTestId('incident-table').waitFor();
    await page.getByTestId('language-switcher').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
    await shot(page, '06-arabic-rtl');
    // The detail page right to left: people named in Arabic, counts under their column headers.
    await page.getByRole('link', { name: reference }).click();
    const detail = page.getByTestId('incident-detail');
    await detail.waitFor();
    expect(await detail.locator('.item', { hasText: 'المُسجِّل' }).locator('dd').textContent()).toBe('أنت');
    expect(await detail.locator('.item', { hasText: 'متّخذ القرار' }).locator('dd').textContent()).toBe('مستخدم آخر');
    await shot(page, '06-arabic-detail');
    await page.goBack();
    await page.getByTestId('incident-table').waitFor();
    await page.getByTestId('language-switcher').selectOption('fr');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Incidents/);
    await shot(page, '07-french');
    await page.context().close();
  });

  it('never contacted anything but the app itself', () => {
    expect(env.outside).toEqual([]);
  });
});
