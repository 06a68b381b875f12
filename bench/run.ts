/**
 * npm run bench: speed figures on a realistic volume, each compared with its limit in the same run.
 * Starts its own embedded PostgreSQL in a temporary directory, generates N incidents (default 100,000;
 * BENCH_INCIDENTS overrides) with real encrypted blobs, then measures the operations a WPA waits for.
 * Then the disclosure control benchmark (bench/disclosure.ts, which also runs alone).
 * Exit code 1 when a figure misses its limit. Method and results: docs/PERFORMANCE.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { startEmbedded, ensureDatabase } from '../src/platform/db/embedded.ts';
import { connect, migrate } from '../src/platform/db/database.ts';
import { MasterKey, sealJson } from '../src/platform/crypto/envelope.ts';
import { entryHash, KEYED, verifyAuditChain } from '../src/platform/audit/audit.ts';
import { deriveAuditKey, useAuditKey } from '../src/platform/audit/key.ts';
import { auditLog } from '../src/platform/audit/tables.ts';
import type { AppContext } from '../src/platform/context.ts';
import type { Actor } from '../src/policy/policy.ts';
import { createUser, ensureOrganisation } from '../src/identity/users.ts';
import { incidents, violations } from '../src/incidents/tables.ts';
import { createIncident, getIncident, listIncidents } from '../src/incidents/service.ts';
import { IncidentListQuery } from '../src/shared/incident.ts';
import { prng } from '../src/demo/demo.ts';
import { ensureBuiltInAreas } from '../src/places/places.ts';
import adminAreas from '../src/places/admin-areas.json' with { type: 'json' };
import { SV_FORMS, VERIFICATION_STATUSES } from '../src/shared/taxonomy.ts';
import { runDisclosureBench } from './disclosure.ts';
import { report, timeMany, type BenchResult } from './report.ts';

const N = Number(process.env.BENCH_INCIDENTS ?? 100_000);
const results: BenchResult[] = [];


const dir = mkdtempSync(join(tmpdir(), 'salama-bench-'));
const server = await startEmbedded(dir);
try {
  await ensureDatabase(server.url(), 'bench');
  const database = connect(server.url('bench'));
  await migrate(database.db);
  const ctx: AppContext = { db: database.db, master: new MasterKey(randomBytes(32)), sessionIdleMs: 1e6, sessionAbsoluteMs: 1e7 };
  useAuditKey(ctx.master);
  const auditKey = deriveAuditKey(ctx.master);
  const org = await ensureOrganisation(ctx.db, { code: 'BENCH', name: 'Benchmark organisation', kind: 'mission' });
  const coordinator = (await createUser(ctx.db, { organisationCode: 'BENCH', email: 'c@bench.test', role: 'coordinator', password: 'benchmark password' })).user;
  const monitor = (await createUser(ctx.db, { organisationCode: 'BENCH', email: 'm@bench.test', role: 'monitor', password: 'benchmark password' })).user;
  const asCoordinator: Actor = { userId: coordinator.id, organisationId: org.id, role: 'coordinator', stage: 'active', sessionId: 'bench' };
  const asMonitor: Actor = { ...asCoordinator, userId: monitor.id, role: 'monitor' };

  // Volume: N incidents spread over five years, 1.2 violations each, every one with its own data key, in the
  // Central African Republic's real regions (the search resolves area names through the reference table).
  await ensureBuiltInAreas(ctx.db);
  const regions = adminAreas.areas.filter((a) => a.country === 'CAF' && a.level === 1).map((a) => a.code);
  const r = prng(7);
  const loadStart = performance.now();
  for (let done = 0; done < N; done += 1000) {
    const rows = [];
    const vs = [];
    for (let i = done; i < Math.min(N, done + 1000); i++) {
      const id = randomUUID();
      const { wrappedKey, sealed } = sealJson(ctx.master, `incident:${id}`, { narrative: `benchmark narrative ${i}`, locality: null, coordinates: null });
      const day = new Date(Date.now() - r.int(1, 1825) * 86_400_000).toISOString().slice(0, 10);
      const party = `Party ${r.int(1, 30)}`;
      rows.push({
        id, organisationId: org.id, reference: `BENCH-${i}`, occurredFrom: day, country: 'CAF', admin1: r.pick(regions),
        women: r.int(0, 3), girls: r.int(0, 2), men: 0, boys: 0, unknown: 1, perpetratorParty: party,
        perpetrators: [{ party, category: 'unknown' as const, number: null, inUniform: null, rank: null }],
        sources: [{ type: 'monitor' as const, reliability: 'high' as const, connection: 'first_hand' as const, date: day, organisation: `Org ${r.int(1, 12)}` }],
        verificationStatus: r.pick(VERIFICATION_STATUSES), createdBy: r.next() < 0.1 ? monitor.id : coordinator.id, wrappedKey, sensitiveEnc: sealed,
      });
      vs.push({ organisationId: org.id, incidentId: id, position: 0, form: r.pick(SV_FORMS), unknown: 1 });
      if (r.next() < 0.2) vs.push({ organisationId: org.id, incidentId: id, position: 1, form: r.pick(SV_FORMS), unknown: 1 });
    }
    await ctx.db.insert(incidents).values(rows);
    await ctx.db.insert(violations).values(vs);
  }
  await database.pool.query('ANALYZE');
  console.log(`loaded ${N} incidents in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);

  const baseline = await timeMany(30, () => database.pool.query('SELECT * FROM incidents WHERE organisation_id = $1 ORDER BY occurred_from DESC LIMIT 50', [org.id]));
  results.push({ name: 'baseline: raw SELECT of 50 rows (no count, no audit)', value: baseline.p95, unit: 'ms p95', limit: Infinity, better: 'lower' });
  const q = (o: Record<string, unknown>) => IncidentListQuery.parse(o);
  const list = await timeMany(30, () => listIncidents(ctx, asCoordinator, q({}), null));
  results.push({ name: 'list, first page of 50 with total (coordinator)', value: list.p95, unit: 'ms p95', limit: Math.max(250, baseline.p95 * 25), better: 'lower' });
  const filtered = await timeMany(30, () => listIncidents(ctx, asCoordinator, q({ status: 'verified,pending', form: 'rape', from: '2024-01-01', to: '2025-12-31', q: 'Party 1' }), null));
  results.push({ name: 'list with status, form, period and text filters', value: filtered.p95, unit: 'ms p95', limit: 250, better: 'lower' });
  // Every word against reference, party, source organisation and area names: Ouaka's Arabic name and a party word.
  const searched = await timeMany(30, () => listIncidents(ctx, asCoordinator, q({ q: 'أواكا Party' }), null));
  results.push({ name: 'list searched by an area name (in Arabic) and a word of the party', value: searched.p95, unit: 'ms p95', limit: 250, better: 'lower' });
  const deep = await timeMany(10, () => listIncidents(ctx, asCoordinator, q({ page: Math.floor(N / 50 / 2), sort: 'reference' }), null));
  results.push({ name: 'list, a page in the middle of everything, sorted by reference', value: deep.p95, unit: 'ms p95', limit: 500, better: 'lower' });
  const scoped = await timeMany(30, () => listIncidents(ctx, asMonitor, q({}), null));
  results.push({ name: 'list as a monitor (own and assigned records only)', value: scoped.p95, unit: 'ms p95', limit: 250, better: 'lower' });
  const ids = (await database.pool.query<{ id: string }>('SELECT id FROM incidents ORDER BY random() LIMIT 50')).rows.map((x) => x.id);
  let k = 0;
  const detail = await timeMany(50, () => getIncident(ctx, asCoordinator, ids[k++ % ids.length]!, null));
  results.push({ name: 'open one incident (decrypt + audited read)', value: detail.p95, unit: 'ms p95', limit: 50, better: 'lower' });

  const creates = 500;
  const t = performance.now();
  for (let i = 0; i < creates; i++) {
    await createIncident(ctx, asMonitor, {
      occurredFrom: '2025-05-01', dateEstimated: false, place: { country: 'CAF', admin1: 'CF-BGF', locality: 'L-1', displayLevel: 'admin2' },
      victims: { women: 1, girls: 0, men: 0, boys: 0, unknown: 0 }, victimCountUnknown: false, violations: [{ form: 'rape', victims: { women: 1, girls: 0, men: 0, boys: 0, unknown: 0 } }],
      perpetrators: [{ party: 'Party 3', category: 'non_state_armed_group' }], survivors: [], sources: [{ type: 'survivor', reliability: 'high', connection: 'first_hand' }], referrals: [], verification: { status: 'reported' }, narrative: 'benchmark narrative', assignedTo: [], consent: ['aggregate_statistics'], context: { setting: 'field', timeOfDay: 'evening' },
    }, null);
  }
  results.push({ name: 'record incidents one after another (encrypt + audit + commit)', value: creates / ((performance.now() - t) / 1000), unit: 'per s', limit: 100, better: 'higher' });

  // A year of a busy office's audit trail: 100,000 more entries, chained exactly as appendAudit chains them.
  const last = (await database.pool.query<{ id: string; hash: string }>('SELECT id::text AS id, hash FROM audit_log ORDER BY audit_log.id DESC LIMIT 1')).rows[0]!;
  let prevHash = last.hash;
  for (let done = 0; done < 100_000; done += 2000) {
    const batch = [];
    for (let i = done; i < done + 2000; i++) {
      const fields = { id: Number(last.id) + 1 + i, organisationId: org.id, at: new Date(), actorUserId: coordinator.id, actorKind: 'user', action: 'incident.read',
        entityType: 'incident', entityId: ids[i % ids.length]!, ip: '127.0.0.1', details: { reference: `BENCH-${i}` }, prevHash };
      prevHash = entryHash(fields, auditKey);
      batch.push({ ...fields, alg: KEYED, hash: prevHash });
    }
    await ctx.db.insert(auditLog).values(batch);
  }
  await database.pool.query("SELECT setval(pg_get_serial_sequence('audit_log', 'id'), (SELECT max(id) FROM audit_log))");
  const auditRows = (await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n;
  const v = performance.now();
  const report = await verifyAuditChain(ctx.db, ctx.master);
  if (!report.ok) throw new Error('audit chain broken in benchmark');
  results.push({ name: `audit verify (${auditRows} entries)`, value: auditRows / ((performance.now() - v) / 1000), unit: 'entries/s', limit: 5000, better: 'higher' });
  await database.close();
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

// Disclosure control needs no database: its own file, which also runs alone (`npx tsx bench/disclosure.ts`).
for (const x of await runDisclosureBench()) results.push({ ...x, better: 'lower' });

process.exit(report(`Salama benchmark, ${N} incidents`, results, 68));
