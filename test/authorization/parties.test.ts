/** The parties registry (see matrix-kit.ts). */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Client } from '../helpers/http.ts';
import { describeMatrix, FORBIDDEN, HIDDEN, seedParties, table, UNAUTH, WHO, type Matrix } from './matrix-kit.ts';

/** A party of organisation A, a reference party, and fresh rows for probes that consume one (confirm, merge, undo, removals). */
interface Fixture {
  party: {
    id: string;
    referenceId: string;
    proposal: () => string;
    own: () => string;
    subject: () => string;
    merge: () => string;
    name: () => string;
    externalId: () => string;
    relation: () => string;
  };
}

const MATRIX: Matrix<Fixture> = {
  // Parties: reference data and the organisation's own, no survivor data. Everyone who records or reads
  // reads them and (recording roles) proposes; coordinators manage their organisation's and seed the
  // reference layer; B never reaches A's parties (404), administrators have no part in it.
  'GET /api/parties': {
    method: 'GET', path: () => '/api/parties?q=forces',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': '200', 'B:coordinator': '200', 'B:monitor': '200' }),
  },
  'GET /api/parties/suggest': {
    method: 'GET', path: () => '/api/parties/suggest?q=fardc',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': '200', 'B:coordinator': '200', 'B:monitor': '200' }),
  },
  'GET /api/parties/:id': {
    method: 'GET', path: (f) => `/api/parties/${f.party.id}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': '200', 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'POST /api/parties/proposals': {
    method: 'POST', path: () => '/api/parties/proposals', body: () => ({ name: `Matrix proposal ${randomUUID().slice(0, 8)}` }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': '201', 'A:partner': '201', 'A:viewer': FORBIDDEN, 'B:coordinator': '201', 'B:monitor': '201' }),
  },
  'POST /api/parties': {
    method: 'POST', path: () => '/api/parties', body: () => ({ name: `Matrix party ${randomUUID().slice(0, 8)}`, category: 'unknown' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '201', 'B:monitor': FORBIDDEN }),
  },
  'PATCH /api/parties/:id': {
    method: 'PATCH', path: (f) => `/api/parties/${f.party.id}`, body: () => ({ note: 'changed by the matrix' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/parties/:id/confirm': {
    method: 'POST', path: (f) => `/api/parties/${f.party.proposal()}/confirm`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/parties/:id/merge': {
    method: 'POST', path: (f) => `/api/parties/${f.party.own()}/merge`, body: (f) => ({ intoId: f.party.id }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/parties/merges/:id/undo': {
    method: 'POST', path: (f) => `/api/parties/merges/${f.party.merge()}/undo`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/parties/seed': {
    method: 'POST', path: () => '/api/parties/seed',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  // An organisation's own alias on a reference party is its coordinators' to add (B's coordinator adds B's).
  'POST /api/parties/:id/names': {
    method: 'POST', path: (f) => `/api/parties/${f.party.referenceId}/names`, body: () => ({ name: `Matrix alias ${randomUUID().slice(0, 8)}` }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '201', 'B:monitor': FORBIDDEN }),
  },
  'DELETE /api/parties/:id/names/:nameId': {
    method: 'DELETE', path: (f) => `/api/parties/${f.party.id}/names/${f.party.name()}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/parties/:id/external-ids': {
    method: 'POST', path: (f) => `/api/parties/${f.party.id}/external-ids`, body: () => ({ scheme: 'other', value: `matrix-${randomUUID().slice(0, 8)}` }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'DELETE /api/parties/:id/external-ids/:externalId': {
    method: 'DELETE', path: (f) => `/api/parties/${f.party.id}/external-ids/${f.party.externalId()}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/parties/:id/relations': {
    method: 'POST', path: (f) => `/api/parties/${f.party.subject()}/relations`, body: (f) => ({ kind: 'faction_of', otherPartyId: f.party.referenceId }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'DELETE /api/parties/:id/relations/:relationId': {
    method: 'DELETE', path: (f) => `/api/parties/${f.party.id}/relations/${f.party.relation()}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
};

/** A's party, the reference layer, and WHO.length fresh rows of each kind a probe consumes. */
async function partyFixture(coordinator: Client, monitor: Client): Promise<Fixture['party']> {
  const made = async (c: Client, path: string, body: unknown) => {
    const r = await c.post<{ id: string; names: { id: string; name: string }[]; externalIds: { id: string; value: string }[]; relations: { id: string }[] }>(path, body);
    expect(r.status, JSON.stringify(r.body)).toBe(path.endsWith('/merge') ? 200 : 201);
    return r.body;
  };
  const { id, referenceId } = await seedParties(coordinator);
  const pools = { proposal: [] as string[], own: [] as string[], subject: [] as string[], merge: [] as string[], name: [] as string[], externalId: [] as string[], relation: [] as string[] };
  for (let i = 0; i < WHO.length; i++) {
    pools.proposal.push((await made(monitor, '/api/parties/proposals', { name: `Matrix proposal of A ${i}` })).id);
    pools.own.push((await made(coordinator, '/api/parties', { name: `Matrix duplicate of A ${i}`, category: 'unknown' })).id);
    pools.subject.push((await made(coordinator, '/api/parties', { name: `Matrix faction of A ${i}`, category: 'unknown' })).id);
    const merged = (await made(coordinator, '/api/parties', { name: `Matrix merged of A ${i}`, category: 'unknown' })).id;
    pools.merge.push((await made(coordinator, `/api/parties/${merged}/merge`, { intoId: id })).id);
    pools.name.push((await made(coordinator, `/api/parties/${id}/names`, { name: `Matrix alias of A ${i}` })).names.find((n) => n.name === `Matrix alias of A ${i}`)!.id);
    pools.externalId.push((await made(coordinator, `/api/parties/${id}/external-ids`, { scheme: 'other', value: `matrix-${i}` })).externalIds.find((x) => x.value === `matrix-${i}`)!.id);
    pools.relation.push((await made(coordinator, `/api/parties/${id}/relations`, { kind: 'affiliation', otherPartyId: pools.subject[i] })).relations.at(-1)!.id);
  }
  return {
    id, referenceId,
    proposal: () => pools.proposal.pop()!, own: () => pools.own.pop()!, subject: () => pools.subject.pop()!, merge: () => pools.merge.pop()!,
    name: () => pools.name.pop()!, externalId: () => pools.externalId.pop()!, relation: () => pools.relation.pop()!,
  };
}

describeMatrix('parties', MATRIX, async (world) => ({ party: await partyFixture(await world.as('A:coordinator'), await world.as('A:monitor')) }));
