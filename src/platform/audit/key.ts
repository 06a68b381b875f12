/**
 * The audit chain's key: an HMAC key derived from the master key (`master.derive('audit-chain')`), so that
 * whoever can only write to the database (an INSERT-only role, an injected statement, a stolen database
 * password) cannot append an entry that verifies. It lives in this process's memory only, never in the
 * database or a backup.
 *
 * One process holds one master key, so the key is registered once where the master key is loaded (the
 * CLI's context, the server's start, the app builder, the test context) instead of being threaded through
 * the seventy places that append an entry inside their own transaction. Appending without a registered key
 * throws: an unkeyed entry is never written.
 */
import type { MasterKey } from '../crypto/envelope.ts';

export class AuditKeyMissingError extends Error {
  constructor() { super('the audit chain key is not loaded: load the master key (useAuditKey) before writing audit entries'); }
}

let current: { master: MasterKey; key: Buffer } | null = null;

export const deriveAuditKey = (master: MasterKey): Buffer => master.derive('audit-chain');

/** Makes `master`'s audit key the one new entries are written with (idempotent for the same key). */
export function useAuditKey(master: MasterKey): void {
  if (current?.master === master) return;
  current = { master, key: deriveAuditKey(master) };
}

export function auditKey(): Buffer {
  if (!current) throw new AuditKeyMissingError();
  return current.key;
}
