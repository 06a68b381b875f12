/** Incidents: records, exports, decisions, duplicates, partner reviews and party names to resolve (see matrix-kit.ts). */
import { expect, it } from 'vitest';
import { Client, sampleIncident } from '../helpers/http.ts';
import { describeMatrix, FORBIDDEN, HIDDEN, partnerReviewSettings, table, UNAUTH, WHO, type Matrix } from './matrix-kit.ts';

interface Fixture {
  incidentId: string;
  version: () => Promise<number>;
  /** A fresh incident recorded by A's monitor, for probes that consume one (deletion). */
  disposable: () => string;
  /** A's partner reviewer (B's coordinator). */
  reviewerId: string;
  /** Fresh records of A's monitor put to the reviewer, for probes that withdraw one. */
  withReview: () => string;
  /** Reviews of A's records put to B's coordinator: one stays open (reads), one is decided by its probe. */
  reviewId: string;
  decidableReviewId: string;
}

const MATRIX: Matrix<Fixture> = {
  'GET /api/incidents': {
    method: 'GET', path: () => '/api/incidents',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': '200' }),
  },
  'GET /api/incidents/export': {
    method: 'GET', path: () => '/api/incidents/export',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  // The size of an export before it is made: whoever may export (it reveals counts, and is audited like a list).
  'GET /api/incidents/export/count': {
    method: 'GET', path: () => '/api/incidents/export/count?purpose=mara_working_group&rows=violation',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  'POST /api/incidents/export-package': {
    method: 'POST', path: () => '/api/incidents/export-package', body: () => ({ format: 'csv', passphrase: 'matrix passphrase words' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  'POST /api/incidents': {
    method: 'POST', path: () => '/api/incidents', body: () => sampleIncident(),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': '201', 'A:partner': '201', 'A:viewer': FORBIDDEN, 'B:coordinator': '201', 'B:monitor': '201' }),
  },
  // The incident was recorded by A's monitor: A's partner and organisation B do not learn it exists.
  'GET /api/incidents/:id': {
    method: 'GET', path: (f) => `/api/incidents/${f.incidentId}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'GET /api/incidents/:id/history': {
    method: 'GET', path: (f) => `/api/incidents/${f.incidentId}/history`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  // Deletion is for coordinators; each probe deletes its own fresh incident (see fixture.disposable).
  'DELETE /api/incidents/:id': {
    method: 'DELETE', path: (f) => `/api/incidents/${f.disposable()}`, body: () => ({ version: 1, reason: 'entered twice by mistake' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '204', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/incidents/:id/erase': {
    method: 'POST', path: (f) => `/api/incidents/${f.disposable()}/erase`, body: () => ({ version: 1, reason: 'consent withdrawn', remainingConsent: ['agency_only'] }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'GET /api/incidents/:id/duplicates': {
    method: 'GET', path: (f) => `/api/incidents/${f.incidentId}/duplicates`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'GET /api/incidents/:id/duplicate-decisions': {
    method: 'GET', path: (f) => `/api/incidents/${f.incidentId}/duplicate-decisions`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  // Marking the fixture distinct from a fresh record: coordinators only; others never reach the records.
  'POST /api/incidents/:id/duplicates': {
    method: 'POST', path: (f) => `/api/incidents/${f.incidentId}/duplicates`, body: (f) => ({ otherId: f.disposable(), decision: 'distinct' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  // An unknown decision id: the guard's answer for every role that may not link, 404 for those who may.
  'POST /api/duplicate-decisions/:id/undo': {
    method: 'POST', path: () => '/api/duplicate-decisions/00000000-0000-4000-8000-000000000000/undo',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  // The organisation-wide duplicate list and scans: coordinators only (full scope); no job system here.
  'GET /api/duplicates': {
    method: 'GET', path: () => '/api/duplicates',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  'GET /api/duplicates/scan': {
    method: 'GET', path: () => '/api/duplicates/scan',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  'POST /api/duplicates/scan': {
    method: 'POST', path: () => '/api/duplicates/scan',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '503 jobs_unavailable', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '503 jobs_unavailable', 'B:monitor': FORBIDDEN }),
  },
  // Deciding is a coordinator's act (four eyes: A's coordinator did not record these); B never sees them.
  'POST /api/incidents/:id/decision': {
    method: 'POST', path: (f) => `/api/incidents/${f.disposable()}/decision`, body: () => ({ version: 1, status: 'not_verified', notVerifiedReason: 'other' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  // Putting a record to the partner reviewer: its coordinators and its recorder (A's monitor recorded these).
  'POST /api/incidents/:id/review': {
    method: 'POST', path: (f) => `/api/incidents/${f.disposable()}/review`, body: (f) => ({ reviewerId: f.reviewerId }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'DELETE /api/incidents/:id/review': {
    method: 'DELETE', path: (f) => `/api/incidents/${f.withReview()}/review`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  // The reviewer's side, the only cross-organisation path: coordinators may attempt it, and only the
  // designated reviewer the record was put to (B's coordinator) reaches it; A's own coordinator does not.
  'GET /api/reviews': {
    method: 'GET', path: () => '/api/reviews',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  'GET /api/reviews/:id': {
    method: 'GET', path: (f) => `/api/reviews/${f.reviewId}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  'POST /api/reviews/:id/decision': {
    method: 'POST', path: (f) => `/api/reviews/${f.decidableReviewId}/decision`, body: () => ({ version: 1, status: 'not_verified', notVerifiedReason: 'other' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  // Party names nothing links yet: coordinators decide them, each for their own organisation's records.
  'GET /api/party-texts': {
    method: 'GET', path: () => '/api/party-texts',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  'POST /api/party-texts/resolve': {
    method: 'POST', path: () => '/api/party-texts/resolve', body: () => ({ text: 'Matrix armed men', choice: 'unidentified_armed_men' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  'PATCH /api/incidents/:id': {
    method: 'PATCH', path: (f) => `/api/incidents/${f.incidentId}`, body: async (f) => ({ version: await f.version(), perpetrators: [{ party: 'Unknown armed men' }] }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
};

describeMatrix('incidents', MATRIX, async (world) => {
  const { users, db } = world;
  const monitor = await world.as('A:monitor');
  const created = await monitor.post<{ id: string }>('/api/incidents', sampleIncident());
  expect(created.status).toBe(201);
  const spare: string[] = [];
  for (let i = 0; i < 5 * WHO.length; i++) spare.push((await monitor.post<{ id: string }>('/api/incidents', sampleIncident())).body.id);
  // A sends decisions to a partner reviewer: B's coordinator.
  const admin = await world.as('A:admin');
  expect((await admin.request('PUT', '/api/organisation/settings', partnerReviewSettings(world))).status).toBe(200);
  const putToReviewer = async () => {
    const id = (await monitor.post<{ id: string }>('/api/incidents', sampleIncident())).body.id;
    expect((await monitor.post(`/api/incidents/${id}/review`, { reviewerId: users['B:coordinator'].id })).status).toBe(200);
    return id;
  };
  const reviewed: string[] = [];
  for (let i = 0; i < WHO.length; i++) reviewed.push(await putToReviewer());
  await putToReviewer();
  await putToReviewer();
  const reviewer = await world.as('B:coordinator');
  const inbox = (await reviewer.get<{ items: { id: string }[] }>('/api/reviews')).body.items.map((r) => r.id);
  return {
    reviewerId: users['B:coordinator'].id,
    withReview: () => reviewed.pop()!,
    reviewId: inbox.at(-1)!,
    decidableReviewId: inbox.at(-2)!,
    incidentId: created.body.id,
    disposable: () => spare.pop()!,
    version: async () => (await db.pool.query<{ version: number }>('SELECT version FROM incidents WHERE id = $1', [created.body.id])).rows[0]!.version,
  };
}, ({ world, fixture }) => {
  it('applies the guard however the path is spelled (percent-encoded /api)', async () => {
    const anonymous = new Client(world().srv.base);
    for (const path of ['/%61pi/incidents', '/api/%69ncidents', `/%61pi/incidents/${fixture().incidentId}`]) {
      const r = await anonymous.get(path);
      expect(r.status, path).toBe(401);
      expect(r.headers.get('cache-control'), path).toBe('no-store');
    }
    const viewer = await world().as('A:viewer');
    expect((await viewer.get('/%61pi/incidents')).status).toBe(403);
  });
});
