/**
 * Changing an incident: a patch replaces the top-level fields it names, is merged onto the stored record
 * and validated whole, and may need more rights than recording: deciding verification (coordinators, and
 * never the recorder: four eyes), assigning, or touching a record that already carries a decision.
 */
import type { AppContext } from '../platform/context.ts';
import { appendAudit, auditActor } from '../platform/audit/audit.ts';
import { AppError, conflict, type DescribedIssue, validationFailed } from '../platform/http/errors.ts';
import { authorize, can, maySeeFields, type Actor } from '../policy/policy.ts';
import { IncidentCreate, type IncidentDetail, type IncidentPatch } from '../shared/incident.ts';
import { issuesFromZod } from '../shared/messages.ts';
import { completenessIssues } from '../shared/organisation.ts';
import { loadRules } from '../organisation/settings.ts';
import { presentDetail, withholdIdentifying } from './presenter.ts';
import { closeOpenReviews, openReviewOf } from './reviews/store.ts';
import { replaceViolations, updateIncidentRow } from './store.ts';
import { asInput, checkAssignees, clearColumns, decisionColumns, decrypt, loadVisible, reseal, resourceOf, sensitiveOf } from './support.ts';
import { fourEyes, groundsProblems, isDecided, remapReliedOn } from './verification.ts';
import { sealedChanges } from './history-diff.ts';
import { linkPerpetrators } from './party-links/link.ts';

const hasIdentifying = (i: IncidentCreate) => i.narrative !== '' || !!i.place.locality || !!i.place.coordinates || i.survivors.length > 0;
import { writeVersion } from './versions.ts';
import { checkOrgCodes } from '../lookups/service.ts';

const invalid = (issues: readonly DescribedIssue[]) => validationFailed(issues);
/** Absent, null and an empty list are the same "nothing" (a decision's grounds are absent or null or [] alike). */
const nothing = (_k: string, v: unknown) => (v === null || (Array.isArray(v) && v.length === 0) ? undefined : v);
const same = (a: unknown, b: unknown) => JSON.stringify(a, nothing) === JSON.stringify(b, nothing);

