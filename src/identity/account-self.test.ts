/**
 * One's own account over real HTTP on every configured PostgreSQL server: the QR code at enrolment (made on
 * the server, never logged), one-time recovery codes (stored hashed, each accepted once at sign-in, replaced
 * with the password), turning two-factor off (password and a code; not where the organisation requires it),
 * changing the password (other sessions end), wrong secrets in these forms answered as form errors (403)
 * while the session stays valid, and an organisation's two-factor requirement applied to sessions already open.
 */
import { describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { Client, listen, PASSWORD, signedIn } from '../../test/helpers/http.ts';
import type { Me } from '../shared/auth.ts';
import { totpNow } from './totp.ts';
import { ensureOrganisation, setRequireTotp } from './users.ts';
import { authTestEnv, code, nextCode, WRONG_PASSWORD, wrongCode } from './auth-test-kit.ts';

type Enabled = Me & { recoveryCodes: string[] };

describe.each(testServers())('own account on $name', (server) => {
  const env = authTestEnv(server);
  const { srv, newUser, userRow, sessionCount, auditActions } = env;

  /** Signs in, enrols (returns the secret and the recovery codes), and stays signed in. */
  async function enrolled(base: string, email: string) {
    const c = await signedIn(base, email);
    const setup = await c.post<{ secret: string; otpauthUrl: string; qrCode: string }>('/api/auth/totp/setup', { password: PASSWORD });
    expect(setup.status).toBe(200);
    const enabled = await c.post<Enabled>('/api/auth/totp/enable', { code: totpNow(setup.body.secret) });
    expect(enabled.status).toBe(200);
    return { c, secret: setup.body.secret, codes: enabled.body.recoveryCodes, setup: setup.body, enabled: enabled.body };
  }

  it('shows the otpauth address as a QR code made on the server, and never logs the address or the secret', async () => {
    const lines: string[] = [];
    const s = await listen(env.ctx, { logStream: { write: (l) => void lines.push(l) } });
    env.running.push(s);
    const u = await newUser();
    const { setup } = await enrolled(s.base, u.email);
    expect(setup.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    const svg = Buffer.from(setup.qrCode.split(',')[1]!, 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<path');
    expect(svg).not.toContain(setup.secret); // an image of the address, not the address in text
    const log = lines.join('\n');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(setup.secret);
    expect(log).not.toContain('otpauth');
  });

  it('gives ten one-time recovery codes, stored only as keyed hashes; each signs in once in place of a code', async () => {
    const base = await srv();
    const u = await newUser();
    const { c, codes, enabled } = await enrolled(base, u.email);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const rc of codes) expect(rc).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(enabled.user.recoveryCodesLeft).toBe(10);
    const { rows } = await env.db.pool.query<{ h: Buffer }>('SELECT code_hash AS h FROM recovery_codes WHERE user_id = $1', [u.id]);
    expect(rows).toHaveLength(10);
    const stored = rows.map((r) => r.h.toString('hex') + r.h.toString('latin1')).join();
    for (const rc of codes) {
      expect(stored).not.toContain(rc);
      expect(stored).not.toContain(rc.replace('-', ''));
    }
    await c.post('/api/auth/logout');

    // Typed with capitals and a space instead of the dash: still accepted.
    const first = new Client(base);
    expect((await first.login(u.email, PASSWORD)).body.stage).toBe('totp_required');
    const ok = await first.post<Me>('/api/auth/totp/verify', { code: codes[3]!.toUpperCase().replace('-', ' ') });
    expect(ok.status).toBe(200);
    expect(ok.body.stage).toBe('active');
    expect(ok.body.user.recoveryCodesLeft).toBe(9);
    expect((await first.get('/api/incidents')).status).toBe(200);

    // The same code again: refused, and counted like a wrong code.
    const second = new Client(base);
    await second.login(u.email, PASSWORD);
    const again = await second.post('/api/auth/totp/verify', { code: codes[3]! });
    expect(again.status).toBe(401);
    expect(code(again)).toBe('invalid_code');
    expect((await env.db.pool.query<{ n: number }>('SELECT totp_failures AS n FROM users WHERE id = $1', [u.id])).rows[0]!.n).toBe(1);
    const badFormat = await second.post('/api/auth/totp/verify', { code: 'not-a-code' });
    expect(badFormat.status).toBe(400);
    const used = (await auditActions(u.id)).filter((a) => a.action === 'auth.totp_verified');
    expect(used.at(-1)!.details).toEqual({ method: 'recovery_code', recoveryCodesLeft: 9 });
    expect(JSON.stringify(await auditActions(u.id))).not.toContain(codes[3]!.slice(0, 5));
  });

  it('replaces the recovery codes with the password; a wrong password is a form error, not a sign-out', async () => {
    const base = await srv();
    const u = await newUser();
    const { c, codes } = await enrolled(base, u.email);
    const wrong = await c.post('/api/auth/totp/recovery-codes', { password: WRONG_PASSWORD });
    expect(wrong.status).toBe(403);
    expect(code(wrong)).toBe('wrong_password');
    expect((await c.get('/api/auth/me')).status).toBe(200);
    const fresh = await c.post<{ recoveryCodes: string[] }>('/api/auth/totp/recovery-codes', { password: PASSWORD });
    expect(fresh.status).toBe(200);
    expect(fresh.body.recoveryCodes).toHaveLength(10);
    expect(fresh.body.recoveryCodes).not.toContain(codes[0]);
    const old = new Client(base);
    await old.login(u.email, PASSWORD);
    expect(code(await old.post('/api/auth/totp/verify', { code: codes[0]! }))).toBe('invalid_code');
    expect((await old.post('/api/auth/totp/verify', { code: fresh.body.recoveryCodes[0]! })).status).toBe(200);
    expect((await auditActions(u.id)).map((a) => a.action)).toContain('auth.recovery_codes_replaced');
  });

  it('turns two-factor off only with the password and a current code; wrong ones are form errors', async () => {
    const base = await srv();
    const u = await newUser();
    const { c, secret, codes } = await enrolled(base, u.email);
    const badPassword = await c.post('/api/auth/totp/disable', { password: WRONG_PASSWORD, code: nextCode(secret) });
    expect([badPassword.status, code(badPassword)]).toEqual([403, 'wrong_password']);
    const badCode = await c.post('/api/auth/totp/disable', { password: PASSWORD, code: wrongCode(secret) });
    expect([badCode.status, code(badCode)]).toEqual([403, 'invalid_code']);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    expect((await userRow(u.id)).totp_enabled).toBe(true);
    const missing = await c.post('/api/auth/totp/disable', { password: PASSWORD });
    expect(missing.status).toBe(400);

    // A recovery code works in place of the app's code.
    const off = await c.post<Me>('/api/auth/totp/disable', { password: PASSWORD, code: codes[0]! });
    expect(off.status).toBe(200);
    expect(off.body.user.totpEnabled).toBe(false);
    expect(off.body.user.recoveryCodesLeft).toBe(0);
    const { rows } = await env.db.pool.query('SELECT totp_secret_enc FROM users WHERE id = $1 AND totp_secret_enc IS NULL', [u.id]);
    expect(rows).toHaveLength(1);
    expect((await env.db.pool.query('SELECT 1 FROM recovery_codes WHERE user_id = $1', [u.id])).rows).toHaveLength(0);
    expect((await new Client(base).login(u.email, PASSWORD)).body.stage).toBe('active');
    expect((await auditActions(u.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['auth.reauth_failed', 'auth.totp_failed', 'auth.totp_disabled']));
  });

  it('refuses to turn two-factor off where the organisation requires it', async () => {
    const base = await srv();
    const u = await newUser('monitor', 'ORG-T');
    const c = new Client(base);
    expect((await c.login(u.email, PASSWORD)).body.stage).toBe('totp_enrolment_required');
    const setup = await c.post<{ secret: string }>('/api/auth/totp/setup', { password: PASSWORD });
    const enabled = await c.post<Enabled>('/api/auth/totp/enable', { code: totpNow(setup.body.secret) });
    expect(enabled.body.stage).toBe('active');
    expect(enabled.body.recoveryCodes).toHaveLength(10);
    const off = await c.post('/api/auth/totp/disable', { password: PASSWORD, code: nextCode(setup.body.secret) });
    expect([off.status, code(off)]).toEqual([409, 'totp_required_by_organisation']);
    expect((await userRow(u.id)).totp_enabled).toBe(true);
  });

  it('changes the password: the current one is checked (a form error when wrong), the rule applies, other sessions end', async () => {
    const base = await srv();
    const u = await newUser();
    const laptop = await signedIn(base, u.email);
    const phone = await signedIn(base, u.email);
    const wrong = await laptop.post('/api/auth/password', { currentPassword: WRONG_PASSWORD, newPassword: 'a new long passphrase' });
    expect([wrong.status, code(wrong)]).toEqual([403, 'wrong_password']);
    expect((wrong.body as { error: { issues: { field: string }[] } }).error.issues[0]!.field).toBe('currentPassword');
    expect((await laptop.get('/api/auth/me')).status).toBe(200);
    const short = await laptop.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect((short.body as { error: { issues: { field: string; code: string; params?: { min?: number } }[] } }).error.issues).toEqual([expect.objectContaining({ field: 'newPassword', code: 'too_short', params: expect.objectContaining({ min: 12 }) as unknown })]);
    const same = await laptop.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: PASSWORD });
    expect(same.status).toBe(400);

    const oldCookie = laptop.cookie;
    const changed = await laptop.post<Me>('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a new long passphrase' });
    expect(changed.status).toBe(200);
    expect(laptop.cookie).not.toBe(oldCookie); // this session continues under a new token
    expect((await laptop.get('/api/incidents')).status).toBe(200);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    expect(await sessionCount(u.id)).toBe(1);
    expect((await new Client(base).login(u.email, PASSWORD)).status).toBe(401);
    expect((await new Client(base).login(u.email, 'a new long passphrase')).status).toBe(200);
    const audit = (await auditActions(u.id)).find((a) => a.action === 'user.password_changed');
    expect(audit!.details).toEqual({ otherSessionsEnded: 1, required: false });
  });

  it('applies a two-factor requirement to sessions already open: they must enrol before anything else', async () => {
    const base = await srv();
    await ensureOrganisation(env.ctx.db, { code: 'ORG-F', name: 'Flag flipped later', kind: 'office' });
    const u = await newUser('coordinator', 'ORG-F');
    const c = await signedIn(base, u.email);
    expect((await c.get('/api/incidents')).status).toBe(200);
    await setRequireTotp(env.ctx.db, 'ORG-F', true);
    const blocked = await c.get('/api/incidents');
    expect([blocked.status, code(blocked)]).toEqual([403, 'totp_enrolment_required']);
    expect((await c.get<Me>('/api/auth/me')).body.stage).toBe('totp_enrolment_required');
    const setup = await c.post<{ secret: string }>('/api/auth/totp/setup', { password: PASSWORD });
    const enabled = await c.post<Enabled>('/api/auth/totp/enable', { code: totpNow(setup.body.secret) });
    expect(enabled.body.stage).toBe('active');
    expect((await c.get('/api/incidents')).status).toBe(200);
  });

  it('counts wrong two-factor codes against the address too (failures only)', async () => {
    const s = await listen(env.ctx, { authAttemptsPerMinute: 3 });
    env.running.push(s);
    const u = await newUser();
    const { c, secret } = await enrolled(s.base, u.email);
    await c.post('/api/auth/logout');
    const v = new Client(s.base);
    await v.login(u.email, PASSWORD);
    for (let i = 0; i < 3; i++) expect(code(await v.post('/api/auth/totp/verify', { code: wrongCode(secret) }))).toBe('invalid_code');
    const over = await v.post('/api/auth/totp/verify', { code: nextCode(secret) });
    expect([over.status, code(over)]).toEqual([429, 'rate_limited']);
  });
});
