/** Administrative areas: reference data every member reads, lists coordinators load (see matrix-kit.ts). */
import { randomUUID } from 'node:crypto';
import { all, describeMatrix, FORBIDDEN, table, UNAUTH, type Matrix } from './matrix-kit.ts';

const MATRIX: Matrix<undefined> = {
  // Reference data, no survivor information: every signed-in role.
  'GET /api/places': { method: 'GET', path: () => '/api/places?country=CAF', expect: all('200', UNAUTH) },
  'GET /api/places/countries': { method: 'GET', path: () => '/api/places/countries', expect: all('200', UNAUTH) },
  // Loading area lists (shared reference data) is for coordinators; each probe adds an area of its own.
  'POST /api/places/import': {
    method: 'POST', path: () => '/api/places/import', headers: { 'content-type': 'text/csv' },
    body: () => `country,level,pcode,name\nTCD,1,TD-MX-${randomUUID().slice(0, 8)},Matrix region\n`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
};

describeMatrix('places', MATRIX, async () => undefined);
