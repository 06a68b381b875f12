/**
 * Withdrawal of consent: a coordinator erases the identifying part (crypto-shredding). Nothing of the
 * narrative, locality or coordinates can be read back afterwards, in the record or in any version; what
 * remains keeps only the consent that remains.
 */
import { describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { sampleIncident } from '../../test/helpers/http.ts';
import type { IncidentDetail, IncidentHistory } from '../shared/incident.ts';
import { errorOf, incidentTestEnv, NARRATIVE_MARKER } from './incident-test-kit.ts';

describe.each(testServers())('erasure on withdrawal of consent on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as, create, rawRow, audit } = env;

  it('destroys the key and the ciphertext of the record and of every version, keeping the rest', async () => {
    const made = await create(as.monitor, { consent: ['mara_working_group', 'aggregate_statistics'] });
    expect(made.consent).toEqual(['mara_working_group', 'aggregate_statistics']);
    expect((await as.monitor.patch(`/api/incidents/${made.id}`, { version: 1, narrative: `${NARRATIVE_MARKER} second` })).status).toBe(200);

    expect((await as.monitor.post(`/api/incidents/${made.id}/erase`, { version: 2, reason: 'survivor withdrew consent', remainingConsent: ['agency_only'] })).status).toBe(403);
    const widen = await as.coordinator.post(`/api/incidents/${made.id}/erase`, { version: 2, reason: 'survivor withdrew consent', remainingConsent: ['justice'] });
    expect(widen.status).toBe(400);
    expect(errorOf(widen).issues?.[0]?.field).toBe('remainingConsent');

    const erased = await as.coordinator.post<IncidentDetail>(`/api/incidents/${made.id}/erase`, { version: 2, reason: 'survivor withdrew consent', remainingConsent: ['aggregate_statistics'] });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ narrative: '', consent: ['aggregate_statistics'], place: { country: 'CAF', locality: null, coordinates: null } });
    expect(erased.body.erasedAt).not.toBeNull();
    expect(erased.body.victims).toEqual(made.victims);

    const row = await rawRow(made.id);
    expect(row.wrapped_key).toBeNull();
    expect(row.sensitive_enc).toBeNull();
    const versions = await env.db.pool.query<{ identifying_enc: Buffer | null }>('SELECT identifying_enc FROM incident_versions WHERE incident_id = $1', [made.id]);
    expect(versions.rows.map((v) => v.identifying_enc)).toEqual([null, null, null]);
    const history = (await as.coordinator.get<IncidentHistory>(`/api/incidents/${made.id}/history`)).body.items;
    expect(history.map((v) => v.action)).toEqual(['create', 'update', 'erase']);
    expect(JSON.stringify(history)).not.toContain(NARRATIVE_MARKER);
    expect((await as.coordinator.get<IncidentDetail>(`/api/incidents/${made.id}`)).body.narrative).toBe('');

    const entry = (await audit(made.id, 'incident.erase'))[0]!;
    expect(entry.details).toMatchObject({ remainingConsent: ['aggregate_statistics'] });
    expect(JSON.stringify(entry.details)).not.toContain('withdrew');
  });

  it('refuses to erase twice or to refill identifying fields, but lets restricted fields be corrected', async () => {
    const made = await create(as.monitor);
    expect((await as.coordinator.post(`/api/incidents/${made.id}/erase`, { version: 1, reason: 'consent withdrawn', remainingConsent: ['agency_only'] })).status).toBe(200);
    expect(errorOf(await as.coordinator.post(`/api/incidents/${made.id}/erase`, { version: 2, reason: 'again', remainingConsent: ['agency_only'] })).code).toBe('erased');
    expect(errorOf(await as.monitor.patch(`/api/incidents/${made.id}`, { version: 2, narrative: 'refill' })).code).toBe('erased');
    const fix = await as.monitor.patch<IncidentDetail>(`/api/incidents/${made.id}`, { version: 2, perpetrators: [{ party: 'Corrected party (TEST)' }] });
    expect(fix.status).toBe(200);
    expect(fix.body.narrative).toBe('');
  });

  it('records consent, the most protective scope when none is given, and refuses agency_only mixed with others', async () => {
    expect((await create(as.monitor)).consent).toEqual(['agency_only']);
    const mixed = await as.monitor.post('/api/incidents', sampleIncident({ consent: ['agency_only', 'referral'] }));
    expect(mixed.status).toBe(400);
    expect(errorOf(mixed).issues?.[0]?.field).toBe('consent');
  });
});
