/**
 * Shared setup for the incidents API tests (create, list, scope-and-update): each test file that calls
 * incidentTestEnv gets its own test database and listening server, with the organisations ORG-A, ORG-B and
 * ORG-L (a user of every role each, plus a second ORG-A monitor) and a signed-in client per user.
 * Not a test file itself: vitest collects only *.test.ts.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { createTestDatabase, testContext, type TestDatabase, type TestServer } from '../../test/helpers/db.ts';
import { type Client, listen, PASSWORD, sampleIncident, seedOrganisation, signedIn, type Running, type TestUser } from '../../test/helpers/http.ts';
import type { AppContext } from '../platform/context.ts';
import { createUser } from '../identity/users.ts';
import type { IncidentDetail, IncidentList } from '../shared/incident.ts';
import type { Role } from '../shared/taxonomy.ts';

interface ApiErrorBody { error: { code: string; message: string; issues?: { field: string; code: string; params?: Record<string, string | number>; message: string }[] } }
export type IncidentRowRaw = Record<string, unknown> & { id: string; version: number; sensitive_enc: Buffer | null; wrapped_key: Buffer | null; reference: string };

export const NARRATIVE_MARKER = 'SECRET-NARRATIVE-MARKER';
export const LOCALITY = 'Locality L-101';
export const errorOf = (a: { body: unknown }) => (a.body as ApiErrorBody).error;
export const fieldsOf = (a: { body: unknown }) => ((a.body as ApiErrorBody).error?.issues ?? []).map((i) => i.field);
export const ids = (list: IncidentList) => list.items.map((i) => i.id);
export const sorted = (xs: string[]) => [...xs].sort();
export const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** The database, context and server of one test file; set in beforeAll, so read them inside tests and hooks only. */
export interface IncidentTestDatabase { db: TestDatabase; ctx: AppContext; srv: Running }

/**
 * Registers the hooks of one incidents test file (call it directly inside describe.each(testServers())).
 * The users (A, B, L, monitor2) and clients (as) are objects filled in beforeAll, so they may be destructured
 * up front; db, ctx and srv are read through the returned object.
 */
export function incidentTestEnv(server: TestServer) {
  const env = {} as IncidentTestDatabase;
  const A = {} as Record<Role, TestUser>;
  const B = {} as Record<Role, TestUser>;
  const L = {} as Record<Role, TestUser>;
  const monitor2 = {} as { id: string; email: string };
  const as = {} as Record<'coordinator' | 'monitor' | 'monitor2' | 'partner' | 'viewer' | 'admin' | 'coordinatorB' | 'coordinatorL' | 'monitorL', Client>;

  beforeAll(async () => {
    env.db = await createTestDatabase(server);
    env.ctx = testContext(env.db);
    env.srv = await listen(env.ctx);
    Object.assign(A, (await seedOrganisation(env.ctx, 'ORG-A')).users);
    Object.assign(B, (await seedOrganisation(env.ctx, 'ORG-B')).users);
    Object.assign(L, (await seedOrganisation(env.ctx, 'ORG-L')).users);
    const { user } = await createUser(env.ctx.db, { organisationCode: 'ORG-A', email: 'monitor2@org-a.test', role: 'monitor', password: PASSWORD });
    Object.assign(monitor2, { id: user.id, email: user.email });
    for (const [name, email] of [
      ['coordinator', A.coordinator.email], ['monitor', A.monitor.email], ['monitor2', monitor2.email], ['partner', A.partner.email],
      ['viewer', A.viewer.email], ['admin', A.admin.email], ['coordinatorB', B.coordinator.email], ['coordinatorL', L.coordinator.email], ['monitorL', L.monitor.email],
    ] as const) as[name] = await signedIn(env.srv.base, email);
  });
  afterAll(async () => {
    await env.srv.close();
    await env.db.drop();
  });

  const incidentCount = async () => Number((await env.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM incidents')).rows[0]!.n);
  async function rawRow(id: string): Promise<IncidentRowRaw> {
    const { rows } = await env.db.pool.query<IncidentRowRaw>('SELECT * FROM incidents WHERE id = $1', [id]);
    return rows[0]!;
  }
  async function create(c: Client, overrides: Record<string, unknown> = {}): Promise<IncidentDetail> {
    const r = await c.post<IncidentDetail>('/api/incidents', sampleIncident(overrides));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  }
  async function list(c: Client, query = ''): Promise<IncidentList> {
    const r = await c.get<IncidentList>(`/api/incidents${query ? `?${query}` : ''}`);
    expect(r.status, `${query}: ${JSON.stringify(r.body)}`).toBe(200);
    return r.body;
  }
  async function audit(entityId: string, action: string) {
    const { rows } = await env.db.pool.query<{ actor_user_id: string; details: Record<string, unknown> }>(
      'SELECT actor_user_id, details FROM audit_log WHERE entity_id = $1 AND action = $2 ORDER BY id', [entityId, action]);
    return rows;
  }
  /** How many audit rows anywhere contain the text (in details or any other column). */
  async function auditMentions(text: string) {
    const { rows } = await env.db.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM audit_log a WHERE strpos(a.details::text, $1) > 0 OR strpos(row_to_json(a)::text, $1) > 0', [text]);
    return Number(rows[0]!.n);
  }

  return Object.assign(env, { A, B, L, monitor2, as, incidentCount, rawRow, create, list, audit, auditMentions });
}
