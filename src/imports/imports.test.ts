/**
 * Imports over real HTTP with the real job system, on every configured PostgreSQL server: a real-world CSV
 * (RSVAC, 1,411 rows) through a mapping, a KoboToolbox-style XLSX with planted mistakes, dry runs that
 * write nothing, idempotent re-imports, rejected rows with row, column, value and rule, and who may see what.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { startTestJobs } from '../../test/helpers/jobs.ts';
import type { IncidentDetail, IncidentList } from '../shared/incident.ts';
import type { ImportMappingInput, ImportValues, SavedMapping } from '../shared/import.ts';

type SavedMappings = { items: SavedMapping[] };
import { errorOf, fieldsOf, incidentTestEnv } from '../incidents/incident-test-kit.ts';
import { run, upload } from './import-test-kit.ts';
import { expectEveryDimension, readFacts } from '../stats/stats-test-kit.ts';

const RSVAC = readFileSync(new URL('../../test/fixtures/rsvac.csv', import.meta.url));
const RSVAC_ROWS = 1411;

/** RSVAC's codebook: actor_type 1 government, 2/4/5 states, 3 rebels, 6 pro-government militia. */
const RSVAC_MAPPING: ImportMappingInput = {
  columns: { occurredFrom: 'year', country: 'location', forms: 'form', perpetratorParty: 'actor', perpetratorCategory: 'actor_type' },
  values: {
    perpetratorCategory: { 1: 'state_forces', 2: 'state_forces', 3: 'non_state_armed_group', 4: 'state_forces', 5: 'state_forces', 6: 'pro_government_militia' },
    forms: { 'sexual abuse': 'other_comparable_gravity', 'sexual slavery and forced marriage': 'sexual_slavery', 'forced abortion and forced sterilization': 'forced_abortion' },
    country: { 'Democratic Republic of Congo (Zaire)': 'COD', 'DR Congo (Zaire)': 'COD' },
  },
  defaults: { victimsUnknown: 1, consent: ['aggregate_statistics'] },
};


