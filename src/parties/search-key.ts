/**
 * The keys a party name is found by, folded the way area names are (places/fold.ts: accents, case,
 * punctuation and Arabic spelling variants aside). Pure.
 *
 * - `searchKey`: every word, space-framed, so a typed word is found at the start of a word by
 *   `LIKE '% word%'` ("forces armees" finds "Forces armées de la République démocratique du Congo", in any
 *   order); the words written as one ("alshabaab" finds "Al-Shabaab"); and each Arabic word without its
 *   article as well ("قوات" finds "القوات المسلحة").
 * - `exactKey`: the words joined, so two spellings of one name compare equal ("Al-Shabaab", "al shabaab").
 */
import { joined, words } from '../places/fold.ts';

const ARABIC_ARTICLE = /^(ال|وال)(?=\p{L}{2})/u;

export function partyKeys(name: string): { searchKey: string; exactKey: string } {
  const w = words(name);
  const out = new Set<string>();
  for (const x of w) {
    out.add(x);
    const bare = x.replace(ARABIC_ARTICLE, '');
    if (bare !== x) out.add(bare);
  }
  if (w.length > 1) out.add(joined(w));
  return { searchKey: out.size === 0 ? '' : ` ${[...out].join(' ')} `, exactKey: joined(w) };
}

/** The folded words of what a person typed; each must start a word of one name. */
export const queryWords = (q: string): string[] => words(q);

/** The typed text as one key, to rank a name that is exactly what was typed first. */
export const queryExactKey = (q: string): string => joined(words(q));
