/**
 * The organisation's settings: strict defaults, administrators change them (audited), coordinators read
 * them, every member reads the recording rules its forms need; two-factor "mandatory" is stored and shown.
 */
import { describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { signedIn, type Client } from '../../test/helpers/http.ts';
import { errorOf, fieldsOf, incidentTestEnv } from '../incidents/incident-test-kit.ts';
import type { OrganisationSettings, OrganisationSettingsUpdate, RecordingRules } from '../shared/organisation.ts';

const WANTED: OrganisationSettingsUpdate = {
  fourEyes: { mode: 'recorder_justified', reviewers: [] },
  completeness: { minSourcesToVerify: 1, requireAdmin1: true, requireAdmin2: false, requirePerpetratorToVerify: false },
  narrativeMaxLength: 4000, requireTotp: true,
};

describe.each(testServers())('organisation settings on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as } = env;
  // One session for the file: once two-factor is mandatory, a new sign-in must enrol first.
  let admin: Client;

  it('starts strict: same-organisation four eyes, nothing required, the full narrative length', async () => {
    const r = await as.coordinator.get<OrganisationSettings>('/api/organisation/settings');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      organisation: { code: 'ORG-A' }, fourEyes: { mode: 'same_organisation', reviewers: [] },
      completeness: { minSourcesToVerify: 0, requireAdmin1: false, requireAdmin2: false, requirePerpetratorToVerify: false },
      narrativeMaxLength: 50000, requireTotp: false, updatedAt: null,
    });
    const rules = await as.monitor.get<RecordingRules>('/api/organisation/rules');
    expect(rules.body).toEqual({ fourEyesMode: 'same_organisation', reviewers: [], completeness: r.body.completeness, narrativeMaxLength: 50000 });
  });

  it('lets administrators change them, audited; coordinators read them; others neither', async () => {
    admin = await signedIn(env.srv.base, env.A.admin.email);
    expect((await as.coordinator.request('PUT', '/api/organisation/settings', WANTED)).status).toBe(403);
    expect((await as.monitor.get('/api/organisation/settings')).status).toBe(403);
    const r = await admin.request<OrganisationSettings>('PUT', '/api/organisation/settings', WANTED);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ fourEyes: { mode: 'recorder_justified' }, completeness: WANTED.completeness, narrativeMaxLength: 4000, requireTotp: true, updatedBy: env.A.admin.id });
    const { rows } = await env.db.pool.query<{ details: Record<string, unknown>; require_totp?: boolean }>("SELECT details FROM audit_log WHERE action = 'organisation.settings_update'");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.details).toMatchObject({ changed: ['fourEyes.mode', 'completeness', 'narrativeMaxLength', 'requireTotp'] });
    const org = await env.db.pool.query<{ require_totp: boolean }>("SELECT require_totp FROM organisations WHERE code = 'ORG-A'");
    expect(org.rows[0]!.require_totp).toBe(true);
    // Two-factor is now mandatory: open sessions without it go to enrolment before anything else.
    const blocked = await as.coordinator.get('/api/organisation/settings');
    expect([blocked.status, errorOf(blocked).code]).toEqual([403, 'totp_enrolment_required']);
    await env.db.pool.query("UPDATE organisations SET require_totp = false WHERE code = 'ORG-A'");
    expect((await as.coordinator.get<OrganisationSettings>('/api/organisation/settings')).body.narrativeMaxLength).toBe(4000);
    // Another organisation's settings are untouched.
    expect((await as.coordinatorB.get<OrganisationSettings>('/api/organisation/settings')).body.fourEyes.mode).toBe('same_organisation');
  });

  it('refuses bad settings by field, changing nothing', async () => {
    const bad = await admin.request('PUT', '/api/organisation/settings', {
      ...WANTED, narrativeMaxLength: 10, completeness: { ...WANTED.completeness, minSourcesToVerify: -1 }, fourEyes: { mode: 'anyone', reviewers: [] },
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad).sort()).toEqual(['completeness.minSourcesToVerify', 'fourEyes.mode', 'narrativeMaxLength']);
    expect((await admin.get<OrganisationSettings>('/api/organisation/settings')).body.narrativeMaxLength).toBe(4000);
  });
});
