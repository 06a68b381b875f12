/**
 * The organisation-wide duplicate review in real Chromium, with the real job system (pg-boss): two monitors
 * report the same abduction a day apart; a coordinator opens Duplicates (no scan yet), presses Scan now, and the
 * page follows the background scan until the pair shows, both records side by side with the evidence. Checked
 * in English and Arabic (axe, tablet width). The coordinator links the pair keeping one counted, undoes it from
 * the confirmation, links it again; the pair leaves the list and the other record says where it is counted.
 * Monitors get neither the link nor the page. Screenshots go to test-results/ for a person to look at.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/identity/users.ts';
import { PASSWORD, signedIn } from '../helpers/http.ts';
import { startTestJobs } from '../helpers/jobs.ts';
import { accessibilityProblems, hasBrowser, startBrowserApp, type BrowserApp } from './browser-kit.ts';

/** True when the page fits the viewport's width (no sideways scrolling). */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe.skipIf(!hasBrowser)('duplicates page in Chromium', () => {
  let env: BrowserApp;
  let stopJobs: () => Promise<void>;
  let page: Page;
  const MONITOR_2 = 'monitor2@org-p.test';
  const records: { id: string; reference: string }[] = [];

  const report = (occurredFrom: string, party: string, narrative: string) => ({
    occurredFrom,
    place: { country: 'CAF', admin1: 'CF-BGF' },
    victims: { girls: 3 },
    violations: [{ form: 'sexual_slavery', victims: { girls: 3 } }],
    perpetrators: [{ party }],
    context: { setting: 'abduction', timeOfDay: 'evening' },
    narrative,
  });
  async function record(email: string, body: unknown) {
    const client = await signedIn(env.base, email);
    const res = await client.post<{ id: string; reference: string }>('/api/incidents', body);
    expect(res.status).toBe(201);
    return { id: res.body.id, reference: res.body.reference };
  }

  beforeAll(async () => {
    env = await startBrowserApp('ORG-P');
    // Scans are background jobs: the browser kit's server does not start them itself.
    stopJobs = await startTestJobs(env.ctx, env.db.url);
    await createUser(env.ctx.db, { organisationCode: 'ORG-P', email: MONITOR_2, role: 'monitor', password: PASSWORD });
    records.push(await record(env.users.monitor!.email, report('2025-08-03', 'Armed group P (TEST-41)', 'Three girls taken from the road by group P; case P-1.')));
    records.push(await record(MONITOR_2, report('2025-08-04', 'ARMED GROUP P TEST-41', 'Three girls abducted on the road by armed men of group P; clinic case P-1.')));
    // Far from them in place and time: never paired with them.
    records.push(await record(env.users.monitor!.email, {
      occurredFrom: '2025-02-10', place: { country: 'CAF', admin1: 'CF-OP' }, victims: { women: 1 },
      violations: [{ form: 'rape', victims: { women: 1 } }], perpetrators: [{ party: 'Armed group Z (TEST-42)' }],
      narrative: 'A woman was raped at the market; case P-9.',
    }));
    page = await env.newPage();
  });
  afterAll(async () => {
    await stopJobs?.();
    await env?.close();
  });

  const pairCard = () => page.locator('.pair-list > li');

  it('before any scan, says so; Scan now follows the background scan until the pair shows, side by side', async () => {
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByRole('link', { name: 'Duplicates', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Likely duplicates' }).waitFor();
    await expect.poll(() => page.getByTestId('scan-state').textContent()).toBe('No scan yet.');
    expect(await page.getByTestId('pairs-empty').textContent()).toBe('No scan yet: press Scan now to compare every record of your organisation.');
    expect(await accessibilityProblems(page)).toEqual([]);
    await env.shot(page, '85-duplicates-no-scan');

    const scans: string[] = [];
    page.on('request', (r) => { if (r.url().endsWith('/api/duplicates/scan')) scans.push(r.method()); });
    await page.getByTestId('scan-now').click();
    await page.getByTestId('scan-state').getByText(/^Finished .*: 3 records compared, 1 likely pair found\.$/).waitFor({ timeout: 30_000 });
    // Started once, then polled until it ended; the list was asked for again and shows the pair.
    expect(scans[0]).toBe('POST');
    expect(scans.filter((m) => m === 'GET').length).toBeGreaterThanOrEqual(1);
    await pairCard().first().waitFor();
    expect(await pairCard().count()).toBe(1);
    expect(await page.getByTestId('list-total').textContent()).toBe('1 pair to review');
    expect(await page.getByTestId('scan-now').textContent()).toBe('Scan now');

    const card = pairCard().first();
    const refA = (await card.getByTestId('pair-link-a').textContent())!;
    const refB = (await card.getByTestId('pair-link-b').textContent())!;
    expect([refA, refB].sort()).toEqual([records[0]!.reference, records[1]!.reference].sort());
    const byRef = (ref: string) => records.find((r) => r.reference === ref)!;
    expect(await card.getByTestId('pair-link-a').getAttribute('href')).toBe(`/incidents/${byRef(refA).id}`);
    expect(await card.getByTestId('pair-level').textContent()).toBe('Very likely the same incident');
    const cells = async (row: string) => card.getByTestId(`compare-${row}`).locator('td').allTextContents();
    expect((await cells('date')).sort()).toEqual(['3 August 2025', '4 August 2025']);
    expect(await cells('victims')).toEqual(['3 (3 girls)', '3 (3 girls)']);
    expect(await cells('status')).toEqual(['Reported', 'Reported']);
    expect(await card.getByTestId('evidence-perpetrator').locator('td').nth(0).textContent()).toContain('For');
    expect(await card.getByTestId('evidence-date').locator('td').nth(2).textContent()).toBe('1 day apart');
    expect(await card.getByTestId('keep-a').textContent()).toBe(`Same incident (keep ${refA} counted)`);
    expect(await card.getByTestId('keep-b').textContent()).toBe(`Same incident (keep ${refB} counted)`);
    expect(await card.getByTestId('pair-distinct').textContent()).toBe('Different incidents');
    expect(await accessibilityProblems(page)).toEqual([]);
    await env.shot(page, '86-duplicates-pair');

    await page.setViewportSize({ width: 768, height: 1024 });
    expect(await fitsWidth(page)).toBe(true);
    await env.shot(page, '87-duplicates-tablet');
  });

  it('reads in Arabic, right to left, and fits a tablet', async () => {
    await page.getByTestId('language-switcher').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByRole('heading', { level: 1, name: 'حوادث مكررة مرجَّحة' }).waitFor();
    expect(await page.getByTestId('scan-now').textContent()).toBe('افحص الآن');
    expect(await fitsWidth(page)).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    await env.shot(page, '88-duplicates-ar');
    await page.getByTestId('language-switcher').selectOption('en');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('links the pair keeping one counted, can undo it at once, and the other record then says where it is counted', async () => {
    const card = pairCard().first();
    const refA = (await card.getByTestId('pair-link-a').textContent())!;
    const refB = (await card.getByTestId('pair-link-b').textContent())!;
    const idB = records.find((r) => r.reference === refB)!.id;
    const status = page.getByTestId('pairs-status');

    await card.getByTestId('keep-a').click();
    await status.getByText(`${refB} is now linked to ${refA} as the same incident: counted once, under ${refA}.`).waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'pairs-status');
    await page.getByTestId('pairs-empty').waitFor();
    // The scan's count and the list agree in words: the pair it found has been decided since (issue 8).
    expect(await page.getByTestId('pairs-empty').textContent()).toBe('Nothing left to review: the likely pair the last scan found has been decided since.');
    await expect.poll(() => page.getByTestId('scan-settled').textContent())
      .toBe('1 of them has been decided since (linked, marked as different, or one record deleted or linked to another).');
    expect(await accessibilityProblems(page)).toEqual([]);
    await env.shot(page, '89-duplicates-linked');

    // Undone from the confirmation: the pair is back.
    await page.getByTestId('pairs-undo').click();
    await status.getByText('Decision undone: any link is removed and the pair is back in the list.').waitFor();
    await pairCard().first().waitFor();
    expect(await page.getByTestId('pairs-undo').count()).toBe(0);

    await pairCard().first().getByTestId('keep-a').click();
    await status.getByText(`${refB} is now linked to ${refA}`, { exact: false }).waitFor();
    await page.getByTestId('pairs-empty').waitFor();
    await page.goto(`${env.base}/incidents/${idB}`);
    const notice = page.getByTestId('linked-notice');
    await notice.getByRole('link', { name: refA }).waitFor();
    expect(await notice.locator('strong').textContent()).toBe(`Linked as the same incident as ${refA} — counted once, under ${refA}.`);
  });

  it('finds the same date, admin 1, form, victims and party with no admin 2 and the party in capitals, on the record and in a scan (issue 8)', async () => {
    const usual = (party: string) => ({
      occurredFrom: '2025-09-14', place: { country: 'CAF', admin1: 'CF-OP' }, victims: { women: 1 },
      violations: [{ form: 'rape', victims: { women: 1 } }], perpetrators: [{ party }], narrative: '',
    });
    const first = await record(env.users.monitor!.email, usual('Forces armées (TEST-50)'));
    const second = await record(MONITOR_2, usual('FORCES ARMEES TEST-50'));
    // On the record: its Possible duplicates name the first one.
    await page.goto(`${env.base}/incidents/${second.id}`);
    await page.getByTestId('duplicates').locator('summary').click();
    await page.getByTestId(`candidate-${first.reference}`).waitFor();
    await env.shot(page, '89b-duplicates-on-record');
    // In a scan: listed, and the count above says the same as the list.
    await page.goto(`${env.base}/duplicates`);
    await page.getByTestId('scan-now').click();
    await page.getByTestId('scan-state').getByText(/^Finished .*: 4 records compared, 1 likely pair found\.$/).waitFor({ timeout: 30_000 });
    await pairCard().first().waitFor();
    expect(await pairCard().count()).toBe(1);
    expect([await pairCard().first().getByTestId('pair-link-a').textContent(), await pairCard().first().getByTestId('pair-link-b').textContent()].sort())
      .toEqual([first.reference, second.reference].sort());
    expect(await page.getByTestId('scan-settled').count()).toBe(0);
    expect(await page.getByTestId('list-total').textContent()).toBe('1 pair to review');
    await env.shot(page, '89c-duplicates-issue8-pair');
  });

  it('is not offered to monitors', async () => {
    const other = await env.newPage();
    await env.signIn(other, env.users.monitor!.email);
    await other.getByRole('link', { name: 'Incidents' }).first().waitFor();
    expect(await other.getByRole('link', { name: 'Duplicates', exact: true }).count()).toBe(0);
    await other.goto(`${env.base}/duplicates`);
    expect(await other.getByTestId('role-note').textContent()).toBe('Only coordinators review duplicates across the organisation.');
    await other.context().close();
  });

  it('never contacted anything but the app itself', () => {
    expect(env.outside).toEqual([]);
  });
});
