/**
 * Sign-in (password, then the second factor), sign-out and who-am-I. Failed sign-ins count per account:
 * after MAX_FAILURES the account is locked for LOCK_MINUTES (per-IP failure limits sit in front, in the HTTP
 * layer). Every outcome is audited without the password or code. Two-factor enrolment and the account's own
 * forms are in two-factor.ts and password-change.ts; what they share is in credentials.ts.
 */
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/http/errors.ts';
import { appendAudit, type AuditActor } from '../platform/audit/audit.ts';
import type { Me, SessionStage } from '../shared/auth.ts';
import type { Role } from '../shared/taxonomy.ts';
import { acceptedFactor, anonymous, asUser, checkSecondFactor, countFailure, countPasswordFailure, lockedUser, MAX_TOTP_FAILURES, userRow } from './credentials.ts';
import { verifyPassword } from './passwords.ts';
import { recoveryCodesLeft } from './recovery.ts';
import { createSession, organisationOf, promoteSession, revokePendingSessions, revokeSession, revokeUserSessions, stageAfterSecondFactor, type SessionView } from './sessions.ts';
import { users } from './tables.ts';

export { LOCK_MINUTES, MAX_FAILURES } from './credentials.ts';

const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'email or password is not correct');

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
    const user = await lockedUser(tx, found.id);
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
    const stage: SessionStage = user.totpEnabled ? 'totp_required' : stageAfterSecondFactor(user, { requireTotp: org?.requireTotp ?? false });
    // The password was right: its own failure count restarts (the two-factor count does not).
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastSignInAt: new Date() }).where(eq(users.id, user.id));
    // At most one half-signed-in session per user: a password cannot open many doors to guess codes behind.
    if (stage !== 'active') await revokePendingSessions(tx, user.id);
    const session = await createSession(tx, ctx, user, stage, ip);
    await appendAudit(tx, actor, { action: 'auth.login', entityType: 'session', entityId: session.id, details: { stage } });
    return { token: session.token, sessionId: session.id };
  });
  if (outcome instanceof AppError) throw outcome;
  return outcome;
}

/**
 * Second step of login: a TOTP code, or one of the user's one-time recovery codes, moves a `totp_required`
 * session on (to work, or to a password change an administrator asked for), under a new token. Wrong codes
 * are counted per account (not per session, not reset by the password step): after MAX_TOTP_FAILURES the
 * account locks and every half-signed-in session of the user ends, so signing in again buys no fresh
 * guesses. A locked or disabled account cannot finish two-factor, even with the right code.
 */
export async function verifyTotp(ctx: AppContext, s: SessionView, code: string, ip: string | null): Promise<string> {
  if (s.stage !== 'totp_required') throw new AppError(409, 'wrong_stage', 'this session is not waiting for a two-factor code');
  const outcome = await ctx.db.transaction(async (tx): Promise<AppError | string> => {
    const fresh = await lockedUser(tx, s.userId);
    if (!fresh || fresh.disabledAt) {
      await revokeSession(tx, s.id);
      return new AppError(401, 'unauthenticated', 'session has ended');
    }
    if (fresh.lockedUntil && fresh.lockedUntil > new Date()) {
      await appendAudit(tx, asUser(s, ip), { action: 'auth.totp_failed', entityType: 'session', entityId: s.id, details: { reason: 'locked' } });
      return new AppError(423, 'account_locked', `too many failed attempts: try again after ${fresh.lockedUntil.toISOString()}`);
    }
    // The row lock orders concurrent attempts, so a code's time step (or a recovery code) is claimed once.
    const factor = await checkSecondFactor(tx, ctx, fresh, code);
    if (!factor) {
      const { failures, lock } = await countFailure(tx, fresh, 'totpFailures', MAX_TOTP_FAILURES);
      if (lock) await revokePendingSessions(tx, fresh.id);
      await appendAudit(tx, asUser(s, ip), { action: lock ? 'auth.account_locked' : 'auth.totp_failed', entityType: 'session', entityId: s.id, details: { failures, reason: 'bad_totp_code' } });
      return new AppError(401, 'invalid_code', 'the code is not correct or was already used');
    }
    await tx.update(users).set(acceptedFactor(factor)).where(eq(users.id, fresh.id));
    const org = await organisationOf(tx, fresh.organisationId);
    const token = await promoteSession(tx, s.id, stageAfterSecondFactor(fresh, { requireTotp: org?.requireTotp ?? false }));
    await appendAudit(tx, asUser(s, ip), {
      action: 'auth.totp_verified', entityType: 'session', entityId: s.id,
      details: factor.method === 'recovery_code' ? { method: 'recovery_code', recoveryCodesLeft: factor.left } : { method: 'totp' },
    });
    return token;
  });
  if (outcome instanceof AppError) throw outcome;
  return outcome;
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
    user: { id: user.id, email: user.email, role: user.role as Role, totpEnabled: user.totpEnabled, recoveryCodesLeft: user.totpEnabled ? await recoveryCodesLeft(ctx.db, user.id) : 0 },
    organisation: { id: org.id, code: org.code, name: org.name, requireTotp: org.requireTotp },
    session: { idleExpiresAt: s.idleExpiresAt.toISOString(), absoluteExpiresAt: s.absoluteExpiresAt.toISOString() },
  };
}
