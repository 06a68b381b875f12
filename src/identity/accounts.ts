/**
 * Account administration for an organisation's administrators: list the members with their state, create an
 * account with a one-time password, change a role, disable and enable, hand out a new one-time password,
 * reset two-factor, end sessions. Only accounts of the administrator's own organisation (another's answer
 * 404); the organisation always keeps an enabled administrator, and no administrator disables themselves.
 * The changes are users.ts's operations (shared with the CLI), each audited in its transaction; the
 * organisation's row is locked first so two administrators cannot demote each other at the same moment.
 */
import { and, asc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { Tx } from '../platform/db/database.ts';
import { appendAudit, auditActor } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import type { Actor } from '../policy/policy.ts';
import type { Account, AccountPatch } from '../shared/accounts.ts';
import type { Role } from '../shared/taxonomy.ts';
import { generatePassword, hashPassword } from './passwords.ts';
import { revokeUserSessions } from './sessions.ts';
import { organisations, recoveryCodes, sessions, users } from './tables.ts';
import { insertUser, resetTwoFactorOf, setDisabledOf, setPasswordOf } from './users.ts';

type UserRow = typeof users.$inferSelect;

/** Spelled out: in a one-table select Drizzle leaves columns unqualified, and "id" would name the subquery's own. */
const USER_ID = sql.raw('"users"."id"');

function accountsQuery(ctx: AppContext, organisationId: string) {
  const now = new Date();
  return ctx.db.select({
    id: users.id, email: users.email, role: users.role, disabledAt: users.disabledAt, lockedUntil: users.lockedUntil,
    totpEnabled: users.totpEnabled, mustChangePassword: users.mustChangePassword, lastSignInAt: users.lastSignInAt, createdAt: users.createdAt,
    recoveryCodesLeft: sql<number>`(SELECT count(*)::int FROM ${recoveryCodes} WHERE ${recoveryCodes.userId} = ${USER_ID} AND ${recoveryCodes.usedAt} IS NULL)`,
    sessions: sql<number>`(SELECT count(*)::int FROM ${sessions} WHERE ${sessions.userId} = ${USER_ID} AND ${sessions.idleExpiresAt} > ${now} AND ${sessions.absoluteExpiresAt} > ${now})`,
  }).from(users).where(eq(users.organisationId, organisationId)).$dynamic();
}

type AccountRow = Awaited<ReturnType<typeof accountsQuery>>[number];

const present = (u: AccountRow): Account => ({
  id: u.id, email: u.email, role: u.role as Role,
  status: u.disabledAt ? 'disabled' : u.lockedUntil && u.lockedUntil > new Date() ? 'locked' : 'active',
  lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
  totpEnabled: u.totpEnabled, recoveryCodesLeft: u.totpEnabled ? u.recoveryCodesLeft : 0, mustChangePassword: u.mustChangePassword,
  lastSignInAt: u.lastSignInAt?.toISOString() ?? null, sessions: u.sessions, createdAt: u.createdAt.toISOString(),
});

/** Every account of the actor's organisation (tens of people: no paging), by email. */
export async function listAccounts(ctx: AppContext, actor: Actor): Promise<Account[]> {
  const rows = await accountsQuery(ctx, actor.organisationId).orderBy(asc(sql`lower(${users.email})`));
  return rows.map(present);
}

async function accountOf(ctx: AppContext, actor: Actor, id: string): Promise<Account> {
  const [row] = await accountsQuery(ctx, actor.organisationId).where(and(eq(users.organisationId, actor.organisationId), eq(users.id, id)));
  if (!row) throw notFound('account');
  return present(row);
}

/** Locks the organisation (administrator changes one at a time), then the account, which must be in it. */
async function lockTarget(tx: Tx, actor: Actor, id: string): Promise<UserRow> {
  await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, actor.organisationId)).for('update');
  const [u] = await tx.select().from(users).where(and(eq(users.id, id), eq(users.organisationId, actor.organisationId))).for('update');
  if (!u) throw notFound('account');
  return u;
}

