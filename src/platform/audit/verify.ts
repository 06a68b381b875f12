/**
 * The whole verification `salama audit verify` performs, for the CLI and the background job alike: recompute
 * the hash chain, then check that the log still reaches the checkpoint kept outside the database; when both
 * hold, move the checkpoint forward to the end of the log.
 */
import type { Db } from '../db/database.ts';
import type { MasterKey } from '../crypto/envelope.ts';
import { verifyAuditChain, type ChainReport } from './audit.ts';
import { checkCheckpoint, writeCheckpoint, type CheckpointReport } from './checkpoint.ts';

export interface AuditLogReport {
  chain: ChainReport;
  /** Null when the chain itself is broken (the checkpoint is not consulted then). */
  checkpoint: CheckpointReport | null;
  ok: boolean;
}

export async function verifyAuditLog(db: Db, master: MasterKey, checkpointFile: string): Promise<AuditLogReport> {
  const chain = await verifyAuditChain(db);
  if (!chain.ok) return { chain, checkpoint: null, ok: false };
  const checkpoint = await checkCheckpoint(db, master, checkpointFile);
  const ok = checkpoint.status === 'none' || checkpoint.status === 'reached';
  if (ok) await writeCheckpoint(db, master, checkpointFile);
  return { chain, checkpoint, ok };
}