export async function updateIncident(ctx: AppContext, actor: Actor, id: string, patch: IncidentPatch, ip: string | null): Promise<IncidentDetail> {
  const { row, violations } = await loadVisible(ctx, actor, id, 'incident:update', ip);
  if (row.version !== patch.version) throw conflict('version_conflict', `version: the incident was changed by someone else (now version ${row.version}); reload it and apply your change again`);
  const current = presentDetail(row, violations, decrypt(ctx, row));
  const { version, ...changes } = patch;
  const base = asInput(current);
  // A role that may not see identifying fields may not change them either; a place it sends keeps them.
  if (!maySeeFields(actor, 'identifying', resourceOf(row))) {
    if (changes.narrative !== undefined || changes.survivors !== undefined) throw new AppError(403, 'forbidden', 'your role may not see or change identifying fields (narrative, individual victims)');
    if (changes.place) changes.place = { ...changes.place, locality: base.place.locality, coordinates: base.place.coordinates };
  }
  // Sources edited under a decision: the sources it relied on follow their entries (a removed one drops out).
  const sentVerification = changes.verification !== undefined;
  if (changes.sources && !sentVerification && base.verification.reliedOnSources?.length) {
    changes.verification = { ...base.verification, reliedOnSources: remapReliedOn(base.sources, changes.sources, base.verification.reliedOnSources) };
  }
  const merged = IncidentCreate.safeParse({ ...base, ...changes });
  if (!merged.success) throw invalid(issuesFromZod(merged.error.issues));
  const next = merged.data;
  if (changes.perpetrators !== undefined) next.perpetrators = (await linkPerpetrators(ctx.db, row.organisationId, [next]))[0]!.perpetrators;
  const rules = await loadRules(ctx.db, row.organisationId);
  // The organisation's minimum completeness (region, narrative limit; sources before a record stays verified).
  const incomplete = completenessIssues(next, rules);
  if (incomplete.length) throw invalid(incomplete);
  await checkOrgCodes(ctx.db, row.organisationId, next, base);
  // Both sides in the validated shape (absent and null alike), so a re-sent unchanged field is not a change.
  const before = IncidentCreate.safeParse(base);
  const was = (before.success ? before.data : base) as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const changed = Object.keys(changes).filter((k) => !same(after[k], was[k]));
  const resource = resourceOf(row);
  // A decided record is what reports count: once decided, only a coordinator may change it.
  if (changed.length && isDecided(current.verification.status) && !can(actor, 'incident:decide', resource)) {
    throw new AppError(403, 'decided_record', 'this incident carries a verification decision: only a coordinator may change it');
  }
  const statusChanged = next.verification.status !== current.verification.status;
  const decides = isDecided(next.verification.status) && (statusChanged || (sentVerification && changed.includes('verification')));
  if (decides || (statusChanged && isDecided(current.verification.status))) authorize(actor, 'incident:decide', resource);
  let route: ReturnType<typeof fourEyes>['route'] | null = null;
  if (decides) {
    // The same rules as the decision panel (decision.ts): four eyes as the organisation provides it, grounds stated.
    const outcome = fourEyes({
      decider: { userId: actor.userId, organisationId: actor.organisationId }, record: { organisationId: row.organisationId, createdBy: row.createdBy },
      mode: rules.fourEyesMode, viaReview: false, justification: next.verification.selfDecisionJustification,
    });
    if (outcome.problem) throw validationFailed([{ ...outcome.problem, field: `verification.${outcome.problem.field}` }], 403, 'four_eyes');
    const grounds = groundsProblems(next.verification, next.sources.length).map((p) => ({ ...p, field: `verification.${p.field}` }));
    if (grounds.length) throw invalid(grounds);
    route = outcome.route;
    if (route !== 'recorder_justified') next.verification.selfDecisionJustification = null;
  }
  if (changed.includes('assignedTo')) {
    authorize(actor, 'incident:assign', resource);
    await checkAssignees(ctx, actor, next.assignedTo);
  }
  const sensitiveChanged = changed.includes('narrative') || changed.includes('place') || changed.includes('survivors');
  const sealed = sensitiveChanged && !row.erasedAt ? reseal(ctx, row, sensitiveOf(next)) : null;
  if (row.erasedAt && sensitiveChanged && hasIdentifying(next)) {
    throw new AppError(409, 'erased', 'the identifying part of this incident was erased at the survivor\'s request: narrative, locality, coordinates and individual victims cannot be filled in again');
  }
  return ctx.db.transaction(async (tx) => {
    const updated = await updateIncidentRow(tx, row.organisationId, id, version, {
      ...clearColumns(next),
      ...(statusChanged || decides ? decisionColumns(actor.userId, route) : {}),
      ...(sealed ? { sensitiveEnc: sealed } : {}),
    });
    if (!updated) throw conflict('version_conflict', 'version: the incident was changed by someone else; reload it and apply your change again');
    const vs = changed.includes('violations') ? await replaceViolations(tx, row.organisationId, id, next.violations) : violations;
    await writeVersion(tx, ctx.master, {
      organisationId: row.organisationId, incidentId: id, version: updated.version, action: 'update', changedBy: actor.userId, changedFields: changed, snapshot: next, wrappedKey: row.wrappedKey,
      sealedChanges: sealedChanges(base, next),
    });
    if (statusChanged || decides) await closeOpenReviews(tx, row.organisationId, id, actor.userId, decides ? 'decided' : 'withdrawn');
    await appendAudit(tx, auditActor(actor, ip), {
      action: 'incident.update', entityType: 'incident', entityId: id,
      details: { reference: row.reference, changed, version: updated.version, ...(statusChanged ? { status: { from: current.verification.status, to: next.verification.status } } : {}) },
    });
    const detail = presentDetail(updated, vs, sensitiveOf(next), await openReviewOf(tx, row.organisationId, id));
    return maySeeFields(actor, 'identifying', resource) ? detail : withholdIdentifying(detail);
  });
}
