/**
 * Changing one's own password: the current one, then a new one under the password rule (passwords.ts). Every
 * other session of the user ends; this one continues under a new token. A password an administrator handed
 * out (`must_change_password`) is replaced this way at the next sign-in, before anything else is reachable.
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import { AppError, badRequest } from '../platform/http/errors.ts';
import { appendAudit } from '../platform/audit/audit.ts';
import { asUser, reauthenticated, userRow } from './credentials.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { organisationOf, promoteSession, revokeOtherSessions, stageAfterSecondFactor, type SessionView } from './sessions.ts';
import { users } from './tables.ts';

/** Returns the session's new token. */
export async function changePassword(ctx: AppContext, s: SessionView, current: string, next: string, ip: string | null): Promise<string> {
  const problem = passwordProblem(next);
  if (problem) throw badRequest('newPassword', problem.code, problem.message, problem.params);
  if (next === current) throw badRequest('newPassword', 'password_unchanged', 'must differ from the current password');
  const user = await userRow(ctx, s.userId);
  const [ok, nextHash] = await Promise.all([verifyPassword(user.passwordHash, current), hashPassword(next)]);
  const outcome = await ctx.db.transaction(async (tx): Promise<AppError | string> => {
    const fresh = await reauthenticated(tx, user, ok, s, ip, 'currentPassword');
    if (fresh instanceof AppError) return fresh;
    await tx.update(users).set({ passwordHash: nextHash, passwordChangedAt: new Date(), mustChangePassword: false, failedLogins: 0 }).where(eq(users.id, fresh.id));
    const ended = await revokeOtherSessions(tx, fresh.id, s.id);
    const org = await organisationOf(tx, fresh.organisationId);
    // A session that was held back for this change moves on (to enrolment when the organisation requires it).
    const stage = s.stage === 'password_change_required'
      ? stageAfterSecondFactor({ mustChangePassword: false, totpEnabled: fresh.totpEnabled }, { requireTotp: org?.requireTotp ?? false })
      : s.stage;
    const token = await promoteSession(tx, s.id, stage);
    await appendAudit(tx, asUser(s, ip), { action: 'user.password_changed', entityType: 'user', entityId: fresh.id, details: { otherSessionsEnded: ended, required: fresh.mustChangePassword } });
    return token;
  });
  if (outcome instanceof AppError) throw outcome;
  return outcome;
}
