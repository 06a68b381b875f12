/**
 * Records linked to the parties registry: a party chosen in the form, a name linked by the registry's names
 * and aliases (folded), names nothing links listed with scored proposals and decided by a coordinator (the
 * decision learnt, every record naming it linked, the next one linking itself), records from before the
 * registry linked at start with their versions' text kept, and merges re-pointing records and undone.
 */
import { describe, expect, it } from 'vitest';
import { testServers } from '../../../test/helpers/db.ts';
import { sampleIncident } from '../../../test/helpers/http.ts';
import type { IncidentDetail } from '../../shared/incident.ts';
import type { PartyDetail, PartyMerge } from '../../shared/parties.ts';
import type { PartyTextList, PartyTextResolved } from '../../shared/party-links.ts';
import { errorOf, incidentTestEnv } from '../incident-test-kit.ts';
import { relinkAll } from './relink.ts';

const perpetrator = (p: Record<string, unknown>) => ({ perpetrators: [{ category: 'non_state_armed_group', ...p }] });

describe.each(testServers())('incidents linked to parties on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as } = env;
  const party = async (body: Record<string, unknown>) => {
    const r = await as.coordinator.post<PartyDetail>('/api/parties', { category: 'non_state_armed_group', countries: ['CAF'], ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const stored = async (id: string) => (await env.rawRow(id)) as unknown as { perpetrators: { party: string | null; partyId: string | null; partyChoice: string | null }[]; party_ids: string[] };

  it('keeps a party chosen in the form with its name, and links a name the registry knows in any spelling', async () => {
    const p = await party({ name: 'Ndele self-defence group (TEST)', names: [{ name: 'Groupe d\'autodéfense de Ndélé (TEST)', language: 'fr' }, { name: 'NSDG', language: null }] });
    const chosen = await env.create(as.monitor, perpetrator({ partyId: p.id }));
    expect(chosen.perpetrators[0]).toMatchObject({ partyId: p.id, party: 'Ndele self-defence group (TEST)', partyChoice: null });
    expect((await stored(chosen.id)).party_ids).toEqual([p.id]);
    const written = await env.create(as.monitor, perpetrator({ party: 'groupe d autodefense de ndele (test)' }));
    expect(written.perpetrators[0]).toMatchObject({ partyId: p.id, party: 'groupe d autodefense de ndele (test)' });
    const alias = await env.create(as.monitor, perpetrator({ party: 'nsdg' }));
    expect(alias.perpetrators[0]!.partyId).toBe(p.id);
    // The list filters by the link, whatever the name written.
    const listed = await env.list(as.coordinator, `partyId=${p.id}`);
    expect(listed.items.map((i) => i.id).sort()).toEqual([chosen.id, written.id, alias.id].sort());
  });

  it('refuses a party another organisation owns, naming the perpetrator', async () => {
    const foreign = (await as.coordinatorB.post<PartyDetail>('/api/parties', { name: 'Organisation B militia (TEST)', category: 'unknown' })).body;
    const r = await as.monitor.post('/api/incidents', sampleIncident(perpetrator({ partyId: foreign.id })));
    expect(r.status).toBe(400);
    expect(errorOf(r).issues).toEqual([expect.objectContaining({ field: 'perpetrators.0.partyId', code: 'party_unknown' })]);
  });

  it('lists names nothing links with scored proposals; a decision links every record, is learnt, and the next record links itself', async () => {
    const p = await party({ name: 'Vakaga defence front (TEST)' });
    const a = await env.create(as.monitor, perpetrator({ party: 'Vakaga defense front 2nd unit (TEST)' }));
    const b = await env.create(as.partner, perpetrator({ party: 'vakaga defense front 2nd unit (test)' }));
    const unknownMen = await env.create(as.monitor, perpetrator({ party: 'Hommes armés non identifiés (TEST)' }));
    expect(a.perpetrators[0]!.partyId).toBeNull();
    const texts = await as.coordinator.get<PartyTextList>('/api/party-texts');
    expect(texts.status).toBe(200);
    const item = texts.body.items.find((i) => i.text.toLowerCase() === 'vakaga defense front 2nd unit (test)')!;
    expect(item).toMatchObject({ records: 2 });
    expect(item.spellings).toHaveLength(2);
    expect(item.candidates[0]).toMatchObject({ party: { id: p.id } });
    expect(item.candidates[0]!.score).toBeGreaterThanOrEqual(0.5);
    // Monitors record; coordinators decide names.
    expect((await as.monitor.get('/api/party-texts')).status).toBe(403);

    const resolved = await as.coordinator.post<PartyTextResolved>('/api/party-texts/resolve', { text: item.text, partyId: p.id });
    expect(resolved.body).toEqual({ records: 2, aliasLearnt: true });
    for (const id of [a.id, b.id]) {
      const [first] = (await stored(id)).perpetrators;
      expect(first?.partyId).toBe(p.id);
      expect(first?.party).toMatch(/vakaga defense front 2nd unit/i);
    }
    const next = await env.create(as.monitor, perpetrator({ party: 'VAKAGA DEFENSE FRONT 2ND UNIT (TEST)' }));
    expect(next.perpetrators[0]!.partyId).toBe(p.id);
    // The learnt alias is a name of the party: the type-ahead finds it.
    const names = (await as.coordinator.get<PartyDetail>(`/api/parties/${p.id}`)).body.names.map((n) => n.name);
    expect(names).toContain(item.text);

    const choice = await as.coordinator.post<PartyTextResolved>('/api/party-texts/resolve', { text: 'Hommes armés non identifiés (TEST)', choice: 'unidentified_armed_men' });
    expect(choice.body.records).toBe(1);
    expect((await stored(unknownMen.id)).perpetrators[0]).toMatchObject({ partyId: null, partyChoice: 'unidentified_armed_men' });
    const after = (await as.coordinator.get<PartyTextList>('/api/party-texts')).body;
    expect(after.items.map((i) => i.text.toLowerCase())).not.toContain('vakaga defense front 2nd unit (test)');
    expect((await as.coordinator.post('/api/party-texts/resolve', { text: 'x', partyId: p.id, choice: 'unknown' })).status).toBe(400);
  });

  it('links records written before the registry knew the name at the next start, keeping each version\'s text', async () => {
    const old = await env.create(as.monitor, perpetrator({ party: 'Bamingui river band (TEST)' }));
    expect(old.perpetrators[0]!.partyId).toBeNull();
    const p = await party({ name: 'Bamingui River Band (TEST)' });
    expect(await relinkAll(env.ctx)).toBeGreaterThanOrEqual(1);
    expect((await stored(old.id)).perpetrators[0]).toMatchObject({ partyId: p.id, party: 'Bamingui river band (TEST)' });
    const { rows } = await env.db.pool.query<{ restricted: { perpetrators: { party: string; partyId?: string | null }[] } }>('SELECT restricted FROM incident_versions WHERE incident_id = $1 ORDER BY version', [old.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.restricted.perpetrators[0]).toMatchObject({ party: 'Bamingui river band (TEST)' });
    expect(rows[0]!.restricted.perpetrators[0]!.partyId ?? null).toBeNull();
    const { rows: audit } = await env.db.pool.query<{ details: { records: number; reason: string } }>("SELECT details FROM audit_log WHERE action = 'party.records_linked' AND details->>'reason' = 'start'");
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('re-points records when a duplicate party is merged, and the undo puts them back', async () => {
    const dup = await party({ name: 'Ouham-Pende militia duplicate (TEST)' });
    const keep = await party({ name: 'Ouham-Pende militia (TEST)' });
    const r = await env.create(as.monitor, perpetrator({ partyId: dup.id }));
    const merged = await as.coordinator.post<PartyMerge>(`/api/parties/${dup.id}/merge`, { intoId: keep.id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.moved).toMatchObject({ incident_perpetrator: 1 });
    expect((await stored(r.id))).toMatchObject({ party_ids: [keep.id], perpetrators: [expect.objectContaining({ partyId: keep.id })] });
    // A form still holding the merged party's id records the party it was merged into.
    const late = await env.create(as.monitor, perpetrator({ partyId: dup.id }));
    expect(late.perpetrators[0]!.partyId).toBe(keep.id);
    const undone = await as.coordinator.post<PartyMerge>(`/api/parties/merges/${merged.body.id}/undo`);
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect((await stored(r.id))).toMatchObject({ party_ids: [dup.id], perpetrators: [expect.objectContaining({ partyId: dup.id })] });
    expect((await as.monitor.get<IncidentDetail>(`/api/incidents/${late.id}`)).body.perpetrators[0]!.partyId).toBe(keep.id);
  });
});
