/**
 * Anchors the end of the audit chain. The keyed chain shows any change, removal in the middle or forged
 * entry, but someone able to delete rows (the tables' owner, a superuser) could cut entries off the end and
 * the shorter chain would still verify. A checkpoint (last entry's id and hash, time), authenticated with a
 * key derived from the master key, is written to two places: a file beside the master key (outside the
 * database) and the append-only `audit_checkpoints` table. The log must always reach the newest checkpoint
 * either place holds; a checkpoint never moves backwards (only a restore or an operator's explicit,
 * audited decision re-anchors); a missing file while the database holds checkpoints is a warning that
 * needs that decision, never re-anchored silently.
 *
 * The server writes one within a second of new entries (checkpointer.ts); `salama` commands after they
 * write. Copy the file (or the log lines naming each checkpoint) off the machine for an anchor beyond it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { MasterKey } from '../crypto/envelope.ts';
import { auditCheckpoints, auditLog } from './tables.ts';

export interface Checkpoint { id: number; hash: string; at: string }

const mac = (master: MasterKey, c: Checkpoint) =>
  createHmac('sha256', master.derive('audit-checkpoint')).update(`${c.id}\n${c.hash}\n${c.at}`).digest('hex');

const authentic = (master: MasterKey, c: Checkpoint, given: string) => {
  const expected = Buffer.from(mac(master, c));
  const g = Buffer.from(given);
  return expected.length === g.length && timingSafeEqual(expected, g);
};

type Stored = { state: 'absent' } | { state: 'forged' } | { state: 'ok'; checkpoint: Checkpoint };

function readFileCheckpoint(master: MasterKey, file: string): Stored {
  if (!existsSync(file)) return { state: 'absent' };
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint & { mac: unknown };
    const checkpoint: Checkpoint = { id: Number(saved.id), hash: String(saved.hash), at: String(saved.at) };
    return typeof saved.mac === 'string' && authentic(master, checkpoint, saved.mac) ? { state: 'ok', checkpoint } : { state: 'forged' };
  } catch {
    return { state: 'forged' };
  }
}

async function readDatabaseCheckpoint(db: Db, master: MasterKey): Promise<Stored> {
  // The newest written, not the highest entry: a re-anchor (after a restore) legitimately points lower.
  const [row] = await db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.id)).limit(1);
  if (!row) return { state: 'absent' };
  const checkpoint: Checkpoint = { id: row.entryId, hash: row.hash, at: row.at };
  return authentic(master, checkpoint, row.mac) ? { state: 'ok', checkpoint } : { state: 'forged' };
}

export type CheckpointReport =
  /** Nothing anchored yet, in the file or the database: a new installation (or both removed: see SECURITY.md). */
  | { status: 'none' }
  | { status: 'reached'; checkpoint: Checkpoint }
  /** A checkpoint that was not made with this master key (edited, inserted, or another installation's). */
  | { status: 'forged'; where: 'file' | 'database' }
  | { status: 'cut'; checkpoint: Checkpoint; reason: string }
  /** The database's checkpoints are reached but the file outside it is gone: an operator must decide (re-anchor). */
  | { status: 'file_missing'; checkpoint: Checkpoint };

async function reaches(db: Db, c: Checkpoint): Promise<string | null> {
  const [row] = await db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.id, c.id)).limit(1);
  if (!row) return `entry ${c.id}, present at ${c.at}, is missing: entries were removed from the end of the log`;
  if (row.hash !== c.hash) return `entry ${c.id} differs from the one recorded at ${c.at}: the end of the log was rewritten`;
  return null;
}

/** Checks that the log still reaches every checkpoint held (the newest of the file's and the database's). */
export async function checkCheckpoint(db: Db, master: MasterKey, file: string): Promise<CheckpointReport> {
  const inFile = readFileCheckpoint(master, file);
  if (inFile.state === 'forged') return { status: 'forged', where: 'file' };
  const inDb = await readDatabaseCheckpoint(db, master);
  if (inDb.state === 'forged') return { status: 'forged', where: 'database' };
  const held = [inFile, inDb].flatMap((s) => (s.state === 'ok' ? [s.checkpoint] : [])).sort((a, b) => b.id - a.id);
  for (const c of held) {
    const reason = await reaches(db, c);
    if (reason) return { status: 'cut', checkpoint: c, reason };
  }
  const newest = held[0];
  if (!newest) return { status: 'none' };
  if (inFile.state === 'absent') return { status: 'file_missing', checkpoint: newest };
  return { status: 'reached', checkpoint: newest };
}

export interface CheckpointWrite {
  /** The checkpoint written, or null when there was nothing new to anchor or writing was refused. */
  written: Checkpoint | null;
  /** What was found before writing (a refusal when not 'none' or 'reached'). */
  found: CheckpointReport;
}

/**
 * Moves the anchor forward to the end of the log: never backwards, never over a cut or forged checkpoint,
 * and never recreates a missing file (it keeps anchoring in the database meanwhile). `reanchor` is the
 * operator's explicit decision (a restore, or `salama audit verify --reanchor`): anchor the log as it is.
 */
export async function writeCheckpoint(db: Db, master: MasterKey, file: string, opts: { reanchor?: boolean } = {}): Promise<CheckpointWrite> {
  const found = await checkCheckpoint(db, master, file);
  const [last] = await db.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const refused = found.status === 'cut' || found.status === 'forged';
  if (!last || (refused && !opts.reanchor)) return { written: null, found };
  const anchored = found.status === 'reached' || found.status === 'file_missing' ? found.checkpoint : null;
  if (anchored && last.id <= anchored.id && !opts.reanchor) return { written: null, found };
  const checkpoint: Checkpoint = { id: last.id, hash: last.hash, at: new Date().toISOString() };
  const tag = mac(master, checkpoint);
  await db.insert(auditCheckpoints).values({ entryId: checkpoint.id, hash: checkpoint.hash, at: checkpoint.at, mac: tag });
  if (found.status !== 'file_missing' || opts.reanchor) {
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify({ ...checkpoint, mac: tag }) + '\n', { mode: 0o600 });
    renameSync(tmp, file);
  }
  return { written: checkpoint, found };
}
