/** Organisations, users and sessions. Every organisation-scoped table carries organisation_id (sharding key). */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uuid, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea } from '../platform/db/column-types.ts';

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  requireTotp: boolean('require_totp').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  email: text('email').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull(),
  /** TOTP secret, envelope-encrypted with the master key (identifying: it is a credential). */
  totpSecretEnc: bytea('totp_secret_enc'),
  totpEnabled: boolean('totp_enabled').notNull().default(false),
  /** Wrong TOTP codes since the last right one, across sessions: only a right code resets it. */
  totpFailures: integer('totp_failures').notNull().default(0),
  /** Last accepted TOTP time step: a code is never accepted twice (replay). */
  totpLastStep: integer('totp_last_step'),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  /**
   * The password was handed out by an administrator (created or reset): shown once, it must be replaced at
   * the next sign-in before anything else is reachable.
   */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  /** When the password step last succeeded (administrators see it; restricted). */
  lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
  index('users_org_idx').on(t.organisationId),
]);

export const sessions = pgTable('sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  /** SHA-256 of the cookie token: a database reader cannot hijack a session. */
  tokenHash: bytea('token_hash').notNull().unique(),
  csrfToken: text('csrf_token').notNull(),
  stage: text('stage').notNull(),
  ip: text('ip'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  idleExpiresAt: timestamp('idle_expires_at', { withTimezone: true }).notNull(),
  absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull(),
}, (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expiry_idx').on(t.absoluteExpiresAt)]);

/**
 * One-time two-factor recovery codes, given once at enrolment (or regenerated with the password). Only an
 * HMAC of each code is stored, keyed from the master key (see docs/SECURITY.md); a used code keeps its row
 * with `used_at` so the count left can be shown.
 */
export const recoveryCodes = pgTable('recovery_codes', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id').notNull().references(() => organisations.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  codeHash: bytea('code_hash').notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('recovery_codes_user_hash_key').on(t.userId, t.codeHash)]);
