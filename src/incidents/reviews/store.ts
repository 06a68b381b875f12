/** SQL for records put to partner reviewers, and nothing else. */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import { organisations, users } from '../../identity/tables.ts';
import type { OpenReview } from '../presenter.ts';
import { incidentReviews, incidents } from '../tables.ts';

export type ReviewRow = typeof incidentReviews.$inferSelect;

/** The open review of a record, with whom it is put to (null when none). */
export async function openReviewOf(db: DbOrTx, organisationId: string, incidentId: string): Promise<OpenReview> {
  const [r] = await db.select({ review: incidentReviews, email: users.email, orgName: organisations.name })
    .from(incidentReviews)
    .innerJoin(users, eq(users.id, incidentReviews.reviewerId))
    .innerJoin(organisations, eq(organisations.id, incidentReviews.reviewerOrganisationId))
    .where(and(eq(incidentReviews.organisationId, organisationId), eq(incidentReviews.incidentId, incidentId), isNull(incidentReviews.closedAt)))
    .limit(1);
  if (!r) return null;
  return {
    id: r.review.id, reviewerId: r.review.reviewerId, reviewerEmail: r.email, reviewerOrganisation: r.orgName,
    requestedBy: r.review.requestedBy, requestedAt: r.review.requestedAt.toISOString(), shareNarrative: r.review.shareNarrative,
  };
}

export async function findReview(db: DbOrTx, id: string): Promise<ReviewRow | null> {
  const [r] = await db.select().from(incidentReviews).where(eq(incidentReviews.id, id)).limit(1);
  return r ?? null;
}

export async function insertReview(tx: DbOrTx, values: typeof incidentReviews.$inferInsert): Promise<ReviewRow> {
  const [r] = await tx.insert(incidentReviews).values(values).returning();
  return r!;
}

/** Closes whatever review of the record is open (decided, or withdrawn); returns the ids closed. */
export async function closeOpenReviews(tx: DbOrTx, organisationId: string, incidentId: string, by: string, outcome: 'decided' | 'withdrawn'): Promise<string[]> {
  const rows = await tx.update(incidentReviews).set({ closedAt: new Date(), closedBy: by, outcome })
    .where(and(eq(incidentReviews.organisationId, organisationId), eq(incidentReviews.incidentId, incidentId), isNull(incidentReviews.closedAt)))
    .returning({ id: incidentReviews.id });
  return rows.map((r) => r.id);
}

/** A reviewer's open reviews with their records (live ones only), oldest request first. */
export async function openReviewsFor(db: DbOrTx, reviewerId: string) {
  return db.select({ review: incidentReviews, incident: incidents, orgCode: organisations.code, orgName: organisations.name })
    .from(incidentReviews)
    .innerJoin(incidents, and(eq(incidents.id, incidentReviews.incidentId), eq(incidents.organisationId, incidentReviews.organisationId), isNull(incidents.deletedAt)))
    .innerJoin(organisations, eq(organisations.id, incidentReviews.organisationId))
    .where(and(eq(incidentReviews.reviewerId, reviewerId), isNull(incidentReviews.closedAt)))
    .orderBy(asc(incidentReviews.requestedAt));
}