describe.each(testServers())('imports on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as } = env;
  let stopJobs: () => Promise<void>;
  beforeAll(async () => { stopJobs = await startTestJobs(env.ctx, env.db.url); });
  afterAll(async () => { await stopJobs(); });

  const incidentsOf = async (organisation: string) => Number((await env.db.pool.query<{ n: string }>(
    'SELECT count(*) AS n FROM incidents i JOIN organisations o ON o.id = i.organisation_id WHERE o.code = $1', [organisation])).rows[0]!.n);

  it('imports the real RSVAC CSV through a mapping: dry run first, then the job, then a re-import that creates nothing', async () => {
    const up = await upload(as.coordinatorL, RSVAC, 'rsvac.csv');
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({ rows: RSVAC_ROWS, state: 'uploaded', format: 'csv' });
    expect(up.body.columns).toHaveLength(31);
    // Proposed from the headers: the year, the actor and its type, the form, the location.
    expect(up.body.suggested.columns).toMatchObject({ occurredFrom: 'year', perpetratorParty: 'actor', perpetratorCategory: 'actor_type', forms: 'form', country: 'location' });
    expect(up.body.profile.dateColumns.map((d) => [d.column, d.precision])).toEqual([['year', 'year']]);

    const values = await as.coordinatorL.get<ImportValues>(`/api/imports/${up.body.id}/values?column=actor_type`);
    expect(values.body.items.map((v) => [v.value, v.rows])).toEqual([['1', 774], ['3', 462], ['6', 130], ['2', 26], ['4', 11], ['5', 8]]);

    const dry = await run(as.coordinatorL, up.body.id, RSVAC_MAPPING, true);
    expect(dry.state).toBe('checked');
    expect(dry.processed).toBe(RSVAC_ROWS);
    expect(dry.created + dry.rejected).toBe(RSVAC_ROWS);
    expect(dry.created).toBeGreaterThan(1000);
    expect(dry.rejected).toBeGreaterThan(0);
    expect(await incidentsOf('ORG-L')).toBe(0); // a dry run writes nothing
    // Countries written in ways no code list knows are rejected by name, with the rule.
    const unknownCountry = dry.problems.find((p) => p.column === 'location');
    expect(unknownCountry).toBeDefined();
    expect(unknownCountry!.rule).toMatch(/is not a country/);
    for (const p of dry.problems) expect(p.row).toBeGreaterThanOrEqual(2);

    const done = await run(as.coordinatorL, up.body.id, RSVAC_MAPPING, false);
    expect(done).toMatchObject({ state: 'done', created: dry.created, rejected: dry.rejected, skipped: 0, processed: RSVAC_ROWS });
    expect(await incidentsOf('ORG-L')).toBe(dry.created);
    // The analysis engine's figures on this real dataset equal an independent recomputation, for every dimension.
    const [orgL] = (await env.db.pool.query<{ id: string }>("SELECT id FROM organisations WHERE code = 'ORG-L'")).rows;
    const facts = (await readFacts(env.db.pool)).filter((f) => f.org === orgL!.id);
    expect(facts.length).toBeGreaterThanOrEqual(dry.created);
    await expectEveryDimension(env.ctx.db, facts, orgL!.id);

    // Row 2 of the file: CAFGU (pro-government militia), Philippines, 1989, rape.
    const found = await as.coordinatorL.get<IncidentList>('/api/incidents?party=Civilian%20Armed%20Forces&from=1989-01-01&to=1989-12-31');
    expect(found.body.total).toBe(1);
    const detail = (await as.coordinatorL.get<IncidentDetail>(`/api/incidents/${found.body.items[0]!.id}`)).body;
    expect(detail).toMatchObject({
      occurredFrom: '1989-01-01', occurredTo: '1989-12-31', place: { country: 'PHL' }, victims: { unknown: 1 }, consent: ['aggregate_statistics'],
      perpetrators: [{ party: 'Civilian Armed Forces Geographical Units', category: 'pro_government_militia' }], verification: { status: 'reported' },
    });
    expect(detail.violations.map((v) => v.form)).toEqual(['rape']);
    expect(detail.externalId).toMatch(/^row:[0-9a-f]{32}$/);

    // The same file again: every valid row is recognised, nothing is created.
    const again = await upload(as.coordinatorL, RSVAC, 'rsvac.csv');
    const second = await run(as.coordinatorL, again.body.id, RSVAC_MAPPING, false);
    expect(second).toMatchObject({ state: 'done', created: 0, skipped: dry.created, rejected: dry.rejected });
    expect(await incidentsOf('ORG-L')).toBe(dry.created);

    // Rejected rows as CSV: the file's columns, then the row number and the problems.
    const rejected = await as.coordinatorL.request('GET', `/api/imports/${up.body.id}/rejected`);
    expect(rejected.status).toBe(200);
    const lines = (rejected.body as string).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^year,conflictid_old,.*,salama_row,salama_problems$/);
    expect(lines.length - 1).toBeGreaterThanOrEqual(dry.rejected); // narratives can span lines
    const { rows: audit } = await env.db.pool.query<{ action: string; n: string }>(
      "SELECT action, count(*) AS n FROM audit_log WHERE action LIKE 'import.%' OR action = 'incident.import' GROUP BY action ORDER BY action");
    expect(Object.fromEntries(audit.map((a) => [a.action, Number(a.n)]))).toMatchObject({ 'import.upload': 2, 'import.dry_run': 1, 'import.start': 2, 'import.rejected_download': 1 });
    expect(audit.find((a) => a.action === 'incident.import')).toBeDefined();
  });

  it('reads a KoboToolbox-style XLSX, names every mistake by row, column, value and rule, and rejects those rows whole', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('incident_form');
    ws.addRow(['start', 'group_incident/incident_date', 'group_incident/sv_form', 'group_place/admin1', 'group_victims/women', 'group_victims/girls',
      'group_survivor/survivor_code', 'group_survivor/sex', 'group_survivor/age', 'group_consent/consent', 'group_incident/narrative', '_uuid']);
    const d = (s: string) => new Date(`${s}T00:00:00Z`);
    ws.addRow([d('2025-06-01'), d('2025-05-30'), 'rape sexual_slavery', 'CF-BGF', 1, 1, 'S-501', 'female', 31, 'mara_working_group aggregate_statistics', 'KOBO-CANARY-1 account', 'uuid-1']);
    ws.addRow([d('2025-06-02'), 'last week', 'rape', 'CF-BGF', 1, 0, '', '', '', 'aggregate_statistics', 'second', 'uuid-2']);
    ws.addRow([d('2025-06-03'), d('2025-05-01'), 'rape groping', 'CF-BGF', 1, 0, '', '', '', 'aggregate_statistics', 'third', 'uuid-3']);
    ws.addRow([d('2025-06-04'), d('2025-05-02'), 'rape', 'Ouham', 'two', 0, '', '', '', 'aggregate_statistics', 'fourth', 'uuid-4']);
    ws.addRow([d('2025-06-05'), d('2025-05-03'), 'rape', 'CF-BGF', 1, 0, '', '', '', 'aggregate_statistics', 'fifth', 'uuid-1']);
    ws.addRow([d('2025-06-06'), d('2025-05-04'), 'rape', 'Bangui', 0, 2, 'Amina', 'female', 12, 'agency_only', 'sixth', 'uuid-6']);
    wb.addWorksheet('group_repeat').addRow(['not', 'this', 'sheet']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    const up = await upload(as.monitor, file, 'kobo-export.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({ rows: 6, format: 'xlsx', sheet: 'incident_form' });
    expect(up.body.suggested.columns).toMatchObject({
      externalId: '_uuid', occurredFrom: 'group_incident/incident_date', forms: 'group_incident/sv_form', admin1: 'group_place/admin1',
      victimsWomen: 'group_victims/women', victimsGirls: 'group_victims/girls', survivorCode: 'group_survivor/survivor_code', consent: 'group_consent/consent', narrative: 'group_incident/narrative',
    });
    expect(up.body.suggested.columns).toMatchObject({ survivorSex: 'group_survivor/sex', survivorAge: 'group_survivor/age' });
    const mapping: ImportMappingInput = { ...up.body.suggested, defaults: { country: 'CAF' }, separator: 'space' };
    const result = await run(as.monitor, up.body.id, mapping, false);
    expect(result, JSON.stringify(result.problems)).toMatchObject({ state: 'done', created: 1, rejected: 5 });
    const problems = result.problems.map((p) => [p.row, p.column, p.value, p.rule]);
    expect(problems).toEqual(expect.arrayContaining([
      [3, 'group_incident/incident_date', 'last week', expect.stringMatching(/^Date \(from\): must be a date \(such as 2020-05-09/)],
      [4, 'group_incident/sv_form', 'rape groping', expect.stringMatching(/^Forms of violence: "groping" is not a known value/)],
      [5, 'group_victims/women', 'two', 'Victims: women: must be a whole number, 0 or more (or "unknown")'],
      [6, '_uuid', 'uuid-1', 'External id (from the source system): appears twice in the file (first at row 2)'],
      [7, 'group_survivor/survivor_code', 'Amina', 'Survivor code: use a code such as S-014, with at least one digit and no spaces, never a name'],
    ]));
    // Admin 1 written as a name ("Ouham", "Bangui") is resolved to its code, so only the count is wrong in row 5.
    expect(problems.filter((p) => p[0] === 5)).toHaveLength(1);
    expect(problems.filter((p) => p[1] === 'group_place/admin1')).toEqual([]);

    const list = await as.monitor.get<IncidentList>('/api/incidents?from=2025-05-30&to=2025-05-30');
    const first = list.body.items.find((i) => i.externalId === 'uuid-1')!;
    const detail = (await as.monitor.get<IncidentDetail>(`/api/incidents/${first.id}`)).body;
    expect(detail.violations.map((v) => v.form)).toEqual(['rape', 'sexual_slavery']);
    expect(detail.consent).toEqual(['mara_working_group', 'aggregate_statistics']);
    expect(detail.survivors).toMatchObject([{ code: 'S-501', sex: 'female', age: 31 }]);
    expect(detail.narrative).toBe('KOBO-CANARY-1 account');
    // The narrative and the file are stored only sealed.
    const { rows } = await env.db.pool.query<{ t: string }>("SELECT row_to_json(i)::text AS t FROM imports i UNION ALL SELECT row_to_json(x)::text FROM incidents x");
    for (const r of rows) expect(r.t).not.toContain('KOBO-CANARY');
  });

  it("keeps an import its uploader's, names bad files and mappings, and shares saved mappings in the organisation", async () => {
    const csv = Buffer.from('date,form,country\n2025-01-02,rape,CAF\n');
    const up = await upload(as.monitor, csv, 'small.csv');
    expect(up.status).toBe(201);
    for (const other of [as.monitor2, as.coordinator, as.coordinatorB]) {
      expect((await other.get(`/api/imports/${up.body.id}`)).status).toBe(404);
      expect((await other.post(`/api/imports/${up.body.id}/run`, { mapping: {}, dryRun: true })).status).toBe(404);
      expect((await other.get(`/api/imports/${up.body.id}/rejected`)).status).toBe(404);
    }
    expect((await as.viewer.get('/api/imports')).status).toBe(403);

    const cases: [Buffer, string, string, string][] = [
      [Buffer.alloc(0), 'empty.csv', 'file', 'validation_failed'],
      [Buffer.from('just,a,header\n'), 'header.csv', 'file', 'validation_failed'],
      [Buffer.from('PK\u0003\u0004 not really a workbook'), 'broken.xlsx', 'file', 'unreadable_file'],
      [Buffer.from('a\n1\n'), 'notes.txt', 'name', 'validation_failed'],
    ];
    for (const [file, name, field, code] of cases) {
      const r = await upload(as.monitor, file, name);
      expect(r.status, name).toBe(400);
      expect(errorOf(r).code, name).toBe(code);
      expect(fieldsOf(r), name).toContain(field);
    }
    const badColumn = await as.monitor.post(`/api/imports/${up.body.id}/run`, { mapping: { columns: { narrative: 'story' } }, dryRun: true });
    expect(badColumn.status).toBe(400);
    expect(fieldsOf(badColumn)).toContain('mapping.columns.narrative');
    const badFilter = await as.monitor.post(`/api/imports/${up.body.id}/run`, { mapping: { filters: [{ column: 'kind', values: ['x'] }] }, dryRun: true });
    expect(fieldsOf(badFilter)).toEqual(['mapping.filters.0.column']);
    const badCode = await as.monitor.post(`/api/imports/${up.body.id}/run`, { mapping: { defaults: { country: 'Chad' } }, dryRun: true });
    expect(fieldsOf(badCode)).toContain('mapping.defaults.country');

    // A run whose server died (no progress for ten minutes) can be started again; a live one cannot.
    await env.db.pool.query("UPDATE imports SET state = 'importing', mode = 'import' WHERE id = $1", [up.body.id]);
    const running = await as.monitor.post(`/api/imports/${up.body.id}/run`, { mapping: { columns: { occurredFrom: 'date', forms: 'form', country: 'country' } }, dryRun: true });
    expect(running.status).toBe(409);
    expect(errorOf(running).code).toBe('import_running');
    await env.db.pool.query("UPDATE imports SET updated_at = now() - interval '11 minutes' WHERE id = $1", [up.body.id]);
    const restarted = await run(as.monitor, up.body.id, { columns: { occurredFrom: 'date', forms: 'form', country: 'country' }, defaults: { victimsUnknown: 1 } }, true);
    expect(restarted, JSON.stringify(restarted.problems)).toMatchObject({ state: 'checked', created: 1, rejected: 0 });

    const saved = await as.monitor.post('/api/import-mappings', { name: 'Kobo form v3', mapping: { columns: { occurredFrom: 'date' }, dateOrder: 'mdy' } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const seen = await as.coordinator.get<SavedMappings>('/api/import-mappings');
    expect(seen.body.items.map((m) => [m.name, m.mapping.dateOrder])).toEqual([['Kobo form v3', 'mdy']]);
    expect((await as.coordinatorB.get<SavedMappings>('/api/import-mappings')).body.items).toEqual([]);
  });
});
