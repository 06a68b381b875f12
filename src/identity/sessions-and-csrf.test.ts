/**
 * Signed-in sessions over real HTTP against a real database, on every configured PostgreSQL server: CSRF token
 * and origin checks on state-changing requests (and on sign-in), idle and absolute expiry, sign-out and
 * sign-out everywhere. Shared setup is in auth-test-kit.ts.
 */
import { describe, expect, it } from 'vitest';
import { testContext, testServers } from '../../test/helpers/db.ts';
import { PASSWORD, signedIn } from '../../test/helpers/http.ts';
import type { Me } from '../shared/auth.ts';
import { authTestEnv, code, raw } from './auth-test-kit.ts';

describe.each(testServers())('authentication on $name', (server) => {
  const env = authTestEnv(server);
  const { srv, newUser, sessionCount, auditActions } = env;

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
      const count = async () => Number((await env.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM incidents')).rows[0]!.n);
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

  describe('session expiry and sign-out', () => {
    it('refuses a session past its idle expiry', async () => {
      const base = await srv();
      const u = await newUser();
      const c = await signedIn(base, u.email);
      expect((await c.get('/api/incidents')).status).toBe(200);
      await env.db.pool.query("UPDATE sessions SET idle_expires_at = now() - interval '1 second' WHERE user_id = $1", [u.id]);
      expect((await c.get('/api/incidents')).status).toBe(401);
      expect(code(await c.get('/api/auth/me'))).toBe('unauthenticated');
    });

    it('refuses a session past its absolute expiry even while it is in use', async () => {
      const base = await srv();
      const u = await newUser();
      const c = await signedIn(base, u.email);
      await env.db.pool.query("UPDATE sessions SET absolute_expires_at = now() - interval '1 second' WHERE user_id = $1", [u.id]);
      const { rows } = await env.db.pool.query<{ live: boolean }>('SELECT idle_expires_at > now() AS live FROM sessions WHERE user_id = $1', [u.id]);
      expect(rows[0]!.live).toBe(true);
      expect((await c.get('/api/auth/me')).status).toBe(401);
    });

    it('slides the idle expiry on use but never beyond the absolute expiry', async () => {
      const base = await srv();
      const u = await newUser();
      const c = await signedIn(base, u.email);
      await env.db.pool.query(
        "UPDATE sessions SET last_seen_at = now() - interval '5 minutes', idle_expires_at = now() + interval '10 seconds', absolute_expires_at = now() + interval '1 hour' WHERE user_id = $1",
        [u.id]);
      expect((await c.get('/api/auth/me')).status).toBe(200);
      const slid = await env.db.pool.query<{ idle: Date }>('SELECT idle_expires_at AS idle FROM sessions WHERE user_id = $1', [u.id]);
      expect(slid.rows[0]!.idle.getTime()).toBeGreaterThan(Date.now() + env.ctx.sessionIdleMs - 60_000);

      await env.db.pool.query(
        "UPDATE sessions SET last_seen_at = now() - interval '5 minutes', idle_expires_at = now() + interval '10 seconds', absolute_expires_at = now() + interval '20 seconds' WHERE user_id = $1",
        [u.id]);
      expect((await c.get('/api/auth/me')).status).toBe(200);
      const capped = await env.db.pool.query<{ capped: boolean; later: boolean }>(
        "SELECT idle_expires_at <= absolute_expires_at AS capped, idle_expires_at > now() + interval '12 seconds' AS later FROM sessions WHERE user_id = $1", [u.id]);
      expect(capped.rows[0]).toEqual({ capped: true, later: true });
    });

    it('honours a short configured idle timeout (1 s) end to end', async () => {
      const shortCtx = testContext(env.db, { sessionIdleMs: 1000 });
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
});
