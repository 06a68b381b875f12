/**
 * Sign-in, lockout, CSRF, two-factor, session expiry and sign-out over real HTTP against a real database,
 * on every configured PostgreSQL server. Each test gets fresh listening servers (their per-IP sign-in limits
 * start at zero) and its own users, so tests do not depend on each other's attempts.
 */
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testContext, testServers, type TestDatabase } from '../../test/helpers/db.ts';
import { Client, listen, PASSWORD, seedOrganisation, signedIn, type Running } from '../../test/helpers/http.ts';
import { buildApp } from '../platform/http/app.ts';
import { verifyAuditChain } from '../platform/audit/audit.ts';
import type { AppContext } from '../platform/context.ts';
import type { Me } from '../shared/auth.ts';
import type { Role } from '../shared/taxonomy.ts';
import { checkTotp, totpNow } from './totp.ts';
import { createUser, disableUser, resetPassword } from './users.ts';
import { LOCK_MINUTES, MAX_FAILURES } from './auth-service.ts';

const WRONG_PASSWORD = 'WRONG-PASSWORD-MARKER-7f3a91';
const STEP_MS = 30_000;

interface ApiErrorBody { error: { code: string; message: string; issues?: { field: string; message: string }[] } }
interface Raw { status: number; body: unknown; text: string; headers: Headers }

/** A request with exactly the headers given (no automatic CSRF token), optionally with a session cookie. */
async function raw(base: string, method: string, path: string, opts: { cookie?: string | null; headers?: Record<string, string>; body?: unknown } = {}): Promise<Raw> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  let body: unknown = text;
  try { body = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: res.status, body, text, headers: res.headers };
}

const code = (a: { body: unknown }) => (a.body as ApiErrorBody | null)?.error?.code;

/** A six-digit code that is not valid for the secret anywhere near now. */
function wrongCode(secret: string): string {
  const now = Date.now();
  const near = new Set([-3, -2, -1, 0, 1, 2, 3].map((d) => totpNow(secret, now + d * STEP_MS)));
  for (let i = 0; ; i++) {
    const c = String((Number(totpNow(secret, now)) + 123_457 + i) % 1_000_000).padStart(6, '0');
    if (!near.has(c)) return c;
  }
}
/** The code of the next time step: valid now (one step of drift is allowed) and not yet used. */
const nextCode = (secret: string) => totpNow(secret, Date.now() + STEP_MS);

