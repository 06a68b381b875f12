import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, TEST_MASTER, testServers, type TestDatabase } from '../../../test/helpers/db.ts';
import { MasterKey } from '../crypto/envelope.ts';
import { appendAudit, recordAudit, verifyAuditChain, type AuditActor } from './audit.ts';

const actor: AuditActor = { userId: null, kind: 'system', organisationId: null, ip: '127.0.0.1' };

describe.each(testServers())('audit log on $name', (server) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(server);
    for (let i = 0; i < 25; i++) await recordAudit(db.db, actor, { action: 'test.event', entityType: 'thing', entityId: String(i), details: { n: i, nested: { b: 1, a: [1, 'x'] } } });
  });
  afterAll(async () => db.drop());

  it('verifies an intact chain', async () => {
    expect(await verifyAuditChain(db.db, TEST_MASTER, 7)).toEqual({ ok: true, entries: 25 });
  });

  it('is keyed: the same log does not verify under another master key', async () => {
    const report = await verifyAuditChain(db.db, new MasterKey(randomBytes(32)));
    expect(report).toMatchObject({ ok: false, entries: 1 });
    expect(report.ok === false && report.reason).toMatch(/keyed hash/);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(db.pool.query("UPDATE audit_log SET action = 'x' WHERE id = (SELECT min(id) FROM audit_log)")).rejects.toThrow(/append-only/);
    await expect(db.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(db.pool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('keeps the chain under concurrent appenders, inside larger transactions or on their own', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => db.db.transaction((tx) => appendAudit(tx, actor, { action: 'test.concurrent', details: { i } }))));
    await Promise.all(Array.from({ length: 30 }, (_, i) => recordAudit(db.db, actor, { action: 'test.concurrent.read', details: { i } })));
    expect((await verifyAuditChain(db.db, TEST_MASTER)).ok).toBe(true);
  });

  it('reports the first altered entry when someone with superuser rights tampers with it', async () => {
    const { rows } = await db.pool.query<{ id: string }>("SELECT id FROM audit_log WHERE entity_id = '10'");
    const id = Number(rows[0]!.id);
    await db.pool.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await db.pool.query(`UPDATE audit_log SET details = '{"n": 999}' WHERE id = $1`, [id]);
    const report = await verifyAuditChain(db.db, TEST_MASTER, 4);
    expect(report).toMatchObject({ ok: false, firstBrokenId: id });
    expect(report.ok === false && report.reason).toMatch(/altered/);
  });

  it('reports a removed entry by the broken link that follows it', async () => {
    const { rows } = await db.pool.query<{ id: string }>("SELECT id FROM audit_log WHERE entity_id IN ('3', '4') ORDER BY id");
    await db.pool.query('DELETE FROM audit_log WHERE id = $1', [rows[0]!.id]);
    const report = await verifyAuditChain(db.db, TEST_MASTER);
    expect(report).toMatchObject({ ok: false, firstBrokenId: Number(rows[1]!.id) });
    expect(report.ok === false && report.reason).toMatch(/link/);
    await db.pool.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
  });
});
