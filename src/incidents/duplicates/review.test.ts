/**
 * Duplicate review through the API: likely duplicates of a record with their evidence, linking as the same
 * incident (the other record then points to the one counted), marking distinct (never proposed again),
 * undoing either; only among records the reviewer may see; audited.
 */
import { describe, expect, it } from 'vitest';
import { testServers } from '../../../test/helpers/db.ts';
import type { IncidentDetail } from '../../shared/incident.ts';
import type { DuplicateCandidates, DuplicateDecision } from '../../shared/duplicates.ts';
import { errorOf, incidentTestEnv } from '../incident-test-kit.ts';

const sameEvent = (party: string) => ({
  occurredFrom: '2025-04-02', place: { country: 'SSD', admin1: 'SS-EE', locality: 'Locality L-777' },
  victims: { women: 0, girls: 3 }, violations: [{ form: 'sexual_slavery', victims: { girls: 3 } }], perpetrators: [{ party: party }],
  context: { setting: 'abduction', timeOfDay: 'night' },
  narrative: 'Three girls were taken at night from the market road and held for two weeks by armed men in uniform.',
});

describe.each(testServers())('duplicate review on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as, create, audit } = env;

  it('proposes the same event reported twice, explains why, links it, and undoes the link', async () => {
    const clinic = await create(as.monitor, sameEvent('Armed group Q (TEST-12)'));
    const ngo = await create(as.monitor2, { ...sameEvent('ARMED GROUP Q TEST-12'), occurredFrom: '2025-04-03',
      narrative: 'Three girls taken at night on the market road, held about two weeks by uniformed armed men.' });
    const unrelated = await create(as.monitor2, { ...sameEvent('Armed group R (TEST-13)'), occurredFrom: '2025-04-20', victims: { women: 1 }, violations: [{ form: 'rape', victims: { women: 1 } }], context: { setting: 'home' } });

    const found = await as.coordinator.get<DuplicateCandidates>(`/api/incidents/${clinic.id}/duplicates`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((c) => c.incident.id)).toEqual([ngo.id]);
    const evidence = Object.fromEntries(found.body.items[0]!.fields.map((f) => [f.field, f]));
    expect(evidence.perpetrator!.note).toBe('same alleged perpetrator');
    expect(evidence.narrative!.points).toBeGreaterThan(0);
    expect(found.body.items[0]!.score).toBeGreaterThan(0.5);
    expect(JSON.stringify(found.body)).not.toContain('market road'); // evidence, never the narratives themselves
    expect(found.body.items.map((c) => c.incident.id)).not.toContain(unrelated.id);

    // A monitor only ever sees candidates among records they may open.
    expect((await as.monitor.get<DuplicateCandidates>(`/api/incidents/${clinic.id}/duplicates`)).body.items).toEqual([]);
    expect((await as.monitor.post(`/api/incidents/${clinic.id}/duplicates`, { otherId: ngo.id, decision: 'same' })).status).toBe(403);

    const link = await as.coordinator.post<DuplicateDecision>(`/api/incidents/${clinic.id}/duplicates`, { otherId: ngo.id, decision: 'same' });
    expect(link.status).toBe(200);
    expect((await as.coordinator.get<IncidentDetail>(`/api/incidents/${ngo.id}`)).body.linkedTo).toBe(clinic.id);
    expect((await as.coordinator.get<IncidentDetail>(`/api/incidents/${clinic.id}`)).body.linkedTo).toBeNull();
    expect((await as.coordinator.get<DuplicateCandidates>(`/api/incidents/${clinic.id}/duplicates`)).body.items).toEqual([]);
    expect(errorOf(await as.coordinator.post(`/api/incidents/${clinic.id}/duplicates`, { otherId: ngo.id, decision: 'same' })).code).toBe('already_linked');
    // Nor is the record it is linked to proposed from the linked side.
    expect((await as.coordinator.get<DuplicateCandidates>(`/api/incidents/${ngo.id}/duplicates`)).body.items).toEqual([]);
    expect(await audit(clinic.id, 'incident.link')).toHaveLength(1);

    const decisions = await as.coordinator.get<{ items: DuplicateDecision[] }>(`/api/incidents/${ngo.id}/duplicate-decisions`);
    expect(decisions.body.items.map((d) => [d.id, d.decision, d.undoneAt])).toEqual([[link.body.id, 'same', null]]);
    const undo = await as.coordinator.post<DuplicateDecision>(`/api/duplicate-decisions/${link.body.id}/undo`);
    expect(undo.status).toBe(200);
    expect(undo.body.undoneAt).not.toBeNull();
    expect((await as.coordinator.get<IncidentDetail>(`/api/incidents/${ngo.id}`)).body.linkedTo).toBeNull();
    expect(errorOf(await as.coordinator.post(`/api/duplicate-decisions/${link.body.id}/undo`)).code).toBe('already_undone');
  });

  it('never proposes a pair marked distinct again, until that decision is undone', async () => {
    const a = await create(as.monitor, { ...sameEvent('Armed group S (TEST-14)'), occurredFrom: '2025-07-10' });
    const b = await create(as.monitor, { ...sameEvent('Armed group S (TEST-14)'), occurredFrom: '2025-07-11' });
    const ids = async () => (await as.coordinator.get<DuplicateCandidates>(`/api/incidents/${a.id}/duplicates`)).body.items.map((c) => c.incident.id);
    expect(await ids()).toContain(b.id);
    const distinct = await as.coordinator.post<DuplicateDecision>(`/api/incidents/${a.id}/duplicates`, { otherId: b.id, decision: 'distinct' });
    expect(distinct.status).toBe(200);
    expect(await ids()).not.toContain(b.id);
    expect((await as.coordinator.get<DuplicateCandidates>(`/api/incidents/${b.id}/duplicates`)).body.items.map((c) => c.incident.id)).not.toContain(a.id);
    await as.coordinator.post(`/api/duplicate-decisions/${distinct.body.id}/undo`);
    expect(await ids()).toContain(b.id);
    expect((await as.coordinator.post(`/api/incidents/${a.id}/duplicates`, { otherId: a.id, decision: 'distinct' })).status).toBe(400);
  });

  /**
   * Issue 8: the same date, admin 1, form, number of victims and party as an existing record, with no admin 2
   * (or admin 2 on one side only) and the party written identically or in another case and without accents,
   * among records that mostly share that profile: proposed right after entry.
   */
  it('proposes on entry a record that repeats the commonest profile, admin 2 missing and the party written differently', async () => {
    const usual = (over: Record<string, unknown>) => ({
      occurredFrom: '2025-09-03', place: { country: 'COD', admin1: 'CD-NK' }, victims: { women: 1 }, violations: [{ form: 'rape', victims: { women: 1 } }],
      perpetrators: [{ party: 'Forces armées (FARDC)' }], narrative: '', ...over,
    });
    // The area's other records of the window share the profile, so agreeing on it weighs little.
    for (const day of ['12', '13', '14', '15', '16', '17']) await create(as.monitor, usual({ occurredFrom: `2025-09-${day}` }));
    const first = await create(as.monitor, usual({}));
    const ids = async (id: string) => (await as.coordinator.get<DuplicateCandidates>(`/api/incidents/${id}/duplicates`)).body.items.map((c) => c.incident.id);
    const same = await create(as.monitor2, usual({}));
    expect(await ids(same.id)).toContain(first.id);
    const otherCase = await create(as.monitor2, usual({ place: { country: 'COD', admin1: 'CD-NK', admin2: 'CD-NK-RUT' }, perpetrators: [{ party: 'FORCES ARMEES FARDC' }] }));
    expect(await ids(otherCase.id)).toEqual(expect.arrayContaining([first.id, same.id]));
    // A different party or another day a week later is not proposed.
    const otherParty = await create(as.monitor2, usual({ perpetrators: [{ party: 'M23' }] }));
    expect(await ids(otherParty.id)).not.toContain(first.id);
  });

  it('weighs the distance between both records\' coordinates for a reader allowed to read them, never showing them', async () => {
    const at = (lat: number, over: Record<string, unknown> = {}) => ({
      occurredFrom: '2025-10-07', place: { country: 'CAF', admin1: 'CF-BGF', coordinates: { lat, lon: 18.5582, precision: 'exact' } },
      victims: { women: 1 }, violations: [{ form: 'rape', victims: { women: 1 } }], narrative: '', ...over,
    });
    const a = await create(as.monitor, at(4.3612));
    const near = await create(as.monitor, at(4.3631, { occurredFrom: '2025-10-08' }));
    const far = await create(as.monitor, at(4.9, { occurredFrom: '2025-10-08' }));
    const found = (await as.coordinator.get<DuplicateCandidates>(`/api/incidents/${a.id}/duplicates`)).body;
    expect(found.items.map((c) => c.incident.id)).toEqual([near.id]);
    const evidence = found.items[0]!.fields.find((f) => f.field === 'coordinates');
    expect(evidence?.points).toBeGreaterThan(0);
    // The coordinates as numbers of their own (a timestamp such as 08:15:54.368 holds "4.36" inside a longer number).
    expect(JSON.stringify(found)).not.toMatch(/"(lat|lon)"|(?<![\d.])(4\.36|18\.55)/);
    expect(found.items.map((c) => c.incident.id)).not.toContain(far.id);
  });
});
