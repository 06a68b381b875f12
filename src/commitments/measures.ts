/**
 * A commitment's measures and their evidence (coordinators): add, change or remove a measure (removal only
 * while it has no evidence), record dated evidence (append-only, optionally with the progress it shows:
 * "done" with the order that did it), withdraw an entry with a reason. Every answer is the commitment as its
 * page shows it. One transaction per change, with its audit entry.
 */
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { Tx } from '../platform/db/database.ts';
import { appendAudit, auditActor } from '../platform/audit/audit.ts';
import { notFound } from '../platform/http/errors.ts';
import { refuse } from '../parties/manage.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import type { CommitmentDetail, EvidenceInput, EvidenceWithdraw, MeasureInput, MeasurePatch } from '../shared/commitments.ts';
import { attachableFile } from './files.ts';
import { commitmentDetail, findCommitment, type CommitmentRow } from './read.ts';
import { insertMeasures, nextPosition, orNull } from './service.ts';
import { measureEvidence, measures } from './tables.ts';

type MeasureRow = typeof measures.$inferSelect;

/** A measure of one of the organisation's commitments (not deleted), with it; both locked for the change. */
async function lockedMeasure(tx: Tx, actor: Actor, measureId: string): Promise<{ measure: MeasureRow; commitment: CommitmentRow }> {
  const [measure] = await tx.select().from(measures).where(and(eq(measures.id, measureId), eq(measures.organisationId, actor.organisationId))).limit(1);
  const commitment = measure ? await findCommitment(tx, actor.organisationId, measure.commitmentId, true) : null;
  if (!measure || !commitment) throw notFound('measure');
  const [locked] = await tx.select().from(measures).where(eq(measures.id, measureId)).for('update');
  return { measure: locked!, commitment };
}

const touch = (tx: Tx, actor: Actor, measureId: string, set: Partial<typeof measures.$inferInsert>) =>
  tx.update(measures).set({ ...set, updatedBy: actor.userId, updatedAt: new Date() }).where(eq(measures.id, measureId));

export async function addMeasure(ctx: AppContext, actor: Actor, commitmentId: string, body: MeasureInput, lang: string, ip: string | null): Promise<CommitmentDetail> {
  authorize(actor, 'commitments:manage');
  return ctx.db.transaction(async (tx) => {
    const commitment = await findCommitment(tx, actor.organisationId, commitmentId, true);
    if (!commitment) throw notFound('commitment');
    await insertMeasures(tx, actor, commitmentId, [body], await nextPosition(tx, commitmentId));
    await appendAudit(tx, auditActor(actor, ip), { action: 'commitment.measure_add', entityType: 'commitment', entityId: commitmentId, details: { kind: body.kind, progress: body.progress, deadline: !!body.deadline } });
    return commitmentDetail(ctx, tx, actor.organisationId, commitment, lang);
  });
}

export async function updateMeasure(ctx: AppContext, actor: Actor, measureId: string, body: MeasurePatch, lang: string, ip: string | null): Promise<CommitmentDetail> {
  authorize(actor, 'commitments:manage');
  return ctx.db.transaction(async (tx) => {
    const { measure, commitment } = await lockedMeasure(tx, actor, measureId);
    const changes = Object.fromEntries(Object.entries({
      kind: body.kind, description: body.description, deadline: body.deadline,
      responsibleBody: body.responsibleBody === undefined ? undefined : orNull(body.responsibleBody), progress: body.progress,
    }).filter(([, v]) => v !== undefined));
    await touch(tx, actor, measureId, changes);
    await appendAudit(tx, auditActor(actor, ip), {
      action: 'commitment.measure_update', entityType: 'commitment', entityId: commitment.id,
      details: { measure: measureId, changed: Object.keys(changes), ...(body.progress ? { progress: { from: measure.progress, to: body.progress } } : {}) },
    });
    return commitmentDetail(ctx, tx, actor.organisationId, commitment, lang);
  });
}

/** Only a measure without evidence (evidence is never removed, so neither is what it is about). */
export async function removeMeasure(ctx: AppContext, actor: Actor, measureId: string, lang: string, ip: string | null): Promise<CommitmentDetail> {
  authorize(actor, 'commitments:manage');
  return ctx.db.transaction(async (tx) => {
    const { measure, commitment } = await lockedMeasure(tx, actor, measureId);
    const [evidence] = await tx.select({ id: measureEvidence.id }).from(measureEvidence).where(eq(measureEvidence.measureId, measureId)).limit(1);
    if (evidence) throw refuse(409, '', 'measure_has_evidence', 'this measure has evidence: record its progress instead of removing it');
    await tx.delete(measures).where(eq(measures.id, measureId));
    await appendAudit(tx, auditActor(actor, ip), { action: 'commitment.measure_remove', entityType: 'commitment', entityId: commitment.id, details: { measure: measureId, kind: measure.kind } });
    return commitmentDetail(ctx, tx, actor.organisationId, commitment, lang);
  });
}

export async function addEvidence(ctx: AppContext, actor: Actor, measureId: string, body: EvidenceInput, lang: string, ip: string | null): Promise<CommitmentDetail> {
  authorize(actor, 'commitments:manage');
  return ctx.db.transaction(async (tx) => {
    const { measure, commitment } = await lockedMeasure(tx, actor, measureId);
    if (body.fileId) await attachableFile(tx, actor, body.fileId, 'fileId');
    const [entry] = await tx.insert(measureEvidence).values({
      organisationId: actor.organisationId, measureId, date: body.date, text: body.text, fileId: body.fileId ?? null, progress: body.progress ?? null, recordedBy: actor.userId,
    }).returning({ id: measureEvidence.id });
    if (body.progress && body.progress !== measure.progress) await touch(tx, actor, measureId, { progress: body.progress });
    else await touch(tx, actor, measureId, {});
    await appendAudit(tx, auditActor(actor, ip), {
      action: 'commitment.evidence_add', entityType: 'commitment', entityId: commitment.id,
      details: { measure: measureId, evidence: entry!.id, file: !!body.fileId, ...(body.progress ? { progress: { from: measure.progress, to: body.progress } } : {}) },
    });
    return commitmentDetail(ctx, tx, actor.organisationId, commitment, lang);
  });
}

/** Withdrawn once, with a reason; the entry stays, marked, and is no longer counted on timelines. */
export async function withdrawEvidence(ctx: AppContext, actor: Actor, evidenceId: string, body: EvidenceWithdraw, lang: string, ip: string | null): Promise<CommitmentDetail> {
  authorize(actor, 'commitments:manage');
  return ctx.db.transaction(async (tx) => {
    const [entry] = await tx.select().from(measureEvidence)
      .where(and(eq(measureEvidence.id, evidenceId), eq(measureEvidence.organisationId, actor.organisationId))).for('update');
    if (!entry) throw notFound('evidence');
    const { commitment } = await lockedMeasure(tx, actor, entry.measureId);
    if (entry.withdrawnAt) throw refuse(409, '', 'evidence_withdrawn', 'this evidence was already withdrawn');
    await tx.update(measureEvidence).set({ withdrawnAt: new Date(), withdrawnBy: actor.userId, withdrawalReason: body.reason }).where(eq(measureEvidence.id, evidenceId));
    await appendAudit(tx, auditActor(actor, ip), { action: 'commitment.evidence_withdraw', entityType: 'commitment', entityId: commitment.id, details: { measure: entry.measureId, evidence: evidenceId } });
    return commitmentDetail(ctx, tx, actor.organisationId, commitment, lang);
  });
}
