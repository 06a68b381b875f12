/**
 * What the sign-in steps and the account forms share: failure counting and locking, asking for the password
 * again, and checking a second factor (a TOTP code or a one-time recovery code). Wrong secrets typed into a
 * form of a signed-in session answer 403 (`wrong_password`, `invalid_code`): the session is still valid, so
 * the web app shows the error on the form instead of the sign-in page (401 means the session is gone).
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { Tx } from '../platform/db/database.ts';
import { AppError } from '../platform/http/errors.ts';
import { appendAudit, type AuditActor } from '../platform/audit/audit.ts';
import { openPacked } from '../platform/crypto/envelope.ts';
import { isRecoveryCode } from '../shared/auth.ts';
import { recoveryCodesLeft, useRecoveryCode } from './recovery.ts';
import { revokeUserSessions } from './sessions.ts';
import { checkTotp } from './totp.ts';
import { users } from './tables.ts';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
export const MAX_TOTP_FAILURES = 5;

export type UserRow = typeof users.$inferSelect;

export const totpContext = (userId: string) => `user-totp:${userId}`;
export const anonymous = (ip: string | null): AuditActor => ({ userId: null, kind: 'anonymous', organisationId: null, ip });
export const asUser = (s: { userId: string; organisationId: string }, ip: string | null): AuditActor =>
  ({ userId: s.userId, kind: 'user', organisationId: s.organisationId, ip });

export const wrongPassword = (field = 'password') =>
  new AppError(403, 'wrong_password', `${field}: not correct`, [{ field, code: 'wrong_password' }]);
export const wrongCode = (field = 'code') =>
  new AppError(403, 'invalid_code', `${field}: not correct or already used`, [{ field, code: 'wrong_code' }]);

export async function userRow(ctx: AppContext, id: string): Promise<UserRow> {
  const [u] = await ctx.db.select().from(users).where(eq(users.id, id)).limit(1);
  if (!u) throw new AppError(401, 'unauthenticated', 'session has ended');
  return u;
}

/** The user's row under a lock: concurrent attempts are counted one after another (no lost updates). */
export async function lockedUser(tx: Tx, id: string): Promise<UserRow | null> {
  const [u] = await tx.select().from(users).where(eq(users.id, id)).for('update');
  return u ?? null;
}

/**
 * A sensitive change asks for the password again (two-factor set-up and turning it off, recovery codes, a new
 * password). The password is checked before the transaction (hashing is slow); here the row is locked, and the
 * check holds only if the hash is still the one it was checked against. A wrong password is counted. The locked
 * row, or the error to answer with.
 */
export async function reauthenticated(tx: Tx, user: UserRow, passwordOk: boolean, s: { userId: string; organisationId: string }, ip: string | null, field = 'password'): Promise<UserRow | AppError> {
  const fresh = await lockedUser(tx, user.id);
  if (!fresh) return new AppError(401, 'unauthenticated', 'session has ended');
  if (!passwordOk || fresh.passwordHash !== user.passwordHash) {
    await countPasswordFailure(tx, fresh, asUser(s, ip), 'auth.reauth_failed', true);
    return wrongPassword(field);
  }
  return fresh;
}

/**
 * One more wrong secret of one kind (password or two-factor code), counted on the account; reaching the
 * limit locks it for LOCK_MINUTES and resets that count. Returns whether it locked.
 */
export async function countFailure(tx: Tx, user: UserRow, counter: 'failedLogins' | 'totpFailures', limit: number): Promise<{ failures: number; lock: boolean }> {
  const failures = user[counter] + 1;
  const lock = failures >= limit;
  await tx.update(users).set({
    [counter]: lock ? 0 : failures,
    lockedUntil: lock ? new Date(Date.now() + LOCK_MINUTES * 60_000) : user.lockedUntil,
  }).where(eq(users.id, user.id));
  return { failures, lock };
}

/**
 * One more wrong password. At sign-in the user's open sessions are left alone (anyone knowing an email could
 * otherwise throw its owner out); when a signed-in session gets its own password wrong (re-confirmation),
 * the lock also ends every session: that session may be a stolen one.
 */
export async function countPasswordFailure(tx: Tx, user: UserRow, actor: AuditActor, action: string, endSessionsOnLock = false) {
  const { failures, lock } = await countFailure(tx, user, 'failedLogins', MAX_FAILURES);
  if (lock && endSessionsOnLock) await revokeUserSessions(tx, user.id);
  await appendAudit(tx, actor, { action: lock ? 'auth.account_locked' : action, entityType: 'user', entityId: user.id, details: { reason: 'bad_password', failures } });
}

/** A wrong second factor from a signed-in session: counted, and the lock ends every session of the user. */
export async function countCodeFailure(tx: Tx, user: UserRow, actor: AuditActor, action: string) {
  const { failures, lock } = await countFailure(tx, user, 'totpFailures', MAX_TOTP_FAILURES);
  if (lock) await revokeUserSessions(tx, user.id);
  await appendAudit(tx, actor, { action: lock ? 'auth.account_locked' : action, entityType: 'user', entityId: user.id, details: { reason: 'bad_totp_code', failures } });
}

export type SecondFactor = { method: 'totp'; step: number } | { method: 'recovery_code'; left: number };

/**
 * Checks a second factor for a user whose row the caller holds locked: a 6-digit code from the authenticator
 * (its time step not yet used) or an unused recovery code, which is then spent. Null when neither holds.
 * The caller records a TOTP step as used (`totpLastStep`) when it accepts the answer.
 */
export async function checkSecondFactor(tx: Tx, ctx: AppContext, user: UserRow, code: string): Promise<SecondFactor | null> {
  if (!user.totpEnabled) return null;
  if (/^\d{6}$/.test(code.trim())) {
    const secret = user.totpSecretEnc ? openPacked<string>(ctx.master, totpContext(user.id), user.totpSecretEnc) : null;
    const step = secret ? checkTotp(secret, code.trim(), user.totpLastStep) : null;
    return step === null ? null : { method: 'totp', step };
  }
  if (!isRecoveryCode(code) || !(await useRecoveryCode(tx, ctx.master, user.id, code))) return null;
  return { method: 'recovery_code', left: await recoveryCodesLeft(tx, user.id) };
}

/** What to write on the user once a second factor was accepted: the used step, and a fresh failure count. */
export const acceptedFactor = (f: SecondFactor) => (f.method === 'totp' ? { totpLastStep: f.step, totpFailures: 0 } : { totpFailures: 0 });
