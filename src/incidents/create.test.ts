/**
 * Recording incidents over real HTTP against a real database, on every configured PostgreSQL server:
 * references, encryption at rest, and validation of what is sent. Shared setup is in incident-test-kit.ts.
 */
import { describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { sampleIncident } from '../../test/helpers/http.ts';
import type { IncidentDetail } from '../shared/incident.ts';
import { errorOf, incidentTestEnv, isoDay, LOCALITY, NARRATIVE_MARKER, sorted } from './incident-test-kit.ts';

describe.each(testServers())('incidents on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as, A, incidentCount, rawRow, create, audit, auditMentions } = env;

  describe('recording', () => {
    it('records the context (setting, time of day, displacement stage, abduction, detention), unknown as null', async () => {
      // In ORG-L, so the reference sequence of ORG-A below is untouched.
      const made = await create(as.monitorL, { context: { setting: 'checkpoint', timeOfDay: 'night', displacementStage: 'during_flight', abduction: true } });
      expect(made.context).toEqual({ setting: 'checkpoint', timeOfDay: 'night', displacementStage: 'during_flight', abduction: true, detention: null });
      const bare = await create(as.monitorL);
      expect(bare.context).toEqual({ setting: null, timeOfDay: null, displacementStage: null, abduction: null, detention: null });
      const changed = await as.monitorL.patch<IncidentDetail>(`/api/incidents/${made.id}`, { version: 1, context: { setting: 'camp' } });
      expect(changed.body.context).toMatchObject({ setting: 'camp', timeOfDay: null });
    });

    it('gives references per organisation and year, in sequence, also under concurrent creation', async () => {
      const first = await create(as.monitor);
      const second = await create(as.monitor);
      expect(first.reference).toBe('ORG-A-2025-0001');
      expect(second.reference).toBe('ORG-A-2025-0002');
      expect(first).toMatchObject({
        createdBy: A.monitor.id, organisationId: A.monitor.organisationId, version: 1,
        verification: { status: 'reported', notVerifiedReason: null, decidedAt: null, decidedBy: null },
        victims: { women: 2, girls: 1, men: 0, boys: 0, unknown: 0 },
      });
      expect(first.violations.map((v) => v.form)).toEqual(['rape', 'sexual_slavery']);
      expect((await create(as.monitor, { occurredFrom: '2024-07-01' })).reference).toBe('ORG-A-2024-0001');
      expect((await create(as.coordinatorB)).reference).toBe('ORG-B-2025-0001');

      const parallel = await Promise.all(Array.from({ length: 5 }, () => as.monitor.post<IncidentDetail>('/api/incidents', sampleIncident())));
      for (const p of parallel) expect(p.status).toBe(201);
      expect(sorted(parallel.map((p) => p.body.reference))).toEqual(['0003', '0004', '0005', '0006', '0007'].map((n) => `ORG-A-2025-${n}`));
      const created = await audit(first.id, 'incident.create');
      expect(created).toHaveLength(1);
      expect(created[0]!.details).toEqual({ reference: 'ORG-A-2025-0001', violations: 2, status: 'reported' });
    });

    it('returns identifying fields decrypted on the detail, and stores them only encrypted', async () => {
      const sample = sampleIncident();
      const made = await create(as.monitor);
      const other = await create(as.monitor);
      const r = await as.monitor.get<IncidentDetail>(`/api/incidents/${made.id}`);
      expect(r.status).toBe(200);
      expect(r.body.narrative).toBe(sample.narrative);
      expect(r.body.place).toEqual({ ...sample.place, admin2: null, displayLevel: 'admin2' });
      expect(r.body.place.coordinates).toEqual({ lat: 4.36, lon: 18.55, precision: 'approximate' });

      const row = await rawRow(made.id);
      expect(row.wrapped_key).toBeInstanceOf(Buffer);
      expect(row.wrapped_key!.length).toBe(69);
      expect(row.sensitive_enc!.includes(Buffer.from(NARRATIVE_MARKER))).toBe(false);
      expect(row.sensitive_enc!.includes(Buffer.from(LOCALITY))).toBe(false);
      expect(row.sensitive_enc!.includes(Buffer.from('"lat"'))).toBe(false);
      // Not elsewhere in the row or in its violations either.
      const { rows: text } = await env.db.pool.query<{ t: string }>(
        `SELECT row_to_json(i)::text AS t FROM incidents i WHERE id = $1
         UNION ALL SELECT row_to_json(v)::text FROM violations v WHERE incident_id = $1`, [made.id]);
      expect(text.length).toBe(3);
      for (const t of text) for (const secret of [NARRATIVE_MARKER, LOCALITY, '18.55']) expect(t.t).not.toContain(secret);
      // Each record has its own data key.
      expect((await rawRow(other.id)).wrapped_key!.equals(row.wrapped_key!)).toBe(false);

      // Summaries never carry identifying fields.
      const listed = await as.monitor.get('/api/incidents?pageSize=200');
      const listedText = JSON.stringify(listed.body);
      expect(listedText).toContain(made.id);
      for (const secret of [NARRATIVE_MARKER, LOCALITY, '"coordinates"', '"narrative"', '"locality"']) expect(listedText).not.toContain(secret);
      expect(await auditMentions(NARRATIVE_MARKER)).toBe(0);
      expect(await auditMentions(LOCALITY)).toBe(0);
    });

    it('does not decrypt a record\'s ciphertext copied onto another record, and leaks nothing', async () => {
      const source = await create(as.monitor);
      const target = await create(as.monitor, { narrative: 'harmless', place: { country: 'CAF' } });
      await env.db.pool.query(
        'UPDATE incidents t SET wrapped_key = s.wrapped_key, sensitive_enc = s.sensitive_enc FROM incidents s WHERE s.id = $1 AND t.id = $2',
        [source.id, target.id]);
      const r = await as.monitor.get(`/api/incidents/${target.id}`);
      expect(r.status).toBe(500);
      expect(errorOf(r).code).toBe('internal_error');
      const text = JSON.stringify(r.body);
      for (const secret of [NARRATIVE_MARKER, LOCALITY, 'harmless', 'decrypt']) expect(text).not.toContain(secret);
    });
  });

  describe('validation', () => {
    const base = () => sampleIncident();
    const cases: [string, () => unknown, string, string?][] = [
      ['occurredTo before occurredFrom', () => ({ ...base(), occurredTo: '2025-03-01' }), 'occurredTo', 'before_start'],
      ['a violation counting more girls than the incident', () => ({
        ...base(), violations: [{ form: 'rape', victims: { women: 2, girls: 2 } }],
      }), 'violations.0.victims.girls', 'exceeds_incident'],
      ['a form outside the taxonomy', () => ({ ...base(), violations: [{ form: 'rape', victims: { women: 1 } }, { form: 'bogus_form', victims: { women: 1 } }] }), 'violations.1.form'],
      ['a violation without victims', () => ({ ...base(), violations: [{ form: 'rape', victims: {} }] }), 'violations.0.victims', 'violation_no_victims'],
      ['missing violations', () => { const { violations: _v, ...rest } = base(); return rest; }, 'violations', 'required'],
      ['an empty list of violations', () => ({ ...base(), violations: [] }), 'violations', 'too_few'],
      ['not_verified without a reason', () => ({ ...base(), verification: { status: 'not_verified' } }), 'verification.notVerifiedReason', 'reason_required'],
      ['a reason without not_verified', () => ({ ...base(), verification: { status: 'pending', notVerifiedReason: 'other' } }), 'verification.notVerifiedReason'],
      ['a date in the future', () => ({ ...base(), occurredFrom: isoDay(2) }), 'occurredFrom', 'in_future'],
      ['a date that is not a date', () => ({ ...base(), occurredFrom: '2025-02-30' }), 'occurredFrom'],
      ['a negative count', () => ({ ...base(), victims: { women: -1, girls: 1 } }), 'victims.women'],
      ['a latitude out of range', () => ({ ...base(), place: { country: 'CAF', coordinates: { lat: 91, lon: 0, precision: 'exact' } } }), 'place.coordinates.lat'],
      ['a NUL character in free text', () => ({ ...base(), perpetrators: [{ party: 'Group\u0000A' }] }), 'perpetrators.0.party', 'no_nul'],
      ['a date before 1900', () => ({ ...base(), occurredFrom: '0001-01-01' }), 'occurredFrom', 'date_too_early'],
      ['a lower-case country', () => ({ ...base(), place: { country: 'caf' } }), 'place.country'],
      ['a setting outside the list', () => ({ ...base(), context: { setting: 'office' } }), 'context.setting', 'unknown_code'],
      ['an assignee that is not a UUID', () => ({ ...base(), assignedTo: ['someone'] }), 'assignedTo.0'],
      // Unknown keys are reported on the key itself.
      ['an unknown top-level key', () => ({ ...base(), survivorName: 'X' }), 'survivorName', 'unknown_field'],
      ['an unknown nested key', () => ({ ...base(), place: { country: 'CAF', village: 'X' } }), 'place.village', 'unknown_field'],
    ];

    it.each(cases)('refuses %s, naming the field, and stores nothing', async (_name, body, field, code) => {
      const before = await incidentCount();
      const r = await as.coordinator.post('/api/incidents', body());
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(errorOf(r).code).toBe('validation_failed');
      const issue = errorOf(r).issues?.find((i) => i.field === field);
      expect(issue, `issues: ${JSON.stringify(errorOf(r).issues)}`).toBeDefined();
      if (code) expect(issue!.code).toBe(code);
      expect(issue!.message).toMatch(/^.+: .+/u);
      expect(await incidentCount()).toBe(before);
    });

    it('refuses a malformed or empty JSON body with invalid_json and no internals', async () => {
      const before = await incidentCount();
      for (const text of ['{"occurredFrom": "2025-03-14", ', '']) {
        const r = await as.monitor.request('POST', '/api/incidents', text, { 'content-type': 'application/json' });
        expect(r.status, text).toBe(400);
        expect(errorOf(r).code).toBe('invalid_json');
        const out = JSON.stringify(r.body);
        expect(out).not.toMatch(/\bat .*(\/|\\)node_modules/);
        expect(out).not.toContain('node_modules');
        expect(out).not.toContain('Error:');
        expect(out).not.toMatch(/\.(ts|js):\d+/);
      }
      expect(await incidentCount()).toBe(before);
    });
  });
});
