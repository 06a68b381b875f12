/**
 * Login, two-factor and logout. Failed logins count per account: after MAX_FAILURES the account is locked
 * for LOCK_MINUTES (per-IP request limits sit in front, in the HTTP layer). Every outcome is audited
 * without the password or code.
 */
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { Tx } from '../platform/db/database.ts';
import { AppError } from '../platform/http/errors.ts';
import { appendAudit, type AuditActor } from '../platform/audit/audit.ts';
import { openPacked, sealPacked } from '../platform/crypto/envelope.ts';
import type { Me, SessionStage } from '../shared/auth.ts';
import type { Role } from '../shared/taxonomy.ts';
import { verifyPassword } from './passwords.ts';
import { createSession, organisationOf, promoteSession, revokePendingSessions, revokeSession, revokeUserSessions, type SessionView } from './sessions.ts';
import { checkTotp, newTotpSecret, totpUrl } from './totp.ts';
import { users } from './tables.ts';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
const MAX_TOTP_FAILURES = 5;

const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'email or password is not correct');
const totpContext = (userId: string) => `user-totp:${userId}`;

const anonymous = (ip: string | null): AuditActor => ({ userId: null, kind: 'anonymous', organisationId: null, ip });
const asUser = (s: { userId: string; organisationId: string }, ip: string | null): AuditActor =>
  ({ userId: s.userId, kind: 'user', organisationId: s.organisationId, ip });

type UserRow = typeof users.$inferSelect;

/**
 * One more wrong secret of one kind (password or two-factor code), counted on the account; reaching the
 * limit locks it for LOCK_MINUTES and resets that count. Returns whether it locked.
 */
