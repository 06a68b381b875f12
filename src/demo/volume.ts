/**
 * Realistic volumes for benchmarks: N synthetic incidents for one organisation, written the way an import
 * writes them (set-based inserts of incidents, then violations, so the analysis engine's triggers run as in
 * production), with the shapes that make real monitoring data hard to aggregate:
 * - seasonality (a dry-season peak each year) and a slow rise over the years;
 * - hot spots: a few regions and districts carry most incidents, and short episodes (a district in a month)
 *   spike far above their baseline;
 * - a few dominant parties (weights falling off as 1/rank), brigades under their armies, a share of
 *   incidents with two parties, unknown perpetrators and unidentified armed men;
 * - a fifth of incidents with a second form, verification that lags the incident and reporting that lags
 *   the occurrence, consent that mostly allows statistics.
 * Everything is plainly synthetic (names say so) and seeded: the same seed gives the same data.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../platform/context.ts';
import { sealJson } from '../platform/crypto/envelope.ts';
import { incidents, violations } from '../incidents/tables.ts';
import { parties } from '../parties/tables.ts';
import adminAreas from '../places/admin-areas.json' with { type: 'json' };
import { ensureBuiltInAreas } from '../places/places.ts';
import type { SvForm } from '../shared/taxonomy.ts';
import { PERPETRATOR_CATEGORIES, SETTINGS } from '../shared/taxonomy.ts';

type PerpetratorCategory = (typeof PERPETRATOR_CATEGORIES)[number];
import { prng } from './demo.ts';

export interface VolumeOptions {
  organisationId: string;
  /** Who recorded them: the first gets most, the rest (monitors) the remainder. */
  recorders: readonly string[];
  incidents: number;
  seed?: number;
  /** The last day of the five years of data (default: the last day of the previous month). */
  through?: string;
  /** A country with admin 1 and admin 2 areas in the built-in reference (default Somalia). */
  country?: string;
  batch?: number;
  /** 'recorded' (default): written in the order they were recorded; 'random': as an import of old records in no order. */
  order?: 'recorded' | 'random';
  onProgress?: (done: number) => void;
}

type Rng = ReturnType<typeof prng>;

/** Picks by weight, from a cumulative table built once. */
function weighted<T>(items: readonly (readonly [T, number])[]): (r: Rng) => T {
  const cumulative: number[] = [];
  let sum = 0;
  for (const [, w] of items) cumulative.push((sum += w));
  return (r) => {
    const x = r.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]![0];
  };
}

const FORMS = weighted<SvForm>([
  ['rape', 55], ['attempted_rape', 9], ['sexual_slavery', 6], ['forced_marriage', 6], ['sexual_mutilation', 2], ['forced_pregnancy', 1],
  ['forced_abortion', 1], ['enforced_sterilization', 1], ['forced_prostitution', 2], ['trafficking_sexual_exploitation', 2], ['sexual_torture', 4],
  ['other_comparable_gravity', 6], ['unspecified', 4], ['sea_un_humanitarian', 2],
]);
const STATUSES = weighted([['verified', 45], ['reported', 20], ['pending', 20], ['not_verified', 12], ['found_not_occurred', 3]] as const);
const SETTING = weighted(SETTINGS.map((s, i) => [s, s === 'home' ? 30 : s === 'field' ? 20 : s === 'attack_on_village' ? 12 : 12 / (i + 1)] as const));
const SOURCE_ORGS = Array.from({ length: 12 }, (_, i) => `Volume source organisation ${i + 1} (synthetic)`);

/** The parties: six armies or groups with brigades under some of them, 30 in all, weights 1/rank. */
async function volumeParties(ctx: AppContext, organisationId: string, country: string, r: Rng) {
  const categories: PerpetratorCategory[] = ['state_forces', 'non_state_armed_group', 'non_state_armed_group', 'pro_government_militia', 'police', 'non_state_armed_group'];
  const created: { id: string; name: string; category: PerpetratorCategory }[] = [];
  for (let i = 0; i < 30; i++) {
    const top = i < 6;
    const category = categories[top ? i : i % 6]!;
    const parentId = top ? null : created[i % 6]!.id;
    const name = top ? `Volume party ${i + 1} (synthetic)` : `Volume party ${(i % 6) + 1}, unit ${Math.floor(i / 6)} (synthetic)`;
    const [row] = await ctx.db.insert(parties).values({ organisationId, name, category, countries: [country], parentId, status: 'confirmed', source: 'organisation' }).returning({ id: parties.id });
    created.push({ id: row!.id, name, category });
  }
  // A few dominate: rank order shuffled so armies and brigades both lead sometimes.
  const order = created.map((p) => ({ p, k: r.next() })).sort((a, b) => a.k - b.k).map((x) => x.p);
  return weighted(order.map((p, rank) => [p, 1 / (rank + 1)] as const));
}

const DAY = 86_400_000;

