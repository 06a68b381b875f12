/**
 * Reports (see matrix-kit.ts): coordinators make, write, generate, move and comment; viewers (headquarters) read
 * approved and submitted versions only, with their documents; monitors, partners and administrators reach
 * nothing here; B never reaches A's reports (404). Generating needs the job system (503 without it).
 */
import { expect } from 'vitest';
import { ensureBuiltInAreas } from '../../src/places/places.ts';
import { runGeneration } from '../../src/reports/generate.ts';
import { seedTemplates } from '../../src/reports/templates.ts';
import type { Generation, Report } from '../../src/shared/reports.ts';
import { describeMatrix, FORBIDDEN, HIDDEN, table, UNAUTH, type Matrix } from './matrix-kit.ts';

interface Fixture { reportId: string }

const coordinators = (ok: string, b = HIDDEN) => table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': ok, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': b, 'B:monitor': FORBIDDEN });
const readers = (ok: string, b = HIDDEN) => table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': ok, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': ok, 'B:coordinator': b, 'B:monitor': FORBIDDEN });
const TEMPLATE = { title: { en: 'Matrix template', fr: '', ar: '' }, sections: [{ key: 'summary', kind: 'narrative', block: null, title: { en: 'Summary', fr: '', ar: '' }, guidance: { en: '', fr: '', ar: '' } }] };

const MATRIX: Matrix<Fixture> = {
  'GET /api/reports': { method: 'GET', path: () => '/api/reports', expect: readers('200', '200') },
  'POST /api/reports': { method: 'POST', path: () => '/api/reports', body: () => ({ kind: 'quarterly', period: '2025-Q1' }), expect: coordinators('201', '201') },
  'GET /api/reports/templates': { method: 'GET', path: () => '/api/reports/templates', expect: coordinators('200', '200') },
  'GET /api/reports/templates/:kind/versions': { method: 'GET', path: () => '/api/reports/templates/annual/versions', expect: coordinators('200', '200') },
  'PUT /api/reports/templates/:kind': { method: 'PUT', path: () => '/api/reports/templates/listing', body: () => TEMPLATE, expect: coordinators('200', '200') },
  'GET /api/reports/:id': { method: 'GET', path: (f) => `/api/reports/${f.reportId}`, expect: readers('200') },
  'PATCH /api/reports/:id': { method: 'PATCH', path: (f) => `/api/reports/${f.reportId}`, body: () => ({ title: 'Renamed by the matrix' }), expect: coordinators('200') },
  'PUT /api/reports/:id/narratives/:key': { method: 'PUT', path: (f) => `/api/reports/${f.reportId}/narratives/overview`, body: () => ({ text: 'Matrix words' }), expect: coordinators('200') },
  // Without the job system nothing is generated: refused before any report is looked up.
  'POST /api/reports/:id/versions': { method: 'POST', path: (f) => `/api/reports/${f.reportId}/versions`, expect: coordinators('503 jobs_unavailable', '503 jobs_unavailable') },
  // Version 1 is approved: A's coordinator submits it (once: the matrix asks each caller once).
  'POST /api/reports/:id/versions/:version/events': {
    method: 'POST', path: (f) => `/api/reports/${f.reportId}/versions/1/events`, body: () => ({ action: 'submit' }), expect: coordinators('200'),
  },
  'GET /api/reports/:id/versions/:version/comments': { method: 'GET', path: (f) => `/api/reports/${f.reportId}/versions/1/comments`, expect: coordinators('200') },
  'POST /api/reports/:id/versions/:version/comments': {
    method: 'POST', path: (f) => `/api/reports/${f.reportId}/versions/1/comments`, body: () => ({ section: null, text: 'Matrix comment' }), expect: coordinators('201'),
  },
  'GET /api/reports/:id/versions/:version/document': { method: 'GET', path: (f) => `/api/reports/${f.reportId}/versions/1/document?lang=ar`, expect: readers('200') },
  'GET /api/reports/:id/versions/:version/file': { method: 'GET', path: (f) => `/api/reports/${f.reportId}/versions/1/file?format=pdf&lang=fr`, expect: readers('200') },
  'GET /api/reports/:id/versions/:version/changes': { method: 'GET', path: (f) => `/api/reports/${f.reportId}/versions/1/changes`, expect: coordinators('200') },
};

describeMatrix('reports', MATRIX, async (world) => {
  await ensureBuiltInAreas(world.ctx.db);
  await seedTemplates(world.ctx.db);
  const a = await world.as('A:coordinator');
  const created = await a.post<Report>('/api/reports', { kind: 'quarterly', period: '2025-Q1' });
  expect(created.status).toBe(201);
  // The job's own work, run here: the matrix's server has no job system (the route answers 503).
  world.ctx.jobs = { send: async () => null };
  const started = await a.post<Generation>(`/api/reports/${created.body.id}/versions`, {});
  world.ctx.jobs = undefined;
  expect(started.status).toBe(202);
  await runGeneration(world.ctx, started.body.id);
  for (const action of ['send_to_review', 'approve']) expect((await a.post(`/api/reports/${created.body.id}/versions/1/events`, { action })).status).toBe(200);
  return { reportId: created.body.id };
});
