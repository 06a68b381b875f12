/**
 * Reference datasets: public-source figures everyone who reads parties reads; versions loaded and actors
 * matched by coordinators (see matrix-kit.ts). Administrators neither read nor load them.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { CLI_ACTOR } from '../../src/identity/users.ts';
import { loadBundled } from '../../src/reference/load.ts';
import { describeMatrix, FORBIDDEN, HIDDEN, seedParties, table, UNAUTH, type Matrix } from './matrix-kit.ts';

interface Fixture { party: { id: string; referenceId: string }; actorKey: string; versionOfA: string }

const readers = (ok: string, b = ok) => table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': ok, 'A:monitor': ok, 'A:partner': ok, 'A:viewer': ok, 'B:coordinator': b, 'B:monitor': b });
const coordinators = (ok: string, b = ok) => table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': ok, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': b, 'B:monitor': FORBIDDEN });
/** A small valid SVAC file, different for every probe (each load is a new version). */
const svacFile = () => `year,conflictid,actor,actorid,actor_type,location,gwnoloc,gwnoloc2,conflictyear,interm,postc,state_prev,ai_prev,hrw_prev,child_prev,form\n${2000 + Math.floor(Math.random() * 20)},205,Matrix actor ${randomUUID().slice(0, 8)},,3,Iran,630,0,1,0,0,1,0,-99,0,1\n`;

const MATRIX: Matrix<Fixture> = {
  'GET /api/reference/datasets': { method: 'GET', path: () => '/api/reference/datasets', expect: readers('200') },
  'POST /api/reference/datasets/:dataset/versions': {
    method: 'POST', path: () => '/api/reference/datasets/svac/versions?label=matrix', headers: { 'content-type': 'text/csv' }, body: svacFile,
    expect: coordinators('201'),
  },
  // A's own upload: A's coordinator may choose it; for B it does not exist (an organisation sees only the operator's versions and its own).
  'POST /api/reference/datasets/:dataset/current': {
    method: 'POST', path: () => '/api/reference/datasets/svac/current', body: (f) => ({ versionId: f.versionOfA }),
    expect: coordinators('200', HIDDEN),
  },
  'GET /api/reference/overview': { method: 'GET', path: (f) => `/api/reference/overview?country=COD&party=${f.party.referenceId}`, expect: readers('200') },
  // The organisation's own decisions: each organisation decides for itself (B decides its own, never A's).
  'GET /api/reference/matching': { method: 'GET', path: () => '/api/reference/matching', expect: coordinators('200') },
  'POST /api/reference/matching/decisions': {
    method: 'POST', path: () => '/api/reference/matching/decisions', body: (f) => ({ key: f.actorKey, choice: 'not_in_registry' }),
    expect: coordinators('200'),
  },
  'POST /api/reference/matching/undo': {
    method: 'POST', path: () => '/api/reference/matching/undo', body: (f) => ({ key: f.actorKey }),
    // Each coordinator's probe follows its own decision above; an undone decision is gone (404 the second time).
    expect: coordinators('200'),
  },
  // A party's figures: a reference party for every reader; A's own party is hidden from B.
  'GET /api/parties/:id/reference-prevalence': { method: 'GET', path: (f) => `/api/parties/${f.party.id}/reference-prevalence`, expect: readers('200', HIDDEN) },
};

describeMatrix('reference', MATRIX, async (world) => {
  const party = await seedParties(await world.as('A:coordinator'));
  for (const d of ['svac', 'rsvac'] as const) expect((await loadBundled(world.ctx.db, CLI_ACTOR, d)).ok).toBe(true);
  const upload = await (await world.as('A:coordinator')).request('POST', '/api/reference/datasets/svac/versions?label=A', svacFile(), { 'content-type': 'text/csv' });
  expect(upload.status).toBe(201);
  // An actor of RSVAC: the probes load SVAC versions, which become current for the prober's organisation and leave SVAC's actors behind.
  const { rows } = await world.db.pool.query<{ key: string }>(`SELECT r.actor_key AS key FROM reference_rows r
    JOIN reference_dataset_versions v ON v.id = r.version_id WHERE v.dataset = 'rsvac' ORDER BY r.row_number LIMIT 1`);
  return { party, actorKey: rows[0]!.key, versionOfA: (upload.body as { version: { id: string } }).version.id };
});
