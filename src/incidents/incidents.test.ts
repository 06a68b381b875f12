/**
 * The incidents API over real HTTP against a real database, on every configured PostgreSQL server:
 * recording (references, encryption at rest), validation, listing (filters, search, sorting, paging),
 * record-level scope per role and organisation, changes (optimistic concurrency, decisions, assignment,
 * re-encryption) and the audit trail of reads and changes.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testContext, testServers, type TestDatabase } from '../../test/helpers/db.ts';
import { Client, listen, PASSWORD, sampleIncident, seedOrganisation, signedIn, type Running, type TestUser } from '../../test/helpers/http.ts';
import { verifyAuditChain } from '../platform/audit/audit.ts';
import type { AppContext } from '../platform/context.ts';
import { createUser } from '../identity/users.ts';
import { INCIDENT_SORTS, type IncidentDetail, type IncidentList } from '../shared/incident.ts';
import type { Role } from '../shared/taxonomy.ts';

interface ApiErrorBody { error: { code: string; message: string; issues?: { field: string; message: string }[] } }
type IncidentRowRaw = Record<string, unknown> & { id: string; version: number; sensitive_enc: Buffer | null; wrapped_key: Buffer | null; reference: string };

const NARRATIVE_MARKER = 'SECRET-NARRATIVE-MARKER';
const LOCALITY = 'Locality L-101';
const errorOf = (a: { body: unknown }) => (a.body as ApiErrorBody).error;
const fieldsOf = (a: { body: unknown }) => ((a.body as ApiErrorBody).error?.issues ?? []).map((i) => i.field);
const ids = (list: IncidentList) => list.items.map((i) => i.id);
const sorted = (xs: string[]) => [...xs].sort();
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe.each(testServers())('incidents on $name', (server) => {
  let db: TestDatabase;
  let ctx: AppContext;
  let srv: Running;
  let A: Record<Role, TestUser>;
  let B: Record<Role, TestUser>;
  let L: Record<Role, TestUser>;
  let monitor2: { id: string; email: string };
  const as = {} as Record<'coordinator' | 'monitor' | 'monitor2' | 'partner' | 'viewer' | 'admin' | 'coordinatorB' | 'coordinatorL', Client>;

  beforeAll(async () => {
    db = await createTestDatabase(server);
    ctx = testContext(db);
    srv = await listen(ctx);
    ({ users: A } = await seedOrganisation(ctx, 'ORG-A'));
    ({ users: B } = await seedOrganisation(ctx, 'ORG-B'));
    ({ users: L } = await seedOrganisation(ctx, 'ORG-L'));
    const { user } = await createUser(ctx.db, { organisationCode: 'ORG-A', email: 'monitor2@org-a.test', role: 'monitor', password: PASSWORD });
    monitor2 = { id: user.id, email: user.email };
    for (const [name, email] of [
      ['coordinator', A.coordinator.email], ['monitor', A.monitor.email], ['monitor2', monitor2.email], ['partner', A.partner.email],
      ['viewer', A.viewer.email], ['admin', A.admin.email], ['coordinatorB', B.coordinator.email], ['coordinatorL', L.coordinator.email],
    ] as const) as[name] = await signedIn(srv.base, email);
  });
  afterAll(async () => {
    await srv.close();
    await db.drop();
  });

  const incidentCount = async () => Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM incidents')).rows[0]!.n);
  async function rawRow(id: string): Promise<IncidentRowRaw> {
    const { rows } = await db.pool.query<IncidentRowRaw>('SELECT * FROM incidents WHERE id = $1', [id]);
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
    const { rows } = await db.pool.query<{ actor_user_id: string; details: Record<string, unknown> }>(
      'SELECT actor_user_id, details FROM audit_log WHERE entity_id = $1 AND action = $2 ORDER BY id', [entityId, action]);
    return rows;
  }
  /** How many audit rows anywhere contain the text (in details or any other column). */
  async function auditMentions(text: string) {
    const { rows } = await db.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM audit_log a WHERE strpos(a.details::text, $1) > 0 OR strpos(row_to_json(a)::text, $1) > 0', [text]);
    return Number(rows[0]!.n);
  }

  describe('recording', () => {
    it('gives references per organisation and year, in sequence, also under concurrent creation', async () => {
      const first = await create(as.monitor);
      const second = await create(as.monitor);
      expect(first.reference).toBe('ORG-A-2025-0001');
      expect(second.reference).toBe('ORG-A-2025-0002');
      expect(first).toMatchObject({
        createdBy: A.monitor.id, organisationId: A.monitor.organisationId, version: 1,
        verification: { status: 'reported', notVerifiedReason: null, decidedAt: null, decidedBy: null },
        victims: { women: 2, girls: 1, men: 0, boys: 0, unknown: 0 },
      });
      expect(first.violations.map((v) => v.form)).toEqual(['rape', 'sexual_slavery']);
      expect((await create(as.monitor, { occurredFrom: '2024-07-01' })).reference).toBe('ORG-A-2024-0001');
      expect((await create(as.coordinatorB)).reference).toBe('ORG-B-2025-0001');

      const parallel = await Promise.all(Array.from({ length: 5 }, () => as.monitor.post<IncidentDetail>('/api/incidents', sampleIncident())));
      for (const p of parallel) expect(p.status).toBe(201);
      expect(sorted(parallel.map((p) => p.body.reference))).toEqual(['0003', '0004', '0005', '0006', '0007'].map((n) => `ORG-A-2025-${n}`));
      const created = await audit(first.id, 'incident.create');
      expect(created).toHaveLength(1);
      expect(created[0]!.details).toEqual({ reference: 'ORG-A-2025-0001', violations: 2, status: 'reported' });
    });

    it('returns identifying fields decrypted on the detail, and stores them only encrypted', async () => {
      const sample = sampleIncident();
      const made = await create(as.monitor);
      const other = await create(as.monitor);
      const r = await as.monitor.get<IncidentDetail>(`/api/incidents/${made.id}`);
      expect(r.status).toBe(200);
      expect(r.body.narrative).toBe(sample.narrative);
      expect(r.body.place).toEqual({ ...sample.place, admin2: null });
      expect(r.body.place.coordinates).toEqual({ lat: 4.36, lon: 18.55, precision: 'approximate' });

      const row = await rawRow(made.id);
      expect(row.wrapped_key).toBeInstanceOf(Buffer);
      expect(row.wrapped_key!.length).toBe(69);
      expect(row.sensitive_enc!.includes(Buffer.from(NARRATIVE_MARKER))).toBe(false);
      expect(row.sensitive_enc!.includes(Buffer.from(LOCALITY))).toBe(false);
      expect(row.sensitive_enc!.includes(Buffer.from('"lat"'))).toBe(false);
      // Not elsewhere in the row or in its violations either.
      const { rows: text } = await db.pool.query<{ t: string }>(
        `SELECT row_to_json(i)::text AS t FROM incidents i WHERE id = $1
         UNION ALL SELECT row_to_json(v)::text FROM violations v WHERE incident_id = $1`, [made.id]);
      expect(text.length).toBe(3);
      for (const t of text) for (const secret of [NARRATIVE_MARKER, LOCALITY, '18.55']) expect(t.t).not.toContain(secret);
      // Each record has its own data key.
      expect((await rawRow(other.id)).wrapped_key!.equals(row.wrapped_key!)).toBe(false);

      // Summaries never carry identifying fields.
      const listed = await as.monitor.get('/api/incidents?pageSize=200');
      const listedText = JSON.stringify(listed.body);
      expect(listedText).toContain(made.id);
      for (const secret of [NARRATIVE_MARKER, LOCALITY, '"coordinates"', '"narrative"', '"locality"']) expect(listedText).not.toContain(secret);
      expect(await auditMentions(NARRATIVE_MARKER)).toBe(0);
      expect(await auditMentions(LOCALITY)).toBe(0);
    });

    it('does not decrypt a record\'s ciphertext copied onto another record, and leaks nothing', async () => {
      const source = await create(as.monitor);
      const target = await create(as.monitor, { narrative: 'harmless', place: { country: 'CAF' } });
      await db.pool.query(
        'UPDATE incidents t SET wrapped_key = s.wrapped_key, sensitive_enc = s.sensitive_enc FROM incidents s WHERE s.id = $1 AND t.id = $2',
        [source.id, target.id]);
      const r = await as.monitor.get(`/api/incidents/${target.id}`);
      expect(r.status).toBe(500);
      expect(errorOf(r).code).toBe('internal_error');
      const text = JSON.stringify(r.body);
      for (const secret of [NARRATIVE_MARKER, LOCALITY, 'harmless', 'decrypt']) expect(text).not.toContain(secret);
    });
  });

  describe('validation', () => {
    const base = () => sampleIncident();
    const cases: [string, () => unknown, string, RegExp?][] = [
      ['occurredTo before occurredFrom', () => ({ ...base(), occurredTo: '2025-03-01' }), 'occurredTo', /before occurredFrom/],
      ['a violation counting more girls than the incident', () => ({
        ...base(), violations: [{ form: 'rape', victims: { women: 2, girls: 2 } }],
      }), 'violations.0.victims.girls', /exceed/],
      ['a form outside the taxonomy', () => ({ ...base(), violations: [{ form: 'rape', victims: { women: 1 } }, { form: 'bogus_form', victims: { women: 1 } }] }), 'violations.1.form'],
      ['a violation without victims', () => ({ ...base(), violations: [{ form: 'rape', victims: {} }] }), 'violations.0.victims', /at least one/],
      ['missing violations', () => { const { violations: _v, ...rest } = base(); return rest; }, 'violations', /required/],
      ['an empty list of violations', () => ({ ...base(), violations: [] }), 'violations', /at least one/],
      ['not_verified without a reason', () => ({ ...base(), verification: { status: 'not_verified' } }), 'verification.notVerifiedReason', /required/],
      ['a reason without not_verified', () => ({ ...base(), verification: { status: 'pending', notVerifiedReason: 'other' } }), 'verification.notVerifiedReason'],
      ['a date in the future', () => ({ ...base(), occurredFrom: isoDay(2) }), 'occurredFrom', /future/],
      ['a date that is not a date', () => ({ ...base(), occurredFrom: '2025-02-30' }), 'occurredFrom'],
      ['a negative count', () => ({ ...base(), victims: { women: -1, girls: 1 } }), 'victims.women'],
      ['a latitude out of range', () => ({ ...base(), place: { country: 'CAF', coordinates: { lat: 91, lon: 0, precision: 'exact' } } }), 'place.coordinates.lat'],
      ['a lower-case country', () => ({ ...base(), place: { country: 'caf' } }), 'place.country'],
      ['an assignee that is not a UUID', () => ({ ...base(), assignedTo: ['someone'] }), 'assignedTo.0'],
      // Unknown keys are reported on the key itself.
      ['an unknown top-level key', () => ({ ...base(), survivorName: 'X' }), 'survivorName', /is not a known field/],
      ['an unknown nested key', () => ({ ...base(), place: { country: 'CAF', village: 'X' } }), 'place.village', /is not a known field/],
    ];

    it.each(cases)('refuses %s, naming the field, and stores nothing', async (_name, body, field, message) => {
      const before = await incidentCount();
      const r = await as.coordinator.post('/api/incidents', body());
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(errorOf(r).code).toBe('validation_failed');
      const issue = errorOf(r).issues?.find((i) => i.field === field);
      expect(issue, `issues: ${JSON.stringify(errorOf(r).issues)}`).toBeDefined();
      if (message) expect(issue!.message).toMatch(message);
      expect(await incidentCount()).toBe(before);
    });

    it('refuses a malformed or empty JSON body with invalid_json and no internals', async () => {
      const before = await incidentCount();
      for (const text of ['{"occurredFrom": "2025-03-14", ', '']) {
        const r = await as.monitor.request('POST', '/api/incidents', text, { 'content-type': 'application/json' });
        expect(r.status, text).toBe(400);
        expect(errorOf(r).code).toBe('invalid_json');
        const out = JSON.stringify(r.body);
        expect(out).not.toMatch(/\bat .*(\/|\\)node_modules/);
        expect(out).not.toContain('node_modules');
        expect(out).not.toContain('Error:');
        expect(out).not.toMatch(/\.(ts|js):\d+/);
      }
      expect(await incidentCount()).toBe(before);
    });
  });

  describe('listing', () => {
    /** Five incidents of ORG-L, made in an order that matches none of the sorts. */
    const I = {} as Record<'L1' | 'L2' | 'L3' | 'L4' | 'L5', string>;
    beforeAll(async () => {
      const c = as.coordinatorL;
      const one = (form: string) => [{ form, victims: { women: 1 } }];
      const make = async (o: Record<string, unknown>) => (await create(c, { victims: { women: 1 }, narrative: `${NARRATIVE_MARKER} list`, ...o })).id;
      I.L3 = await make({ occurredFrom: '2025-03-01', occurredTo: '2025-03-03', place: { country: 'CAF', admin1: 'CF-OP' },
        violations: [...one('rape'), ...one('forced_marriage')], perpetratorParty: 'Party GAMMA_x', verification: { status: 'pending' } });
      I.L1 = await make({ occurredFrom: '2025-01-10', occurredTo: '2025-01-20', place: { country: 'CAF', admin1: 'CF-BGF' },
        violations: one('rape'), perpetratorParty: 'Party ALPHA' });
      I.L2 = await make({ occurredFrom: '2025-02-05', place: { country: 'COD', admin1: 'CD-NK' },
        violations: one('sexual_slavery'), perpetratorParty: 'Party BETA 100%', verification: { status: 'verified' } });
      I.L4 = await make({ occurredFrom: '2024-12-20', occurredTo: '2025-01-05', place: { country: 'COD', admin1: 'CD-NK' },
        violations: one('forced_marriage'), perpetratorParty: 'Party 100 units' });
      I.L5 = await make({ occurredFrom: '2023-06-01', place: { country: 'SSD' }, violations: one('sexual_torture'),
        perpetratorParty: 'Party GAMMAZx', verification: { status: 'not_verified', notVerifiedReason: 'source_unwilling' } });
      // updatedAt order: L2, L5, L1, L3, L4.
      for (const [k, day] of [['L2', 1], ['L5', 2], ['L1', 3], ['L3', 4], ['L4', 5]] as const) {
        await db.pool.query('UPDATE incidents SET updated_at = $2 WHERE id = $1', [I[k], `2025-06-0${day}T12:00:00Z`]);
      }
    });
    const set = (...keys: (keyof typeof I)[]) => sorted(keys.map((k) => I[k]));
    const expectSet = async (query: string, ...keys: (keyof typeof I)[]) => {
      const r = await list(as.coordinatorL, query);
      expect(sorted(ids(r)), query).toEqual(set(...keys));
      expect(r.total, query).toBe(keys.length);
    };

    it('shows the coordinator exactly the organisation\'s incidents, without identifying fields', async () => {
      const r = await list(as.coordinatorL, 'pageSize=200');
      expect(sorted(ids(r))).toEqual(set('L1', 'L2', 'L3', 'L4', 'L5'));
      expect(r.items.find((i) => i.id === I.L3)!.forms).toEqual(['forced_marriage', 'rape']);
      expect(JSON.stringify(r)).not.toContain(NARRATIVE_MARKER);
    });

    it('filters by status, form, country and admin1', async () => {
      await expectSet('status=verified', 'L2');
      await expectSet('status=verified,pending', 'L2', 'L3');
      await expectSet('status=reported', 'L1', 'L4');
      await expectSet('form=forced_marriage', 'L3', 'L4');
      await expectSet('form=rape,sexual_torture', 'L1', 'L3', 'L5');
      await expectSet('form=trafficking_sexual_exploitation');
      await expectSet('country=COD', 'L2', 'L4');
      await expectSet('admin1=CD-NK', 'L2', 'L4');
      await expectSet('admin1=CF-BGF', 'L1');
      await expectSet('country=CAF&form=rape', 'L1', 'L3');
      await expectSet('country=CAF&status=verified');
    });

    it('filters by period with overlap semantics (inclusive bounds)', async () => {
      await expectSet('from=2025-01-01&to=2025-01-31', 'L1', 'L4');
      await expectSet('from=2025-01-06&to=2025-01-09');
      await expectSet('from=2025-01-05&to=2025-01-10', 'L1', 'L4');
      await expectSet('from=2025-02-01', 'L2', 'L3');
      await expectSet('from=2025-03-03', 'L3');
      await expectSet('from=2025-03-04');
      await expectSet('to=2024-12-31', 'L4', 'L5');
      await expectSet('to=2024-12-19', 'L5');
    });

    it('searches reference, party and admin areas; % and _ are literal; encrypted fields are not searched', async () => {
      await expectSet('q=ORG-L-2024', 'L4');
      await expectSet('q=org-l-2023-0001', 'L5');
      await expectSet('q=party%20alpha', 'L1');
      await expectSet('q=CF-OP', 'L3');
      await expectSet(`q=${encodeURIComponent('100%')}`, 'L2');
      await expectSet(`q=${encodeURIComponent('%')}`, 'L2');
      await expectSet(`q=${encodeURIComponent('GAMMA_x')}`, 'L3');
      await expectSet(`q=${encodeURIComponent('_')}`, 'L3');
      await expectSet(`q=${encodeURIComponent('\\')}`);
      await expectSet(`q=${NARRATIVE_MARKER}`);
    });

    it('sorts by every supported order', async () => {
      const expected: Record<(typeof INCIDENT_SORTS)[number], (keyof typeof I)[]> = {
        occurredFrom: ['L5', 'L4', 'L1', 'L2', 'L3'],
        '-occurredFrom': ['L3', 'L2', 'L1', 'L4', 'L5'],
        reference: ['L5', 'L4', 'L3', 'L1', 'L2'],
        '-reference': ['L2', 'L1', 'L3', 'L4', 'L5'],
        updatedAt: ['L2', 'L5', 'L1', 'L3', 'L4'],
        '-updatedAt': ['L4', 'L3', 'L1', 'L5', 'L2'],
      };
      for (const sort of INCIDENT_SORTS) {
        expect(ids(await list(as.coordinatorL, `sort=${sort}`)), sort).toEqual(expected[sort].map((k) => I[k]));
      }
      // The default is the most recent first.
      expect(ids(await list(as.coordinatorL))).toEqual(expected['-occurredFrom'].map((k) => I[k]));
    });

    it('pages through the sorted result with a correct total', async () => {
      const p2 = await list(as.coordinatorL, 'sort=reference&pageSize=1&page=2');
      expect(p2).toMatchObject({ total: 5, page: 2, pageSize: 1 });
      expect(ids(p2)).toEqual([I.L4]);
      const p2of2 = await list(as.coordinatorL, 'sort=reference&pageSize=2&page=3');
      expect(ids(p2of2)).toEqual([I.L2]);
      expect(p2of2.total).toBe(5);
      const beyond = await list(as.coordinatorL, 'pageSize=1&page=6');
      expect(beyond).toMatchObject({ items: [], total: 5 });
      const filtered = await list(as.coordinatorL, 'country=COD&pageSize=1&page=1&sort=occurredFrom');
      expect(filtered).toMatchObject({ total: 2 });
      expect(ids(filtered)).toEqual([I.L4]);
    });

    it.each([
      ['pageSize=500', 'pageSize'], ['pageSize=0', 'pageSize'], ['page=0', 'page'], ['sort=secret', 'sort'],
      ['status=bogus', 'status.0'], ['country=caf', 'country'], ['from=2025-13-01', 'from'], ['narrative=x', 'narrative'],
    ])('refuses the query %s naming %s', async (query, field) => {
      const r = await as.coordinatorL.get(`/api/incidents?${query}`);
      expect(r.status).toBe(400);
      expect(errorOf(r).code).toBe('validation_failed');
      expect(fieldsOf(r)).toContain(field);
    });
  });

  describe('scope', () => {
    const S = {} as Record<'mine' | 'colleague' | 'partner' | 'coordinator', string>;
    beforeAll(async () => {
      S.mine = (await create(as.monitor)).id;
      S.colleague = (await create(as.monitor2)).id;
      S.partner = (await create(as.partner)).id;
      S.coordinator = (await create(as.coordinator)).id;
    });
    const listAll = (c: Client) => list(c, 'pageSize=200');
    const assign = async (id: string, assignees: string[]) => {
      const current = (await as.coordinator.get<IncidentDetail>(`/api/incidents/${id}`)).body;
      const r = await as.coordinator.patch<IncidentDetail>(`/api/incidents/${id}`, { version: current.version, assignedTo: assignees });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.assignedTo).toEqual(assignees);
    };

    it('a monitor sees their own incidents and those assigned to them, nothing else', async () => {
      const before = await listAll(as.monitor);
      expect(ids(before)).toContain(S.mine);
      expect(before.items.every((i) => i.createdBy === A.monitor.id)).toBe(true);
      const hidden = await as.monitor.get(`/api/incidents/${S.colleague}`);
      expect(hidden.status).toBe(404);

      await assign(S.colleague, [A.monitor.id]);
      const after = await listAll(as.monitor);
      expect(ids(after)).toContain(S.colleague);
      expect(ids(after)).not.toContain(S.partner);
      expect(ids(after)).not.toContain(S.coordinator);
      expect(after.total).toBe(before.total + 1);
      expect((await as.monitor.get(`/api/incidents/${S.colleague}`)).status).toBe(200);

      // Assigned, the monitor may work on the record without touching (or losing) the assignment.
      const current = (await as.monitor.get<IncidentDetail>(`/api/incidents/${S.colleague}`)).body;
      const edit = await as.monitor.patch<IncidentDetail>(`/api/incidents/${S.colleague}`, { version: current.version, perpetratorParty: 'Unknown armed men' });
      expect(edit.status, JSON.stringify(edit.body)).toBe(200);
      expect(edit.body.assignedTo).toEqual([A.monitor.id]);
      expect(edit.body.narrative).toBe(sampleIncident().narrative);

      // Unassigned again, the record disappears.
      await assign(S.colleague, []);
      expect(ids(await listAll(as.monitor))).not.toContain(S.colleague);
      expect((await as.monitor.get(`/api/incidents/${S.colleague}`)).status).toBe(404);
    });

    it('a partner sees only their own incidents, even when assigned to another one', async () => {
      await assign(S.coordinator, [A.partner.id]);
      const r = await listAll(as.partner);
      expect(ids(r)).toEqual([S.partner]);
      expect(r.total).toBe(1);
      expect((await as.partner.get(`/api/incidents/${S.coordinator}`)).status).toBe(404);
      expect((await as.partner.get(`/api/incidents/${S.partner}`)).status).toBe(200);
      await assign(S.coordinator, []);
    });

    it('a coordinator sees every incident of the organisation and none of another', async () => {
      const r = await listAll(as.coordinator);
      const { rows } = await db.pool.query<{ id: string }>('SELECT id FROM incidents WHERE organisation_id = $1', [A.coordinator.organisationId]);
      expect(r.total).toBe(rows.length);
      expect(sorted(ids(r))).toEqual(sorted(rows.map((x) => x.id)));
      for (const id of Object.values(S)) expect(ids(r)).toContain(id);
      expect(r.items.every((i) => i.reference.startsWith('ORG-A-'))).toBe(true);
    });

    it('another organisation sees none of them: detail and change answer 404, exactly as for a missing id', async () => {
      const r = await listAll(as.coordinatorB);
      for (const id of Object.values(S)) expect(ids(r)).not.toContain(id);
      expect(r.items.every((i) => i.reference.startsWith('ORG-B-'))).toBe(true);
      const missing = await as.coordinatorB.get(`/api/incidents/${randomUUID()}`);
      const foreign = await as.coordinatorB.get(`/api/incidents/${S.mine}`);
      expect(foreign.status).toBe(404);
      expect(foreign.body).toEqual(missing.body);
      // Same for a record of the own organisation outside a monitor's scope.
      expect((await as.monitor.get(`/api/incidents/${S.colleague}`)).body).toEqual(missing.body);

      const before = await rawRow(S.mine);
      const patch = await as.coordinatorB.patch(`/api/incidents/${S.mine}`, { version: before.version, narrative: 'overwritten by B' });
      expect(patch.status).toBe(404);
      expect(patch.body).toEqual(missing.body);
      expect(await rawRow(S.mine)).toEqual(before);
      expect(await audit(S.mine, 'incident.read').then((rows) => rows.filter((x) => x.actor_user_id === B.coordinator.id))).toEqual([]);
      // The probes themselves are audited, for the reviewer of the log.
      const denied = (await audit(S.mine, 'incident.access_denied')).filter((x) => x.actor_user_id === B.coordinator.id);
      expect(denied).toHaveLength(2);
    });

    it.each(['viewer', 'admin'] as const)('a %s may not list, read, record or change incidents', async (who) => {
      const c = as[who];
      const before = await incidentCount();
      const row = await rawRow(S.mine);
      for (const r of [
        await c.get('/api/incidents'),
        await c.get(`/api/incidents/${S.mine}`),
        await c.post('/api/incidents', sampleIncident()),
        await c.patch(`/api/incidents/${S.mine}`, { version: row.version, narrative: 'x' }),
      ]) {
        expect(r.status).toBe(403);
        expect(errorOf(r).code).toBe('forbidden');
      }
      expect(await incidentCount()).toBe(before);
      expect(await rawRow(S.mine)).toEqual(row);
    });

    it('refuses anonymous callers', async () => {
      const anon = new Client(srv.base);
      expect((await anon.get('/api/incidents')).status).toBe(401);
      expect((await anon.get(`/api/incidents/${S.mine}`)).status).toBe(401);
    });
  });

  describe('changes', () => {
    it('refuses a stale version with 409 and changes nothing; of two simultaneous edits one wins', async () => {
      const made = await create(as.monitor);
      const first = await as.monitor.patch<IncidentDetail>(`/api/incidents/${made.id}`, { version: 1, perpetratorParty: 'First edit' });
      expect(first.status).toBe(200);
      expect(first.body.version).toBe(2);
      const before = await rawRow(made.id);
      const stale = await as.monitor.patch(`/api/incidents/${made.id}`, { version: 1, narrative: 'stale overwrite', perpetratorParty: 'Stale' });
      expect(stale.status).toBe(409);
      expect(errorOf(stale).code).toBe('version_conflict');
      expect(await rawRow(made.id)).toEqual(before);

      const race = await Promise.all(['Edit A', 'Edit B'].map((p) => as.monitor.patch(`/api/incidents/${made.id}`, { version: 2, perpetratorParty: p })));
      expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
      const after = await rawRow(made.id);
      expect(after.version).toBe(3);
      expect((await audit(made.id, 'incident.update')).length).toBe(2);
    });

    it('only a coordinator decides verification; a decision records who and when, and keeps the rest', async () => {
      const made = await create(as.monitor, { dateEstimated: true, assignedTo: [] });
      expect((await as.coordinator.patch(`/api/incidents/${made.id}`, { version: 1, assignedTo: [monitor2.id] })).status).toBe(200);
      const before = await rawRow(made.id);
      for (const status of ['verified', 'found_not_occurred'] as const) {
        const r = await as.monitor.patch(`/api/incidents/${made.id}`, { version: before.version, verification: { status } });
        expect(r.status, status).toBe(403);
        expect(errorOf(r).code).toBe('forbidden');
      }
      const reason = await as.monitor.patch(`/api/incidents/${made.id}`, { version: before.version, verification: { status: 'not_verified', notVerifiedReason: 'other' } });
      expect(reason.status).toBe(403);
      expect(await rawRow(made.id)).toEqual(before);
      // Nor can a monitor record an incident as already decided.
      const count = await incidentCount();
      expect((await as.monitor.post('/api/incidents', sampleIncident({ verification: { status: 'verified' } }))).status).toBe(403);
      expect(await incidentCount()).toBe(count);

      const t0 = Date.now();
      const decided = await as.coordinator.patch<IncidentDetail>(`/api/incidents/${made.id}`, { version: before.version, verification: { status: 'verified' } });
      expect(decided.status, JSON.stringify(decided.body)).toBe(200);
      expect(decided.body.verification.status).toBe('verified');
      expect(decided.body.verification.decidedBy).toBe(A.coordinator.id);
      expect(Date.parse(decided.body.verification.decidedAt!)).toBeGreaterThanOrEqual(t0 - 1000);
      const row = await rawRow(made.id);
      expect(row.decided_by).toBe(A.coordinator.id);
      expect(row.decided_at).toBeInstanceOf(Date);
      // A patch changes only what it names: narrative, assignment and date flag survive.
      expect(row.date_estimated).toBe(true);
      expect(row.assigned_to).toEqual([monitor2.id]);
      const read = (await as.coordinator.get<IncidentDetail>(`/api/incidents/${made.id}`)).body;
      expect(read.narrative).toBe(sampleIncident().narrative);
      expect(read.place.locality).toBe(LOCALITY);
      expect(read.assignedTo).toEqual([monitor2.id]);
      const entry = (await audit(made.id, 'incident.update')).at(-1)!;
      expect(entry.details).toMatchObject({ changed: ['verification'], status: { from: 'reported', to: 'verified' } });

      // The monitor cannot undo the decision either.
      const undo = await as.monitor.patch(`/api/incidents/${made.id}`, { version: read.version, verification: { status: 'pending' } });
      expect(undo.status).toBe(403);
      expect((await rawRow(made.id)).verification_status).toBe('verified');
    });

    it('only a coordinator assigns, and only users of the own organisation', async () => {
      const made = await create(as.monitor);
      const before = await rawRow(made.id);
      const byMonitor = await as.monitor.patch(`/api/incidents/${made.id}`, { version: 1, assignedTo: [monitor2.id] });
      expect(byMonitor.status).toBe(403);
      expect(errorOf(byMonitor).code).toBe('forbidden');
      expect(await rawRow(made.id)).toEqual(before);

      const foreign = await as.coordinator.patch(`/api/incidents/${made.id}`, { version: 1, assignedTo: [B.monitor.id] });
      expect(foreign.status).toBe(400);
      expect(errorOf(foreign).code).toBe('validation_failed');
      expect(fieldsOf(foreign)).toEqual(['assignedTo.0']);
      const second = await as.coordinator.patch(`/api/incidents/${made.id}`, { version: 1, assignedTo: [monitor2.id, randomUUID()] });
      expect(fieldsOf(second)).toEqual(['assignedTo.1']);
      expect(await rawRow(made.id)).toEqual(before);
      // Also at creation.
      const count = await incidentCount();
      const atCreate = await as.coordinator.post('/api/incidents', sampleIncident({ assignedTo: [B.coordinator.id] }));
      expect(atCreate.status).toBe(400);
      expect(fieldsOf(atCreate)).toEqual(['assignedTo.0']);
      expect(await incidentCount()).toBe(count);
    });

    it('validates the merged record and changes nothing when it is invalid', async () => {
      const made = await create(as.monitor);
      const before = await rawRow(made.id);
      const r = await as.monitor.patch(`/api/incidents/${made.id}`, { version: 1, victims: { women: 1, girls: 1 } });
      expect(r.status).toBe(400);
      expect(errorOf(r).code).toBe('validation_failed');
      expect(fieldsOf(r)).toContain('violations.0.victims.women');
      const unknown = await as.monitor.patch(`/api/incidents/${made.id}`, { version: 1, survivorName: 'X' });
      expect(unknown.status).toBe(400);
      const noVersion = await as.monitor.patch(`/api/incidents/${made.id}`, { narrative: 'x' });
      expect(fieldsOf(noVersion)).toContain('version');
      expect(await rawRow(made.id)).toEqual(before);
    });

    it('re-encrypts a changed narrative under a new key and audits field names, never the text', async () => {
      const made = await create(as.monitor);
      const before = await rawRow(made.id);
      const NEW = 'NEW-NARRATIVE-MARKER the second interview added details';
      const r = await as.monitor.patch<IncidentDetail>(`/api/incidents/${made.id}`, { version: 1, narrative: NEW, verification: { status: 'reported' } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.narrative).toBe(NEW);
      const after = await rawRow(made.id);
      expect(after.sensitive_enc!.equals(before.sensitive_enc!)).toBe(false);
      expect(after.wrapped_key!.equals(before.wrapped_key!)).toBe(false);
      expect(after.wrapped_key!.length).toBe(69);
      expect(after.sensitive_enc!.includes(Buffer.from('NEW-NARRATIVE-MARKER'))).toBe(false);
      const read = (await as.monitor.get<IncidentDetail>(`/api/incidents/${made.id}`)).body;
      expect(read.narrative).toBe(NEW);
      expect(read.place.locality).toBe(LOCALITY);
      expect(read.place.coordinates).toEqual(sampleIncident().place.coordinates);

      const entries = await audit(made.id, 'incident.update');
      expect(entries).toHaveLength(1);
      expect(entries[0]!.details).toEqual({ reference: made.reference, changed: ['narrative'], version: 2 });
      expect(await auditMentions('NEW-NARRATIVE-MARKER')).toBe(0);
      expect(await auditMentions(NARRATIVE_MARKER)).toBe(0);

      // A change to a restricted field only leaves the ciphertext as it was.
      const party = await as.monitor.patch(`/api/incidents/${made.id}`, { version: 2, perpetratorParty: 'Another party' });
      expect(party.status).toBe(200);
      expect((await rawRow(made.id)).sensitive_enc!.equals(after.sensitive_enc!)).toBe(true);
      expect((await as.monitor.get<IncidentDetail>(`/api/incidents/${made.id}`)).body.narrative).toBe(NEW);
    });

    it('audits every read of a detail, with the reader', async () => {
      const made = await create(as.monitor);
      expect(await audit(made.id, 'incident.read')).toEqual([]);
      for (const c of [as.monitor, as.coordinator, as.coordinator]) expect((await c.get(`/api/incidents/${made.id}`)).status).toBe(200);
      const reads = await audit(made.id, 'incident.read');
      expect(reads.map((x) => x.actor_user_id)).toEqual([A.monitor.id, A.coordinator.id, A.coordinator.id]);
      for (const x of reads) expect(x.details).toEqual({ reference: made.reference });
      // Listing is audited too, but as a list (no per-record reads).
      await as.monitor.get('/api/incidents');
      expect(await audit(made.id, 'incident.read')).toHaveLength(3);
    });
  });

  it('keeps the audit chain intact and free of identifying text after everything above', async () => {
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
    for (const secret of [NARRATIVE_MARKER, LOCALITY, 'survivor S-0042']) expect(await auditMentions(secret)).toBe(0);
  });
});
