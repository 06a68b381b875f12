/** SQL for duplicate review: neighbours of a record (the blocking rule in SQL) and reviewers' decisions. */
import { and, desc, eq, gte, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { IncidentScope } from '../../policy/policy.ts';
import { duplicateDecisions, incidents } from '../tables.ts';
import { formsOf, scopeCondition, type IncidentRow } from '../store.ts';
import { DATE_WINDOW_DAYS } from './score.ts';

/**
 * Records the actor may see that could describe the same incident: same country, same admin 1 (or unknown
 * on either side), dates within the window, not deleted, not already linked, and not marked distinct. A
 * busy area can hold more than `limit` of them: the nearest in time come first (they were taken in no
 * order, so the one record of the same day could be left out), then those in the same admin 2 or none.
 */
export async function neighbours(db: DbOrTx, scope: IncidentScope, row: IncidentRow, limit = 1000) {
  const distinct = sql`exists (select 1 from ${duplicateDecisions} d where d.decision = 'distinct' and d.undone_at is null
    and ((d.incident_id = ${row.id} and d.other_id = ${incidents.id}) or (d.other_id = ${row.id} and d.incident_id = ${incidents.id})))`;
  const rows = await db.select().from(incidents).where(and(
    scopeCondition(scope), isNull(incidents.canonicalId), ne(incidents.id, row.id),
    // A linked record's own counterpart is already decided on, not a candidate.
    row.canonicalId ? ne(incidents.id, row.canonicalId) : undefined,
    eq(incidents.country, row.country),
    row.admin1 ? or(isNull(incidents.admin1), eq(incidents.admin1, row.admin1)) : undefined,
    gte(sql`coalesce(${incidents.occurredTo}, ${incidents.occurredFrom})`, sql`${row.occurredFrom}::date - ${DATE_WINDOW_DAYS}::int`),
    lte(incidents.occurredFrom, sql`${row.occurredTo ?? row.occurredFrom}::date + ${DATE_WINDOW_DAYS}::int`),
    sql`not ${distinct}`,
  )).orderBy(
    sql`greatest(${incidents.occurredFrom} - ${row.occurredTo ?? row.occurredFrom}::date, ${row.occurredFrom}::date - coalesce(${incidents.occurredTo}, ${incidents.occurredFrom}), 0)`,
    sql`(${incidents.admin2} is not null and ${incidents.admin2} is distinct from ${row.admin2 ?? null})`,
    incidents.id,
  ).limit(limit);
  return { rows, forms: await formsOf(db, scope.organisationId, rows.map((r) => r.id)) };
}

export type DecisionRow = typeof duplicateDecisions.$inferSelect;

export async function insertDecision(tx: DbOrTx, values: typeof duplicateDecisions.$inferInsert): Promise<DecisionRow> {
  const [row] = await tx.insert(duplicateDecisions).values(values).returning();
  return row!;
}

export async function findDecision(db: DbOrTx, organisationId: string, id: string): Promise<DecisionRow | null> {
  const [row] = await db.select().from(duplicateDecisions).where(and(eq(duplicateDecisions.organisationId, organisationId), eq(duplicateDecisions.id, id))).limit(1);
  return row ?? null;
}

/** Every decision involving a record, newest first (undone ones included: the review has a history). */
export async function decisionsFor(db: DbOrTx, organisationId: string, incidentId: string): Promise<DecisionRow[]> {
  return db.select().from(duplicateDecisions)
    .where(and(eq(duplicateDecisions.organisationId, organisationId), or(eq(duplicateDecisions.incidentId, incidentId), eq(duplicateDecisions.otherId, incidentId))))
    .orderBy(desc(duplicateDecisions.decidedAt));
}

export async function markUndone(tx: DbOrTx, id: string, by: string): Promise<DecisionRow> {
  const [row] = await tx.update(duplicateDecisions).set({ undoneAt: new Date(), undoneBy: by }).where(eq(duplicateDecisions.id, id)).returning();
  return row!;
}

/** Links `otherId` (and whatever was linked to it) to `canonicalId`. */
export async function linkTo(tx: DbOrTx, organisationId: string, canonicalId: string, otherId: string): Promise<void> {
  await tx.update(incidents).set({ canonicalId })
    .where(and(eq(incidents.organisationId, organisationId), or(eq(incidents.id, otherId), eq(incidents.canonicalId, otherId))));
}

export async function unlink(tx: DbOrTx, organisationId: string, canonicalId: string, otherId: string): Promise<void> {
  await tx.update(incidents).set({ canonicalId: null })
    .where(and(eq(incidents.organisationId, organisationId), eq(incidents.id, otherId), eq(incidents.canonicalId, canonicalId)));
}
