/**
 * Plainly synthetic demo data: organisations and users named by codes, parties named by codes (beside the
 * real reference parties of UCDP/PRIO and SVAC, seeded with the demo, and the SVAC and RSVAC reference datasets),
 * a few hundred incidents over the last two years in real admin areas (from the boundary files), some with
 * synthetic coordinates inside their area at
 * differing precision (coordinates.ts), with narratives marked SYNTHETIC, and each mission's commitments of the
 * coded parties its incidents name (commitments.ts), and each mission's early warning: rules, observations and a
 * recent burst of incidents that starts an episode (warnings.ts). Generated from a seed so every run gives the same data.
 * Incidents go through the incident service, so they are encrypted and audited exactly like real ones.
 */
import { writeFileSync } from 'node:fs';
import type { AppContext } from '../platform/context.ts';
import type { Actor } from '../policy/policy.ts';
import { createIncident } from '../incidents/service.ts';
import { updateIncident } from '../incidents/update.ts';
import { createLookup } from '../lookups/service.ts';
import { createParty, proposeParty } from '../parties/manage.ts';
import { demoCommitments } from './commitments.ts';
import { demoCoordinates } from './coordinates.ts';
import { demoWarnings } from './warnings.ts';
import { seedReferenceParties } from '../parties/seed.ts';
import { loadBundled } from '../reference/load.ts';
import { createUser, ensureOrganisation, findOrganisation } from '../identity/users.ts';
import type { IncidentCreate } from '../shared/incident.ts';
import { DISPLACEMENT_STAGES, NOT_VERIFIED_REASONS, SOURCE_CONNECTIONS, SOURCE_TYPES, SV_FORMS, TIMES_OF_DAY, type ConsentScope, type PERPETRATOR_CATEGORIES, type Role, type VerificationStatus } from '../shared/taxonomy.ts';
import adminAreas from '../places/admin-areas.json' with { type: 'json' };

/** Small deterministic PRNG (mulberry32): same seed, same demo. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const weighted = <T>(pairs: readonly (readonly [T, number])[]): T => {
    let r = next() * pairs.reduce((s, [, w]) => s + w, 0);
    for (const [v, w] of pairs) if ((r -= w) < 0) return v;
    return pairs[pairs.length - 1]![0];
  };
  return { next, int, pick, weighted };
}

export const DEMO_ORGS = [
  { code: 'DEMO-CAF-WPA', name: 'Demo mission A – Women Protection Advisers (synthetic)', kind: 'mission', country: 'CAF', incidents: 180 },
  { code: 'DEMO-COD-WPA', name: 'Demo mission B – Women Protection Advisers (synthetic)', kind: 'mission', country: 'COD', incidents: 120 },
  { code: 'DEMO-NGO-1', name: 'Demo NGO 1 – service provider (synthetic)', kind: 'ngo', country: 'CAF', incidents: 40 },
  { code: 'DEMO-HQ', name: 'Demo headquarters unit (synthetic)', kind: 'headquarters', country: null, incidents: 0 },
] as const;

const ROLES_PER_ORG: Role[] = ['coordinator', 'monitor', 'partner', 'viewer', 'admin'];
const PARTIES: [[string | null, (typeof PERPETRATOR_CATEGORIES)[number]], number][] = [
  [['State armed forces (DEMO-SAF)', 'state_forces'], 4], [['Police (DEMO-POL)', 'police'], 2], [['Pro-government militia (DEMO-PGM-1)', 'pro_government_militia'], 2],
  [['Non-state armed group (DEMO-NSAG-A)', 'non_state_armed_group'], 5], [['Non-state armed group (DEMO-NSAG-B)', 'non_state_armed_group'], 3], [[null, 'unknown'], 3],
] as const;
const SOURCE_ORGS = ['Demo clinic C-12 (synthetic)', 'Demo NGO 1 (synthetic)', 'Demo patrol unit P-3 (synthetic)', 'Demo women\'s network W-2 (synthetic)'];
const PROVIDERS = ['Demo health centre H-4 (synthetic)', 'Demo psychosocial team T-7 (synthetic)', 'Demo legal aid desk J-2 (synthetic)'];
const FORM_WEIGHTS: [(typeof SV_FORMS)[number], number][] = SV_FORMS.map((f) => [f, f === 'rape' ? 40 : f === 'attempted_rape' ? 8 : f === 'sexual_slavery' ? 5 : f === 'forced_marriage' ? 5 : f === 'sea_un_humanitarian' ? 2 : 2]);

/** Regions that carry most of a country's demo incidents. */
const HOTSPOTS: Readonly<Record<string, readonly string[]>> = {
  CAF: ['CF-UK', 'CF-HK', 'CF-OP', 'CF-BGF'],
  COD: ['CD-NK', 'CD-SK', 'CD-IT', 'CD-TA'],
};

