/**
 * Recording many incidents at once (imports), below the import job: each record as one recorded by hand
 * would be (its own data key, identifying fields sealed, version 1, a reference in its year's sequence),
 * one audit entry per batch, known external ids skipped, and a batch that fails part-way leaves nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testContext, testServers, type TestDatabase } from '../../test/helpers/db.ts';
import { sampleIncident, seedOrganisation } from '../../test/helpers/http.ts';
import type { AppContext } from '../platform/context.ts';
import { copyTransaction } from '../platform/db/copy.ts';
import type { Actor } from '../policy/policy.ts';
import { IncidentCreate } from '../shared/incident.ts';
import { BulkSealer, createIncidentsBulk, type BulkItem, type SealedBatch } from './bulk.ts';
import { getIncident, incidentHistory } from './service.ts';

describe.each(testServers())('recording in bulk on $name', (server) => {
  let db: TestDatabase;
  let ctx: AppContext;
  let org: { id: string; code: string };
  let actor: Actor;

  beforeAll(async () => {
    db = await createTestDatabase(server);
    ctx = testContext(db);
    const seeded = await seedOrganisation(ctx, 'ORG-BULK');
    org = seeded.org;
    actor = { userId: seeded.users.coordinator.id, organisationId: org.id, role: 'coordinator', stage: 'active', sessionId: 'bulk-test' };
  });
  afterAll(async () => { await db.drop(); });

  const item = (externalId: string, overrides: Record<string, unknown> = {}): BulkItem => ({
    externalId, digest: `digest-${externalId}`,
    input: IncidentCreate.parse(sampleIncident({ survivors: [{ code: `S-${externalId}`, sex: 'female', age: 24 }], ...overrides })),
  });
  const seal = (items: BulkItem[]) => {
    const sealer = new BulkSealer(ctx, actor, org);
    for (const i of items) sealer.add(i);
    return sealer.batch;
  };
  const write = (batch: SealedBatch) => copyTransaction(ctx.db, (tx, copy) => createIncidentsBulk(tx, copy, org, batch, { importId: 'bulk-test' }));
  const one = async <T>(text: string, values: unknown[] = []) => (await db.pool.query<T & object>(text, values)).rows[0]!;
  const idOf = async (externalId: string) => (await one<{ id: string }>('SELECT id FROM incidents WHERE external_id = $1', [externalId])).id;
  const state = async () => ({
    incidents: (await one<{ n: number }>('SELECT count(*)::int AS n FROM incidents')).n,
    violations: (await one<{ n: number }>('SELECT count(*)::int AS n FROM violations')).n,
    versions: (await one<{ n: number }>('SELECT count(*)::int AS n FROM incident_versions')).n,
    audit: (await one<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'incident.import'")).n,
    counters: (await db.pool.query('SELECT year, next FROM reference_counters ORDER BY year')).rows,
  });

  it('records each as one at a time would: its own key, sealed fields, version 1, references per year, one audit entry', async () => {
    const items = [item('b-1', { occurredFrom: '2025-02-01' }), item('b-2', { occurredFrom: '2024-06-30', narrative: 'Second account, with a tab\tand a "quote".' }), item('b-3', { occurredFrom: '2025-01-15' })];
    expect(await write(seal(items))).toEqual({ created: 3, skipped: 0 });

    for (const { externalId, input } of items) {
      const id = await idOf(externalId);
      const detail = await getIncident(ctx, actor, id, null);
      expect(detail).toMatchObject({ externalId, narrative: input.narrative, place: input.place, victims: input.victims, occurredFrom: input.occurredFrom, version: 1 });
      expect(detail.violations.map((v) => v.form)).toEqual(input.violations.map((v) => v.form));
      expect(detail.survivors.map((s) => s.code)).toEqual([`S-${externalId}`]);
      const history = await incidentHistory(ctx, actor, id, null);
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ version: 1, action: 'create', changedBy: actor.userId, changedFields: [] });
      expect(history[0]!.snapshot).toMatchObject({ narrative: input.narrative, place: { locality: input.place.locality, coordinates: input.place.coordinates } });
      expect((await one<{ d: string }>('SELECT import_digest AS d FROM incidents WHERE id = $1', [id])).d).toBe(`digest-${externalId}`);
    }
    const keys = await db.pool.query<{ k: Buffer }>('SELECT wrapped_key AS k FROM incidents');
    expect(new Set(keys.rows.map((r) => r.k.toString('hex'))).size).toBe(3);
    const refs = await db.pool.query<{ e: string; r: string }>('SELECT external_id AS e, reference AS r FROM incidents ORDER BY external_id');
    expect(refs.rows).toEqual([{ e: 'b-1', r: 'ORG-BULK-2025-0001' }, { e: 'b-2', r: 'ORG-BULK-2024-0001' }, { e: 'b-3', r: 'ORG-BULK-2025-0002' }]);
    const audit = await db.pool.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_log WHERE action = 'incident.import'");
    expect(audit.rows).toEqual([{ details: expect.objectContaining({ importId: 'bulk-test', created: 3, skipped: 0, references: ['ORG-BULK-2024-0001', 'ORG-BULK-2025-0001', 'ORG-BULK-2025-0002'] }) as unknown }]);
  });

  it('skips the external ids the organisation already holds, and writes nothing for them', async () => {
    const before = await state();
    expect(await write(seal([item('b-1'), item('b-3')]))).toEqual({ created: 0, skipped: 2 });
    expect(await state()).toEqual(before);
  });

  it('leaves nothing of a batch that fails part-way, and writes it whole once it can', async () => {
    const before = await state();
    // The database itself refuses one external id twice in an organisation (the first table's COPY fails).
    await expect(write(seal([item('c-1'), item('c-2'), item('c-2')]))).rejects.toThrow(/incidents_org_external_id_key/);
    expect(await state()).toEqual(before);

    // A failure at the last table, once the incidents and their violations are written: the database refuses
    // one of the version rows (a constraint added for the test).
    await db.pool.query("ALTER TABLE incident_versions ADD CONSTRAINT test_refuses CHECK (restricted::text NOT LIKE '%REFUSED-PARTY%')");
    const items = [item('d-1'), item('d-2', { perpetrators: [{ party: 'REFUSED-PARTY', category: 'unknown' }] }), item('d-3')];
    await expect(write(seal(items))).rejects.toThrow(/test_refuses/);
    expect(await state()).toEqual(before);

    await db.pool.query('ALTER TABLE incident_versions DROP CONSTRAINT test_refuses');
    expect(await write(seal(items))).toEqual({ created: 3, skipped: 0 });
    expect(await state()).toMatchObject({ incidents: before.incidents + 3, versions: before.versions + 3, audit: before.audit + 1 });
  });
});
