/**
 * How alike two incident records are, field by field, and why. The same incident often reaches the MARA
 * working group from a clinic, an NGO and a patrol, each telling it a little differently, so every field is
 * compared with tolerance and the result is explained, never just a number. Pure functions, no I/O:
 * the same code scores on entry, in batch and in the benchmark.
 */
import type { EvidenceCode, EvidenceParams } from '../../shared/duplicates.ts';
import type { VictimTally } from '../../shared/incident.ts';
import { words } from '../../places/fold.ts';
import { coordinateEvidence } from './distance.ts';

export interface MatchRecord {
  id: string;
  occurredFrom: string;
  occurredTo: string | null;
  country: string;
  admin1: string | null;
  admin2: string | null;
  forms: readonly string[];
  victims: VictimTally;
  party: string | null;
  setting?: string | null;
  timeOfDay?: string | null;
  /** Only for users allowed to read both narratives; otherwise leave it out. */
  narrative?: string;
  /**
   * Identifying: only where they may be decrypted (the entry-time check for a reader allowed to read both
   * records' identifying fields; the scan job, server-side, for the pairs it is about to propose).
   */
  coordinates?: { lat: number; lon: number; precision: string } | null;
}

/**
 * One field's evidence: points for (positive) or against (negative) the two being one incident, what was
 * found as a code with the values compared (codes of the taxonomy, area codes, counts: the web app words them
 * in the reader's language, "same form: sexual slavery", "1 day apart"), and the same in English (`note`).
 */
export interface FieldScore { field: string; points: number; code: EvidenceCode; params?: EvidenceParams; note: string }
export interface PairScore { score: number; fields: FieldScore[] }

/** Days within which two reports may describe the same incident. */
export const DATE_WINDOW_DAYS = 14;
/** At or above this, a pair is proposed for review as a likely duplicate. */
export const LIKELY_DUPLICATE = 0.5;

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

/** 0 when the date ranges overlap, else the number of days between them. */
export function dateGap(a: MatchRecord, b: MatchRecord): number {
  const [a0, a1] = [dayNumber(a.occurredFrom), dayNumber(a.occurredTo ?? a.occurredFrom)];
  const [b0, b1] = [dayNumber(b.occurredFrom), dayNumber(b.occurredTo ?? b.occurredFrom)];
  return Math.max(0, b0 - a1, a0 - b1);
}

/** Evidence from the places: the same district is strong, different districts or areas weigh against. */
type Found = [number, EvidenceCode, EvidenceParams | undefined, string];
function placeEvidence(a: MatchRecord, b: MatchRecord): Found {
  if (a.country !== b.country) return [-5, 'different_countries', { a: a.country, b: b.country }, 'different countries'];
  if (!a.admin1 || !b.admin1) return [0, 'admin1_unknown', undefined, 'admin 1 unknown on one side'];
  if (a.admin1 !== b.admin1) return [-5, 'different_admin1', { a: a.admin1, b: b.admin1 }, 'different admin 1 areas'];
  if (!a.admin2 || !b.admin2) return [0.5, 'same_admin1', { a: a.admin1 }, a.admin2 || b.admin2 ? 'same admin 1, admin 2 unknown on one side' : 'same admin 1, admin 2 unknown on both sides'];
  return a.admin2 === b.admin2 ? [2.5, 'same_admin2', { a: a.admin2 }, 'same admin 2 area'] : [-2.5, 'different_admin2', { a: a.admin2, b: b.admin2 }, 'same admin 1, different admin 2'];
}

/** Forms that witnesses often tell apart differently count as half a match. */
const NEAR_FORMS: Record<string, string> = { rape: 'attempted_rape', attempted_rape: 'rape', sexual_slavery: 'forced_marriage', forced_marriage: 'sexual_slavery' };

