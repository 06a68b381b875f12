/**
 * Keeps the audit checkpoint (checkpoint.ts) at the end of the log while the server runs: every second it
 * looks at the newest entry (one indexed read) and, when entries were added, writes a checkpoint. Entries
 * are anchored within about a second of their commit, whichever process wrote them; that second is the
 * window in which the end of the log could be cut unseen (docs/SECURITY.md). A refusal (the log no longer
 * reaches its checkpoint, a forged checkpoint, a missing file) is logged once per kind, not every second,
 * and the anchor is not moved until an operator decides.
 */
import { desc } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { MasterKey } from '../crypto/envelope.ts';
import type { Logger } from '../log/logger.ts';
import { auditLog } from './tables.ts';
import { writeCheckpoint } from './checkpoint.ts';
import { checkpointProblem } from './verify.ts';

export interface Checkpointer {
  /** Anchors whatever is new now (at shutdown, or in tests). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

const INFO_EVERY_MS = 60_000;

export function startCheckpointer(db: Db, master: MasterKey, file: string, log: Logger, everyMs = 1000): Checkpointer {
  let lastSeen = -1;
  let reported: string | null = null;
  let lastInfo = 0;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    const [last] = await db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    if (!last || last.id === lastSeen) return;
    const { written, found } = await writeCheckpoint(db, master, file);
    const problem = checkpointProblem(found);
    if (problem && problem !== reported) log.error({ checkpoint: found.status }, `audit checkpoint not moved: ${problem}`);
    reported = problem;
    lastSeen = last.id;
    if (written && Date.now() - lastInfo >= INFO_EVERY_MS) {
      // The log line is an anchor outside the machine too, wherever logs are shipped.
      lastInfo = Date.now();
      log.info({ auditEntry: written.id, auditHash: written.hash }, 'audit checkpoint written');
    }
  };
  const run = () => {
    running = running.then(tick).catch((e: Error) => { log.warn({ errName: e.name }, 'audit checkpoint could not be written this time'); });
    return running;
  };
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return {
    flush: run,
    async stop() { clearInterval(timer); await running; },
  };
}
