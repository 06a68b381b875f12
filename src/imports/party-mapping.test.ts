/**
 * The values step for a perpetrator party column, over real HTTP with the real job system: each value with
 * the registry's link (a name, an alias, the organisation's decision) or its closest party; a mapping choosing
 * parties checked before a run (another organisation's party, a merged one or a malformed id refused by
 * value); the job giving the perpetrators the chosen party or explicit choice while values left unmapped are
 * linked as before or kept as written; a re-import of the same file with the same mapping creating and
 * changing nothing, and with one more value mapped reporting that row as changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { startTestJobs } from '../../test/helpers/jobs.ts';
import type { Client } from '../../test/helpers/http.ts';
import type { ImportMappingInput, ImportPartyValues } from '../shared/import.ts';
import type { PartyDetail, PartyMerge } from '../shared/parties.ts';
import type { PartyTextList } from '../shared/party-links.ts';
import { errorOf, incidentTestEnv } from '../incidents/incident-test-kit.ts';
import { run, upload } from './import-test-kit.ts';

const FILE = Buffer.from([
  'id,date,country,form,armed_group',
  'P-1,2025-01-10,CAF,rape,NSDG',
  'P-2,2025-01-11,CAF,rape,Ndele self-defence group (TEST)',
  'P-3,2025-01-12,CAF,rape,Vakaga defense front 2nd unit (TEST)',
  'P-4,2025-01-13,CAF,rape,Vakaga defense front 2nd unit (TEST)',
  'P-5,2025-01-14,CAF,rape,Bande du fleuve (TEST)',
  'P-6,2025-01-15,CAF,rape,Hommes armés (TEST)',
  'P-7,2025-01-16,CAF,rape,Inconnus du marché (TEST)',
  'P-8,2025-01-17,CAF,rape,Groupe Zeta (TEST)',
].join('\n') + '\n');

const COLUMNS = { externalId: 'id', occurredFrom: 'date', country: 'country', forms: 'form', perpetratorParty: 'armed_group' };

describe.each(testServers())('an import\'s party column on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as } = env;
  let stopJobs: () => Promise<void>;
  const party = async (c: Client, body: Record<string, unknown>) => {
    const r = await c.post<PartyDetail>('/api/parties', { category: 'non_state_armed_group', countries: ['CAF'], ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  let ndele: PartyDetail;
  let vakaga: PartyDetail;
  let river: PartyDetail;
  let importId = '';
  let mapping: ImportMappingInput;

  beforeAll(async () => {
    stopJobs = await startTestJobs(env.ctx, env.db.url);
    ndele = await party(as.coordinator, { name: 'Ndele self-defence group (TEST)', names: [{ name: 'NSDG', language: null }] });
    vakaga = await party(as.coordinator, { name: 'Vakaga defence front (TEST)' });
    river = await party(as.coordinator, { name: 'Bamingui river band (TEST)' });
    // The organisation decided this name before: nobody knows who they were.
    expect((await as.coordinator.post('/api/party-texts/resolve', { text: 'Inconnus du marché (TEST)', choice: 'unknown' })).status).toBe(200);
    const up = await upload(as.monitor, FILE, 'parties.csv');
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    importId = up.body.id;
    mapping = {
      columns: COLUMNS,
      parties: { 'Vakaga defense front 2nd unit (TEST)': vakaga.id, 'Bande du fleuve (TEST)': river.id, 'Hommes armés (TEST)': 'unidentified_armed_men' },
      defaults: { victimsUnknown: 1 },
    };
  });
  afterAll(async () => { await stopJobs(); });

  it('lists each value with the link the registry has for it, or its closest party', async () => {
    const r = await as.monitor.get<ImportPartyValues>(`/api/imports/${importId}/party-values?column=armed_group`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const of = (value: string) => r.body.items.find((i) => i.value === value)!;
    expect(r.body.total).toBe(7);
    expect(of('NSDG').link).toMatchObject({ party: { id: ndele.id, name: 'Ndele self-defence group (TEST)', scope: 'own' }, choice: null, via: 'alias' });
    expect(of('Ndele self-defence group (TEST)').link).toMatchObject({ party: { id: ndele.id }, via: 'name' });
    expect(of('Inconnus du marché (TEST)').link).toEqual({ party: null, choice: 'unknown', via: 'decided' });
    const unit = of('Vakaga defense front 2nd unit (TEST)');
    expect(unit).toMatchObject({ rows: 2, link: null, candidate: { party: { id: vakaga.id }, name: 'Vakaga defence front (TEST)' } });
    expect(unit.candidate!.score).toBeGreaterThanOrEqual(0.5);
    // Linked values need no proposal; a value like no name has none.
    expect(of('NSDG').candidate).toBeNull();
    expect(of('Groupe Zeta (TEST)')).toMatchObject({ link: null });
    // Searched and paged like any column's values; another organisation's importer never sees the file.
    const searched = await as.monitor.get<ImportPartyValues>(`/api/imports/${importId}/party-values?column=armed_group&q=vakaga&limit=1`);
    expect(searched.body.items.map((i) => i.value)).toEqual(['Vakaga defense front 2nd unit (TEST)']);
    expect((await as.coordinatorB.get(`/api/imports/${importId}/party-values?column=armed_group`)).status).toBe(404);
  });

  it('refuses, value by value, a party the organisation cannot use', async () => {
    const foreign = await party(as.coordinatorB, { name: 'Organisation B militia (TEST)' });
    const duplicate = await party(as.coordinator, { name: 'Vakaga defence front duplicate (TEST)' });
    const merged = await as.coordinator.post<PartyMerge>(`/api/parties/${duplicate.id}/merge`, { intoId: vakaga.id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const start = (parties: Record<string, string>) => as.monitor.request('POST', `/api/imports/${importId}/run`, { mapping: { ...mapping, parties }, dryRun: true }, { 'accept-language': 'fr' });
    const refused = await start({ NSDG: foreign.id, 'Groupe Zeta (TEST)': duplicate.id });
    expect(refused.status).toBe(400);
    expect(errorOf(refused).issues!.map((i) => [i.field, i.code])).toEqual([['mapping.parties.NSDG', 'party_unknown'], ['mapping.parties.Groupe Zeta (TEST)', 'party_merged']]);
    // Worded in the reader's language, naming the field and the value.
    expect(errorOf(refused).issues![0]!.message).toBe('Partie présumée responsable – « NSDG » : choisissez une partie que votre organisation peut voir');
    const malformed = await start({ NSDG: 'not-a-party' });
    expect(malformed.status).toBe(400);
    expect(errorOf(malformed).issues!.map((i) => [i.field, i.code])).toEqual([['mapping.parties.NSDG', 'party_unknown']]);
    expect(await env.incidentCount()).toBe(0);
  });

  it('gives the perpetrators the chosen parties; values left unmapped link as before or stay as written', async () => {
    const dry = await run(as.monitor, importId, mapping, true);
    expect(dry).toMatchObject({ state: 'checked', created: 8, rejected: 0 });
    const done = await run(as.monitor, importId, mapping, false);
    expect(done).toMatchObject({ state: 'done', created: 8, rejected: 0 });
    const { rows } = await env.db.pool.query<{ external_id: string; party_ids: string[]; perpetrators: { party: string; partyId?: string | null; partyChoice?: string | null }[] }>(
      'SELECT external_id, party_ids, perpetrators FROM incidents WHERE external_id IS NOT NULL ORDER BY external_id');
    expect(rows.map((r) => [r.external_id, r.perpetrators[0]!.party, r.perpetrators[0]!.partyId ?? null, r.perpetrators[0]!.partyChoice ?? null])).toEqual([
      ['P-1', 'NSDG', ndele.id, null],
      ['P-2', 'Ndele self-defence group (TEST)', ndele.id, null],
      ['P-3', 'Vakaga defense front 2nd unit (TEST)', vakaga.id, null],
      ['P-4', 'Vakaga defense front 2nd unit (TEST)', vakaga.id, null],
      ['P-5', 'Bande du fleuve (TEST)', river.id, null],
      ['P-6', 'Hommes armés (TEST)', null, 'unidentified_armed_men'],
      ['P-7', 'Inconnus du marché (TEST)', null, 'unknown'],
      ['P-8', 'Groupe Zeta (TEST)', null, null],
    ]);
    expect(rows.find((r) => r.external_id === 'P-5')!.party_ids).toEqual([river.id]);
    // The name nothing links is still the coordinator's to resolve; the mapped ones are not.
    const texts = (await as.coordinator.get<PartyTextList>('/api/party-texts')).body.items.map((i) => i.text);
    expect(texts).toContain('Groupe Zeta (TEST)');
    expect(texts).not.toContain('Vakaga defense front 2nd unit (TEST)');
    expect(texts).not.toContain('Bande du fleuve (TEST)');
  });

  it('re-imports the same file with the same mapping without a change; one more value mapped changes that row only', async () => {
    const again = await upload(as.monitor, FILE, 'parties-again.csv');
    const same = await run(as.monitor, again.body.id, mapping, true);
    expect(same).toMatchObject({ state: 'checked', created: 0, skipped: 8, changed: 0, rejected: 0 });
    const more = { ...mapping, parties: { ...mapping.parties, 'Groupe Zeta (TEST)': river.id } };
    const changed = await run(as.monitor, again.body.id, more, true);
    expect(changed).toMatchObject({ state: 'checked', created: 0, skipped: 7, changed: 1 });
    expect(changed.changes.map((c) => [c.externalId, c.fields])).toEqual([['P-8', ['perpetrators']]]);
    const updated = await run(as.monitor, again.body.id, more, false, 'update');
    expect(updated).toMatchObject({ state: 'done', created: 0, updated: 1 });
    const { rows } = await env.db.pool.query<{ party_ids: string[] }>("SELECT party_ids FROM incidents WHERE external_id = 'P-8'");
    expect(rows[0]!.party_ids).toEqual([river.id]);
  });
});
