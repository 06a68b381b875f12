/**
 * How alike a written party name is to a registry name, from 0 to 1, for proposing candidates a coordinator
 * confirms (never for linking on its own). Both are folded first (search-key.ts: accents, case, punctuation,
 * Arabic spellings aside). The score is the better of two views: the words (how many of the shorter name's
 * words the other has, a typo allowed per long word), so "FARDC 3e brigade" is close to "FARDC"; and the
 * letters (Dice coefficient of letter trigrams of the joined words), so "Forces armees RDC" is close to
 * "Forces armées de la RDC" and a misspelling still scores. Pure.
 */
import { words } from '../places/fold.ts';

function trigrams(s: string): Map<string, number> {
  const padded = `  ${s} `;
  const out = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const g = padded.slice(i, i + 3);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function dice(a: string, b: string): number {
  if (!a || !b) return 0;
  const ta = trigrams(a);
  const tb = trigrams(b);
  let shared = 0;
  let total = 0;
  for (const [g, n] of ta) { shared += Math.min(n, tb.get(g) ?? 0); total += n; }
  for (const n of tb.values()) total += n;
  return (2 * shared) / total;
}

/** At most one edit apart (a typo), for words of five letters or more; otherwise equal. */
function closeWords(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) < 5 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const restA = a.slice(i);
  const restB = b.slice(i);
  return restA.slice(1) === restB.slice(1) || restA.slice(1) === restB || restA === restB.slice(1);
}

export interface FoldedName { words: string[]; joined: string }

export const foldName = (name: string): FoldedName => {
  const w = words(name);
  return { words: w, joined: w.join(' ') };
};

export function nameSimilarity(a: FoldedName, b: FoldedName): number {
  if (a.words.length === 0 || b.words.length === 0) return 0;
  const [short, long] = a.words.length <= b.words.length ? [a.words, b.words] : [b.words, a.words];
  const found = short.filter((w) => long.some((x) => closeWords(w, x))).length;
  // Word view: the shorter name's words found in the longer one, discounted by how much longer it is.
  const byWords = (found / short.length) * (0.6 + 0.4 * (short.length / long.length));
  return Math.max(byWords, dice(a.joined, b.joined));
}
