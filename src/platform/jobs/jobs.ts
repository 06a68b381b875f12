/**
 * Background jobs on pg-boss (in PostgreSQL: no other service to run). Long or periodic work runs here,
 * never inside a request. Today, every ten minutes: purging expired sessions and stale drafts, and anchoring the audit chain.
 */
import PgBoss from 'pg-boss';
import type { AppContext } from '../context.ts';
import type { Logger } from '../log/logger.ts';
import { purgeExpiredSessions } from '../../identity/sessions.ts';
import { purgeStaleDrafts } from '../../drafts/service.ts';
import { writeCheckpoint } from '../audit/checkpoint.ts';

export const PURGE_SESSIONS = 'sessions.purge';
export const AUDIT_CHECKPOINT = 'audit.checkpoint';

export async function startJobs(ctx: AppContext, url: string, log: Logger, checkpointFile: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, application_name: 'salama-jobs', max: 3 });
  // A job failure is logged by name only; job data never carries sensitive values.
  boss.on('error', (err: Error) => log.error({ errName: err.name }, 'job system error'));
  await boss.start();
  await boss.createQueue(PURGE_SESSIONS);
  await boss.work(PURGE_SESSIONS, async () => {
    const purged = await purgeExpiredSessions(ctx.db);
    const drafts = await purgeStaleDrafts(ctx.db);
    log.info({ purged, drafts }, 'expired sessions and stale drafts purged');
  });
  await boss.schedule(PURGE_SESSIONS, '*/10 * * * *');
  await boss.createQueue(AUDIT_CHECKPOINT);
  await boss.work(AUDIT_CHECKPOINT, async () => {
    const written = await writeCheckpoint(ctx.db, ctx.master, checkpointFile);
    log.info({ auditEntry: written?.id }, 'audit checkpoint written');
  });
  await boss.schedule(AUDIT_CHECKPOINT, '*/10 * * * *');
  return boss;
}
