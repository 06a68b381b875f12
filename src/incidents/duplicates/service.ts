/**
 * Duplicate review: likely duplicates of a record among those the reviewer may see (scored with narratives,
 * which the reviewer may read), and the decisions: the same incident (the other record is linked to this
 * one, which is the one counted; both keep their sources and provenance), distinct, or undo. Audited.
 */
import type { AppContext } from '../../platform/context.ts';
import { appendAudit, recordAudit, auditActor } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { incidentScope, maySeeFields, type Actor } from '../../policy/policy.ts';
import type { DuplicateCandidates, DuplicateDecision, DuplicateDecisionBody } from '../../shared/duplicates.ts';
import { presentSummary } from '../presenter.ts';
import type { IncidentRow } from '../store.ts';
import { decrypt, loadVisible, resourceOf } from '../support.ts';
import { duplicatesOf } from './blocking.ts';
import type { MatchRecord } from './score.ts';
import { decisionsFor, findDecision, insertDecision, linkTo, markUndone, neighbours, unlink, type DecisionRow } from './store.ts';

function matchRecord(ctx: AppContext, actor: Actor, row: IncidentRow, forms: string[]): MatchRecord {
  // Narratives and coordinates inform the score only for a reader whose role may read them on that record;
  // they are opened here, in memory, and never leave as values (the evidence says how alike or how near).
  const sealed = maySeeFields(actor, 'identifying', resourceOf(row)) ? decrypt(ctx, row) : null;
  return {
    id: row.id, occurredFrom: row.occurredFrom, occurredTo: row.occurredTo, country: row.country, admin1: row.admin1, admin2: row.admin2,
    forms, victims: { women: row.women, girls: row.girls, men: row.men, boys: row.boys, unknown: row.unknown },
    party: row.perpetratorParty, setting: row.setting, timeOfDay: row.timeOfDay,
    narrative: sealed?.narrative || undefined,
    coordinates: sealed?.coordinates ?? null,
  };
}

const presentDecision = (d: DecisionRow): DuplicateDecision => ({
  id: d.id, incidentId: d.incidentId, otherId: d.otherId, decision: d.decision as DuplicateDecision['decision'], score: d.score,
  decidedBy: d.decidedBy, decidedAt: d.decidedAt.toISOString(), undoneAt: d.undoneAt?.toISOString() ?? null,
});

export async function duplicateCandidates(ctx: AppContext, actor: Actor, id: string, ip: string | null): Promise<DuplicateCandidates> {
  const { row, violations } = await loadVisible(ctx, actor, id, 'incident:read', ip);
  const scope = incidentScope(actor)!;
  const near = await neighbours(ctx.db, scope, row);
  const self = matchRecord(ctx, actor, row, [...new Set(violations.map((v) => v.form))]);
  const byId = new Map(near.rows.map((r) => [r.id, r]));
  const found = duplicatesOf(self, near.rows.map((r) => matchRecord(ctx, actor, r, near.forms.get(r.id) ?? []))).slice(0, 20);
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'incident.duplicates_read', entityType: 'incident', entityId: id, details: { reference: row.reference, candidates: found.length } });
  return {
    items: found.map((c) => ({
      incident: presentSummary(byId.get(c.b.id)!, near.forms.get(c.b.id) ?? []),
      score: c.result.score,
      fields: c.result.fields.map((f) => ({ ...f, points: Math.round(f.points * 100) / 100 })),
    })),
  };
}

export async function decideDuplicate(ctx: AppContext, actor: Actor, id: string, body: DuplicateDecisionBody, ip: string | null): Promise<DuplicateDecision> {
  const { row } = await loadVisible(ctx, actor, id, 'incident:link', ip);
  const { row: other } = await loadVisible(ctx, actor, body.otherId, 'incident:link', ip);
  if (row.id === other.id) throw new AppError(400, 'validation_failed', 'otherId: must be another incident', [{ field: 'otherId', code: 'same_incident' }]);
  if (body.decision === 'same' && (row.canonicalId || other.canonicalId)) {
    throw new AppError(409, 'already_linked', 'one of these records is already linked to another incident: undo that link first');
  }
  return ctx.db.transaction(async (tx) => {
    if (body.decision === 'same') await linkTo(tx, row.organisationId, row.id, other.id);
    const decision = await insertDecision(tx, { organisationId: row.organisationId, incidentId: row.id, otherId: other.id, decision: body.decision, score: null, decidedBy: actor.userId });
    await appendAudit(tx, auditActor(actor, ip), {
      action: body.decision === 'same' ? 'incident.link' : 'incident.mark_distinct', entityType: 'incident', entityId: row.id,
      details: { reference: row.reference, other: other.reference, decision: decision.id },
    });
    return presentDecision(decision);
  });
}

/** The duplicate decisions involving a record the actor may see (for review and undo). */
export async function duplicateDecisionsOf(ctx: AppContext, actor: Actor, id: string, ip: string | null): Promise<DuplicateDecision[]> {
  const { row } = await loadVisible(ctx, actor, id, 'incident:read', ip);
  return (await decisionsFor(ctx.db, row.organisationId, id)).map(presentDecision);
}

export async function undoDuplicateDecision(ctx: AppContext, actor: Actor, decisionId: string, ip: string | null): Promise<DuplicateDecision> {
  // The guard has checked the role; the decision's own record is checked below.
  const decision = await findDecision(ctx.db, actor.organisationId, decisionId);
  if (!decision) throw notFound('decision');
  if (decision.undoneAt) throw new AppError(409, 'already_undone', 'this decision was already undone');
  await loadVisible(ctx, actor, decision.incidentId, 'incident:link', ip);
  return ctx.db.transaction(async (tx) => {
    if (decision.decision === 'same') await unlink(tx, decision.organisationId, decision.incidentId, decision.otherId);
    const undone = await markUndone(tx, decision.id, actor.userId);
    await appendAudit(tx, auditActor(actor, ip), { action: 'incident.duplicate_decision_undone', entityType: 'incident', entityId: decision.incidentId, details: { decision: decision.id, was: decision.decision } });
    return presentDecision(undone);
  });
}
