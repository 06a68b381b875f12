/**
 * Server-side sessions. The browser holds a random 32-byte token in an httpOnly cookie; the database holds
 * only its SHA-256, with an idle expiry (extended on use) and an absolute expiry (never extended).
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, ne, or } from 'drizzle-orm';
import type { DbOrTx } from '../platform/db/database.ts';
import type { AppContext } from '../platform/context.ts';
import type { Authenticator, SessionView } from '../platform/http/guard.ts';
import type { SessionStage } from '../shared/auth.ts';
import type { Role } from '../shared/taxonomy.ts';
import { organisations, sessions, users } from './tables.ts';

export const SESSION_COOKIE = 'salama_session';
/**
 * Over TLS the cookie carries the __Host- prefix: browsers then accept it only if Secure, for path / and
 * without a Domain, so a sibling subdomain or a network attacker on plain HTTP cannot plant one.
 */
export const sessionCookieName = (secure: boolean) => (secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);
const TOUCH_AFTER_MS = 30_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest();

/** The guard's view of a session (defined by the platform, which sessions fill in). */
export type { SessionView };

/** How the guard resolves the session cookie (handed to the platform by the composition root). */
export function sessionAuthenticator(ctx: AppContext): Authenticator {
  return { cookieName: sessionCookieName, resolve: (token) => resolveSession(ctx.db, ctx, token) };
}

export async function createSession(tx: DbOrTx, ctx: AppContext, user: { id: string; organisationId: string }, stage: SessionStage, ip: string | null) {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  const [row] = await tx.insert(sessions).values({
    organisationId: user.organisationId, userId: user.id, tokenHash: hashToken(token),
    csrfToken: randomBytes(24).toString('base64url'), stage, ip,
    idleExpiresAt: new Date(now + ctx.sessionIdleMs), absoluteExpiresAt: new Date(now + ctx.sessionAbsoluteMs),
  }).returning({ id: sessions.id });
  return { token, id: row!.id };
}

/** Finds a live session for a token and slides its idle expiry. Disabled users have no live sessions. */
export async function resolveSession(db: DbOrTx, ctx: AppContext, token: string): Promise<SessionView | null> {
  const now = new Date();
  const [row] = await db.select({
    id: sessions.id, userId: sessions.userId, organisationId: sessions.organisationId, stage: sessions.stage,
    csrfToken: sessions.csrfToken, idleExpiresAt: sessions.idleExpiresAt, absoluteExpiresAt: sessions.absoluteExpiresAt,
    lastSeenAt: sessions.lastSeenAt, role: users.role, disabledAt: users.disabledAt,
    totpEnabled: users.totpEnabled, mustChangePassword: users.mustChangePassword, requireTotp: organisations.requireTotp,
  }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).innerJoin(organisations, eq(organisations.id, sessions.organisationId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.idleExpiresAt, now), gt(sessions.absoluteExpiresAt, now)))
    .limit(1);
  if (!row || row.disabledAt) return null;
  let idleExpiresAt = row.idleExpiresAt;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    idleExpiresAt = new Date(Math.min(now.getTime() + ctx.sessionIdleMs, row.absoluteExpiresAt.getTime()));
    await db.update(sessions).set({ lastSeenAt: now, idleExpiresAt }).where(eq(sessions.id, row.id));
  }
  // What the account owes now, whatever the session was given at sign-in: an organisation that made
  // two-factor mandatory after this sign-in (or an administrator's reset) sends an active session back to
  // enrolment before anything else is reachable.
  const stage = row.stage === 'active' ? stageAfterSecondFactor(row, row) : row.stage as SessionStage;
  return {
    id: row.id, userId: row.userId, organisationId: row.organisationId, role: row.role as Role, stage, csrfToken: row.csrfToken,
    idleExpiresAt, absoluteExpiresAt: row.absoluteExpiresAt,
  };
}

/**
 * Where a sign-in goes once the password (and the code, for users with two-factor) is right: replace a
 * password an administrator handed out, then enrol in two-factor when the organisation requires it.
 */
export function stageAfterSecondFactor(user: { mustChangePassword: boolean; totpEnabled: boolean }, org: { requireTotp: boolean }): SessionStage {
  if (user.mustChangePassword) return 'password_change_required';
  if (org.requireTotp && !user.totpEnabled) return 'totp_enrolment_required';
  return 'active';
}

export const revokeSession = (db: DbOrTx, id: string) => db.delete(sessions).where(eq(sessions.id, id));
export const revokeUserSessions = (db: DbOrTx, userId: string) => db.delete(sessions).where(eq(sessions.userId, userId));
/** Ends every session of the user except one (a password change keeps the session that made it). */
export async function revokeOtherSessions(db: DbOrTx, userId: string, keepId: string): Promise<number> {
  const gone = await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepId))).returning({ id: sessions.id });
  return gone.length;
}
/** Ends the user's half-signed-in sessions (waiting for a two-factor code or enrolment). */
export const revokePendingSessions = (db: DbOrTx, userId: string) => db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.stage, 'active')));

/**
 * Gives a session that just completed a sign-in step (two-factor, a password change, enrolment) its next
 * stage and a new token (and CSRF token): whatever saw the token of the
 * half-signed-in session cannot ride on the fully signed-in one.
 */
export async function promoteSession(db: DbOrTx, id: string, stage: SessionStage = 'active'): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.update(sessions).set({ stage, tokenHash: hashToken(token), csrfToken: randomBytes(24).toString('base64url') }).where(eq(sessions.id, id));
  return token;
}

export async function purgeExpiredSessions(db: DbOrTx): Promise<number> {
  const now = new Date();
  const gone = await db.delete(sessions).where(or(lt(sessions.idleExpiresAt, now), lt(sessions.absoluteExpiresAt, now))).returning({ id: sessions.id });
  return gone.length;
}

export async function organisationOf(db: DbOrTx, id: string) {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, id)).limit(1);
  return org ?? null;
}
