/**
 * Password sign-in over real HTTP against a real database, on every configured PostgreSQL server: the session
 * cookie, uniform refusals, lockout after repeated failures, per-IP limits, disabled users, and what the audit
 * log (and server log) records about sign-ins. Shared setup is in auth-test-kit.ts.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { Client, listen, PASSWORD, signedIn } from '../../test/helpers/http.ts';
import { verifyAuditChain } from '../platform/audit/audit.ts';
import type { Me } from '../shared/auth.ts';
import { disableUser, resetPassword } from './users.ts';
import { LOCK_MINUTES, MAX_FAILURES } from './auth-service.ts';
import { authTestEnv, code, WRONG_PASSWORD } from './auth-test-kit.ts';

describe.each(testServers())('authentication on $name', (server) => {
  const env = authTestEnv(server);
  const { running, srv, productionLike, newUser, userRow, sessionCount, auditActions } = env;

  describe('password sign-in', () => {
    it('sets an httpOnly SameSite=Strict cookie holding a token the database only knows by its hash', async () => {
      const base = await srv();
      const u = await newUser();
      const c = new Client(base);
      const r = await c.login(u.email.toUpperCase(), PASSWORD);
      expect(r.status).toBe(200);
      const me = r.body as unknown as Me;
      expect(me.stage).toBe('active');
      expect(me.user).toEqual({ id: u.id, email: u.email, role: 'monitor', totpEnabled: false, recoveryCodesLeft: 0 });
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
      expect(attrs).toContain(`max-age=${env.ctx.sessionAbsoluteMs / 1000}`);
      expect(me.csrfToken).not.toBe(token);

      const hash = createHash('sha256').update(token!).digest();
      const { rows } = await env.db.pool.query<{ row: string; hashed: boolean }>(
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

      await resetPassword(env.ctx.db, u.email, PASSWORD);
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

    it('limits failed sign-ins per IP (the 11th failure in a minute is refused with 429, even with the right password)', async () => {
      const base = await productionLike();
      const u = await newUser();
      for (let i = 0; i < 10; i++) expect((await new Client(base).login(`nobody${i}@org-a.test`, WRONG_PASSWORD)).status).toBe(401);
      const over = await new Client(base).login('nobody@org-a.test', WRONG_PASSWORD);
      expect(over.status).toBe(429);
      expect(code(over)).toBe('rate_limited');
      // Refused before the password is checked: a right guess at this point gives nothing away.
      const right = await new Client(base).login(u.email, PASSWORD);
      expect(right.status).toBe(429);
      expect((await userRow(u.id)).failed_logins).toBe(0);
    });

    it('counts failures only: eleven colleagues behind one office address sign in within a minute', async () => {
      const base = await productionLike();
      const colleagues = await Promise.all(Array.from({ length: 11 }, () => newUser()));
      // One wrong password among them (a typo) does not stop the others either.
      expect((await new Client(base).login(colleagues[0]!.email, WRONG_PASSWORD)).status).toBe(401);
      for (const c of colleagues) {
        const r = await new Client(base).login(c.email, PASSWORD);
        expect(r.status, c.email).toBe(200);
        expect(r.body.stage).toBe('active');
      }
      // And signing in again (a second device each) still works: successes never fill the window.
      for (const c of colleagues) expect((await new Client(base).login(c.email, PASSWORD)).status).toBe(200);
    });

    it('refuses a disabled user, and their existing session stops working', async () => {
      const base = await srv();
      const u = await newUser();
      const c = await signedIn(base, u.email);
      expect((await c.get('/api/incidents')).status).toBe(200);
      await disableUser(env.ctx.db, u.email);
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
      await env.db.pool.query('UPDATE users SET disabled_at = now() WHERE id = $1', [u.id]);
      expect(await sessionCount(u.id)).toBe(1);
      expect((await c.get('/api/auth/me')).status).toBe(401);
      expect((await c.get('/api/incidents')).status).toBe(401);
    });
  });

  describe('audit', () => {
    it('records sign-ins, failures and lockouts, and never a password (audit log nor server log)', async () => {
      const lines: string[] = [];
      const s = await listen(env.ctx, { logStream: { write: (line: string) => { lines.push(line); } } });
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
      const anon = await env.db.pool.query<{ details: Record<string, unknown> }>(
        "SELECT details FROM audit_log WHERE action = 'auth.login_failed' AND actor_kind = 'anonymous'");
      expect(anon.rows.length).toBeGreaterThan(0);
      expect(anon.rows[0]!.details).toEqual({ reason: 'unknown_account' });

      for (const secret of [PASSWORD, WRONG_PASSWORD]) {
        const hits = await env.db.pool.query<{ n: string }>(
          "SELECT count(*) AS n FROM audit_log a WHERE strpos(a.details::text, $1) > 0 OR strpos(row_to_json(a)::text, $1) > 0", [secret]);
        expect(hits.rows[0]!.n, secret).toBe('0');
      }
      expect(lines.length).toBeGreaterThan(0); // the log was captured at all
      const log = lines.join('\n');
      expect(log).not.toContain(PASSWORD);
      expect(log).not.toContain(WRONG_PASSWORD);
      expect(await verifyAuditChain(env.ctx.db, env.ctx.master)).toMatchObject({ ok: true });
    });
  });
});
