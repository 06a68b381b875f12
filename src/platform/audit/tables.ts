/** The append-only, hash-chained audit log (UPDATE, DELETE and TRUNCATE are refused by triggers). */
import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
  hash: text('hash').notNull(),
}, (t) => [index('audit_org_at_idx').on(t.organisationId, t.at), index('audit_entity_idx').on(t.entityType, t.entityId)]);
