/**
 * A backup restored where it is needed: in place, on a database the server has used (the job library's
 * per-queue partitioned tables included). The app runs, jobs run, a backup is taken while it runs, the data
 * changes, and the backup is restored over it: every table must then hold exactly what the backup holds,
 * compared row count and checksum by table with the same backup restored into an empty database.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_MASTER, testContext, testServers, type TestDatabase } from './helpers/db.ts';
import { listen, sampleIncident, seedOrganisation, signedIn, type Client, type Running } from './helpers/http.ts';
import { startTestJobs, until } from './helpers/jobs.ts';
import { backupDatabase, restoreDatabase } from '../src/platform/db/backup.ts';
import { verifyAuditChain } from '../src/platform/audit/audit.ts';
import type { AppContext } from '../src/platform/context.ts';
import type { DuplicateScan } from '../src/shared/duplicates.ts';
import type pg from 'pg';

/** Row count and checksum of every table (partitions included), by schema-qualified name. */
async function tableChecksums(pool: pg.Pool): Promise<Record<string, string>> {
  const tables = await pool.query<{ name: string }>(
    "SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND schemaname NOT LIKE 'salama\\_previous\\_%' ORDER BY 1");
  const sums: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const r = await pool.query<{ n: number; sum: string }>(`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS sum FROM ${name} t`);
    sums[name] = `${r.rows[0]!.n} rows, ${r.rows[0]!.sum}`;
  }
  return sums;
}

describe.each(testServers())('restore in place on a used database on $name', (server) => {
  let db: TestDatabase;
  let ctx: AppContext;
  let srv: Running;
  let coordinator: Client;
  let stopJobs: (() => Promise<void>) | null = null;
  const dir = mkdtempSync(join(tmpdir(), 'salama-restore-'));
  const backup = join(dir, 'used.dump');
  const intact = { problem: async () => { const r = await verifyAuditChain(db.db, TEST_MASTER); return r.ok ? null : `audit chain broken at ${r.firstBrokenId}`; }, acceptProblem: false };

  beforeAll(async () => {
    db = await createTestDatabase(server);
    ctx = testContext(db);
    srv = await listen(ctx);
    stopJobs = await startTestJobs(ctx, db.url);
    const { users } = await seedOrganisation(ctx, 'ORG-R');
    coordinator = await signedIn(srv.base, users.coordinator.email);
    for (let i = 0; i < 4; i++) expect((await coordinator.post('/api/incidents', sampleIncident())).status).toBe(201);
    // Jobs run: a duplicate scan goes through the job library's queues (its partitioned tables fill).
    expect((await coordinator.post('/api/duplicates/scan')).status).toBe(202);
    await until(async () => (await coordinator.get<{ scan: DuplicateScan }>('/api/duplicates/scan')).body.scan, (s) => s.state === 'done');
    await backupDatabase(db.pool, db.url, backup);
  });
  afterAll(async () => {
    await stopJobs?.();
    await srv.close();
    await db.drop();
  });

  it('refuses while the server (its job system) is connected, and changes nothing', async () => {
    const before = await tableChecksums(db.pool);
    await expect(restoreDatabase(db.pool, db.url, backup, intact)).rejects.toThrow(/server is connected to this database.*stop it.*nothing was changed/);
    expect(await tableChecksums(db.pool)).toEqual(before);
  });

  it('restores over changed data, every table equal to the backup, and the app works on', async () => {
    // The data changes after the backup: more records, one deleted, more audit entries.
    for (let i = 0; i < 3; i++) expect((await coordinator.post('/api/incidents', sampleIncident())).status).toBe(201);
    await db.pool.query("UPDATE incidents SET deleted_at = now() WHERE id = (SELECT id FROM incidents ORDER BY created_at LIMIT 1)");
    await stopJobs!();
    stopJobs = null;

    const scratch = await createTestDatabase(server, { migrate: false });
    try {
      await restoreDatabase(scratch.pool, scratch.url, backup);
      const expected = await tableChecksums(scratch.pool);
      expect(Object.keys(expected).some((t) => t.startsWith('pgboss.'))).toBe(true);
      expect(await tableChecksums(db.pool)).not.toEqual(expected);

      const result = await restoreDatabase(db.pool, db.url, backup, intact);
      expect(result.problem).toBeNull();
      expect(await tableChecksums(db.pool)).toEqual(expected);
      const schemas = await db.pool.query<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'salama_previous_%'");
      expect(schemas.rows).toEqual([]);
    } finally {
      await scratch.drop();
    }
    const list = await coordinator.get<{ total: number }>('/api/incidents');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(4);
    stopJobs = await startTestJobs(ctx, db.url);
  });

  it('refuses a backup whose audit chain is broken unless told to keep it, and then says so', async () => {
    await stopJobs?.();
    stopJobs = null;
    // A backup of a tampered log: an entry's content changed behind the append-only triggers.
    await db.pool.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await db.pool.query("UPDATE audit_log SET action = 'tampered' WHERE id = (SELECT min(id) + 1 FROM audit_log)");
    const broken = join(dir, 'broken.dump');
    await backupDatabase(db.pool, db.url, broken);
    await db.pool.query("UPDATE audit_log SET action = 'tampered-again' WHERE id = (SELECT min(id) + 2 FROM audit_log)");
    await db.pool.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    const before = await tableChecksums(db.pool);

    await expect(restoreDatabase(db.pool, db.url, broken, intact)).rejects.toThrow(/audit chain broken.*not restored.*nothing was changed/);
    expect(await tableChecksums(db.pool)).toEqual(before);

    const kept = await restoreDatabase(db.pool, db.url, broken, { ...intact, acceptProblem: true });
    expect(kept.problem).toMatch(/audit chain broken/);
    expect(await tableChecksums(db.pool)).not.toEqual(before);
  });

  it('after an interrupted restore, names the schemas that keep the earlier data and changes nothing', async () => {
    await db.pool.query('CREATE SCHEMA salama_previous_public');
    try {
      await expect(restoreDatabase(db.pool, db.url, backup, intact)).rejects.toThrow(/interrupted.*salama_previous_public.*nothing was changed/);
    } finally {
      await db.pool.query('DROP SCHEMA salama_previous_public');
    }
  });
});
