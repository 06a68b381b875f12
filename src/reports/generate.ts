/**
 * A new version generated in the background: asked for by a coordinator (the period must have ended, one
 * generation at a time per report), run by the `reports.generate` job with its progress on
 * `report_generations`, under the asker's rights as they stand when it runs. The snapshot is frozen, hashed and
 * stored with its first event in one transaction; the English PDF is rendered once before, so a document that
 * cannot be rendered never becomes a version.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { JobDefinition } from '../platform/capability.ts';
import type { AppContext } from '../platform/context.ts';
import { appendAudit, auditActor } from '../platform/audit/audit.ts';
import { AppError, badRequest } from '../platform/http/errors.ts';
import { heldNames, notHeld, runHolding } from '../platform/jobs/holds.ts';
import { authorize, ForbiddenError, type Actor } from '../policy/policy.ts';
import { users } from '../identity/tables.ts';
import type { Generation, GenerationError, ReportKind } from '../shared/reports.ts';
import type { Role } from '../shared/taxonomy.ts';
import { buildDocument } from './document.ts';
import { renderPdf } from './render/pdf.ts';
import { findReport, nextVersionNumber, presentGeneration, type GenerationRow } from './service.ts';
import { buildSnapshot, snapshotHash } from './snapshot.ts';
import { reportEvents, reportGenerations, reportNarratives, reports, reportVersions } from './tables.ts';
import { currentTemplate } from './templates.ts';

export const GENERATE_QUEUE = 'reports.generate';
const lockName = (id: string) => `report-generation:${id}`;
/**
 * How long a generation may wait in the queue before it is taken for lost (its job never sent, or gone with the
 * queue): past this, or running with no worker holding it, it no longer blocks asking again.
 */
export const QUEUED_GRACE_MS = 15 * 60_000;

// Why a generation failed: codes of GENERATION_ERRORS, worded by the app (not message catalogue codes).
const LOST: GenerationError = 'lost';
const INTERRUPTED: GenerationError = 'interrupted';

export async function requestGeneration(ctx: AppContext, actor: Actor, id: string, ip: string | null, today = new Date().toISOString().slice(0, 10)): Promise<Generation> {
  authorize(actor, 'reports:manage');
  if (!ctx.jobs) throw new AppError(503, 'jobs_unavailable', 'background jobs are not running on this server; try again shortly');
  const row = await ctx.db.transaction(async (tx) => {
    const report = await findReport(tx, actor, id, true);
    if (report.periodTo >= today) throw badRequest('period', 'period_not_ended', `the period ends on ${report.periodTo}`, { date: report.periodTo });
    const [pending] = await tx.select().from(reportGenerations)
      .where(and(eq(reportGenerations.reportId, id), inArray(reportGenerations.state, ['queued', 'running']))).orderBy(desc(reportGenerations.createdAt)).limit(1);
    if (pending) {
      // Pending while a worker holds it or, just asked for, it waits in the queue; otherwise it was lost (a job
      // never sent, a worker gone while this server runs on) and is given up rather than blocking the report.
      const waiting = pending.state === 'queued' && pending.createdAt.getTime() > Date.now() - QUEUED_GRACE_MS;
      if (waiting || (await heldNames(ctx.db, [lockName(pending.id)])).size > 0) {
        throw new AppError(409, 'validation_failed', 'a version is being generated', [{ field: '', code: 'generation_running' }]);
      }
      await tx.update(reportGenerations).set({ state: 'failed', step: 'failed', error: LOST, updatedAt: new Date() })
        .where(eq(reportGenerations.id, pending.id));
    }
    const [g] = await tx.insert(reportGenerations).values({ organisationId: actor.organisationId, reportId: id, requestedBy: actor.userId }).returning();
    await appendAudit(tx, auditActor(actor, ip), { action: 'report.generate', entityType: 'report', entityId: id, details: { generation: g!.id } });
    return g!;
  });
  await ctx.jobs.send(GENERATE_QUEUE, { generationId: row.id });
  return presentGeneration(row);
}

async function update(ctx: AppContext, id: string, set: Partial<GenerationRow>): Promise<void> {
  await ctx.db.update(reportGenerations).set({ ...set, updatedAt: new Date() }).where(eq(reportGenerations.id, id));
}

