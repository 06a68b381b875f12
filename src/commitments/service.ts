/**
 * Recording commitments (coordinators): create one with its parties and measures, change it, remove it with
 * a reason. Parties must be ones the organisation sees and not merged away; a file must be an upload of the
 * organisation not attached elsewhere. One transaction per change, with its audit entry (kinds and counts,
 * never texts or names).
 */
import { and, eq, inArray, max, notInArray } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { Tx } from '../platform/db/database.ts';
import { appendAudit, auditActor } from '../platform/audit/audit.ts';
import { notFound } from '../platform/http/errors.ts';
import { usableParty } from '../parties/manage.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import type { CommitmentCreate, CommitmentDelete, CommitmentDetail, CommitmentPatch, MeasureInput } from '../shared/commitments.ts';
import { attachableFile, dropIfUnattached } from './files.ts';
import { commitmentDetail, findCommitment, type CommitmentRow } from './read.ts';
import { commitmentParties, commitments, measures } from './tables.ts';

/** Empty free text is no text. */
export const orNull = (s: string | null | undefined): string | null => (s === undefined || s === null || s.trim() === '' ? null : s);

async function checkParties(tx: Tx, actor: Actor, ids: readonly string[]): Promise<void> {
  for (const [i, id] of ids.entries()) await usableParty(tx, actor, id, `partyIds.${i}`);
}

export async function insertMeasures(tx: Tx, actor: Actor, commitmentId: string, list: readonly MeasureInput[], from = 0): Promise<void> {
  if (list.length === 0) return;
  await tx.insert(measures).values(list.map((m, i) => ({
    organisationId: actor.organisationId, commitmentId, position: from + i, kind: m.kind, description: m.description, deadline: m.deadline ?? null,
    responsibleBody: orNull(m.responsibleBody), progress: m.progress, createdBy: actor.userId, updatedBy: actor.userId,
  })));
}

/** The next position for a measure added to a commitment. */
export async function nextPosition(tx: Tx, commitmentId: string): Promise<number> {
  const [row] = await tx.select({ last: max(measures.position) }).from(measures).where(eq(measures.commitmentId, commitmentId));
  return (row?.last ?? -1) + 1;
}

export async function createCommitment(ctx: AppContext, actor: Actor, body: CommitmentCreate, lang: string, ip: string | null): Promise<CommitmentDetail> {
  authorize(actor, 'commitments:manage');
  return ctx.db.transaction(async (tx) => {
    await checkParties(tx, actor, body.partyIds);
    if (body.fileId) await attachableFile(tx, actor, body.fileId, 'fileId');
    const [row] = await tx.insert(commitments).values({
      organisationId: actor.organisationId, kind: body.kind, title: body.title, signedOn: body.signedOn, signatories: orNull(body.signatories),
      referenceUrl: body.referenceUrl ?? null, fileId: body.fileId ?? null, createdBy: actor.userId, updatedBy: actor.userId,
    }).returning();
    await tx.insert(commitmentParties).values(body.partyIds.map((partyId) => ({ organisationId: actor.organisationId, commitmentId: row!.id, partyId })));
    await insertMeasures(tx, actor, row!.id, body.measures);
    await appendAudit(tx, auditActor(actor, ip), {
      action: 'commitment.create', entityType: 'commitment', entityId: row!.id,
      details: { kind: body.kind, parties: body.partyIds.length, measures: body.measures.length, file: !!body.fileId, link: !!body.referenceUrl, signatories: !!orNull(body.signatories) },
    });
    return commitmentDetail(ctx, tx, actor.organisationId, row!, lang);
  });
}

/** The parties bound from now on: rows of parties kept stay (a merge's undo finds them), others go, new ones come. */
async function replaceParties(tx: Tx, actor: Actor, commitmentId: string, ids: readonly string[]): Promise<void> {
  await checkParties(tx, actor, ids);
  await tx.delete(commitmentParties).where(and(eq(commitmentParties.commitmentId, commitmentId), notInArray(commitmentParties.partyId, [...ids])));
  const kept = new Set((await tx.select({ partyId: commitmentParties.partyId }).from(commitmentParties)
    .where(and(eq(commitmentParties.commitmentId, commitmentId), inArray(commitmentParties.partyId, [...ids])))).map((r) => r.partyId));
  const added = ids.filter((id) => !kept.has(id));
  if (added.length) await tx.insert(commitmentParties).values(added.map((partyId) => ({ organisationId: actor.organisationId, commitmentId, partyId })));
}

async function lockedCommitment(tx: Tx, actor: Actor, id: string): Promise<CommitmentRow> {
  const row = await findCommitment(tx, actor.organisationId, id, true);
  if (!row) throw notFound('commitment');
  return row;
}

export async function updateCommitment(ctx: AppContext, actor: Actor, id: string, body: CommitmentPatch, lang: string, ip: string | null): Promise<CommitmentDetail> {
  authorize(actor, 'commitments:manage');
  return ctx.db.transaction(async (tx) => {
    const before = await lockedCommitment(tx, actor, id);
    if (body.partyIds) await replaceParties(tx, actor, id, body.partyIds);
    const newFile = body.fileId !== undefined && body.fileId !== before.fileId;
    if (newFile && body.fileId) await attachableFile(tx, actor, body.fileId, 'fileId');
    const changes = Object.fromEntries(Object.entries({
      kind: body.kind, title: body.title, signedOn: body.signedOn,
      signatories: body.signatories === undefined ? undefined : orNull(body.signatories),
      referenceUrl: body.referenceUrl, fileId: body.fileId,
    }).filter(([, v]) => v !== undefined));
    const [row] = await tx.update(commitments).set({ ...changes, updatedBy: actor.userId, updatedAt: new Date() }).where(eq(commitments.id, id)).returning();
    if (newFile) await dropIfUnattached(tx, actor.organisationId, before.fileId);
    await appendAudit(tx, auditActor(actor, ip), {
      action: 'commitment.update', entityType: 'commitment', entityId: id,
      details: { changed: [...Object.keys(changes), ...(body.partyIds ? ['partyIds'] : [])], parties: body.partyIds?.length },
    });
    return commitmentDetail(ctx, tx, actor.organisationId, row!, lang);
  });
}

/** Out of every view with its reason; its measures, evidence and file stay for the audit trail. */
export async function deleteCommitment(ctx: AppContext, actor: Actor, id: string, body: CommitmentDelete, ip: string | null): Promise<void> {
  authorize(actor, 'commitments:manage');
  await ctx.db.transaction(async (tx) => {
    const before = await lockedCommitment(tx, actor, id);
    await tx.update(commitments).set({ deletedAt: new Date(), deletedBy: actor.userId, deletionReason: body.reason }).where(eq(commitments.id, id));
    await appendAudit(tx, auditActor(actor, ip), { action: 'commitment.delete', entityType: 'commitment', entityId: id, details: { kind: before.kind } });
  });
}
