/**
 * Commitments and compliance in real Chromium: a coordinator records a joint communiqué with three measures
 * with deadlines (problems named by field first), marks one done with evidence and a file, sees one overdue
 * from the start and another turn overdue when its deadline is moved into the past, then opens the party's
 * page and reads its timeline, its incidents by quarter and form (alleged, then verified only), records its
 * listing and writes an assessment, then finds the same on the registry's page of the party; the same page in Arabic runs right to left with the time axis mirrored.
 * The form, the commitment and the party's page have no serious WCAG problem in English or Arabic, and no
 * page is wider than a tablet.
 * Screenshots go to test-results/ for a person to look at.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDay } from '../../src/incidents/incident-test-kit.ts';
import { sampleIncident, signedIn } from '../helpers/http.ts';
import { accessibilityProblems, hasBrowser, startBrowserApp, type BrowserApp } from './browser-kit.ts';

describe.skipIf(!hasBrowser)('commitments and a party\'s compliance in Chromium', () => {
  let env: BrowserApp;
  let partyId = '';
  let commitmentUrl = '';
  beforeAll(async () => {
    env = await startBrowserApp('ORG-K');
    const api = await signedIn(env.base, env.users.coordinator!.email);
    const party = await api.post<{ id: string }>('/api/parties', {
      name: 'Armée TEST de libération', language: 'fr', shortName: 'ATL', category: 'non_state_armed_group', countries: ['CAF'],
      names: [{ name: 'TEST Liberation Army', language: 'en', kind: 'canonical' }, { name: 'جيش التحرير التجريبي', language: 'ar', kind: 'canonical' }],
    });
    expect(party.status, JSON.stringify(party.body)).toBe(201);
    partyId = party.body.id;
    // Incidents attributed to the party in three quarters, one of them verified.
    for (const [day, forms, verified] of [['2024-02-10', ['rape', 'sexual_slavery'], false], ['2024-03-02', ['rape'], true], ['2024-11-20', ['forced_marriage'], false]] as const) {
      const made = await api.post<{ id: string }>('/api/incidents', sampleIncident({
        occurredFrom: day, violations: forms.map((form) => ({ form, victims: { women: 1 } })), victims: { women: 1 }, perpetrators: [{ partyId, category: 'non_state_armed_group' }],
      }));
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      // Verification is decided through the decision panel with four eyes: set here, it is not what this test is about.
      if (verified) await env.db.pool.query("UPDATE incidents SET verification_status = 'verified' WHERE id = $1", [made.body.id]);
    }
  });
  afterAll(async () => { await env?.close(); });

  async function signIn(page: Page, who: 'coordinator' | 'monitor' | 'admin') {
    await env.signIn(page, env.users[who]!.email, who === 'admin' ? '/' : undefined);
    await page.getByTestId('current-user').waitFor({ state: 'attached' });
  }
  async function language(page: Page, lng: 'en' | 'ar') {
    await page.getByTestId('language-switcher').selectOption(lng);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lng);
  }
  async function measure(page: Page, n: number, m: { kind: string; description: string; deadline: string }) {
    const at = `#f-commitment-measures-${n}`;
    await page.locator(`${at}-kind`).selectOption(m.kind);
    await page.locator(`${at}-description`).fill(m.description);
    await page.locator(`${at}-deadline`).fill(m.deadline);
  }

  it('records a joint communiqué with three measures; problems are named by field first', async () => {
    const page = await env.newPage();
    await signIn(page, 'coordinator');
    await page.getByRole('link', { name: 'Commitments' }).click();
    await page.getByTestId('commitments-empty').waitFor();
    await page.getByTestId('new-commitment').click();
    await page.getByTestId('commitment-form').waitFor();
    // Nothing filled in: the summary names each field and takes the focus.
    await page.getByRole('button', { name: 'Record the commitment' }).click();
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    const problems = await summary.textContent();
    for (const words of ['Kind: choose one of the values offered', 'Title: fill this in', 'Date signed: enter a full date', 'Parties bound: choose at least 1', 'Measure 1 – Kind of measure: choose one of the values offered', 'Measure 1 – Description: fill this in']) expect(problems).toContain(words);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('error-summary');

    await page.locator('#f-commitment-kind').selectOption('joint_communique');
    await page.locator('#f-commitment-title').fill('Joint communiqué of the ATL and the United Nations');
    await page.locator('#f-commitment-signedOn').fill('2024-06-15');
    await page.locator('#f-commitment-partyIds').fill('liberation tes');
    await page.getByTestId('party-suggestion').filter({ hasText: 'TEST Liberation Army' }).click();
    expect(await page.getByTestId('party-chooser').textContent()).toContain('TEST Liberation Army');
    await page.locator('#f-commitment-signatories').fill('Commander-in-chief of the ATL; SRSG on Sexual Violence in Conflict');
    await page.locator('#f-commitment-referenceUrl').fill('javascript:alert(1)');
    await measure(page, 0, { kind: 'command_orders', description: 'Issue command orders prohibiting sexual violence', deadline: isoDay(90) });
    await page.getByTestId('add-measure-row').click();
    await measure(page, 1, { kind: 'focal_point', description: 'Appoint a high-level focal point', deadline: '2024-09-30' });
    await page.getByTestId('add-measure-row').click();
    await measure(page, 2, { kind: 'un_access', description: 'Give the United Nations access to its bases', deadline: isoDay(120) });
    await page.getByRole('button', { name: 'Record the commitment' }).click();
    await expect.poll(() => summary.textContent()).toContain('Link to the text: enter a web address starting with https:// (or http://)');
    await page.locator('#f-commitment-referenceUrl').fill('https://www.un.org/sexualviolenceinconflict/');
    // Put right, the problem goes at once (the check runs as the user types after a first attempt).
    await expect.poll(() => summary.count()).toBe(0);
    await env.shot(page, '90-commitment-form');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Record the commitment' }).click();

    await page.getByTestId('commitment-page').waitFor();
    commitmentUrl = page.url();
    expect(await page.getByTestId('commitment-status').textContent()).toBe('The commitment was recorded.');
    expect(await page.getByTestId('measure-0').getByTestId('progress-badge').textContent()).toBe('Not started');
    // Its deadline passed: overdue from the start, read against today.
    expect(await page.getByTestId('measure-1').getByTestId('progress-badge').textContent()).toBe('Overdue (Not started)');
    expect(await page.getByTestId('measure-2').getByTestId('progress-badge').textContent()).toBe('Not started');
    await env.shot(page, '91-commitment-recorded');
    await page.context().close();
  });

  it('marks one measure done with evidence and a file, and sees another turn overdue', async () => {
    const page = await env.newPage();
    await signIn(page, 'coordinator');
    await page.goto(commitmentUrl);
    const first = page.getByTestId('measure-0');
    await first.getByTestId('record-evidence-0').locator('summary').click();
    await page.locator('#f-evidence-0-date').fill(isoDay(-3));
    await page.locator('#f-evidence-0-progress').selectOption('done');
    await page.locator('#f-evidence-0-text').fill('Command order No. 1 read out to every brigade; copy received from the focal point.');
    await page.locator('#f-evidence-0-fileId').setInputFiles({ name: 'ordre-no-1.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 command order') });
    await page.getByRole('button', { name: 'Record the evidence' }).click();
    await expect.poll(() => first.getByTestId('progress-badge').textContent()).toBe('Done');
    const entry = first.getByTestId('evidence-entry');
    expect(await entry.textContent()).toContain('status set to Done');
    expect(await entry.getByRole('link').textContent()).toBe('Download ordre-no-1.pdf');
    const download = await page.request.get(`${env.base}${await entry.getByRole('link').getAttribute('href')}`);
    expect(await download.text()).toBe('%PDF-1.4 command order');

    // Evidence is never edited: a wrong entry is withdrawn with a reason and stays, marked.
    const second = page.getByTestId('measure-1');
    await second.getByTestId('record-evidence-1').locator('summary').click();
    await page.locator('#f-evidence-1-date').fill(isoDay(-5));
    await page.locator('#f-evidence-1-text').fill('A focal point was said to be named (unconfirmed).');
    await second.getByRole('button', { name: 'Record the evidence' }).click();
    const wrong = second.getByTestId('evidence-entry');
    await wrong.waitFor();
    await wrong.locator('summary', { hasText: 'Withdraw this evidence' }).click();
    await wrong.getByRole('button', { name: 'Withdraw' }).click();
    await expect.poll(() => wrong.getByTestId('error-summary').textContent()).toContain('Reason: fill this in');
    await wrong.getByLabel('Why it is withdrawn').fill('The appointment was denied by the party');
    await wrong.getByRole('button', { name: 'Withdraw' }).click();
    await expect.poll(() => wrong.getByTestId('evidence-withdrawn').count()).toBe(1);
    expect(await wrong.getByTestId('evidence-withdrawn').textContent()).toContain('The appointment was denied by the party');
    expect(await second.getByTestId('progress-badge').textContent()).toBe('Overdue (Not started)');

    // The third measure's deadline moves into the past: it turns overdue.
    const third = page.getByTestId('measure-2');
    await third.getByRole('button', { name: 'Change measure 3' }).click();
    await page.locator('#f-measure-2-deadline').fill(isoDay(-1));
    await third.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => third.getByTestId('progress-badge').textContent()).toBe('Overdue (Not started)');
    expect(await page.getByTestId('commitment-page').locator('.measures-standing').first().textContent()).toContain('1 of 3 measures done');
    await env.shot(page, '92-commitment-evidence-overdue');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.context().close();
  });

  it('opens the party page and reads its timeline, incidents by quarter and form, listing and assessment', async () => {
    const page = await env.newPage({ width: 1400, height: 1000 });
    await signIn(page, 'coordinator');
    await page.goto(commitmentUrl);
    await page.getByRole('link', { name: 'TEST Liberation Army' }).click();
    await page.getByTestId('party-compliance').waitFor();
    const timeline = page.getByTestId('party-timeline');
    await timeline.getByTestId('timeline-commitment').waitFor();
    expect(await timeline.locator('[data-testid=timeline-measure]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-state')))).toEqual(['done', 'overdue', 'overdue']);
    await expect.poll(() => timeline.getByTestId('timeline-quarter').count()).toBe(4);

    // Alleged incidents by quarter and form, the communiqué between the quarters it separates.
    const table = page.getByTestId('counts-table');
    expect(await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim()))).toEqual([
      '2024-Q1 2 2 1 0', '◆ Signed on 15 June 2024: Joint communiqué of the ATL and the United Nations', '2024-Q2 0 0 0 0', '2024-Q3 0 0 0 0', '2024-Q4 1 0 0 1',
    ]);
    await page.getByTestId('verified-switch').check();
    await expect.poll(() => page.getByTestId('quarter-2024-Q1').textContent()).toContain('1');
    // Only the first quarter has a verified incident; the communiqué comes after it.
    expect(await table.locator('tbody tr').count()).toBe(2);
    await page.getByTestId('verified-switch').uncheck();
    // With its units (none here): the same quarters, asked of the analysis engine with roll-up.
    const units = page.waitForResponse((r) => r.url().includes('/incident-counts?verified=false&units=true'));
    await page.getByTestId('units-switch').check();
    expect((await units).status()).toBe(200);
    await expect.poll(() => table.locator('tbody tr').count()).toBe(5);
    await page.getByTestId('units-switch').uncheck();

    // Listing: recorded from the report, never decided by the app.
    const listing = page.getByTestId('party-listing');
    expect(await listing.textContent()).toContain('It never decides or suggests a listing.');
    await listing.getByTestId('listing-add').locator('summary').click();
    await page.locator('#f-listing-new-reportYear').fill('2024');
    await page.locator('#f-listing-new-listing').selectOption('listed');
    await page.locator('#f-listing-new-reportSymbol').fill('S/2024/292');
    await page.locator('#f-listing-new-paragraph').fill('annex');
    await listing.getByRole('button', { name: 'Record', exact: true }).click();
    await listing.getByTestId('listing-2024').waitFor();
    expect(await listing.getByTestId('listing-2024').textContent()).toContain('S/2024/292, annex');

    // The assessment beside the data, kept as versions.
    const assessment = page.getByTestId('party-assessment');
    await assessment.getByTestId('assessment-write').click();
    await page.locator('#f-assessment-text').fill('Command orders were issued after the communiqué; the focal point is still not appointed.');
    await assessment.getByRole('button', { name: 'Save as a new version' }).click();
    await expect.poll(() => assessment.getByTestId('assessment-current').textContent()).toContain('focal point is still not appointed');
    await assessment.getByTestId('assessment-write').click();
    await page.locator('#f-assessment-text').fill('Command orders were issued; United Nations access is overdue.');
    await assessment.getByRole('button', { name: 'Save as a new version' }).click();
    await expect.poll(() => assessment.textContent()).toContain('Version 2 was saved.');
    expect(await assessment.getByTestId('assessment-history').locator('summary').textContent()).toBe('1 earlier version');
    await env.shot(page, '93-party-compliance-en');
    expect(await accessibilityProblems(page)).toEqual([]);

    // In Arabic: names in Arabic, right to left, time running right to left on the axis.
    await language(page, 'ar');
    await expect.poll(() => page.locator('h1').textContent()).toBe('جيش التحرير التجريبي');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.locator('#party-timeline-title').textContent()).toBe('الخط الزمني');
    expect(await listing.textContent()).toContain('مُدرَج');
    // What was just done is said in the language chosen since.
    expect(await assessment.textContent()).toContain('حُفظت النسخة 2.');
    const x = async (selector: string) => Number(await timeline.locator(selector).first().getAttribute('x1'));
    // The communiqué (2024) stands to the right of today's line (later times are further left).
    expect(await x('.tl-signed')).toBeGreaterThan(await x('.tl-today line'));
    await env.shot(page, '94-party-compliance-ar');
    expect(await accessibilityProblems(page)).toEqual([]);
    await language(page, 'en');
    expect(await x('.tl-signed')).toBeLessThan(await x('.tl-today line'));

    // The registry's page of the party (coordinators) carries the same record under its names and ids.
    await page.getByTestId('registry-link').click();
    await page.getByTestId('party-page').waitFor();
    const embedded = page.getByTestId('party-page').getByTestId('party-compliance');
    await embedded.getByTestId('timeline-commitment').waitFor();
    expect(await embedded.getByTestId('assessment-current').textContent()).toContain('United Nations access is overdue');
    await env.shot(page, '95-registry-party-page');
    await page.context().close();
  });

  it('fits a tablet in English and Arabic: no page wider than the window', async () => {
    const page = await env.newPage({ width: 768, height: 1024 });
    await signIn(page, 'coordinator');
    const wide: string[] = [];
    for (const lng of ['en', 'ar'] as const) {
      await language(page, lng);
      for (const [path, ready] of [['/commitments', 'commitments-table'], [new URL(commitmentUrl).pathname, 'commitment-page'], [`/commitments/parties/${partyId}`, 'party-timeline'], ['/commitments/new', 'commitment-form']] as const) {
        await page.goto(`${env.base}${path}`);
        await page.getByTestId(ready).waitFor();
        const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
        if (scroll > inner) wide.push(`${lng} ${path}: ${scroll} > ${inner}`);
        if (lng === 'ar' && ready === 'party-timeline') await env.shot(page, '96-party-compliance-tablet-ar');
      }
    }
    expect(wide).toEqual([]);
    await page.context().close();
  });

  it('lets monitors read without recording, and keeps administrators out', async () => {
    const monitor = await env.newPage();
    await signIn(monitor, 'monitor');
    await monitor.getByRole('link', { name: 'Commitments' }).click();
    await monitor.getByTestId('commitments-table').waitFor();
    expect(await monitor.getByTestId('new-commitment').count()).toBe(0);
    await monitor.goto(`${env.base}/commitments/parties/${partyId}`);
    await monitor.getByTestId('party-compliance').waitFor();
    // Counts cover only the records a monitor may read (none of these are theirs).
    await monitor.getByTestId('counts-scope').waitFor();
    expect(await monitor.getByTestId('assessment-write').count()).toBe(0);
    await monitor.context().close();
    const admin = await env.newPage();
    await signIn(admin, 'admin');
    await admin.getByRole('link', { name: 'Users' }).waitFor();
    expect(await admin.getByRole('link', { name: 'Commitments' }).count()).toBe(0);
    await admin.context().close();
  });
});
