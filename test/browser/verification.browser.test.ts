/**
 * The verification workspace in real Chromium, as issue 8 will check it: a coordinator decides a record from
 * the queue with a reason, a standard of proof and the sources relied on, then reads its history old -> new
 * (also in Arabic); a one-coordinator organisation set (by its administrator, on the settings page) to use
 * a partner reviewer puts its record to that reviewer, who decides it from their own organisation.
 * Screenshots go to test-results/ for a person to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, ensureOrganisation } from '../../src/identity/users.ts';
import type { IncidentDetail } from '../../src/shared/incident.ts';
import { PASSWORD, sampleIncident, signedIn } from '../helpers/http.ts';
import { accessibilityProblems, hasBrowser, startBrowserApp, type BrowserApp } from './browser-kit.ts';

const SOURCES = [
  { type: 'service_provider', reliability: 'high', connection: 'first_hand', organisation: 'Clinic C-1', date: '2025-03-16' },
  { type: 'monitor', reliability: 'moderate', connection: 'second_hand', organisation: 'Patrol P-2' },
];

describe.skipIf(!hasBrowser)('verification workspace in Chromium', () => {
  let env: BrowserApp;
  const ONE_ADMIN = 'admin@org-one.test';
  const ONE_COORDINATOR = 'coordinator@org-one.test';
  const HQ_REVIEWER = 'reviewer@org-hq.test';

  beforeAll(async () => {
    env = await startBrowserApp('ORG-W');
    // A one-person office (one coordinator, and its administrator) and a headquarters with a reviewer.
    await ensureOrganisation(env.ctx.db, { code: 'ORG-ONE', name: 'One-person field office', kind: 'office' });
    await ensureOrganisation(env.ctx.db, { code: 'ORG-HQ', name: 'Headquarters protection unit', kind: 'headquarters' });
    await createUser(env.ctx.db, { organisationCode: 'ORG-ONE', email: ONE_ADMIN, role: 'admin', password: PASSWORD });
    await createUser(env.ctx.db, { organisationCode: 'ORG-ONE', email: ONE_COORDINATOR, role: 'coordinator', password: PASSWORD });
    await createUser(env.ctx.db, { organisationCode: 'ORG-HQ', email: HQ_REVIEWER, role: 'coordinator', password: PASSWORD });
  });
  afterAll(async () => { await env?.close(); });

  it('a coordinator decides a record from the queue with reason, standard and sources, and reads its history old -> new', async () => {
    const monitor = await signedIn(env.base, env.users.monitor!.email);
    const made = (await monitor.post<IncidentDetail>('/api/incidents', sampleIncident({ sources: SOURCES }))).body;
    const page = await env.newPage();
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByTestId('current-user').waitFor();
    await page.getByRole('link', { name: 'Verification queue' }).click();
    await page.getByTestId(`queue-row-${made.reference}`).getByTestId('queue-decide').click();
    const panel = page.getByTestId('queue-decision');
    await panel.getByTestId('decision-form').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('queue-decision');
    // The sources are the record's own, worded.
    expect(await panel.getByText('Source 1: Service provider').count()).toBe(1);

    // Verifying without a standard or the sources relied on is refused, naming the fields by their labels.
    await panel.getByLabel('Verified', { exact: true }).check();
    await panel.getByTestId('decision-submit').click();
    await expect.poll(() => panel.getByTestId('decision-problems').textContent()).toContain('Standard of proof: choose the standard of proof the decision applied');
    expect(await panel.getByTestId('decision-problems').textContent()).toContain('Sources relied on: choose at least one of the record’s sources the decision relied on');
    await env.shot(page, '80-queue-decision-refused');

    await panel.getByLabel('Not verified', { exact: true }).check();
    await panel.getByLabel('Reason not verified').selectOption('contradictory_information');
    await panel.getByLabel('Standard of proof').selectOption('reasonable_grounds_to_believe');
    await panel.getByLabel(/^Source 1:/).check();
    await panel.getByLabel(/^Source 2:/).check();
    await panel.getByLabel('Note').fill('Clinic and patrol disagree on the date; survivor not reachable again.');
    expect(await accessibilityProblems(page)).toEqual([]);
    await env.shot(page, '81-queue-decision');
    await panel.getByTestId('decision-submit').click();
    await expect.poll(() => page.getByTestId('queue-decided').textContent()).toContain(made.reference);
    await expect.poll(() => page.getByTestId(`queue-row-${made.reference}`).count()).toBe(0);

    // The record shows the decision with its grounds; the history shows old -> new.
    await page.goto(`${env.base}/incidents/${made.id}`);
    const detail = page.getByTestId('incident-detail');
    await expect.poll(() => detail.getByTestId('verification-status').textContent()).toBe('Not verified');
    expect(await detail.getByTestId('verification-standard').textContent()).toBe('Reasonable grounds to believe');
    expect(await detail.getByTestId('verification-sources').textContent()).toBe('Source 1, Source 2');
    expect(await detail.getByTestId('verification-route').textContent()).toBe('Another coordinator of the organisation');
    await page.getByRole('button', { name: 'History' }).click();
    const v2 = page.getByTestId('version-2');
    await v2.getByTestId('version-changes').waitFor();
    expect(await v2.locator('h3').textContent()).toBe('Version 2: Decision recorded');
    const row = (field: string) => v2.getByTestId(`change-${field}`).locator('td');
    expect(await row('verification.status').allTextContents()).toEqual(['Reported', 'Not verified']);
    expect(await row('verification.notVerifiedReason').allTextContents()).toEqual(['(none)', 'Contradictory information']);
    expect(await row('verification.standard').allTextContents()).toEqual(['(none)', 'Reasonable grounds to believe']);
    expect(await row('verification.reliedOnSources').allTextContents()).toEqual(['(none)', 'Source 1, Source 2']);
    expect(await accessibilityProblems(page)).toEqual([]);
    await env.shot(page, '82-history-old-new');

    // The same history in Arabic, right to left, with labels and coded values translated.
    await page.getByTestId('language-switcher').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => row('verification.status').allTextContents()).toEqual(['مُبلَّغ عنها', 'لم يتم التحقق منها']);
    await env.shot(page, '83-history-old-new-arabic');
    await page.context().close();
  }, 150_000);

  it('a one-coordinator organisation set to use a partner reviewer gets its record decided by that reviewer', async () => {
    // Its administrator chooses the partner reviewer on the settings page.
    const admin = await env.newPage();
    await env.signIn(admin, ONE_ADMIN);
    await admin.getByRole('link', { name: 'Organisation settings' }).click();
    await admin.getByTestId('settings-form').waitFor();
    await admin.getByLabel(/^A designated reviewer of a partner/).check();
    await admin.getByLabel(/^Reviewers/).fill(HQ_REVIEWER);
    await admin.getByLabel('Sources required before a record can be verified').fill('1');
    // The smallest count published figures show (suppression threshold), beside the recording rules.
    await admin.getByLabel('Smallest count shown').fill('7');
    await admin.getByTestId('settings-save').click();
    await admin.getByTestId('settings-saved').waitFor();
    expect((await (await signedIn(env.base, ONE_ADMIN)).get<{ disclosure: unknown }>('/api/organisation/settings')).body.disclosure).toEqual({ threshold: 7, protectZeros: false });
    expect(await admin.getByTestId('settings-reviewers').textContent()).toContain('reviewer@org-hq.test (Headquarters protection unit)');
    expect(await accessibilityProblems(admin)).toEqual([]);
    await env.shot(admin, '84-settings-partner-reviewer');
    await admin.context().close();

    // The only coordinator records an incident and, unable to decide it, puts it to the reviewer.
    const coordinator = await signedIn(env.base, ONE_COORDINATOR);
    const made = (await coordinator.post<IncidentDetail>('/api/incidents', sampleIncident({ sources: SOURCES }))).body;
    const page = await env.newPage();
    await env.signIn(page, ONE_COORDINATOR);
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${env.base}/incidents/${made.id}`);
    await expect.poll(() => page.getByTestId('decision-four-eyes').textContent()).toContain('designated reviewer');
    const request = page.getByTestId('review-request');
    await request.getByLabel('Message to the reviewer').fill('Please decide: I am the only coordinator here.');
    await request.getByTestId('review-submit').click();
    await expect.poll(() => request.getByTestId('review-status').textContent()).toContain('Put to reviewer@org-hq.test (Headquarters protection unit)');
    expect(await accessibilityProblems(page)).toEqual([]);
    await env.shot(page, '85-put-to-reviewer');

    // The reviewer sees what is put to them, and what a decision needs: no locality, no narrative unshared.
    const reviewer = await env.newPage();
    await env.signIn(reviewer, HQ_REVIEWER);
    await reviewer.getByRole('link', { name: 'Put to me' }).click();
    await reviewer.getByTestId(`review-row-${made.reference}`).getByRole('link').click();
    const record = reviewer.getByTestId('review-record');
    await record.waitFor();
    expect(await record.getByTestId('review-note').textContent()).toBe('Please decide: I am the only coordinator here.');
    const seen = await record.textContent();
    expect(seen).not.toContain('SECRET-NARRATIVE-MARKER');
    expect(seen).not.toContain('Locality L-101');
    expect(seen).toContain('The narrative was not shared with you.');
    const panel = record.getByTestId('decision-form');
    await panel.getByLabel('Verified', { exact: true }).check();
    await panel.getByLabel('Standard of proof').selectOption('reasonable_grounds_to_believe');
    await panel.getByLabel(/^Source 1:/).check();
    await env.shot(reviewer, '86-reviewer-decides');
    await panel.getByTestId('decision-submit').click();
    await reviewer.getByTestId('review-done').waitFor();
    expect(await accessibilityProblems(reviewer)).toEqual([]);
    await env.shot(reviewer, '87-reviewer-done');
    // Access ends with the decision.
    await reviewer.getByRole('link', { name: 'Back to the records put to you' }).click();
    await reviewer.getByTestId('reviews-empty').waitFor();
    await reviewer.context().close();

    // Back in the office, the record is verified by the partner reviewer.
    await page.reload();
    const detail = page.getByTestId('incident-detail');
    await expect.poll(() => detail.getByTestId('verification-status').textContent()).toMatch(/^Verified/);
    expect(await detail.getByTestId('verification-route').textContent()).toBe('A partner reviewer');
    expect(await page.getByTestId('review-request').count()).toBe(0);
    await env.shot(page, '88-decided-by-reviewer');
    await page.context().close();
  }, 150_000);

  it('never contacted anything but the app itself', () => {
    expect(env.outside).toEqual([]);
  });
});
