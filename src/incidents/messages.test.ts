/**
 * Validation answers people can read: bad input sent with Accept-Language fr or ar gets one issue per
 * problem, each with its stable code and a message in that language naming the field by its label.
 */
import { describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { sampleIncident } from '../../test/helpers/http.ts';
import { incidentTestEnv } from './incident-test-kit.ts';

interface Issue { field: string; code: string; params?: Record<string, string | number>; message: string }
interface Refusal { error: { code: string; message: string; issues: Issue[] } }

const bad = {
  ...sampleIncident(),
  occurredFrom: '09/05/2020',
  place: { country: 'caf' },
  victims: { women: -3 },
  violations: [{ form: 'rape', victims: { women: 1 } }],
  consent: [],
};

describe.each(testServers())('validation messages on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as } = env;
  const send = (lang: string, body: unknown) => as.monitor.request<Refusal>('POST', '/api/incidents', body, { 'accept-language': lang });

  it('answers in French: one message per problem, the field by its French label, with the code', async () => {
    const r = await send('fr-FR,fr;q=0.9,en;q=0.5', bad);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    const issues = r.body.error.issues;
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['occurredFrom', 'date_format'], ['place.country', 'country_code'], ['victims.women', 'not_negative'], ['consent', 'consent_required'],
    ]);
    // A negative number is one problem, said once (no "must not exceed" or "count at least one victim" beside it).
    expect(issues.filter((i) => i.field.includes('victims'))).toHaveLength(1);
    const byField = Object.fromEntries(issues.map((i) => [i.field, i.message]));
    expect(byField.occurredFrom).toBe('Date (début) : saisissez une date complète (jour, mois et année)');
    expect(byField['victims.women']).toBe('Victimes – Femmes : ne peut pas être inférieur à 0');
    expect(byField.consent).toContain('Consentement de la personne survivante : ');
    expect(byField.consent).toContain('« Organisation uniquement »');
    expect(r.body.error.message).toMatch(/^Certains champs sont à corriger : Date \(début\) :/u);
    // Nothing of the English sentences of old, nor internal names.
    expect(JSON.stringify(r.body)).not.toMatch(/YYYY|ISO 3166|occurredFrom:|agency_only when/u);
  });

  it('answers in Arabic with the Arabic labels, and a rule across fields names the other field', async () => {
    const r = await send('ar', { ...sampleIncident(), occurredFrom: '2024-05-09', occurredTo: '2024-05-01' });
    expect(r.status).toBe(400);
    expect(r.body.error.issues).toEqual([
      { field: 'occurredTo', code: 'before_start', params: { otherField: 'occurredFrom' }, message: 'التاريخ (إلى): لا يمكن أن يكون قبل «التاريخ (من)»' },
    ]);
    const neg = await send('ar', bad);
    expect(neg.body.error.issues.find((i) => i.field === 'victims.women')?.message).toBe('الضحايا – نساء: لا يمكن أن يقل عن 0');
  });

  it('answers in English without a preference, and names an unknown field as sent', async () => {
    const r = await send('de', { ...sampleIncident(), surprise: 1 });
    expect(r.body.error.issues).toEqual([{ field: 'surprise', code: 'unknown_field', message: 'surprise: is not a field of this form' }]);
  });

  it('words a query string and a service rule (a patch merged whole) by code too', async () => {
    const list = await as.monitor.request<Refusal>('GET', '/api/incidents?pageSize=500&from=2020-13-01', undefined, { 'accept-language': 'fr' });
    expect(list.status).toBe(400);
    expect(list.body.error.issues.map((i) => [i.field, i.code, i.params])).toEqual([['from', 'date_format', undefined], ['pageSize', 'too_large', { max: 200 }]]);
    expect(list.body.error.issues[1]!.message).toBe('Lignes par page : saisissez 200 au plus');
    const made = await env.create(as.monitor);
    const patch = await as.monitor.request<Refusal>('PATCH', `/api/incidents/${made.id}`, { version: made.version, occurredTo: '1999-01-01' }, { 'accept-language': 'fr' });
    expect(patch.status).toBe(400);
    expect(patch.body.error.issues).toEqual([
      { field: 'occurredTo', code: 'before_start', params: { otherField: 'occurredFrom' }, message: 'Date (fin) : ne peut pas être avant « Date (début) »' },
    ]);
  });
});
