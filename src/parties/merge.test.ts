/**
 * Merging duplicates and undoing it: everything of the duplicate moves to the other party in one audited
 * transaction; the undo restores exactly the rows as they were (compared whole, in the database), and is
 * refused whole when something moved was changed since. Rows of another capability follow through a
 * registered merge step (here a table standing for the incidents' perpetrator links of the next part).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testServers } from '../../test/helpers/db.ts';
import type { PartyDetail, PartyMerge, PartySuggestions } from '../shared/parties.ts';
import { errorOf, incidentTestEnv } from '../incidents/incident-test-kit.ts';
import { registerMergeStep } from './merge-steps.ts';

/** A capability's rows that name parties: re-pointed by its own step, put back on undo. */
registerMergeStep({
  kind: 'test_party_link',
  async move({ tx, organisationId, fromId, intoId }) {
    const r = await tx.execute<{ id: string }>(sql`UPDATE test_party_links SET party_id = ${intoId} WHERE party_id = ${fromId} AND organisation_id = ${organisationId} RETURNING id::text`);
    return r.rows.map((x) => ({ rowId: x.id }));
  },
  async undo({ tx, fromId, intoId }, rows) {
    const r = await tx.execute(sql`UPDATE test_party_links SET party_id = ${fromId} WHERE party_id = ${intoId} AND id::text = ANY(${sql.param(rows.map((x) => x.rowId))}::text[])`);
    return r.rowCount ?? 0;
  },
});

