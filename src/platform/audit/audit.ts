/**
 * Append-only audit log with a keyed hash chain. Each entry's hash is an HMAC (key derived from the master
 * key, see key.ts) over its content and the previous entry's hash, so changing or removing any entry breaks
 * every later link, and appending one that verifies needs the master key. Entries written before the chain
 * was keyed (`alg` 'sha256') still verify with plain SHA-256, but only as the chain's beginning: after the
 * first keyed entry an unkeyed one is a forgery (the database also refuses to store one: migration 0020).
 * Entries are appended inside the same transaction as the change they describe: no change without its
 * entry, no entry for a change rolled back. An advisory lock orders appenders so the chain has no forks.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { asc, desc, gt } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.ts';
import type { MasterKey } from '../crypto/envelope.ts';
import { auditKey, deriveAuditKey } from './key.ts';
import { auditLog } from './tables.ts';

export const GENESIS_HASH = '0'.repeat(64);
/** How an entry's hash was made: keyed (every entry written by this version) or plain (older entries). */
export const KEYED = 'hmac-sha256';
export const UNKEYED = 'sha256';
export type AuditAlg = typeof KEYED | typeof UNKEYED;

export type ActorKind = 'user' | 'cli' | 'system' | 'anonymous';
export interface AuditActor { userId: string | null; kind: ActorKind; organisationId: string | null; ip?: string | null }
/** The audit actor of a signed-in user (structural: any actor with a user and an organisation). */
export const auditActor = (a: { userId: string; organisationId: string }, ip: string | null): AuditActor => ({ userId: a.userId, kind: 'user', organisationId: a.organisationId, ip });
export interface AuditEvent {
  action: string;
  entityType?: string;
  entityId?: string;
  /** Field names, counts, outcomes. Never sensitive values: callers pass names, not contents. */
  details?: Record<string, unknown>;
  /** Defaults to the actor's organisation. */
  organisationId?: string | null;
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

interface HashedFields {
  id: number; organisationId: string | null; at: Date; actorUserId: string | null; actorKind: string; action: string;
  entityType: string | null; entityId: string | null; ip: string | null; details: Record<string, unknown>; prevHash: string;
}

/** The hash of an entry: HMAC-SHA256 under the audit key when `key` is given, plain SHA-256 otherwise. */
export function entryHash(e: HashedFields, key: Buffer | null): string {
  const body = canonical({
    id: e.id, organisationId: e.organisationId, at: e.at.toISOString(), actorUserId: e.actorUserId, actorKind: e.actorKind,
    action: e.action, entityType: e.entityType, entityId: e.entityId, ip: e.ip, details: e.details,
  });
  const h = key ? createHmac('sha256', key) : createHash('sha256');
  return h.update(e.prevHash).update('\n').update(body).digest('hex');
}

/**
 * Appends inside the caller's transaction (typed so that only a transaction is accepted: on a bare pool the
 * advisory lock would be released after the first statement and concurrent appenders would fork the chain).
 */
export async function appendAudit(tx: Tx, actor: AuditActor, event: AuditEvent): Promise<void> {
  const key = auditKey();
  await tx.execute("SELECT pg_advisory_xact_lock(hashtext('salama:audit'))");
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const idRow = await tx.execute<{ id: string }>("SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::text AS id");
  const fields: HashedFields = {
    id: Number(idRow.rows[0]!.id),
    organisationId: event.organisationId !== undefined ? event.organisationId : actor.organisationId,
    at: new Date(),
    actorUserId: actor.userId,
    actorKind: actor.kind,
    action: event.action,
    entityType: event.entityType ?? null,
    entityId: event.entityId ?? null,
    ip: actor.ip ?? null,
    details: event.details ?? {},
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx.insert(auditLog).values({ ...fields, alg: KEYED, hash: entryHash(fields, key) });
}

/** For an event that is not part of a larger change (a read, a denied attempt, a backup): its own transaction. */
export function recordAudit(db: Db, actor: AuditActor, event: AuditEvent): Promise<void> {
  return db.transaction((tx) => appendAudit(tx, actor, event));
}

export type ChainReport =
  | { ok: true; entries: number }
  | { ok: false; entries: number; firstBrokenId: number; reason: string };

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Recomputes the whole chain in id order, in batches, with the audit key of `master`, and reports the first
 * entry that does not hold: a broken link, an altered entry, an entry made without the key (forged by
 * someone who could write to the table but does not hold the master key), or an unkeyed entry after keyed
 * ones.
 */
export async function verifyAuditChain(db: Db, master: MasterKey, batch = 5000): Promise<ChainReport> {
  const key = deriveAuditKey(master);
  let prev = GENESIS_HASH;
  let lastId = 0;
  let entries = 0;
  let keyedSeen = false;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(batch);
    if (rows.length === 0) return { ok: true, entries };
    for (const row of rows) {
      entries++;
      const broken = (reason: string): ChainReport => ({ ok: false, entries, firstBrokenId: row.id, reason });
      if (row.prevHash !== prev) return broken('link to the previous entry is broken (an entry was removed, inserted or reordered)');
      if (row.alg === KEYED) keyedSeen = true;
      else if (row.alg !== UNKEYED || keyedSeen) return broken('the entry was not made with the audit key (written into the table by someone without the master key)');
      if (!sameHex(entryHash(row, row.alg === KEYED ? key : null), row.hash)) {
        return broken(row.alg === KEYED
          ? 'content does not match its keyed hash (the entry was altered, or added by someone without the master key)'
          : 'content does not match its hash (the entry was altered)');
      }
      prev = row.hash;
      lastId = row.id;
    }
  }
}
