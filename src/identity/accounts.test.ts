/**
 * Account administration over real HTTP on every configured PostgreSQL server: an administrator creates an
 * account (one-time password, replaced at the first sign-in), changes roles, disables and enables, hands out
 * a new password, resets two-factor and ends sessions; every change is audited in its transaction; another
 * organisation's accounts do not exist for them; the organisation never loses its last administrator.
 */
import { describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { Client, PASSWORD, signedIn } from '../../test/helpers/http.ts';
import type { Account } from '../shared/accounts.ts';
import type { Me } from '../shared/auth.ts';
import { totpNow } from './totp.ts';
import { authTestEnv, code, nextCode } from './auth-test-kit.ts';

type WithPassword = { account: Account; oneTimePassword: string };

describe.each(testServers())('account administration on $name', (server) => {
  const env = authTestEnv(server);
  const { srv, newUser, sessionCount } = env;
  const auditFor = async (entityId: string) => (await env.db.pool.query<{ action: string; actor_user_id: string | null; details: Record<string, unknown> }>(
    "SELECT action, actor_user_id, details FROM audit_log WHERE entity_type = 'user' AND entity_id = $1 ORDER BY id", [entityId])).rows;

  it('creates an account with a one-time password that must be replaced before anything else', async () => {
    const base = await srv();
    const admin = await signedIn(base, (await newUser('admin')).email);
    const created = await admin.post<WithPassword>('/api/accounts', { email: 'New.Monitor@ORG-A.test', role: 'monitor' });
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({ email: 'new.monitor@org-a.test', role: 'monitor', status: 'active', mustChangePassword: true, totpEnabled: false, lastSignInAt: null, sessions: 0 });
    expect(created.body.oneTimePassword).toMatch(/^\S{20}$/);
    const audit = await auditFor(created.body.account.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'user.create', details: { role: 'monitor', oneTimePassword: true } });
    expect(JSON.stringify(audit)).not.toContain(created.body.oneTimePassword);

    const dup = await admin.post('/api/accounts', { email: 'new.monitor@org-a.test', role: 'viewer' });
    expect([dup.status, code(dup)]).toEqual([409, 'email_taken']);
    const bad = await admin.post('/api/accounts', { email: 'not an email', role: 'boss' });
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { issues: { field: string }[] } }).error.issues.map((i) => i.field).sort()).toEqual(['email', 'role']);

    // The newcomer signs in with it and must replace it first.
    const newcomer = new Client(base);
    const login = await newcomer.login('new.monitor@org-a.test', created.body.oneTimePassword);
    expect(login.body.stage).toBe('password_change_required');
    const blocked = await newcomer.get('/api/incidents');
    expect([blocked.status, code(blocked)]).toEqual([403, 'password_change_required']);
    const changed = await newcomer.post<Me>('/api/auth/password', { currentPassword: created.body.oneTimePassword, newPassword: 'my own long passphrase' });
    expect(changed.status).toBe(200);
    expect(changed.body.stage).toBe('active');
    expect((await newcomer.get('/api/incidents')).status).toBe(200);
    const listed = await admin.get<{ items: Account[] }>('/api/accounts');
    const row = listed.body.items.find((a) => a.id === created.body.account.id)!;
    expect(row.mustChangePassword).toBe(false);
    expect(row.lastSignInAt).not.toBeNull();
    expect(row.sessions).toBe(1);
  });

  it('sends a one-time password user of an organisation requiring two-factor on to enrolment', async () => {
    const base = await srv();
    const admin = await signedIn(base, (await newUser('admin', 'ORG-T')).email);
    // The administrator of ORG-T must have enrolled first.
    expect(code(await admin.get('/api/accounts'))).toBe('totp_enrolment_required');
    const setup = await admin.post<{ secret: string }>('/api/auth/totp/setup', { password: PASSWORD });
    await admin.post('/api/auth/totp/enable', { code: totpNow(setup.body.secret) });
    const created = await admin.post<WithPassword>('/api/accounts', { email: 'enrol.me@org-t.test', role: 'monitor' });
    const c = new Client(base);
    expect((await c.login('enrol.me@org-t.test', created.body.oneTimePassword)).body.stage).toBe('password_change_required');
    const changed = await c.post<Me>('/api/auth/password', { currentPassword: created.body.oneTimePassword, newPassword: 'my own long passphrase' });
    expect(changed.body.stage).toBe('totp_enrolment_required');
  });

  it('changes roles, disables and enables; keeps an enabled administrator; no administrator disables themselves', async () => {
    const base = await srv();
    await env.db.pool.query("UPDATE users SET role = 'coordinator' WHERE role = 'admin' AND organisation_id = (SELECT id FROM organisations WHERE code = 'ORG-A')");
    const me = await newUser('admin');
    const admin = await signedIn(base, me.email);
    const target = await newUser('monitor');
    const monitorSession = await signedIn(base, target.email);

    const promoted = await admin.patch<Account>(`/api/accounts/${target.id}`, { role: 'coordinator' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('coordinator');
    // The role applies to the open session at once.
    expect((await monitorSession.get('/api/users')).status).toBe(200);
    const disabled = await admin.patch<Account>(`/api/accounts/${target.id}`, { disabled: true });
    expect(disabled.body.status).toBe('disabled');
    expect((await monitorSession.get('/api/auth/me')).status).toBe(401);
    expect((await new Client(base).login(target.email, PASSWORD)).status).toBe(401);
    const enabled = await admin.patch<Account>(`/api/accounts/${target.id}`, { disabled: false });
    expect(enabled.body.status).toBe('active');
    expect((await new Client(base).login(target.email, PASSWORD)).status).toBe(200);
    const changes = (await auditFor(target.id)).filter((a) => a.action.startsWith('user.'));
    expect(changes.map((a) => a.action)).toEqual(['user.create', 'user.role_change', 'user.disable', 'user.enable']);
    expect(changes[1]).toMatchObject({ actor_user_id: me.id, details: { from: 'monitor', to: 'coordinator' } });
    expect((await admin.patch(`/api/accounts/${target.id}`, { role: 'viewer', disabled: true })).status).toBe(400);

    // The only administrator: cannot demote or disable themselves.
    const demote = await admin.patch(`/api/accounts/${me.id}`, { role: 'coordinator' });
    expect([demote.status, code(demote)]).toEqual([409, 'last_admin']);
    const self = await admin.patch(`/api/accounts/${me.id}`, { disabled: true });
    expect([self.status, code(self)]).toEqual([409, 'own_account']);
    // With a second administrator, one may step down; the other then cannot be removed.
    const second = await newUser('admin');
    expect((await admin.patch<Account>(`/api/accounts/${me.id}`, { role: 'coordinator' })).body.role).toBe('coordinator');
    expect(code(await admin.get('/api/accounts'))).toBe('forbidden');
    const other = await signedIn(base, second.email);
    expect(code(await other.patch(`/api/accounts/${second.id}`, { role: 'monitor' }))).toBe('last_admin');
    expect((await env.db.pool.query("SELECT role FROM users WHERE id = $1", [second.id])).rows[0]).toEqual({ role: 'admin' });
  });

  it('hands out a new one-time password, resets two-factor and ends sessions; never on the administrator themselves', async () => {
    const base = await srv();
    const me = await newUser('admin');
    const admin = await signedIn(base, me.email);
    const target = await newUser('monitor');
    const { secret } = await env.withTotp(base, target.email);
    const session = new Client(base);
    await session.login(target.email, PASSWORD);
    await session.post('/api/auth/totp/verify', { code: nextCode(secret) });
    expect((await session.get('/api/incidents')).status).toBe(200);

    const listed = (await admin.get<{ items: Account[] }>('/api/accounts')).body.items.find((a) => a.id === target.id)!;
    expect(listed).toMatchObject({ totpEnabled: true, recoveryCodesLeft: 10, sessions: 1 });
    const reset = await admin.post<Account>(`/api/accounts/${target.id}/two-factor/reset`);
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ totpEnabled: false, recoveryCodesLeft: 0, sessions: 0 });
    expect((await session.get('/api/auth/me')).status).toBe(401);
    expect((await env.db.pool.query('SELECT 1 FROM recovery_codes WHERE user_id = $1', [target.id])).rows).toHaveLength(0);
    expect((await new Client(base).login(target.email, PASSWORD)).body.stage).toBe('active');

    const issued = await admin.post<WithPassword>(`/api/accounts/${target.id}/password`);
    expect(issued.status).toBe(200);
    expect(issued.body.account.mustChangePassword).toBe(true);
    expect(await sessionCount(target.id)).toBe(0);
    expect((await new Client(base).login(target.email, PASSWORD)).status).toBe(401);
    expect((await new Client(base).login(target.email, issued.body.oneTimePassword)).body.stage).toBe('password_change_required');

    const ended = await admin.post<Account>(`/api/accounts/${target.id}/sessions/end`);
    expect(ended.body.sessions).toBe(0);
    const actions = (await auditFor(target.id)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['user.reset_totp', 'user.reset_password', 'user.end_sessions']));

    for (const path of [`/api/accounts/${me.id}/password`, `/api/accounts/${me.id}/two-factor/reset`]) {
      const own = await admin.post(path);
      expect([own.status, code(own)], path).toEqual([409, 'own_account']);
    }
  });

  it("does not let an administrator see or touch another organisation's accounts", async () => {
    const base = await srv();
    const admin = await signedIn(base, (await newUser('admin')).email);
    const stranger = await newUser('monitor', 'ORG-T');
    const list = await admin.get<{ items: Account[] }>('/api/accounts');
    expect(list.body.items.every((a) => a.email.endsWith('@org-a.test'))).toBe(true);
    for (const r of [
      await admin.patch(`/api/accounts/${stranger.id}`, { disabled: true }),
      await admin.post(`/api/accounts/${stranger.id}/password`),
      await admin.post(`/api/accounts/${stranger.id}/two-factor/reset`),
      await admin.post(`/api/accounts/${stranger.id}/sessions/end`),
    ]) expect([r.status, code(r)]).toEqual([404, 'not_found']);
    expect((await env.db.pool.query('SELECT disabled_at, must_change_password FROM users WHERE id = $1', [stranger.id])).rows[0]).toEqual({ disabled_at: null, must_change_password: false });
    expect(await auditFor(stranger.id)).toHaveLength(1); // its creation only
  });
});
