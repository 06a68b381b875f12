/**
 * Account administration and two-factor in real Chromium. The administrator creates a user (one-time
 * password shown once); the user replaces it at first sign-in, turns on two-factor from the QR code made by
 * the server, keeps the recovery codes, mistypes the password in a form (an error on the form, not a
 * sign-out), and signs in with a recovery code. The administrator resets the user's two-factor, then reads
 * the audit view (filtered, verified by the real job system), in English and Arabic. Screenshots go to
 * test-results/ for a person to look at.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpNow } from '../../src/identity/totp.ts';
import { startTestJobs } from '../helpers/jobs.ts';
import { accessibilityProblems, hasBrowser, startBrowserApp, type BrowserApp } from './browser-kit.ts';

const NEW_EMAIL = 'field.monitor@org-u.test';
const OWN_PASSWORD = 'a passphrase of my own choosing';

describe.skipIf(!hasBrowser)('account administration and two-factor in Chromium', () => {
  let env: BrowserApp;
  let stopJobs: () => Promise<void>;
  let oneTime = '';
  let recoveryCodes: string[] = [];
  beforeAll(async () => {
    env = await startBrowserApp('ORG-U');
    stopJobs = await startTestJobs(env.ctx, env.db.url);
  });
  afterAll(async () => {
    await stopJobs?.();
    await env?.close();
  });

  async function signInAs(page: Page, email: string, password: string) {
    await page.goto(env.base);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('the administrator creates a user, whose one-time password is shown once', async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.admin!.email, '/');
    // Administrators start at the accounts, and have no incident pages in their menu.
    await page.getByTestId('users-page').waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).textContent()).not.toContain('Incidents');
    await page.getByTestId('account-create').getByLabel('Email').fill(NEW_EMAIL);
    await page.getByTestId('account-create').getByLabel('Role').selectOption('monitor');
    await page.getByRole('button', { name: 'Create account' }).click();
    const shown = page.getByTestId('one-time-password');
    await shown.waitFor();
    oneTime = (await shown.locator('code').textContent())!.trim();
    expect(oneTime).toMatch(/^\S{20}$/);
    const row = page.getByTestId('account-row').filter({ hasText: NEW_EMAIL });
    expect(await row.textContent()).toContain('One-time password');
    expect(await row.textContent()).toContain('Never');
    await env.shot(page, 'a1-users-created');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'I have handed it over' }).click();
    await expect.poll(() => page.getByTestId('one-time-password').count()).toBe(0);
    await page.context().close();
  });

  it('the user replaces the one-time password, enrols with the QR code and keeps the recovery codes', async () => {
    const page = await env.newPage();
    await signInAs(page, NEW_EMAIL, oneTime);
    await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await page.getByLabel('Current password').fill(oneTime);
    await page.getByLabel('New password', { exact: true }).fill(OWN_PASSWORD);
    await page.getByLabel('New password again').fill('something else entirely');
    await page.getByRole('button', { name: 'Change password' }).click();
    expect(await page.getByText('The two new passwords are not the same.').count()).toBe(1);
    await page.getByLabel('New password again').fill(OWN_PASSWORD);
    await env.shot(page, 'a2-first-password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByTestId('current-user').waitFor();

    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByTestId('totp-password').fill(OWN_PASSWORD);
    await page.getByTestId('totp-setup').click();
    const qr = page.getByTestId('totp-qr');
    await qr.waitFor();
    // Drawn from a data URL made by the server: no request leaves the app for it.
    expect(await qr.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)).toBe(true);
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    await env.shot(page, 'a3-enrolment-qr');
    const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s+/g, '');
    await page.getByLabel('Authentication code').fill(totpNow(secret));
    await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    const codes = page.getByTestId('recovery-codes');
    await codes.waitFor();
    recoveryCodes = (await codes.locator('li code').allTextContents()).map((c) => c.trim());
    expect(recoveryCodes).toHaveLength(10);
    expect(await page.getByTestId('recovery-done').isDisabled()).toBe(true);
    await env.shot(page, 'a4-recovery-codes');
    await page.getByLabel('I have saved these codes').check();
    await page.getByTestId('recovery-done').click();
    expect(await page.getByTestId('recovery-left').textContent()).toBe('10 recovery codes left.');

    // A wrong password in a form of a valid session is an error on the form, never the sign-in page.
    await page.locator('summary', { hasText: 'Get new recovery codes' }).click();
    await page.locator('.sub-panel[open]').getByLabel('Your password').fill('not my password at all');
    await page.locator('.sub-panel[open]').getByRole('button', { name: 'Get new recovery codes' }).click();
    await page.getByText('This password is not correct.').first().waitFor();
    expect(await page.getByTestId('current-user').count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Sign in' }).count()).toBe(0);
    await env.shot(page, 'a5-account-wrong-password');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    // Signing in with a recovery code instead of the app's code.
    await signInAs(page, NEW_EMAIL, OWN_PASSWORD);
    await page.getByTestId('totp-mode').click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
    await env.shot(page, 'a6-recovery-sign-in');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByTestId('current-user').waitFor();
    await page.getByRole('link', { name: 'Account' }).click();
    expect(await page.getByTestId('recovery-left').textContent()).toBe('9 recovery codes left.');
    await page.context().close();
  });

  it("the administrator resets the user's two-factor and reads the audit view", async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.admin!.email, '/');
    const row = page.getByTestId('account-row').filter({ hasText: NEW_EMAIL });
    await row.waitFor();
    expect(await row.textContent()).toContain('On (9 recovery codes left)');
    await row.getByRole('button', { name: 'Manage' }).click();
    const actions = page.getByTestId('account-actions');
    await actions.getByTestId('action-twoFactor').click();
    await env.shot(page, 'a7-reset-two-factor-confirm');
    await actions.getByTestId('confirm-twoFactor').click();
    await actions.getByText('Two-factor authentication was reset and the sessions ended.').waitFor();
    await expect.poll(async () => row.textContent()).toContain('Off');

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByTestId('audit-table').waitFor();
    const entries = page.getByTestId('audit-row');
    expect(await entries.first().textContent()).toContain('user.reset_totp');
    expect(await page.getByTestId('audit-table').textContent()).toContain(NEW_EMAIL);
    // Filter: account changes only.
    await page.getByLabel('Action').fill('user.');
    await page.getByRole('button', { name: 'Show' }).click();
    // Each row's action (its code cell), not its whole text: an email or a detail can contain "user." too.
    const actionCells = entries.locator('td code');
    // The unfiltered first page can already be all account changes (the newest entries are), so wait for
    // the filtered answer itself: only account changes, reaching back to the account's creation.
    const filtered = async (): Promise<boolean> => {
      const texts = await actionCells.allTextContents();
      return texts.length > 0 && texts.every((t) => t.startsWith('user.')) && texts.some((t) => t.includes('user.create'));
    };
    await expect.poll(filtered, { timeout: 15_000 }).toBe(true);
    const texts = await actionCells.allTextContents();
    expect(texts.some((t) => t.includes('user.password_changed'))).toBe(true);
    // The chain's verification, run by the job system.
    await page.getByTestId('audit-verify').click();
    await expect.poll(async () => page.getByTestId('audit-verification-status').textContent(), { timeout: 30_000 }).toMatch(/^Intact: \d+ entries verified\.$/);
    await env.shot(page, 'a8-audit-view');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByTestId('language-switcher').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('سجل التدقيق');
    await env.shot(page, 'a9-audit-view-ar');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(env.outside).toEqual([]);
    await page.context().close();
  });
});
