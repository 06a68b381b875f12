/**
 * Commitments and compliance: commitments, measures, evidence and files, and beside the registry's routes a
 * party's listing, assessment and incident counts (see matrix-kit.ts).
 */
import { expect } from 'vitest';
import type { TestDatabase } from '../helpers/db.ts';
import type { Client } from '../helpers/http.ts';
import { describeMatrix, FORBIDDEN, HIDDEN, seedParties, table, UNAUTH, WHO, type Matrix } from './matrix-kit.ts';

interface Fixture {
  /** A party of organisation A and a reference party. */
  party: { id: string; referenceId: string };
  /** A's commitment (bound to A's party) with a measure and an attached file, and fresh rows for probes that consume one. */
  commitments: Commitments;
}
interface Commitments {
  id: string;
  measureId: string;
  fileId: string;
  listingId: string;
  disposable: () => string;
  measure: () => string;
  evidence: () => string;
  listing: () => string;
  /** A free report year for a new listing entry. */
  year: () => number;
  /** The current version of the assessment of A's party (a save names it). */
  assessmentHead: () => Promise<string | null>;
}

const MATRIX: Matrix<Fixture> = {
  // Commitments and compliance: about parties, never survivors. Every member of the organisation reads
  // commitments, listings and assessments; coordinators record them; counts made from records go to those
  // who read records (viewers and administrators never); B never reaches A's (404).
  'GET /api/commitments': {
    method: 'GET', path: () => '/api/commitments',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': '200', 'B:coordinator': '200', 'B:monitor': '200' }),
  },
  'POST /api/commitments': {
    method: 'POST', path: () => '/api/commitments',
    body: (f) => ({ kind: 'joint_communique', title: 'Matrix communiqué', signedOn: '2024-03-20', partyIds: [f.party.referenceId], measures: [{ kind: 'training', description: 'Matrix measure' }] }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '201', 'B:monitor': FORBIDDEN }),
  },
  'GET /api/commitments/:id': {
    method: 'GET', path: (f) => `/api/commitments/${f.commitments.id}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': '200', 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'PATCH /api/commitments/:id': {
    method: 'PATCH', path: (f) => `/api/commitments/${f.commitments.id}`, body: () => ({ title: 'Matrix communiqué (changed)' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'DELETE /api/commitments/:id': {
    method: 'DELETE', path: (f) => `/api/commitments/${f.commitments.disposable()}`, body: () => ({ reason: 'Removed by the matrix' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '204', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/commitments/:id/measures': {
    method: 'POST', path: (f) => `/api/commitments/${f.commitments.id}/measures`, body: () => ({ kind: 'other', description: 'Matrix measure' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'PATCH /api/commitments/measures/:measureId': {
    method: 'PATCH', path: (f) => `/api/commitments/measures/${f.commitments.measureId}`, body: () => ({ progress: 'in_progress' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'DELETE /api/commitments/measures/:measureId': {
    method: 'DELETE', path: (f) => `/api/commitments/measures/${f.commitments.measure()}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/commitments/measures/:measureId/evidence': {
    method: 'POST', path: (f) => `/api/commitments/measures/${f.commitments.measureId}/evidence`, body: () => ({ date: '2024-05-01', text: 'Matrix evidence' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/commitments/evidence/:evidenceId/withdraw': {
    method: 'POST', path: (f) => `/api/commitments/evidence/${f.commitments.evidence()}/withdraw`, body: () => ({ reason: 'Withdrawn by the matrix' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/commitments/files': {
    method: 'POST', path: () => '/api/commitments/files?name=matrix.txt', headers: { 'content-type': 'text/plain' }, body: () => 'matrix file',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '201', 'B:monitor': FORBIDDEN }),
  },
  'GET /api/commitments/files/:fileId': {
    method: 'GET', path: (f) => `/api/commitments/files/${f.commitments.fileId}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': '200', 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'GET /api/parties/:id/listing': {
    method: 'GET', path: (f) => `/api/parties/${f.party.id}/listing`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': '200', 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'POST /api/parties/:id/listing': {
    method: 'POST', path: (f) => `/api/parties/${f.party.id}/listing`, body: (f) => ({ reportYear: f.commitments.year(), listing: 'continued', reportSymbol: 'S/2024/292' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'PATCH /api/parties/:id/listing/:entryId': {
    method: 'PATCH', path: (f) => `/api/parties/${f.party.id}/listing/${f.commitments.listingId}`, body: () => ({ paragraph: 'para. 1' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'DELETE /api/parties/:id/listing/:entryId': {
    method: 'DELETE', path: (f) => `/api/parties/${f.party.id}/listing/${f.commitments.listing()}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'GET /api/parties/:id/assessment': {
    method: 'GET', path: (f) => `/api/parties/${f.party.id}/assessment`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': '200', 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'POST /api/parties/:id/assessment': {
    method: 'POST', path: (f) => `/api/parties/${f.party.id}/assessment`, body: async (f) => ({ text: 'Matrix assessment', previousId: await f.commitments.assessmentHead() }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'GET /api/parties/:id/incident-counts': {
    method: 'GET', path: (f) => `/api/parties/${f.party.id}/incident-counts?verified=true`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
};

/** A's commitment bound to A's party, with a measure, an attached file, listing entries, and WHO.length fresh rows of each kind a probe consumes. */
async function commitmentFixture(coordinator: Client, partyId: string, db: TestDatabase): Promise<Commitments> {
  const made = async <T = { id: string; measures: { id: string; evidence: { id: string }[] }[] }>(path: string, body: unknown) => {
    const r = await coordinator.post<T>(path, body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const file = await coordinator.request<{ id: string }>('POST', '/api/commitments/files?name=matrix-text.txt', 'the text', { 'content-type': 'text/plain' });
  const measure = { kind: 'training', description: 'Matrix measure', deadline: '2024-06-30' };
  const commitment = await made('/api/commitments', { kind: 'action_plan', title: 'Matrix plan', signedOn: '2024-01-15', partyIds: [partyId], fileId: file.body.id, measures: [measure] });
  const pools = { disposable: [] as string[], measure: [] as string[], evidence: [] as string[], listing: [] as string[] };
  let year = 2000;
  const listingOf = async () => (await made<{ items: { id: string; reportYear: number }[] }>(`/api/parties/${partyId}/listing`, { reportYear: ++year, listing: 'listed', reportSymbol: `S/${year}/1` })).items.find((e) => e.reportYear === year)!.id;
  const listingId = await listingOf();
  for (let i = 0; i < WHO.length; i++) {
    pools.disposable.push((await made('/api/commitments', { kind: 'command_order', title: `Matrix order ${i}`, signedOn: '2024-02-01', partyIds: [partyId] })).id);
    pools.measure.push((await made(`/api/commitments/${commitment.id}/measures`, measure)).measures.at(-1)!.id);
    pools.evidence.push((await made(`/api/commitments/measures/${commitment.measures[0]!.id}/evidence`, { date: '2024-03-01', text: `Matrix evidence ${i}` })).measures[0]!.evidence.at(-1)!.id);
    pools.listing.push(await listingOf());
  }
  return {
    id: commitment.id, measureId: commitment.measures[0]!.id, fileId: file.body.id, listingId,
    disposable: () => pools.disposable.pop()!, measure: () => pools.measure.pop()!, evidence: () => pools.evidence.pop()!, listing: () => pools.listing.pop()!,
    year: () => ++year,
    assessmentHead: async () => (await db.pool.query<{ id: string }>('SELECT id FROM party_assessments WHERE party_id = $1 ORDER BY written_at DESC, id DESC LIMIT 1', [partyId])).rows[0]?.id ?? null,
  };
}

describeMatrix('commitments', MATRIX, async (world) => {
  const party = await seedParties(await world.as('A:coordinator'));
  return { party, commitments: await commitmentFixture(await world.as('A:coordinator'), party.id, world.db) };
});
