/** What services need from the platform; built once at start-up (server, CLI, tests) and passed down. */
import type { Db } from './db/database.ts';
import type { MasterKey } from './crypto/envelope.ts';

/** Where long work is handed over (pg-boss in the server; absent in one-shot commands). */
export interface JobQueue { send(queue: string, data: Record<string, unknown>): Promise<string | null> }

export interface AppContext {
  db: Db;
  /** Set once the job system runs; requests that start long work answer 503 without it. */
  jobs?: JobQueue;
  master: MasterKey;
  /** Where the audit chain's checkpoint is kept (set with the job system; absent in tests without it). */
  auditCheckpointFile?: string;
  /** Where scheduled backups and their last result go (set with the job system when backups are scheduled). */
  backupDir?: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
}