function formScore(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0.5;
  const sb = new Set(b);
  let match = 0;
  for (const f of a) match += sb.has(f) ? 1 : NEAR_FORMS[f] && sb.has(NEAR_FORMS[f]) ? 0.5 : 0;
  return match / (a.length + b.length - match);
}

const CATEGORIES = ['women', 'girls', 'men', 'boys', 'unknown'] as const;
const tallyTotal = (v: VictimTally) => CATEGORIES.reduce((sum, c) => sum + v[c], 0);
/**
 * 1 for the same profile; people of unknown sex or age may be any category on the other side. Only called
 * when both sides count someone: an empty tally means the number is not known, which is no evidence.
 */
function victimScore(a: VictimTally, b: VictimTally): number {
  let diff = 0;
  let total = 0;
  for (const c of CATEGORIES) {
    if (c === 'unknown') continue;
    diff += Math.abs(a[c] - b[c]);
    total += a[c] + b[c];
  }
  diff = Math.max(0, diff - a.unknown - b.unknown);
  total += a.unknown + b.unknown;
  return total === 0 ? 0.5 : 1 - diff / total;
}

/**
 * A party name as its words, written one way: case, accents and other marks, punctuation and the usual
 * Arabic spelling variants (hamza on alef, teh marbuta, alef maksura, tatweel) set aside (places/fold.ts).
 */
const normalise = (s: string): string[] => words(s.normalize('NFKC'));
/** A record's parties ("A; B" when several are named), each as its normalised words; memoised per text. */
const partyCache = new Map<string, string[][]>();
function partiesOf(s: string): string[][] {
  let parties = partyCache.get(s);
  if (!parties) {
    if (partyCache.size >= 100_000) partyCache.clear();
    parties = s.split(';').map(normalise).filter((w) => w.length > 0);
    partyCache.set(s, parties);
  }
  return parties;
}
const isSubset = (small: readonly string[], big: readonly string[]) => small.length > 0 && small.every((w) => big.includes(w));

/**
 * How the parties compare: `same` when both name one party (once case, accents, punctuation and Arabic
 * spelling variants are set aside), including when one names a party among several the other names ("A; B"
 * and "A"); `fuller` when one name is the other written more fully ("FARDC" and "FARDC 3rd brigade");
 * otherwise `overlap`, the squared word overlap, so "Armed group A" and "Armed group B" (two different
 * groups) stay far apart.
 */
type PartyMatch = { kind: 'same'; party: string } | { kind: 'fuller' } | { kind: 'overlap'; overlap: number };
function partyMatch(a: string, b: string): PartyMatch {
  let fuller = false;
  let overlap = 0;
  for (const x of partiesOf(a)) {
    for (const y of partiesOf(b)) {
      if (x.join(' ') === y.join(' ')) return { kind: 'same', party: x.join(' ') };
      if (isSubset(x, y) || isSubset(y, x)) fuller = true;
      else overlap = Math.max(overlap, jaccard(new Set(x), new Set(y)) ** 2);
    }
  }
  return fuller ? { kind: 'fuller' } : { kind: 'overlap', overlap };
}
function jaccard<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

