/**
 * Verifying the audit chain from the web app: the computation of `salama audit verify`
 * (platform/audit/verify.ts) reads the whole log, so it runs as a background job and reports on its own row
 * (`audit_verifications`), which the audit page polls. Every night one runs on its own as well. The chain
 * is the server's (one for every organisation), so the outcome is too; it is told with counts and the first
 * broken entry's id, never an entry's content.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import { appendAudit, auditActor } from '../platform/audit/audit.ts';
import { auditVerifications } from '../platform/audit/tables.ts';
import { checkpointProblem, verifyAuditLog } from '../platform/audit/verify.ts';
import { AppError } from '../platform/http/errors.ts';
import type { Actor } from '../policy/policy.ts';
import type { AuditVerification } from '../shared/audit.ts';

export const AUDIT_VERIFY_QUEUE = 'audit.verify';
/** A verification takes seconds to minutes; one pending longer than this died with its server. */
const STALE_MS = 60 * 60_000;
const SYSTEM = { userId: null, kind: 'system', organisationId: null, ip: null } as const;

type Row = typeof auditVerifications.$inferSelect;

export const presentVerification = (r: Row): AuditVerification => ({
  id: r.id, state: r.state as AuditVerification['state'], ok: r.ok, entries: r.entries, firstBrokenId: r.firstBrokenId, reason: r.reason,
  checkpoint: r.checkpoint as AuditVerification['checkpoint'], checkpointAt: r.checkpointAt,
  createdAt: r.createdAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null,
});

export async function latestVerification(ctx: AppContext): Promise<AuditVerification | null> {
  const [row] = await ctx.db.select().from(auditVerifications).orderBy(desc(auditVerifications.createdAt)).limit(1);
  return row ? presentVerification(row) : null;
}

/** Queues a verification, or answers with the one already queued or running. Actor null: the nightly run. */
export async function requestVerification(ctx: AppContext, actor: Actor | null, ip: string | null): Promise<AuditVerification> {
  const jobs = ctx.jobs;
  if (!jobs) throw new AppError(503, 'jobs_unavailable', 'background jobs are not running on this server; try again shortly');
  const [pending] = await ctx.db.select().from(auditVerifications).where(inArray(auditVerifications.state, ['queued', 'running']))
    .orderBy(desc(auditVerifications.createdAt)).limit(1);
  if (pending) {
    if (pending.createdAt.getTime() > Date.now() - STALE_MS) return presentVerification(pending);
    await ctx.db.update(auditVerifications).set({ state: 'failed', reason: 'the verification did not finish (its server stopped)', finishedAt: new Date() })
      .where(eq(auditVerifications.id, pending.id));
  }
  const row = await ctx.db.transaction(async (tx) => {
    const [created] = await tx.insert(auditVerifications).values({ organisationId: actor?.organisationId ?? null, requestedBy: actor?.userId ?? null, state: 'queued' }).returning();
    if (actor) await appendAudit(tx, auditActor(actor, ip), { action: 'audit.verify_requested', entityType: 'audit_verification', entityId: created!.id });
    return created!;
  });
  await jobs.send(AUDIT_VERIFY_QUEUE, { verificationId: row.id });
  return presentVerification(row);
}

/** The job: verify, keep the outcome on the row, and audit it (for the requesting organisation). */
export async function runVerification(ctx: AppContext, id: string, checkpointFile: string): Promise<void> {
  const [row] = await ctx.db.update(auditVerifications).set({ state: 'running', startedAt: new Date() })
    .where(and(eq(auditVerifications.id, id), eq(auditVerifications.state, 'queued'))).returning();
  if (!row) return;
  try {
    const report = await verifyAuditLog(ctx.db, ctx.master, checkpointFile);
    const { chain, checkpoint } = report;
    const reason = !chain.ok ? chain.reason : checkpointProblem(checkpoint);
    // The outcome and its audit entry commit together: whoever sees "done" also finds it in the log.
    await ctx.db.transaction(async (tx) => {
      await tx.update(auditVerifications).set({
        state: 'done', ok: report.ok, entries: chain.entries, firstBrokenId: chain.ok ? null : chain.firstBrokenId, reason,
        checkpoint: checkpoint?.status ?? null,
        checkpointAt: checkpoint && 'checkpoint' in checkpoint ? checkpoint.checkpoint.at : null,
        finishedAt: new Date(),
      }).where(eq(auditVerifications.id, id));
      await appendAudit(tx, { ...SYSTEM, organisationId: row.organisationId }, {
        action: 'audit.verified', entityType: 'audit_verification', entityId: id,
        details: { ok: report.ok, entries: chain.entries, checkpoint: checkpoint?.status ?? null },
      });
    });
  } catch (e) {
    await ctx.db.update(auditVerifications).set({ state: 'failed', reason: 'the verification stopped before the end (see the server log)', finishedAt: new Date() })
      .where(eq(auditVerifications.id, id));
    throw e;
  }
}
