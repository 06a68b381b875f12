/** Administrators see the last scheduled backup's result (never where backups are kept). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import type { BackupStatusAnswer } from '../shared/audit.ts';
import { incidentTestEnv } from '../incidents/incident-test-kit.ts';
import { runScheduledBackup } from '../platform/db/scheduled-backup.ts';

describe.each(testServers())('backup status on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as } = env;

  it('says when backups are off, then the last result once one ran, without the directory', async () => {
    env.ctx.backupDir = undefined;
    expect((await as.admin.get<BackupStatusAnswer>('/api/audit/backup')).body).toEqual({ scheduled: false, last: null });
    const dir = mkdtempSync(join(tmpdir(), 'salama-backup-status-'));
    env.ctx.backupDir = dir;
    expect((await as.admin.get<BackupStatusAnswer>('/api/audit/backup')).body).toEqual({ scheduled: true, last: null });
    await runScheduledBackup(env.db.pool, env.db.url, dir, 3, new Date('2026-12-06T02:15:00Z'));
    const seen = (await as.admin.get<BackupStatusAnswer>('/api/audit/backup')).body;
    expect(seen).toMatchObject({ scheduled: true, last: { ok: true, file: 'salama-scheduled-2026-12-06T02-15-00Z.dump', kept: ['salama-scheduled-2026-12-06T02-15-00Z.dump'], error: null } });
    expect(JSON.stringify(seen)).not.toContain(dir);
    expect((await as.coordinator.get('/api/audit/backup')).status).toBe(403);
    env.ctx.backupDir = undefined;
  });
});