/** Writes the incidents; returns how many violations were written with them. */
export async function generateVolume(ctx: AppContext, opts: VolumeOptions): Promise<{ incidents: number; violations: number }> {
  const r = prng(opts.seed ?? 11);
  const country = opts.country ?? 'SOM';
  const batch = opts.batch ?? 2000;
  await ensureBuiltInAreas(ctx.db);
  const regions = adminAreas.areas.filter((a) => a.country === country && a.level === 1).map((a) => a.code);
  const districts = adminAreas.areas.filter((a) => a.country === country && a.level === 2);
  if (regions.length === 0) throw new Error(`no built-in admin 1 areas for ${country}`);
  // Hot spots: the first few regions (in a seeded order) carry most incidents, and their districts likewise.
  const regionOrder = regions.map((c) => ({ c, k: r.next() })).sort((a, b) => a.k - b.k).map((x) => x.c);
  const region = weighted(regionOrder.map((c, rank) => [c, rank < 4 ? 12 : 1] as const));
  const districtsOf = new Map<string, (r: Rng) => string | null>();
  for (const code of regions) {
    const own = districts.filter((d) => d.parent === code).map((d, rank) => [d.code, 1 / (rank + 1)] as const);
    districtsOf.set(code, own.length ? weighted<string | null>([...own, [null, 0.3]]) : () => null);
  }
  const party = await volumeParties(ctx, opts.organisationId, country, r);

  const end = opts.through ? Date.parse(opts.through) : Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 0);
  const start = end - 5 * 365 * DAY;
  // A day of occurrence: uniform over five years, kept with a probability that peaks in the dry season
  // (December to April) and rises by half over the period; 1 in 50 lands in one of 40 episodes instead.
  const episodes = Array.from({ length: 40 }, () => ({ day: start + r.int(0, 5 * 365 - 30) * DAY, region: region(r) }));
  const occurred = (): { day: number; region: string } => {
    if (r.next() < 0.02) {
      const e = r.pick(episodes);
      return { day: e.day + r.int(0, 20) * DAY, region: e.region };
    }
    for (;;) {
      const day = start + r.int(0, 5 * 365 - 1) * DAY;
      const month = new Date(day).getUTCMonth();
      const season = 0.6 + 0.4 * Math.cos(((month - 1) / 12) * 2 * Math.PI);
      const trend = 0.67 + 0.33 * ((day - start) / (end - start));
      if (r.next() < season * trend) return { day, region: region(r) };
    }
  };
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

  // When and where each incident happened and when it was reported, drawn first, so the incidents are written
  // in the order they were recorded, as an office records them (a bulk import of old records in random order
  // is the benchmark's other case: docs/PERFORMANCE.md).
  const when = Array.from({ length: opts.incidents }, () => {
    const o = occurred();
    return { ...o, reportedAt: o.day + Math.floor(-Math.log(1 - r.next()) * 20) * DAY };
  });
  if (opts.order !== 'random') when.sort((a, b) => a.reportedAt - b.reportedAt);

  let written = 0;
  let violationsWritten = 0;
  for (let done = 0; done < opts.incidents; done += batch) {
    const rows: (typeof incidents.$inferInsert)[] = [];
    const vs: (typeof violations.$inferInsert)[] = [];
    for (let i = done; i < Math.min(opts.incidents, done + batch); i++) {
      const id = randomUUID();
      const { day, region: admin1, reportedAt } = when[i]!;
      const admin2 = districtsOf.get(admin1)!(r);
      const girls = r.next() < 0.3 ? r.int(1, 2) : 0;
      const women = girls > 0 && r.next() < 0.5 ? 0 : r.int(1, r.next() < 0.1 ? 6 : 2);
      const men = r.next() < 0.05 ? 1 : 0;
      const boys = r.next() < 0.03 ? 1 : 0;
      const p1 = party(r);
      const named = r.next() < 0.08 ? [] : r.next() < 0.1 ? [p1, party(r)] : [p1];
      const perpetrators = named.length === 0
        ? [{ party: '', partyChoice: r.next() < 0.5 ? 'unknown' as const : 'unidentified_armed_men' as const, category: 'unknown' as const, number: null, inUniform: null, rank: null }]
        : named.map((p) => ({ party: p.name, partyId: p.id, category: p.category, number: null, inUniform: null, rank: null }));
      const status = STATUSES(r);
      const decidedAt = status === 'reported' || status === 'pending' ? null : reportedAt + Math.floor(-Math.log(1 - r.next()) * 45) * DAY;
      const { wrappedKey, sealed } = sealJson(ctx.master, `incident:${id}`, { narrative: `Synthetic volume narrative ${i}`, locality: null, coordinates: null });
      const sourceCount = r.next() < 0.3 ? 2 : 1;
      rows.push({
        id, organisationId: opts.organisationId, reference: `VOL-${String(i).padStart(7, '0')}`, occurredFrom: iso(day), country, admin1, admin2,
        women, girls, men, boys, unknown: 0,
        perpetratorParty: named.map((p) => p.name).join('; ') || null, perpetrators, partyIds: named.map((p) => p.id),
        sources: Array.from({ length: sourceCount }, () => ({ type: 'monitor' as const, reliability: 'high' as const, connection: 'first_hand' as const, date: iso(reportedAt), organisation: r.pick(SOURCE_ORGS) })),
        verificationStatus: status, decidedAt: decidedAt === null ? null : new Date(Math.min(decidedAt, end)), decisionRoute: decidedAt === null ? null : 'coordinator',
        createdBy: r.next() < 0.8 ? opts.recorders[0]! : r.pick(opts.recorders), createdAt: new Date(Math.min(reportedAt, end)),
        setting: r.next() < 0.15 ? null : SETTING(r), consent: r.next() < 0.85 ? ['aggregate_statistics', 'mara_working_group'] : ['agency_only'],
        wrappedKey, sensitiveEnc: sealed,
      });
      const first = FORMS(r);
      vs.push({ organisationId: opts.organisationId, incidentId: id, position: 0, form: first, women, girls, men, boys });
      if (r.next() < 0.2) {
        let second = FORMS(r);
        while (second === first) second = FORMS(r);
        vs.push({ organisationId: opts.organisationId, incidentId: id, position: 1, form: second, women: Math.min(women, 1) });
      }
    }
    await ctx.db.insert(incidents).values(rows);
    await ctx.db.insert(violations).values(vs);
    written += rows.length;
    violationsWritten += vs.length;
    opts.onProgress?.(written);
  }
  return { incidents: written, violations: violationsWritten };
}
