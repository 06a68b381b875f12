/**
 * Shared setup for the authentication tests (login, totp, sessions-and-csrf): each test file that calls
 * authTestEnv gets its own test database with the organisations ORG-A and ORG-T, fresh listening servers per
 * test (their per-IP sign-in limits start at zero, closed after the test) and its own users, so tests do not
 * depend on each other's attempts. Not a test file itself: vitest collects only *.test.ts.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createTestDatabase, testContext, type TestDatabase, type TestServer } from '../../test/helpers/db.ts';
import { listen, PASSWORD, seedOrganisation, signedIn, type Running } from '../../test/helpers/http.ts';
import { buildApp } from '../server/app.ts';
import type { AppContext } from '../platform/context.ts';
import type { Me } from '../shared/auth.ts';
import type { Role } from '../shared/taxonomy.ts';
import { totpNow } from './totp.ts';
import { createUser } from './users.ts';

export const WRONG_PASSWORD = 'WRONG-PASSWORD-MARKER-7f3a91';
const STEP_MS = 30_000;

interface ApiErrorBody { error: { code: string; message: string; issues?: { field: string; message: string }[] } }
interface Raw { status: number; body: unknown; text: string; headers: Headers }

/** A request with exactly the headers given (no automatic CSRF token), optionally with a session cookie. */
export async function raw(base: string, method: string, path: string, opts: { cookie?: string | null; headers?: Record<string, string>; body?: unknown } = {}): Promise<Raw> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  let body: unknown = text;
  try { body = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: res.status, body, text, headers: res.headers };
}

export const code = (a: { body: unknown }) => (a.body as ApiErrorBody | null)?.error?.code;

/** A six-digit code that is not valid for the secret anywhere near now. */
export function wrongCode(secret: string): string {
  const now = Date.now();
  const near = new Set([-3, -2, -1, 0, 1, 2, 3].map((d) => totpNow(secret, now + d * STEP_MS)));
  for (let i = 0; ; i++) {
    const c = String((Number(totpNow(secret, now)) + 123_457 + i) % 1_000_000).padStart(6, '0');
    if (!near.has(c)) return c;
  }
}
/** The code of the next time step: valid now (one step of drift is allowed) and not yet used. */
export const nextCode = (secret: string) => totpNow(secret, Date.now() + STEP_MS);

/** The database and context of one test file; set in beforeAll, so read them inside tests and hooks only. */
export interface AuthTestDatabase { db: TestDatabase; ctx: AppContext }

/**
 * Registers the hooks of one authentication test file (call it directly inside describe.each(testServers())):
 * a fresh test database on the server, seeded with ORG-A and ORG-T (which requires two-factor), dropped at the
 * end; servers started by srv/productionLike (or pushed onto running) are closed after each test.
 */
export function authTestEnv(server: TestServer) {
  const env = {} as AuthTestDatabase;
  const running: Running[] = [];
  let n = 0;

  beforeAll(async () => {
    env.db = await createTestDatabase(server);
    env.ctx = testContext(env.db);
    await seedOrganisation(env.ctx, 'ORG-A');
    await seedOrganisation(env.ctx, 'ORG-T', { requireTotp: true });
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await env.db.drop();
  });

  /** A fresh listening server (its own in-memory rate-limit counters), closed after the test. */
  async function srv(c: AppContext = env.ctx): Promise<string> {
    const s = await listen(c);
    running.push(s);
    return s.base;
  }
  /** The application exactly as production builds it (default sign-in limits). */
  async function productionLike(): Promise<string> {
    const app = await buildApp(env.ctx, { logLevel: 'silent', webDist: null });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    running.push({ app, base, close: () => app.close() });
    return base;
  }
  async function newUser(role: Role = 'monitor', org = 'ORG-A') {
    const email = `user${++n}-${role}@${org.toLowerCase()}.test`;
    const { user } = await createUser(env.ctx.db, { organisationCode: org, email, role, password: PASSWORD });
    return { id: user.id, email };
  }
  async function userRow(id: string) {
    const { rows } = await env.db.pool.query<{ failed_logins: number; locked_until: Date | null; totp_enabled: boolean; totp_last_step: number | null }>(
      'SELECT failed_logins, locked_until, totp_enabled, totp_last_step FROM users WHERE id = $1', [id]);
    return rows[0]!;
  }
  const sessionCount = async (userId: string) =>
    Number((await env.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM sessions WHERE user_id = $1', [userId])).rows[0]!.n);
  async function auditActions(userId: string) {
    const { rows } = await env.db.pool.query<{ action: string; details: Record<string, unknown> }>(
      'SELECT action, details FROM audit_log WHERE actor_user_id = $1 ORDER BY id', [userId]);
    return rows;
  }
  /** Signs in, enables two-factor and signs out again; returns the secret. */
  async function withTotp(base: string, email: string) {
    const c = await signedIn(base, email);
    const setup = await c.post<{ secret: string; otpauthUrl: string }>('/api/auth/totp/setup', { password: PASSWORD });
    expect(setup.status).toBe(200);
    const secret = setup.body.secret;
    const enabled = await c.post<Me>('/api/auth/totp/enable', { code: totpNow(secret) });
    expect(enabled.status).toBe(200);
    expect(enabled.body.user.totpEnabled).toBe(true);
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    return { secret };
  }

  return Object.assign(env, { running, srv, productionLike, newUser, userRow, sessionCount, auditActions, withTotp });
}
