/**
 * Reading the registry: the list with its filters, the type-ahead, and one party with everything known of
 * it. Everyone who records or reads may (parties:read); each sees the reference layer and their own
 * organisation's parties, never another organisation's (those are "not found").
 */
import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { notFound } from '../platform/http/errors.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import type { PartyDetail, PartyList, PartyListQuery, PartyRef, PartySuggestions, PartySuggestQuery } from '../shared/parties.ts';
import { presentDetail, presentMerge, presentRef, presentSummary, sortNames } from './presenter.ts';
import { displayNames, findParty, listParties, namesOf, suggest, visibleTo, type PartyRow } from './store.ts';
import { parties, partyExternalIds, partyMergeMoves, partyMerges, partyRelations } from './tables.ts';

/** Ids in number order where they are numbers ("265" before "11347"). */
const NUMERIC = new Intl.Collator('en', { numeric: true });

export async function listPartiesFor(ctx: AppContext, actor: Actor, query: PartyListQuery, lang: string): Promise<PartyList> {
  authorize(actor, 'parties:read');
  const { rows, total } = await listParties(ctx.db, actor.organisationId, query);
  const display = await displayNames(ctx.db, actor.organisationId, rows, lang);
  return { items: rows.map((r) => presentSummary(r, display.get(r.id))), total, page: query.page, pageSize: query.pageSize };
}

export async function suggestPartiesFor(ctx: AppContext, actor: Actor, query: PartySuggestQuery, lang: string): Promise<PartySuggestions> {
  authorize(actor, 'parties:read');
  const found = await suggest(ctx.db, actor.organisationId, query.q, query.limit);
  const display = await displayNames(ctx.db, actor.organisationId, found.map((f) => f.party), lang);
  return {
    items: found.map((f) => ({ ...presentSummary(f.party, display.get(f.party.id)), match: { ...f.match, kind: f.match.kind as 'canonical' | 'short' | 'alias' } })),
  };
}

/** References to these parties, named in the language. */
export async function refsOf(db: DbOrTx, organisationId: string, ids: readonly string[], lang: string): Promise<Map<string, PartyRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select().from(parties).where(and(inArray(parties.id, unique), visibleTo(parties.organisationId, organisationId)));
  const display = await displayNames(db, organisationId, rows, lang);
  return new Map(rows.map((r) => [r.id, presentRef(r, display.get(r.id))]));
}

async function mergesOf(db: DbOrTx, organisationId: string, id: string, lang: string) {
  const merges = await db.select().from(partyMerges)
    .where(and(eq(partyMerges.organisationId, organisationId), or(eq(partyMerges.fromPartyId, id), eq(partyMerges.intoPartyId, id))))
    .orderBy(desc(partyMerges.mergedAt));
  if (merges.length === 0) return [];
  const moves = await db.select({ mergeId: partyMergeMoves.mergeId, kind: partyMergeMoves.kind }).from(partyMergeMoves)
    .where(inArray(partyMergeMoves.mergeId, merges.map((m) => m.id)));
  const refs = await refsOf(db, organisationId, merges.flatMap((m) => [m.fromPartyId, m.intoPartyId]), lang);
  return merges.map((m) => {
    const moved: Record<string, number> = {};
    for (const mv of moves) if (mv.mergeId === m.id) moved[mv.kind] = (moved[mv.kind] ?? 0) + 1;
    return presentMerge(m, refs, moved);
  });
}

/** One party as its page shows it (the row already found visible). */
export async function partyDetail(db: DbOrTx, organisationId: string, row: PartyRow, lang: string): Promise<PartyDetail> {
  const names = await namesOf(db, organisationId, [row.id]);
  const externalIds = await db.select().from(partyExternalIds)
    .where(and(eq(partyExternalIds.partyId, row.id), visibleTo(partyExternalIds.organisationId, organisationId)))
    .then((rows) => rows.sort((a, b) => a.scheme.localeCompare(b.scheme) || NUMERIC.compare(a.value, b.value)));
  const relations = await db.select().from(partyRelations)
    .where(and(or(eq(partyRelations.fromPartyId, row.id), eq(partyRelations.toPartyId, row.id)), visibleTo(partyRelations.organisationId, organisationId)))
    .orderBy(partyRelations.createdAt);
  const children = await db.select({ id: parties.id }).from(parties)
    .where(and(eq(parties.parentId, row.id), visibleTo(parties.organisationId, organisationId), isNull(parties.mergedInto)));
  const refs = await refsOf(db, organisationId, [...relations.flatMap((r) => [r.fromPartyId, r.toPartyId]), ...children.map((c) => c.id), ...(row.parentId ? [row.parentId] : [])], lang);
  const display = await displayNames(db, organisationId, [row], lang);
  return presentDetail({
    row, display: display.get(row.id)!, names: sortNames(names, lang), externalIds,
    relations: relations.filter((r) => refs.has(r.fromPartyId) && refs.has(r.toPartyId)), refs,
    parent: row.parentId ? refs.get(row.parentId) ?? null : null,
    children: children.map((c) => refs.get(c.id)!).filter(Boolean).sort((a, b) => a.name.localeCompare(b.name)),
    merges: await mergesOf(db, organisationId, row.id, lang),
  });
}

export async function getParty(ctx: AppContext, actor: Actor, id: string, lang: string): Promise<PartyDetail> {
  authorize(actor, 'parties:read');
  const row = await findParty(ctx.db, actor.organisationId, id);
  if (!row) throw notFound('party');
  return partyDetail(ctx.db, actor.organisationId, row, lang);
}
