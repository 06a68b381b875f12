/**
 * The parties registry over real HTTP: the type-ahead (every language, accents, case and word order aside),
 * the name in the reader's language, scope (reference + one's own organisation's, never another's),
 * proposals, coordinators' own parties, reference parties read-only but for the organisation's own aliases.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import type { Client } from '../../test/helpers/http.ts';
import type { PartyDetail, PartyList, PartySeedReport, PartySuggestions } from '../shared/parties.ts';
import { errorOf, incidentTestEnv } from '../incidents/incident-test-kit.ts';

describe.each(testServers())('parties registry on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as } = env;
  const suggest = async (c: Client, q: string, lang = 'en') =>
    (await c.request<PartySuggestions>('GET', `/api/parties/suggest?q=${encodeURIComponent(q)}`, undefined, { 'accept-language': lang })).body.items;
  const fardc = async () => (await suggest(as.coordinator, 'FARDC'))[0]!;

  beforeAll(async () => {
    const seeded = await as.coordinator.post<PartySeedReport>('/api/parties/seed');
    expect(seeded.status, JSON.stringify(seeded.body)).toBe(200);
    expect(seeded.body.parties.added).toBeGreaterThan(900);
  });

  it('finds a party by any name in any language, accents, case and word order aside, named in the reader\'s language', async () => {
    const armed = await suggest(as.monitor, 'forces armees');
    // Every "Forces armées ..." (the Malian, Central African, Congolese...), shorter names first.
    expect(armed.map((s) => s.shortName)).toEqual(expect.arrayContaining(['FAMa', 'FACA', 'FARDC']));
    const french = armed.find((s) => s.shortName === 'FARDC');
    expect(french).toMatchObject({ name: 'Armed Forces of the Democratic Republic of the Congo', shortName: 'FARDC', category: 'state_forces', countries: ['COD'], scope: 'reference', status: 'confirmed' });
    expect(french!.match).toEqual({ name: 'Forces armées de la République démocratique du Congo', language: 'fr', kind: 'canonical' });
    expect((await suggest(as.monitor, 'FORCES ARMÉES congo', 'fr'))[0]!.name).toBe('Forces armées de la République démocratique du Congo');
    expect((await suggest(as.monitor, 'congo armed forces'))[0]!.id).toBe(french!.id);
    const [arabic] = await suggest(as.viewer, 'القوات المسلحة الكونغو', 'ar');
    expect(arabic).toMatchObject({ id: french!.id, name: 'القوات المسلحة لجمهورية الكونغو الديمقراطية' });
    expect(arabic!.match.language).toBe('ar');
    // Without the article, and with another spelling of alef.
    expect((await suggest(as.viewer, 'قوات المسلحه الكونغو')).map((s) => s.id)).toContain(french!.id);
    // The dataset's name of the side is an alias of the state forces party.
    const [government] = await suggest(as.partner, 'government of dr congo');
    expect(government).toMatchObject({ id: french!.id, match: { name: 'Government of DR Congo (Zaire)', kind: 'alias' } });
    // An exact name comes first.
    expect((await suggest(as.monitor, 'LRA'))[0]!.match.name).toBe('LRA');
    expect(await suggest(as.monitor, '%_')).toEqual([]);
  });

  it('shows a reference party with its names by language, ids, attribution and the "Government of" note', async () => {
    const { id } = await fardc();
    const detail = (await as.viewer.request<PartyDetail>('GET', `/api/parties/${id}`, undefined, { 'accept-language': 'fr' })).body;
    expect(detail.name).toBe('Forces armées de la République démocratique du Congo');
    expect(detail.canonicalName).toBe('Armed Forces of the Democratic Republic of the Congo');
    expect(detail.names[0]).toMatchObject({ language: 'fr', kind: 'canonical' });
    expect(detail.governmentAlias).toBe('Government of DR Congo (Zaire)');
    expect(detail.externalIds).toContainEqual(expect.objectContaining({ scheme: 'ucdp_actor', value: '89', source: 'ucdp-prio-acd-25.1', scope: 'reference' }));
    expect(detail.externalIds.filter((x) => x.scheme === 'ucdp_conflict').length).toBeGreaterThan(3);
    expect(detail.attribution.map((a) => a.source).sort()).toEqual(['salama', 'svac-3.2', 'ucdp-prio-acd-25.1']);
    expect(detail.attribution.find((a) => a.source === 'svac-3.2')!.citation).toContain('Cohen and Nordås (2014)');
    expect(detail.activeFrom).toBe('1960');
  });

  it('lets anyone who records propose a party (unconfirmed, their organisation\'s only), refusing a name that exists', async () => {
    const proposed = await as.monitor.post<PartyDetail>('/api/parties/proposals', { name: 'Groupe armé de la rivière Kotto (TEST)', language: 'fr', category: 'non_state_armed_group', countries: ['CAF'] });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body).toMatchObject({ scope: 'own', status: 'unconfirmed', source: 'organisation', attribution: [] });
    expect((await suggest(as.partner, 'kotto riviere')).map((s) => s.id)).toEqual([proposed.body.id]);
    // Another organisation never sees it, by search, list or address.
    expect(await suggest(as.coordinatorB, 'kotto')).toEqual([]);
    expect((await as.coordinatorB.get(`/api/parties/${proposed.body.id}`)).status).toBe(404);
    expect((await as.coordinatorB.get<PartyList>('/api/parties?scope=own')).body.total).toBe(0);
    // The same name, written otherwise, in an overlapping country: refused, naming the field and the party.
    const again = await as.partner.post('/api/parties/proposals', { name: 'groupe arme de la riviere KOTTO (test)', countries: ['CAF', 'TCD'] });
    expect(again.status).toBe(409);
    expect(errorOf(again).issues).toEqual([{ field: 'name', code: 'party_exists', params: { party: 'Groupe armé de la rivière Kotto (TEST)' }, message: 'Name: a party of this name already exists (Groupe armé de la rivière Kotto (TEST)): choose it instead' }]);
    expect((await as.viewer.post('/api/parties/proposals', { name: 'Viewer group' })).status).toBe(403);
    const bad = await as.monitor.post('/api/parties/proposals', { name: ' ', language: 'French', countries: ['cod'] });
    expect(errorOf(bad).issues!.map((i) => `${i.field} ${i.code}`).sort()).toEqual(['countries.0 country_code', 'language language_tag', 'name required']);
  });

  it('lets coordinators create, edit and confirm their own parties; reference parties stay read-only', async () => {
    const made = await as.coordinator.post<PartyDetail>('/api/parties', {
      name: 'Local militia of Bambari (TEST)', shortName: 'LMB', language: 'en', category: 'pro_government_militia', countries: ['CAF'],
      activeFrom: '2019', names: [{ name: 'Milice locale de Bambari (TEST)', language: 'fr', kind: 'canonical' }], externalIds: [{ scheme: 'acled_actor', value: 'Bambari Militia' }],
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ status: 'confirmed', shortName: 'LMB', activeFrom: '2019', activeTo: null });
    expect(made.body.names.map((n) => `${n.kind}:${n.language}:${n.name}`)).toEqual(['canonical:en:Local militia of Bambari (TEST)', 'canonical:fr:Milice locale de Bambari (TEST)', 'short:null:LMB']);
    const id = made.body.id;
    const { id: parent } = await fardc();
    const edited = await as.coordinator.patch<PartyDetail>(`/api/parties/${id}`, { name: 'Local militia of Bambari town (TEST)', shortName: 'LMBT', parentId: parent, activeTo: '2023-06' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ canonicalName: 'Local militia of Bambari town (TEST)', shortName: 'LMBT', activeTo: '2023-06', parent: { id: parent, scope: 'reference' } });
    expect(edited.body.names.map((n) => n.name)).toEqual(['Local militia of Bambari town (TEST)', 'Milice locale de Bambari (TEST)', 'LMBT']);
    expect((await suggest(as.monitor, 'bambari town')).map((s) => s.id)).toEqual([id]);
    const early = await as.coordinator.patch(`/api/parties/${id}`, { activeTo: '2018' });
    expect(errorOf(early).issues).toEqual([expect.objectContaining({ field: 'activeTo', code: 'before_start' })]);
    expect(errorOf(await as.coordinator.patch(`/api/parties/${id}`, { activeFrom: '2019-13' })).issues).toEqual([expect.objectContaining({ field: 'activeFrom', code: 'partial_date' })]);
    // A reference party cannot be changed, confirmed or merged by an organisation.
    for (const [method, path, body] of [['PATCH', `/api/parties/${parent}`, { name: 'Renamed' }], ['POST', `/api/parties/${parent}/confirm`, {}], ['POST', `/api/parties/${parent}/merge`, { intoId: id }]] as const) {
      const r = await as.coordinator.request(method, path, body);
      expect(r.status, path).toBe(409);
      expect(errorOf(r).code).toBe('party_reference');
    }
    // Confirming a proposal.
    const proposal = (await as.monitor.post<PartyDetail>('/api/parties/proposals', { name: 'Unconfirmed group (TEST)' })).body;
    expect((await as.coordinator.get<PartyList>('/api/parties?scope=own&unconfirmed=true')).body.items.map((p) => p.id)).toContain(proposal.id);
    expect((await as.monitor.post(`/api/parties/${proposal.id}/confirm`)).status).toBe(403);
    expect((await as.coordinator.post<PartyDetail>(`/api/parties/${proposal.id}/confirm`)).body.status).toBe('confirmed');
    expect(errorOf(await as.coordinator.post(`/api/parties/${proposal.id}/confirm`)).code).toBe('already_confirmed');
    expect((await as.coordinatorB.post(`/api/parties/${proposal.id}/confirm`)).status).toBe(404);
    const audit = await env.audit(proposal.id, 'party.confirm');
    expect(audit).toHaveLength(1);
  });

  it("adds an organisation's own alias, id and relation to a reference party, seen by that organisation only", async () => {
    const { id } = await fardc();
    const alias = await as.coordinator.post<PartyDetail>(`/api/parties/${id}/names`, { name: 'FARDC 3e brigade', language: 'fr' });
    expect(alias.status, JSON.stringify(alias.body)).toBe(201);
    expect(alias.body.names.find((n) => n.name === 'FARDC 3e brigade')).toMatchObject({ scope: 'own', kind: 'alias', source: 'organisation' });
    expect((await suggest(as.monitor, 'fardc 3e')).map((s) => s.id)).toEqual([id]);
    expect(await suggest(as.coordinatorB, 'fardc 3e')).toEqual([]);
    expect(errorOf(await as.coordinator.post(`/api/parties/${id}/names`, { name: 'fardc  3E Brigade' })).code).toBe('name_exists');
    expect(errorOf(await as.coordinator.post(`/api/parties/${id}/names`, { name: 'Armée congolaise', language: 'fr', kind: 'canonical' })).code).toBe('reference_alias_only');
    const withId = await as.coordinator.post<PartyDetail>(`/api/parties/${id}/external-ids`, { scheme: 'acled_actor', value: 'Military Forces of the Democratic Republic of Congo' });
    expect(withId.status).toBe(201);
    const own = (await as.coordinator.post<PartyDetail>('/api/parties', { name: '3rd brigade of the FARDC (TEST)', category: 'state_forces', countries: ['COD'] })).body;
    const related = await as.coordinator.post<PartyDetail>(`/api/parties/${own.id}/relations`, { kind: 'faction_of', otherPartyId: id, validFrom: '2018' });
    expect(related.body.relations.map((r) => [r.kind, r.outgoing, r.other.id, r.other.scope, r.validFrom])).toEqual([['faction_of', true, id, 'reference', '2018']]);
    const seenFromB = (await as.coordinatorB.get<PartyDetail>(`/api/parties/${id}`)).body;
    expect(seenFromB.names.some((n) => n.scope === 'own')).toBe(false);
    expect(seenFromB.externalIds.some((x) => x.scope === 'own')).toBe(false);
    expect(seenFromB.relations).toEqual([]);
    // Removing: only the organisation's own rows.
    const reference = alias.body.names.find((n) => n.scope === 'reference')!;
    expect((await as.coordinator.request('DELETE', `/api/parties/${id}/names/${reference.id}`)).status).toBe(404);
    const ownName = alias.body.names.find((n) => n.name === 'FARDC 3e brigade')!;
    expect((await as.coordinatorB.request('DELETE', `/api/parties/${id}/names/${ownName.id}`)).status).toBe(404);
    const removed = await as.coordinator.request<PartyDetail>('DELETE', `/api/parties/${id}/names/${ownName.id}`);
    expect(removed.body.names.some((n) => n.name === 'FARDC 3e brigade')).toBe(false);
  });

  it('lists with filters and pages through everything', async () => {
    const all = (await as.viewer.get<PartyList>('/api/parties?pageSize=200')).body;
    expect(all.total).toBeGreaterThan(900);
    const own = (await as.viewer.get<PartyList>('/api/parties?scope=own')).body;
    expect(own.items.every((p) => p.scope === 'own')).toBe(true);
    const militias = (await as.viewer.get<PartyList>('/api/parties?category=pro_government_militia&country=CAF&q=bambari')).body;
    expect(militias.items.map((p) => p.name)).toEqual(['Local militia of Bambari town (TEST)']);
    const pages = [];
    for (let page = 1; page <= Math.ceil(all.total / 200); page++) pages.push(...(await as.viewer.get<PartyList>(`/api/parties?pageSize=200&page=${page}`)).body.items.map((p) => p.id));
    expect(new Set(pages).size).toBe(all.total);
    expect((await as.admin.get('/api/parties')).status).toBe(403);
  });
});
