/**
 * The audit chain against someone who can write to the database but does not hold the master key: the
 * INSERT-only role docs/SECURITY.md recommends for the application (an injected statement, a stolen
 * password) and, for older entries, the owner who can disable triggers.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_MASTER, testServers, type TestDatabase } from '../../../test/helpers/db.ts';
import { entryHash, GENESIS_HASH, KEYED, recordAudit, UNKEYED, verifyAuditChain, type AuditActor } from './audit.ts';

const actor: AuditActor = { userId: null, kind: 'system', organisationId: null, ip: null };

interface Last { id: number; hash: string }
const lastEntry = async (db: TestDatabase): Promise<Last> => {
  const { rows } = await db.pool.query<{ id: string; hash: string }>('SELECT id::text AS id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
  return rows[0] ? { id: Number(rows[0].id), hash: rows[0].hash } : { id: 0, hash: GENESIS_HASH };
};

/** An entry as a forger would write it after `last`: hashed with `key` (null: plain SHA-256), valid in every other way. */
function forged(last: Last, key: Buffer | null, action = 'user.role_changed') {
  const fields = { id: last.id + 1, organisationId: null, at: new Date(), actorUserId: null, actorKind: 'system', action, entityType: null, entityId: null, ip: null, details: {}, prevHash: last.hash };
  return { ...fields, alg: key ? KEYED : UNKEYED, hash: entryHash(fields, key) };
}

const insertSql = `INSERT INTO audit_log (id, organisation_id, at, actor_user_id, actor_kind, action, entity_type, entity_id, ip, details, prev_hash, alg, hash)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`;
const params = (e: ReturnType<typeof forged>) => [e.id, e.organisationId, e.at, e.actorUserId, e.actorKind, e.action, e.entityType, e.entityId, e.ip, JSON.stringify(e.details), e.prevHash, e.alg, e.hash];

describe.each(testServers())('a forged audit entry on $name', (server) => {
  let db: TestDatabase;
  const role = `salama_insert_only_${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    db = await createTestDatabase(server);
    for (let i = 0; i < 5; i++) await recordAudit(db.db, actor, { action: 'test.event', details: { i } });
    await db.pool.query(`CREATE ROLE ${role} NOLOGIN`);
    await db.pool.query(`GRANT SELECT, INSERT ON audit_log TO ${role}`);
    await db.pool.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
  });
  afterAll(async () => {
    await db.drop();
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  /** Runs one statement as the INSERT-only role, on one connection. */
  async function asInsertOnly(sql: string, values: unknown[]): Promise<void> {
    const client = await db.pool.connect();
    try {
      await client.query(`SET ROLE ${role}`);
      await client.query(sql, values);
    } finally {
      await client.query('RESET ROLE').catch(() => undefined);
      client.release();
    }
  }

  it('cannot be removed or changed by the INSERT-only role', async () => {
    await expect(asInsertOnly('DELETE FROM audit_log', [])).rejects.toThrow(/permission denied/);
    await expect(asInsertOnly("UPDATE audit_log SET action = 'x'", [])).rejects.toThrow(/permission denied/);
  });

  it('is refused by the database when it is unkeyed, as the old chain was', async () => {
    await expect(asInsertOnly(insertSql, params(forged(await lastEntry(db), null)))).rejects.toThrow(/keyed entries only/);
    expect((await verifyAuditChain(db.db, TEST_MASTER)).ok).toBe(true);
  });

  it('is detected when the INSERT-only role appends one with a key of its own', async () => {
    const entry = forged(await lastEntry(db), randomBytes(32));
    await asInsertOnly(insertSql, params(entry));
    const report = await verifyAuditChain(db.db, TEST_MASTER);
    expect(report).toMatchObject({ ok: false, firstBrokenId: entry.id, entries: 6 });
    expect(report.ok === false && report.reason).toMatch(/without the master key/);
  });
});

describe.each(testServers())('entries written before the chain was keyed, on $name', (server) => {
  let db: TestDatabase;
  beforeAll(async () => { db = await createTestDatabase(server); });
  afterAll(async () => db.drop());

  it('still verify as the beginning of the chain, and an unkeyed entry after keyed ones is a forgery', async () => {
    // As an older version wrote them (the owner lifts the triggers only to play the past).
    await db.pool.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    for (let i = 0; i < 3; i++) await db.pool.query(insertSql, params(forged(await lastEntry(db), null, 'old.event')));
    await db.pool.query(`SELECT setval(pg_get_serial_sequence('audit_log', 'id'), (SELECT max(id) FROM audit_log))`);
    await db.pool.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    for (let i = 0; i < 3; i++) await recordAudit(db.db, actor, { action: 'new.event' });
    expect(await verifyAuditChain(db.db, TEST_MASTER)).toEqual({ ok: true, entries: 6 });

    await db.pool.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    const late = forged(await lastEntry(db), null);
    await db.pool.query(insertSql, params(late));
    await db.pool.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    const report = await verifyAuditChain(db.db, TEST_MASTER);
    expect(report).toMatchObject({ ok: false, firstBrokenId: late.id });
    expect(report.ok === false && report.reason).toMatch(/not made with the audit key/);
  });
});
