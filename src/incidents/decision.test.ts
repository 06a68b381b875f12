/**
 * The decision panel's API: a decision with its grounds (standard of proof, sources relied on, note), as a
 * new version with old -> new in the history, audited; four eyes as the organisation provides it (strict by
 * default, or the recorder with a written justification, flagged); the organisation's completeness rules.
 */
import { describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { signedIn, type Client } from '../../test/helpers/http.ts';
import type { IncidentDetail, IncidentHistory } from '../shared/incident.ts';
import type { OrganisationSettingsUpdate } from '../shared/organisation.ts';
import { errorOf, fieldsOf, incidentTestEnv } from './incident-test-kit.ts';

const SOURCES = [
  { type: 'service_provider', reliability: 'high', connection: 'first_hand', organisation: 'Clinic C-1' },
  { type: 'monitor', reliability: 'moderate', connection: 'second_hand', organisation: 'Patrol P-2' },
];
const STANDARD = 'reasonable_grounds_to_believe';
const STRICT: OrganisationSettingsUpdate = {
  fourEyes: { mode: 'same_organisation', reviewers: [] },
  completeness: { minSourcesToVerify: 0, requireAdmin1: false, requireAdmin2: false, requirePerpetratorToVerify: false },
  narrativeMaxLength: 50000, requireTotp: false,
};

describe.each(testServers())('verification decisions on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as, create, audit, rawRow, list } = env;
  const decide = (c: Client, id: string, body: Record<string, unknown>) => c.post<IncidentDetail>(`/api/incidents/${id}/decision`, body);

  it('records the decision with its grounds as a new version, audited without the note, history old -> new', async () => {
    const made = await create(as.monitor, { sources: SOURCES });
    const r = await decide(as.coordinator, made.id, { version: 1, status: 'verified', standard: STANDARD, reliedOnSources: [1, 0], note: 'clinic record and patrol report agree on date and place' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.version).toBe(2);
    expect(r.body.verification).toMatchObject({
      status: 'verified', standard: STANDARD, reliedOnSources: [1, 0], note: 'clinic record and patrol report agree on date and place',
      route: 'coordinator', selfDecided: false, decidedBy: env.A.coordinator.id, review: null,
    });
    expect((await rawRow(made.id)).decision_route).toBe('coordinator');
    const [entry] = await audit(made.id, 'incident.decide');
    expect(entry!.details).toMatchObject({ status: { from: 'reported', to: 'verified' }, standard: STANDARD, reliedOnSources: 2, route: 'coordinator', version: 2 });
    expect(JSON.stringify(entry!.details)).not.toContain('clinic record');

    const history = (await as.monitor.get<IncidentHistory>(`/api/incidents/${made.id}/history`)).body.items;
    expect(history.map((v) => v.action)).toEqual(['create', 'decide']);
    expect(history[0]!.changes).toEqual([]);
    expect(history[1]!.changes).toEqual(expect.arrayContaining([
      { kind: 'value', field: 'verification.status', from: 'reported', to: 'verified' },
      { kind: 'value', field: 'verification.standard', from: null, to: STANDARD },
      { kind: 'value', field: 'verification.reliedOnSources', from: null, to: [1, 0] },
    ]));
    expect(history[1]!.changes.every((c) => c.field.startsWith('verification.'))).toBe(true);
  });

  it('refuses a decision without its grounds, naming the field, and writes nothing', async () => {
    const made = await create(as.monitor, { sources: SOURCES });
    const cases: [Record<string, unknown>, string][] = [
      [{ status: 'verified', reliedOnSources: [0] }, 'standard'],
      [{ status: 'verified', standard: STANDARD }, 'reliedOnSources'],
      [{ status: 'verified', standard: STANDARD, reliedOnSources: [5] }, 'reliedOnSources.0'],
      [{ status: 'not_verified' }, 'notVerifiedReason'],
      [{ status: 'found_not_occurred' }, 'standard'],
      [{ status: 'verified', standard: 'pretty sure', reliedOnSources: [0] }, 'standard'],
    ];
    for (const [body, field] of cases) {
      const r = await decide(as.coordinator, made.id, { version: 1, ...body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(r), JSON.stringify(body)).toContain(field);
    }
    expect((await rawRow(made.id)).version).toBe(1);
    expect((await decide(as.coordinator, made.id, { version: 9, status: 'not_verified', notVerifiedReason: 'source_unwilling' })).status).toBe(409);
    const ok = await decide(as.coordinator, made.id, { version: 1, status: 'not_verified', notVerifiedReason: 'source_unwilling' });
    expect(ok.body.verification).toMatchObject({ status: 'not_verified', notVerifiedReason: 'source_unwilling', standard: null });
  });

  it('lets only coordinators decide, never the recorder under the strict default, and hides other organisations', async () => {
    const made = await create(as.monitor);
    expect((await decide(as.monitor, made.id, { version: 1, status: 'not_verified', notVerifiedReason: 'other' })).status).toBe(403);
    expect((await decide(as.coordinatorB, made.id, { version: 1, status: 'not_verified', notVerifiedReason: 'other' })).status).toBe(404);
    const own = await create(as.coordinator);
    const self = await decide(as.coordinator, own.id, { version: 1, status: 'verified', standard: STANDARD, selfDecisionJustification: 'I am the only coordinator in this office.' });
    expect(self.status).toBe(403);
    expect(errorOf(self).code).toBe('four_eyes');
    expect((await rawRow(own.id)).version).toBe(1);
  });

  it('reopens a decision (back to pending, grounds cleared) and keeps the sources relied on attached to their entries', async () => {
    const made = await create(as.monitor, { sources: SOURCES });
    await decide(as.coordinator, made.id, { version: 1, status: 'verified', standard: STANDARD, reliedOnSources: [1] });
    // The coordinator reorders the sources: the decision still relies on the patrol's report.
    const moved = await as.coordinator.patch<IncidentDetail>(`/api/incidents/${made.id}`, { version: 2, sources: [SOURCES[1], SOURCES[0]] });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.verification.reliedOnSources).toEqual([0]);
    expect(moved.body.verification.decidedBy).toBe(env.A.coordinator.id);
    const reopened = await decide(as.coordinator, made.id, { version: 3, status: 'pending', note: 'new information from the clinic' });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    expect(reopened.body.verification).toMatchObject({ status: 'pending', standard: null, reliedOnSources: [], decidedAt: null, route: null, note: 'new information from the clinic' });
    expect(await audit(made.id, 'incident.reopen')).toHaveLength(1);
  });

  it('says a sealed field changed, without its values, where they can no longer be opened (erased)', async () => {
    const made = await create(as.monitor);
    expect((await as.monitor.patch(`/api/incidents/${made.id}`, { version: 1, narrative: 'a corrected account, code S-7001' })).status).toBe(200);
    const open = (await as.coordinator.get<IncidentHistory>(`/api/incidents/${made.id}/history`)).body.items[1]!;
    expect(open.changes).toEqual([{ kind: 'value', field: 'narrative', from: expect.stringContaining('SECRET-NARRATIVE-MARKER') as unknown, to: 'a corrected account, code S-7001' }]);
    expect((await as.coordinator.post(`/api/incidents/${made.id}/erase`, { version: 2, reason: 'consent withdrawn', remainingConsent: ['agency_only'] })).status).toBe(200);
    const items = (await as.coordinator.get<IncidentHistory>(`/api/incidents/${made.id}/history`)).body.items;
    expect(items[1]!.changes).toEqual([{ kind: 'sealed', field: 'narrative' }]);
    expect(items[2]!.changes).toEqual(expect.arrayContaining([{ kind: 'sealed', field: 'narrative' }, { kind: 'sealed', field: 'place.locality' }]));
    expect(JSON.stringify(items)).not.toContain('S-7001');
  });

  describe('an organisation that chose its own rules (ORG-L)', () => {
    let adminL: Client;
    const settings = async (over: Partial<OrganisationSettingsUpdate>) => {
      adminL ??= await signedIn(env.srv.base, env.L.admin.email);
      const r = await adminL.request('PUT', '/api/organisation/settings', { ...STRICT, ...over });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };

    it('lets the recorder decide only with a written justification, and flags the record as self-decided', async () => {
      await settings({ fourEyes: { mode: 'recorder_justified', reviewers: [] } });
      const own = await create(as.coordinatorL);
      const bare = await decide(as.coordinatorL, own.id, { version: 1, status: 'verified', standard: STANDARD });
      expect(bare.status).toBe(403);
      expect(fieldsOf(bare)).toEqual(['selfDecisionJustification']);
      const short = await decide(as.coordinatorL, own.id, { version: 1, status: 'verified', standard: STANDARD, selfDecisionJustification: 'alone' });
      expect(fieldsOf(short)).toEqual(['selfDecisionJustification']);
      const justified = await decide(as.coordinatorL, own.id, { version: 1, status: 'verified', standard: STANDARD, selfDecisionJustification: 'Only coordinator of the office; the partner reviewer post is vacant.' });
      expect(justified.status, JSON.stringify(justified.body)).toBe(200);
      expect(justified.body.verification).toMatchObject({ selfDecided: true, route: 'recorder_justified', selfDecisionJustification: 'Only coordinator of the office; the partner reviewer post is vacant.' });
      const summary = (await list(as.coordinatorL, 'pageSize=200')).items.find((i) => i.id === own.id)!;
      expect(summary.verification.selfDecided).toBe(true);
      // A second coordinator's decision is an ordinary one: no justification kept, not self-decided.
      const other = await create(as.monitorL);
      const plain = await decide(as.coordinatorL, other.id, { version: 1, status: 'verified', standard: STANDARD, selfDecisionJustification: 'Only coordinator of the office; the partner reviewer post is vacant.' });
      expect(plain.body.verification).toMatchObject({ selfDecided: false, route: 'coordinator', selfDecisionJustification: null });
      await settings({});
    });

    it('enforces minimum completeness on recording, changing and deciding, naming the field', async () => {
      await settings({ completeness: { minSourcesToVerify: 2, requireAdmin1: true, requireAdmin2: false, requirePerpetratorToVerify: true }, narrativeMaxLength: 300 });
      const noRegion = await as.monitorL.post('/api/incidents', { ...(await import('../../test/helpers/http.ts')).sampleIncident(), place: { country: 'CAF' } });
      expect(noRegion.status).toBe(400);
      expect(fieldsOf(noRegion)).toEqual(['place.admin1']);
      const long = await as.monitorL.post('/api/incidents', (await import('../../test/helpers/http.ts')).sampleIncident({ narrative: 'x'.repeat(301) }));
      expect(fieldsOf(long)).toEqual(['narrative']);
      expect(errorOf(long).issues).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'narrative', code: 'narrative_limit', params: expect.objectContaining({ max: 300 }) as unknown })]));

      const made = await create(as.monitorL, { sources: [SOURCES[0]] });
      const tooFew = await decide(as.coordinatorL, made.id, { version: 1, status: 'verified', standard: STANDARD, reliedOnSources: [0] });
      expect(tooFew.status).toBe(400);
      expect(fieldsOf(tooFew)).toEqual(['sources']);
      expect(errorOf(tooFew).issues).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'sources', code: 'min_sources_to_verify', params: expect.objectContaining({ count: 2 }) as unknown })]));
      // Not verified needs no sources; adding the second source makes verification possible.
      const both = await as.monitorL.patch<IncidentDetail>(`/api/incidents/${made.id}`, { version: 1, sources: SOURCES });
      expect(both.status).toBe(200);
      const verified = await decide(as.coordinatorL, made.id, { version: 2, status: 'verified', standard: STANDARD, reliedOnSources: [0, 1] });
      expect(verified.status, JSON.stringify(verified.body)).toBe(200);
      // A verified record cannot lose what verification required.
      const drop = await as.coordinatorL.patch(`/api/incidents/${made.id}`, { version: 3, sources: [SOURCES[0]] });
      expect(drop.status).toBe(400);
      expect(fieldsOf(drop)).toEqual(['sources']);
      const region = await as.coordinatorL.patch(`/api/incidents/${made.id}`, { version: 3, place: { country: 'CAF' } });
      expect(fieldsOf(region)).toEqual(['place.admin1']);
      await settings({});
    });
  });
});
