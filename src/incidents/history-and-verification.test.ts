/**
 * The record's life: every version kept (who, when, which fields, values as they stood), soft deletion with
 * a reason, four-eyes verification and the derived late-verification flag.
 */
import { describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { PASSWORD, sampleIncident, signedIn } from '../../test/helpers/http.ts';
import { createUser } from '../identity/users.ts';
import type { IncidentDetail, IncidentHistory } from '../shared/incident.ts';
import { errorOf, incidentTestEnv, LOCALITY, NARRATIVE_MARKER } from './incident-test-kit.ts';

describe.each(testServers())('incident history and verification on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as, create, list, rawRow, audit } = env;

  it('keeps every version with who changed which fields, restricted and identifying values as they stood', async () => {
    const made = await create(as.monitor);
    const v2 = await as.monitor.patch<IncidentDetail>(`/api/incidents/${made.id}`, { version: 1, narrative: 'second account, survivor code S-2002', perpetrators: [{ party: 'Unknown armed men' }] });
    expect(v2.status).toBe(200);
    const v3 = await as.coordinator.patch<IncidentDetail>(`/api/incidents/${made.id}`, { version: 2, verification: { status: 'verified', standard: 'reasonable_grounds_to_believe' } });
    expect(v3.status).toBe(200);

    const history = await as.monitor.get<IncidentHistory>(`/api/incidents/${made.id}/history`);
    expect(history.status).toBe(200);
    const [first, second, third] = history.body.items;
    expect(history.body.items.map((v) => [v.version, v.action])).toEqual([[1, 'create'], [2, 'update'], [3, 'update']]);
    expect(first!.changedBy).toBe(env.A.monitor.id);
    expect(first!.snapshot.narrative).toContain(NARRATIVE_MARKER);
    expect(first!.snapshot.place.locality).toBe(LOCALITY);
    expect(second!.changedFields.sort()).toEqual(['narrative', 'perpetrators']);
    expect(second!.snapshot.narrative).toBe('second account, survivor code S-2002');
    expect(third!.changedBy).toBe(env.A.coordinator.id);
    expect(third!.changedFields).toEqual(['verification']);
    expect(third!.snapshot.verification.status).toBe('verified');

    // Identifying values of old versions are sealed too; reading the history is audited.
    const { rows } = await env.db.pool.query<{ restricted: unknown; identifying_enc: Buffer }>('SELECT restricted, identifying_enc FROM incident_versions WHERE incident_id = $1', [made.id]);
    for (const r of rows) {
      expect(JSON.stringify(r.restricted)).not.toContain(NARRATIVE_MARKER);
      expect(r.identifying_enc.includes(Buffer.from('S-2002'))).toBe(false);
    }
    expect(await audit(made.id, 'incident.history_read')).toHaveLength(1);
    // Out of scope, the history is as invisible as the record.
    expect((await as.partner.get(`/api/incidents/${made.id}/history`)).status).toBe(404);
  });

  it('deletes softly, with a reason, by a coordinator: gone from lists and reads, kept in history and audit', async () => {
    const made = await create(as.monitor);
    expect((await as.monitor.request('DELETE', `/api/incidents/${made.id}`, { version: 1, reason: 'entered twice' })).status).toBe(403);
    const noReason = await as.coordinator.request('DELETE', `/api/incidents/${made.id}`, { version: 1, reason: '' });
    expect(noReason.status).toBe(400);
    expect(errorOf(noReason).issues?.[0]?.field).toBe('reason');
    const stale = await as.coordinator.request('DELETE', `/api/incidents/${made.id}`, { version: 7, reason: 'entered twice' });
    expect(errorOf(stale).code).toBe('version_conflict');
    expect((await as.coordinator.request('DELETE', `/api/incidents/${made.id}`, { version: 1, reason: 'entered twice by the clinic and the NGO' })).status).toBe(204);

    expect((await as.coordinator.get(`/api/incidents/${made.id}`)).status).toBe(404);
    expect((await list(as.coordinator, 'pageSize=200')).items.map((i) => i.id)).not.toContain(made.id);
    expect((await as.coordinator.patch(`/api/incidents/${made.id}`, { version: 2, narrative: 'x' })).status).toBe(404);
    const row = await rawRow(made.id);
    expect(row.deleted_by).toBe(env.A.coordinator.id);
    expect(row.deletion_reason).toBe('entered twice by the clinic and the NGO');
    const { rows } = await env.db.pool.query<{ action: string }>('SELECT action FROM incident_versions WHERE incident_id = $1 ORDER BY version', [made.id]);
    expect(rows.map((r) => r.action)).toEqual(['create', 'delete']);
    expect((await audit(made.id, 'incident.delete'))[0]!.details).not.toHaveProperty('reason');
  });

  it('keeps four eyes: nobody records an incident as decided, and the recorder never decides it', async () => {
    const born = await as.coordinator.post('/api/incidents', sampleIncident({ verification: { status: 'verified' } }));
    expect(born.status).toBe(403);
    expect(errorOf(born).code).toBe('four_eyes');

    const own = await create(as.coordinator);
    const self = await as.coordinator.patch(`/api/incidents/${own.id}`, { version: 1, verification: { status: 'verified' } });
    expect(self.status).toBe(403);
    expect(errorOf(self).code).toBe('four_eyes');
    // Moving it along the workflow without deciding is fine for the recorder.
    expect((await as.coordinator.patch(`/api/incidents/${own.id}`, { version: 1, verification: { status: 'pending' } })).status).toBe(200);

    const { user } = await createUser(env.ctx.db, { organisationCode: 'ORG-A', email: 'coordinator2@org-a.test', role: 'coordinator', password: PASSWORD });
    const second = await signedIn(env.srv.base, user.email);
    const decided = await second.patch<IncidentDetail>(`/api/incidents/${own.id}`, { version: 2, verification: { status: 'not_verified', notVerifiedReason: 'security_access_constraints' } });
    expect(decided.status).toBe(200);
    expect(decided.body.verification.decidedBy).toBe(user.id);
  });

  it('derives late verification: verified after the quarter the incident occurred in', async () => {
    const lastYear = `${new Date().getUTCFullYear() - 1}-02-10`;
    const old = await create(as.monitor, { occurredFrom: lastYear });
    const recent = await create(as.monitor, { occurredFrom: new Date().toISOString().slice(0, 10) });
    for (const made of [old, recent]) {
      const r = await as.coordinator.patch<IncidentDetail>(`/api/incidents/${made.id}`, { version: 1, verification: { status: 'verified', standard: 'reasonable_grounds_to_believe' } });
      expect(r.status).toBe(200);
    }
    const detail = (await as.coordinator.get<IncidentDetail>(`/api/incidents/${old.id}`)).body;
    expect(detail.verification.late).toBe(true);
    expect((await as.coordinator.get<IncidentDetail>(`/api/incidents/${recent.id}`)).body.verification.late).toBe(false);
    const late = (await list(as.coordinator, 'late=true&pageSize=200')).items.map((i) => i.id);
    expect(late).toContain(old.id);
    expect(late).not.toContain(recent.id);
    const onTime = (await list(as.coordinator, 'late=false&pageSize=200')).items.map((i) => i.id);
    expect(onTime).toContain(recent.id);
    expect(onTime).not.toContain(old.id);
    expect((await as.coordinator.get('/api/incidents?late=maybe')).status).toBe(400);
  });

  it('serves the verification queue as the list of reported and pending incidents, oldest first', async () => {
    const queue = await list(as.coordinator, 'status=reported,pending&sort=createdAt&pageSize=200');
    expect(queue.items.every((i) => ['reported', 'pending'].includes(i.verification.status))).toBe(true);
    const created = queue.items.map((i) => i.createdAt);
    expect(created).toEqual([...created].sort());
  });
});
