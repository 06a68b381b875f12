/**
 * A coordinator's plain-language assessment of a party, beside the data. Each save is a new version (who,
 * when), never a change to an old one (the table refuses it); the history is read whole. A save names the
 * version its writer started from, so two coordinators writing at once cannot overwrite each other unseen.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { appendAudit, auditActor } from '../platform/audit/audit.ts';
import { notFound } from '../platform/http/errors.ts';
import { refuse, usableParty } from '../parties/manage.ts';
import { findParty } from '../parties/store.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import type { Assessment, AssessmentInput, AssessmentVersion } from '../shared/compliance.ts';
import { partyAssessments } from './tables.ts';

/** Every version, oldest first, numbered from 1. */
async function versionsOf(db: DbOrTx, organisationId: string, partyId: string): Promise<AssessmentVersion[]> {
  const rows = await db.select().from(partyAssessments)
    .where(and(eq(partyAssessments.organisationId, organisationId), eq(partyAssessments.partyId, partyId))).orderBy(asc(partyAssessments.writtenAt), asc(partyAssessments.id));
  return rows.map((r, i) => ({ id: r.id, version: i + 1, text: r.text, writtenBy: r.writtenBy, writtenAt: r.writtenAt.toISOString() }));
}

const answer = (versions: AssessmentVersion[]): Assessment => ({ current: versions.at(-1) ?? null, versions: [...versions].reverse() });

export async function getAssessment(ctx: AppContext, actor: Actor, partyId: string): Promise<Assessment> {
  authorize(actor, 'commitments:read');
  if (!(await findParty(ctx.db, actor.organisationId, partyId))) throw notFound('party');
  return answer(await versionsOf(ctx.db, actor.organisationId, partyId));
}

export async function saveAssessment(ctx: AppContext, actor: Actor, partyId: string, body: AssessmentInput, ip: string | null): Promise<Assessment> {
  authorize(actor, 'commitments:manage');
  return ctx.db.transaction(async (tx) => {
    await usableParty(tx, actor, partyId);
    // One writer at a time per party and organisation (reference parties are shared: their row is not the lock).
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`assessment:${actor.organisationId}:${partyId}`}, 0))`);
    const versions = await versionsOf(tx, actor.organisationId, partyId);
    const current = versions.at(-1) ?? null;
    if ((current?.id ?? null) !== body.previousId) {
      throw refuse(409, 'previousId', 'assessment_changed', 'another version was saved since you started: read it, then write yours from it');
    }
    const [row] = await tx.insert(partyAssessments).values({
      organisationId: actor.organisationId, partyId, text: body.text, writtenBy: actor.userId,
      // The moment of writing, not of the transaction's start: versions are ordered by it.
      writtenAt: sql`clock_timestamp()`,
    }).returning();
    await appendAudit(tx, auditActor(actor, ip), {
      action: 'party.assessment_save', entityType: 'party', entityId: partyId, details: { version: versions.length + 1, assessment: row!.id, characters: body.text.length },
    });
    return answer([...versions, { id: row!.id, version: versions.length + 1, text: row!.text, writtenBy: row!.writtenBy, writtenAt: row!.writtenAt.toISOString() }]);
  });
}
