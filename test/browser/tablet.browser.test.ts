/**
 * Every page of the app on a tablet (768 x 1024) and a laptop (1280 x 900), in English and in Arabic (right to
 * left): no page is wider than the window (`scrollWidth <= innerWidth`), signed out, in two-factor steps, and
 * signed in as each role that reaches the page: the incident list with its filters open, a detail, the entry
 * form (its steps, its drafts link), the verification queue, duplicates with a pair, the import wizard's
 * steps with a small file, lists, areas, account, a page that does not exist. On a tablet the navigation is a
 * menu, the filters sit behind "Filters (n)" and the first screen shows records. The search finds the records
 * in Ouaka by its English, French and Arabic names. A screenshot per page, width and language goes to
 * test-results/tablet-*.png for a person to look at.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpNow } from '../../src/identity/totp.ts';
import { PASSWORD, seedOrganisation, signedIn, type Client } from '../helpers/http.ts';
import { startTestJobs, until } from '../helpers/jobs.ts';
import { hasBrowser, startBrowserApp, type BrowserApp } from './browser-kit.ts';
import { goToStep } from './form-kit.ts';

const WIDTHS = [{ width: 768, height: 1024 }, { width: 1280, height: 900 }] as const;
const LANGUAGES = ['en', 'ar'] as const;
type Language = (typeof LANGUAGES)[number];

const SMALL_CSV = [
  'id,date,country,province,form,armed actor,women',
  'T-1,2025-05-02,Central African Republic,Ouaka,rape,Armed group T (TEST-T1),1',
  'T-2,2025-05-09,Central African Republic,Bangui,rape,Armed group T (TEST-T1),2',
  'T-3,2025-05-19,Central African Republic,Ouaka,sexual slavery,Armed group U (TEST-T2),1',
].join('\n');

describe.skipIf(!hasBrowser)('every page at tablet and laptop widths, in English and Arabic', () => {
  let env: BrowserApp;
  let stopJobs: () => Promise<void>;
  let coordinator: Client;
  const ouaka: string[] = [];
  let detailId = '';
  /** Pages wider than the window: page, language, width, the widths and the first elements that stick out. */
  const overflow: string[] = [];

  const record = async (client: Client, o: { date: string; admin1: string; country?: string; party: string; women?: number; girls?: number; sourceOrg?: string }) => {
    const res = await client.post<{ id: string; reference: string }>('/api/incidents', {
      occurredFrom: o.date,
      place: { country: o.country ?? 'CAF', admin1: o.admin1 },
      victims: { women: o.women ?? 1, girls: o.girls ?? 0 },
      violations: [{ form: 'rape', victims: { women: o.women ?? 1, girls: o.girls ?? 0 } }, ...(o.girls ? [{ form: 'sexual_slavery', victims: { girls: o.girls } }] : [])],
      perpetrators: [{ party: o.party, category: 'non_state_armed_group' }],
      sources: [{ type: 'service_provider', reliability: 'high', connection: 'first_hand', date: o.date, organisation: o.sourceOrg ?? 'Demo clinic C-12 (synthetic)' }],
      narrative: 'A synthetic account for the layout test.',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    env = await startBrowserApp('ORG-T');
    stopJobs = await startTestJobs(env.ctx, env.db.url);
    coordinator = await signedIn(env.base, env.users.coordinator!.email);
    const monitor = await signedIn(env.base, env.users.monitor!.email);
    // Long party and source names stress the table's columns; the monitor's records wait in the queue.
    const long = 'Coalition of non-state armed groups of the north-east (TEST-COALITION-LONG-NAME-0001)';
    for (let i = 0; i < 4; i++) {
      const r = await record(monitor, { date: `2025-0${i + 2}-1${i}`, admin1: 'CF-UK', party: i % 2 ? long : 'Armed group T (TEST-T1)', women: i + 1, girls: i % 2 });
      ouaka.push(r.id);
    }
    detailId = ouaka[1]!;
    for (let i = 0; i < 8; i++) await record(monitor, { date: `2025-0${(i % 8) + 1}-2${i % 9}`, admin1: i % 2 ? 'CF-BGF' : 'CF-OP', party: long, sourceOrg: `Women's network W-${i} with a long organisation name (synthetic)` });
    await record(coordinator, { date: '2025-04-04', country: 'COD', admin1: 'CD-NK', party: 'Armed group V (TEST-V)' });
    // Two reports of one event, for the duplicates page.
    await record(monitor, { date: '2025-08-03', admin1: 'CF-BGF', party: 'Armed group P (TEST-41)', girls: 3, women: 0 });
    await record(coordinator, { date: '2025-08-04', admin1: 'CF-BGF', party: 'ARMED GROUP P TEST-41', girls: 3, women: 0 });
    expect((await coordinator.post('/api/duplicates/scan')).status).toBe(202);
    await until(() => coordinator.get<{ scan: { state: string } | null }>('/api/duplicates/scan'), (r) => r.body.scan?.state === 'done');
    // A draft for the monitor, so the entry form offers one to resume.
    expect((await monitor.request('PUT', '/api/drafts/0b6a3f1e-2a8c-4f59-9d3e-5c1f7a2b8e10', { step: 1, data: { format: 1, form: { narrative: 'Draft D-1.' } } })).status).toBe(200);
    await seedOrganisation(env.ctx, 'ORG-T2', { requireTotp: true });
  });
  afterAll(async () => {
    await stopJobs?.();
    await env?.close();
  });

  async function setLanguage(page: Page, lang: Language) {
    await page.evaluate((l) => window.localStorage.setItem('salama.language', l), lang);
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
  }

  /**
   * The page at every width, in both languages: nothing wider than the window, and a screenshot each. `ready`
   * waits for what the page must show (after a reload); `after` runs extra checks at each size.
   */
  async function checkPage(page: Page, name: string, ready: (page: Page) => Promise<unknown>, after?: (page: Page, size: (typeof WIDTHS)[number], lang: Language) => Promise<void>) {
    for (const lang of LANGUAGES) {
      await setLanguage(page, lang);
      await ready(page);
      for (const size of WIDTHS) {
        await page.setViewportSize(size);
        // Layout settles (media queries, fonts) before measuring.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
        if (widths.scroll > widths.inner) {
          const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 || e.getBoundingClientRect().left < -1)
            .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${[...e.classList].join('.')}`));
          overflow.push(`${name} ${lang} ${size.width}: ${widths.scroll} > ${widths.inner} (${wide.join(', ')})`);
        }
        // Nor does a table pan sideways inside its frame on a tablet.
        if (size.width === WIDTHS[0].width) {
          const panning = await page.evaluate(() => [...document.querySelectorAll('.table-wrap')]
            .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => `${e.scrollWidth} > ${e.clientWidth} in ${e.querySelector('table')?.className ?? 'a table'}`));
          if (panning.length) overflow.push(`${name} ${lang} ${size.width}: a table pans (${panning.join(', ')})`);
        }
        await env.shot(page, `tablet-${name}-${lang}-${size.width}`);
        await after?.(page, size, lang);
      }
    }
    await setLanguage(page, 'en');
    await page.setViewportSize(WIDTHS[1]);
    // Back where the caller was, for the steps that follow.
    await ready(page);
  }

  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).waitFor();

  // Each page is loaded four times (two languages, two widths measured per load): minutes, not seconds.
  const SLOW = { timeout: 300_000 };

  it('signed out, and in the two-factor steps', SLOW, async () => {
    const page = await env.newPage();
    await page.goto(env.base);
    await checkPage(page, 'login', (p) => p.locator('input[type="email"]').waitFor());
    // An organisation that requires two-factor: enrolment first, then the code at the next sign-in.
    await env.signIn(page, 'coordinator@org-t2.test');
    await page.getByTestId('totp-password').waitFor();
    await checkPage(page, 'totp-enrolment', (p) => p.getByTestId('totp-password').waitFor());
    await page.getByTestId('totp-password').fill(PASSWORD);
    await page.getByTestId('totp-setup').click();
    const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s+/g, '');
    await page.setViewportSize(WIDTHS[0]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await env.shot(page, 'tablet-totp-secret-en-768');
    await page.setViewportSize(WIDTHS[1]);
    await page.getByLabel('Authentication code').fill(totpNow(secret));
    await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    // The recovery codes are shown once (no reload): they must fit the tablet too.
    await page.getByTestId('recovery-codes').waitFor();
    await page.setViewportSize(WIDTHS[0]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await env.shot(page, 'tablet-recovery-codes-en-768');
    await page.setViewportSize(WIDTHS[1]);
    await page.getByLabel('I have saved these codes').check();
    await page.getByTestId('recovery-done').click();
    await page.getByTestId('current-user').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await env.signIn(page, 'coordinator@org-t2.test');
    await page.getByTestId('totp-form').waitFor();
    await checkPage(page, 'totp-code', (p) => p.getByTestId('totp-form').waitFor());
    await page.context().close();
    expect(overflow).toEqual([]);
  });

  it('every page a coordinator reaches', SLOW, async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByTestId('current-user').waitFor();
    const visit = async (path: string, name: string, ready: (p: Page) => Promise<unknown> = heading, after?: Parameters<typeof checkPage>[3]) => {
      await page.goto(`${env.base}${path}`);
      await checkPage(page, name, ready, after);
    };
    await visit('/incidents', 'list', (p) => p.getByTestId('incident-table').waitFor(), async (p, size) => {
      // The first screen shows records: the first row starts above the fold.
      const top = await p.getByTestId('incident-table').locator('tbody tr').first().evaluate((tr) => tr.getBoundingClientRect().top);
      expect(top, `first record at ${size.width}`).toBeLessThan(size.height - 80);
    });
    await visit('/incidents?status=reported&form=rape&country=CAF&party=group', 'list-filtered', (p) => p.getByTestId('incident-table').waitFor(), async (p, size) => {
      if (size.width !== 768) return;
      // Behind the button, with the count of filters set; opened, every filter fits too.
      const toggle = p.getByTestId('filters-toggle');
      expect(await toggle.textContent()).toMatch(/4/);
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await toggle.click();
      await p.getByTestId('filter-panel').waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await env.shot(p, `tablet-list-filters-open-${await p.evaluate(() => document.documentElement.lang)}-768`);
      await toggle.click();
    });
    await visit(`/incidents/${detailId}`, 'detail', (p) => p.getByTestId('incident-detail').waitFor());
    await visit(`/incidents/${detailId}/edit`, 'edit', (p) => p.getByTestId('incident-form').waitFor());
    await visit('/incidents/new', 'new-when', (p) => p.getByTestId('incident-form').waitFor());
    for (const step of ['victims', 'perpetrators', 'sources', 'consent', 'review'] as const) {
      await visit('/incidents/new', `new-${step}`, async (p) => {
        await p.getByTestId('incident-form').waitFor();
        await goToStep(p, step);
      });
    }
    await visit('/verification', 'queue', (p) => p.getByTestId('queue-table').waitFor());
    await visit('/duplicates', 'duplicates', (p) => p.locator('.pair-list > li').first().waitFor());
    await visit('/lists', 'lists', heading);
    await visit('/places', 'areas', heading);
    await visit('/account', 'account', heading);
    await visit('/no-such-page', 'not-found', heading);
    await page.context().close();
    expect(overflow).toEqual([]);
  });

  it('the import wizard\'s steps with a small file', SLOW, async () => {
    const page = await env.newPage();
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${env.base}/import`);
    await checkPage(page, 'import-upload', (p) => p.getByTestId('step-upload').waitFor());
    await page.getByTestId('import-file').setInputFiles({ name: 'small.csv', mimeType: 'text/csv', buffer: Buffer.from(SMALL_CSV) });
    await page.getByTestId('upload').click();
    await page.getByTestId('step-columns').waitFor();
    // A reload (to change language) starts at the upload step: the import is opened again from the recent list.
    const stepReady = (id: string) => async (p: Page) => {
      await p.getByTestId('step-upload').waitFor();
      await p.getByTestId('recent-imports').locator('tbody tr').first().getByRole('button').first().click();
      await p.getByTestId('step-columns').or(p.getByTestId('step-values')).or(p.getByTestId('step-check')).first().waitFor();
      if (await p.getByTestId(`step-${id}`).count() === 0) await p.getByTestId(`step-link-${id}`).click();
      await p.getByTestId(`step-${id}`).waitFor();
    };
    await checkPage(page, 'import-columns', stepReady('columns'));
    await page.getByTestId('default-victims').fill('1').catch(() => undefined);
    await page.getByTestId('to-values').click();
    await page.getByTestId('step-values').waitFor();
    await checkPage(page, 'import-values', stepReady('values'));
    await page.getByTestId('to-check').click();
    await page.getByTestId('step-check').waitFor();
    await page.getByTestId('dry-run').click();
    await page.getByTestId('dry-run-report').waitFor({ timeout: 60_000 });
    await checkPage(page, 'import-check', async (p) => {
      await stepReady('check')(p);
      await p.getByTestId('dry-run-report').waitFor({ timeout: 60_000 });
    });
    await page.context().close();
    expect(overflow).toEqual([]);
  });

  it('the pages of a monitor (drafts link), an administrator and a viewer', SLOW, async () => {
    const monitor = await env.newPage();
    await env.signIn(monitor, env.users.monitor!.email);
    await monitor.getByTestId('current-user').waitFor();
    await monitor.goto(`${env.base}/incidents/new`);
    await checkPage(monitor, 'monitor-new', (p) => p.getByTestId('drafts-toggle').waitFor(), async (p, size) => {
      // The drafts are a compact link: the form's first field is on the first screen.
      const top = await p.locator('#f-occurredFrom').evaluate((e) => e.getBoundingClientRect().top);
      expect(top, `first field at ${size.width}`).toBeLessThan(size.height - 80);
    });
    await monitor.getByTestId('drafts-toggle').click();
    await monitor.getByTestId('drafts').waitFor();
    expect(await monitor.getByTestId('draft').count()).toBe(1);
    await env.shot(monitor, 'tablet-monitor-drafts-open-en-1280');
    await monitor.goto(`${env.base}/incidents`);
    await checkPage(monitor, 'monitor-list', (p) => p.getByTestId('incident-table').waitFor());
    await monitor.context().close();
    // An administrator lands on the accounts and reads the audit log.
    const admin = await env.newPage();
    await env.signIn(admin, env.users.admin!.email, '/');
    await admin.getByTestId('accounts-table').waitFor();
    await checkPage(admin, 'admin-users', (p) => p.getByTestId('accounts-table').waitFor());
    await admin.goto(`${env.base}/audit`);
    await checkPage(admin, 'admin-audit', heading);
    await admin.goto(`${env.base}/account`);
    await checkPage(admin, 'admin-account', heading);
    await admin.context().close();
    const viewer = await env.newPage();
    await env.signIn(viewer, env.users.viewer!.email);
    await viewer.getByTestId('role-note').waitFor();
    await checkPage(viewer, 'viewer-list', (p) => p.getByTestId('role-note').waitFor());
    await viewer.goto(`${env.base}/account`);
    await checkPage(viewer, 'viewer-account', heading);
    await viewer.context().close();
    expect(overflow).toEqual([]);
  });

  it('on a tablet the navigation is a menu, and the search finds the records in Ouaka by any of its names', async () => {
    const page = await env.newPage({ width: 768, height: 1024 });
    await env.signIn(page, env.users.coordinator!.email);
    await page.getByTestId('incident-table').waitFor();
    const menu = page.getByTestId('nav-toggle');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('link', { name: 'Verification queue' }).isVisible()).toBe(false);
    await menu.click();
    await page.getByRole('link', { name: 'Verification queue' }).click();
    await page.getByTestId('queue-table').waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await page.goto(`${env.base}/incidents`);

    const rows = () => page.getByTestId('incident-table').locator('tbody tr');
    for (const typed of ['Ouaka', 'ouaka', 'أواكا']) {
      await page.getByLabel('Search').fill(typed);
      await page.getByLabel('Search').press('Enter');
      await expect.poll(() => page.getByTestId('list-total').textContent(), { timeout: 10_000 }).toBe('Incidents found: 4');
      const hrefs = await rows().locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs.sort()).toEqual(ouaka.map((id) => `/incidents/${id}`).sort());
    }
    await env.shot(page, 'tablet-search-ouaka-en-768');
    await setLanguage(page, 'ar');
    await page.getByTestId('incident-table').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await env.shot(page, 'tablet-search-ouaka-ar-768');
    expect(env.outside).toEqual([]);
  });
});
