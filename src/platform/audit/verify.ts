/**
 * The whole verification `salama audit verify` performs, for the CLI and the background job alike: recompute
 * the keyed hash chain, then check that the log still reaches the newest checkpoint held (file and
 * database); when both hold, move the checkpoint forward to the end of the log.
 */
import type { Db } from '../db/database.ts';
import type { MasterKey } from '../crypto/envelope.ts';
import { verifyAuditChain, type ChainReport } from './audit.ts';
import { checkCheckpoint, writeCheckpoint, type CheckpointReport } from './checkpoint.ts';

export interface AuditLogReport {
  chain: ChainReport;
  /** Null when the chain itself is broken (the checkpoint is not consulted then). */
  checkpoint: CheckpointReport | null;
  /** The chain holds and reaches its checkpoint (or none was ever written). A missing file is not ok: it needs a decision. */
  ok: boolean;
}

export async function verifyAuditLog(db: Db, master: MasterKey, checkpointFile: string): Promise<AuditLogReport> {
  const chain = await verifyAuditChain(db, master);
  if (!chain.ok) return { chain, checkpoint: null, ok: false };
  const checkpoint = await checkCheckpoint(db, master, checkpointFile);
  const ok = checkpoint.status === 'none' || checkpoint.status === 'reached';
  if (ok) await writeCheckpoint(db, master, checkpointFile);
  return { chain, checkpoint, ok };
}

/** One plain sentence for a checkpoint that does not hold (null when it does). */
export function checkpointProblem(c: CheckpointReport | null): string | null {
  switch (c?.status) {
    case undefined: case 'none': case 'reached': return null;
    case 'cut': return c.reason;
    case 'forged': return c.where === 'file'
      ? 'the checkpoint file is not authentic: it was altered or made with another master key'
      : 'a checkpoint in the database is not authentic: it was inserted by someone without the master key';
    case 'file_missing': return `the checkpoint file is missing; the database's checkpoint of ${c.checkpoint.at} (entry ${c.checkpoint.id}) is reached: if the file was removed knowingly, re-anchor with "salama audit verify --reanchor"`;
  }
}
