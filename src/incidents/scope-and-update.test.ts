/**
 * Record-level scope and changes to incidents over real HTTP against a real database, on every configured
 * PostgreSQL server: who sees what per role and organisation, optimistic concurrency, verification decisions,
 * assignment, re-encryption, and the audit trail of reads and changes. Shared setup is in incident-test-kit.ts.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { Client, sampleIncident } from '../../test/helpers/http.ts';
import { verifyAuditChain } from '../platform/audit/audit.ts';
import type { IncidentDetail } from '../shared/incident.ts';
import { errorOf, fieldsOf, ids, incidentTestEnv, LOCALITY, NARRATIVE_MARKER, sorted } from './incident-test-kit.ts';

describe.each(testServers())('incidents on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as, A, B, monitor2, incidentCount, rawRow, create, list, audit, auditMentions } = env;

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
      const edit = await as.monitor.patch<IncidentDetail>(`/api/incidents/${S.colleague}`, { version: current.version, perpetrators: [{ party: 'Unknown armed men' }] });
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
      const { rows } = await env.db.pool.query<{ id: string }>('SELECT id FROM incidents WHERE organisation_id = $1', [A.coordinator.organisationId]);
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
      const anon = new Client(env.srv.base);
      expect((await anon.get('/api/incidents')).status).toBe(401);
      expect((await anon.get(`/api/incidents/${S.mine}`)).status).toBe(401);
    });
  });

  describe('changes', () => {
    it('refuses a stale version with 409 and changes nothing; of two simultaneous edits one wins', async () => {
      const made = await create(as.monitor);
      const first = await as.monitor.patch<IncidentDetail>(`/api/incidents/${made.id}`, { version: 1, perpetrators: [{ party: 'First edit' }] });
      expect(first.status).toBe(200);
      expect(first.body.version).toBe(2);
      const before = await rawRow(made.id);
      const stale = await as.monitor.patch(`/api/incidents/${made.id}`, { version: 1, narrative: 'stale overwrite', perpetrators: [{ party: 'Stale' }] });
      expect(stale.status).toBe(409);
      expect(errorOf(stale).code).toBe('version_conflict');
      expect(await rawRow(made.id)).toEqual(before);

      const race = await Promise.all(['Edit A', 'Edit B'].map((p) => as.monitor.patch(`/api/incidents/${made.id}`, { version: 2, perpetrators: [{ party: p }] })));
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
      const decided = await as.coordinator.patch<IncidentDetail>(`/api/incidents/${made.id}`, { version: before.version, verification: { status: 'verified', standard: 'reasonable_grounds_to_believe' } });
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
      // Nor change what the decision rests on: the figures reported are the ones a coordinator verified.
      const afterDecision = await rawRow(made.id);
      for (const change of [{ perpetrators: [{ party: 'Another party (TEST)' }] }, { narrative: 'rewritten after verification' }, { occurredFrom: '2025-01-01' }]) {
        const r = await as.monitor.patch(`/api/incidents/${made.id}`, { version: read.version, ...change });
        expect(r.status, JSON.stringify(change)).toBe(403);
        expect(errorOf(r).code).toBe('decided_record');
      }
      expect(await rawRow(made.id)).toEqual(afterDecision);
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

    it('re-encrypts a changed narrative under the record’s one data key (so erasure shreds every version) and audits field names, never the text', async () => {
      const made = await create(as.monitor);
      const before = await rawRow(made.id);
      const NEW = 'NEW-NARRATIVE-MARKER the second interview added details';
      const r = await as.monitor.patch<IncidentDetail>(`/api/incidents/${made.id}`, { version: 1, narrative: NEW, verification: { status: 'reported' } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.narrative).toBe(NEW);
      const after = await rawRow(made.id);
      expect(after.sensitive_enc!.equals(before.sensitive_enc!)).toBe(false);
      expect(after.wrapped_key!.equals(before.wrapped_key!)).toBe(true);
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
      const party = await as.monitor.patch(`/api/incidents/${made.id}`, { version: 2, perpetrators: [{ party: 'Another party' }] });
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
      for (const x of reads) expect(x.details).toEqual({ reference: made.reference, identifying: true });
      // Listing is audited too, but as a list (no per-record reads).
      await as.monitor.get('/api/incidents');
      expect(await audit(made.id, 'incident.read')).toHaveLength(3);
    });
  });

  it('keeps the audit chain intact and free of identifying text after everything above', async () => {
    expect(await verifyAuditChain(env.ctx.db, env.ctx.master)).toMatchObject({ ok: true });
    for (const secret of [NARRATIVE_MARKER, LOCALITY, 'survivor S-0042']) expect(await auditMentions(secret)).toBe(0);
  });
});
