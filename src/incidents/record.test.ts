/**
 * The full record: individual pseudonymous victims (sealed with the narrative), alleged perpetrators,
 * sources and referrals (restricted, in clear for filters and exports), their rules, versions, erasure,
 * list filters and export columns. Over real HTTP on every configured PostgreSQL server.
 */
import { describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { sampleIncident } from '../../test/helpers/http.ts';
import { survivorCategory, type IncidentDetail, type IncidentHistory, type Survivor } from '../shared/incident.ts';
import { errorOf, fieldsOf, ids, incidentTestEnv } from './incident-test-kit.ts';

const SURVIVOR_CODE = 'S-CANARY-7731';
const full = {
  victims: { women: 2, girls: 1 },
  survivors: [
    { code: SURVIVOR_CODE, sex: 'female', age: 34, disability: true, displacement: 'internally_displaced', nationality: 'CAF' },
    { code: 'S-7732', sex: 'female', ageGroup: 'age_12_17', child: true },
  ],
  perpetrators: [
    { party: 'Armed group (TEST-AG-9)', category: 'non_state_armed_group', number: 4, inUniform: true, rank: 'Commander (TEST)' },
    { category: 'unknown' },
  ],
  sources: [
    { type: 'survivor', reliability: 'high', connection: 'first_hand', date: '2025-03-20', organisation: 'Clinic C-77 (TEST)' },
    { type: 'service_provider', reliability: 'moderate', connection: 'second_hand', organisation: 'NGO N-5 (TEST)' },
    { type: 'monitor' },
  ],
  referrals: [
    { service: 'health', status: 'received', date: '2025-03-21', provider: 'Health centre H-1 (TEST)', consented: true },
    { service: 'legal', status: 'declined', consented: false },
  ],
  consent: ['aggregate_statistics', 'referral'],
};

describe('individual victims fall in the tally categories', () => {
  const s = (o: Partial<Survivor>): Survivor => ({ code: 'S-1', sex: 'female', ...o });
  it('uses the child flag, else the age, else the age group', () => {
    expect(survivorCategory(s({ child: true, age: 30 }))).toBe('girls');
    expect(survivorCategory(s({ age: 17 }))).toBe('girls');
    expect(survivorCategory(s({ age: 18 }))).toBe('women');
    expect(survivorCategory(s({ sex: 'male', ageGroup: 'age_5_11' }))).toBe('boys');
    expect(survivorCategory(s({ sex: 'male', ageGroup: 'age_60_plus' }))).toBe('men');
    expect(survivorCategory(s({}))).toBe('unknown');
    expect(survivorCategory(s({ sex: 'other', age: 20 }))).toBe('unknown');
  });
});

describe.each(testServers())('the full record on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as, create, rawRow, list } = env;

  it('records victims, perpetrators, sources and referrals, unknown as null, and seals individual victims', async () => {
    const made = await create(as.monitor, full);
    expect(made.survivors).toEqual([
      { code: SURVIVOR_CODE, sex: 'female', age: 34, ageGroup: null, child: null, disability: true, displacement: 'internally_displaced', nationality: 'CAF' },
      { code: 'S-7732', sex: 'female', age: null, ageGroup: 'age_12_17', child: true, disability: null, displacement: null, nationality: null },
    ]);
    expect(made.perpetrators).toEqual([
      { party: 'Armed group (TEST-AG-9)', partyId: null, partyChoice: null, category: 'non_state_armed_group', number: 4, inUniform: true, rank: 'Commander (TEST)' },
      { party: null, partyId: null, partyChoice: null, category: 'unknown', number: null, inUniform: null, rank: null },
    ]);
    expect(made.perpetratorParty).toBe('Armed group (TEST-AG-9)');
    expect(made.sources).toHaveLength(3);
    expect(made.sources[2]).toEqual({ type: 'monitor', reliability: 'unknown', connection: 'unknown', date: null, organisation: null });
    expect(made.referrals[1]).toEqual({ service: 'legal', status: 'declined', date: null, provider: null, consented: false });

    const read = await as.monitor.get<IncidentDetail>(`/api/incidents/${made.id}`);
    expect(read.body.survivors).toEqual(made.survivors);
    expect(read.body.sources).toEqual(made.sources);

    // The survivor code and profile exist only inside the sealed part.
    const row = await rawRow(made.id);
    const { rows } = await env.db.pool.query<{ t: string }>(
      `SELECT row_to_json(i)::text AS t FROM incidents i WHERE id = $1 UNION ALL SELECT row_to_json(v)::text FROM incident_versions v WHERE incident_id = $1`, [made.id]);
    for (const r of rows) expect(r.t).not.toContain(SURVIVOR_CODE);
    expect(row.sensitive_enc!.includes(Buffer.from(SURVIVOR_CODE))).toBe(false);
    const listed = JSON.stringify(await list(as.monitor));
    expect(listed).not.toContain(SURVIVOR_CODE);
    expect(listed).not.toContain('"survivors"');
    const { rows: audit } = await env.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM audit_log a WHERE strpos(row_to_json(a)::text, $1) > 0', [SURVIVOR_CODE]);
    expect(Number(audit[0]!.n)).toBe(0);
  });

  it('names the field and the rule for every inconsistent entry, and stores nothing', async () => {
    const before = await env.incidentCount();
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['a name instead of a code', { survivors: [{ code: 'Amina', sex: 'female' }] }, 'survivors.0.code', 'survivor_code'],
      ['a code with spaces', { survivors: [{ code: 'Amina K 1', sex: 'female' }] }, 'survivors.0.code', 'survivor_code'],
      ['a repeated code', { survivors: [{ code: 'S-1', sex: 'female', age: 30 }, { code: 's-1', sex: 'female', age: 31 }] }, 'survivors.1.code', 'survivor_code_repeated'],
      ['an age outside its group', { survivors: [{ code: 'S-1', sex: 'female', age: 30, ageGroup: 'age_12_17' }] }, 'survivors.0.ageGroup', 'age_mismatch'],
      ['a child flag against the age', { survivors: [{ code: 'S-1', sex: 'female', age: 30, child: true }] }, 'survivors.0.child', 'age_mismatch'],
      ['more girls listed than counted', { survivors: [{ code: 'S-1', sex: 'female', age: 9 }, { code: 'S-2', sex: 'female', age: 10 }] }, 'survivors', 'entries_exceed_tally'],
      ['a referral without consent', { consent: ['referral'], referrals: [{ service: 'health', consented: false }] }, 'referrals.0.consented', 'referral_consent'],
      ['an unknown perpetrator category', { perpetrators: [{ category: 'bandits' }] }, 'perpetrators.0.category', 'unknown_code'],
      ['a perpetrator count of zero', { perpetrators: [{ number: 0 }] }, 'perpetrators.0.number', 'too_small'],
      ['an unknown source type', { sources: [{ type: 'rumour' }] }, 'sources.0.type', 'unknown_code'],
      ['a source date in the future', { sources: [{ type: 'witness', date: '2999-01-01' }] }, 'sources.0.date', 'in_future'],
    ];
    for (const [what, overrides, field, code] of cases) {
      const r = await as.monitor.post('/api/incidents', sampleIncident(overrides));
      expect(r.status, what).toBe(400);
      expect(fieldsOf(r), what).toContain(field);
      const issue = errorOf(r).issues!.find((i) => i.field === field)!;
      expect(issue.code, what).toBe(code);
    }
    expect(await env.incidentCount()).toBe(before);
  });

  it('keeps individual victims in every version, sealed, and shreds them on erasure for good', async () => {
    const made = await create(as.monitor, full);
    const changed = await as.monitor.patch<IncidentDetail>(`/api/incidents/${made.id}`, {
      version: 1, survivors: [{ code: 'S-7733', sex: 'female', age: 40 }],
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const history = await as.monitor.get<IncidentHistory>(`/api/incidents/${made.id}/history`);
    expect(history.body.items.map((v) => v.changedFields)).toEqual([[], ['survivors']]);
    expect(history.body.items[0]!.snapshot.survivors.map((s) => s.code)).toEqual([SURVIVOR_CODE, 'S-7732']);
    expect(history.body.items[1]!.snapshot.survivors.map((s) => s.code)).toEqual(['S-7733']);
    expect(history.body.items[1]!.snapshot.sources).toHaveLength(3);

    const erased = await as.coordinator.post<IncidentDetail>(`/api/incidents/${made.id}/erase`, { version: 2, reason: 'survivor withdrew consent (TEST)', remainingConsent: ['aggregate_statistics'] });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body.survivors).toEqual([]);
    // The restricted part stays (what consent allows), referrals made with consent at the time included.
    expect(erased.body.perpetrators).toHaveLength(2);
    const after = await as.coordinator.get<IncidentHistory>(`/api/incidents/${made.id}/history`);
    for (const v of after.body.items) expect(v.snapshot.survivors).toEqual([]);
    const refill = await as.coordinator.patch(`/api/incidents/${made.id}`, { version: 3, survivors: [{ code: 'S-9', sex: 'female', age: 30 }] });
    expect(refill.status).toBe(409);
    expect(errorOf(refill).message).toMatch(/individual victims/);
  });

  it('filters by party, victim category and source organisation', async () => {
    const girlsOnly = await create(as.coordinatorL, {
      victims: { girls: 2 }, violations: [{ form: 'rape', victims: { girls: 2 } }],
      perpetrators: [{ party: 'Militia M-4 (TEST)', category: 'pro_government_militia' }], sources: [{ type: 'service_provider', organisation: 'Mobile clinic Q (TEST)' }],
    });
    const men = await create(as.coordinatorL, {
      victims: { men: 1 }, violations: [{ form: 'sexual_torture', victims: { men: 1 } }],
      perpetrators: [{ party: 'State forces S-2 (TEST)', category: 'state_forces' }], sources: [{ type: 'monitor', organisation: 'Patrol unit 3 (TEST)' }],
    });
    expect(ids(await list(as.coordinatorL, 'party=militia'))).toEqual([girlsOnly.id]);
    expect(ids(await list(as.coordinatorL, 'victim=men,boys'))).toEqual([men.id]);
    expect(ids(await list(as.coordinatorL, 'victim=girls'))).toEqual([girlsOnly.id]);
    expect(ids(await list(as.coordinatorL, 'sourceOrg=mobile%20clinic'))).toEqual([girlsOnly.id]);
    expect(ids(await list(as.coordinatorL, 'sourceOrg=%25'))).toEqual([]);
    const bad = await as.coordinatorL.get('/api/incidents?victim=elders');
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toContain('victim.0');
  });

  it('shows a shared place no finer than the display level a coordinator chose', async () => {
    const fine = await create(as.coordinatorL, { place: { country: 'MLI', admin1: 'ML-6', admin2: 'ML-6-D1' } });
    const district = await create(as.coordinatorL, { place: { country: 'MLI', admin1: 'ML-6', admin2: 'ML-6-D1', displayLevel: 'admin1' } });
    const country = await create(as.coordinatorL, { place: { country: 'MLI', admin1: 'ML-6', admin2: 'ML-6-D1', displayLevel: 'country' } });
    expect(district.place).toMatchObject({ admin1: 'ML-6', admin2: 'ML-6-D1', displayLevel: 'admin1' }); // the agency keeps the full place
    const r = await as.coordinatorL.get<{ items: Record<string, unknown>[] }>('/api/incidents/export?format=json');
    const row = (ref: string) => r.body.items.find((i) => i.reference === ref)!;
    expect(row(fine.reference)).toMatchObject({ country: 'MLI', admin1: 'ML-6', admin2: 'ML-6-D1' });
    expect(row(district.reference)).toMatchObject({ country: 'MLI', admin1: 'ML-6', admin2: null });
    expect(row(country.reference)).toMatchObject({ country: 'MLI', admin1: null, admin2: null });
    const bad = await as.coordinatorL.post('/api/incidents', sampleIncident({ place: { country: 'MLI', displayLevel: 'village' } }));
    expect(fieldsOf(bad)).toContain('place.displayLevel');
  });

  it('exports perpetrator categories, sources and referral services, never individual victims', async () => {
    const made = await create(as.coordinatorB, full);
    const r = await as.coordinatorB.request('GET', '/api/incidents/export?format=json');
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).not.toContain(SURVIVOR_CODE);
    const row = (r.body as { items: Record<string, unknown>[] }).items.find((i) => i.reference === made.reference)!;
    expect(row).toMatchObject({
      alleged_perpetrator: 'Armed group (TEST-AG-9)', perpetrator_categories: 'non_state_armed_group;unknown', perpetrators_number: 4,
      perpetrators_in_uniform: true, sources_count: 3, source_types: 'survivor;service_provider;monitor',
      source_organisations: 'Clinic C-77 (TEST);NGO N-5 (TEST)', referral_services: 'health',
    });
  });
});
