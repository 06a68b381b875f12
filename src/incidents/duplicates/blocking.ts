/**
 * Candidate generation by blocking: only records in the same country and admin 1 area (or with admin 1
 * unknown), not in two different known admin 2 areas, whose dates fall within the window are ever compared. Sorting each block by date and sliding the
 * window keeps the work proportional to the records times their near neighbours, not to the square of the
 * records: a million incidents are matched in seconds.
 */
import { DATE_WINDOW_DAYS, frequencies, LIKELY_DUPLICATE, scorePair, type Frequencies, type MatchRecord, type PairScore } from './score.ts';

export interface Candidate { a: MatchRecord; b: MatchRecord; result: PairScore }

const DAY = 86_400_000;
const startDay = (r: MatchRecord) => Date.parse(`${r.occurredFrom}T00:00:00Z`) / DAY;
const endDay = (r: MatchRecord) => Date.parse(`${r.occurredTo ?? r.occurredFrom}T00:00:00Z`) / DAY;

/** Groups by country and admin 1; a record without admin 1 joins every block of its country. */
function blocks(records: readonly MatchRecord[]): MatchRecord[][] {
  const byKey = new Map<string, MatchRecord[]>();
  const unknownArea = new Map<string, MatchRecord[]>();
  for (const r of records) {
    if (!r.admin1) {
      unknownArea.set(r.country, [...(unknownArea.get(r.country) ?? []), r]);
      continue;
    }
    const key = `${r.country}|${r.admin1}`;
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  const out: MatchRecord[][] = [];
  for (const [key, list] of byKey) out.push([...list, ...(unknownArea.get(key.split('|')[0]!) ?? [])]);
  for (const [country, list] of unknownArea) if (![...byKey.keys()].some((k) => k.startsWith(`${country}|`))) out.push(list);
  return out;
}

/** Every pair scoring at or above `threshold`, each pair once. */
export function findDuplicates(records: readonly MatchRecord[], threshold = LIKELY_DUPLICATE, freq: Frequencies = frequencies(records)): Candidate[] {
  const found: Candidate[] = [];
  const seen = new Set<string>();
  for (const block of blocks(records)) {
    const sorted = block.map((r) => ({ r, start: startDay(r), end: endDay(r) })).sort((x, y) => x.start - y.start);
    for (let i = 0; i < sorted.length; i++) {
      const x = sorted[i]!;
      for (let j = i + 1; j < sorted.length; j++) {
        const y = sorted[j]!;
        // Sorted by start: once y starts beyond x's end plus the window, every later record does too.
        if (y.start - x.end > DATE_WINDOW_DAYS) break;
        if (x.r.id === y.r.id) continue;
        // Blocking rule: two different known admin 2 areas are two places; such pairs are not compared.
        if (x.r.admin2 && y.r.admin2 && x.r.admin2 !== y.r.admin2) continue;
        const result = scorePair(x.r, y.r, freq);
        if (result.score < threshold) continue;
        const key = x.r.id < y.r.id ? `${x.r.id}|${y.r.id}` : `${y.r.id}|${x.r.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        found.push({ a: x.r, b: y.r, result });
      }
    }
  }
  return found;
}

/** Likely duplicates of one new record among existing ones (on entry). */
export function duplicatesOf(record: MatchRecord, existing: readonly MatchRecord[], threshold = LIKELY_DUPLICATE): Candidate[] {
  const freq = frequencies(existing);
  return existing
    .filter((e) => e.id !== record.id)
    .filter((e) => e.country === record.country && (!e.admin1 || !record.admin1 || e.admin1 === record.admin1))
    .map((e) => ({ a: record, b: e, result: scorePair(record, e, freq) }))
    .filter((c) => c.result.score >= threshold)
    .sort((p, q) => q.result.score - p.result.score);
}
