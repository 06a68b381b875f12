import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServers, type TestDatabase } from '../../../test/helpers/db.ts';
import { MasterKey } from '../crypto/envelope.ts';
import { recordAudit, verifyAuditChain, type AuditActor } from './audit.ts';
import { checkCheckpoint, writeCheckpoint } from './checkpoint.ts';

const actor: AuditActor = { userId: null, kind: 'system', organisationId: null, ip: null };

describe.each(testServers())('audit checkpoint on $name', (server) => {
  let db: TestDatabase;
  const master = new MasterKey(randomBytes(32));
  const file = join(mkdtempSync(join(tmpdir(), 'salama-ckpt-')), 'audit-checkpoint.json');
  beforeAll(async () => {
    db = await createTestDatabase(server);
    for (let i = 0; i < 10; i++) await recordAudit(db.db, actor, { action: 'test.event', details: { i } });
  });
  afterAll(async () => db.drop());

  it('has nothing to compare with before the first checkpoint, then is reached while the log only grows', async () => {
    expect(await checkCheckpoint(db.db, master, file)).toEqual({ status: 'none' });
    await writeCheckpoint(db.db, master, file);
    await recordAudit(db.db, actor, { action: 'test.later' });
    expect((await checkCheckpoint(db.db, master, file)).status).toBe('reached');
  });

  it('refuses a checkpoint edited by hand or made with another master key', async () => {
    const saved = readFileSync(file, 'utf8');
    writeFileSync(file, saved.replace(/"id":\d+/, '"id":1'));
    expect((await checkCheckpoint(db.db, master, file)).status).toBe('forged');
    writeFileSync(file, saved);
    expect((await checkCheckpoint(db.db, new MasterKey(randomBytes(32)), file)).status).toBe('forged');
    expect((await checkCheckpoint(db.db, master, file)).status).toBe('reached');
  });

  it('detects entries cut from the end, which the hash chain alone cannot see', async () => {
    await writeCheckpoint(db.db, master, file);
    await db.pool.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await db.pool.query('DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log ORDER BY id DESC LIMIT 2)');
    await db.pool.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    expect((await verifyAuditChain(db.db)).ok).toBe(true);
    const report = await checkCheckpoint(db.db, master, file);
    expect(report.status).toBe('cut');
    expect(report.status === 'cut' && report.reason).toMatch(/removed from the end/);
  });
});
