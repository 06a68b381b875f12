import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_MASTER, testServers, type TestDatabase } from '../../../test/helpers/db.ts';
import { MasterKey } from '../crypto/envelope.ts';
import { createLogger } from '../log/logger.ts';
import { recordAudit, verifyAuditChain, type AuditActor } from './audit.ts';
import { checkCheckpoint, writeCheckpoint } from './checkpoint.ts';
import { startCheckpointer } from './checkpointer.ts';
import { verifyAuditLog } from './verify.ts';

const savedId = (file: string): number => (JSON.parse(readFileSync(file, 'utf8')) as { id: number }).id;

const actor: AuditActor = { userId: null, kind: 'system', organisationId: null, ip: null };
const master = TEST_MASTER;

describe.each(testServers())('audit checkpoint on $name', (server) => {
  let db: TestDatabase;
  const file = join(mkdtempSync(join(tmpdir(), 'salama-ckpt-')), 'audit-checkpoint.json');
  const append = async (n: number) => { for (let i = 0; i < n; i++) await recordAudit(db.db, actor, { action: 'test.event', details: { i } }); };
  /** What someone with the owner's rights does: lift the triggers and delete the newest entries. */
  const cutLast = async (n: number) => {
    await db.pool.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await db.pool.query('DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log ORDER BY id DESC LIMIT $1)', [n]);
    await db.pool.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
  };
  const lastId = async () => Number((await db.pool.query<{ id: string }>('SELECT max(id)::text AS id FROM audit_log')).rows[0]!.id);
  beforeAll(async () => {
    db = await createTestDatabase(server);
    await append(10);
  });
  afterAll(async () => db.drop());

  it('has nothing to compare with before the first checkpoint, then is reached while the log only grows', async () => {
    expect(await checkCheckpoint(db.db, master, file)).toEqual({ status: 'none' });
    expect((await writeCheckpoint(db.db, master, file)).written?.id).toBe(await lastId());
    await append(1);
    expect((await checkCheckpoint(db.db, master, file)).status).toBe('reached');
  });

  it('refuses a checkpoint edited by hand, made with another master key, or inserted into the database without it', async () => {
    const saved = readFileSync(file, 'utf8');
    writeFileSync(file, saved.replace(/"id":\d+/, '"id":1'));
    expect(await checkCheckpoint(db.db, master, file)).toEqual({ status: 'forged', where: 'file' });
    writeFileSync(file, saved);
    expect((await checkCheckpoint(db.db, new MasterKey(randomBytes(32)), file)).status).toBe('forged');
    expect((await checkCheckpoint(db.db, master, file)).status).toBe('reached');
  });

  it('detects entries cut from the end, which the hash chain alone cannot see, and then does not move', async () => {
    await writeCheckpoint(db.db, master, file);
    await cutLast(2);
    expect((await verifyAuditChain(db.db, master)).ok).toBe(true);
    const report = await checkCheckpoint(db.db, master, file);
    expect(report.status).toBe('cut');
    expect(report.status === 'cut' && report.reason).toMatch(/removed from the end/);
    // New entries after the cut do not re-anchor the shorter log: the checkpoint never moves backwards.
    await append(3);
    expect(await writeCheckpoint(db.db, master, file)).toMatchObject({ written: null, found: { status: 'cut' } });
    expect((await verifyAuditLog(db.db, master, file)).ok).toBe(false);
    // An operator's explicit decision (a restore, or `audit verify --reanchor`) anchors the log as it is.
    expect((await writeCheckpoint(db.db, master, file, { reanchor: true })).written?.id).toBe(await lastId());
    expect((await verifyAuditLog(db.db, master, file)).ok).toBe(true);
  });

  it('sees a cut through the database\'s checkpoints when an older authentic file is put back', async () => {
    const older = readFileSync(file, 'utf8');
    await append(4);
    await writeCheckpoint(db.db, master, file);
    await cutLast(3);
    writeFileSync(file, older);
    const report = await checkCheckpoint(db.db, master, file);
    expect(report.status).toBe('cut');
    await writeCheckpoint(db.db, master, file, { reanchor: true });
  });

  it('reports a deleted file as a warning needing a decision, never re-anchored silently, while a cut is still seen', async () => {
    await append(2);
    await writeCheckpoint(db.db, master, file);
    rmSync(file);
    const missing = await checkCheckpoint(db.db, master, file);
    expect(missing).toMatchObject({ status: 'file_missing', checkpoint: { id: await lastId() } });
    const report = await verifyAuditLog(db.db, master, file);
    expect(report).toMatchObject({ ok: false, checkpoint: { status: 'file_missing' } });
    // Later writes keep anchoring in the database but do not bring the file back.
    await append(2);
    expect((await writeCheckpoint(db.db, master, file)).written?.id).toBe(await lastId());
    expect(existsSync(file)).toBe(false);
    await cutLast(1);
    expect((await checkCheckpoint(db.db, master, file)).status).toBe('cut');
    await writeCheckpoint(db.db, master, file, { reanchor: true });
    expect(existsSync(file)).toBe(true);
    expect((await checkCheckpoint(db.db, master, file)).status).toBe('reached');
  });

  it('refuses a checkpoint row inserted into the database by someone without the master key', async () => {
    const id = await lastId();
    await db.pool.query('INSERT INTO audit_checkpoints (entry_id, hash, at, mac) VALUES ($1, $2, $3, $4)', [id + 100, 'f'.repeat(64), new Date().toISOString(), 'a'.repeat(64)]);
    expect(await checkCheckpoint(db.db, master, file)).toEqual({ status: 'forged', where: 'database' });
    await expect(db.pool.query('DELETE FROM audit_checkpoints')).rejects.toThrow(/append-only/);
  });
});

describe.each(testServers())('the server\'s checkpointer on $name', (server) => {
  let db: TestDatabase;
  const file = join(mkdtempSync(join(tmpdir(), 'salama-ckpt-')), 'audit-checkpoint.json');
  beforeAll(async () => { db = await createTestDatabase(server); });
  afterAll(async () => db.drop());

  it('anchors new entries within its interval, whichever connection wrote them', async () => {
    const checkpointer = startCheckpointer(db.db, master, file, createLogger('silent'), 50);
    try {
      await recordAudit(db.db, actor, { action: 'test.first' });
      await expect.poll(() => existsSync(file) ? savedId(file) : 0, { timeout: 5000 }).toBeGreaterThan(0);
      for (let i = 0; i < 5; i++) await recordAudit(db.db, actor, { action: 'test.more' });
      const last = Number((await db.pool.query<{ id: string }>('SELECT max(id)::text AS id FROM audit_log')).rows[0]!.id);
      await expect.poll(() => savedId(file), { timeout: 5000 }).toBe(last);
    } finally {
      await checkpointer.stop();
    }
  });
});
