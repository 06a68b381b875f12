/** The demo data: plainly synthetic, complete enough to show every part of the record and of commitments, and loadable once. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testContext, testServers, type TestDatabase } from '../../test/helpers/db.ts';
import type { AppContext } from '../platform/context.ts';
import type { Actor } from '../policy/policy.ts';
import { getAssessment } from '../commitments/assessment.ts';
import { incidentCounts } from '../commitments/incident-counts.ts';
import { listingHistory } from '../commitments/listing.ts';
import { getCommitment, listCommitments } from '../commitments/read.ts';
import { findOrganisation } from '../identity/users.ts';
import { users } from '../identity/tables.ts';
import { PointsQuery } from '../shared/stats.ts';
import { mapPoints } from '../stats/service.ts';
import { demoEmail, loadDemo } from './demo.ts';

async function coordinatorOf(ctx: AppContext, code: string): Promise<Actor> {
  const org = (await findOrganisation(ctx.db, code))!;
  const [user] = await ctx.db.select().from(users).where(eq(users.email, demoEmail(code, 'coordinator')));
  return { userId: user!.id, organisationId: org.id, role: 'coordinator', stage: 'active', sessionId: 'test' };
}

/** Each mission's commitments as their pages show them: overdue derived on reading, evidence, listing, assessment, incidents. */
async function complianceOf(ctx: AppContext) {
  const out: Record<string, unknown[]> = {};
  for (const code of ['DEMO-CAF-WPA', 'DEMO-COD-WPA', 'DEMO-NGO-1']) {
    const actor = await coordinatorOf(ctx, code);
    const list = await listCommitments(ctx, actor, { page: 1, pageSize: 50 }, 'en');
    out[code] = await Promise.all(list.items.map(async (c) => {
      const party = c.parties[0]!;
      const detail = await getCommitment(ctx, actor, c.id, 'en');
      const counts = await incidentCounts(ctx, actor, party.id, { verified: false, units: false }, null);
      return {
        kind: c.kind, synthetic: c.title.endsWith('(synthetic)'), parties: c.parties.map((p) => p.name), counts: c.counts,
        evidence: detail.measures.map((m) => [m.progress, m.evidence.length]),
        listing: (await listingHistory(ctx, actor, party.id)).items.map((e) => [new Date().getUTCFullYear() - e.reportYear, e.listing]),
        assessment: (await getAssessment(ctx, actor, party.id)).versions.map((v) => v.text.startsWith('[SYNTHETIC DEMO ASSESSMENT]')),
        incidents: counts.quarters.reduce((n, q) => n + q.incidents, 0) > 0,
      };
    }));
  }
  return out;
}

const mission = () => [
  {
    kind: 'action_plan', synthetic: true, parties: ['Non-state armed group (DEMO-NSAG-A)'],
    counts: { not_started: 1, in_progress: 1, done: 1, not_done: 0, overdue: 1 },
    evidence: [['done', 1], ['in_progress', 0], ['not_started', 0]],
    listing: [[2, 'listed'], [1, 'continued']], assessment: [true], incidents: true,
  },
  {
    kind: 'joint_communique', synthetic: true, parties: ['State armed forces (DEMO-SAF)'],
    counts: { not_started: 2, in_progress: 1, done: 1, not_done: 0, overdue: 1 },
    evidence: [['done', 1], ['in_progress', 0], ['not_started', 0], ['not_started', 0]],
    listing: [[2, 'listed'], [1, 'continued']], assessment: [true], incidents: true,
  },
];
/** Missions follow commitments; the NGO does not. */
const expected = { 'DEMO-CAF-WPA': mission(), 'DEMO-COD-WPA': mission(), 'DEMO-NGO-1': [] };

