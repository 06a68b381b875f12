/**
 * Shared set-up of the browser tier: the real server on a fresh database with the built web app, Debian's
 * Chromium driven by playwright-core, a record of every request that leaves 127.0.0.1, and helpers to sign
 * in and take screenshots (in test-results/, for a person to look at).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildWebIfNeeded } from '../../src/cli/start.ts';
import { buildApp } from '../../src/server/app.ts';
import { ensureBuiltInAreas } from '../../src/places/places.ts';
import type { AppContext } from '../../src/platform/context.ts';
import { createTestDatabase, testContext, testServers, type TestDatabase } from '../helpers/db.ts';
import { PASSWORD, seedOrganisation, type TestUser } from '../helpers/http.ts';

const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = 'test-results';

/** False where Chromium is missing: the tier is skipped loudly, or fails when SALAMA_REQUIRE_BROWSER=true (CI). */
export const hasBrowser = ((): boolean => {
  if (existsSync(CHROMIUM)) return true;
  const message = `\n!!! BROWSER TESTS SKIPPED: ${CHROMIUM} is missing (apt-get install chromium fonts-noto-core) !!!\n`;
  if (process.env.SALAMA_REQUIRE_BROWSER === 'true') throw new Error(message);
  console.warn(message);
  return false;
})();

export interface BrowserApp {
  base: string;
  db: TestDatabase;
  ctx: AppContext;
  users: Record<string, TestUser>;
  /** URLs requested outside the app: must stay empty (no CDN, no tiles, no fonts). */
  outside: string[];
  newPage(opts?: { width?: number; height?: number }): Promise<Page>;
  /** Signs in at `at` (default the incident list: the app keeps the address asked for; `/` lands on the start page). */
  signIn(page: Page, email: string, at?: string): Promise<void>;
  shot(page: Page, name: string): Promise<Buffer>;
  close(): Promise<void>;
}

export async function startBrowserApp(orgCode: string): Promise<BrowserApp> {
  mkdirSync(SHOTS, { recursive: true });
  await buildWebIfNeeded(() => undefined);
  const db = await createTestDatabase(testServers()[0]!);
  const ctx = testContext(db);
  // As `salama start` does: the server's list of areas, which the web app's pickers and labels read.
  await ensureBuiltInAreas(ctx.db);
  const app = await buildApp(ctx, { logLevel: 'silent', authAttemptsPerMinute: 1000 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const users = (await seedOrganisation(ctx, orgCode)).users;
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const outside: string[] = [];
  return {
    base, db, ctx, users, outside,
    async newPage(opts = {}) {
      const context = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 }, locale: 'en-GB' });
      const page = await context.newPage();
      page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) outside.push(r.url()); });
      return page;
    },
    async signIn(page, email, at = '/incidents') {
      await page.goto(`${base}${at}`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
    },
    shot: (page, name) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true }),
    async close() {
      await browser.close();
      await app.close();
      await db.drop();
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: number }

/** Runs axe-core (WCAG 2.1 A and AA rules) in the page; returns serious and critical violations. */
export async function accessibilityProblems(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the app's CSP (rightly) refuses injected inline scripts.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
}
