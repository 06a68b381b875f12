/**
 * Four eyes for a one-person office: a record put to a designated reviewer of a partner or headquarters
 * organisation. The recorder or a coordinator puts it (or withdraws it); the reviewer lists what is put to
 * them, reads a record (restricted fields; the narrative only if shared; never locality, coordinates or
 * individual victims) and decides it. Nothing else of the organisation is reachable: every read goes through
 * `grantOf` and policy.mayReview, and answers 404 otherwise (audited, like any probe). Access ends when the
 * record is decided (by anyone), withdrawn, deleted, or the reviewer is no longer designated.
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { appendAudit, auditActor, recordAudit } from '../../platform/audit/audit.ts';
import { AppError, conflict, notFound } from '../../platform/http/errors.ts';
import { authorize, mayPutToReview, mayReview, maySeeFields, reviewerMaySee, type Actor, type ReviewGrant } from '../../policy/policy.ts';
import { organisationOf } from '../../identity/sessions.ts';
import { users } from '../../identity/tables.ts';
import { designates, loadRules, reviewersOf, type OrganisationRules } from '../../organisation/settings.ts';
import type { IncidentDecision, IncidentDetail } from '../../shared/incident.ts';
import type { ReviewList, ReviewRecord, ReviewRequest } from '../../shared/review.ts';
import { applyDecision } from '../decision.ts';
import { presentDetail, withholdIdentifying, type SensitiveFields } from '../presenter.ts';
import { findIncident, type IncidentRow, type ViolationRow } from '../store.ts';
import { decrypt, loadVisible, NO_SENSITIVE, resourceOf } from '../support.ts';
import { isDecided } from '../verification.ts';
import { closeOpenReviews, findReview, insertReview, openReviewOf, openReviewsFor, type ReviewRow } from './store.ts';

const UNDECIDED_ONLY = 'only a record waiting for a decision (reported or pending) can be put to a reviewer';

export async function putToReview(ctx: AppContext, actor: Actor, incidentId: string, body: ReviewRequest, ip: string | null): Promise<IncidentDetail> {
  const { row } = await loadVisible(ctx, actor, incidentId, 'incident:read', ip);
  if (!mayPutToReview(actor, resourceOf(row))) throw new AppError(403, 'forbidden', 'only the record\'s recorder or a coordinator puts it to a reviewer');
  const rules = await loadRules(ctx.db, row.organisationId);
  if (rules.fourEyesMode !== 'partner_reviewer') throw conflict('not_partner_mode', 'your organisation does not send decisions to a partner reviewer (organisation settings)');
  const [reviewer] = await reviewersOf(ctx.db, designates(rules, body.reviewerId) ? [body.reviewerId] : []);
  if (!reviewer?.active) throw new AppError(400, 'validation_failed', 'reviewerId: must be one of your organisation\'s designated reviewers', [{ field: 'reviewerId', code: 'not_designated_reviewer' }]);
  if (isDecided(row.verificationStatus as IncidentDetail['verification']['status'])) throw conflict('decided', UNDECIDED_ONLY);
  if (await openReviewOf(ctx.db, row.organisationId, row.id)) throw conflict('already_put', 'this record is already put to a reviewer: withdraw it first');
  const reviewerOrg = await reviewerOrganisation(ctx, body.reviewerId);
  await ctx.db.transaction(async (tx) => {
    const review = await insertReview(tx, {
      organisationId: row.organisationId, incidentId: row.id, reviewerId: body.reviewerId, reviewerOrganisationId: reviewerOrg,
      requestedBy: actor.userId, shareNarrative: body.shareNarrative, note: body.note || null,
    });
    await appendAudit(tx, auditActor(actor, ip), {
      action: 'incident.put_to_review', entityType: 'incident', entityId: row.id,
      details: { reference: row.reference, review: review.id, reviewer: body.reviewerId, reviewerOrganisation: reviewerOrg, shareNarrative: body.shareNarrative },
    });
  }).catch((e: unknown) => {
    // Two requests at once: the partial unique index keeps one open review per record.
    if ((e as { code?: string }).code === '23505') throw conflict('already_put', 'this record is already put to a reviewer: withdraw it first');
    throw e;
  });
  return readBack(ctx, actor, row.id, ip);
}

export async function withdrawReview(ctx: AppContext, actor: Actor, incidentId: string, ip: string | null): Promise<IncidentDetail> {
  const { row } = await loadVisible(ctx, actor, incidentId, 'incident:read', ip);
  if (!mayPutToReview(actor, resourceOf(row))) throw new AppError(403, 'forbidden', 'only the record\'s recorder or a coordinator withdraws it from a reviewer');
  await ctx.db.transaction(async (tx) => {
    const closed = await closeOpenReviews(tx, row.organisationId, row.id, actor.userId, 'withdrawn');
    if (closed.length === 0) throw notFound('open review');
    await appendAudit(tx, auditActor(actor, ip), { action: 'incident.review_withdrawn', entityType: 'incident', entityId: row.id, details: { reference: row.reference, review: closed[0] } });
  });
  return readBack(ctx, actor, row.id, ip);
}

async function reviewerOrganisation(ctx: AppContext, userId: string): Promise<string> {
  const [r] = await ctx.db.select({ organisationId: users.organisationId }).from(users).where(eq(users.id, userId)).limit(1);
  if (!r) throw notFound('reviewer');
  return r.organisationId;
}

async function readBack(ctx: AppContext, actor: Actor, id: string, ip: string | null): Promise<IncidentDetail> {
  const { row, violations } = await loadVisible(ctx, actor, id, 'incident:read', ip);
  const review = await openReviewOf(ctx.db, row.organisationId, row.id);
  return maySeeFields(actor, 'identifying', resourceOf(row))
    ? presentDetail(row, violations, decrypt(ctx, row), review)
    : withholdIdentifying(presentDetail(row, violations, NO_SENSITIVE, review));
}

/** Everything that must hold for a reviewer to reach a record, loaded; null when the review or record is gone. */
async function grantOf(ctx: AppContext, reviewId: string): Promise<{ review: ReviewRow; grant: ReviewGrant; rules: OrganisationRules; found: { row: IncidentRow; violations: ViolationRow[] } } | null> {
  const review = await findReview(ctx.db, reviewId);
  if (!review) return null;
  const found = await findIncident(ctx.db, review.organisationId, review.incidentId);
  if (!found) return null;
  const rules = await loadRules(ctx.db, review.organisationId);
  const grant: ReviewGrant = {
    organisationId: review.organisationId, reviewerOrganisationId: review.reviewerOrganisationId, reviewerId: review.reviewerId,
    open: review.closedAt === null, designated: designates(rules, review.reviewerId), shareNarrative: review.shareNarrative,
  };
  return { review, grant, rules, found };
}

