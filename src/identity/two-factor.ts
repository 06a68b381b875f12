/**
 * Two-factor authentication on one's own account: enrolment (the password asked again, the secret shown
 * once with its QR code, confirmed by a first code, then ten one-time recovery codes shown once), new
 * recovery codes (with the password), and turning it off (the password and a current code or a recovery
 * code; refused when the organisation requires two-factor). Every change is audited in its transaction.
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/http/errors.ts';
import { appendAudit } from '../platform/audit/audit.ts';
import { openPacked, sealPacked } from '../platform/crypto/envelope.ts';
import { asUser, checkSecondFactor, countCodeFailure, lockedUser, reauthenticated, totpContext, userRow, wrongCode } from './credentials.ts';
import { verifyPassword } from './passwords.ts';
import { deleteRecoveryCodes, replaceRecoveryCodes } from './recovery.ts';
import { organisationOf, promoteSession, type SessionView } from './sessions.ts';
import { checkTotp, newTotpSecret, totpQrCode, totpUrl } from './totp.ts';
import { users } from './tables.ts';

/**
 * Starts enrolment: stores a new (not yet enabled) secret and returns it once for the authenticator app,
 * with its otpauth:// address and that address as a QR code. The password is asked again, so a stolen
 * session cookie cannot bind the thief's authenticator.
 */
export async function setupTotp(ctx: AppContext, s: SessionView, password: string, ip: string | null) {
  const user = await userRow(ctx, s.userId);
  if (user.totpEnabled) throw new AppError(409, 'totp_already_enabled', 'two-factor authentication is already enabled');
  const ok = await verifyPassword(user.passwordHash, password);
  const secret = newTotpSecret();
  const outcome = await ctx.db.transaction(async (tx): Promise<AppError | null> => {
    const fresh = await reauthenticated(tx, user, ok, s, ip);
    if (fresh instanceof AppError) return fresh;
    await tx.update(users).set({ totpSecretEnc: sealPacked(ctx.master, totpContext(user.id), secret), totpEnabled: false }).where(eq(users.id, user.id));
    await appendAudit(tx, asUser(s, ip), { action: 'auth.totp_setup_started', entityType: 'user', entityId: user.id });
    return null;
  });
  if (outcome) throw outcome;
  const otpauthUrl = totpUrl(secret, user.email);
  return { secret, otpauthUrl, qrCode: await totpQrCode(otpauthUrl) };
}

/**
 * Finishes enrolment with a first code and issues the recovery codes (returned once). A session that had to
 * enrol moves on under a new token (returned), else the token is null.
 */
export async function enableTotp(ctx: AppContext, s: SessionView, code: string, ip: string | null): Promise<{ token: string | null; recoveryCodes: string[] }> {
  const outcome = await ctx.db.transaction(async (tx): Promise<AppError | { token: string | null; recoveryCodes: string[] }> => {
    const user = await lockedUser(tx, s.userId);
    if (!user) return new AppError(401, 'unauthenticated', 'session has ended');
    if (user.totpEnabled) return new AppError(409, 'totp_already_enabled', 'two-factor authentication is already enabled');
    if (!user.totpSecretEnc) return new AppError(409, 'totp_not_set_up', 'start two-factor set-up first');
    const secret = openPacked<string>(ctx.master, totpContext(user.id), user.totpSecretEnc);
    const step = checkTotp(secret, code, null);
    if (step === null) return new AppError(403, 'invalid_code', 'code: not correct (check the time on your device)', [{ field: 'code', code: 'wrong_code' }]);
    await tx.update(users).set({ totpEnabled: true, totpLastStep: step, totpFailures: 0 }).where(eq(users.id, user.id));
    const recoveryCodes = await replaceRecoveryCodes(tx, ctx.master, user);
    const token = s.stage === 'totp_enrolment_required' ? await promoteSession(tx, s.id) : null;
    await appendAudit(tx, asUser(s, ip), { action: 'auth.totp_enabled', entityType: 'user', entityId: user.id, details: { recoveryCodes: recoveryCodes.length } });
    return { token, recoveryCodes };
  });
  if (outcome instanceof AppError) throw outcome;
  return outcome;
}

/** A new set of recovery codes (the old ones, used or not, stop working); the password is asked again. */
export async function regenerateRecoveryCodes(ctx: AppContext, s: SessionView, password: string, ip: string | null): Promise<string[]> {
  const user = await userRow(ctx, s.userId);
  if (!user.totpEnabled) throw new AppError(409, 'totp_not_enabled', 'two-factor authentication is not enabled');
  const ok = await verifyPassword(user.passwordHash, password);
  const outcome = await ctx.db.transaction(async (tx): Promise<AppError | string[]> => {
    const fresh = await reauthenticated(tx, user, ok, s, ip);
    if (fresh instanceof AppError) return fresh;
    const codes = await replaceRecoveryCodes(tx, ctx.master, fresh);
    await appendAudit(tx, asUser(s, ip), { action: 'auth.recovery_codes_replaced', entityType: 'user', entityId: user.id, details: { recoveryCodes: codes.length } });
    return codes;
  });
  if (outcome instanceof AppError) throw outcome;
  return outcome;
}

/**
 * Turns two-factor off: the password and a current code (or an unused recovery code). Refused while the
 * organisation requires two-factor. Wrong passwords and wrong codes count towards the account's lock, which
 * then ends every session (the session asking may be a stolen one).
 */
export async function disableTotp(ctx: AppContext, s: SessionView, password: string, code: string, ip: string | null): Promise<void> {
  const user = await userRow(ctx, s.userId);
  const org = await organisationOf(ctx.db, user.organisationId);
  if (org?.requireTotp) throw new AppError(409, 'totp_required_by_organisation', 'your organisation requires two-factor authentication: it cannot be turned off');
  if (!user.totpEnabled) throw new AppError(409, 'totp_not_enabled', 'two-factor authentication is not enabled');
  const ok = await verifyPassword(user.passwordHash, password);
  const outcome = await ctx.db.transaction(async (tx): Promise<AppError | null> => {
    const fresh = await reauthenticated(tx, user, ok, s, ip);
    if (fresh instanceof AppError) return fresh;
    const factor = await checkSecondFactor(tx, ctx, fresh, code);
    if (!factor) {
      await countCodeFailure(tx, fresh, asUser(s, ip), 'auth.totp_failed');
      return wrongCode();
    }
    await tx.update(users).set({ totpEnabled: false, totpSecretEnc: null, totpLastStep: null, totpFailures: 0 }).where(eq(users.id, fresh.id));
    await deleteRecoveryCodes(tx, fresh.id);
    await appendAudit(tx, asUser(s, ip), { action: 'auth.totp_disabled', entityType: 'user', entityId: fresh.id, details: { method: factor.method } });
    return null;
  });
  if (outcome) throw outcome;
}
