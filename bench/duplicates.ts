/**
 * Duplicate detection benchmark: generated incidents with known duplicates (the same event reported again
 * with the usual differences: a date a few days off, the district left out, rape told as attempted rape, a
 * victim counted differently, the party named differently or not at all), then precision, recall and time
 * for 100,000 and 1,000,000 incidents, compared with the targets (recall >= 0.95 at precision >= 0.95;
 * 1M in under 60 s). Narratives are left out: the scores are those a user without narrative access gets.
 */
import { findDuplicates } from '../src/incidents/duplicates/blocking.ts';
import type { MatchRecord } from '../src/incidents/duplicates/score.ts';
import { prng } from '../src/demo/demo.ts';
import adminAreas from '../src/places/admin-areas.json' with { type: 'json' };

const FORMS = [['rape', 50], ['attempted_rape', 8], ['sexual_slavery', 6], ['forced_marriage', 6], ['sexual_torture', 4], ['forced_prostitution', 3], ['sexual_mutilation', 2], ['other_comparable_gravity', 4]] as const;
const SETTINGS = ['home', 'field', 'market', 'water_point', 'checkpoint', 'camp', 'attack_on_village'] as const;
const TIMES = ['morning', 'afternoon', 'evening', 'night'] as const;
const PARTIES = Array.from({ length: 40 }, (_, i) => `Armed group ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? i : ''} (GEN-${i})`);

function generate(n: number, seed: number) {
  const r = prng(seed);
  const areas = adminAreas.areas.filter((a) => a.level === 1);
  const start = Date.parse('2021-01-01T00:00:00Z');
  const records: MatchRecord[] = [];
  const truth = new Set<string>();
  const day = (d: number) => new Date(start + d * 86_400_000).toISOString().slice(0, 10);
  let id = 0;
  const base = (): MatchRecord => {
    const area = r.pick(areas);
    const victims = { women: 0, girls: 0, men: 0, boys: 0, unknown: 0 };
    const cat = r.weighted([['women', 55], ['girls', 30], ['men', 6], ['boys', 5], ['unknown', 4]] as const);
    victims[cat] = r.weighted([[1, 70], [2, 15], [3, 8], [r.int(4, 12), 7]] as const);
    const form = r.weighted(FORMS);
    return {
      id: String(id++), occurredFrom: day(r.int(0, 1824)), occurredTo: null, country: area.country, admin1: area.code,
      admin2: `${area.code}-D${r.int(1, 12)}`, forms: r.next() < 0.15 ? [form, r.weighted(FORMS)] : [form], victims,
      party: r.next() < 0.85 ? r.pick(PARTIES) : null, setting: r.next() < 0.8 ? r.pick(SETTINGS) : null, timeOfDay: r.next() < 0.7 ? r.pick(TIMES) : null,
    };
  };
  /** The same incident as another source tells it. */
  const retell = (o: MatchRecord): MatchRecord => {
    const shifted = new Date(Date.parse(`${o.occurredFrom}T00:00:00Z`) + r.int(-3, 3) * 86_400_000).toISOString().slice(0, 10);
    const victims = { ...o.victims };
    if (r.next() < 0.2) {
      const c = r.pick(['women', 'girls'] as const);
      victims[c] = Math.max(0, victims[c] + r.pick([-1, 1]));
      if (victims.women + victims.girls + victims.men + victims.boys + victims.unknown === 0) victims.unknown = 1;
    }
    return {
      ...o, id: String(id++), occurredFrom: shifted,
      admin2: r.next() < 0.3 ? null : o.admin2,
      forms: r.next() < 0.1 && o.forms[0] === 'rape' ? ['attempted_rape'] : o.forms,
      victims,
      party: r.next() < 0.25 ? null : o.party && r.next() < 0.3 ? o.party.toUpperCase().replace(/[()]/g, '') : o.party,
      setting: r.next() < 0.3 ? null : o.setting,
      timeOfDay: r.next() < 0.4 ? null : o.timeOfDay,
    };
  };
  while (records.length < n) {
    const original = base();
    records.push(original);
    if (r.next() < 0.1 && records.length < n) {
      const copy = retell(original);
      records.push(copy);
      truth.add(`${original.id}|${copy.id}`);
    }
  }
  return { records, truth };
}

function evaluate(n: number, limitSeconds: number | null) {
  const { records, truth } = generate(n, 2106);
  const heapBefore = process.memoryUsage().heapUsed;
  const t = performance.now();
  const found = findDuplicates(records);
  const seconds = (performance.now() - t) / 1000;
  let tp = 0;
  for (const c of found) {
    const [x, y] = Number(c.a.id) < Number(c.b.id) ? [c.a.id, c.b.id] : [c.b.id, c.a.id];
    if (truth.has(`${x}|${y}`)) tp++;
  }
  const precision = found.length ? tp / found.length : 1;
  const recall = truth.size ? tp / truth.size : 1;
  const ok = precision >= 0.95 && recall >= 0.95 && (limitSeconds === null || seconds <= limitSeconds);
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${String(n).padStart(9)} incidents, ${truth.size} known duplicate pairs: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (targets >= 0.95), ${seconds.toFixed(1)} s${limitSeconds ? ` (limit ${limitSeconds} s)` : ''}, heap +${Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e6)} MB`);
  return ok;
}

const sizes = (process.env.BENCH_DUPLICATES ?? '100000,1000000').split(',').map(Number);
console.log('Duplicate detection (no narratives; blocking by country, admin 1 and a 14-day window)');
let failed = 0;
for (const n of sizes) if (!evaluate(n, n >= 1_000_000 ? 60 : null)) failed++;
process.exit(failed ? 1 : 0);