function trigrams(s: string): Set<string> {
  const t = ` ${s.toLowerCase().replace(/\s+/g, ' ').trim()} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= t.length; i++) out.add(t.slice(i, i + 3));
  return out;
}

/**
 * How common each value is among the records being matched. Agreeing on a rare value (three girls,
 * sexual torture, one named unit) is strong evidence; agreeing on the commonest (one woman, rape) is weak.
 */
export interface Frequencies {
  /** How many records had a value for each field, and how many had each value. */
  n: Record<FrequencyField, number>;
  forms: Map<string, number>; victims: Map<string, number>; party: Map<string, number>; setting: Map<string, number>; timeOfDay: Map<string, number>;
}
type FrequencyField = 'forms' | 'victims' | 'party' | 'setting' | 'timeOfDay';

const formsKey = (r: MatchRecord) => [...r.forms].sort().join('+');
const victimsKey = (r: MatchRecord) => CATEGORIES.map((c) => r.victims[c]).join('/');
/** Each party a record names, normalised (a record naming two parties counts for both). */
const partyKeys = (r: MatchRecord): string[] => (r.party ? [...new Set(partiesOf(r.party).map((w) => w.join(' ')))] : []);

export function frequencies(records: readonly MatchRecord[]): Frequencies {
  const n = { forms: 0, victims: 0, party: 0, setting: 0, timeOfDay: 0 };
  const count = (field: FrequencyField, keys: (r: MatchRecord) => readonly string[]) => {
    const m = new Map<string, number>();
    for (const r of records) {
      const ks = keys(r);
      if (ks.length === 0) continue;
      for (const k of ks) m.set(k, (m.get(k) ?? 0) + 1);
      n[field]++;
    }
    return m;
  };
  const one = (value: string | null | undefined) => (value ? [value] : []);
  return {
    forms: count('forms', (r) => one(formsKey(r))), victims: count('victims', (r) => (tallyTotal(r.victims) > 0 ? [victimsKey(r)] : [])),
    party: count('party', partyKeys), setting: count('setting', (r) => one(r.setting)), timeOfDay: count('timeOfDay', (r) => one(r.timeOfDay)), n,
  };
}

/** Pseudo-records of prior belief: a handful of records cannot make a value look common or rare. */
const PRIOR_WEIGHT = 50;

/**
 * Evidence from agreeing on a value: ln(m/u) with m = 0.95 and u the value's frequency, smoothed towards
 * the prior frequency so small sets behave like typical ones, and never below `floor`. The frequency is
 * the organisation's as a whole; the records compared already share admin 1 and dates within the window,
 * where agreement on every field is far rarer than the values' frequencies say. Without the floor, an
 * organisation whose records mostly share one profile (rape, one woman, the main party: the commonest case
 * in the field) scored an identical record of the same day and area below the line and never showed it.
 * The floors (forms 1, victims 1, party 2) put such a pair at 6.5 points, over the line at 6; chosen with
 * bench/duplicates.ts (docs/PERFORMANCE.md) among the settings that do so, for the best precision.
 */
function agreement(freq: Frequencies | undefined, field: FrequencyField, value: string, prior: number, floor: number): number {
  const seen = freq?.[field].get(value) ?? 0;
  const u = (seen + PRIOR_WEIGHT * prior) / ((freq?.n[field] ?? 0) + PRIOR_WEIGHT);
  return Math.max(floor, Math.min(4, Math.log(0.95 / Math.max(u, 0.005))));
}

/** Evidence from the dates: within a day, strong; within three days, some; beyond a week, against. */
function dateEvidence(gap: number): [number, string] {
  return [gap <= 1 ? 2 : gap <= 3 ? 1 : gap <= 7 ? -1 : -3, gap === 0 ? 'dates overlap' : `${gap} day(s) apart`];
}

/**
 * Record-linkage scoring in the Fellegi-Sunter manner: each field adds evidence for (points > 0) or against
 * (points < 0) the two reports being one incident, weighted by how much agreement on that field means when
 * two different incidents would rarely agree on it. A field unknown on either side adds nothing (an empty
 * tally is a number not known, a missing admin 2 is not a different one). The sum becomes a score between 0
 * and 1. Each field's points and the reason are returned, for the reviewer.
 */
export function scorePair(a: MatchRecord, b: MatchRecord, freq?: Frequencies): PairScore {
  const fields: FieldScore[] = [];
  const add = (field: string, points: number, code: EvidenceCode, params: EvidenceParams | undefined, note: string) =>
    fields.push({ field, points, code, ...(params ? { params } : {}), note });
  const gap = dateGap(a, b);
  const [datePoints, dateNote] = dateEvidence(gap);
  add('date', datePoints, gap === 0 ? 'dates_overlap' : 'days_apart', gap === 0 ? undefined : { count: gap }, dateNote);
  add('place', ...placeEvidence(a, b));
  const forms = formScore(a.forms, b.forms);
  add('forms', forms === 1 ? agreement(freq, 'forms', formsKey(a), 0.35, 1) : forms >= 0.3 ? 0 : -2, forms === 1 ? 'same_forms' : forms >= 0.3 ? 'similar_forms' : 'different_forms',
    { a: a.forms.join('+'), b: b.forms.join('+') }, `${a.forms.join('+') || '?'} / ${b.forms.join('+') || '?'}`);
  if (tallyTotal(a.victims) > 0 && tallyTotal(b.victims) > 0) {
    const victims = victimScore(a.victims, b.victims);
    add('victims', victims === 1 ? agreement(freq, 'victims', victimsKey(a), 0.25, 1) : victims >= 0.6 ? 0 : -2, victims === 1 ? 'same_victims' : victims >= 0.6 ? 'similar_victims' : 'different_victims',
      { a: victimsKey(a), b: victimsKey(b) }, 'victim profile by sex and age');
  }
  if (a.party && b.party) {
    const party = partyMatch(a.party, b.party);
    const compared = { a: a.party, b: b.party };
    if (party.kind === 'same') add('perpetrator', agreement(freq, 'party', party.party, 0.08, 2), 'same_party', compared, 'same alleged perpetrator');
    else if (party.kind === 'fuller') add('perpetrator', 0.5, 'fuller_party', compared, 'one party named more fully than the other');
    else add('perpetrator', party.overlap >= 0.5 ? 0.5 : -2.5, party.overlap >= 0.5 ? 'similar_party' : 'different_party', compared, 'different alleged perpetrators');
  }
  if (a.setting && b.setting) {
    add('setting', a.setting === b.setting ? agreement(freq, 'setting', a.setting, 0.2, 0.25) : -1.5, a.setting === b.setting ? 'same_setting' : 'different_setting', { a: a.setting, b: b.setting },
      a.setting === b.setting ? `both ${a.setting}` : `${a.setting} / ${b.setting}`);
  }
  if (a.timeOfDay && b.timeOfDay) {
    add('timeOfDay', a.timeOfDay === b.timeOfDay ? agreement(freq, 'timeOfDay', a.timeOfDay, 0.3, 0.25) : -1, a.timeOfDay === b.timeOfDay ? 'same_time' : 'different_time', { a: a.timeOfDay, b: b.timeOfDay },
      a.timeOfDay === b.timeOfDay ? `both ${a.timeOfDay}` : `${a.timeOfDay} / ${b.timeOfDay}`);
  }
  const near = coordinateEvidence(a.coordinates, b.coordinates);
  if (near) add('coordinates', near.points, near.code, near.params, near.note);
  if (a.narrative && b.narrative) {
    const text = jaccard(trigrams(a.narrative), trigrams(b.narrative));
    // Two sources rarely word an account alike (or write it in the same language): little overlap is weak
    // evidence against, not the strong evidence it was taken for.
    add('narrative', text >= 0.5 ? 3 : text >= 0.25 ? 1 : -0.5, text >= 0.5 ? 'narratives_alike' : text >= 0.25 ? 'narratives_partly' : 'narratives_differ', undefined, 'narratives, shared letter sequences');
  }
  const total = fields.reduce((sum, f) => sum + f.points, 0);
  const score = 1 / (1 + Math.exp(-(total - EVIDENCE_BIAS)));
  return { score: Math.round(score * 1000) / 1000, fields };
}

/** Points of evidence at which a pair is even odds. */
const EVIDENCE_BIAS = 6;
/**
 * The line a pair must reach now to reach `threshold` once `points` more evidence is added: the scan
 * decrypts coordinates only for pairs that could still cross the line with them.
 */
export function lineBefore(threshold: number, points: number): number {
  return 1 / (1 + Math.exp(-(Math.log(threshold / (1 - threshold)) - points)));
}