/** Refuses a change that would leave the organisation without an enabled administrator. */
async function keepAnAdministrator(tx: Tx, target: UserRow, losesAdmin: boolean) {
  if (!losesAdmin || target.role !== 'admin' || target.disabledAt) return;
  const [other] = await tx.select({ id: users.id }).from(users)
    .where(and(eq(users.organisationId, target.organisationId), eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, target.id))).limit(1);
  if (!other) throw new AppError(409, 'last_admin', 'this is the organisation\'s last enabled administrator: make another account administrator first');
}

function notOnSelf(actor: Actor, target: UserRow, what: string) {
  if (target.id === actor.userId) throw new AppError(409, 'own_account', `you cannot ${what} your own account here: use your account page (or ask another administrator)`);
}

/** Creates an account with a generated password, shown once; it must be replaced at the first sign-in. */
export async function createAccount(ctx: AppContext, actor: Actor, input: { email: string; role: Role }, ip: string | null) {
  const oneTimePassword = generatePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const user = await ctx.db.transaction((tx) => insertUser(tx, { id: actor.organisationId }, { email: input.email, role: input.role, passwordHash, mustChangePassword: true }, auditActor(actor, ip)));
  return { account: await accountOf(ctx, actor, user.id), oneTimePassword };
}

/** A new role, or disabled / enabled; a change to what the account already is does nothing and is not audited. */
export async function updateAccount(ctx: AppContext, actor: Actor, id: string, patch: AccountPatch, ip: string | null): Promise<Account> {
  await ctx.db.transaction(async (tx) => {
    const target = await lockTarget(tx, actor, id);
    if (patch.role !== undefined && patch.role !== target.role) {
      await keepAnAdministrator(tx, target, patch.role !== 'admin');
      await tx.update(users).set({ role: patch.role }).where(eq(users.id, target.id));
      await appendAudit(tx, auditActor(actor, ip), { action: 'user.role_change', entityType: 'user', entityId: target.id, details: { from: target.role, to: patch.role } });
    }
    if (patch.disabled !== undefined && patch.disabled !== (target.disabledAt !== null)) {
      if (patch.disabled) {
        if (target.id === actor.userId) throw new AppError(409, 'own_account', 'you cannot disable your own account');
        await keepAnAdministrator(tx, target, true);
      }
      await setDisabledOf(tx, target, patch.disabled, auditActor(actor, ip));
    }
  });
  return accountOf(ctx, actor, id);
}

/** A new generated password (shown once, to be replaced at the next sign-in); clears a lock, ends sessions. */
export async function issuePassword(ctx: AppContext, actor: Actor, id: string, ip: string | null) {
  const oneTimePassword = generatePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await ctx.db.transaction(async (tx) => {
    const target = await lockTarget(tx, actor, id);
    notOnSelf(actor, target, 'reset the password of');
    await setPasswordOf(tx, target, passwordHash, true, auditActor(actor, ip));
  });
  return { account: await accountOf(ctx, actor, id), oneTimePassword };
}

/** Removes the account's two-factor (lost device): the next sign-in enrols again where it is required. */
export async function resetAccountTwoFactor(ctx: AppContext, actor: Actor, id: string, ip: string | null): Promise<Account> {
  await ctx.db.transaction(async (tx) => {
    const target = await lockTarget(tx, actor, id);
    notOnSelf(actor, target, 'reset two-factor authentication of');
    await resetTwoFactorOf(tx, target, auditActor(actor, ip));
  });
  return accountOf(ctx, actor, id);
}

/** Ends every session of the account (a lost laptop, a shared tablet): it signs in again. */
export async function endAccountSessions(ctx: AppContext, actor: Actor, id: string, ip: string | null): Promise<Account> {
  await ctx.db.transaction(async (tx) => {
    const target = await lockTarget(tx, actor, id);
    const live = await tx.select({ id: sessions.id }).from(sessions).where(and(eq(sessions.userId, target.id), gt(sessions.absoluteExpiresAt, new Date())));
    await revokeUserSessions(tx, target.id);
    await appendAudit(tx, auditActor(actor, ip), { action: 'user.end_sessions', entityType: 'user', entityId: target.id, details: { sessions: live.length } });
  });
  return accountOf(ctx, actor, id);
}
