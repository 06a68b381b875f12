/**
 * Plain messages in the user's language, in real Chromium: the French and Arabic entry forms say what is wrong
 * in human words naming the field by its label (one message per problem: a negative number gives one), the
 * messages follow a change of language, a recorded incident is confirmed with its reference (announced), the
 * list says its victims in words, dates read one way, and the footer credits the data in plain words.
 * Screenshots go to test-results/ for a person to look at.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, startBrowserApp, type BrowserApp } from './browser-kit.ts';
import { goToStep } from './form-kit.ts';

describe.skipIf(!hasBrowser)('messages, tallies and dates in words, in Chromium', () => {
  let env: BrowserApp;
  beforeAll(async () => { env = await startBrowserApp('ORG-W'); });
  afterAll(async () => { await env?.close(); });

  const summary = (page: Page) => page.getByTestId('error-summary');
  const items = async (page: Page) => (await summary(page).locator('li').allTextContents()).map((s) => s.trim());
  const chooseLanguage = async (page: Page, lang: 'en' | 'fr' | 'ar') => {
    await page.getByTestId('language-switcher').selectOption(lang);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
  };

  it('the French and Arabic entry forms show translated, human messages, one per problem', async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.monitor!.email);
    await page.getByTestId('incident-table').or(page.getByText('No incidents')).first().waitFor();
    await chooseLanguage(page, 'fr');
    await page.goto(`${env.base}/incidents/new`);
    await page.getByTestId('incident-form').waitFor();

    // A negative count and an end before the start, then Next: the step's problems, in French.
    await page.locator('#f-occurredFrom').fill('2025-06-10');
    await page.locator('#f-occurredTo').fill('2025-06-02');
    expect(await page.getByTestId('f-occurredFrom-words').textContent()).toBe('Date choisie : 10 juin 2025');
    await page.getByTestId('step-next').click();
    await summary(page).waitFor();
    const when = await items(page);
    expect(when).toContain('Date (fin) : ne peut pas être avant « Date (début) »');
    expect(when).toContain('Pays : choisissez un pays (ou saisissez son code à trois lettres, par exemple NER)');
    expect(when.join(' ')).not.toMatch(/YYYY|ISO 3166|occurredFrom|must /u);
    await env.shot(page, 'words-fr-when');

    await page.locator('#f-occurredTo').fill('');
    await page.getByTestId('place.country').selectOption('CAF');
    await goToStep(page, 'victims');
    await page.getByTestId('victims.women').fill('-2');
    await page.getByTestId('violations.0.form').selectOption('rape');
    await page.getByTestId('violations.0.victims.women').fill('1');
    await page.getByTestId('step-next').click();
    await summary(page).waitFor();
    const victims = await items(page);
    // One message for the negative number, none for the rules it would have broken elsewhere.
    expect(victims).toEqual(['Victimes – Femmes : ne peut pas être inférieur à 0']);
    expect(await page.locator('#f-victims-women-error').textContent()).toBe('Victimes – Femmes : ne peut pas être inférieur à 0');
    await env.shot(page, 'words-fr-victims');

    // The same problem in Arabic, right to left, as soon as the Arabic words have loaded.
    await chooseLanguage(page, 'ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await items(page)).toEqual(['الضحايا – نساء: لا يمكن أن يقل عن 0']);
    await env.shot(page, 'words-ar-victims');
    await page.getByTestId('victims.women').fill('1');
    await page.getByTestId('victims.girls').fill('2');
    await page.getByTestId('violations.0.victims.girls').fill('3');
    await page.getByTestId('step-next').click();
    await summary(page).waitFor();
    expect(await items(page)).toEqual(['الانتهاك 1 (الاغتصاب) – فتيات: لا يمكن أن يتجاوز العدد المسجل للحادثة (2)']);
    await env.shot(page, 'words-ar-exceeds');
    await page.getByTestId('violations.0.victims.girls').fill('2');

    // Recorded: a confirmation with the reference, in a live region; the list says the victims in words.
    await goToStep(page, 'review');
    await page.locator('#f-narrative').fill('Words test narrative, code S-88.');
    await page.getByTestId('save-incident').click();
    const notice = page.getByTestId('saved-notice');
    await notice.locator('p').waitFor();
    expect(await notice.getAttribute('role')).toBe('status');
    const reference = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
    expect(await notice.locator('p').textContent()).toBe(`سُجّلت الحادثة ${reference}.`);
    expect(await page.getByTestId('incident-detail').textContent()).toContain('10 يونيو 2025');
    await env.shot(page, 'words-ar-recorded');

    await page.goto(`${env.base}/incidents`);
    const row = page.getByTestId('incident-table').locator('tbody tr').first();
    await row.waitFor();
    expect(await row.locator('.breakdown').textContent()).toBe('امرأة واحدة، فتاتان');
    const footer = (await page.locator('footer').textContent()) ?? '';
    expect(footer).toContain('geoBoundaries');
    expect(footer).not.toMatch(/README|\.md|\/data\//u);
    await env.shot(page, 'words-ar-list');

    await chooseLanguage(page, 'fr');
    expect(await row.locator('.breakdown').textContent()).toBe('1 femme, 2 filles');
    expect(await row.textContent()).toContain('10 juin 2025');
    await chooseLanguage(page, 'en');
    expect(await row.locator('.breakdown').textContent()).toBe('1 woman, 2 girls');
    expect(await row.textContent()).toContain('10 June 2025');
  });
});