describe.each(testServers())('demo data on $name', (server) => {
  let db: TestDatabase;
  let ctx: AppContext;
  beforeAll(async () => {
    db = await createTestDatabase(server);
    ctx = testContext(db);
  });
  afterAll(async () => { await db.drop(); });

  it('loads synthetic organisations with the full record, its own list values, the missions\' commitments, and only once', async () => {
    const credentials = await loadDemo(ctx, { scale: 0.25 });
    expect(credentials.every((c) => c.email.endsWith('.demo.invalid'))).toBe(true);
    const q = async (sql: string) => Number((await db.pool.query<{ n: string }>(sql)).rows[0]!.n);
    const incidents = await q('SELECT count(*) AS n FROM incidents');
    expect(incidents).toBeGreaterThan(50);
    expect(await q("SELECT count(*) AS n FROM incidents WHERE jsonb_array_length(sources) > 0")).toBe(incidents);
    expect(await q("SELECT count(*) AS n FROM incidents WHERE jsonb_array_length(perpetrators) > 0")).toBe(incidents);
    expect(await q("SELECT count(*) AS n FROM incidents WHERE jsonb_array_length(referrals) > 0")).toBeGreaterThan(0);
    expect(await q("SELECT count(*) AS n FROM incidents WHERE setting = 'x_mine_site'")).toBeGreaterThan(0);
    // The regions people search for first have records (Ouaka, North Kivu).
    expect(await q("SELECT count(*) AS n FROM incidents WHERE admin1 = 'CF-UK'")).toBeGreaterThan(2);
    expect(await q("SELECT count(*) AS n FROM incidents WHERE admin1 = 'CD-NK'")).toBeGreaterThan(2);
    expect(await q("SELECT count(*) AS n FROM lookups")).toBe(9); // three organisations with incidents, three values each
    // Every organisation, party and source is visibly synthetic.
    expect(await q("SELECT count(*) AS n FROM organisations WHERE name NOT LIKE '%(synthetic)%'")).toBe(0);
    expect(await q("SELECT count(*) AS n FROM incidents, jsonb_array_elements(sources) s WHERE s->>'organisation' NOT LIKE '%(synthetic)%'")).toBe(0);
    // The reference parties (UCDP/PRIO, SVAC), and each mission's own: one created, one proposed.
    const reference = await q('SELECT count(*) AS n FROM parties WHERE organisation_id IS NULL');
    expect(reference).toBeGreaterThan(900);
    expect(await q("SELECT count(*) AS n FROM parties WHERE organisation_id IS NOT NULL AND status = 'confirmed' AND name LIKE '%(DEMO-LSD-%'")).toBe(3);
    expect(await q("SELECT count(*) AS n FROM parties WHERE organisation_id IS NOT NULL AND status = 'unconfirmed' AND name LIKE '%(DEMO-ARC-%'")).toBe(3);
    // The coded parties the incidents name are each organisation's own, and the incidents link to them.
    expect(await q("SELECT count(*) AS n FROM parties WHERE organisation_id IS NOT NULL AND status = 'confirmed' AND name = 'State armed forces (DEMO-SAF)'")).toBe(3);
    expect(await q(`SELECT count(*) AS n FROM incidents i JOIN parties p ON p.id = ANY(i.party_ids)
      WHERE p.name = 'State armed forces (DEMO-SAF)' AND p.organisation_id = i.organisation_id`)).toBeGreaterThan(5);
    const compliance = await complianceOf(ctx);
    expect(compliance).toEqual(expected);
    // Each mission watches its country with one rule of each kind; the recent burst in a hotspot and the
    // observations beside it have raised alerts (a surge in the region, the two signals together).
    expect(await q('SELECT count(*) AS n FROM warning_rules')).toBe(8);
    expect(await q("SELECT count(DISTINCT kind) AS n FROM warning_rules")).toBe(4);
    expect(await q("SELECT count(*) AS n FROM warning_observations WHERE note NOT LIKE '%(synthetic)'")).toBe(0);
    expect(await q("SELECT count(*) AS n FROM warning_alerts a JOIN warning_rules r ON r.id = a.rule_id WHERE r.kind = 'surge' AND a.key IN ('CAF/CF-BGF', 'COD/CD-NK')")).toBe(2);
    expect(await q("SELECT count(*) AS n FROM warning_alerts a JOIN warning_rules r ON r.id = a.rule_id WHERE r.kind = 'combination'")).toBe(2);
    // Some incidents carry synthetic coordinates inside their area, at every precision the map draws, and some none.
    const points = await mapPoints(ctx, await coordinatorOf(ctx, 'DEMO-CAF-WPA'), PointsQuery.parse({ country: 'CAF' }), null);
    expect(new Set(points.points.map((p) => p.precision))).toEqual(new Set(['exact', 'approximate', 'locality']));
    expect(points.points.every((p) => p.lat > 2 && p.lat < 11.1 && p.lon > 14.4 && p.lon < 27.5)).toBe(true);
    expect(points.withoutPoint).toBeGreaterThan(points.points.length);
    const counts = async () => Promise.all(['commitments', 'commitment_measures', 'measure_evidence', 'party_listings', 'party_assessments', 'audit_log'].map((t) => q(`SELECT count(*) AS n FROM ${t}`)));
    const before = await counts();
    expect(await loadDemo(ctx, { scale: 0.25 })).toEqual([]);
    expect(await q('SELECT count(*) AS n FROM incidents')).toBe(incidents);
    expect(await q('SELECT count(*) AS n FROM parties WHERE organisation_id IS NULL')).toBe(reference);
    expect(await counts()).toEqual(before);
  });
});
