/** The entry form's drafts: their owner's alone (see matrix-kit.ts). */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { describeMatrix, FORBIDDEN, HIDDEN, table, UNAUTH, WHO, type Matrix } from './matrix-kit.ts';

interface Fixture {
  /** A draft of A's monitor, and fresh ones for probes that discard one. */
  draftId: string;
  disposableDraft: () => string;
}

const MATRIX: Matrix<Fixture> = {
  // Drafts are their owner's alone: others who keep drafts are told it does not exist.
  'GET /api/drafts': {
    method: 'GET', path: () => '/api/drafts',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': '200' }),
  },
  'GET /api/drafts/:id': {
    method: 'GET', path: (f) => `/api/drafts/${f.draftId}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  // Overwriting someone else's draft is refused as if it did not exist (A's monitor saves over their own).
  'PUT /api/drafts/:id': {
    method: 'PUT', path: (f) => `/api/drafts/${f.draftId}`, body: () => ({ step: 1, data: { note: 'draft (TEST)' } }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'DELETE /api/drafts/:id': {
    method: 'DELETE', path: (f) => `/api/drafts/${f.disposableDraft()}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': '204', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
};

describeMatrix('drafts', MATRIX, async (world) => {
  const monitor = await world.as('A:monitor');
  const draft = async () => {
    const id = randomUUID();
    expect((await monitor.request('PUT', `/api/drafts/${id}`, { step: 0, data: { note: 'draft (TEST)' } })).status).toBe(200);
    return id;
  };
  const draftId = await draft();
  const spareDrafts: string[] = [];
  for (let i = 0; i < WHO.length; i++) spareDrafts.push(await draft());
  return { draftId, disposableDraft: () => spareDrafts.pop()! };
});
