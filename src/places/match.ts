/**
 * Which known administrative area a name or code in a file means. Pure: built once from area rows (the
 * importer loads them with `loadAreaMatcher`), then every answer is a few Map lookups, and answers are
 * remembered, since a file repeats the same few hundred names over 100,000 rows.
 *
 * A value is compared in its country and level (and, when given, under its parent), tier by tier, and the
 * first tier that finds anything answers:
 *   1. code      the area's code as typed: an ISO 3166-2 code or a P-code ("CD-NK", "cd nk", "CD61");
 *   2. name      any of its names (English, French, Arabic) without accents, case, punctuation or spacing;
 *   3. stripped  the same without generic terms ("Province du Nord-Kivu", "Borno State", "محافظة نينوى");
 *   4. loose     transliteration variants ("Ninewa" for "Ninawa", "Salah al-Din" for "Sala ad-Din").
 * So an exact name always wins over a stripped one. A tier that finds two or more areas answers
 * `{ ambiguous }` with their codes: the matcher never guesses between candidates. See fold.ts for the keys.
 */
import { adjectiveStems, codeKey, joined, looseKey, strippedVariants, words } from './fold.ts';

export interface MatchableArea {
  code: string;
  country: string;
  level: number;
  name: string;
  nameFr?: string | null;
  nameAr?: string | null;
  parent?: string | null;
}

export type MatchVia = 'code' | 'name' | 'stripped' | 'loose';
/** One area (and how it was found), several (never guessed between), or none. */
export type AreaMatch = { code: string; via: MatchVia } | { ambiguous: readonly string[] } | null;

export interface AreaMatcher {
  /** The area `text` names in `country` (ISO alpha-3) at `level`; with `parentCode`, only among that area's children. */
  match(country: string, level: number, text: string, parentCode?: string | null): AreaMatch;
  /** How many areas it knows. */
  readonly size: number;
}

const TIERS: readonly MatchVia[] = ['code', 'name', 'stripped', 'loose'];
/** Shorter loose keys ("ba" for "Bay") say too little to be trusted. */
const MIN_LOOSE = 3;
/** Remembered answers before the memory starts again (each is small; a file has far fewer distinct values). */
const MEMO_LIMIT = 200_000;

/** An area's names, each alternative of a bilingual ISO name ("Haute-Sangha / Mambéré-Kadéï") on its own too. */
function spellings(a: MatchableArea): string[] {
  const out: string[] = [];
  for (const n of [a.name, a.nameFr, a.nameAr]) {
    if (!n) continue;
    out.push(n);
    if (n.includes('/')) out.push(...n.split('/').filter((p) => p.trim()));
  }
  return out;
}

/** The stripped forms of one name: without generic terms, without a parenthesis ("Guyane (française)"), Slavic stems. */
function strippedForms(name: string, w: readonly string[]): string[][] {
  const forms = strippedVariants(w);
  if (name.includes('(')) forms.push(...strippedVariants(words(name.replace(/\([^)]*\)/gu, ' '))));
  const [stripped] = forms;
  if (stripped && stripped.length < w.length) forms.push(...adjectiveStems(stripped));
  return forms;
}

export function buildAreaMatcher(areas: Iterable<MatchableArea>): AreaMatcher {
  const tiers: Record<MatchVia, Map<string, Set<string>>> = { code: new Map(), name: new Map(), stripped: new Map(), loose: new Map() };
  const parentOf = new Map<string, string | null>();
  const add = (via: MatchVia, scope: string, key: string, code: string) => {
    if (!key || (via === 'loose' && key.length < MIN_LOOSE)) return;
    const k = scope + key;
    const found = tiers[via].get(k);
    if (found) found.add(code);
    else tiers[via].set(k, new Set([code]));
  };
  for (const a of areas) {
    const scope = `${a.country}|${a.level}|`;
    parentOf.set(a.code, a.parent ?? null);
    add('code', scope, codeKey(a.code), a.code);
    for (const name of spellings(a)) {
      const w = words(name);
      add('name', scope, joined(w), a.code);
      for (const f of strippedForms(name, w)) {
        add('stripped', scope, joined(f), a.code);
        add('loose', scope, looseKey(f), a.code);
      }
    }
  }

  /** Codes found in one tier under any of the value's keys, within the parent when one is given. */
  const find = (via: MatchVia, scope: string, keys: readonly string[], parent: string | null): string[] => {
    const codes = new Set<string>();
    for (const key of keys) for (const c of tiers[via].get(scope + key) ?? []) if (parent === null || parentOf.get(c) === parent) codes.add(c);
    return [...codes];
  };

  const lookup = (scope: string, text: string, parent: string | null): AreaMatch => {
    const w = words(text);
    if (w.length === 0) return null;
    const stripped = strippedVariants(w);
    const keys: Record<MatchVia, string[]> = { code: [codeKey(text)], name: [joined(w)], stripped: stripped.map(joined), loose: stripped.map(looseKey) };
    for (const via of TIERS) {
      const codes = find(via, scope, keys[via], parent);
      if (codes.length === 1) return Object.freeze({ code: codes[0]!, via });
      if (codes.length > 1) return { ambiguous: Object.freeze(codes.sort()) };
    }
    return null;
  };

  const memo = new Map<string, AreaMatch>();
  return {
    size: parentOf.size,
    match(country, level, text, parentCode) {
      const scope = `${country}|${level}|`;
      const parent = parentCode || null;
      const key = `${scope}${parent ?? ''}|${text}`;
      const known = memo.get(key);
      if (known !== undefined) return known;
      const answer = lookup(scope, text, parent);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(key, answer);
      return answer;
    },
  };
}
