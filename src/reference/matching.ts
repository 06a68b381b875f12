/**
 * The coordinators' matching of the datasets' actors to the registry: the actors of the versions the
 * organisation reads (its own choice, else the server's default) that nothing links (links.ts), with the
 * registry's closest parties proposed (parties/similarity.ts, as for party names written in records), and the organisation's decisions - an actor is this party, or is not in
 * the registry - each audited and undone by removing it (the audit log keeps both).
 */
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import { appendAudit, auditActor } from '../platform/audit/audit.ts';
import { badRequest, notFound } from '../platform/http/errors.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import type { ActorDecide, ActorMatching } from '../shared/reference.ts';
import { candidatesFor, current } from '../parties/links.ts';
import { refsOf } from '../parties/service.ts';
import { decisionsOf, linkActors } from './links.ts';
import { referenceActorDecisions } from './tables.ts';
import { actorsOf, currentVersions } from './versions.ts';

/** The actors of the versions the organisation reads. */
async function currentActors(ctx: AppContext, organisationId: string) {
  return actorsOf(ctx.db, Object.values(await currentVersions(ctx.db, organisationId)));
}

export async function listMatching(ctx: AppContext, actor: Actor, lang: string): Promise<ActorMatching> {
  authorize(actor, 'reference:match');
  const org = actor.organisationId;
  const actors = await currentActors(ctx, org);
  const links = await linkActors(ctx.db, org, actors);
  const decisions = await decisionsOf(ctx.db, org);
  const unmatched = actors.filter((a) => !links.has(a.key)).sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name));
  const candidates = await candidatesFor(ctx.db, org, unmatched.map((a) => a.name));
  const refs = await refsOf(ctx.db, org, [...[...candidates.values()].flat().map((c) => c.partyId), ...decisions.flatMap((d) => (d.partyId ? [d.partyId] : []))], lang);
  const byKey = new Map(actors.map((a) => [a.key, a]));
  return {
    actors: actors.length,
    linked: [...links.values()].filter((l) => l.partyId).length,
    unmatched: unmatched.map((a) => ({
      ...a,
      candidates: (candidates.get(a.name) ?? []).flatMap((c) => { const party = refs.get(c.partyId); return party ? [{ party, name: c.name, score: c.score }] : []; }),
    })),
    // Decisions about actors the current versions no longer have stay (a later version may bring them back) but are not listed.
    decided: decisions.flatMap((d) => {
      const a = byKey.get(d.actorKey);
      return a ? [{ ...a, party: d.partyId ? refs.get(d.partyId) ?? null : null, choice: d.choice ? 'not_in_registry' as const : null, decidedAt: d.decidedAt.toISOString() }] : [];
    }).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export async function decideActor(ctx: AppContext, actor: Actor, body: ActorDecide, ip: string | null, lang: string): Promise<ActorMatching> {
  authorize(actor, 'reference:match');
  const org = actor.organisationId;
  const known = (await currentActors(ctx, org)).find((a) => a.key === body.key);
  if (!known) throw notFound('actor');
  await ctx.db.transaction(async (tx) => {
    const partyId = body.partyId ? (await current(tx, org, [body.partyId])).get(body.partyId) : null;
    if (body.partyId && !partyId) throw badRequest('partyId', 'party_unknown', 'is not a party your organisation can see');
    const values = { organisationId: org, actorKey: known.key, actor: known.name, partyId: partyId ?? null, choice: body.choice ?? null, decidedBy: actor.userId, decidedAt: new Date() };
    await tx.insert(referenceActorDecisions).values(values).onConflictDoUpdate({
      target: [referenceActorDecisions.organisationId, referenceActorDecisions.actorKey],
      set: { partyId: values.partyId, choice: values.choice, decidedBy: values.decidedBy, decidedAt: values.decidedAt },
    });
    await appendAudit(tx, auditActor(actor, ip), {
      action: 'reference.actor_decided', entityType: 'party', entityId: partyId ?? undefined,
      details: { actor: known.name, ucdpActorId: known.ucdpActorId, choice: body.choice ?? null },
    });
  });
  return listMatching(ctx, actor, lang);
}

export async function undoActorDecision(ctx: AppContext, actor: Actor, key: string, ip: string | null, lang: string): Promise<ActorMatching> {
  authorize(actor, 'reference:match');
  const org = actor.organisationId;
  await ctx.db.transaction(async (tx) => {
    const [gone] = await tx.delete(referenceActorDecisions)
      .where(and(eq(referenceActorDecisions.organisationId, org), eq(referenceActorDecisions.actorKey, key))).returning();
    if (!gone) throw notFound('decision');
    await appendAudit(tx, auditActor(actor, ip), {
      action: 'reference.actor_decision_undone', entityType: 'party', entityId: gone.partyId ?? undefined,
      details: { actor: gone.actor, choice: gone.choice },
    });
  });
  return listMatching(ctx, actor, lang);
}
