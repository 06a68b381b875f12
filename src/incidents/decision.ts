/**
 * Recording a verification decision: the status, the reason (not verified), the standard of proof, the
 * sources relied on, a note. One path for the record's own coordinators and for a partner reviewer the record
 * was put to (reviews/service.ts); the same rules as a change that decides (update.ts): the organisation's
 * four-eyes setting, its completeness rules, the grounds a decision states. A new version, the audit entry and
 * the closing of any open review are written in one transaction.
 */
import type { AppContext } from '../platform/context.ts';
import { appendAudit, auditActor } from '../platform/audit/audit.ts';
import { conflict, type DescribedIssue, validationFailed } from '../platform/http/errors.ts';
import { maySeeFields, type Actor } from '../policy/policy.ts';
import { IncidentCreate, type IncidentDecision, type IncidentDetail } from '../shared/incident.ts';
import { completenessIssues } from '../shared/organisation.ts';
import { loadRules, type OrganisationRules } from '../organisation/settings.ts';
import { presentDetail, withholdIdentifying } from './presenter.ts';
import { closeOpenReviews, openReviewOf, type ReviewRow } from './reviews/store.ts';
import { updateIncidentRow, type IncidentRow, type ViolationRow } from './store.ts';
import { asInput, clearColumns, decisionColumns, decrypt, loadVisible, resourceOf } from './support.ts';
import { fourEyes, groundsProblems, isDecided } from './verification.ts';
import { writeVersion } from './versions.ts';
import { issuesFromZod } from '../shared/messages.ts';

const invalid = (issues: readonly DescribedIssue[]) => validationFailed(issues);

/** The record's coordinators decide through the decision panel. */
export async function decideIncident(ctx: AppContext, actor: Actor, id: string, body: IncidentDecision, ip: string | null): Promise<IncidentDetail> {
  const found = await loadVisible(ctx, actor, id, 'incident:decide', ip);
  const rules = await loadRules(ctx.db, found.row.organisationId);
  const { row, violations, sensitive } = await applyDecision(ctx, actor, found, body, rules, null, ip);
  const detail = presentDetail(row, violations, sensitive, await openReviewOf(ctx.db, row.organisationId, row.id));
  return maySeeFields(actor, 'identifying', resourceOf(row)) ? detail : withholdIdentifying(detail);
}

/** A decision's field paths in the record ("verification.standard") as the decision body names them ("standard"). */
const bodyField = (path: string) => path.replace(/^verification\./, '');

/**
 * Applies a decision (or reopens a decided record: back to reported or pending, its grounds cleared). The
 * caller has checked who may decide: an in-scope coordinator, or the reviewer of an open, designated review.
 */
export async function applyDecision(
  ctx: AppContext, actor: Actor, found: { row: IncidentRow; violations: ViolationRow[] }, body: IncidentDecision,
  rules: OrganisationRules, review: ReviewRow | null, ip: string | null,
) {
  const { row, violations } = found;
  if (row.version !== body.version) throw conflict('version_conflict', `version: the incident was changed by someone else (now version ${row.version}); reload it and decide again`);
  const sensitive = decrypt(ctx, row);
  const current = asInput(presentDetail(row, violations, sensitive));
  const decides = isDecided(body.status);
  if (review && !decides) throw invalid([{ field: 'status', code: 'decision_required', message: 'must be a decision (verified, not verified, found not to have occurred): a reviewer decides or leaves the record with its organisation' }]);
  const merged = IncidentCreate.safeParse({
    ...current,
    verification: decides
      ? { status: body.status, notVerifiedReason: body.notVerifiedReason ?? null, standard: body.standard ?? null, reliedOnSources: body.reliedOnSources, note: body.note ?? null, selfDecisionJustification: body.selfDecisionJustification ?? null }
      : { status: body.status, note: body.note ?? null },
  });
  if (!merged.success) {
    throw invalid(issuesFromZod(merged.error.issues).map((i) => ({ ...i, field: bodyField(i.field) })));
  }
  const next = merged.data;
  let route = null as ReturnType<typeof fourEyes>['route'] | null;
  if (decides) {
    const outcome = fourEyes({
      decider: { userId: actor.userId, organisationId: actor.organisationId }, record: { organisationId: row.organisationId, createdBy: row.createdBy },
      mode: rules.fourEyesMode, viaReview: review !== null, justification: body.selfDecisionJustification,
    });
    if (outcome.problem) throw validationFailed([outcome.problem], 403, 'four_eyes');
    route = outcome.route;
    // A justification belongs only to a recorder's own decision.
    if (route !== 'recorder_justified') next.verification.selfDecisionJustification = null;
  }
  const problems: DescribedIssue[] = decides ? groundsProblems(body, next.sources.length) : [];
  // What the organisation requires before a record is verified (sources, region, ...).
  if (body.status === 'verified') problems.push(...completenessIssues(next, rules, true));
  if (problems.length) throw invalid(problems);
  return ctx.db.transaction(async (tx) => {
    const updated = await updateIncidentRow(tx, row.organisationId, row.id, body.version, { ...clearColumns(next), ...decisionColumns(actor.userId, route ?? null) });
    if (!updated) throw conflict('version_conflict', 'version: the incident was changed by someone else; reload it and decide again');
    await writeVersion(tx, ctx.master, { organisationId: row.organisationId, incidentId: row.id, version: updated.version, action: 'decide', changedBy: actor.userId, changedFields: ['verification'], snapshot: next, wrappedKey: row.wrappedKey });
    // Decided (by anyone) or reopened: a reviewer the record was put to has nothing more to do with it.
    const closed = await closeOpenReviews(tx, row.organisationId, row.id, actor.userId, decides ? 'decided' : 'withdrawn');
    await appendAudit(tx, auditActor(actor, ip), {
      action: decides ? 'incident.decide' : 'incident.reopen', entityType: 'incident', entityId: row.id, organisationId: row.organisationId,
      details: {
        reference: row.reference, version: updated.version, status: { from: current.verification.status, to: body.status },
        standard: next.verification.standard ?? null, reliedOnSources: next.verification.reliedOnSources?.length ?? 0, route, reviewsClosed: closed.length,
        ...(review ? { review: review.id, reviewerOrganisation: actor.organisationId } : {}),
      },
    });
    return { row: updated, violations, sensitive };
  });
}