/** The generation's work: snapshot, hash, a check that it renders, the version stored. */
export async function runGeneration(ctx: AppContext, generationId: string): Promise<void> {
  // Taken from the queue only if still queued (not given up meanwhile), in one statement.
  const [g] = await ctx.db.update(reportGenerations).set({ state: 'running', step: 'counting', progress: 1, updatedAt: new Date() })
    .where(and(eq(reportGenerations.id, generationId), eq(reportGenerations.state, 'queued'))).returning();
  if (!g) return;
  try {
    const [user] = await ctx.db.select().from(users).where(eq(users.id, g.requestedBy));
    // The asker's rights as they are now: a coordinator since disabled or moved to another role makes nothing.
    if (!user || user.disabledAt || user.organisationId !== g.organisationId) throw new AppError(403, 'forbidden', 'the account that asked is no longer active');
    const actor: Actor = { userId: user.id, organisationId: user.organisationId, role: user.role as Role, stage: 'active', sessionId: `generation:${g.id}` };
    authorize(actor, 'reports:manage');
    const report = await findReport(ctx.db, actor, g.reportId);
    const template = await currentTemplate(ctx.db, actor.organisationId, report.kind as ReportKind);
    const keys = new Set(template.sections.filter((s) => s.kind === 'narrative').map((s) => s.key));
    const narratives = Object.fromEntries((await ctx.db.select().from(reportNarratives).where(eq(reportNarratives.reportId, report.id)))
      .filter((n) => keys.has(n.key)).map((n) => [n.key, n.text]));
    const expected = await nextVersionNumber(ctx.db, report.id);
    const snapshot = await buildSnapshot(ctx, actor, report, template, narratives, expected, user.email,
      (step, fraction) => update(ctx, g.id, { step, progress: Math.max(1, Math.min(95, Math.round(fraction * 100))) }));
    const sha256 = snapshotHash(snapshot);
    await update(ctx, g.id, { step: 'rendering', progress: 90 });
    await renderPdf(buildDocument(snapshot, 'en', sha256));
    const number = await ctx.db.transaction(async (tx) => {
      await tx.select({ id: reports.id }).from(reports).where(eq(reports.id, report.id)).for('update');
      // Numbers are given under the report's lock; a version made meanwhile (none should be) is refused, not renumbered.
      if (await nextVersionNumber(tx, report.id) !== expected) throw new AppError(409, 'conflict', 'another version was made meanwhile');
      const [v] = await tx.insert(reportVersions).values({
        organisationId: report.organisationId, reportId: report.id, number: expected, templateId: template.id, snapshot, sha256, createdBy: user.id,
      }).returning();
      await tx.insert(reportEvents).values({ versionId: v!.id, action: 'generate', status: 'draft', byUser: user.id });
      await tx.update(reports).set({ updatedAt: new Date() }).where(eq(reports.id, report.id));
      await appendAudit(tx, auditActor(actor, null), { action: 'report.version', entityType: 'report', entityId: report.id, details: { version: expected, sha256, through: snapshot.figures.through } });
      return expected;
    });
    await update(ctx, g.id, { state: 'done', step: 'done', progress: 100, versionNumber: number });
  } catch (e) {
    // The reason in a few words (an AppError's own message, never a stack or a figure); the log has the rest.
    const error: GenerationError = e instanceof ForbiddenError || (e instanceof AppError && e.status === 403) ? 'not_allowed'
      : e instanceof AppError && e.status === 409 ? 'conflict' : 'failed';
    await update(ctx, g.id, { state: 'failed', step: 'failed', error });
    throw e;
  }
}

export const generateJob: JobDefinition<{ generationId: string }> = {
  queue: GENERATE_QUEUE,
  work: async (ctx, data, log) => {
    await runHolding(ctx.db, lockName(data.generationId), () => runGeneration(ctx, data.generationId));
    log.info({ generation: data.generationId }, 'report version generated');
  },
};

/** At start: generations a stop cut off while running are failed (asking again makes a new one). */
export async function recoverInterruptedGenerations(ctx: AppContext): Promise<number> {
  const running = await ctx.db.select({ id: reportGenerations.id }).from(reportGenerations).where(eq(reportGenerations.state, 'running')).orderBy(desc(reportGenerations.createdAt));
  const cut = await notHeld(ctx.db, running.map((r) => r.id), lockName);
  for (const id of cut) await update(ctx, id, { state: 'failed', step: 'failed', error: INTERRUPTED });
  return cut.length;
}
