/**
 * What a security review of the import found, fixed and kept fixed: a re-import cannot reach, change or probe
 * records its importer may not change; it never widens consent (nor after erasure); a row split by a stray
 * quote is rejected, never read shifted into clear columns; a mapping cannot hand every unknown consent a
 * wider scope or name codes a field does not have; only area-like names are kept. On every configured server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { startTestJobs } from '../../test/helpers/jobs.ts';
import type { IncidentDetail, IncidentList } from '../shared/incident.ts';
import type { ImportMappingInput } from '../shared/import.ts';
import { fieldsOf, incidentTestEnv } from '../incidents/incident-test-kit.ts';
import { run, upload } from './import-test-kit.ts';

const MAPPING: ImportMappingInput = {
  columns: { externalId: 'id', occurredFrom: 'date', country: 'country', forms: 'form', victimsWomen: 'women', consent: 'consent', narrative: 'story' },
};
const file = (rows: string[]) => Buffer.from(`id,date,country,form,women,consent,story\n${rows.join('\n')}\n`);

describe.each(testServers())('import review fixes on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as } = env;
  let stopJobs: () => Promise<void>;
  beforeAll(async () => { stopJobs = await startTestJobs(env.ctx, env.db.url); });
  afterAll(async () => { await stopJobs(); });
  const record = async (externalId: string) => {
    const item = (await as.coordinator.get<IncidentList>('/api/incidents?pageSize=200')).body.items.find((i) => i.externalId === externalId)!;
    return (await as.coordinator.get<IncidentDetail>(`/api/incidents/${item.id}`)).body;
  };

  it('never lets a re-import reach a record its importer may not change, nor tells it anything about it', async () => {
    await run(as.coordinator, (await upload(as.coordinator, file(['C-1,2024-03-01,CAF,rape,1,aggregate_statistics,Coordinator record (synthetic)']), 'c.csv')).body.id, MAPPING, false);
    const probe = file(['C-1,2024-03-01,CAF,rape,7,aggregate_statistics,guess (synthetic)']);
    const dry = await run(as.monitor, (await upload(as.monitor, probe, 'probe.csv')).body.id, MAPPING, true);
    expect(dry).toMatchObject({ created: 0, skipped: 1, changed: 0, changes: [] });
    const update = await run(as.monitor, (await upload(as.monitor, probe, 'probe-2.csv')).body.id, MAPPING, false, 'update');
    expect(update).toMatchObject({ created: 0, skipped: 1, updated: 0 });
    expect(await record('C-1')).toMatchObject({ victims: { women: 1 }, version: 1, narrative: 'Coordinator record (synthetic)' });
    const { rows } = await env.db.pool.query<{ details: { outOfScope: number; references: string[] } }>("SELECT details FROM audit_log WHERE action = 'import.compared' ORDER BY id");
    expect(rows.map((r) => r.details)).toEqual([{ outOfScope: 1, references: [] }, { outOfScope: 1, references: [] }]);
  });

  it('never widens consent through a re-import, and never touches it after erasure', async () => {
    await run(as.coordinator, (await upload(as.coordinator, file(['E-1,2024-03-02,CAF,rape,1,mara_working_group,Story (synthetic)', 'N-1,2024-03-03,CAF,rape,1,aggregate_statistics,Story two (synthetic)']), 'e.csv')).body.id, MAPPING, false);
    const e1 = await record('E-1');
    const erased = await as.coordinator.post(`/api/incidents/${e1.id}/erase`, { version: 1, reason: 'survivor withdrew consent', remainingConsent: ['agency_only'] });
    expect(erased.status).toBe(200);
    const again = file(['E-1,2024-03-02,CAF,rape,2,mara_working_group,Story (synthetic)', 'N-1,2024-03-03,CAF,rape,2,mara_working_group;aggregate_statistics,Story two (synthetic)']);
    const done = await run(as.coordinator, (await upload(as.coordinator, again, 'e-2.csv')).body.id, MAPPING, false, 'update');
    expect(done).toMatchObject({ changed: 2, updated: 2 });
    expect(done.changes.map((c) => [c.externalId, c.fields])).toEqual([['E-1', ['victims', 'violations']], ['N-1', ['victims', 'violations']]]);
    expect(await record('E-1')).toMatchObject({ consent: ['agency_only'], victims: { women: 2 }, narrative: '' });
    expect(await record('N-1')).toMatchObject({ consent: ['aggregate_statistics'], victims: { women: 2 } });
    // A narrower consent in the file is applied.
    const narrower = await run(as.coordinator, (await upload(as.coordinator, file(['N-1,2024-03-03,CAF,rape,2,agency_only,Story two (synthetic)']), 'n.csv')).body.id, MAPPING, false, 'update');
    expect(narrower).toMatchObject({ updated: 1, changes: [{ fields: ['consent'] }] });
    expect(await record('N-1')).toMatchObject({ consent: ['agency_only'] });
  });

  it('rejects a row a stray quote split into more cells than the header, instead of shifting its words into clear columns', async () => {
    const split = 'id,date,country,form,women,consent,story\nQ-1,2024-03-04,CAF,rape,1,agency_only,"She said "Aicha, 14, near the market" and left"\nQ-2,2024-03-05,CAF,rape,1,agency_only,fine (synthetic)\n';
    const done = await run(as.coordinator, (await upload(as.coordinator, Buffer.from(split), 'q.csv')).body.id, MAPPING, false);
    expect(done).toMatchObject({ created: 1, rejected: 1 });
    expect(done.problems).toEqual([expect.objectContaining({ row: 2, code: 'cell_count', value: '', params: { cells: 9, columns: 7 } })]);
  });

  it('refuses a mapping giving every unknown consent a wider scope, or a code a field does not have, naming the field', async () => {
    const up = await upload(as.coordinator, file(['M-1,2024-03-06,CAF,rape,1,agency_only,x']), 'm.csv');
    const wide = await as.coordinator.post(`/api/imports/${up.body.id}/run`, { mapping: { ...MAPPING, unmatched: { consent: 'mara_working_group' } }, dryRun: true });
    expect(fieldsOf(wide)).toEqual(['mapping.unmatched.consent']);
    const verified = await as.coordinator.post(`/api/imports/${up.body.id}/run`, { mapping: { ...MAPPING, values: { forms: { viol: 'verified' } } }, dryRun: true });
    expect(fieldsOf(verified)).toEqual(['mapping.values.forms.viol']);
    const identifying = await as.coordinator.post(`/api/imports/${up.body.id}/run`, { mapping: { ...MAPPING, filters: [{ column: 'story', values: ['x'] }] }, dryRun: true });
    expect(fieldsOf(identifying)).toEqual(['mapping.filters.0.column']);
    // The most protective scope for all the others is allowed.
    const safe = await run(as.coordinator, up.body.id, { ...MAPPING, unmatched: { consent: 'agency_only' } }, true);
    expect(safe).toMatchObject({ state: 'checked', created: 1 });
  });

  it('keeps only area-like names without a code; anything else is a problem of the row', async () => {
    const areas = Buffer.from('id,date,country,form,women,district\nA-1,2024-03-07,CAF,rape,1,Kaga-Bandoro Est\nA-2,2024-03-07,CAF,rape,1,14\nA-3,2024-03-07,CAF,rape,1,lives behind the mosque near the big market\n');
    const done = await run(as.coordinator, (await upload(as.coordinator, areas, 'areas.csv')).body.id, { columns: { externalId: 'id', occurredFrom: 'date', country: 'country', forms: 'form', victimsWomen: 'women', admin2: 'district' } }, true);
    expect(done).toMatchObject({ created: 1, rejected: 2 });
    expect(done.problems.map((p) => [p.row, p.code])).toEqual([[3, 'not_an_area'], [4, 'not_an_area']]);
  });
});
