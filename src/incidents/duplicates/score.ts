/**
 * How alike two incident records are, field by field, and why. The same incident often reaches the MARA
 * working group from a clinic, an NGO and a patrol, each telling it a little differently, so every field is
 * compared with tolerance and the result is explained, never just a number. Pure functions, no I/O:
 * the same code scores on entry, in batch and in the benchmark.
 */
import type { EvidenceCode, EvidenceParams } from '../../shared/duplicates.ts';
import type { VictimTally } from '../../shared/incident.ts';

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
/** 1 for the same profile; people of unknown sex or age may be any category on the other side. */
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

const normalise = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
/** Same name once case, accents and punctuation are set aside: 1; otherwise the squared word overlap, so
 * "Armed group A" and "Armed group B" (two different groups) stay far apart. */
function partyScore(a: string, b: string): number {
  const ta = normalise(a);
  const tb = normalise(b);
  if (ta.join(' ') === tb.join(' ')) return 1;
  return jaccard(new Set(ta), new Set(tb)) ** 2;
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
 * Record-linkage scoring in the Fellegi-Sunter manner: each field adds evidence for (points > 0) or against
 * (points < 0) the two reports being one incident, weighted by how much agreement on that field means when
 * two different incidents would rarely agree on it. A field unknown on either side adds nothing. The sum
 * becomes a score between 0 and 1. Each field's points and the reason are returned, for the reviewer.
 */
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
const partyKey = (r: MatchRecord) => (r.party ? normalise(r.party).join(' ') : '');

export function frequencies(records: readonly MatchRecord[]): Frequencies {
  const n = { forms: 0, victims: 0, party: 0, setting: 0, timeOfDay: 0 };
  const count = (field: FrequencyField, key: (r: MatchRecord) => string | null | undefined) => {
    const m = new Map<string, number>();
    for (const r of records) {
      const k = key(r);
      if (!k) continue;
      m.set(k, (m.get(k) ?? 0) + 1);
      n[field]++;
    }
    return m;
  };
  return {
    forms: count('forms', formsKey), victims: count('victims', victimsKey), party: count('party', partyKey),
    setting: count('setting', (r) => r.setting), timeOfDay: count('timeOfDay', (r) => r.timeOfDay), n,
  };
}

/** Pseudo-records of prior belief: a handful of records cannot make a value look common or rare. */
const PRIOR_WEIGHT = 50;

/**
 * Evidence from agreeing on a value: ln(m/u) with m = 0.95 and u the value's frequency, smoothed towards
 * the prior frequency so small sets behave like typical ones.
 */
function agreement(freq: Frequencies | undefined, field: FrequencyField, value: string, prior: number): number {
  const seen = freq?.[field].get(value) ?? 0;
  const u = (seen + PRIOR_WEIGHT * prior) / ((freq?.n[field] ?? 0) + PRIOR_WEIGHT);
  return Math.min(4, Math.log(0.95 / Math.max(u, 0.005)));
}

export function scorePair(a: MatchRecord, b: MatchRecord, freq?: Frequencies): PairScore {
  const fields: FieldScore[] = [];
  const add = (field: string, points: number, code: EvidenceCode, params: EvidenceParams | undefined, note: string) =>
    fields.push({ field, points, code, ...(params ? { params } : {}), note });
  const gap = dateGap(a, b);
  add('date', gap <= 1 ? 2 : gap <= 3 ? 1 : gap <= 7 ? -1 : -3, gap === 0 ? 'dates_overlap' : 'days_apart', gap === 0 ? undefined : { count: gap }, gap === 0 ? 'dates overlap' : `${gap} day(s) apart`);
  add('place', ...placeEvidence(a, b));
  const forms = formScore(a.forms, b.forms);
  const formsCompared = { a: a.forms.join('+'), b: b.forms.join('+') };
  add('forms', forms === 1 ? agreement(freq, 'forms', formsKey(a), 0.35) : forms >= 0.3 ? 0 : -2, forms === 1 ? 'same_forms' : forms >= 0.3 ? 'similar_forms' : 'different_forms', formsCompared,
    `${a.forms.join('+') || '?'} / ${b.forms.join('+') || '?'}`);
  const victims = victimScore(a.victims, b.victims);
  add('victims', victims === 1 ? agreement(freq, 'victims', victimsKey(a), 0.25) : victims >= 0.6 ? 0 : -2, victims === 1 ? 'same_victims' : victims >= 0.6 ? 'similar_victims' : 'different_victims',
    { a: victimsKey(a), b: victimsKey(b) }, 'victim profile by sex and age');
  if (a.party && b.party) {
    const party = partyScore(a.party, b.party);
    add('perpetrator', party === 1 ? agreement(freq, 'party', partyKey(a), 0.08) : party >= 0.5 ? 0.5 : -2.5, party === 1 ? 'same_party' : party >= 0.5 ? 'similar_party' : 'different_party',
      { a: a.party, b: b.party }, party === 1 ? 'same alleged perpetrator' : 'different alleged perpetrators');
  }
  if (a.setting && b.setting) {
    add('setting', a.setting === b.setting ? agreement(freq, 'setting', a.setting, 0.2) : -1.5, a.setting === b.setting ? 'same_setting' : 'different_setting', { a: a.setting, b: b.setting },
      a.setting === b.setting ? `both ${a.setting}` : `${a.setting} / ${b.setting}`);
  }
  if (a.timeOfDay && b.timeOfDay) {
    add('timeOfDay', a.timeOfDay === b.timeOfDay ? agreement(freq, 'timeOfDay', a.timeOfDay, 0.3) : -1, a.timeOfDay === b.timeOfDay ? 'same_time' : 'different_time', { a: a.timeOfDay, b: b.timeOfDay },
      a.timeOfDay === b.timeOfDay ? `both ${a.timeOfDay}` : `${a.timeOfDay} / ${b.timeOfDay}`);
  }
  if (a.narrative && b.narrative) {
    const text = jaccard(trigrams(a.narrative), trigrams(b.narrative));
    add('narrative', text >= 0.5 ? 3 : text >= 0.25 ? 1 : -2, text >= 0.5 ? 'narratives_alike' : text >= 0.25 ? 'narratives_partly' : 'narratives_differ', undefined, 'narratives, shared letter sequences');
  }
  const total = fields.reduce((sum, f) => sum + f.points, 0);
  const score = 1 / (1 + Math.exp(-(total - EVIDENCE_BIAS)));
  return { score: Math.round(score * 1000) / 1000, fields };
}

/** Points of evidence at which a pair is even odds. */
const EVIDENCE_BIAS = 6;
