/** Sign-in steps, one's own account, members and account administration (see matrix-kit.ts). */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { createUser } from '../../src/identity/users.ts';
import { PASSWORD, seedOrganisation, signedIn } from '../helpers/http.ts';
import { all, describeMatrix, FORBIDDEN, table, UNAUTH, type Matrix } from './matrix-kit.ts';

interface Fixture {
  /** An account of organisation A that the probes of account administration act on. */
  accountId: string;
}

const MATRIX: Matrix<Fixture> = {
  // Login with the caller's own credentials (anonymous uses an unknown account).
  'POST /api/auth/login': { method: 'POST', path: () => '/api/auth/login', expect: all('200', '401 invalid_credentials') },
  'GET /api/auth/me': { method: 'GET', path: () => '/api/auth/me', expect: all('200', UNAUTH) },
  'POST /api/auth/logout': { method: 'POST', path: () => '/api/auth/logout', expect: all('204', UNAUTH) },
  'POST /api/auth/logout-all': { method: 'POST', path: () => '/api/auth/logout-all', expect: all('204', UNAUTH) },
  'POST /api/auth/totp/setup': { method: 'POST', path: () => '/api/auth/totp/setup', body: () => ({ password: PASSWORD }), expect: all('200', UNAUTH) },
  // Past the guard, a wrong code reaches the service, which refuses it as a form error (the session stays);
  // anonymous never gets there.
  'POST /api/auth/totp/enable': { method: 'POST', path: () => '/api/auth/totp/enable', body: () => ({ code: '000000' }), expect: all('403 invalid_code', UNAUTH) },
  // One's own account (active sessions): nobody here has two-factor on, which the service says.
  'POST /api/auth/totp/disable': { method: 'POST', path: () => '/api/auth/totp/disable', body: () => ({ password: PASSWORD, code: '000000' }), expect: all('409 totp_not_enabled', UNAUTH) },
  'POST /api/auth/totp/recovery-codes': { method: 'POST', path: () => '/api/auth/totp/recovery-codes', body: () => ({ password: PASSWORD }), expect: all('409 totp_not_enabled', UNAUTH) },
  // A wrong current password is a form error for every signed-in caller (nobody's password changes here).
  'POST /api/auth/password': { method: 'POST', path: () => '/api/auth/password', body: () => ({ currentPassword: 'not the password', newPassword: 'a long enough new passphrase' }), expect: all('403 wrong_password', UNAUTH) },
  'POST /api/auth/totp/verify': { method: 'POST', path: () => '/api/auth/totp/verify', body: () => ({ code: '000000' }), expect: all('409 wrong_stage', UNAUTH) },
  // Members of one's own organisation only (B's coordinator gets B's members: checked below).
  'GET /api/users': {
    method: 'GET', path: () => '/api/users',
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  // Account administration: administrators of the account's own organisation only (B's accounts of A are 404).
  'GET /api/accounts': {
    method: 'GET', path: () => '/api/accounts',
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/accounts': {
    method: 'POST', path: () => '/api/accounts', body: () => ({ email: `matrix-${randomUUID().slice(0, 8)}@org-a.test`, role: 'viewer' }),
    expect: table(UNAUTH, { 'A:admin': '201', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'PATCH /api/accounts/:id': {
    method: 'PATCH', path: (f) => `/api/accounts/${f.accountId}`, body: () => ({ role: 'viewer' }),
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/accounts/:id/password': {
    method: 'POST', path: (f) => `/api/accounts/${f.accountId}/password`,
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/accounts/:id/two-factor/reset': {
    method: 'POST', path: (f) => `/api/accounts/${f.accountId}/two-factor/reset`,
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/accounts/:id/sessions/end': {
    method: 'POST', path: (f) => `/api/accounts/${f.accountId}/sessions/end`,
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
};

describeMatrix('identity', MATRIX, async ({ ctx }) => {
  const account = await createUser(ctx.db, { organisationCode: 'ORG-A', email: 'matrix.account@org-a.test', role: 'monitor', password: PASSWORD });
  return { accountId: account.user.id };
}, ({ world, fixture }) => {
  it("lets no administrator reach another organisation's accounts", async () => {
    const seeded = await seedOrganisation(world().ctx, 'ORG-C');
    const c = await signedIn(world().srv.base, seeded.users.admin.email);
    const { accountId } = fixture();
    for (const [method, path, body] of [
      ['PATCH', `/api/accounts/${accountId}`, { disabled: true }],
      ['POST', `/api/accounts/${accountId}/password`, undefined],
      ['POST', `/api/accounts/${accountId}/two-factor/reset`, undefined],
      ['POST', `/api/accounts/${accountId}/sessions/end`, undefined],
    ] as const) {
      const r = await c.request(method, path, body ?? {});
      expect(r.status, path).toBe(404);
    }
    const { items } = (await c.get<{ items: { email: string }[] }>('/api/accounts')).body;
    expect(items.every((a) => a.email.endsWith('@org-c.test'))).toBe(true);
  });

  it("lists only the caller's own organisation's members", async () => {
    const b = await world().as('B:coordinator');
    const { body } = await b.get<{ items: { email: string }[] }>('/api/users');
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((m) => m.email.endsWith('@org-b.test'))).toBe(true);
  });
});
