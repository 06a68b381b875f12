/**
 * SQL of the registry, always from one organisation's point of view: the reference layer (organisation_id
 * null) and that organisation's own rows, never another organisation's. No policy here: services call it.
 */
import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../platform/db/database.ts';
import type { PartyListQuery } from '../shared/parties.ts';
import { queryExactKey, queryWords } from './search-key.ts';
import { parties, partyNames } from './tables.ts';

export type PartyRow = typeof parties.$inferSelect;
export type NameRow = typeof partyNames.$inferSelect;

/** Rows of the reference layer or of the organisation. */
export const visibleTo = (column: AnyPgColumn, organisationId: string): SQL => or(isNull(column), eq(column, organisationId))!;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Every word starts a word of the name's key (any order). */
function nameMatches(words: readonly string[]): SQL {
  return sql.join(words.map((w) => sql`${partyNames.searchKey} LIKE ${`% ${likeEscape(w)}%`}`), sql` AND `);
}

/** A party the organisation can see (merged ones included: their page says where they went). */
export async function findParty(db: DbOrTx, organisationId: string, id: string): Promise<PartyRow | null> {
  const [row] = await db.select().from(parties).where(and(eq(parties.id, id), visibleTo(parties.organisationId, organisationId))).limit(1);
  return row ?? null;
}

/** Follows merges to the party that stands for it now (a merged duplicate -> the party it was merged into). */
export async function resolveParty(db: DbOrTx, organisationId: string, id: string): Promise<PartyRow | null> {
  let row = await findParty(db, organisationId, id);
  for (let hops = 0; row?.mergedInto && hops < 50; hops++) row = await findParty(db, organisationId, row.mergedInto);
  return row;
}

/** The names of these parties the organisation sees (reference names and its own). */
export async function namesOf(db: DbOrTx, organisationId: string, partyIds: readonly string[]): Promise<NameRow[]> {
  if (partyIds.length === 0) return [];
  return db.select().from(partyNames)
    .where(and(inArray(partyNames.partyId, [...partyIds]), visibleTo(partyNames.organisationId, organisationId)))
    .orderBy(asc(partyNames.createdAt), asc(partyNames.name));
}

/** Each party's name in the language (its canonical name there, else its canonical name), and its short name there. */
export async function displayNames(db: DbOrTx, organisationId: string, rows: readonly PartyRow[], lang: string): Promise<Map<string, { name: string; shortName: string | null }>> {
  const names = await namesOf(db, organisationId, rows.map((r) => r.id));
  const inLang = (id: string, kind: string) => names.find((n) => n.partyId === id && n.kind === kind && n.language === lang)?.name;
  return new Map(rows.map((r) => [r.id, { name: inLang(r.id, 'canonical') ?? r.name, shortName: inLang(r.id, 'short') ?? r.shortName }]));
}

export interface Suggestion { party: PartyRow; match: { name: string; language: string | null; kind: string } }

/**
 * The type-ahead: parties (not merged away) with a name holding every typed word at the start of one of its
 * words, best first: a name that is exactly what was typed, then one that starts with the first word, then
 * shorter names. One row per party, with the name that matched best.
 */
export async function suggest(db: DbOrTx, organisationId: string, q: string, limit: number): Promise<Suggestion[]> {
  const words = queryWords(q);
  if (words.length === 0) return [];
  const rank = sql<number>`CASE WHEN ${partyNames.exactKey} = ${queryExactKey(q)} THEN 0 WHEN ${partyNames.searchKey} LIKE ${` ${likeEscape(words[0]!)}%`} THEN 1 ELSE 2 END`;
  const best = db.selectDistinctOn([partyNames.partyId], {
    partyId: partyNames.partyId, name: partyNames.name, language: partyNames.language, kind: partyNames.kind, rank: rank.as('rank'),
  }).from(partyNames)
    .innerJoin(parties, eq(parties.id, partyNames.partyId))
    .where(and(nameMatches(words), visibleTo(partyNames.organisationId, organisationId), visibleTo(parties.organisationId, organisationId), isNull(parties.mergedInto)))
    .orderBy(partyNames.partyId, rank, sql`length(${partyNames.name})`, partyNames.name)
    .as('best');
  const rows = await db.select({ party: parties, name: best.name, language: best.language, kind: best.kind }).from(best)
    .innerJoin(parties, eq(parties.id, best.partyId))
    .orderBy(best.rank, sql`length(${best.name})`, best.name, parties.id)
    .limit(limit);
  return rows.map((r) => ({ party: r.party, match: { name: r.name, language: r.language, kind: r.kind } }));
}

/** The list's conditions: search words, category, country, reference or own, status, merged ones or not. */
function listConditions(organisationId: string, query: PartyListQuery): SQL[] {
  const words = query.q ? queryWords(query.q) : [];
  const conditions: (SQL | undefined)[] = [
    visibleTo(parties.organisationId, organisationId),
    query.merged ? undefined : isNull(parties.mergedInto),
    query.category?.length ? inArray(parties.category, query.category) : undefined,
    query.country ? sql`${query.country} = ANY(${parties.countries})` : undefined,
    query.scope === 'reference' ? isNull(parties.organisationId) : query.scope === 'own' ? eq(parties.organisationId, organisationId) : undefined,
    query.unconfirmed === undefined ? undefined : eq(parties.status, query.unconfirmed ? 'unconfirmed' : 'confirmed'),
    words.length ? sql`EXISTS (SELECT 1 FROM ${partyNames} WHERE ${partyNames.partyId} = ${parties.id}
      AND ${visibleTo(partyNames.organisationId, organisationId)} AND ${nameMatches(words)})` : undefined,
  ];
  return conditions.filter((c): c is SQL => c !== undefined);
}

/** One page of the list (own parties first, then by name), with the total. */
export async function listParties(db: DbOrTx, organisationId: string, query: PartyListQuery): Promise<{ rows: PartyRow[]; total: number }> {
  const where = and(...listConditions(organisationId, query));
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(parties).where(where);
  const rows = await db.select().from(parties).where(where)
    .orderBy(sql`${parties.organisationId} IS NULL`, sql`lower(${parties.name})`, parties.id)
    .limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  return { rows, total: count?.n ?? 0 };
}

/**
 * Parties whose name (any of them, any language) is this text written otherwise (accents, case, spacing and
 * punctuation aside): the exact and alias matches an importer or a migration can take without asking.
 */
export async function partiesNamed(db: DbOrTx, organisationId: string, texts: readonly string[]): Promise<Map<string, string[]>> {
  const keys = new Map(texts.map((t) => [t, queryExactKey(t)]));
  const wanted = [...new Set(keys.values())].filter(Boolean);
  if (wanted.length === 0) return new Map(texts.map((t) => [t, []]));
  const rows = await db.selectDistinct({ key: partyNames.exactKey, partyId: partyNames.partyId }).from(partyNames)
    .innerJoin(parties, eq(parties.id, partyNames.partyId))
    .where(and(inArray(partyNames.exactKey, wanted), visibleTo(partyNames.organisationId, organisationId), visibleTo(parties.organisationId, organisationId), isNull(parties.mergedInto)));
  return new Map(texts.map((t) => [t, rows.filter((r) => r.key === keys.get(t)).map((r) => r.partyId).sort()]));
}
