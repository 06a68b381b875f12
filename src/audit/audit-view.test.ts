/**
 * The administrators' audit view over real HTTP on every configured PostgreSQL server: their organisation's
 * entries only, newest first, paged by id, filtered by action, acting member and date, metadata only; reading
 * it is itself audited; and the chain's verification, run by the real job system, reports an intact chain,
 * then the first altered entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testContext, testServers, type TestDatabase } from '../../test/helpers/db.ts';
import { listen, sampleIncident, seedOrganisation, signedIn, type Client, type Running } from '../../test/helpers/http.ts';
import { startTestJobs, until } from '../../test/helpers/jobs.ts';
import type { AppContext } from '../platform/context.ts';
import type { AuditEntry, AuditVerification } from '../shared/audit.ts';
import type { Account } from '../shared/accounts.ts';

type Page = { items: AuditEntry[]; nextBefore: number | null };

describe.each(testServers())('audit view on $name', (server) => {
  let db: TestDatabase;
  let ctx: AppContext;
  let srv: Running;
  let admin: Client;
  let seeded: Awaited<ReturnType<typeof seedOrganisation>>;

  beforeAll(async () => {
    db = await createTestDatabase(server);
    ctx = testContext(db);
    srv = await listen(ctx);
    seeded = await seedOrganisation(ctx, 'ORG-V');
    await seedOrganisation(ctx, 'ORG-W');
    admin = await signedIn(srv.base, seeded.users.admin.email);
    // Some history: a record with a narrative (whose words must never show), an account created, another org's work.
    const monitor = await signedIn(srv.base, seeded.users.monitor.email);
    expect((await monitor.post('/api/incidents', sampleIncident({ narrative: 'AUDIT-VIEW-CANARY narrative' }))).status).toBe(201);
    expect((await admin.post('/api/accounts', { email: 'late.joiner@org-v.test', role: 'viewer' })).status).toBe(201);
    const other = await signedIn(srv.base, 'monitor@org-w.test');
    expect((await other.post('/api/incidents', sampleIncident())).status).toBe(201);
  });
  afterAll(async () => {
    await srv.close();
    await db.drop();
  });

  it("shows the organisation's own entries, newest first, with the acting member's email and metadata only", async () => {
    const page = await admin.get<Page>('/api/audit?pageSize=200');
    expect(page.status).toBe(200);
    const ids = page.body.items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const orgId = seeded.org.id;
    const { rows } = await db.pool.query<{ id: string }>('SELECT id::text FROM audit_log WHERE organisation_id = $1', [orgId]);
    expect(new Set(ids.map(String))).toEqual(new Set(rows.map((r) => r.id).filter((id) => ids.includes(Number(id)))));
    expect(page.body.items.every((e) => e.actorEmail === null || e.actorEmail.endsWith('@org-v.test'))).toBe(true);
    const created = page.body.items.find((e) => e.action === 'incident.create')!;
    expect(created.actorEmail).toBe('monitor@org-v.test');
    const account = page.body.items.find((e) => e.action === 'user.create' && e.actorEmail === 'admin@org-v.test')!;
    expect(account.details).toEqual({ role: 'viewer', oneTimePassword: true });
    expect(JSON.stringify(page.body)).not.toContain('AUDIT-VIEW-CANARY');
    expect(JSON.stringify(page.body)).not.toContain('org-w.test');
  });

  it('pages by id and filters by action family, acting member and date', async () => {
    const first = await admin.get<Page>('/api/audit?pageSize=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextBefore).toBe(first.body.items[1]!.id);
    const second = await admin.get<Page>(`/api/audit?pageSize=2&before=${first.body.nextBefore}`);
    expect(second.body.items[0]!.id).toBeLessThan(first.body.items[1]!.id);

    const users = await admin.get<Page>('/api/audit?action=user.&pageSize=200');
    expect(users.body.items.length).toBeGreaterThan(0);
    expect(users.body.items.every((e) => e.action.startsWith('user.'))).toBe(true);
    const byMonitor = await admin.get<Page>(`/api/audit?actor=${seeded.users.monitor.id}&pageSize=200`);
    expect(byMonitor.body.items.length).toBeGreaterThan(0);
    expect(byMonitor.body.items.every((e) => e.actorUserId === seeded.users.monitor.id)).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    expect((await admin.get<Page>(`/api/audit?from=${today}&to=${today}`)).body.items.length).toBeGreaterThan(0);
    expect((await admin.get<Page>('/api/audit?from=2000-01-01&to=2000-01-31')).body.items).toEqual([]);

    const bad = await admin.get<{ error: { issues: { field: string }[] } }>('/api/audit?from=2025-02-01&to=2025-01-01&pageSize=500&action=DROP%20TABLE');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i) => i.field).sort()).toEqual(['action', 'from', 'pageSize']);
    const order = await admin.get<{ error: { issues: { field: string }[] } }>('/api/audit?from=2025-02-01&to=2025-01-01');
    expect(order.body.error.issues.map((i) => i.field)).toEqual(['from']);
    // Reading the log is audited, with the names of the filters used.
    const reads = await admin.get<Page>('/api/audit?action=audit.list&pageSize=1');
    expect(Array.isArray(reads.body.items[0]!.details.filters)).toBe(true);
  });

  it('verifies the chain as a job: intact, then broken at the altered entry', async () => {
    expect((await admin.get('/api/audit/verification')).body).toEqual({ verification: null });
    // Without the job system the request is refused with a clear answer.
    expect((await admin.post('/api/audit/verification')).status).toBe(503);
    const stop = await startTestJobs(ctx, db.url);
    try {
      const asked = await admin.post<AuditVerification>('/api/audit/verification');
      expect(asked.status).toBe(202);
      const done = await until(async () => (await admin.get<{ verification: AuditVerification }>('/api/audit/verification')).body.verification,
        (v) => v.state === 'done' || v.state === 'failed');
      expect(done).toMatchObject({ state: 'done', ok: true, firstBrokenId: null, checkpoint: 'none' });
      expect(done.entries).toBeGreaterThan(10);
      const logged = await admin.get<Page>('/api/audit?action=audit.&pageSize=50');
      expect(logged.body.items.map((e) => e.action)).toEqual(expect.arrayContaining(['audit.verify_requested', 'audit.verified']));

      const { rows } = await db.pool.query<{ id: string }>('SELECT min(id)::text AS id FROM audit_log WHERE organisation_id = $1', [seeded.org.id]);
      await db.pool.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await db.pool.query("UPDATE audit_log SET action = 'forged' WHERE id = $1", [rows[0]!.id]);
      await db.pool.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
      await admin.post('/api/audit/verification');
      const broken = await until(async () => (await admin.get<{ verification: AuditVerification }>('/api/audit/verification')).body.verification,
        (v) => v.id !== done.id && (v.state === 'done' || v.state === 'failed'));
      expect(broken).toMatchObject({ state: 'done', ok: false, firstBrokenId: Number(rows[0]!.id) });
      expect(broken.reason).toMatch(/altered/);
    } finally {
      await stop();
    }
  });

  it('is for administrators only', async () => {
    const coordinator = await signedIn(srv.base, seeded.users.coordinator.email);
    expect((await coordinator.get('/api/audit')).status).toBe(403);
    expect((await coordinator.get<Account[]>('/api/accounts')).status).toBe(403);
  });
});
