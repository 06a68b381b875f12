/**
 * The demo's early warning, plainly synthetic: each mission's coordinator watches its country with one rule of
 * each kind, a monitor has recorded a few observations (notes marked synthetic), and a burst of incidents in
 * the last fortnight in one hotspot region starts an episode, so the alert feed, the workflow and the backtest
 * have something to show. Drawn from its own random stream: the rest of the demo stays as it was.
 */
import type { AppContext } from '../platform/context.ts';
import type { Actor } from '../policy/policy.ts';
import { createIncident } from '../incidents/service.ts';
import { ensureBuiltInAreas } from '../places/places.ts';
import type { IncidentCreate } from '../shared/incident.ts';
import type { Role } from '../shared/taxonomy.ts';
import { seedIndicators } from '../warnings/indicators.ts';
import { evaluateRules } from '../warnings/job.ts';
import { createObservation, createRule, listIndicators } from '../warnings/service.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The hotspot region where the demo's current episode is, per country. */
const BURST_REGION: Readonly<Record<string, string>> = { CAF: 'CF-BGF', COD: 'CD-NK' };

export async function demoWarnings(
  ctx: AppContext, actors: ReadonlyMap<Role, Actor>, country: string, incident: (n: number) => IncidentCreate, random: () => number,
): Promise<void> {
  const coordinator = actors.get('coordinator')!;
  const monitor = actors.get('monitor')!;
  const region = BURST_REGION[country];
  if (!region) return;
  // Rules and observations name areas of the reference list, and the registry's indicators (both idempotent).
  await ensureBuiltInAreas(ctx.db);
  await seedIndicators(ctx.db);
  const byCode = new Map((await listIndicators(ctx, coordinator, 'en')).indicators.flatMap((i) => (i.code ? [[i.code, i.id] as const] : [])));
  const id = (code: string) => byCode.get(code)!;

  await createRule(ctx, coordinator, {
    name: 'Surge in any region (demo)', area: { country }, per: 'admin1', active: true,
    params: { kind: 'surge', indicatorId: id('crsv_incidents'), recentDays: 14, baselineDays: 90, factor: 2, minCount: 4, minBaseline: 1 },
  }, 'en', null);
  await createRule(ctx, coordinator, {
    name: 'Highest abductions of women and girls in two years (demo)', area: { country }, per: 'whole', active: true,
    params: { kind: 'record_high', indicatorId: id('abductions_women_girls'), windowDays: 30, years: 2, minCount: 2 },
  }, 'en', null);
  await createRule(ctx, coordinator, {
    name: `Deployment near civilians and women changing their movements, ${region} (demo)`, area: { country, admin1: region }, per: 'whole', active: true,
    params: { kind: 'combination', indicatorIds: [id('deployment_near_civilians'), id('movement_change')], withinDays: 14, minSeverity: 'medium' },
  }, 'en', null);
  await createRule(ctx, coordinator, {
    name: 'Listed or committed party newly active in a region (demo)', area: { country }, per: 'admin1', active: true,
    params: { kind: 'party_active', partyIds: [], recentDays: 30, quietDays: 180, minCount: 1 },
  }, 'en', null);

  // The burst: incidents over the last twelve days in the region, recorded by the monitor.
  for (let n = 0; n < 7; n++) {
    const made = incident(9000 + n);
    const occurred = day(-1 - Math.floor(random() * 12));
    await createIncident(ctx, monitor, {
      ...made, occurredFrom: occurred, occurredTo: null, place: { ...made.place, admin1: region, admin2: null, coordinates: null },
      verification: { status: 'reported', notVerifiedReason: null, standard: null, reliedOnSources: [] },
    }, null);
  }
  const observe = async (code: string, offset: number, severity: 'low' | 'medium' | 'high', note: string) =>
    createObservation(ctx, monitor, { indicatorId: id(code), observedOn: day(offset), area: { country, admin1: region }, severity, note: `${note} (synthetic)` }, 'en', null);
  await observe('deployment_near_civilians', -9, 'high', 'Armed group D-1 seen moving along the road to the displacement site');
  await observe('movement_change', -4, 'medium', 'Women at site S-3 say they no longer go to the fields without an escort');
  await observe('post_rape_care_demand', -3, 'medium', 'Health centre H-4 reports more survivors seeking care this week');
  await evaluateRules(ctx.db, coordinator.organisationId);
}
