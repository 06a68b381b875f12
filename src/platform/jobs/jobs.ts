/**
 * Background jobs on pg-boss (in PostgreSQL: no other service to run). Long or periodic work runs here,
 * never inside a request. The platform's own job takes the scheduled backup (daily by default; the audit
 * chain is anchored by platform/audit/checkpointer.ts, every second, not by a job); everything else
 * is declared by the capabilities (src/<capability>/capability.ts) and handed in by the composition root.
 */
import PgBoss from 'pg-boss';
import type { AppContext } from '../context.ts';
import type { Capability, JobDefinition } from '../capability.ts';
import type { Logger } from '../log/logger.ts';
import { recordAudit } from '../audit/audit.ts';
import { useAuditKey } from '../audit/key.ts';
import type { BackupSchedule } from '../config.ts';
import { runScheduledBackup } from '../db/scheduled-backup.ts';

export const SCHEDULED_BACKUP = 'backup.scheduled';

/** The platform's own: where the audit checkpoint goes (for the verification job), and the backups (or none). */
export interface PlatformJobs { checkpointFile: string; backup: BackupSchedule | null }

function scheduledBackupJob(url: string, backup: BackupSchedule): JobDefinition<Record<string, never>> {
  return {
    queue: SCHEDULED_BACKUP,
    schedule: backup.schedule,
    work: async (ctx, _data, log) => {
      const status = await runScheduledBackup(ctx.db.$client, url, backup.dir, backup.keep);
      await recordAudit(ctx.db, { userId: null, kind: 'system', organisationId: null }, { action: 'system.backup', details: { scheduled: true, ok: status.ok, file: status.file, kept: status.kept.length } });
      if (status.ok) log.info({ file: status.file, bytes: status.bytes, kept: status.kept.length }, 'scheduled backup written');
      else log.error({ error: status.error }, 'scheduled backup failed');
    },
  };
}

/**
 * Lets each capability put right what a stop or a crash left half-done, then starts pg-boss with a worker
 * for every job the capabilities declare, schedules the periodic ones and makes `ctx.jobs` the way
 * requests hand work over. A failed run is logged by queue, job id and error class (never its data) and is
 * not retried blindly: imports and scans record why they failed, and the user reruns them.
 */
export async function startJobs(ctx: AppContext, url: string, log: Logger, platform: PlatformJobs, capabilities: readonly Capability[]): Promise<PgBoss> {
  useAuditKey(ctx.master);
  for (const c of capabilities) {
    const putRight = await c.atStart?.(ctx);
    if (putRight) log.warn({ capability: c.name, putRight }, 'at start: interrupted work marked, older data brought forward');
  }
  const jobs = capabilities.flatMap((c) => c.jobs);
  const boss = new PgBoss({ connectionString: url, application_name: 'salama-jobs', max: 3 });
  boss.on('error', (err: Error) => log.error({ errName: err.name }, 'job system error'));
  await boss.start();
  const all: readonly JobDefinition<never>[] = [
    ...(platform.backup ? [scheduledBackupJob(url, platform.backup)] : []), ...jobs,
  ];
  const queues = new Set<string>();
  for (const def of all) {
    if (queues.has(def.queue)) throw new Error(`job queue ${def.queue} is declared twice`);
    queues.add(def.queue);
    await boss.createQueue(def.queue, { name: def.queue, retryLimit: 0 });
    // Work sent on demand (an import, a scan) is picked up within half a second, one job at a time.
    const options = def.schedule ? { batchSize: 1 } : { batchSize: 1, pollingIntervalSeconds: 0.5 };
    await boss.work<object>(def.queue, options, async ([j]) => {
      if (!j) return;
      await def.work(ctx, j.data as never, log).catch((e: Error) => log.error({ errName: e.name, queue: def.queue, jobId: j.id }, 'job failed'));
    });
    if (def.schedule) await boss.schedule(def.queue, def.schedule);
  }
  ctx.jobs = { send: (queue, data) => boss.send(queue, data) };
  ctx.auditCheckpointFile = platform.checkpointFile;
  if (platform.backup) ctx.backupDir = platform.backup.dir;
  return boss;
}