export const demoEmail = (orgCode: string, role: Role) => `${role}@${orgCode.toLowerCase()}.demo.invalid`;

function iso(d: Date) { return d.toISOString().slice(0, 10); }

function demoIncident(r: ReturnType<typeof prng>, country: string, n: number, status: VerificationStatus): IncidentCreate {
  const admin1s = adminAreas.areas.filter((a) => a.country === country && a.level === 1);
  // A few areas carry most incidents, as in real conflict geography (and as the layout and search checks expect:
  // "Ouaka" finds records in the demo).
  const hot = admin1s.filter((a) => HOTSPOTS[country]?.includes(a.code));
  const area = r.next() < 0.6 && hot.length > 0 ? hot[r.int(0, hot.length - 1)]! : r.pick(admin1s);
  const admin2s = adminAreas.areas.filter((a) => a.level === 2 && a.parent === area.code);
  const today = Date.now();
  const from = new Date(today - r.int(1, 730) * 86_400_000);
  const range = r.next() < 0.15;
  const victims = { women: 0, girls: 0, men: 0, boys: 0, unknown: 0 };
  const category = r.weighted([['women', 55], ['girls', 30], ['men', 6], ['boys', 5], ['unknown', 4]] as const);
  victims[category] = r.weighted([[1, 70], [2, 15], [3, 8], [r.int(4, 12), 7]] as const);
  if (r.next() < 0.2) victims.girls += 1;
  const forms = new Set([r.weighted(FORM_WEIGHTS)]);
  if (r.next() < 0.2) forms.add(r.weighted(FORM_WEIGHTS));
  const consent: ConsentScope[] = r.weighted([[['aggregate_statistics'], 40], [['mara_working_group', 'aggregate_statistics'], 25], [['aggregate_statistics', 'referral'], 20], [['agency_only'], 15]] as const).slice();
  const referrals = consent.includes('referral')
    ? [{ service: 'health' as const, status: 'received' as const, date: iso(new Date(Math.min(today, from.getTime() + r.int(1, 5) * 86_400_000))), provider: PROVIDERS[0]!, consented: true },
      ...(r.next() < 0.5 ? [{ service: 'psychosocial' as const, status: 'referred' as const, date: null, provider: PROVIDERS[1]!, consented: true }] : [])]
    : [];
  const individual = victims.women + victims.girls <= 3 && r.next() < 0.5 ? survivors(r, victims, n) : [];
  const perpetrator = () => {
    const [party, category] = r.weighted(PARTIES);
    return { party, category, number: r.next() < 0.6 ? r.int(1, 6) : null, inUniform: category === 'unknown' ? null : r.next() < 0.7, rank: null };
  };
  return {
    occurredFrom: iso(from),
    occurredTo: range ? iso(new Date(Math.min(today, from.getTime() + r.int(1, 10) * 86_400_000))) : null,
    dateEstimated: r.next() < 0.2,
    victimCountUnknown: false,
    place: {
      country, admin1: area.code, admin2: admin2s.length ? r.pick(admin2s).code : null,
      locality: r.next() < 0.7 ? `Locality L-${r.int(100, 999)} (synthetic)` : null,
      coordinates: null,
      displayLevel: r.next() < 0.1 ? 'admin1' : 'admin2',
    },
    victims,
    violations: [...forms].map((form) => ({ form, victims })),
    perpetrators: [perpetrator()],
    sources: Array.from({ length: r.weighted([[1, 50], [2, 35], [3, 15]] as const) }, (_, i) => ({
      type: i === 0 ? r.weighted([['survivor', 45], ['service_provider', 35], ['monitor', 10], ['witness', 10]] as const) : r.pick(SOURCE_TYPES),
      reliability: r.weighted([['high', 40], ['moderate', 40], ['low', 10], ['unknown', 10]] as const),
      connection: i === 0 ? 'first_hand' as const : r.pick(SOURCE_CONNECTIONS),
      date: iso(new Date(Math.min(today, from.getTime() + r.int(0, 60) * 86_400_000))),
      organisation: r.pick(SOURCE_ORGS),
    })),
    referrals,
    survivors: individual,
    verification: {
      status, notVerifiedReason: status === 'not_verified' ? r.pick(NOT_VERIFIED_REASONS) : null,
      // A decision states its grounds: the standard applied (MARA's usual one) and a source it relied on (each has one).
      standard: status === 'verified' || status === 'found_not_occurred' ? 'reasonable_grounds_to_believe' as const : null,
      reliedOnSources: status === 'verified' ? [0] : [],
    },
    // The narrative names the same survivor code as the individual entry, when there is one.
    narrative: `[SYNTHETIC DEMO RECORD ${n}] Survivor code ${individual[0]?.code ?? `S-${String(r.int(1000, 9999))}`} reported through a service provider. ` +
      'No real person or event is described.',
    assignedTo: [],
    context: {
      setting: r.weighted([['home', 20], ['field', 25], ['market', 8], ['water_point', 10], ['checkpoint', 8], ['camp', 12], ['attack_on_village', 10], ['detention', 4], ['abduction', 3]] as const),
      timeOfDay: r.pick(TIMES_OF_DAY),
      displacementStage: r.next() < 0.5 ? r.pick(DISPLACEMENT_STAGES) : null,
      abduction: r.next() < 0.1,
      detention: r.next() < 0.05,
    },
    consent,
  };
}

