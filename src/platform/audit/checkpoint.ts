/**
 * Anchors the audit chain outside the database. The hash chain shows any change to an entry or any removal
 * in the middle, but someone able to disable the table's triggers could cut entries off the end, and the
 * shorter chain would still verify. A checkpoint (last id, its hash, count, time) is written to a file
 * beside the master key, authenticated with a key derived from the master key; `salama audit verify`
 * checks that the log still reaches it. Written by a background job every ten minutes and after each
 * successful verification. Copy the file off the machine now and then for an anchor outside it too.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { MasterKey } from '../crypto/envelope.ts';
import { auditLog } from './tables.ts';

export interface Checkpoint { id: number; hash: string; at: string }

const mac = (master: MasterKey, c: Checkpoint) =>
  createHmac('sha256', master.derive('audit-checkpoint')).update(`${c.id}\n${c.hash}\n${c.at}`).digest('hex');

export async function writeCheckpoint(db: Db, master: MasterKey, file: string): Promise<Checkpoint | null> {
  const [last] = await db.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  if (!last) return null;
  const checkpoint: Checkpoint = { id: last.id, hash: last.hash, at: new Date().toISOString() };
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify({ ...checkpoint, mac: mac(master, checkpoint) }) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
  return checkpoint;
}

export type CheckpointReport =
  | { status: 'none' }
  | { status: 'reached'; checkpoint: Checkpoint }
  | { status: 'forged' }
  | { status: 'cut'; checkpoint: Checkpoint; reason: string };

export async function checkCheckpoint(db: Db, master: MasterKey, file: string): Promise<CheckpointReport> {
  if (!existsSync(file)) return { status: 'none' };
  let saved: Checkpoint & { mac: string };
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint & { mac: string };
  } catch {
    return { status: 'forged' };
  }
  const checkpoint: Checkpoint = { id: Number(saved.id), hash: String(saved.hash), at: String(saved.at) };
  const expected = Buffer.from(mac(master, checkpoint));
  const given = Buffer.from(String(saved.mac ?? ''));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { status: 'forged' };
  const [row] = await db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.id, checkpoint.id)).limit(1);
  if (!row) return { status: 'cut', checkpoint, reason: `entry ${checkpoint.id}, present at ${checkpoint.at}, is missing: entries were removed from the end of the log` };
  if (row.hash !== checkpoint.hash) return { status: 'cut', checkpoint, reason: `entry ${checkpoint.id} differs from the one recorded at ${checkpoint.at}: the end of the log was rewritten` };
  return { status: 'reached', checkpoint };
}
