/**
 * Which registry party each actor of the datasets is, from one organisation's point of view (the reference
 * parties and its own, never another organisation's). In order: the organisation's decision; else the one
 * party carrying the actor's UCDP actor id (`party_external_ids`, scheme ucdp_actor) - unless the actor's name
 * is another single party's name and not this one's (a row the conflict file contradicts: SVAC has
 * "United States of America" under Hyderabad's id); else the one party carrying the actor's name or alias
 * (folded: accents, case, punctuation aside); else unmatched. Merged duplicates are followed to the party
 * they were merged into. Reads only; decisions are written by matching.ts.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../platform/db/database.ts';
import type { ActorLinkVia } from '../shared/reference.ts';
import { current } from '../parties/links.ts';
import { partiesNamed, visibleTo } from '../parties/store.ts';
import { partyExternalIds } from '../parties/tables.ts';
import { referenceActorDecisions } from './tables.ts';

export interface ActorIdentity { key: string; name: string; ucdpActorId: string | null }
export type ActorLink = { partyId: string; via: ActorLinkVia } | { partyId: null; via: 'decided' };

type DecisionRow = typeof referenceActorDecisions.$inferSelect;

export async function decisionsOf(db: DbOrTx, organisationId: string, keys?: readonly string[]): Promise<DecisionRow[]> {
  if (keys && keys.length === 0) return [];
  return db.select().from(referenceActorDecisions)
    .where(and(eq(referenceActorDecisions.organisationId, organisationId), keys ? inArray(referenceActorDecisions.actorKey, [...keys]) : undefined));
}

/** The parties (followed through merges) carrying each UCDP actor id. */
async function partiesByUcdpId(db: DbOrTx, organisationId: string, ids: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (ids.length === 0) return out;
  const rows = await db.select({ value: partyExternalIds.value, partyId: partyExternalIds.partyId }).from(partyExternalIds)
    .where(and(eq(partyExternalIds.scheme, 'ucdp_actor'), inArray(partyExternalIds.value, [...new Set(ids)]), visibleTo(partyExternalIds.organisationId, organisationId)));
  const now = await current(db, organisationId, rows.map((r) => r.partyId));
  for (const r of rows) {
    const party = now.get(r.partyId);
    if (party) out.set(r.value, (out.get(r.value) ?? new Set()).add(party));
  }
  return out;
}

/** The link of each actor; unmatched actors are absent. */
export async function linkActors(db: DbOrTx, organisationId: string, actors: readonly ActorIdentity[]): Promise<Map<string, ActorLink>> {
  const out = new Map<string, ActorLink>();
  if (actors.length === 0) return out;
  const decisions = await decisionsOf(db, organisationId, actors.map((a) => a.key));
  const decidedParties = await current(db, organisationId, decisions.flatMap((d) => (d.partyId ? [d.partyId] : [])));
  for (const d of decisions) {
    if (d.choice) out.set(d.actorKey, { partyId: null, via: 'decided' });
    else if (d.partyId && decidedParties.has(d.partyId)) out.set(d.actorKey, { partyId: decidedParties.get(d.partyId)!, via: 'decided' });
  }
  const rest = actors.filter((a) => !decisions.some((d) => d.actorKey === a.key));
  const byId = await partiesByUcdpId(db, organisationId, rest.flatMap((a) => (a.ucdpActorId ? [a.ucdpActorId] : [])));
  const byName = await partiesNamed(db, organisationId, rest.map((a) => a.name));
  for (const a of rest) {
    const named = byName.get(a.name) ?? [];
    const ided = [...(a.ucdpActorId ? byId.get(a.ucdpActorId) ?? [] : [])];
    const contradicted = ided.length === 1 && named.length === 1 && named[0] !== ided[0];
    if (ided.length === 1 && !contradicted) out.set(a.key, { partyId: ided[0]!, via: 'ucdp_id' });
    else if (named.length === 1) out.set(a.key, { partyId: named[0]!, via: 'name' });
  }
  return out;
}
