/** Organisations and user accounts: the operations the CLI and the administrators' screen perform. */
import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../platform/db/database.ts';
import { appendAudit, type AuditActor } from '../platform/audit/audit.ts';
import { AppError, badRequest } from '../platform/http/errors.ts';
import { ORG_KINDS, ROLES, type Role } from '../shared/taxonomy.ts';
import { generatePassword, hashPassword, passwordProblem } from './passwords.ts';
import { deleteRecoveryCodes } from './recovery.ts';
import { revokeUserSessions } from './sessions.ts';
import { organisations, sessions, users } from './tables.ts';

export const CLI_ACTOR: AuditActor = { userId: null, kind: 'cli', organisationId: null, ip: null };

export async function findOrganisation(db: Db, code: string) {
  const [org] = await db.select().from(organisations).where(eq(organisations.code, code)).limit(1);
  return org ?? null;
}

export async function ensureOrganisation(db: Db, input: { code: string; name: string; kind: string; requireTotp?: boolean }, actor = CLI_ACTOR) {
  if (!/^[A-Z0-9][A-Z0-9-]{1,19}$/.test(input.code)) throw new AppError(400, 'validation_failed', 'organisation code: must be 2-20 capital letters, digits or dashes (e.g. MINUSCA-WPA)');
  if (!(ORG_KINDS as readonly string[]).includes(input.kind)) throw new AppError(400, 'validation_failed', `organisation kind: must be one of ${ORG_KINDS.join(', ')}`);
  const existing = await findOrganisation(db, input.code);
  if (existing) return existing;
  return db.transaction(async (tx) => {
    const [org] = await tx.insert(organisations).values({ code: input.code, name: input.name, kind: input.kind, requireTotp: input.requireTotp ?? false }).returning();
    await appendAudit(tx, actor, { action: 'organisation.create', entityType: 'organisation', entityId: org!.id, organisationId: org!.id });
    return org!;
  });
}

/** Makes two-factor mandatory (or optional again) for every user of an organisation, from their next sign-in. */
export async function setRequireTotp(db: Db, code: string, required: boolean, actor = CLI_ACTOR) {
  const org = await findOrganisation(db, code);
  if (!org) throw new AppError(404, 'not_found', `organisation: no organisation with code ${code}`);
  await db.transaction(async (tx) => {
    await tx.update(organisations).set({ requireTotp: required }).where(eq(organisations.id, org.id));
    await appendAudit(tx, actor, { action: 'organisation.require_totp', entityType: 'organisation', entityId: org.id, organisationId: org.id, details: { required } });
  });
}

