/**
 * Four eyes for a one-person office through a partner reviewer: ORG-A sends decisions to a designated
 * coordinator of ORG-B, who sees only the records put to them (restricted fields; the narrative only if
 * shared; never locality, coordinates or individual victims), decides them, and loses access once decided,
 * withdrawn or no longer designated. Every other path of ORG-B into ORG-A stays closed (404).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testServers } from '../../../test/helpers/db.ts';
import { signedIn, type Client } from '../../../test/helpers/http.ts';
import type { IncidentDetail, IncidentHistory, IncidentList } from '../../shared/incident.ts';
import type { OrganisationSettings, OrganisationSettingsUpdate } from '../../shared/organisation.ts';
import type { ReviewList, ReviewRecord } from '../../shared/review.ts';
import { errorOf, fieldsOf, incidentTestEnv, LOCALITY, NARRATIVE_MARKER } from '../incident-test-kit.ts';

const SOURCES = [{ type: 'survivor', reliability: 'high', connection: 'first_hand' }, { type: 'service_provider', organisation: 'Clinic C-9' }];
const BASE: Omit<OrganisationSettingsUpdate, 'fourEyes'> = {
  completeness: { minSourcesToVerify: 1, requireAdmin1: false, requireAdmin2: false, requirePerpetratorToVerify: false },
  narrativeMaxLength: 50000, requireTotp: false,
};

describe.each(testServers())('partner reviewers on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as, create, audit } = env;
  let adminA: Client;
  const settings = async (mode: OrganisationSettingsUpdate['fourEyes']['mode'], reviewers: string[]) => {
    adminA ??= await signedIn(env.srv.base, env.A.admin.email);
    return adminA.request<OrganisationSettings>('PUT', '/api/organisation/settings', { ...BASE, fourEyes: { mode, reviewers } });
  };
  const putTo = (c: Client, id: string, body: Record<string, unknown>) => c.post<IncidentDetail>(`/api/incidents/${id}/review`, body);
  const decision = { status: 'verified', standard: 'reasonable_grounds_to_believe', reliedOnSources: [0, 1], note: 'both sources agree' };

  it('designates only active coordinators of another organisation, by email', async () => {
    const cases: [string, RegExp][] = [
      [env.A.coordinator.email, /another organisation/],
      [env.B.monitor.email, /active coordinator/],
      ['nobody@nowhere.test', /active coordinator/],
    ];
    for (const [email, message] of cases) {
      const r = await settings('partner_reviewer', [email]);
      expect(r.status, email).toBe(400);
      expect(fieldsOf(r)).toEqual(['fourEyes.reviewers.0']);
      expect(errorOf(r).message).toMatch(message);
    }
    expect(fieldsOf(await settings('partner_reviewer', []))).toEqual(['fourEyes.reviewers']);
    const ok = await settings('partner_reviewer', [env.B.coordinator.email.toUpperCase()]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.fourEyes.reviewers).toEqual([{ id: env.B.coordinator.id, email: env.B.coordinator.email, organisation: { code: 'ORG-B', name: 'Test organisation ORG-B' }, active: true }]);
  });

  it('a one-coordinator organisation gets its record decided by the partner reviewer it was put to', async () => {
    expect((await settings('partner_reviewer', [env.B.coordinator.email])).status).toBe(200);
    const own = await create(as.coordinator, { sources: SOURCES });
    // The recorder is sent to the reviewer.
    const self = await as.coordinator.post(`/api/incidents/${own.id}/decision`, { version: 1, ...decision });
    expect(self.status).toBe(403);
    expect(errorOf(self).message).toMatch(/designated reviewer/);

    // Nobody but a designated reviewer, and only once per record.
    expect(fieldsOf(await putTo(as.coordinator, own.id, { reviewerId: env.L.coordinator.id }))).toEqual(['reviewerId']);
    const put = await putTo(as.coordinator, own.id, { reviewerId: env.B.coordinator.id, note: 'please decide: our second coordinator post is vacant' });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.verification.review).toMatchObject({ reviewerId: env.B.coordinator.id, reviewerEmail: env.B.coordinator.email, reviewerOrganisation: 'Test organisation ORG-B', shareNarrative: false });
    expect(errorOf(await putTo(as.coordinator, own.id, { reviewerId: env.B.coordinator.id })).code).toBe('already_put');
    expect(await audit(own.id, 'incident.put_to_review')).toHaveLength(1);

    const inbox = await as.coordinatorB.get<ReviewList>('/api/reviews');
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((i) => i.reference)).toEqual([own.reference]);
    const reviewId = inbox.body.items[0]!.id;
    const read = await as.coordinatorB.get<ReviewRecord>(`/api/reviews/${reviewId}`);
    expect(read.status).toBe(200);
    expect(read.body.review).toMatchObject({ organisation: { code: 'ORG-A' }, note: 'please decide: our second coordinator post is vacant', shareNarrative: false });
    const seen = read.body.incident;
    expect(seen).toMatchObject({ reference: own.reference, narrative: '', survivors: [], identifyingWithheld: true, assignedTo: [], sources: expect.any(Array) as unknown });
    expect(seen.place).toMatchObject({ country: 'CAF', admin1: 'CF-BGF', locality: null, coordinates: null });
    expect(JSON.stringify(read.body)).not.toContain(NARRATIVE_MARKER);
    expect(JSON.stringify(read.body)).not.toContain(LOCALITY);
    // Audited in the record's organisation, with what was read.
    const [readEntry] = await audit(own.id, 'incident.review_read');
    expect(readEntry).toMatchObject({ actor_user_id: env.B.coordinator.id, details: { narrative: false, review: reviewId } });

    // The reviewer decides; the decision is the record's, marked as the partner reviewer's.
    const decided = await as.coordinatorB.post<ReviewRecord>(`/api/reviews/${reviewId}/decision`, { version: 1, ...decision });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const after = (await as.coordinator.get<IncidentDetail>(`/api/incidents/${own.id}`)).body;
    expect(after.verification).toMatchObject({ status: 'verified', route: 'partner_reviewer', decidedBy: env.B.coordinator.id, selfDecided: false, review: null, standard: 'reasonable_grounds_to_believe' });
    const history = (await as.coordinator.get<IncidentHistory>(`/api/incidents/${own.id}/history`)).body.items;
    expect(history.at(-1)).toMatchObject({ action: 'decide', changedBy: env.B.coordinator.id });
    // Access ends with the decision.
    expect((await as.coordinatorB.get(`/api/reviews/${reviewId}`)).status).toBe(404);
    expect((await as.coordinatorB.post(`/api/reviews/${reviewId}/decision`, { version: 2, ...decision })).status).toBe(404);
    expect((await as.coordinatorB.get<ReviewList>('/api/reviews')).body.items).toEqual([]);
  });

  it('gives the reviewer nothing else of the organisation: no other record, list, export or history', async () => {
    expect((await settings('partner_reviewer', [env.B.coordinator.email])).status).toBe(200);
    const put = await create(as.monitor, { sources: SOURCES });
    const other = await create(as.monitor, { sources: SOURCES });
    expect((await putTo(as.monitor, put.id, { reviewerId: env.B.coordinator.id, shareNarrative: true })).status).toBe(200);
    const reviewId = (await as.coordinatorB.get<ReviewList>('/api/reviews')).body.items[0]!.id;
    // The narrative is shared on request; locality, coordinates and individual victims never are.
    const read = (await as.coordinatorB.get<ReviewRecord>(`/api/reviews/${reviewId}`)).body;
    expect(read.incident.narrative).toContain(NARRATIVE_MARKER);
    expect(read.incident.place.locality).toBeNull();

    for (const id of [put.id, other.id]) {
      for (const path of [`/api/incidents/${id}`, `/api/incidents/${id}/history`, `/api/incidents/${id}/duplicates`]) {
        expect((await as.coordinatorB.get(path)).status, path).toBe(404);
      }
      expect((await as.coordinatorB.post(`/api/incidents/${id}/decision`, { version: 1, ...decision })).status).toBe(404);
      expect((await as.coordinatorB.post(`/api/incidents/${id}/review`, { reviewerId: env.B.coordinator.id })).status).toBe(404);
    }
    const listed = (await as.coordinatorB.get<IncidentList>('/api/incidents?pageSize=200')).body.items.map((i) => i.id);
    expect(listed).not.toContain(put.id);
    const exported = await as.coordinatorB.get<string>('/api/incidents/export?format=csv');
    expect(exported.status).toBe(200);
    expect(exported.body).not.toContain(put.reference);
    // Guessing review ids finds nothing, and is audited; a monitor of B has no reviewer's path at all.
    expect((await as.coordinatorB.get(`/api/reviews/${randomUUID()}`)).status).toBe(404);
    const signedInMonitorB = await signedIn(env.srv.base, env.B.monitor.email);
    expect((await signedInMonitorB.get(`/api/reviews/${reviewId}`)).status).toBe(403);
    // Another coordinator of ORG-A's choice (ORG-L) was not put this record.
    expect((await as.coordinatorL.get(`/api/reviews/${reviewId}`)).status).toBe(404);

    // A partner of ORG-A cannot put someone else's record; the recorder withdraws it and access ends.
    expect((await as.partner.request('DELETE', `/api/incidents/${put.id}/review`)).status).toBe(404);
    const withdrawn = await as.monitor.request<IncidentDetail>('DELETE', `/api/incidents/${put.id}/review`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.verification.review).toBeNull();
    expect((await as.coordinatorB.get(`/api/reviews/${reviewId}`)).status).toBe(404);
    expect(await audit(put.id, 'incident.review_withdrawn')).toHaveLength(1);
  });

  it('ends access when the reviewer is no longer designated, or the record is decided by the organisation itself', async () => {
    expect((await settings('partner_reviewer', [env.B.coordinator.email])).status).toBe(200);
    const a = await create(as.monitor, { sources: SOURCES });
    const b = await create(as.monitor, { sources: SOURCES });
    expect((await putTo(as.monitor, a.id, { reviewerId: env.B.coordinator.id })).status).toBe(200);
    expect((await putTo(as.coordinator, b.id, { reviewerId: env.B.coordinator.id })).status).toBe(200);
    const ids = (await as.coordinatorB.get<ReviewList>('/api/reviews')).body.items.map((i) => i.id);
    expect(ids).toHaveLength(2);
    // A coordinator of ORG-A decides b itself: the reviewer loses it.
    expect((await as.coordinator.post(`/api/incidents/${b.id}/decision`, { version: 1, status: 'not_verified', notVerifiedReason: 'contradictory_information' })).status).toBe(200);
    expect((await as.coordinatorB.get<ReviewList>('/api/reviews')).body.items.map((i) => i.reference)).toEqual([a.reference]);
    // Back to strict: every open review is withdrawn in the same change.
    const strict = await settings('same_organisation', []);
    expect(strict.status).toBe(200);
    for (const id of ids) expect((await as.coordinatorB.get(`/api/reviews/${id}`)).status).toBe(404);
    expect((await as.coordinator.get<IncidentDetail>(`/api/incidents/${a.id}`)).body.verification.review).toBeNull();
    expect(errorOf(await putTo(as.coordinator, a.id, { reviewerId: env.B.coordinator.id })).code).toBe('not_partner_mode');
    const { rows } = await env.db.pool.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_log WHERE action = 'organisation.settings_update' ORDER BY id DESC LIMIT 1");
    expect(rows[0]!.details).toMatchObject({ fourEyesMode: 'same_organisation', reviewsWithdrawn: 1 });
  });
});
