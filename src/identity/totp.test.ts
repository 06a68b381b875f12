/**
 * Two-factor authentication (TOTP) over real HTTP against a real database, on every configured PostgreSQL
 * server: enrolment, the code at sign-in, replays, wrong-code limits, token rotation, concurrency, and
 * organisations that require two-factor. Shared setup is in auth-test-kit.ts.
 */
import { describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { Client, PASSWORD, signedIn } from '../../test/helpers/http.ts';
import type { Me } from '../shared/auth.ts';
import { checkTotp, totpNow } from './totp.ts';
import { authTestEnv, code, nextCode, raw, WRONG_PASSWORD, wrongCode } from './auth-test-kit.ts';

describe.each(testServers())('authentication on $name', (server) => {
  const env = authTestEnv(server);
  const { srv, newUser, userRow, sessionCount, auditActions, withTotp } = env;

  describe('two-factor authentication', () => {
    it('enrols with a code, then requires the code at sign-in; wrong codes and replays are refused', async () => {
      const base = await srv();
      const u = await newUser();
      const { secret } = await withTotp(base, u.email);
      const enrolled = await userRow(u.id);
      expect(enrolled.totp_enabled).toBe(true);
      const { rows } = await env.db.pool.query<{ enc: Buffer }>('SELECT totp_secret_enc AS enc FROM users WHERE id = $1', [u.id]);
      expect(rows[0]!.enc.includes(Buffer.from(secret))).toBe(false); // the secret is stored encrypted

      const c = new Client(base);
      const login = await c.login(u.email, PASSWORD);
      expect(login.status).toBe(200);
      expect(login.body.stage).toBe('totp_required');
      const blocked = await c.get('/api/incidents');
      expect(blocked.status).toBe(403);
      expect(code(blocked)).toBe('totp_required');
      // A password alone must not be enough to replace the second factor.
      const resetup = await c.post('/api/auth/totp/setup', { password: PASSWORD });
      expect(resetup.status).toBe(403);
      expect(code(resetup)).toBe('totp_required');
      expect(code(await c.post('/api/auth/totp/enable', { code: totpNow(secret) }))).toBe('totp_required');

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
      const { rows: audit } = await env.db.pool.query<{ d: string }>('SELECT details::text AS d FROM audit_log WHERE actor_user_id = $1', [u.id]);
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
      // Each guess is refused; once the fifth locks the account, a guess still in flight meets the lock (423).
      for (const a of answers) expect([401, 423]).toContain(a.status);
      expect(await sessionCount(u.id)).toBe(0);
      expect((await userRow(u.id)).locked_until).not.toBeNull();
      expect((await raw(base, 'GET', '/api/auth/me', { cookie: c.cookie })).status).toBe(401);
    });

    it('asks for the password again before setting up two-factor, and a stolen session guessing it gets locked out', async () => {
      const base = await srv();
      const u = await newUser();
      const c = await signedIn(base, u.email);
      const wrong = await c.post('/api/auth/totp/setup', { password: WRONG_PASSWORD });
      // A form error on a session that is still valid: 403, never 401 (which the web app reads as "signed out").
      expect(wrong.status).toBe(403);
      expect(code(wrong)).toBe('wrong_password');
      expect((await c.get('/api/auth/me')).status).toBe(200);
      expect((await c.post('/api/auth/totp/setup', {})).status).toBe(400);
      for (let i = 2; i <= 5; i++) await c.post('/api/auth/totp/setup', { password: WRONG_PASSWORD });
      expect((await userRow(u.id)).locked_until).not.toBeNull();
      expect((await c.get('/api/auth/me')).status).toBe(401);
    });

    it('keeps one half-signed-in session per user: a new password sign-in ends the previous one', async () => {
      const base = await srv();
      const u = await newUser();
      await withTotp(base, u.email);
      const first = new Client(base);
      const second = new Client(base);
      await first.login(u.email, PASSWORD);
      await second.login(u.email, PASSWORD);
      expect((await first.get('/api/auth/me')).status).toBe(401);
      expect((await second.get('/api/auth/me')).status).toBe(200);
    });

    it('gives no fresh guesses on a new sign-in: five wrong codes across sign-ins lock the account', async () => {
      const base = await srv();
      const u = await newUser();
      const { secret } = await withTotp(base, u.email);
      for (let round = 0; round < 2; round++) {
        const c = new Client(base);
        expect((await c.login(u.email, PASSWORD)).body.stage).toBe('totp_required');
        for (let i = 0; i < 2; i++) await c.post('/api/auth/totp/verify', { code: wrongCode(secret) });
      }
      expect((await userRow(u.id)).locked_until).toBeNull();
      const c = new Client(base);
      await c.login(u.email, PASSWORD);
      expect(code(await c.post('/api/auth/totp/verify', { code: wrongCode(secret) }))).toBe('invalid_code');
      // Five wrong codes across three sign-ins: locked.
      expect((await userRow(u.id)).locked_until).not.toBeNull();
      expect(code(await new Client(base).login(u.email, PASSWORD))).toBe('account_locked');
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
      const active = await env.db.pool.query<{ n: string }>("SELECT count(*) AS n FROM sessions WHERE user_id = $1 AND stage = 'active'", [u.id]);
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
      const setup = await c.post<{ secret: string; otpauthUrl: string }>('/api/auth/totp/setup', { password: PASSWORD });
      expect(setup.status).toBe(200);
      expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
      expect(code(await c.get('/api/incidents'))).toBe('totp_enrolment_required');
      const bad = await c.post('/api/auth/totp/enable', { code: wrongCode(setup.body.secret) });
      expect(bad.status).toBe(403);
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
});
