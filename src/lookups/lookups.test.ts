/**
 * Lookups over real HTTP: an organisation adds its own values to extensible lists with translated labels;
 * incidents may use them (and only their own organisation's), retired values stay on the records that have
 * them but cannot be chosen anew.
 */
import { describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { sampleIncident } from '../../test/helpers/http.ts';
import type { IncidentDetail } from '../shared/incident.ts';
import { codeFromLabel, type Lookup } from '../shared/lookup.ts';
import { errorOf, fieldsOf, incidentTestEnv } from '../incidents/incident-test-kit.ts';

describe('codes made from labels', () => {
  it('are x_ followed by the label in lower case ASCII', () => {
    expect(codeFromLabel('Mine site (artisanal)')).toBe('x_mine_site_artisanal');
    expect(codeFromLabel('Centre de santé')).toBe('x_centre_de_sante');
    expect(codeFromLabel('موقع')).toBe('x_value');
  });
});

describe.each(testServers())('lookups on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as, create } = env;

  it('lets coordinators add values with labels in three languages, and every member read them', async () => {
    const made = await as.coordinator.post<Lookup>('/api/lookups', { list: 'setting', labels: { en: 'Mine site', fr: 'Site minier', ar: 'موقع تعدين' } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ list: 'setting', code: 'x_mine_site', labels: { en: 'Mine site', fr: 'Site minier', ar: 'موقع تعدين' }, active: true });
    for (const reader of [as.monitor, as.partner, as.viewer, as.admin]) {
      const seen = await reader.get<{ items: Lookup[] }>('/api/lookups');
      expect(seen.body.items.map((l) => l.code)).toContain('x_mine_site');
    }
    expect((await as.coordinatorB.get<{ items: Lookup[] }>('/api/lookups')).body.items).toEqual([]);
    expect((await as.monitor.post('/api/lookups', { list: 'setting', labels: { en: 'Road' } })).status).toBe(403);
    const again = await as.coordinator.post('/api/lookups', { list: 'setting', labels: { en: 'Mine site' } });
    expect(again.status).toBe(409);
    expect(fieldsOf(again)).toEqual(['code']);
    const badList = await as.coordinator.post('/api/lookups', { list: 'form', labels: { en: 'Groping' } });
    expect(fieldsOf(badList)).toContain('list');
    const badCode = await as.coordinator.post('/api/lookups', { list: 'service', code: 'shelter', labels: { en: 'Shelter' } });
    expect(fieldsOf(badCode)).toContain('code');
  });

  it("accepts an incident's own organisation's values only, and keeps retired ones where they are", async () => {
    const service = (await as.coordinator.post<Lookup>('/api/lookups', { list: 'service', labels: { en: 'Safe shelter', fr: 'Abri sûr' } })).body;
    const sourceType = (await as.coordinator.post<Lookup>('/api/lookups', { list: 'sourceType', labels: { en: 'Community alert network' } })).body;
    await as.coordinatorB.post('/api/lookups', { list: 'setting', labels: { en: 'Other organisation site' } });

    const made = await create(as.monitor, {
      context: { setting: 'x_mine_site' }, sources: [{ type: sourceType.code }],
      consent: ['referral'], referrals: [{ service: service.code, consented: true }],
    });
    expect(made.context.setting).toBe('x_mine_site');
    expect(made.sources[0]!.type).toBe('x_community_alert_network');

    const foreign = await as.monitor.post('/api/incidents', sampleIncident({ context: { setting: 'x_other_organisation_site' } }));
    expect(foreign.status).toBe(400);
    expect(errorOf(foreign).issues).toEqual([{ field: 'context.setting', code: 'org_code_unknown', params: { value: 'x_other_organisation_site' }, message: 'Setting: is not one of your organisation’s values' }]);
    const malformed = await as.monitor.post('/api/incidents', sampleIncident({ context: { setting: 'Mine site' } }));
    expect(fieldsOf(malformed)).toContain('context.setting');

    // Retired: not for new choices, but the record that has it keeps it through other changes.
    const retired = await as.coordinator.patch<Lookup>(`/api/lookups/${service.id}`, { active: false });
    expect(retired.body.active).toBe(false);
    const edit = await as.monitor.patch<IncidentDetail>(`/api/incidents/${made.id}`, { version: made.version, narrative: 'changed after the service closed' });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect(edit.body.referrals[0]!.service).toBe(service.code);
    const fresh = await as.monitor.post('/api/incidents', sampleIncident({ consent: ['referral'], referrals: [{ service: service.code, consented: true }] }));
    expect(errorOf(fresh).issues).toEqual([{ field: 'referrals.0.service', code: 'org_code_retired', params: { value: service.code }, message: 'Referral 1 – Service: your organisation no longer uses this value: choose another' }]);
    expect((await as.coordinatorB.patch(`/api/lookups/${service.id}`, { active: true })).status).toBe(404);
  });
});
