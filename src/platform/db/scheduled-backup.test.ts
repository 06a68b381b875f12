/**
 * The daily backup: written by the job system, the oldest scheduled ones pruned, files written by hand left
 * alone, and its last result kept beside them for the administrator; a failure recorded, not thrown.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testContext, testServers, type TestDatabase } from '../../../test/helpers/db.ts';
import { until } from '../../../test/helpers/jobs.ts';
import { startServerJobs } from '../../server/app.ts';
import { createLogger } from '../log/logger.ts';
import { SCHEDULED_BACKUP } from '../jobs/jobs.ts';
import { readBackupStatus, runScheduledBackup } from './scheduled-backup.ts';

describe.each(testServers())('scheduled backups on $name', (server) => {
  let db: TestDatabase;
  beforeAll(async () => { db = await createTestDatabase(server); });
  afterAll(async () => { await db.drop(); });

  it('keeps the newest N scheduled backups, never a backup written by hand, and records the result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'salama-backups-'));
    writeFileSync(join(dir, 'salama-2020-01-01T00-00-00-000Z.dump'), 'by hand');
    for (const day of ['2026-12-01', '2026-12-02', '2026-12-03']) {
      const status = await runScheduledBackup(db.pool, db.url, dir, 2, new Date(`${day}T02:15:00Z`));
      expect(status.ok, status.error ?? '').toBe(true);
    }
    expect(readdirSync(dir).sort()).toEqual(['last-backup.json', 'salama-2020-01-01T00-00-00-000Z.dump', 'salama-scheduled-2026-12-02T02-15-00Z.dump', 'salama-scheduled-2026-12-03T02-15-00Z.dump']);
    const status = readBackupStatus(dir)!;
    expect(status).toMatchObject({ ok: true, file: 'salama-scheduled-2026-12-03T02-15-00Z.dump', kept: ['salama-scheduled-2026-12-03T02-15-00Z.dump', 'salama-scheduled-2026-12-02T02-15-00Z.dump'], error: null });
    expect(status.bytes).toBeGreaterThan(1000);
  });

  it('records a failure in plain words instead of throwing', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'salama-backups-'));
    const notADir = join(parent, 'file');
    writeFileSync(notADir, '');
    const status = await runScheduledBackup(db.pool, db.url, notADir, 2);
    expect(status).toMatchObject({ ok: false, file: null });
    expect(status.error).toMatch(/EEXIST|ENOTDIR|not a directory|exists/i);
  });

  it('runs as a job of the job system', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'salama-backups-'));
    const ctx = testContext(db);
    const boss = await startServerJobs(ctx, db.url, createLogger('silent'), { checkpointFile: join(dir, 'checkpoint'), backup: { dir, keep: 3, schedule: '15 2 * * *' } });
    try {
      await ctx.jobs!.send(SCHEDULED_BACKUP, {});
      const status = await until(async () => readBackupStatus(dir), (s) => s !== null);
      expect(status).toMatchObject({ ok: true });
      // The audit entry follows the file (the same job, a moment later).
      const audited = await until(async () => (await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'system.backup'")).rows[0]!.n, (n) => n > 0);
      expect(audited).toBe(1);
    } finally {
      await boss.stop({ graceful: false, wait: true, timeout: 2000 });
    }
  });
});
