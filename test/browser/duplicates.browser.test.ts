/**
 * Duplicate review in real Chromium: two monitors report the same abduction (a day apart, the party spelt
 * differently); a coordinator opens the first record's Possible duplicates, reads the evidence, links the
 * second here; the second record then says where it is counted (to its own monitor too, who cannot see the
 * first), the list marks it linked, and undoing the decision removes the notice. Detection on entry: a
 * coordinator records through the form an incident a monitor already recorded, and the new record's page says at
 * once that it may be a duplicate, with a button that opens the review. Screenshots go to test-results/ for a
 * person to look at.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/identity/users.ts';
import { PASSWORD, signedIn } from '../helpers/http.ts';
import { accessibilityProblems, hasBrowser, startBrowserApp, type BrowserApp } from './browser-kit.ts';
import { goToStep, next } from './form-kit.ts';

describe.skipIf(!hasBrowser)('duplicate review in Chromium', () => {
  let env: BrowserApp;
  const MONITOR_2 = 'monitor2@org-d.test';
  const first = { id: '', reference: '' };
  const second = { id: '', reference: '' };

  const report = (occurredFrom: string, party: string, timeOfDay: string, narrative: string) => ({
    occurredFrom,
    place: { country: 'CAF', admin1: 'CF-BGF' },
    victims: { girls: 3 },
    violations: [{ form: 'sexual_slavery', victims: { girls: 3 } }],
    perpetrators: [{ party }],
    context: { setting: 'abduction', timeOfDay },
    narrative,
  });

  async function record(email: string, body: unknown) {
    const client = await signedIn(env.base, email);
    const res = await client.post<{ id: string; reference: string }>('/api/incidents', body);
    expect(res.status).toBe(201);
    return { id: res.body.id, reference: res.body.reference };
  }

  beforeAll(async () => {
    env = await startBrowserApp('ORG-D');
    await createUser(env.ctx.db, { organisationCode: 'ORG-D', email: MONITOR_2, role: 'monitor', password: PASSWORD });
    Object.assign(first, await record(env.users.monitor!.email, report('2025-07-03', 'Armed group Q (TEST-12)', 'evening',
      'Three girls were taken from the road near the school by armed men of group Q and held for two weeks; case D-1.')));
    Object.assign(second, await record(MONITOR_2, report('2025-07-04', 'ARMED GROUP Q TEST-12', 'night',
      'Three girls taken from the road near the school by armed men (group Q), held about two weeks; clinic case D-1.')));
  });
  afterAll(async () => { await env?.close(); });

  async function openDuplicates(page: Page) {
    await page.getByTestId('duplicates').locator('summary').click();
    await page.getByTestId('duplicate-decisions').waitFor();
  }
  const notice = (page: Page) => page.getByTestId('linked-notice');

  it('a coordinator reads the evidence, links the second report here, and the list and the second record say so', async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByRole('link', { name: first.reference }).click();
    await page.getByTestId('incident-detail').waitFor();
    // Collapsed until opened: nothing asked for before.
    expect(await page.getByTestId('duplicates').getAttribute('open')).toBeNull();
    await openDuplicates(page);

    const candidate = page.getByTestId(`candidate-${second.reference}`);
    await candidate.waitFor();
    expect(await candidate.getByTestId('candidate-level').textContent()).toBe('Very likely the same incident');
    expect(await candidate.getByRole('link', { name: second.reference }).getAttribute('href')).toBe(`/incidents/${second.id}`);
    expect(await candidate.locator('.item', { hasText: 'Victims' }).locator('dd').textContent()).toBe('3 (3 girls)');
    const party = candidate.getByTestId('evidence-perpetrator');
    expect(await party.locator('th').textContent()).toBe('Alleged perpetrator');
    expect(await party.locator('td').nth(0).textContent()).toContain('For');
    expect(await party.locator('td').nth(1).textContent()).toMatch(/^\+\d/);
    // What was found, in words with the values (never codes, nor an English note).
    expect(await party.locator('td').nth(2).getAttribute('lang')).toBeNull();
    expect(await party.locator('td').nth(2).textContent()).toMatch(/^same alleged perpetrator: Armed group/u);
    expect(await candidate.getByTestId('evidence-date').locator('td').nth(2).textContent()).toBe('1 day apart');
    expect(await candidate.getByTestId('evidence-narrative').count()).toBe(1);
    // Evidence against is marked by symbol and word, and its points carry a true minus sign.
    const time = candidate.getByTestId('evidence-timeOfDay');
    expect(await time.locator('td').nth(0).textContent()).toContain('Against');
    expect(await time.locator('td').nth(1).textContent()).toBe('\u22121');
    expect(await time.locator('td').nth(2).textContent()).toBe('different times of day: evening / night');
    expect(await page.getByTestId('duplicate-decisions').textContent()).toContain('No decisions yet.');
    expect(await accessibilityProblems(page)).toEqual([]);
    await env.shot(page, '50-duplicates');

    await candidate.getByRole('button', { name: 'Same incident — link it here' }).click();
    const status = page.getByTestId('duplicates-status');
    await page.getByText(`${second.reference} is now linked here as the same incident`).waitFor();
    // Focus moves to the message on the next frame (the pressed button has gone with its card).
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'duplicates-status');
    expect(await status.textContent()).toContain('it is counted once, under this record');
    expect(await candidate.count()).toBe(0);
    const decision = page.getByTestId('decision').first();
    await decision.getByRole('link', { name: second.reference }).waitFor();
    expect(await decision.locator('.decision-title').textContent()).toBe('Same incident');
    expect(await decision.locator('.item', { hasText: 'Counted under' }).locator('dd').textContent()).toBe('This record');
    expect(await decision.locator('.item', { hasText: 'Decided by' }).locator('dd').textContent()).toBe(env.users.coordinator!.email);
    // The counted record carries no notice; the list marks only the linked one.
    expect(await notice(page).count()).toBe(0);

    await page.getByRole('link', { name: 'Incidents' }).first().click();
    await page.getByTestId('incident-table').waitFor();
    const row = (ref: string) => page.getByTestId('incident-table').locator('tr', { has: page.getByRole('link', { name: ref }) });
    await row(second.reference).getByTestId('linked-badge').waitFor();
    expect(await row(second.reference).getByTestId('linked-badge').textContent()).toBe('Linked: Linked as the same incident as another record, and counted there');
    expect(await row(first.reference).getByTestId('linked-badge').count()).toBe(0);

    await row(second.reference).getByRole('link', { name: second.reference }).click();
    await notice(page).getByRole('link', { name: first.reference }).waitFor();
    expect(await notice(page).locator('strong').textContent()).toBe(`Linked as the same incident as ${first.reference} — counted once, under ${first.reference}.`);
    expect(await notice(page).getByRole('link', { name: first.reference }).getAttribute('href')).toBe(`/incidents/${first.id}`);
    await openDuplicates(page);
    await page.getByTestId('decision').first().getByRole('link', { name: first.reference }).first().waitFor();
    expect(await page.getByTestId('decision').first().locator('.item', { hasText: 'Counted under' }).getByRole('link').textContent()).toBe(first.reference);
    // Linked elsewhere: the record it is counted under is no candidate, and nothing can be linked here.
    await page.getByTestId('no-candidates').waitFor();
    expect(await page.getByTestId(`candidate-${first.reference}`).count()).toBe(0);
    expect(await page.getByTestId('link-same').count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await env.shot(page, '51-linked');
    await page.context().close();
  });

  it('the second record\'s monitor, who cannot see the first, is told it is counted under a record they cannot see', async () => {
    const page = await env.newPage();
    await env.signIn(page, MONITOR_2);
    await page.getByRole('link', { name: second.reference }).click();
    await notice(page).getByText('Linked as the same incident as a record you cannot see — counted once, under that record.').waitFor();
    await openDuplicates(page);
    const decision = page.getByTestId('decision').first();
    await decision.getByText('A record you cannot see').first().waitFor();
    expect(await decision.locator('.item', { hasText: 'Decided by' }).locator('dd').textContent()).toBe('Another user');
    // Monitors read the review; only coordinators decide or undo.
    expect(await page.getByTestId('undo-decision').count()).toBe(0);
    expect(await page.getByTestId('link-same').count()).toBe(0);
    await page.context().close();
  });

  it('the coordinator undoes the link: the notice and the marker go, and the pair is proposed again', async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByRole('link', { name: second.reference }).click();
    await notice(page).getByRole('link', { name: first.reference }).waitFor();
    await openDuplicates(page);
    await page.getByTestId('undo-decision').click();
    await page.getByText('Decision undone: any link is removed and the pair may be proposed again.').waitFor();
    await notice(page).waitFor({ state: 'detached' });
    const decision = page.getByTestId('decision').first();
    expect(await decision.getByTestId('undone-badge').textContent()).toBe('Undone');
    expect(await decision.locator('.item', { hasText: 'Undone on' }).count()).toBe(1);
    expect(await decision.locator('.item', { hasText: 'Counted under' }).count()).toBe(0);
    expect(await page.getByTestId('undo-decision').count()).toBe(0);
    // Unlinked, the first record is proposed again from this side.
    await page.getByTestId(`candidate-${first.reference}`).waitFor();

    await page.getByRole('link', { name: 'Incidents' }).first().click();
    await page.getByTestId('incident-table').waitFor();
    // The cached list may show for a moment while it is fetched again.
    await page.getByTestId('linked-badge').waitFor({ state: 'detached' });
    expect(await page.getByTestId('incident-table').getByRole('link', { name: second.reference }).count()).toBe(1);
    await page.context().close();
  });

  it('detection on entry: a new record that may already be recorded says so at once; an edit does not', async () => {
    // Another event, far from the abduction above in place and time: its only candidate is the monitor's record.
    const earlier = await record(env.users.monitor!.email, {
      occurredFrom: '2025-04-12', place: { country: 'CAF', admin1: 'CF-OP' }, victims: { women: 2 },
      violations: [{ form: 'rape', victims: { women: 2 } }], perpetrators: [{ party: 'Armed group R (TEST-31)' }],
      context: { setting: 'checkpoint', timeOfDay: 'morning' },
      narrative: 'Two women stopped at the checkpoint on the market road were raped by armed men of group R; case E-7.',
    });
    const page = await env.newPage();
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByRole('link', { name: 'New incident' }).click();
    await page.getByTestId('incident-form').waitFor();
    await page.locator('#f-occurredFrom').fill('2025-04-13');
    await page.getByTestId('place.country').selectOption('CAF');
    await page.locator('#f-place-admin1').selectOption('CF-OP');
    await page.locator('#f-context-setting').selectOption('checkpoint');
    await page.getByLabel('Time of day').selectOption('morning');
    await next(page, 'victims');
    await page.getByTestId('victims.women').fill('2');
    await page.getByTestId('violations.0.form').selectOption('rape');
    await page.getByTestId('violations.0.victims.women').fill('2');
    await next(page, 'perpetrators');
    await page.getByRole('button', { name: 'Add an alleged perpetrator' }).click();
    await page.locator('#f-perpetrators-0-party').fill('ARMED GROUP R TEST-31');
    await goToStep(page, 'review');
    await page.locator('#f-narrative').fill('Two women raped at the checkpoint on the market road by armed men (group R); NGO case E-7.');
    await page.getByTestId('save-incident').click();
    await page.getByTestId('incident-detail').waitFor();
    const reference = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
    expect(reference).not.toBe(earlier.reference);

    // The new record's page asks at once and says so at the top, in a live region; the section stays closed.
    const entry = page.getByTestId('entry-duplicates');
    await entry.getByText('This incident may already be recorded: 1 possible duplicate. Review it before going on.').waitFor();
    expect(await entry.getAttribute('role')).toBe('status');
    // At the top, after the confirmation that the record was made.
    expect(await page.locator('[data-testid="incident-detail"] > :first-child').getAttribute('data-testid')).toBe('saved-notice');
    expect(await page.locator('[data-testid="incident-detail"] > :nth-child(2)').getAttribute('data-testid')).toBe('entry-duplicates');
    expect(await page.getByTestId('duplicates').getAttribute('open')).toBeNull();
    // The signal travels in the navigation state, not in the address.
    expect(new URL(page.url()).pathname).toMatch(/^\/incidents\/[0-9a-f-]{36}$/);
    expect(new URL(page.url()).search).toBe('');

    await entry.getByRole('button', { name: 'Review possible duplicates' }).click();
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid="duplicates"]') !== null
      && document.activeElement?.tagName === 'SUMMARY');
    expect(await page.getByTestId('duplicates').getAttribute('open')).not.toBeNull();
    const candidate = page.getByTestId(`candidate-${earlier.reference}`);
    await candidate.waitFor();
    expect(await candidate.getByRole('link', { name: earlier.reference }).getAttribute('href')).toBe(`/incidents/${earlier.id}`);
    expect(await page.locator('.candidate-list > li').count()).toBe(1);
    await candidate.getByRole('button', { name: 'Same incident — link it here' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await env.shot(page, '52-on-entry');

    // Saving an edit leads to the same page without the check.
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByTestId('incident-form').waitFor();
    await goToStep(page, 'perpetrators');
    await page.locator('#f-perpetrators-0-party').fill('Armed group R (TEST-31)');
    await page.getByTestId('save-incident').click();
    await page.getByTestId('incident-detail').getByText('Armed group R (TEST-31)').waitFor();
    expect(await page.getByTestId('entry-duplicates').count()).toBe(0);
    await page.context().close();
  });
});
