/**
 * A party's compliance record over real HTTP: its listing history (one entry per report year, recorded and
 * corrected by coordinators, read by every member), its assessment kept as versions (a stale save refused,
 * old versions never changed), the incidents attributed to it by quarter and form (alleged or verified,
 * over the records the reader may read, without deleted records or linked duplicates), and all of it
 * following the party when a duplicate is merged, and back on undo.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import type { Client } from '../../test/helpers/http.ts';
import { errorOf, incidentTestEnv } from '../incidents/incident-test-kit.ts';
import type { CommitmentDetail } from '../shared/commitments.ts';
import type { Assessment, IncidentCounts, ListingHistory } from '../shared/compliance.ts';
import { createCommunique, ownParty } from './commitment-test-kit.ts';
import { quartersBetween } from './incident-counts.ts';

describe('quarters', () => {
  it('lists every quarter between two, across years', () => {
    expect(quartersBetween('2023-Q3', '2024-Q2')).toEqual(['2023-Q3', '2023-Q4', '2024-Q1', '2024-Q2']);
    expect(quartersBetween('2024-Q1', '2024-Q1')).toEqual(['2024-Q1']);
  });
});

describe.each(testServers())('party compliance on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as } = env;
  let party = '';

  beforeAll(async () => {
    party = await ownParty(as.coordinator, 'Coalition TEST du Nord');
  });

  it('records the listing year by year with its citation; one entry per report year', async () => {
    const listing = (c: Client, body: unknown) => c.post<ListingHistory>(`/api/parties/${party}/listing`, body);
    expect((await listing(as.coordinator, { reportYear: 2023, listing: 'listed', reportSymbol: 'S/2023/413', paragraph: 'annex' })).status).toBe(201);
    const second = await listing(as.coordinator, { reportYear: 2024, listing: 'continued', reportSymbol: 'S/2024/292', paragraph: 'para. 37', note: '' });
    expect(second.body.items.map((e) => [e.reportYear, e.listing, e.reportSymbol, e.paragraph, e.note])).toEqual([
      [2023, 'listed', 'S/2023/413', 'annex', null], [2024, 'continued', 'S/2024/292', 'para. 37', null],
    ]);
    const twice = await as.coordinator.request('POST', `/api/parties/${party}/listing`, { reportYear: 2024, listing: 'delisted', reportSymbol: 'S/2024/292' }, { 'accept-language': 'ar' });
    expect(twice.status).toBe(409);
    expect(errorOf(twice).issues![0]).toMatchObject({ field: 'reportYear', code: 'listing_exists' });
    expect(errorOf(twice).issues![0]!.message).toContain('2024');
    const bad = await listing(as.coordinator, { reportYear: 1999, listing: 'maybe', reportSymbol: '' });
    expect(errorOf(bad).issues!.map((i) => [i.field, i.code])).toEqual([['reportYear', 'too_small'], ['listing', 'unknown_code'], ['reportSymbol', 'required']]);
    const entry = second.body.items[1]!;
    const corrected = await as.coordinator.patch<ListingHistory>(`/api/parties/${party}/listing/${entry.id}`, { listing: 'delisted', paragraph: 'para. 12' });
    expect(corrected.body.items[1]).toMatchObject({ listing: 'delisted', paragraph: 'para. 12', reportSymbol: 'S/2024/292' });
    expect((await as.coordinator.patch(`/api/parties/${party}/listing/${entry.id}`, { reportYear: 2023 })).status).toBe(409);
    // Every member reads it; only coordinators write; another organisation sees nothing.
    for (const c of [as.monitor, as.partner, as.viewer]) expect((await c.get<ListingHistory>(`/api/parties/${party}/listing`)).body.items).toHaveLength(2);
    expect((await listing(as.monitor, { reportYear: 2025, listing: 'continued', reportSymbol: 'S/2025/1' })).status).toBe(403);
    expect((await as.coordinatorB.get(`/api/parties/${party}/listing`)).status).toBe(404);
    const removed = await as.coordinator.request<ListingHistory>('DELETE', `/api/parties/${party}/listing/${entry.id}`);
    expect(removed.body.items.map((e) => e.reportYear)).toEqual([2023]);
    const actions = (await env.db.pool.query<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'party.listing%' ORDER BY id")).rows.map((r) => r.action);
    expect(actions).toEqual(['party.listing_add', 'party.listing_add', 'party.listing_update', 'party.listing_remove']);
  });

  it('keeps the assessment as versions: each save a new one, a stale save refused, none ever changed', async () => {
    const path = `/api/parties/${party}/assessment`;
    expect((await as.viewer.get<Assessment>(path)).body).toEqual({ current: null, versions: [] });
    const first = await as.coordinator.post<Assessment>(path, { text: 'The group signed a joint communiqué but has not issued command orders.', previousId: null });
    expect(first.status).toBe(201);
    const v1 = first.body.current!;
    expect(v1).toMatchObject({ version: 1, writtenBy: env.A.coordinator.id });
    const second = await as.coordinator.post<Assessment>(path, { text: 'Command orders issued in May; no access for monitors yet.', previousId: v1.id });
    expect(second.body.versions.map((v) => v.version)).toEqual([2, 1]);
    const stale = await as.coordinator.post(path, { text: 'Written from the first version', previousId: v1.id });
    expect([stale.status, errorOf(stale).issues![0]!.field, errorOf(stale).issues![0]!.code]).toEqual([409, 'previousId', 'assessment_changed']);
    expect((await as.monitor.post(path, { text: 'x', previousId: second.body.current!.id })).status).toBe(403);
    const read = (await as.partner.get<Assessment>(path)).body;
    expect(read.current!.text).toBe('Command orders issued in May; no access for monitors yet.');
    expect(read.versions[1]!.text).toBe('The group signed a joint communiqué but has not issued command orders.');
    await expect(env.db.pool.query("UPDATE party_assessments SET text = 'rewritten' WHERE id = $1", [v1.id])).rejects.toThrow(/append-only/);
    await expect(env.db.pool.query('DELETE FROM party_assessments WHERE id = $1', [v1.id])).rejects.toThrow(/append-only/);
    const [audit] = (await env.db.pool.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_log WHERE action = 'party.assessment_save' ORDER BY id DESC LIMIT 1")).rows;
    expect(audit!.details).toMatchObject({ version: 2, characters: 'Command orders issued in May; no access for monitors yet.'.length });
    expect(JSON.stringify(audit)).not.toContain('Command orders');
  });

  it('counts the incidents attributed to the party by quarter and form, alleged or verified, over what the reader may read', async () => {
    const record = async (c: Client, occurredFrom: string, forms: string[], partyId = party) => (await env.create(c, {
      occurredFrom, violations: forms.map((form) => ({ form, victims: { women: 1 } })), victims: { women: 1 },
      perpetrators: [{ partyId, category: 'non_state_armed_group' }, { party: 'Unidentified TEST men', category: 'unknown' }],
    })).id;
    const a = await record(as.coordinator, '2024-01-10', ['rape', 'sexual_slavery']);
    await record(as.monitor, '2024-02-01', ['rape']);
    const verified = await record(as.coordinator, '2024-08-15', ['forced_marriage']);
    await env.db.pool.query("UPDATE incidents SET verification_status = 'verified' WHERE id = $1", [verified]);
    await record(as.coordinator, '2024-05-05', ['sea_un_humanitarian']);
    await record(as.coordinator, '2024-03-01', ['rape'], await ownParty(as.coordinator, 'Autre groupe TEST'));
    const deleted = await record(as.coordinator, '2024-01-20', ['rape']);
    expect((await as.coordinator.request('DELETE', `/api/incidents/${deleted}`, { version: 1, reason: 'Entered in error' })).status).toBe(204);
    const linked = await record(as.coordinator, '2024-01-21', ['rape']);
    await env.db.pool.query('UPDATE incidents SET canonical_id = $2 WHERE id = $1', [linked, a]);

    const counts = (c: Client, verifiedOnly = false) => c.get<IncidentCounts>(`/api/parties/${party}/incident-counts?verified=${verifiedOnly}`);
    const all = (await counts(as.coordinator)).body;
    expect(all).toMatchObject({ verifiedOnly: false, scope: 'organisation', total: 3 });
    expect(all.quarters).toEqual([
      { quarter: '2024-Q1', incidents: 2, byForm: { rape: 2, sexual_slavery: 1 } },
      { quarter: '2024-Q2', incidents: 0, byForm: { sea_un_humanitarian: 1 } },
      { quarter: '2024-Q3', incidents: 1, byForm: { forced_marriage: 1 } },
    ]);
    expect((await counts(as.coordinator, true)).body.quarters).toEqual([{ quarter: '2024-Q3', incidents: 1, byForm: { forced_marriage: 1 } }]);
    // A monitor counts only the records they may read (their own here), and is told so.
    expect((await counts(as.monitor)).body).toMatchObject({ scope: 'own_records', total: 1, quarters: [{ quarter: '2024-Q1', incidents: 1, byForm: { rape: 1 } }] });
    // Counts come from records: not for viewers or administrators, nor another organisation.
    expect((await counts(as.viewer)).status).toBe(403);
    expect((await counts(as.admin)).status).toBe(403);
    expect((await counts(as.coordinatorB)).status).toBe(404);
    expect(errorOf(await as.coordinator.get(`/api/parties/${party}/incident-counts?verified=maybe`)).issues![0]).toMatchObject({ field: 'verified', code: 'yes_or_no' });
    const [audit] = (await env.db.pool.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_log WHERE action = 'party.incident_counts' ORDER BY id DESC LIMIT 1")).rows;
    expect(audit!.details).toEqual({ verifiedOnly: false, units: false, quarters: 1 });

    // A brigade under the party: its incidents are its own, and the party's with its units.
    const brigade = await as.coordinator.post<{ id: string }>('/api/parties', { name: 'Brigade TEST 7', category: 'non_state_armed_group', countries: ['CAF'], parentId: party });
    expect(brigade.status, JSON.stringify(brigade.body)).toBe(201);
    await record(as.coordinator, '2024-02-11', ['rape'], brigade.body.id);
    expect((await counts(as.coordinator)).body.total).toBe(3);
    const withUnits = (await as.coordinator.get<IncidentCounts>(`/api/parties/${party}/incident-counts?units=true`)).body;
    expect(withUnits).toMatchObject({ units: true, total: 4 });
    expect(withUnits.quarters[0]).toEqual({ quarter: '2024-Q1', incidents: 3, byForm: { rape: 3, sexual_slavery: 1 } });
  });

  it('moves commitments, listing and assessment with a merged duplicate, and back on undo', async () => {
    const duplicate = await ownParty(as.coordinator, 'Coalition TEST du Nord (doublon)');
    const commitment = await createCommunique(as.coordinator, [duplicate]);
    await as.coordinator.post(`/api/parties/${duplicate}/listing`, { reportYear: 2022, listing: 'listed', reportSymbol: 'S/2022/272' });
    await as.coordinator.post(`/api/parties/${duplicate}/assessment`, { text: 'Written on the duplicate', previousId: null });
    const merge = await as.coordinator.post<{ id: string; moved: Record<string, number> }>(`/api/parties/${duplicate}/merge`, { intoId: party });
    expect(merge.status, JSON.stringify(merge.body)).toBe(200);
    expect(merge.body.moved).toMatchObject({ commitment_party: 1, party_listing: 1, party_assessment: 1 });
    expect((await as.viewer.get<CommitmentDetail>(`/api/commitments/${commitment.id}`)).body.parties.map((p) => p.id)).toEqual([party]);
    expect((await as.viewer.get<ListingHistory>(`/api/parties/${party}/listing`)).body.items.map((e) => e.reportYear)).toEqual([2022, 2023]);
    expect((await as.viewer.get<Assessment>(`/api/parties/${party}/assessment`)).body.versions.map((v) => v.text)).toContain('Written on the duplicate');
    // Nothing more is recorded on a merged party.
    expect((await as.coordinator.post(`/api/parties/${duplicate}/listing`, { reportYear: 2021, listing: 'listed', reportSymbol: 'S/2021/312' })).status).toBe(409);

    expect((await as.coordinator.post(`/api/parties/merges/${merge.body.id}/undo`)).status).toBe(200);
    expect((await as.viewer.get<CommitmentDetail>(`/api/commitments/${commitment.id}`)).body.parties.map((p) => p.id)).toEqual([duplicate]);
    expect((await as.viewer.get<ListingHistory>(`/api/parties/${duplicate}/listing`)).body.items.map((e) => e.reportYear)).toEqual([2022]);
    expect((await as.viewer.get<Assessment>(`/api/parties/${party}/assessment`)).body.versions.map((v) => v.text)).not.toContain('Written on the duplicate');
  });
});
