/**
 * The verification workflow in real Chromium: a monitor records an incident; a coordinator finds it in the
 * verification queue, verifies it (late: after the quarter it occurred in), reads its history, changes it,
 * meets a version conflict and deletes it with a reason. Four eyes: a coordinator's own record is marked in
 * the queue and its decided statuses are disabled. Screenshots go to test-results/ for a person to look at.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/identity/users.ts';
import { PASSWORD, signedIn } from '../helpers/http.ts';
import { accessibilityProblems, hasBrowser, startBrowserApp, type BrowserApp } from './browser-kit.ts';
import { goToStep, recordPlainIncident } from './form-kit.ts';

describe.skipIf(!hasBrowser)('verification workflow in Chromium', () => {
  let env: BrowserApp;
  const COORDINATOR_2 = 'coordinator2@org-v.test';
  const MONITOR_REF = 'ORG-V-2025-0001';
  const OWN_REF = 'ORG-V-2025-0002';
  const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

  beforeAll(async () => {
    env = await startBrowserApp('ORG-V');
    await createUser(env.ctx.db, { organisationCode: 'ORG-V', email: COORDINATOR_2, role: 'coordinator', password: PASSWORD });
  });
  afterAll(async () => { await env?.close(); });

  async function recordIncident(page: Page, date: string, party: string, narrative: string): Promise<string> {
    await page.getByRole('link', { name: 'New incident' }).click();
    return recordPlainIncident(page, { date, women: 2, party, narrative });
  }

  const detailItem = (page: Page, label: string) => page.getByTestId('incident-detail').locator('.item', { hasText: label }).locator('dd').first();

  it('a monitor records an incident, and has neither the queue nor deletion', async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.monitor!.email);
    await page.getByRole('link', { name: 'Incidents' }).first().waitFor();
    expect(await page.getByRole('link', { name: 'Verification queue' }).count()).toBe(0);
    const reference = await recordIncident(page, '2025-06-02', 'Armed group (TEST-AG-1)', 'Survivor S-0303 seen at the clinic; workflow test.');
    expect(reference).toBe(MONITOR_REF);
    expect(await page.getByTestId('delete-open').count()).toBe(0);
    await page.context().close();
  });

  it('a coordinator who records an incident cannot decide it: marked in the queue, decisions disabled', async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByRole('link', { name: 'New incident' }).click();
    await goToStep(page, 'review');
    // A new record is never born decided (four eyes), whoever records it: the form offers only waiting statuses.
    const status = page.locator('#f-verification-status');
    await status.waitFor();
    expect(await status.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['reported', 'pending']);
    expect(await page.locator('#status-hint').textContent()).toContain('The decision itself is recorded on the incident');
    await page.getByRole('link', { name: 'Incidents' }).first().click();
    expect(await recordIncident(page, '2025-08-10', 'Armed group (TEST-AG-2)', 'Coordinator-recorded workflow narrative, code C-77.')).toBe(OWN_REF);

    await page.getByRole('link', { name: 'Verification queue' }).click();
    await page.getByTestId('queue-table').waitFor();
    const own = page.getByTestId(`queue-row-${OWN_REF}`);
    expect(await own.getByTestId('four-eyes').textContent()).toBe('You recorded this: another coordinator must decide');
    expect(await page.getByTestId(`queue-row-${MONITOR_REF}`).getByTestId('four-eyes').count()).toBe(0);

    await own.getByRole('link', { name: OWN_REF }).click();
    // The decision panel says who decides instead of offering a decision.
    await page.getByTestId('decision-panel').waitFor();
    expect(await page.getByTestId('decision-four-eyes').textContent()).toBe('You recorded this incident: another coordinator of your organisation records the decision (four eyes).');
    expect(await page.getByTestId('decision-form').count()).toBe(0);
    await page.context().close();

    // Another coordinator sees the same record without the marker.
    const other = await env.newPage();
    await env.signIn(other, COORDINATOR_2);
    await other.getByRole('link', { name: 'Verification queue' }).click();
    await other.getByTestId(`queue-row-${OWN_REF}`).waitFor();
    expect(await other.getByTestId('four-eyes').count()).toBe(0);
    // Right to left: the queue and the history in Arabic.
    await other.getByTestId('language-switcher').selectOption('ar');
    await expect.poll(() => other.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await other.getByRole('heading', { level: 1 }).textContent()).toBe('قائمة انتظار التحقق');
    await env.shot(other, '34-queue-arabic');
    await other.getByRole('link', { name: OWN_REF }).click();
    await other.getByRole('button', { name: 'السجل التاريخي' }).click();
    await other.getByTestId('version-1').getByRole('button', { name: 'عرض هذا الإصدار' }).click();
    await other.locator('.snapshot').waitFor();
    expect(await other.getByTestId('version-1').locator('h3').textContent()).toBe('الإصدار 1: تسجيل');
    expect(await accessibilityProblems(other)).toEqual([]);
    await env.shot(other, '35-history-arabic');
    await other.context().close();
  });

  it('a coordinator verifies from the queue, reads the history, edits, and deletes with a reason', async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByRole('link', { name: 'Verification queue' }).click();
    const queue = page.getByTestId('queue-table');
    await queue.waitFor();
    // Oldest first, with how long each has waited.
    const refs = await queue.locator('tbody th').allTextContents();
    expect(refs).toEqual([MONITOR_REF, OWN_REF]);
    expect(await page.getByTestId(`queue-row-${MONITOR_REF}`).textContent()).toContain('less than a day');
    expect(await accessibilityProblems(page)).toEqual([]);
    await env.shot(page, '30-queue');

    // Verify the monitor's incident from the queue: it occurred in 2025-Q2, so the verification is late.
    await page.getByTestId(`queue-row-${MONITOR_REF}`).getByTestId('queue-decide').click();
    const decision = page.getByTestId('queue-decision');
    await decision.getByTestId('decision-form').waitFor();
    await decision.getByLabel('Verified', { exact: true }).check();
    await decision.getByLabel('Standard of proof').selectOption('reasonable_grounds_to_believe');
    await decision.getByTestId('decision-submit').click();
    await expect.poll(() => page.getByTestId('queue-decided').textContent()).toContain(MONITOR_REF);
    await page.getByRole('link', { name: 'Incidents' }).first().click();
    await page.getByRole('link', { name: MONITOR_REF }).click();
    await page.getByTestId('incident-detail').waitFor();
    await expect.poll(() => detailItem(page, 'Status').textContent()).toContain('Verified');
    const late = page.getByTestId('late-badge');
    expect(await late.getAttribute('title')).toBe('Verified after the quarter in which it occurred');
    expect(await late.textContent()).toBe('Late: Verified after the quarter in which it occurred');

    // History is collapsed and only asked for when opened.
    const historyCalls: string[] = [];
    page.on('request', (r) => { if (r.url().endsWith('/history')) historyCalls.push(r.url()); });
    const historyButton = page.getByRole('button', { name: 'History' });
    expect(await historyButton.getAttribute('aria-expanded')).toBe('false');
    expect(historyCalls).toEqual([]);
    await historyButton.click();
    const entries = page.locator('.history-entry');
    await expect.poll(() => entries.count()).toBe(2);
    expect(historyCalls).toHaveLength(1);
    const first = page.getByTestId('version-1');
    expect(await first.locator('h3').textContent()).toBe('Version 1: Recorded');
    expect(await first.textContent()).toContain(env.users.monitor!.email);
    expect(await page.getByTestId('version-2').getByTestId('changed-fields').textContent()).toBe('Verification');

    // A coordinator may change a decided record; the change shows in the history.
    await page.getByRole('link', { name: 'Edit' }).click();
    await goToStep(page, 'perpetrators');
    await page.locator('#f-perpetrators-0-party').fill('Armed group (TEST-AG-1, faction B)');
    await page.getByTestId('save-incident').click();
    await expect.poll(() => page.getByTestId('perpetrators-table').textContent()).toContain('faction B');
    await page.getByRole('button', { name: 'History' }).click();
    await expect.poll(() => entries.count()).toBe(3);
    const third = page.getByTestId('version-3');
    expect(await third.getByTestId('changed-fields').textContent()).toBe('Alleged perpetrators');
    expect(await third.textContent()).toContain(env.users.coordinator!.email);
    await first.getByRole('button', { name: 'Show this version' }).click();
    const snapshot = first.locator('.snapshot');
    await snapshot.waitFor();
    const shown = await snapshot.textContent();
    expect(shown).toContain('Armed group (TEST-AG-1)');
    expect(shown).not.toContain('faction B');
    expect(shown).toContain('Reported');
    expect(shown).toContain('S-0303');
    expect(await page.getByTestId('history').textContent()).not.toMatch(UUID);
    expect(await accessibilityProblems(page)).toEqual([]);
    await env.shot(page, '31-history');

    // The list's late filter, kept in the URL.
    await page.getByRole('link', { name: 'Incidents' }).first().click();
    await page.getByRole('checkbox', { name: 'Late verifications only' }).check();
    await expect.poll(() => page.url()).toContain('late=true');
    await expect.poll(() => page.getByTestId('incident-table').locator('tbody th').allTextContents()).toEqual([MONITOR_REF]);
    expect(await page.getByTestId('incident-table').getByTestId('late-badge').count()).toBe(1);
    await env.shot(page, '36-list-late');

    // Delete: a reason is required; a change made meanwhile by someone else is a conflict to resolve first.
    await page.getByRole('link', { name: MONITOR_REF }).click();
    await page.getByTestId('delete-open').click();
    const panel = page.getByTestId('delete-panel');
    await panel.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('delete-reason');
    await page.getByTestId('delete-confirm').click();
    expect(await panel.locator('.field-error').textContent()).toBe('Say why, in 5 to 500 characters.');
    expect(await page.locator('#delete-reason').getAttribute('aria-invalid')).toBe('true');

    const other = await signedIn(env.base, COORDINATOR_2);
    const list = await other.get<{ items: { id: string; reference: string; version: number }[] }>('/api/incidents');
    const record = list.body.items.find((i) => i.reference === MONITOR_REF)!;
    expect((await other.patch(`/api/incidents/${record.id}`, { version: record.version, dateEstimated: true })).status).toBe(200);

    await page.getByLabel('Reason for deleting').fill('Duplicate entry of another incident in this organisation.');
    await env.shot(page, '32-delete');
    await page.getByTestId('delete-confirm').click();
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('so it was not deleted');
    await env.shot(page, '33-delete-conflict');
    await panel.getByRole('button', { name: 'Load the latest version' }).click();
    await expect.poll(() => detailItem(page, 'Date is estimated').textContent()).toBe('Yes');
    await page.getByTestId('delete-confirm').click();

    await expect.poll(() => page.getByTestId('flash').textContent()).toBe(`Incident ${MONITOR_REF} deleted.`);
    expect(new URL(page.url()).pathname).toBe('/incidents');
    await expect.poll(() => page.getByTestId('incident-table').locator('tbody th').allTextContents()).toEqual([OWN_REF]);
    const { rows } = await env.db.pool.query<{ deletion_reason: string; deleted_by: string }>('SELECT deletion_reason, deleted_by FROM incidents WHERE reference = $1', [MONITOR_REF]);
    expect(rows[0]).toEqual({ deletion_reason: 'Duplicate entry of another incident in this organisation.', deleted_by: env.users.coordinator!.id });
    await page.context().close();
  });

  it('never contacted anything but the app itself', () => {
    expect(env.outside).toEqual([]);
  });
});
