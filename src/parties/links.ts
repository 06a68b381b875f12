/**
 * What other capabilities ask the registry when a record names a party: which party a written name stands
 * for, and whether a party id a form sent is one the organisation can use (merged duplicates followed to
 * the party they were merged into). Reads only; the organisation's decisions are written by texts.ts.
 *
 * A name links when the organisation decided it (party_text_links: a party, or "not known", "unidentified
 * armed men"), or else when exactly one visible, unmerged party carries it as a name (canonical, short or
 * alias, any language, folded: accents, case, punctuation and word joins aside). Two parties sharing a name
 * ("Government of X" was a state party in two datasets, say) link nothing: a coordinator decides.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../platform/db/database.ts';
import type { PartySpecialChoice } from '../shared/parties.ts';
import { partyKeys } from './search-key.ts';
import { foldName, nameSimilarity } from './similarity.ts';
import { visibleTo } from './store.ts';
import { parties, partyNames, partyTextLinks } from './tables.ts';

/** How the name links: the organisation decided it, or a party carries it as its canonical or short name, or as an alias. */
export type LinkVia = 'decided' | 'name' | 'alias';
export type PartyLink = ({ partyId: string; choice: null } | { partyId: null; choice: PartySpecialChoice }) & { via: LinkVia };

export const textKey = (text: string): string => partyKeys(text).exactKey;

/** The link each written name has (by the name as given); names without one are absent. */
export async function linksForTexts(db: DbOrTx, organisationId: string, texts: readonly string[]): Promise<Map<string, PartyLink>> {
  const byKey = new Map<string, string[]>();
  for (const t of new Set(texts)) {
    const key = textKey(t);
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), t]);
  }
  const out = new Map<string, PartyLink>();
  if (byKey.size === 0) return out;
  const set = (key: string, link: PartyLink) => { for (const t of byKey.get(key) ?? []) out.set(t, link); };
  const keys = [...byKey.keys()];
  const decided = await db.select().from(partyTextLinks)
    .where(and(eq(partyTextLinks.organisationId, organisationId), inArray(partyTextLinks.textKey, keys)));
  const decidedIds = await current(db, organisationId, decided.flatMap((d) => (d.partyId ? [d.partyId] : [])));
  for (const d of decided) {
    if (d.choice) set(d.textKey, { partyId: null, choice: d.choice as PartySpecialChoice, via: 'decided' });
    else if (d.partyId && decidedIds.has(d.partyId)) set(d.textKey, { partyId: decidedIds.get(d.partyId)!, choice: null, via: 'decided' });
  }
  const rest = keys.filter((k) => !decided.some((d) => d.textKey === k));
  if (rest.length === 0) return out;
  const named = await db.selectDistinct({ key: partyNames.exactKey, partyId: partyNames.partyId, kind: partyNames.kind }).from(partyNames)
    .innerJoin(parties, eq(parties.id, partyNames.partyId))
    .where(and(inArray(partyNames.exactKey, rest), visibleTo(partyNames.organisationId, organisationId),
      visibleTo(parties.organisationId, organisationId), isNull(parties.mergedInto)));
  for (const key of rest) {
    const names = named.filter((n) => n.key === key);
    const ids = [...new Set(names.map((n) => n.partyId))];
    if (ids.length === 1) set(key, { partyId: ids[0]!, choice: null, via: names.some((n) => n.kind !== 'alias') ? 'name' : 'alias' });
  }
  return out;
}

/**
 * The party each id stands for now, for ids the organisation can see: itself, or (for a merged duplicate)
 * the party it was merged into, followed to the end. Ids it cannot see are absent.
 */
export async function current(db: DbOrTx, organisationId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let pending = new Map([...new Set(ids)].map((id) => [id, id]));
  for (let hop = 0; pending.size > 0 && hop < 20; hop++) {
    const rows = await db.select({ id: parties.id, mergedInto: parties.mergedInto }).from(parties)
      .where(and(inArray(parties.id, [...new Set(pending.values())]), visibleTo(parties.organisationId, organisationId)));
    const next = new Map<string, string>();
    for (const [original, at] of pending) {
      const row = rows.find((r) => r.id === at);
      if (!row) continue;
      if (row.mergedInto) next.set(original, row.mergedInto);
      else out.set(original, row.id);
    }
    pending = next;
  }
  return out;
}

/** The canonical name of each party (to keep beside a link chosen in a form, as the name written). */
export async function canonicalNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: parties.id, name: parties.name }).from(parties).where(inArray(parties.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface Candidate { partyId: string; name: string; score: number }

/**
 * Registry parties whose names come close to each written name (parties/similarity.ts), best first, at most
 * `limit` per name and none below `min`. Reads every visible name once (a few thousand with the reference
 * layer), so it serves a coordinator's review list, not each record written.
 */
export async function candidatesFor(db: DbOrTx, organisationId: string, texts: readonly string[], limit = 3, min = 0.5): Promise<Map<string, Candidate[]>> {
  const out = new Map<string, Candidate[]>();
  if (texts.length === 0) return out;
  const names = await db.select({ partyId: partyNames.partyId, name: partyNames.name }).from(partyNames)
    .innerJoin(parties, eq(parties.id, partyNames.partyId))
    .where(and(visibleTo(partyNames.organisationId, organisationId), visibleTo(parties.organisationId, organisationId), isNull(parties.mergedInto)));
  const folded = names.map((n) => ({ ...n, folded: foldName(n.name) }));
  for (const text of texts) {
    const f = foldName(text);
    const best = new Map<string, Candidate>();
    for (const n of folded) {
      const score = nameSimilarity(f, n.folded);
      if (score >= min && score > (best.get(n.partyId)?.score ?? 0)) best.set(n.partyId, { partyId: n.partyId, name: n.name, score: Math.round(score * 100) / 100 });
    }
    out.set(text, [...best.values()].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name)).slice(0, limit));
  }
  return out;
}
