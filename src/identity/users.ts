/** Organisations and user accounts: the operations the CLI (and later an admin screen) performs. */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import { appendAudit, type AuditActor } from '../platform/audit/audit.ts';
import { AppError } from '../platform/http/errors.ts';
import { ORG_KINDS, ROLES, type Role } from '../shared/taxonomy.ts';
import { generatePassword, hashPassword, passwordProblem } from './passwords.ts';
import { revokeUserSessions } from './sessions.ts';
import { organisations, users } from './tables.ts';

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
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) throw new AppError(400, 'validation_failed', 'email: must be an email address');
}

/** Creates a user; returns the password when it was generated (to be shown once). */
export async function createUser(db: Db, input: { organisationCode: string; email: string; role: string; password?: string }, actor = CLI_ACTOR) {
  checkEmail(input.email);
  if (!(ROLES as readonly string[]).includes(input.role)) throw new AppError(400, 'validation_failed', `role: must be one of ${ROLES.join(', ')}`);
  const org = await findOrganisation(db, input.organisationCode);
  if (!org) throw new AppError(404, 'not_found', `organisation: no organisation with code ${input.organisationCode}`);
  if (await findUserByEmail(db, input.email)) throw new AppError(409, 'email_taken', 'email: a user with this email already exists');
  const password = input.password ?? generatePassword();
  const problem = passwordProblem(password);
  if (problem) throw new AppError(400, 'validation_failed', `password: ${problem}`);
  const passwordHash = await hashPassword(password);
  const user = await db.transaction(async (tx) => {
    const [u] = await tx.insert(users).values({ organisationId: org.id, email: input.email.toLowerCase(), role: input.role as Role, passwordHash }).returning();
    await appendAudit(tx, actor, { action: 'user.create', entityType: 'user', entityId: u!.id, organisationId: org.id, details: { role: input.role } });
    return u!;
  });
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
  if (problem) throw new AppError(400, 'validation_failed', `password: ${problem}`);
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null, passwordChangedAt: new Date() }).where(eq(users.id, u.id));
    await revokeUserSessions(tx, u.id);
    await appendAudit(tx, actor, { action: 'user.reset_password', entityType: 'user', entityId: u.id, organisationId: u.organisationId });
  });
  return { generatedPassword: password ? null : next };
}

export async function disableUser(db: Db, email: string, actor = CLI_ACTOR) {
  const u = await requireUser(db, email);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ disabledAt: new Date() }).where(eq(users.id, u.id));
    await revokeUserSessions(tx, u.id);
    await appendAudit(tx, actor, { action: 'user.disable', entityType: 'user', entityId: u.id, organisationId: u.organisationId });
  });
}
