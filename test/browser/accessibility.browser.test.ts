/**
 * Accessibility, checked rather than assumed: axe-core's WCAG 2.1 A/AA rules on every screen (and every step of
 * the incident form) in English and Arabic (no serious or critical violation), an incident recorded through
 * the steps with the keyboard alone, and every step of the form on a tablet-sized screen in both directions.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../helpers/http.ts';
import { accessibilityProblems, hasBrowser, startBrowserApp, type BrowserApp } from './browser-kit.ts';
import { onStep, type StepId } from './form-kit.ts';

/** The form's steps and the button that adds an entry there (so repeated entries are checked too). */
const FORM_STEPS: [StepId, string | null][] = [
  ['when', null], ['victims', 'add-survivors'], ['perpetrators', 'add-perpetrators'], ['sources', 'add-sources'], ['consent', 'add-referrals'], ['review', null],
];

describe.skipIf(!hasBrowser)('accessibility in Chromium', () => {
  let env: BrowserApp;
  beforeAll(async () => { env = await startBrowserApp('ORG-X'); });
  afterAll(async () => { await env?.close(); });

  /** Tab until the focused element matches, pressing at most `max` times; fails when it never does. */
  async function tabTo(page: Page, matches: () => boolean, max = 80) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(matches)) return;
    }
    throw new Error('focus never reached the expected element');
  }

  it('signs in and records an incident with the keyboard alone', async () => {
    const page = await env.newPage();
    await page.goto(`${env.base}/incidents`);
    await tabTo(page, () => (document.activeElement as HTMLInputElement | null)?.type === 'email');
    await page.keyboard.type(env.users.monitor!.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('incident-table').or(page.getByTestId('list-empty')).first().waitFor();

    await tabTo(page, () => document.activeElement?.textContent === 'New incident');
    await page.keyboard.press('Enter');
    await page.getByTestId('incident-form').waitFor();
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('data-testid'));
    await tabTo(page, () => document.activeElement?.id === 'f-occurredFrom');
    // Date inputs take typed digits in the order the browser's locale shows (either order gives a valid past date).
    await page.keyboard.type('03042025');
    await tabTo(page, () => document.activeElement?.getAttribute('data-testid') === 'place.country');
    await page.keyboard.press('ArrowDown');
    // Next is reached with Tab and pressed with Enter; the new step's heading takes the focus.
    await tabTo(page, () => document.activeElement?.getAttribute('data-testid') === 'step-next');
    await page.keyboard.press('Enter');
    await onStep(page, 'victims');
    await expect.poll(focused).toBe('step-heading');
    await tabTo(page, () => document.activeElement?.getAttribute('data-testid') === 'victims.women');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1');
    await tabTo(page, () => document.activeElement?.getAttribute('data-testid') === 'violations.0.form');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, () => document.activeElement?.getAttribute('data-testid') === 'violations.0.victims.women');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1');
    // Enter in a field moves on too (Next is the form's default button).
    await page.keyboard.press('Enter');
    await onStep(page, 'perpetrators');
    // Adding an entry puts the focus in its first field.
    await tabTo(page, () => document.activeElement?.id === 'add-perpetrators');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('f-perpetrators-0-party');
    await page.keyboard.type('Armed group (TEST-KB-1)');
    await page.keyboard.press('Enter');
    await onStep(page, 'sources');
    await tabTo(page, () => document.activeElement?.getAttribute('data-testid') === 'step-next');
    await page.keyboard.press('Enter');
    await onStep(page, 'consent');
    await tabTo(page, () => document.activeElement?.getAttribute('data-testid') === 'step-next');
    await page.keyboard.press('Enter');
    await onStep(page, 'review');
    await tabTo(page, () => document.activeElement?.id === 'f-narrative');
    await page.keyboard.type('Keyboard-only entry, survivor code S-0900.');
    await tabTo(page, () => document.activeElement?.getAttribute('data-testid') === 'save-incident');
    await page.keyboard.press('Enter');
    await page.getByTestId('incident-detail').waitFor();
    expect(await page.getByTestId('narrative').textContent()).toContain('S-0900');
    expect(await page.getByTestId('perpetrators-table').textContent()).toContain('TEST-KB-1');
    await env.shot(page, '20-keyboard-recorded');
    await page.context().close();
  });

  for (const language of ['en', 'ar'] as const) {
    it(`has no serious or critical WCAG 2.1 AA problem on any screen (${language})`, async () => {
      const page = await env.newPage();
      await page.addInitScript((lng) => localStorage.setItem('salama.language', lng), language);
      const problems: Record<string, unknown[]> = {};
      const check = async (screen: string) => {
        const found = await accessibilityProblems(page);
        if (found.length) problems[screen] = found;
      };
      await page.goto(`${env.base}/incidents`);
      await page.getByTestId('login-form').waitFor();
      await check('login');
      await page.locator('input[type=email]').fill(env.users.coordinator!.email);
      await page.locator('input[type=password]').fill(PASSWORD);
      await page.locator('button[type=submit]').click();
      await page.getByTestId('incident-table').waitFor();
      await check('list');
      await page.locator('[data-testid=incident-table] tbody a').first().click();
      await page.getByTestId('incident-detail').waitFor();
      await check('detail');
      await page.goto(`${env.base}/incidents/new`);
      await page.getByTestId('incident-form').waitFor();
      await page.getByTestId('step-next').click();
      await page.getByTestId('error-summary').waitFor();
      await check('form with errors');
      // Every step with one entry of each kind, then the review with every problem after trying to record.
      for (const [id, add] of FORM_STEPS) {
        await page.getByTestId(`step-${id}`).click();
        await onStep(page, id);
        if (add) await page.locator(`#${add}`).click();
        await check(`form step ${id}`);
      }
      await page.getByTestId('save-incident').click();
      await page.getByTestId('error-summary').waitFor();
      await check('form after recording with problems');
      await page.goto(`${env.base}/account`);
      await page.getByTestId('totp-status').waitFor();
      await check('account');
      await page.goto(`${env.base}/lists`);
      await page.getByTestId('lists-page').waitFor();
      await check('lists');
      expect(problems).toEqual({});
      await page.context().close();
    });
  }

  it('the checker itself catches a planted problem (so the test above can fail)', async () => {
    const page = await env.newPage();
    await page.goto(env.base);
    await page.getByTestId('login-form').waitFor();
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<input type="text" id="planted">'));
    expect((await accessibilityProblems(page)).map((p) => p.id)).toContain('label');
    await page.context().close();
  });

  for (const language of ['en', 'ar'] as const) {
    it(`fits every step of the incident form on a tablet without sideways scrolling (${language})`, async () => {
      const page = await env.newPage({ width: 768, height: 1024 });
      await env.signIn(page, env.users.monitor!.email);
      await page.getByTestId('incident-table').or(page.getByTestId('list-empty')).first().waitFor();
      if (language === 'ar') {
        await page.getByTestId('language-switcher').selectOption('ar');
        await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      }
      await page.goto(`${env.base}/incidents/new`);
      await page.getByTestId('incident-form').waitFor();
      const wide: string[] = [];
      for (const [n, [id, add]] of FORM_STEPS.entries()) {
        await page.getByTestId(`step-${id}`).click();
        await onStep(page, id);
        if (add) await page.locator(`#${add}`).click();
        if (!(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth))) wide.push(id);
        await env.shot(page, `21-tablet-${language}-${n + 1}-${id}`);
      }
      expect(wide).toEqual([]);
      await page.context().close();
    });
  }

  it('never contacted anything but the app itself', () => {
    expect(env.outside).toEqual([]);
  });
});