/** The same event as another source reports it: a day later, the party written otherwise, its own source. */
function retold(r: ReturnType<typeof prng>, o: IncidentCreate, n: number): IncidentCreate {
  const day = new Date(Date.parse(`${o.occurredFrom}T00:00:00Z`) + 86_400_000);
  return {
    ...o,
    occurredFrom: iso(new Date(Math.min(Date.now(), day.getTime()))), occurredTo: null,
    place: { ...o.place, locality: null },
    perpetrators: o.perpetrators.map((p) => ({ ...p, party: p.party ? p.party.toUpperCase().replace(/[()]/g, '') : null })),
    sources: [{ type: 'witness', reliability: 'moderate', connection: 'second_hand', date: null, organisation: r.pick(SOURCE_ORGS) }],
    survivors: [], referrals: [], consent: ['agency_only'],
    verification: { status: 'reported' },
    narrative: `[SYNTHETIC DEMO RECORD ${n}, reported again by another source] No real person or event is described.`,
  };
}

/** Individual entries for the women and girls counted, with synthetic survivor codes. */
function survivors(r: ReturnType<typeof prng>, victims: IncidentCreate['victims'], n: number): IncidentCreate['survivors'] {
  const out: IncidentCreate['survivors'] = [];
  const add = (child: boolean) => {
    const age = child ? r.int(9, 17) : r.int(18, 55);
    out.push({ code: `S-${String(n).padStart(4, '0')}-${out.length + 1}`, sex: 'female', age, child, disability: r.next() < 0.1, displacement: r.pick(['resident', 'internally_displaced', 'refugee'] as const), nationality: null });
  };
  for (let i = 0; i < victims.women; i++) add(false);
  for (let i = 0; i < victims.girls; i++) add(true);
  return out;
}

const DEMO_LOOKUPS = [
  { list: 'setting', labels: { en: 'Mine site', fr: 'Site minier', ar: 'موقع تعدين' } },
  { list: 'sourceType', labels: { en: 'Community alert network', fr: "Réseau communautaire d'alerte", ar: 'شبكة إنذار مجتمعية' } },
  { list: 'service', labels: { en: 'Safe shelter', fr: 'Abri sûr', ar: 'مأوى آمن' } },
] as const;

export interface DemoCredential { organisation: string; role: Role; email: string; password: string }

/**
 * Each demo organisation's own parties, beside the reference ones: the coded parties its incidents name
 * (created first, so the incidents link to them), a local group a coordinator added, one a monitor proposed.
 * Returns the coded parties' ids by name.
 */
async function demoParties(ctx: AppContext, actors: Map<Role, Actor>, country: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const [[name, category]] of PARTIES) {
    if (!name) continue;
    const code = /\((DEMO-[A-Z0-9-]+)\)/.exec(name)![1]!;
    const made = await createParty(ctx, actors.get('coordinator')!, { name, shortName: code, language: 'en', category, countries: [country], names: [], externalIds: [] }, 'en', null);
    ids.set(name, made.id);
  }
  await createParty(ctx, actors.get('coordinator')!, {
    name: `Local self-defence group (DEMO-LSD-${country})`, shortName: `DEMO-LSD-${country}`, language: 'en', category: 'non_state_armed_group', countries: [country],
    names: [{ name: `Groupe local d’autodéfense (DEMO-LSD-${country})`, language: 'fr', kind: 'canonical' }], externalIds: [],
  }, 'en', null);
  await proposeParty(ctx, actors.get('monitor')!, { name: `Armed men of the river crossing (DEMO-ARC-${country})`, language: 'en', category: 'unknown', countries: [country] }, 'en', null);
  return ids;
}