async function countFailure(tx: Tx, user: UserRow, counter: 'failedLogins' | 'totpFailures', limit: number): Promise<{ failures: number; lock: boolean }> {
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
async function countPasswordFailure(tx: Tx, user: UserRow, actor: AuditActor, action: string, endSessionsOnLock = false) {
  const { failures, lock } = await countFailure(tx, user, 'failedLogins', MAX_FAILURES);
  if (lock && endSessionsOnLock) await revokeUserSessions(tx, user.id);
  await appendAudit(tx, actor, { action: lock ? 'auth.account_locked' : action, entityType: 'user', entityId: user.id, details: { reason: 'bad_password', failures } });
}

export async function login(ctx: AppContext, email: string, password: string, ip: string | null): Promise<{ token: string; sessionId: string }> {
  const [found] = await ctx.db.select({ id: users.id, passwordHash: users.passwordHash }).from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`).limit(1);
  const passwordOk = await verifyPassword(found?.passwordHash ?? null, password);
  // A refusal is returned from the transaction and thrown after it commits: thrown inside, it would roll back
  // the failure count, the lock and the audit entry (the lockout would never engage and failures go unaudited).
  const outcome = await ctx.db.transaction(async (tx): Promise<AppError | { token: string; sessionId: string }> => {
    if (!found) {
      await appendAudit(tx, anonymous(ip), { action: 'auth.login_failed', details: { reason: 'unknown_account' } });
      return invalidCredentials();
    }
    // Re-read under a row lock so concurrent attempts are counted one after another (no lost updates that
    // would let parallel guesses stay under MAX_FAILURES).
    const [user] = await tx.select().from(users).where(eq(users.id, found.id)).for('update');
    if (!user) {
      await appendAudit(tx, anonymous(ip), { action: 'auth.login_failed', details: { reason: 'unknown_account' } });
      return invalidCredentials();
    }
    // The hash checked must still be the stored one (a password reset may have happened meanwhile).
    const ok = passwordOk && user.passwordHash === found.passwordHash;
    const actor: AuditActor = { userId: user.id, kind: 'user', organisationId: user.organisationId, ip };
    if (user.disabledAt) {
      await appendAudit(tx, actor, { action: 'auth.login_failed', entityType: 'user', entityId: user.id, details: { reason: 'disabled' } });
      return invalidCredentials();
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      await appendAudit(tx, actor, { action: 'auth.login_failed', entityType: 'user', entityId: user.id, details: { reason: 'locked' } });
      return new AppError(423, 'account_locked', `too many failed attempts: try again after ${user.lockedUntil.toISOString()}`);
    }
    if (!ok) {
      await countPasswordFailure(tx, user, actor, 'auth.login_failed');
      return invalidCredentials();
    }
    const org = await organisationOf(tx, user.organisationId);
    const stage: SessionStage = user.totpEnabled ? 'totp_required' : org?.requireTotp ? 'totp_enrolment_required' : 'active';
    // The password was right: its own failure count restarts (the two-factor count does not).
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    // At most one half-signed-in session per user: a password cannot open many doors to guess codes behind.
    if (stage !== 'active') await revokePendingSessions(tx, user.id);
    const session = await createSession(tx, ctx, user, stage, ip);
    await appendAudit(tx, actor, { action: 'auth.login', entityType: 'session', entityId: session.id, details: { stage } });
    return { token: session.token, sessionId: session.id };
  });
  if (outcome instanceof AppError) throw outcome;
  return outcome;
}

async function userRow(ctx: AppContext, id: string) {
  const [u] = await ctx.db.select().from(users).where(eq(users.id, id)).limit(1);
  if (!u) throw new AppError(401, 'unauthenticated', 'session has ended');
  return u;
}

/**
 * Second step of login: a TOTP code turns a `totp_required` session into an active one, under a new token.
 * Wrong codes are counted per account (not per session, not reset by the password step): after
 * MAX_TOTP_FAILURES the account locks and every half-signed-in session of the user ends, so signing in again
 * buys no fresh guesses. A locked or disabled account cannot finish two-factor, even with the right code.
 */
export async function verifyTotp(ctx: AppContext, s: SessionView, code: string, ip: string | null): Promise<string> {
  if (s.stage !== 'totp_required') throw new AppError(409, 'wrong_stage', 'this session is not waiting for a two-factor code');
  const user = await userRow(ctx, s.userId);
  const outcome = await ctx.db.transaction(async (tx): Promise<AppError | string> => {
    const [fresh] = await tx.select().from(users).where(eq(users.id, user.id)).for('update');
    if (!fresh || fresh.disabledAt) {
      await revokeSession(tx, s.id);
      return new AppError(401, 'unauthenticated', 'session has ended');
    }
    if (fresh.lockedUntil && fresh.lockedUntil > new Date()) {
      await appendAudit(tx, asUser(s, ip), { action: 'auth.totp_failed', entityType: 'session', entityId: s.id, details: { reason: 'locked' } });
      return new AppError(423, 'account_locked', `too many failed attempts: try again after ${fresh.lockedUntil.toISOString()}`);
    }
    const secret = fresh.totpSecretEnc ? openPacked<string>(ctx.master, totpContext(fresh.id), fresh.totpSecretEnc) : null;
    // The row lock orders concurrent attempts, so a code's time step is claimed once (no replay).
    const step = secret ? checkTotp(secret, code, fresh.totpLastStep) : null;
    if (step === null) {
      const { failures, lock } = await countFailure(tx, fresh, 'totpFailures', MAX_TOTP_FAILURES);
      if (lock) await revokePendingSessions(tx, fresh.id);
      await appendAudit(tx, asUser(s, ip), { action: lock ? 'auth.account_locked' : 'auth.totp_failed', entityType: 'session', entityId: s.id, details: { failures, reason: 'bad_totp_code' } });
      return new AppError(401, 'invalid_code', 'the code is not correct or was already used');
    }
    await tx.update(users).set({ totpLastStep: step, totpFailures: 0 }).where(eq(users.id, fresh.id));
    const token = await promoteSession(tx, s.id);
    await appendAudit(tx, asUser(s, ip), { action: 'auth.totp_verified', entityType: 'session', entityId: s.id });
    return token;
  });
  if (outcome instanceof AppError) throw outcome;
  return outcome;
}

/** Starts enrolment: stores a new (not yet enabled) secret and returns it once for the authenticator app. */
/**
 * Starts enrolment: stores a new (not yet enabled) secret and returns it once for the authenticator app.
 * The password is asked again, so a stolen session cookie cannot bind the thief's authenticator.
 */
export async function setupTotp(ctx: AppContext, s: SessionView, password: string, ip: string | null) {
  const user = await userRow(ctx, s.userId);
  if (user.totpEnabled) throw new AppError(409, 'totp_already_enabled', 'two-factor authentication is already enabled');
  const ok = await verifyPassword(user.passwordHash, password);
  const secret = newTotpSecret();
  const outcome = await ctx.db.transaction(async (tx): Promise<AppError | null> => {
    const [fresh] = await tx.select().from(users).where(eq(users.id, user.id)).for('update');
    if (!fresh) return new AppError(401, 'unauthenticated', 'session has ended');
    if (!ok || fresh.passwordHash !== user.passwordHash) {
      await countPasswordFailure(tx, fresh, asUser(s, ip), 'auth.reauth_failed', true);
      return new AppError(401, 'invalid_password', 'password: not correct');
    }
    await tx.update(users).set({ totpSecretEnc: sealPacked(ctx.master, totpContext(user.id), secret), totpEnabled: false }).where(eq(users.id, user.id));
    await appendAudit(tx, asUser(s, ip), { action: 'auth.totp_setup_started', entityType: 'user', entityId: user.id });
    return null;
  });
  if (outcome) throw outcome;
  return { secret, otpauthUrl: totpUrl(secret, user.email) };
}

/** Finishes enrolment. A session that had to enrol becomes active under a new token (returned), else null. */
export async function enableTotp(ctx: AppContext, s: SessionView, code: string, ip: string | null): Promise<string | null> {
  const user = await userRow(ctx, s.userId);
  if (user.totpEnabled) throw new AppError(409, 'totp_already_enabled', 'two-factor authentication is already enabled');
  if (!user.totpSecretEnc) throw new AppError(409, 'totp_not_set_up', 'start two-factor set-up first');
  const secret = openPacked<string>(ctx.master, totpContext(user.id), user.totpSecretEnc);
  const step = checkTotp(secret, code, null);
  if (step === null) throw new AppError(401, 'invalid_code', 'the code is not correct: check the time on your device');
  return ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabled: true, totpLastStep: step }).where(eq(users.id, user.id));
    const token = s.stage === 'totp_enrolment_required' ? await promoteSession(tx, s.id) : null;
    await appendAudit(tx, asUser(s, ip), { action: 'auth.totp_enabled', entityType: 'user', entityId: user.id });
    return token;
  });
}

export async function logout(ctx: AppContext, s: SessionView, everywhere: boolean, ip: string | null): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    if (everywhere) await revokeUserSessions(tx, s.userId);
    else await revokeSession(tx, s.id);
    await appendAudit(tx, asUser(s, ip), { action: everywhere ? 'auth.logout_everywhere' : 'auth.logout', entityType: 'session', entityId: s.id });
  });
}

export async function describeSession(ctx: AppContext, s: SessionView): Promise<Me> {
  const user = await userRow(ctx, s.userId);
  const org = await organisationOf(ctx.db, s.organisationId);
  if (!org) throw new AppError(401, 'unauthenticated', 'session has ended');
  return {
    stage: s.stage,
    csrfToken: s.csrfToken,
    user: { id: user.id, email: user.email, role: user.role as Role, totpEnabled: user.totpEnabled },
    organisation: { id: org.id, code: org.code, name: org.name, requireTotp: org.requireTotp },
    session: { idleExpiresAt: s.idleExpiresAt.toISOString(), absoluteExpiresAt: s.absoluteExpiresAt.toISOString() },
  };
}