export async function findUserByEmail(db: Db, email: string) {
  const [u] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`).limit(1);
  return u ?? null;
}

function checkEmail(email: string) {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) throw badRequest('email', 'not_email', 'must be an email address');
}

type UserRow = typeof users.$inferSelect;
const emailTaken = () => new AppError(409, 'email_taken', 'email: a user with this email already exists', [{ field: 'email', code: 'email_taken' }]);

/**
 * The account operations, each in the caller's transaction with its audit entry: the CLI (by email) and the
 * administrators' screen (identity/accounts.ts, by id, after its own checks) share them.
 */
export async function insertUser(tx: Tx, org: { id: string }, input: { email: string; role: Role; passwordHash: string; mustChangePassword: boolean }, actor: AuditActor): Promise<UserRow> {
  const [u] = await tx.insert(users).values({ organisationId: org.id, email: input.email.toLowerCase(), role: input.role, passwordHash: input.passwordHash, mustChangePassword: input.mustChangePassword })
    .onConflictDoNothing().returning();
  if (!u) throw emailTaken();
  await appendAudit(tx, actor, { action: 'user.create', entityType: 'user', entityId: u.id, organisationId: org.id, details: { role: input.role, oneTimePassword: input.mustChangePassword } });
  return u;
}

/** Sets a new password hash, clears the lockout and ends every session of the user. */
export async function setPasswordOf(tx: Tx, user: UserRow, passwordHash: string, mustChangePassword: boolean, actor: AuditActor): Promise<void> {
  await tx.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null, passwordChangedAt: new Date(), mustChangePassword }).where(eq(users.id, user.id));
  const ended = await revokeUserSessions(tx, user.id).returning({ id: sessions.id });
  await appendAudit(tx, actor, { action: 'user.reset_password', entityType: 'user', entityId: user.id, organisationId: user.organisationId, details: { oneTimePassword: mustChangePassword, sessionsEnded: ended.length } });
}

export async function setDisabledOf(tx: Tx, user: UserRow, disabled: boolean, actor: AuditActor): Promise<void> {
  await tx.update(users).set({ disabledAt: disabled ? new Date() : null }).where(eq(users.id, user.id));
  const ended = disabled ? (await revokeUserSessions(tx, user.id).returning({ id: sessions.id })).length : 0;
  await appendAudit(tx, actor, { action: disabled ? 'user.disable' : 'user.enable', entityType: 'user', entityId: user.id, organisationId: user.organisationId, ...(disabled ? { details: { sessionsEnded: ended } } : {}) });
}

/** Removes two-factor (secret, recovery codes, counters) and ends every session: the next sign-in enrols again. */
export async function resetTwoFactorOf(tx: Tx, user: UserRow, actor: AuditActor): Promise<void> {
  await tx.update(users).set({ totpEnabled: false, totpSecretEnc: null, totpLastStep: null, totpFailures: 0 }).where(eq(users.id, user.id));
  await deleteRecoveryCodes(tx, user.id);
  const ended = await revokeUserSessions(tx, user.id).returning({ id: sessions.id });
  await appendAudit(tx, actor, { action: 'user.reset_totp', entityType: 'user', entityId: user.id, organisationId: user.organisationId, details: { wasEnabled: user.totpEnabled, sessionsEnded: ended.length } });
}

/** Creates a user; returns the password when it was generated (to be shown once). */
export async function createUser(db: Db, input: { organisationCode: string; email: string; role: string; password?: string }, actor = CLI_ACTOR) {
  checkEmail(input.email);
  if (!(ROLES as readonly string[]).includes(input.role)) throw new AppError(400, 'validation_failed', `role: must be one of ${ROLES.join(', ')}`);
  const org = await findOrganisation(db, input.organisationCode);
  if (!org) throw new AppError(404, 'not_found', `organisation: no organisation with code ${input.organisationCode}`);
  if (await findUserByEmail(db, input.email)) throw emailTaken();
  const password = input.password ?? generatePassword();
  const problem = passwordProblem(password);
  if (problem) throw badRequest('password', problem.code, problem.message, problem.params);
  const passwordHash = await hashPassword(password);
  const user = await db.transaction((tx) => insertUser(tx, org, { email: input.email, role: input.role as Role, passwordHash, mustChangePassword: false }, actor));
  return { user, generatedPassword: input.password ? null : password };
}

/** Members of one organisation, for assignment and account management; never another organisation's. */
export async function listMembers(db: Db, organisationId: string) {
  const rows = await db.select({ id: users.id, email: users.email, role: users.role, disabledAt: users.disabledAt })
    .from(users).where(eq(users.organisationId, organisationId)).orderBy(users.email);
  return rows.map((u) => ({ id: u.id, email: u.email, role: u.role as Role, disabled: u.disabledAt !== null }));
}

async function requireUser(db: Db, email: string) {
  const u = await findUserByEmail(db, email);
  if (!u) throw new AppError(404, 'not_found', `email: no user with email ${email}`);
  return u;
}

/** Sets a new password, clears lockout and ends every session of the user. */
export async function resetPassword(db: Db, email: string, password: string | undefined, actor = CLI_ACTOR) {
  const u = await requireUser(db, email);
  const next = password ?? generatePassword();
  const problem = passwordProblem(next);
  if (problem) throw badRequest('password', problem.code, problem.message, problem.params);
  const passwordHash = await hashPassword(next);
  await db.transaction((tx) => setPasswordOf(tx, u, passwordHash, false, actor));
  return { generatedPassword: password ? null : next };
}

export async function disableUser(db: Db, email: string, actor = CLI_ACTOR) {
  const u = await requireUser(db, email);
  await db.transaction((tx) => setDisabledOf(tx, u, true, actor));
}

export async function enableUser(db: Db, email: string, actor = CLI_ACTOR) {
  const u = await requireUser(db, email);
  await db.transaction((tx) => setDisabledOf(tx, u, false, actor));
}

/** The way back in for someone who lost their authenticator and recovery codes (an administrator included). */
export async function resetTwoFactor(db: Db, email: string, actor = CLI_ACTOR) {
  const u = await requireUser(db, email);
  await db.transaction((tx) => resetTwoFactorOf(tx, u, actor));
}
