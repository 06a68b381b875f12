/**
 * Background jobs on pg-boss (in PostgreSQL: no other service to run). Long or periodic work runs here,
 * never inside a request. Every ten minutes: purging expired sessions, stale drafts and old import files, and anchoring the audit
 * chain. Every night at 02:30: a duplicate scan of every organisation; at 03:15 a verification of the audit
 * chain. On demand: imports, duplicate scans, audit chain verifications.
 */
import PgBoss from 'pg-boss';
import type { AppContext } from '../context.ts';
import type { Logger } from '../log/logger.ts';
import { purgeExpiredSessions } from '../../identity/sessions.ts';
import { purgeStaleDrafts } from '../../drafts/service.ts';
import { IMPORT_QUEUE, purgeOldImportFiles } from '../../imports/service.ts';
import { runImport } from '../../imports/job.ts';
import { DUPLICATE_SCAN_QUEUE, requestScan, runScan } from '../../incidents/duplicates/scan.ts';
import { organisations } from '../../identity/tables.ts';
import { writeCheckpoint } from '../audit/checkpoint.ts';
import { AUDIT_VERIFY_QUEUE, requestVerification, runVerification } from '../../audit/verification.ts';

export const PURGE_SESSIONS = 'sessions.purge';
export const AUDIT_CHECKPOINT = 'audit.checkpoint';
export const NIGHTLY_SCANS = 'duplicates.nightly';
export const NIGHTLY_AUDIT_VERIFY = 'audit.verify.nightly';

export async function startJobs(ctx: AppContext, url: string, log: Logger, checkpointFile: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, application_name: 'salama-jobs', max: 3 });
  // A job failure is logged by name only; job data never carries sensitive values.
  boss.on('error', (err: Error) => log.error({ errName: err.name }, 'job system error'));
  await boss.start();
  await boss.createQueue(PURGE_SESSIONS);
  await boss.work(PURGE_SESSIONS, async () => {
    const purged = await purgeExpiredSessions(ctx.db);
    const drafts = await purgeStaleDrafts(ctx.db);
    const importFiles = await purgeOldImportFiles(ctx.db);
    log.info({ purged, drafts, importFiles }, 'expired sessions, stale drafts and old import files purged');
  });
  await boss.schedule(PURGE_SESSIONS, '*/10 * * * *');
  await boss.createQueue(AUDIT_CHECKPOINT);
  await boss.work(AUDIT_CHECKPOINT, async () => {
    const written = await writeCheckpoint(ctx.db, ctx.master, checkpointFile);
    log.info({ auditEntry: written?.id }, 'audit checkpoint written');
  });
  await boss.schedule(AUDIT_CHECKPOINT, '*/10 * * * *');
  // Imports: one at a time per worker; a failed run is not retried blindly (the importer sees why and reruns).
  await boss.createQueue(IMPORT_QUEUE, { name: IMPORT_QUEUE, retryLimit: 0 });
  await boss.work<{ importId: string }>(IMPORT_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
    if (!job) return;
    await runImport(ctx, job.data.importId).catch((e: Error) => log.error({ errName: e.name, importId: job.data.importId }, 'import failed'));
  });
  ctx.jobs = { send: (queue, data) => boss.send(queue, data) };
  // Duplicate scans: on request, and every night for every organisation.
  await boss.createQueue(DUPLICATE_SCAN_QUEUE, { name: DUPLICATE_SCAN_QUEUE, retryLimit: 0 });
  await boss.work<{ scanId: string }>(DUPLICATE_SCAN_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
    if (!job) return;
    await runScan(ctx, job.data.scanId).catch((e: Error) => log.error({ errName: e.name, scanId: job.data.scanId }, 'duplicate scan failed'));
  });
  await boss.createQueue(NIGHTLY_SCANS);
  await boss.work(NIGHTLY_SCANS, async () => {
    for (const org of await ctx.db.select({ id: organisations.id }).from(organisations)) await requestScan(ctx, null, org.id, null);
  });
  await boss.schedule(NIGHTLY_SCANS, '30 2 * * *');
  // Audit chain verification: on request (administrators' audit page), and every night.
  await boss.createQueue(AUDIT_VERIFY_QUEUE, { name: AUDIT_VERIFY_QUEUE, retryLimit: 0 });
  await boss.work<{ verificationId: string }>(AUDIT_VERIFY_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
    if (!job) return;
    await runVerification(ctx, job.data.verificationId, checkpointFile).catch((e: Error) => log.error({ errName: e.name, verificationId: job.data.verificationId }, 'audit verification failed'));
  });
  await boss.createQueue(NIGHTLY_AUDIT_VERIFY);
  await boss.work(NIGHTLY_AUDIT_VERIFY, async () => { await requestVerification(ctx, null, null); });
  await boss.schedule(NIGHTLY_AUDIT_VERIFY, '15 3 * * *');
  return boss;
}
