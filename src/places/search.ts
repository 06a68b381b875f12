/**
 * Finding areas and countries by what a person types in the incident list's search: any of their names (English,
 * French, Arabic), without accents, case or punctuation, by the start of each word ("ouak" finds Ouaka,
 * "أواكا" finds محافظة أواكا, "kivu" finds Nord-Kivu and Sud-Kivu). Pure string functions; the areas' keys
 * are stored on their rows (`admin_areas.search_key`, written with every area), countries' are built here once.
 *
 * A key is the folded words of every name, space-separated and framed by spaces, plus each multi-word name
 * written as one word ("nordkivu"), so a word is found by `LIKE '% word%'`: at the start of a word, never
 * in its middle (a search for "ka" is not a search for every name holding those letters).
 */
import isoCodes from 'i18n-iso-countries/codes.json' with { type: 'json' };
import { COUNTRY_ALIASES } from '../shared/country.ts';
import { countryName, LABEL_LANGUAGES } from '../shared/labels.ts';
import { joined, words } from './fold.ts';

/** The search key of an area (or any named thing) from its names in every language. */
export function searchKey(names: readonly (string | null | undefined)[]): string {
  const out = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    const w = words(name);
    for (const x of w) out.add(x);
    if (w.length > 1) out.add(joined(w));
  }
  return out.size === 0 ? '' : ` ${[...out].join(' ')} `;
}

/** The folded words of a search term, each of which must start a word of a key. */
export const termWords = (term: string): string[] => words(term);

/** Whether every one of the words starts a word of the key. */
export const keyMatches = (key: string, termWordList: readonly string[]): boolean =>
  termWordList.length > 0 && termWordList.every((w) => key.includes(` ${w}`));

let countryKeys: { code: string; key: string }[] | undefined;

/** Every ISO country's key: its alpha-3 code, its names in the three languages (ours for mission countries) and known aliases. */
function allCountryKeys(): { code: string; key: string }[] {
  if (countryKeys) return countryKeys;
  const aliases = new Map<string, string[]>();
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) aliases.set(code, [...(aliases.get(code) ?? []), alias]);
  countryKeys = (isoCodes as [string, string, string, string][]).map(([, alpha3]) => ({
    code: alpha3,
    key: searchKey([alpha3, ...LABEL_LANGUAGES.map((lang) => countryName(lang, alpha3)), ...(aliases.get(alpha3) ?? [])]),
  }));
  return countryKeys;
}

/** ISO alpha-3 codes of the countries a term names ("centrafrique", "جمهورية", "car"); none for a term without words. */
export function countriesMatching(termWordList: readonly string[]): string[] {
  if (termWordList.length === 0) return [];
  return allCountryKeys().filter((c) => keyMatches(c.key, termWordList)).map((c) => c.code);
}