/** Loads the demo once (skips organisations that exist). Returns the credentials of users it created. */
export async function loadDemo(ctx: AppContext, opts: { seed?: number; scale?: number; credentialsFile?: string } = {}): Promise<DemoCredential[]> {
  const r = prng(opts.seed ?? 1325);
  // Coordinates draw from their own stream: the rest of the demo stays as it was without them.
  const geo = prng((opts.seed ?? 1325) + 1);
  const credentials: DemoCredential[] = [];
  let seeded = false;
  for (const spec of DEMO_ORGS) {
    if (await findOrganisation(ctx.db, spec.code)) continue;
    // The shared reference parties (UCDP/PRIO, SVAC), once, with the first organisation the demo creates.
    // With them, the reference datasets (SVAC, RSVAC), so parties' pages and the dashboard show them.
    if (!seeded) {
      const system = { userId: null, kind: 'system', organisationId: null, ip: null } as const;
      seeded = !!await seedReferenceParties(ctx.db, system);
      for (const dataset of ['svac', 'rsvac'] as const) await loadBundled(ctx.db, system, dataset);
    }
    const org = await ensureOrganisation(ctx.db, { code: spec.code, name: spec.name, kind: spec.kind });
    const actors = new Map<Role, Actor>();
    for (const role of ROLES_PER_ORG) {
      const { user, generatedPassword } = await createUser(ctx.db, { organisationCode: spec.code, email: demoEmail(spec.code, role), role });
      credentials.push({ organisation: spec.code, role, email: user.email, password: generatedPassword! });
      actors.set(role, { userId: user.id, organisationId: org.id, role, stage: 'active', sessionId: 'demo' });
    }
    if (!spec.country) continue;
    // The organisation's own list values, beside the core taxonomy (labels in three languages).
    for (const l of DEMO_LOOKUPS) await createLookup(ctx, actors.get('coordinator')!, l, null);
    const partyIds = await demoParties(ctx, actors, spec.country);
    const count = Math.round(spec.incidents * (opts.scale ?? 1));
    for (let n = 1; n <= count; n++) {
      const status = r.weighted([['verified', 45], ['pending', 20], ['reported', 15], ['not_verified', 15], ['found_not_occurred', 5]] as const);
      const decided = status !== 'reported' && status !== 'pending';
      // Four eyes, as in real use: a monitor or partner records, and the coordinator decides.
      const recorder = decided ? r.pick(['monitor', 'partner'] as const) : r.pick(['monitor', 'partner', 'coordinator'] as const);
      const incident = demoIncident(r, spec.country, n, status);
      incident.place.coordinates = demoCoordinates(geo.next, incident.place);
      if (r.next() < 0.06) incident.context.setting = 'x_mine_site';
      const created = await createIncident(ctx, actors.get(recorder)!, { ...incident, verification: { status: decided ? 'pending' : status } }, null);
      if (decided) await updateIncident(ctx, actors.get('coordinator')!, created.id, { version: created.version, verification: incident.verification }, null);
      // Now and then the same event reaches the organisation again from another source, told a little
      // differently: what the duplicate review is for.
      if (r.next() < 0.06) await createIncident(ctx, actors.get(recorder === 'monitor' ? 'partner' : 'monitor')!, retold(r, incident, n), null);
    }
    // A mission follows the commitments of the parties its incidents name.
    if (spec.kind === 'mission') await demoCommitments(ctx, actors.get('coordinator')!, spec.country, partyIds);
    // A mission watches its country for early warning (own random stream: the rest of the demo stays as it was).
    if (spec.kind === 'mission') {
      const w = prng((opts.seed ?? 1325) + 2);
      await demoWarnings(ctx, actors, spec.country, (n) => demoIncident(w, spec.country, n, 'reported'), w.next);
    }
  }
  if (opts.credentialsFile && credentials.length) {
    writeFileSync(opts.credentialsFile, JSON.stringify(credentials, null, 1) + '\n', { mode: 0o600 });
  }
  return credentials;
}
