/** Imports: whoever records incidents may import; an import is its uploader's alone (see matrix-kit.ts). */
import { expect } from 'vitest';
import { describeMatrix, FORBIDDEN, HIDDEN, table, UNAUTH, type Matrix } from './matrix-kit.ts';

interface Fixture {
  /** An import uploaded by A's monitor. */
  importId: string;
}

const MATRIX: Matrix<Fixture> = {
  // Imports: whoever records incidents may import; an import is its uploader's alone.
  'GET /api/imports': {
    method: 'GET', path: () => '/api/imports',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': '200' }),
  },
  'POST /api/imports': {
    method: 'POST', path: () => '/api/imports?name=matrix.csv', body: () => 'date,form\n2025-01-02,rape\n', headers: { 'content-type': 'text/csv' },
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': '201', 'A:partner': '201', 'A:viewer': FORBIDDEN, 'B:coordinator': '201', 'B:monitor': '201' }),
  },
  'GET /api/imports/:id': {
    method: 'GET', path: (f) => `/api/imports/${f.importId}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'GET /api/imports/:id/values': {
    method: 'GET', path: (f) => `/api/imports/${f.importId}/values?column=form`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'GET /api/imports/:id/party-values': {
    method: 'GET', path: (f) => `/api/imports/${f.importId}/party-values?column=form`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'GET /api/imports/:id/rejected': {
    method: 'GET', path: (f) => `/api/imports/${f.importId}/rejected`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'GET /api/imports/:id/preview': {
    method: 'GET', path: (f) => `/api/imports/${f.importId}/preview`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'POST /api/imports/:id/encoding': {
    method: 'POST', path: (f) => `/api/imports/${f.importId}/encoding`, body: () => ({ encoding: 'utf-8' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'PUT /api/imports/:id/draft': {
    method: 'PUT', path: (f) => `/api/imports/${f.importId}/draft`, body: () => ({ mapping: { columns: { occurredFrom: 'date' } } }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': '204', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  // This server runs no job system: the uploader passes every check and is told the jobs are not running.
  'POST /api/imports/:id/run': {
    method: 'POST', path: (f) => `/api/imports/${f.importId}/run`, body: () => ({ mapping: { columns: { occurredFrom: 'date' } }, dryRun: true }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': '503 jobs_unavailable', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'GET /api/import-mappings': {
    method: 'GET', path: () => '/api/import-mappings',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': '200' }),
  },
  'POST /api/import-mappings': {
    method: 'POST', path: () => '/api/import-mappings', body: () => ({ name: 'Matrix mapping', mapping: { columns: { occurredFrom: 'date' } } }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': '200' }),
  },
};

describeMatrix('imports', MATRIX, async (world) => {
  const monitor = await world.as('A:monitor');
  const uploaded = await monitor.request<{ id: string }>('POST', '/api/imports?name=fixture.csv', 'date,form\n2025-01-02,rape\n', { 'content-type': 'text/csv' });
  expect(uploaded.status).toBe(201);
  return { importId: uploaded.body.id };
});
