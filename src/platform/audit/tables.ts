/** The append-only, hash-chained audit log (UPDATE, DELETE and TRUNCATE are refused by triggers). */
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  organisationId: uuid('organisation_id'),
  at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
  actorUserId: uuid('actor_user_id'),
  /** For CLI and system actions: 'cli', 'system'. */
  actorKind: text('actor_kind').notNull(),
  action: text('action').notNull(),
  entityType: text('entity_type'),
  entityId: text('entity_id'),
  ip: text('ip'),
  /** Names of fields, counts, outcomes: never the sensitive values themselves. */
  details: jsonb('details').notNull().$type<Record<string, unknown>>(),
  prevHash: text('prev_hash').notNull(),
  /** 'hmac-sha256' (keyed with the master key's audit key; the only kind accepted since 0020) or 'sha256' (older entries). */
  alg: text('alg').notNull(),
  hash: text('hash').notNull(),
}, (t) => [
  index('audit_org_at_idx').on(t.organisationId, t.at),
  index('audit_entity_idx').on(t.entityType, t.entityId),
  // The administrators' audit view pages one organisation's entries newest first, by id.
  index('audit_org_id_idx').on(t.organisationId, t.id),
]);

/**
 * Runs of the chain verification (`salama audit verify`'s computation) requested from the web app and run as
 * a job: the whole chain is read, which is too long for a request. Server-wide, like the chain itself; the
 * requesting user and organisation are kept. Restricted: outcome and counts, never entry contents.
 */
export const auditVerifications = pgTable('audit_verifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id'),
  requestedBy: uuid('requested_by'),
  /** queued, running, done, failed (failed: the run itself stopped; `ok` says whether the chain holds). */
  state: text('state').notNull(),
  ok: boolean('ok'),
  entries: integer('entries'),
  firstBrokenId: bigint('first_broken_id', { mode: 'number' }),
  reason: text('reason'),
  /** none, reached, forged, cut: the checkpoint outside the database (platform/audit/checkpoint.ts). */
  checkpoint: text('checkpoint'),
  checkpointAt: text('checkpoint_at'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  startedAt: timestamp('started_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
}, (t) => [index('audit_verifications_created_idx').on(t.createdAt)]);

/**
 * Every checkpoint ever written (checkpoint.ts), kept in the database beside the file outside it: the newest
 * one either holds is what the log must still reach, so deleting the file (or putting an older copy back)
 * does not re-anchor a shortened log, and cutting the log needs both the database and the data directory.
 * Append-only like the log (triggers); each row carries its HMAC, so a row inserted without the master key
 * is seen as forged.
 */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  entryId: bigint('entry_id', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  at: text('at').notNull(),
  mac: text('mac').notNull(),
}, (t) => [index('audit_checkpoints_entry_idx').on(t.entryId)]);