/** Loads what the reviewer may reach, or answers 404 (and audits the attempt). */
async function reachable(ctx: AppContext, actor: Actor, reviewId: string, attempted: string, ip: string | null) {
  authorize(actor, 'review:act');
  const g = await grantOf(ctx, reviewId);
  if (!g || !mayReview(actor, g.grant)) {
    await recordAudit(ctx.db, auditActor(actor, ip), { action: 'review.access_denied', entityType: 'review', entityId: reviewId, details: { attempted } });
    throw notFound('review');
  }
  return g;
}

/** The record as the reviewer sees it: restricted fields, the narrative if shared, nothing of the organisation's people. */
function reviewerView(actor: Actor, grant: ReviewGrant, row: IncidentRow, violations: ViolationRow[], sensitive: SensitiveFields): IncidentDetail {
  const narrative = reviewerMaySee(actor, grant, 'narrative') ? sensitive.narrative : '';
  const detail = withholdIdentifying(presentDetail(row, violations, NO_SENSITIVE));
  return { ...detail, narrative, assignedTo: [], verification: { ...detail.verification, review: null } };
}

export async function listReviews(ctx: AppContext, actor: Actor, ip: string | null): Promise<ReviewList> {
  authorize(actor, 'review:act');
  const rows = await openReviewsFor(ctx.db, actor.userId);
  const rulesByOrg = new Map<string, OrganisationRules>();
  const items = [];
  for (const r of rows) {
    if (r.review.reviewerOrganisationId !== actor.organisationId) continue;
    const rules = rulesByOrg.get(r.review.organisationId) ?? await loadRules(ctx.db, r.review.organisationId);
    rulesByOrg.set(r.review.organisationId, rules);
    if (!designates(rules, actor.userId)) continue;
    items.push({
      id: r.review.id, organisation: { code: r.orgCode, name: r.orgName }, reference: r.incident.reference,
      occurredFrom: r.incident.occurredFrom, occurredTo: r.incident.occurredTo, country: r.incident.country,
      status: r.incident.verificationStatus as ReviewList['items'][number]['status'], requestedAt: r.review.requestedAt.toISOString(), shareNarrative: r.review.shareNarrative,
    });
  }
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'review.list', entityType: 'review', details: { returned: items.length } });
  return { items };
}

export async function readReview(ctx: AppContext, actor: Actor, reviewId: string, ip: string | null): Promise<ReviewRecord> {
  const { review, grant, found } = await reachable(ctx, actor, reviewId, 'review:read', ip);
  const shared = reviewerMaySee(actor, grant, 'narrative');
  const sensitive = shared ? decrypt(ctx, found.row) : NO_SENSITIVE;
  // Audited in the record's organisation: its coordinators see who outside read their record, and what of it.
  await recordAudit(ctx.db, auditActor(actor, ip), {
    action: 'incident.review_read', entityType: 'incident', entityId: found.row.id, organisationId: found.row.organisationId,
    details: { reference: found.row.reference, review: review.id, reviewerOrganisation: actor.organisationId, narrative: shared },
  });
  return presentReview(ctx, actor, review, grant, found.row, found.violations, sensitive);
}

async function presentReview(ctx: AppContext, actor: Actor, review: ReviewRow, grant: ReviewGrant, row: IncidentRow, violations: ViolationRow[], sensitive: SensitiveFields): Promise<ReviewRecord> {
  const org = await organisationOf(ctx.db, review.organisationId);
  return {
    review: { id: review.id, organisation: { code: org?.code ?? '', name: org?.name ?? '' }, requestedAt: review.requestedAt.toISOString(), note: review.note, shareNarrative: review.shareNarrative },
    incident: reviewerView(actor, grant, row, violations, sensitive),
  };
}

/** The reviewer decides; the review closes with the decision, and with it the reviewer's access. */
export async function decideAsReviewer(ctx: AppContext, actor: Actor, reviewId: string, body: IncidentDecision, ip: string | null): Promise<ReviewRecord> {
  const { review, grant, rules, found } = await reachable(ctx, actor, reviewId, 'review:decide', ip);
  const { row, violations, sensitive } = await applyDecision(ctx, actor, found, body, rules, review, ip);
  return presentReview(ctx, actor, { ...review, closedAt: new Date(), outcome: 'decided' }, grant, row, violations, reviewerMaySee(actor, grant, 'narrative') ? sensitive : NO_SENSITIVE);
}