describe.each(testServers())('merging parties on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as } = env;
  beforeAll(async () => { expect((await as.coordinator.post('/api/parties/seed')).status).toBe(200); });
  const create = async (body: Record<string, unknown>) => {
    const r = await as.coordinator.post<PartyDetail>('/api/parties', body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  /** Every row about the two parties, as the database holds it (merge records aside). */
  const state = async (ids: string[]) => (await env.db.pool.query<{ t: string }>(`SELECT json_build_object(
      'parties', (SELECT json_agg(p ORDER BY p.id) FROM parties p WHERE p.id = ANY($1::uuid[]) OR p.parent_id = ANY($1::uuid[])),
      'names', (SELECT json_agg(n ORDER BY n.id) FROM party_names n WHERE n.party_id = ANY($1::uuid[])),
      'ids', (SELECT json_agg(x ORDER BY x.id) FROM party_external_ids x WHERE x.party_id = ANY($1::uuid[])),
      'relations', (SELECT json_agg(r ORDER BY r.id) FROM party_relations r WHERE r.from_party_id = ANY($1::uuid[]) OR r.to_party_id = ANY($1::uuid[])),
      'links', (SELECT json_agg(l ORDER BY l.id) FROM test_party_links l))::text AS t`, [ids])).rows[0]!.t;

  it('moves names, ids, relations, children and linked rows, and the undo restores exactly what was', async () => {
    await env.db.pool.query('CREATE TABLE test_party_links (id serial PRIMARY KEY, organisation_id uuid NOT NULL, party_id uuid NOT NULL)');
    const a = await create({ name: 'Kotto river militia (TEST)', shortName: 'KRM', category: 'non_state_armed_group', countries: ['CAF'], names: [{ name: 'Milice de la Kotto (TEST)', language: 'fr', kind: 'canonical' }], externalIds: [{ scheme: 'other', value: 'KRM-1' }] });
    const b = await create({ name: 'Kotto self-defence group (TEST)', category: 'non_state_armed_group', countries: ['CAF'] });
    const other = await create({ name: 'Ouaka coalition (TEST)', category: 'non_state_armed_group', countries: ['CAF'] });
    const child = await create({ name: 'Kotto river militia, north wing (TEST)', category: 'non_state_armed_group', countries: ['CAF'], parentId: a.id });
    await as.coordinator.post(`/api/parties/${a.id}/relations`, { kind: 'affiliation', otherPartyId: other.id });
    await as.coordinator.post(`/api/parties/${other.id}/relations`, { kind: 'split_from', otherPartyId: a.id, validFrom: '2020-03' });
    await as.coordinator.post(`/api/parties/${a.id}/relations`, { kind: 'faction_of', otherPartyId: b.id });
    await env.db.pool.query('INSERT INTO test_party_links (organisation_id, party_id) VALUES ($1, $2), ($1, $2), ($3, $4)', [env.A.coordinator.organisationId, a.id, env.A.coordinator.organisationId, b.id]);
    const before = await state([a.id, b.id, other.id]);

    const merged = await as.coordinator.post<PartyMerge>(`/api/parties/${a.id}/merge`, { intoId: b.id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).toMatchObject({ from: { id: a.id }, into: { id: b.id }, undoneAt: null });
    expect(merged.body.moved).toEqual({ party_name: 3, party_external_id: 1, party_relation_from: 1, party_relation_to: 1, party_child: 1, test_party_link: 2 });
    const into = (await as.coordinator.get<PartyDetail>(`/api/parties/${b.id}`)).body;
    expect(into.names.map((n) => `${n.kind}:${n.name}`).sort()).toEqual(['alias:KRM', 'alias:Kotto river militia (TEST)', 'alias:Milice de la Kotto (TEST)', 'canonical:Kotto self-defence group (TEST)']);
    expect(into.children.map((c) => c.id)).toEqual([child.id]);
    expect(into.externalIds.map((x) => x.value)).toEqual(['KRM-1']);
    expect(into.merges.map((m) => [m.id, m.from.id, m.into.id])).toEqual([[merged.body.id, a.id, b.id]]);
    const gone = (await as.coordinator.get<PartyDetail>(`/api/parties/${a.id}`)).body;
    expect(gone).toMatchObject({ mergedInto: b.id, names: [] });
    // The relation between the two stays with the merged party; its names now find the other one.
    expect(gone.relations.map((r) => r.kind)).toEqual(['faction_of']);
    const found = (await as.monitor.get<PartySuggestions>('/api/parties/suggest?q=kotto%20river')).body.items.map((s) => s.id);
    expect(found).toEqual([b.id, child.id]);
    expect((await env.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM test_party_links WHERE party_id = $1', [b.id])).rows[0]!.n).toBe(3);
    expect(errorOf(await as.coordinator.post(`/api/parties/${b.id}/relations`, { kind: 'affiliation', otherPartyId: a.id })).code).toBe('party_merged');

    const undone = await as.coordinator.post<PartyMerge>(`/api/parties/merges/${merged.body.id}/undo`);
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(undone.body.undoneAt).not.toBeNull();
    expect(await state([a.id, b.id, other.id])).toBe(before);
    expect(errorOf(await as.coordinator.post(`/api/parties/merges/${merged.body.id}/undo`)).code).toBe('merge_undone');
    expect((await env.audit(a.id, 'party.merge')).map((e) => e.details)).toEqual([expect.objectContaining({ into: b.id, moved: merged.body.moved })]);
    expect(await env.audit(a.id, 'party.merge_undo')).toHaveLength(1);
  });

  it('refuses an undo whole when something moved was changed since, and merges only its own parties', async () => {
    const a = await create({ name: 'Bria armed men (TEST)', category: 'unknown', countries: ['CAF'], names: [{ name: 'Hommes armés de Bria (TEST)', language: 'fr' }] });
    const b = await create({ name: 'Bria militia (TEST)', category: 'pro_government_militia', countries: ['CAF'] });
    const merge = (await as.coordinator.post<PartyMerge>(`/api/parties/${a.id}/merge`, { intoId: b.id })).body;
    const moved = (await as.coordinator.get<PartyDetail>(`/api/parties/${b.id}`)).body.names.find((n) => n.name === 'Hommes armés de Bria (TEST)')!;
    await as.coordinator.request('DELETE', `/api/parties/${b.id}/names/${moved.id}`);
    const before = await state([a.id, b.id]);
    const refused = await as.coordinator.post(`/api/parties/merges/${merge.id}/undo`);
    expect(refused.status).toBe(409);
    expect(errorOf(refused).issues).toEqual([expect.objectContaining({ code: 'merge_changed' })]);
    expect(await state([a.id, b.id])).toBe(before);
    // Only the organisation's own parties are merged away; into a party it can see; never into itself.
    const { items: [fardc] } = (await as.coordinator.get<PartySuggestions>('/api/parties/suggest?q=FARDC')).body;
    const own = await create({ name: 'FARDC 3rd brigade, duplicate (TEST)', category: 'state_forces', countries: ['COD'] });
    expect(errorOf(await as.coordinator.post(`/api/parties/${fardc!.id}/merge`, { intoId: own.id })).code).toBe('party_reference');
    expect(errorOf(await as.coordinator.post(`/api/parties/${own.id}/merge`, { intoId: own.id })).issues).toEqual([expect.objectContaining({ field: 'intoId', code: 'same_party' })]);
    const foreign = (await as.coordinatorB.post<PartyDetail>('/api/parties', { name: 'Organisation B party (TEST)', category: 'unknown' })).body;
    expect(errorOf(await as.coordinator.post(`/api/parties/${own.id}/merge`, { intoId: foreign.id })).issues).toEqual([expect.objectContaining({ field: 'intoId', code: 'party_unknown' })]);
    expect((await as.coordinatorB.post(`/api/parties/merges/${merge.id}/undo`)).status).toBe(404);
    expect((await as.monitor.post(`/api/parties/${own.id}/merge`, { intoId: fardc!.id })).status).toBe(403);
    const intoReference = await as.coordinator.post<PartyMerge>(`/api/parties/${own.id}/merge`, { intoId: fardc!.id });
    expect(intoReference.body.into).toMatchObject({ id: fardc!.id, scope: 'reference' });
  });
});
