/** An organisation's own list values (see matrix-kit.ts). */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { all, describeMatrix, FORBIDDEN, HIDDEN, table, UNAUTH, type Matrix } from './matrix-kit.ts';

interface Fixture {
  /** A lookup value of organisation A. */
  lookupId: string;
}

const MATRIX: Matrix<Fixture> = {
  // Lookups: labels every member needs to read; coordinators manage them (B's coordinator cannot see A's).
  'GET /api/lookups': { method: 'GET', path: () => '/api/lookups', expect: all('200', UNAUTH) },
  'POST /api/lookups': {
    method: 'POST', path: () => '/api/lookups', body: () => ({ list: 'setting', labels: { en: `Matrix site ${randomUUID().slice(0, 8)}` } }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '201', 'B:monitor': FORBIDDEN }),
  },
  'PATCH /api/lookups/:id': {
    method: 'PATCH', path: (f) => `/api/lookups/${f.lookupId}`, body: () => ({ active: true }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
};

describeMatrix('lookups', MATRIX, async (world) => {
  const coordinator = await world.as('A:coordinator');
  const lookup = await coordinator.post<{ id: string }>('/api/lookups', { list: 'service', labels: { en: 'Matrix shelter' } });
  expect(lookup.status).toBe(201);
  return { lookupId: lookup.body.id };
});
