/**
 * The organisation's settings page: read (administrators and coordinators) and change (administrators),
 * audited in the same transaction. Designated reviewers must be active coordinators of another organisation;
 * a reviewer taken off the list (or the mode changed) loses the records put to them at once: their open
 * reviews are withdrawn in the same change.
 */
import { and, eq, inArray, isNull, not, sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import { appendAudit, auditActor } from '../platform/audit/audit.ts';
import { notFound, type DescribedIssue, validationFailed } from '../platform/http/errors.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import { organisations, users } from '../identity/tables.ts';
import { organisationOf } from '../identity/sessions.ts';
import { incidentReviews } from '../incidents/tables.ts';
import type { OrganisationSettings, OrganisationSettingsUpdate, RecordingRules } from '../shared/organisation.ts';
import { loadRules, recordingRules, reviewersOf } from './settings.ts';
import { organisationSettings } from './tables.ts';

export async function getSettings(ctx: AppContext, actor: Actor): Promise<OrganisationSettings> {
  authorize(actor, 'organisation:settings:read');
  const org = await organisationOf(ctx.db, actor.organisationId);
  if (!org) throw notFound('organisation');
  const rules = await loadRules(ctx.db, org.id);
  return {
    organisation: { code: org.code, name: org.name },
    fourEyes: { mode: rules.fourEyesMode, reviewers: await reviewersOf(ctx.db, rules.reviewerIds) },
    completeness: rules.completeness,
    narrativeMaxLength: rules.narrativeMaxLength,
    requireTotp: org.requireTotp,
    disclosure: rules.disclosure,
    updatedAt: rules.updatedAt?.toISOString() ?? null,
    updatedBy: rules.updatedBy,
  };
}

export async function getRecordingRules(ctx: AppContext, actor: Actor): Promise<RecordingRules> {
  authorize(actor, 'organisation:rules');
  return recordingRules(ctx.db, actor.organisationId);
}

/** Reviewer emails -> user ids; every email must be an active coordinator of another organisation. */
async function resolveReviewers(ctx: AppContext, actor: Actor, emails: readonly string[]): Promise<string[]> {
  if (emails.length === 0) return [];
  const rows = await ctx.db.select({ id: users.id, email: users.email, role: users.role, disabledAt: users.disabledAt, organisationId: users.organisationId })
    .from(users).where(inArray(sql`lower(${users.email})`, emails.map((e) => e.toLowerCase())));
  const byEmail = new Map(rows.map((r) => [r.email.toLowerCase(), r]));
  const issues: DescribedIssue[] = [];
  const ids = emails.map((email, i) => {
    const u = byEmail.get(email.toLowerCase());
    const field = `fourEyes.reviewers.${i}`;
    if (!u || u.role !== 'coordinator' || u.disabledAt) issues.push({ field, code: 'reviewer_not_coordinator', message: 'must be the email of an active coordinator of a partner or headquarters organisation' });
    else if (u.organisationId === actor.organisationId) issues.push({ field, code: 'reviewer_own_org', message: 'must be of another organisation (a coordinator of your own decides without being designated)' });
    return u?.id ?? '';
  });
  if (issues.length) throw validationFailed(issues);
  return ids;
}

export async function updateSettings(ctx: AppContext, actor: Actor, body: OrganisationSettingsUpdate, ip: string | null): Promise<OrganisationSettings> {
  authorize(actor, 'organisation:settings:manage');
  const before = await getSettings(ctx, actor);
  const reviewerIds = await resolveReviewers(ctx, actor, body.fourEyes.reviewers);
  const keep = body.fourEyes.mode === 'partner_reviewer' ? reviewerIds : [];
  const changed = [
    ...(before.fourEyes.mode !== body.fourEyes.mode ? ['fourEyes.mode'] : []),
    ...(JSON.stringify(before.fourEyes.reviewers.map((r) => r.id).sort()) !== JSON.stringify([...reviewerIds].sort()) ? ['fourEyes.reviewers'] : []),
    ...(JSON.stringify(before.completeness) !== JSON.stringify(body.completeness) ? ['completeness'] : []),
    ...(before.narrativeMaxLength !== body.narrativeMaxLength ? ['narrativeMaxLength'] : []),
    ...(before.requireTotp !== body.requireTotp ? ['requireTotp'] : []),
    ...(body.disclosure && JSON.stringify(before.disclosure) !== JSON.stringify(body.disclosure) ? ['disclosure'] : []),
  ];
  const disclosure = body.disclosure ?? before.disclosure;
  const values = {
    fourEyesMode: body.fourEyes.mode, reviewerIds, ...body.completeness, narrativeMaxLength: body.narrativeMaxLength,
    suppressionThreshold: disclosure.threshold, protectZeros: disclosure.protectZeros,
    updatedAt: new Date(), updatedBy: actor.userId,
  };
  await ctx.db.transaction(async (tx) => {
    await tx.insert(organisationSettings).values({ organisationId: actor.organisationId, ...values })
      .onConflictDoUpdate({ target: organisationSettings.organisationId, set: values });
    await tx.update(organisations).set({ requireTotp: body.requireTotp }).where(eq(organisations.id, actor.organisationId));
    // Reviewers no longer designated lose what was put to them, now (not at their next attempt).
    const withdrawn = await tx.update(incidentReviews).set({ closedAt: new Date(), closedBy: actor.userId, outcome: 'withdrawn' })
      .where(and(eq(incidentReviews.organisationId, actor.organisationId), isNull(incidentReviews.closedAt),
        keep.length ? not(inArray(incidentReviews.reviewerId, keep)) : undefined))
      .returning({ id: incidentReviews.id });
    await appendAudit(tx, auditActor(actor, ip), {
      action: 'organisation.settings_update', entityType: 'organisation', entityId: actor.organisationId,
      details: { changed, fourEyesMode: body.fourEyes.mode, reviewers: reviewerIds.length, reviewsWithdrawn: withdrawn.length },
    });
  });
  return getSettings(ctx, actor);
}
