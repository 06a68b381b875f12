/**
 * A server stopped or killed in the middle of an import: the import must not stay "importing" and refuse to
 * run. A running import holds an advisory lock for as long as its worker lives (platform/jobs/holds.ts); at
 * start, one that nobody holds is marked interrupted and can be run again at once, rows already recorded
 * being skipped. The same for duplicate scans.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { startTestJobs } from '../../test/helpers/jobs.ts';
import type { ImportDetail, ImportMappingInput } from '../shared/import.ts';
import type { DuplicateScan } from '../shared/duplicates.ts';
import { incidentTestEnv } from '../incidents/incident-test-kit.ts';
import { run, upload } from './import-test-kit.ts';
import { importHold, INTERRUPTED } from './service.ts';

const CSV = Buffer.from(['id,date,country,form,women', ...Array.from({ length: 30 }, (_, i) => `K-${i},2025-03-${String((i % 28) + 1).padStart(2, '0')},CAF,rape,1`)].join('\n'));
const MAPPING: ImportMappingInput = { columns: { externalId: 'id', occurredFrom: 'date', country: 'country', forms: 'form', victimsWomen: 'women' } };

/** A worker as a crashed server left it: the row says it runs, and a connection holds its lock until killed. */
async function workerHolding(url: string, lock: string): Promise<pg.Client> {
  const worker = new pg.Client({ connectionString: url, application_name: 'salama-jobs' });
  await worker.connect();
  await worker.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lock]);
  worker.on('error', () => undefined);
  return worker;
}

describe.each(testServers())('work cut off by a crash on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as } = env;
  let stopJobs: (() => Promise<void>) | null = null;
  afterAll(async () => { await stopJobs?.(); });

  it('an import whose worker died is marked interrupted at start and runs again at once, skipping rows already recorded', async () => {
    stopJobs = await startTestJobs(env.ctx, env.db.url);
    const up = await upload(as.coordinatorL, CSV, 'weekly.csv');
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const first = await run(as.coordinatorL, up.body.id, MAPPING, false);
    expect(first).toMatchObject({ state: 'done', created: 30 });
    await stopJobs();
    stopJobs = null;

    // The same file again, cut off half-way: "importing", updated a moment ago, its worker alive.
    const again = await upload(as.coordinatorL, CSV, 'weekly.csv');
    await env.db.pool.query("UPDATE imports SET state = 'importing', mode = 'import', mapping = $2, updated_at = now() - interval '5 minutes' WHERE id = $1", [again.body.id, JSON.stringify(first.mapping)]);
    const worker = await workerHolding(env.db.url, importHold(again.body.id));
    stopJobs = await startTestJobs(env.ctx, env.db.url);
    const refused = await as.coordinatorL.post(`/api/imports/${again.body.id}/run`, { mapping: MAPPING, dryRun: false, onChanged: 'leave' });
    expect(refused.status).toBe(409); // held by a live worker: running
    await stopJobs();
    stopJobs = null;

    // kill -9: the worker's connection goes, and with it the lock. The next start marks the import interrupted.
    await env.db.pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'salama-jobs' AND datname = current_database()");
    await worker.end().catch(() => undefined);
    stopJobs = await startTestJobs(env.ctx, env.db.url);
    const seen = (await as.coordinatorL.get<ImportDetail>(`/api/imports/${again.body.id}`)).body;
    expect(seen).toMatchObject({ state: 'failed', error: INTERRUPTED });
    const resumed = await run(as.coordinatorL, again.body.id, MAPPING, false);
    expect(resumed).toMatchObject({ state: 'done', created: 0, skipped: 30 });
  });

  it('a run just started is not started twice, even before its worker picks it up', async () => {
    const up = await upload(as.coordinatorL, CSV, 'twice.csv');
    await env.db.pool.query("UPDATE imports SET state = 'checking', updated_at = now() WHERE id = $1", [up.body.id]);
    const second = await as.coordinatorL.post(`/api/imports/${up.body.id}/run`, { mapping: MAPPING, dryRun: true, onChanged: 'leave' });
    expect(second.status).toBe(409);
  });

  it('a duplicate scan whose worker died is marked interrupted at start, and a new one runs', async () => {
    await stopJobs?.();
    stopJobs = null;
    const org = (await env.db.pool.query<{ id: string }>("SELECT id FROM organisations WHERE code = 'ORG-L'")).rows[0]!.id;
    const scan = (await env.db.pool.query<{ id: string }>("INSERT INTO duplicate_scans (organisation_id, state) VALUES ($1, 'running') RETURNING id", [org])).rows[0]!.id;
    stopJobs = await startTestJobs(env.ctx, env.db.url);
    const left = await env.db.pool.query<{ state: string; error: string }>('SELECT state, error FROM duplicate_scans WHERE id = $1', [scan]);
    expect(left.rows[0]!.state).toBe('failed');
    expect(left.rows[0]!.error).toMatch(/did not finish/);
    const started = await as.coordinatorL.post<DuplicateScan>('/api/duplicates/scan');
    expect(started.status).toBe(202);
    expect(started.body.id).not.toBe(scan);
  });
});
