/**
 * Merging duplicates: one of the organisation's own parties (A) into another party it sees (B, its own or a
 * reference party). Every registered merge step re-points the organisation's rows naming A to B
 * (merge-steps.ts); A is marked merged into B and keeps nothing but its row. All in one transaction,
 * audited, with what moved kept on the merge, so that undoing it restores exactly the state before: every
 * moved row back on A, A as it was. An undo is refused whole when anything moved was changed since (a later
 * merge of B, a name removed): undo the later change first.
 */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import { appendAudit, auditActor } from '../platform/audit/audit.ts';
import { notFound } from '../platform/http/errors.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import type { PartyMerge } from '../shared/parties.ts';
import { ownParty, refuse, usableParty } from './manage.ts';
import { mergeStep, mergeSteps, type MergeStepContext, type MovedRow } from './merge-steps.ts';
import { presentMerge } from './presenter.ts';
import { refsOf } from './service.ts';
import { parties, partyMergeMoves, partyMerges } from './tables.ts';

const counts = (moves: readonly { kind: string }[]) => moves.reduce<Record<string, number>>((m, x) => ((m[x.kind] = (m[x.kind] ?? 0) + 1), m), {});

export async function mergeParties(ctx: AppContext, actor: Actor, fromId: string, intoId: string, lang: string, ip: string | null): Promise<PartyMerge> {
  authorize(actor, 'parties:manage');
  return ctx.db.transaction(async (tx) => {
    if (fromId === intoId) throw refuse(400, 'intoId', 'same_party', 'cannot be the party itself');
    const from = await ownParty(tx, actor, fromId);
    await usableParty(tx, actor, intoId, 'intoId');
    // As PostgreSQL writes it (microseconds), so the undo puts back the very value.
    const [stamp] = await tx.select({ at: sql<string>`${parties.updatedAt}::text` }).from(parties).where(eq(parties.id, fromId));
    const [merge] = await tx.insert(partyMerges).values({
      organisationId: actor.organisationId, fromPartyId: fromId, intoPartyId: intoId,
      previous: { status: from.status, updatedAt: stamp!.at }, mergedBy: actor.userId,
    }).returning();
    const c: MergeStepContext = { tx, organisationId: actor.organisationId, fromId, intoId, mergeId: merge!.id };
    const moves: { mergeId: string; kind: string; rowId: string; previous: Record<string, unknown> | null }[] = [];
    for (const step of mergeSteps()) {
      for (const r of await step.move(c)) moves.push({ mergeId: merge!.id, kind: step.kind, rowId: r.rowId, previous: r.previous ?? null });
    }
    for (let i = 0; i < moves.length; i += 1000) await tx.insert(partyMergeMoves).values(moves.slice(i, i + 1000));
    await tx.update(parties).set({ mergedInto: intoId, updatedAt: new Date() }).where(eq(parties.id, fromId));
    const moved = counts(moves);
    await appendAudit(tx, auditActor(actor, ip), { action: 'party.merge', entityType: 'party', entityId: fromId, details: { into: intoId, merge: merge!.id, moved } });
    return presentMerge(merge!, await refsOf(tx, actor.organisationId, [fromId, intoId], lang), moved);
  });
}

export async function undoMerge(ctx: AppContext, actor: Actor, mergeId: string, lang: string, ip: string | null): Promise<PartyMerge> {
  authorize(actor, 'parties:manage');
  return ctx.db.transaction(async (tx) => {
    const [merge] = await tx.select().from(partyMerges)
      .where(and(eq(partyMerges.id, mergeId), eq(partyMerges.organisationId, actor.organisationId))).for('update');
    if (!merge) throw notFound('merge');
    if (merge.undoneAt) throw refuse(409, '', 'merge_undone', 'this merge was already undone');
    const [from] = await tx.select().from(parties).where(eq(parties.id, merge.fromPartyId)).for('update');
    // The last merge of the party first: a later merge of the same party (after an undo) is undone on its own.
    const [latest] = await tx.select({ id: partyMerges.id }).from(partyMerges)
      .where(and(eq(partyMerges.fromPartyId, merge.fromPartyId), isNull(partyMerges.undoneAt))).orderBy(desc(partyMerges.mergedAt)).limit(1);
    if (from?.mergedInto !== merge.intoPartyId || latest?.id !== merge.id) throw refuse(409, '', 'merge_changed', 'what this merge moved has changed since: undo the later change first');
    const moves = await tx.select().from(partyMergeMoves).where(eq(partyMergeMoves.mergeId, mergeId));
    const c: MergeStepContext = { tx, organisationId: actor.organisationId, fromId: merge.fromPartyId, intoId: merge.intoPartyId, mergeId };
    for (const [kind, n] of Object.entries(counts(moves))) {
      const step = mergeStep(kind);
      const rows: MovedRow[] = moves.filter((m) => m.kind === kind).map((m) => ({ rowId: m.rowId, previous: m.previous }));
      const back = step ? await step.undo(c, rows) : -1;
      if (back !== n) throw refuse(409, '', 'merge_changed', 'what this merge moved has changed since: undo the later change first');
    }
    await tx.update(parties).set({ mergedInto: null, status: merge.previous.status, updatedAt: sql`${merge.previous.updatedAt}::timestamptz` }).where(eq(parties.id, merge.fromPartyId));
    const [undone] = await tx.update(partyMerges).set({ undoneAt: new Date(), undoneBy: actor.userId }).where(eq(partyMerges.id, mergeId)).returning();
    const moved = counts(moves);
    await appendAudit(tx, auditActor(actor, ip), { action: 'party.merge_undo', entityType: 'party', entityId: merge.fromPartyId, details: { into: merge.intoPartyId, merge: mergeId, moved } });
    return presentMerge(undone!, await refsOf(tx, actor.organisationId, [merge.fromPartyId, merge.intoPartyId], lang), moved);
  });
}
