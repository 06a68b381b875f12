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
});