describe.each(testServers())('authentication on $name', (server) => {
  let db: TestDatabase;
  let ctx: AppContext;
  let running: Running[] = [];
  let n = 0;

  beforeAll(async () => {
    db = await createTestDatabase(server);
    ctx = testContext(db);
    await seedOrganisation(ctx, 'ORG-A');
    await seedOrganisation(ctx, 'ORG-T', { requireTotp: true });
  });
  afterEach(async () => {
    await Promise.all(running.map((s) => s.close()));
    running = [];
  });
  afterAll(async () => {
    await db.drop();
  });

  /** A fresh listening server (its own in-memory rate-limit counters), closed after the test. */
  async function srv(c: AppContext = ctx): Promise<string> {
    const s = await listen(c);
    running.push(s);
    return s.base;
  }
  /** The application exactly as production builds it (default sign-in limits). */
  async function productionLike(): Promise<string> {
    const app = await buildApp(ctx, { logLevel: 'silent', webDist: null });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    running.push({ app, base, close: () => app.close() });
    return base;
  }
  async function newUser(role: Role = 'monitor', org = 'ORG-A') {
    const email = `user${++n}-${role}@${org.toLowerCase()}.test`;
    const { user } = await createUser(ctx.db, { organisationCode: org, email, role, password: PASSWORD });
    return { id: user.id, email };
  }
  async function userRow(id: string) {
    const { rows } = await db.pool.query<{ failed_logins: number; locked_until: Date | null; totp_enabled: boolean; totp_last_step: number | null }>(
      'SELECT failed_logins, locked_until, totp_enabled, totp_last_step FROM users WHERE id = $1', [id]);
    return rows[0]!;
  }
  const sessionCount = async (userId: string) =>
    Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM sessions WHERE user_id = $1', [userId])).rows[0]!.n);
  async function auditActions(userId: string) {
    const { rows } = await db.pool.query<{ action: string; details: Record<string, unknown> }>(
      'SELECT action, details FROM audit_log WHERE actor_user_id = $1 ORDER BY id', [userId]);
    return rows;
  }
  /** Signs in, enables two-factor and signs out again; returns the secret. */
  async function withTotp(base: string, email: string) {
    const c = await signedIn(base, email);
    const setup = await c.post<{ secret: string; otpauthUrl: string }>('/api/auth/totp/setup');
    expect(setup.status).toBe(200);
    const secret = setup.body.secret;
    const enabled = await c.post<Me>('/api/auth/totp/enable', { code: totpNow(secret) });
    expect(enabled.status).toBe(200);
    expect(enabled.body.user.totpEnabled).toBe(true);
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    return { secret };
  }

  describe('password sign-in', () => {
    it('sets an httpOnly SameSite=Strict cookie holding a token the database only knows by its hash', async () => {
      const base = await srv();
      const u = await newUser();
      const c = new Client(base);
      const r = await c.login(u.email.toUpperCase(), PASSWORD);
      expect(r.status).toBe(200);
      const me = r.body as unknown as Me;
      expect(me.stage).toBe('active');
      expect(me.user).toEqual({ id: u.id, email: u.email, role: 'monitor', totpEnabled: false });
      expect(me.organisation.code).toBe('ORG-A');
      expect(me.csrfToken.length).toBeGreaterThanOrEqual(24);
      expect(JSON.stringify(r.body)).not.toMatch(/argon2|password/i);

      const cookies = r.headers.getSetCookie();
      expect(cookies).toHaveLength(1);
      const cookie = cookies[0]!;
      const token = /^salama_session=([^;]+);/.exec(cookie)?.[1];
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const attrs = cookie.split(';').slice(1).map((a) => a.trim().toLowerCase());
      expect(attrs).toContain('httponly');
      expect(attrs).toContain('samesite=strict');
      expect(attrs).toContain('path=/');
      expect(attrs).not.toContain('secure'); // plain HTTP here; set behind HTTPS
      expect(attrs).toContain(`max-age=${ctx.sessionAbsoluteMs / 1000}`);
      expect(me.csrfToken).not.toBe(token);

      const hash = createHash('sha256').update(token!).digest();
      const { rows } = await db.pool.query<{ row: string; hashed: boolean }>(
        'SELECT row_to_json(s)::text AS row, token_hash = $2 AS hashed FROM sessions s WHERE user_id = $1', [u.id, hash]);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.hashed).toBe(true);
      expect(rows[0]!.row).not.toContain(token);

      const again = await c.get<Me>('/api/auth/me');
      expect(again.status).toBe(200);
      expect(again.body.user.id).toBe(u.id);
    });

    it('answers a wrong password and an unknown email with the same 401, and creates no session', async () => {
      const base = await srv();
      const u = await newUser();
      const wrong = await new Client(base).login(u.email, WRONG_PASSWORD);
      const unknown = await new Client(base).login('nobody-here@org-a.test', WRONG_PASSWORD);
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(code(wrong)).toBe('invalid_credentials');
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.headers.getSetCookie()).toEqual([]);
      expect(await sessionCount(u.id)).toBe(0);
    });

    it(`locks the account after ${MAX_FAILURES} wrong passwords, even against the right one, until resetPassword`, async () => {
      const base = await srv();
      const u = await newUser();
      const earlier = await signedIn(base, u.email);
      for (let i = 1; i <= MAX_FAILURES; i++) {
        const r = await new Client(base).login(u.email, WRONG_PASSWORD);
        expect(r.status, `attempt ${i}`).toBe(401);
        expect(code(r)).toBe('invalid_credentials');
        if (i < MAX_FAILURES) expect((await userRow(u.id)).locked_until).toBeNull();
      }
      const row = await userRow(u.id);
      expect(row.locked_until).not.toBeNull();
      const lockMs = row.locked_until!.getTime() - Date.now();
      expect(lockMs).toBeGreaterThan((LOCK_MINUTES - 1) * 60_000);
      expect(lockMs).toBeLessThanOrEqual(LOCK_MINUTES * 60_000 + 5_000);

      const right = await new Client(base).login(u.email, PASSWORD);
      expect(right.status).toBe(423);
      expect(code(right)).toBe('account_locked');
      expect(right.headers.getSetCookie()).toEqual([]);
      expect(await sessionCount(u.id)).toBe(1); // only the session from before the lock

      await resetPassword(ctx.db, u.email, PASSWORD);
      expect(await userRow(u.id)).toMatchObject({ locked_until: null, failed_logins: 0 });
      // A reset ends every existing session.
      expect((await earlier.get('/api/auth/me')).status).toBe(401);
      const after = await new Client(base).login(u.email, PASSWORD);
      expect(after.status).toBe(200);
      expect(after.body.stage).toBe('active');
    });

    it('a successful sign-in resets the failure count', async () => {
      const base = await srv();
      const u = await newUser();
      for (let i = 0; i < MAX_FAILURES - 1; i++) expect((await new Client(base).login(u.email, WRONG_PASSWORD)).status).toBe(401);
      expect((await userRow(u.id)).failed_logins).toBe(MAX_FAILURES - 1);
      expect((await new Client(base).login(u.email, PASSWORD)).status).toBe(200);
      expect((await userRow(u.id)).failed_logins).toBe(0);
      expect((await new Client(base).login(u.email, WRONG_PASSWORD)).status).toBe(401);
      expect((await userRow(u.id)).locked_until).toBeNull();
    });

    it('counts concurrent wrong passwords: parallel guesses cannot avoid the lock', async () => {
      const base = await srv();
      const u = await newUser();
      const attempts = await Promise.all(Array.from({ length: 10 }, () => new Client(base).login(u.email, WRONG_PASSWORD)));
      // Ten failures; at least one crossed the threshold, later ones may already meet the lock.
      for (const a of attempts) expect([401, 423]).toContain(a.status);
      expect((await userRow(u.id)).locked_until).not.toBeNull();
      const right = await new Client(await srv()).login(u.email, PASSWORD);
      expect(right.status).toBe(423);
      expect(code(right)).toBe('account_locked');
    });

    it('limits sign-in attempts per IP (the 11th in a minute is refused with 429)', async () => {
      const base = await productionLike();
      for (let i = 0; i < 10; i++) expect((await new Client(base).login(`nobody${i}@org-a.test`, WRONG_PASSWORD)).status).toBe(401);
      const over = await new Client(base).login('nobody@org-a.test', WRONG_PASSWORD);
      expect(over.status).toBe(429);
      expect(code(over)).toBe('rate_limited');
    });

    it('refuses a disabled user, and their existing session stops working', async () => {
      const base = await srv();
      const u = await newUser();
      const c = await signedIn(base, u.email);
      expect((await c.get('/api/incidents')).status).toBe(200);
      await disableUser(ctx.db, u.email);
      expect((await c.get('/api/incidents')).status).toBe(401);
      expect(code(await c.get('/api/auth/me'))).toBe('unauthenticated');
      const again = await new Client(base).login(u.email, PASSWORD);
      expect(again.status).toBe(401);
      expect(code(again)).toBe('invalid_credentials');
      expect(await sessionCount(u.id)).toBe(0);
    });

    it('does not honour a live session of a user disabled behind its back (disabled_at set directly)', async () => {
      const base = await srv();
      const u = await newUser();
      const c = await signedIn(base, u.email);
      await db.pool.query('UPDATE users SET disabled_at = now() WHERE id = $1', [u.id]);
      expect(await sessionCount(u.id)).toBe(1);
      expect((await c.get('/api/auth/me')).status).toBe(401);
      expect((await c.get('/api/incidents')).status).toBe(401);
    });
  });

  describe('CSRF and origin checks', () => {
    it('refuses a state-changing request without the token, with a wrong one, or from another origin', async () => {
      const base = await srv();
      const u = await newUser();
      const other = await newUser();
      const c = await signedIn(base, u.email);
      const c2 = await signedIn(base, other.email);
      const token = c.csrf!;

      const none = await raw(base, 'POST', '/api/auth/logout', { cookie: c.cookie, body: {} });
      expect(none.status).toBe(403);
      expect(code(none)).toBe('csrf_failed');

      for (const wrong of ['x'.repeat(token.length), `${token}x`, token.slice(1), c2.csrf!]) {
        const r = await raw(base, 'POST', '/api/auth/logout', { cookie: c.cookie, body: {}, headers: { 'x-csrf-token': wrong } });
        expect(r.status, wrong).toBe(403);
        expect(code(r)).toBe('csrf_failed');
      }

      for (const origin of ['https://evil.example', `http://127.0.0.1.evil.example`, 'null']) {
        const r = await raw(base, 'POST', '/api/auth/logout', { cookie: c.cookie, body: {}, headers: { 'x-csrf-token': token, origin } });
        expect(r.status, origin).toBe(403);
        expect(code(r)).toBe('bad_origin');
      }

      // None of these ended the session; a same-origin request with the token does.
      expect((await c.get('/api/auth/me')).status).toBe(200);
      const ok = await raw(base, 'POST', '/api/auth/logout', { cookie: c.cookie, body: {}, headers: { 'x-csrf-token': token, origin: base } });
      expect(ok.status).toBe(204);
      expect((await c.get('/api/auth/me')).status).toBe(401);
      expect((await c2.get('/api/auth/me')).status).toBe(200);
    });

    it('refuses an incident created without the CSRF token, and stores nothing', async () => {
      const base = await srv();
      const u = await newUser();
      const c = await signedIn(base, u.email);
      const count = async () => Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM incidents')).rows[0]!.n);
      const before = await count();
      const body = {
        occurredFrom: '2025-03-14', place: { country: 'CAF' }, victims: { women: 1 }, violations: [{ form: 'rape', victims: { women: 1 } }],
      };
      const r = await raw(base, 'POST', '/api/incidents', { cookie: c.cookie, body });
      expect(r.status).toBe(403);
      expect(code(r)).toBe('csrf_failed');
      expect(await count()).toBe(before);
      // The same request with the token is accepted (the refusal above was the CSRF check).
      expect((await c.post('/api/incidents', body)).status).toBe(201);
      expect(await count()).toBe(before + 1);
    });

    it('refuses a cross-origin sign-in (login CSRF) without creating a session', async () => {
      const base = await srv();
      const u = await newUser();
      const r = await raw(base, 'POST', '/api/auth/login', { body: { email: u.email, password: PASSWORD }, headers: { origin: 'https://evil.example' } });
      expect(r.status).toBe(403);
      expect(code(r)).toBe('bad_origin');
      expect(r.headers.getSetCookie()).toEqual([]);
      expect(await sessionCount(u.id)).toBe(0);
    });
  });

  describe('two-factor authentication', () => {
    it('enrols with a code, then requires the code at sign-in; wrong codes and replays are refused', async () => {
      const base = await srv();
      const u = await newUser();
      const { secret } = await withTotp(base, u.email);
      const enrolled = await userRow(u.id);
      expect(enrolled.totp_enabled).toBe(true);
      const { rows } = await db.pool.query<{ enc: Buffer }>('SELECT totp_secret_enc AS enc FROM users WHERE id = $1', [u.id]);
      expect(rows[0]!.enc.includes(Buffer.from(secret))).toBe(false); // the secret is stored encrypted

      const c = new Client(base);
      const login = await c.login(u.email, PASSWORD);
      expect(login.status).toBe(200);
      expect(login.body.stage).toBe('totp_required');
      const blocked = await c.get('/api/incidents');
      expect(blocked.status).toBe(403);
      expect(code(blocked)).toBe('totp_required');
      // A password alone must not be enough to replace the second factor.
      const resetup = await c.post('/api/auth/totp/setup');
      expect(resetup.status).toBe(403);
      expect(code(resetup)).toBe('totp_required');
      expect((await c.post('/api/auth/totp/enable', { code: totpNow(secret) })).status).toBe(409);

      const bad = await c.post('/api/auth/totp/verify', { code: wrongCode(secret) });
      expect(bad.status).toBe(401);
      expect(code(bad)).toBe('invalid_code');
      expect((await c.get('/api/incidents')).status).toBe(403);

      const good = nextCode(secret);
      const ok = await c.post<Me>('/api/auth/totp/verify', { code: good });
      expect(ok.status).toBe(200);
      expect(ok.body.stage).toBe('active');
      expect((await c.get('/api/incidents')).status).toBe(200);
      expect((await c.get<Me>('/api/auth/me')).body.stage).toBe('active');
      expect(code(await c.post('/api/auth/totp/verify', { code: good }))).toBe('wrong_stage');

      // The same code on a new sign-in: still inside the accepted window, but already used.
      const c2 = new Client(base);
      expect((await c2.login(u.email, PASSWORD)).body.stage).toBe('totp_required');
      expect(checkTotp(secret, good, null)).not.toBeNull();
      const replay = await c2.post('/api/auth/totp/verify', { code: good });
      expect(replay.status).toBe(401);
      expect(code(replay)).toBe('invalid_code');
      expect((await c2.get('/api/incidents')).status).toBe(403);

      // Codes never reach the audit log.
      const { rows: audit } = await db.pool.query<{ d: string }>('SELECT details::text AS d FROM audit_log WHERE actor_user_id = $1', [u.id]);
      expect(audit.length).toBeGreaterThan(0);
      for (const r of audit) expect(r.d).not.toContain(good);
      expect(audit.map((r) => r.d).join()).not.toContain(secret);
    });

    it('ends the session after 5 wrong codes', async () => {
      const base = await srv();
      const u = await newUser();
      const { secret } = await withTotp(base, u.email);
      const c = new Client(base);
      expect((await c.login(u.email, PASSWORD)).body.stage).toBe('totp_required');
      for (let i = 1; i <= 4; i++) expect(code(await c.post('/api/auth/totp/verify', { code: wrongCode(secret) }))).toBe('invalid_code');
      expect((await c.get('/api/auth/me')).status).toBe(200);
      expect(code(await c.post('/api/auth/totp/verify', { code: wrongCode(secret) }))).toBe('invalid_code');
      expect((await c.get('/api/auth/me')).status).toBe(401);
      // Even the right code does not revive it.
      const late = await c.post('/api/auth/totp/verify', { code: nextCode(secret) });
      expect(late.status).toBe(401);
      expect(code(late)).toBe('unauthenticated');
      expect(await sessionCount(u.id)).toBe(0);
      const actions = (await auditActions(u.id)).map((a) => a.action);
      expect(actions.filter((a) => a === 'auth.totp_failed')).toHaveLength(4);
      // Wrong codes count towards the account lockout: signing in again does not buy five fresh guesses.
      expect(actions).toContain('auth.account_locked');
      expect(code(await new Client(base).login(u.email, PASSWORD))).toBe('account_locked');
    });

    it('gives the session a new cookie token and CSRF token once two-factor completes', async () => {
      const base = await srv();
      const u = await newUser();
      const { secret } = await withTotp(base, u.email);
      const c = new Client(base);
      await c.login(u.email, PASSWORD);
      const halfCookie = c.cookie;
      const halfCsrf = c.csrf;
      expect((await c.post('/api/auth/totp/verify', { code: nextCode(secret) })).status).toBe(200);
      expect(c.cookie).not.toBe(halfCookie);
      expect(c.csrf).not.toBe(halfCsrf);
      expect((await c.get('/api/incidents')).status).toBe(200); // the rotated session is fully signed in
      const stale = new Client(base);
      stale.cookie = halfCookie;
      expect((await stale.get('/api/auth/me')).status).toBe(401);
    });

    it('counts concurrent wrong codes: parallel guesses cannot exceed the limit', async () => {
      const base = await srv();
      const u = await newUser();
      const { secret } = await withTotp(base, u.email);
      const c = new Client(base);
      expect((await c.login(u.email, PASSWORD)).body.stage).toBe('totp_required');
      const answers = await Promise.all(Array.from({ length: 6 }, () => c.post('/api/auth/totp/verify', { code: wrongCode(secret) })));
      for (const a of answers) expect(a.status).toBe(401);
      expect(await sessionCount(u.id)).toBe(0);
      expect((await raw(base, 'GET', '/api/auth/me', { cookie: c.cookie })).status).toBe(401);
    });

    it('accepts a code only once even when several sessions send it at the same moment', async () => {
      const base = await srv();
      const u = await newUser();
      const { secret } = await withTotp(base, u.email);
      const clients = [new Client(base), new Client(base), new Client(base), new Client(base)];
      for (const c of clients) expect((await c.login(u.email, PASSWORD)).body.stage).toBe('totp_required');
      const same = nextCode(secret);
      const answers = await Promise.all(clients.map((c) => c.post('/api/auth/totp/verify', { code: same })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401, 401]);
      const active = await db.pool.query<{ n: string }>("SELECT count(*) AS n FROM sessions WHERE user_id = $1 AND stage = 'active'", [u.id]);
      expect(active.rows[0]!.n).toBe('1');
    });

    it('an organisation that requires two-factor keeps new users out of the API until they enrol', async () => {
      const base = await srv();
      const u = await newUser('monitor', 'ORG-T');
      const c = new Client(base);
      const login = await c.login(u.email, PASSWORD);
      expect(login.status).toBe(200);
      expect(login.body.stage).toBe('totp_enrolment_required');
      for (const r of [await c.get('/api/incidents'), await c.post('/api/incidents', {})]) {
        expect(r.status).toBe(403);
        expect(code(r)).toBe('totp_enrolment_required');
      }
      const setup = await c.post<{ secret: string; otpauthUrl: string }>('/api/auth/totp/setup');
      expect(setup.status).toBe(200);
      expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
      expect(code(await c.get('/api/incidents'))).toBe('totp_enrolment_required');
      const bad = await c.post('/api/auth/totp/enable', { code: wrongCode(setup.body.secret) });
      expect(bad.status).toBe(401);
      expect(code(bad)).toBe('invalid_code');
      expect((await userRow(u.id)).totp_enabled).toBe(false);
      expect(code(await c.get('/api/incidents'))).toBe('totp_enrolment_required');

      const ok = await c.post<Me>('/api/auth/totp/enable', { code: totpNow(setup.body.secret) });
      expect(ok.status).toBe(200);
      expect(ok.body.stage).toBe('active');
      expect((await c.get('/api/incidents')).status).toBe(200);
      // From now on the code is asked at every sign-in.
      expect((await new Client(base).login(u.email, PASSWORD)).body.stage).toBe('totp_required');
    });
  });

  describe('session expiry and sign-out', () => {
    it('refuses a session past its idle expiry', async () => {
      const base = await srv();
      const u = await newUser();
      const c = await signedIn(base, u.email);
      expect((await c.get('/api/incidents')).status).toBe(200);
      await db.pool.query("UPDATE sessions SET idle_expires_at = now() - interval '1 second' WHERE user_id = $1", [u.id]);
      expect((await c.get('/api/incidents')).status).toBe(401);
      expect(code(await c.get('/api/auth/me'))).toBe('unauthenticated');
    });

    it('refuses a session past its absolute expiry even while it is in use', async () => {
      const base = await srv();
      const u = await newUser();
      const c = await signedIn(base, u.email);
      await db.pool.query("UPDATE sessions SET absolute_expires_at = now() - interval '1 second' WHERE user_id = $1", [u.id]);
      const { rows } = await db.pool.query<{ live: boolean }>('SELECT idle_expires_at > now() AS live FROM sessions WHERE user_id = $1', [u.id]);
      expect(rows[0]!.live).toBe(true);
      expect((await c.get('/api/auth/me')).status).toBe(401);
    });

    it('slides the idle expiry on use but never beyond the absolute expiry', async () => {
      const base = await srv();
      const u = await newUser();
      const c = await signedIn(base, u.email);
      await db.pool.query(
        "UPDATE sessions SET last_seen_at = now() - interval '5 minutes', idle_expires_at = now() + interval '10 seconds', absolute_expires_at = now() + interval '1 hour' WHERE user_id = $1",
        [u.id]);
      expect((await c.get('/api/auth/me')).status).toBe(200);
      const slid = await db.pool.query<{ idle: Date }>('SELECT idle_expires_at AS idle FROM sessions WHERE user_id = $1', [u.id]);
      expect(slid.rows[0]!.idle.getTime()).toBeGreaterThan(Date.now() + ctx.sessionIdleMs - 60_000);

      await db.pool.query(
        "UPDATE sessions SET last_seen_at = now() - interval '5 minutes', idle_expires_at = now() + interval '10 seconds', absolute_expires_at = now() + interval '20 seconds' WHERE user_id = $1",
        [u.id]);
      expect((await c.get('/api/auth/me')).status).toBe(200);
      const capped = await db.pool.query<{ capped: boolean; later: boolean }>(
        "SELECT idle_expires_at <= absolute_expires_at AS capped, idle_expires_at > now() + interval '12 seconds' AS later FROM sessions WHERE user_id = $1", [u.id]);
      expect(capped.rows[0]).toEqual({ capped: true, later: true });
    });

    it('honours a short configured idle timeout (1 s) end to end', async () => {
      const shortCtx = testContext(db, { sessionIdleMs: 1000 });
      const base = await srv(shortCtx);
      const u = await newUser();
      const c = await signedIn(base, u.email);
      const me = await c.get<Me>('/api/auth/me');
      expect(me.status).toBe(200);
      const idleLeft = Date.parse(me.body.session.idleExpiresAt) - Date.now();
      expect(idleLeft).toBeLessThanOrEqual(1000);
      expect(Date.parse(me.body.session.absoluteExpiresAt) - Date.now()).toBeGreaterThan(11 * 3_600_000);
      await new Promise((r) => setTimeout(r, 1150));
      expect((await c.get('/api/auth/me')).status).toBe(401);
    });

    it('logout ends the session: the old cookie no longer works', async () => {
      const base = await srv();
      const u = await newUser();
      const c = await signedIn(base, u.email);
      const cookie = c.cookie;
      const r = await c.post('/api/auth/logout');
      expect(r.status).toBe(204);
      const cleared = r.headers.getSetCookie()[0] ?? '';
      expect(cleared).toMatch(/^salama_session=;/);
      expect(cleared.toLowerCase()).toMatch(/max-age=0|expires=thu, 01 jan 1970/);
      expect(await sessionCount(u.id)).toBe(0);
      expect((await raw(base, 'GET', '/api/auth/me', { cookie })).status).toBe(401);
      expect((await raw(base, 'GET', '/api/incidents', { cookie })).status).toBe(401);
    });

    it('logout-all ends every session of the user and no one else\'s', async () => {
      const base = await srv();
      const u = await newUser();
      const bystander = await newUser();
      const a = await signedIn(base, u.email);
      const b = await signedIn(base, u.email);
      const other = await signedIn(base, bystander.email);
      expect(await sessionCount(u.id)).toBe(2);
      expect((await a.post('/api/auth/logout-all')).status).toBe(204);
      expect((await a.get('/api/auth/me')).status).toBe(401);
      expect((await b.get('/api/auth/me')).status).toBe(401);
      expect((await other.get('/api/auth/me')).status).toBe(200);
      expect(await sessionCount(u.id)).toBe(0);
      expect((await auditActions(u.id)).map((x) => x.action)).toContain('auth.logout_everywhere');
    });
  });

  describe('audit', () => {
    it('records sign-ins, failures and lockouts, and never a password (audit log nor server log)', async () => {
      const lines: string[] = [];
      const s = await listen(ctx, { logStream: { write: (line: string) => { lines.push(line); } } });
      running.push(s);
      const base = s.base;
      const u = await newUser();
      expect((await new Client(base).login(u.email, PASSWORD)).status).toBe(200);
      for (let i = 0; i < MAX_FAILURES; i++) await new Client(base).login(u.email, WRONG_PASSWORD);
      expect((await new Client(base).login(u.email, PASSWORD)).status).toBe(423);
      await new Client(base).login('unknown-person@org-a.test', WRONG_PASSWORD);

      const mine = await auditActions(u.id);
      const actions = mine.map((a) => a.action);
      expect(actions[0]).toBe('auth.login');
      expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(MAX_FAILURES - 1 + 1); // 4 bad passwords + the locked attempt
      expect(actions.filter((a) => a === 'auth.account_locked')).toHaveLength(1);
      expect(mine.find((a) => a.action === 'auth.account_locked')!.details).toMatchObject({ reason: 'bad_password', failures: MAX_FAILURES });
      expect(mine.filter((a) => a.action === 'auth.login_failed').map((a) => a.details.reason)).toContain('locked');
      const anon = await db.pool.query<{ details: Record<string, unknown> }>(
        "SELECT details FROM audit_log WHERE action = 'auth.login_failed' AND actor_kind = 'anonymous'");
      expect(anon.rows.length).toBeGreaterThan(0);
      expect(anon.rows[0]!.details).toEqual({ reason: 'unknown_account' });

      for (const secret of [PASSWORD, WRONG_PASSWORD]) {
        const hits = await db.pool.query<{ n: string }>(
          "SELECT count(*) AS n FROM audit_log a WHERE strpos(a.details::text, $1) > 0 OR strpos(row_to_json(a)::text, $1) > 0", [secret]);
        expect(hits.rows[0]!.n, secret).toBe('0');
      }
      expect(lines.length).toBeGreaterThan(0); // the log was captured at all
      const log = lines.join('\n');
      expect(log).not.toContain(PASSWORD);
      expect(log).not.toContain(WRONG_PASSWORD);
      expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
    });
  });
});
