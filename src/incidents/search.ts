/**
 * The incident list's free-text search, as SQL over clear (restricted) columns only: identifying fields are
 * sealed and never searched, and nothing is decrypted to search.
 *
 * The text is split into terms at spaces; every term must match the record somewhere (so "Ouaka NSAG" finds
 * the NSAG's incidents in Ouaka, and "Nord Kivu" the province, not every "Nord"). A term matches:
 * - the reference, an area as stored (a code, or a name no list knew), a party or a source organisation,
 *   as part of the text, case-insensitively;
 * - an area (admin 1 or 2) or a country by any of its names in English, French or Arabic, accents and case
 *   aside, at the start of a word (places/search.ts): the text is resolved to area codes in the reference
 *   table, then records are filtered by code, so the records' own columns keep their indexes' use.
 *
 * Parties are free text today. When the parties registry comes, `partyTerm` resolves the term to parties
 * by name or alias (as areas are resolved to codes) and filters by party id; nothing else here changes.
 */
import { ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { adminAreas } from '../places/tables.ts';
import { countriesMatching, termWords } from '../places/search.ts';
import { incidents } from './tables.ts';

export const searchTerms = (text: string): string[] => text.split(/\s+/u).filter((t) => t.length > 0);

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Codes of areas whose names hold every one of the words at the start of a word (a subquery, run once per search). */
function areaCodes(wordList: readonly string[]): SQL {
  const each = wordList.map((w) => sql`${adminAreas.searchKey} LIKE ${`% ${likeEscape(w)}%`}`);
  return sql`(SELECT ${adminAreas.code} FROM ${adminAreas} WHERE ${sql.join(each, sql` AND `)})`;
}

/** The alleged party, by part of its name (see the file's comment for aliases). */
function partyTerm(pattern: string): SQL {
  return ilike(incidents.perpetratorParty, pattern);
}

/**
 * A source organisation, by part of its name. The record's sources as text are tried first: most records do
 * not hold the word at all, and reading the text is far cheaper than unnesting the list (a word with a quote
 * or backslash, which JSON text escapes, goes straight to the exact test).
 */
function sourceOrganisationTerm(term: string, pattern: string): SQL {
  const exact = sql`exists (select 1 from jsonb_array_elements(${incidents.sources}) s where s->>'organisation' ilike ${pattern})`;
  return /["\\]/u.test(term) ? exact : sql`(${incidents.sources}::text ilike ${pattern} and ${exact})`;
}

function termCondition(term: string): SQL {
  const pattern = `%${likeEscape(term)}%`;
  const wordList = termWords(term);
  const countries = countriesMatching(wordList);
  // Cheapest first (PostgreSQL tries an OR's terms in order and stops at the first true): codes in a hashed
  // set, then text columns, then the sources list.
  return or(
    // A term without letters or digits ("%", "_") names no area or country.
    wordList.length ? sql`${incidents.admin1} IN ${areaCodes(wordList)}` : undefined,
    wordList.length ? sql`${incidents.admin2} IN ${areaCodes(wordList)}` : undefined,
    countries.length ? inArray(incidents.country, countries) : undefined,
    ilike(incidents.reference, pattern),
    ilike(incidents.admin1, pattern),
    ilike(incidents.admin2, pattern),
    partyTerm(pattern),
    sourceOrganisationTerm(term, pattern),
  )!;
}

/** The condition of a search text: every term matches. */
export function searchCondition(text: string): SQL | undefined {
  const terms = searchTerms(text);
  if (terms.length === 0) return undefined;
  return sql.join(terms.map((t) => sql`(${termCondition(t)})`), sql` AND `);
}
