/**
 * Imports of files shaped like the real ones (synthetic content): a conflict-event export with a row filter,
 * `9-May-20` dates beside a year column, names of areas and actors; an academic CSV saved from Excel in
 * Windows-1252 with semicolons; a KoboToolbox XLSX with repeat groups; the rejected rows handed back,
 * corrected and imported again; re-imports that recognise rows, report exactly the rows that changed and
 * update them as new versions on request, never touching a verification decision. On every configured server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { startTestJobs } from '../../test/helpers/jobs.ts';
import type { IncidentDetail, IncidentHistory, IncidentList } from '../shared/incident.ts';
import type { ImportDetail, ImportMappingInput, ImportPreview, ImportValues } from '../shared/import.ts';
import { errorOf, fieldsOf, incidentTestEnv } from '../incidents/incident-test-kit.ts';
import { academicCsv, eventExport, koboWithRepeats, run, upload } from './import-test-kit.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.each(testServers())('real files on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as } = env;
  let stopJobs: () => Promise<void>;
  beforeAll(async () => { stopJobs = await startTestJobs(env.ctx, env.db.url); });
  afterAll(async () => { await stopJobs(); });
  const query = async <T extends object>(sql: string, params: unknown[] = []) => (await env.db.pool.query<T>(sql, params)).rows;

  it('imports the sexual-violence rows of a conflict-event export: the finest date, a row filter, names kept, counts as the file says', async () => {
    const { file, expected, sexual, total } = eventExport();
    const up = await upload(as.coordinatorL, file, 'events.csv');
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    // The year column sits beside a real date: the real date is proposed, read day first.
    expect(up.body.suggested).toMatchObject({
      dateOrder: 'dmy',
      columns: {
        externalId: 'event_id_cnty', occurredFrom: 'event_date', country: 'country', admin1: 'admin1', admin2: 'admin2', locality: 'location',
        lat: 'latitude', lon: 'longitude', coordinatePrecision: 'geo_precision', perpetratorParty: 'actor1', narrative: 'notes', sourceOrganisation: 'source',
      },
    });
    expect(up.body.profile.dateColumns.map((d) => [d.column, d.precision])).toEqual([['event_date', 'day'], ['year', 'year']]);
    const mapping: ImportMappingInput = {
      ...up.body.suggested,
      filters: [{ column: 'sub_event_type', values: ['Sexual violence'] }],
      more: { perpetrators: [{ party: 'assoc_actor_1' }], sources: [] },
      values: { coordinatePrecision: { 1: 'locality', 2: 'admin2', 3: 'admin1' } },
      defaults: { forms: 'unspecified', consent: ['aggregate_statistics'] },
    };
    const dry = await run(as.coordinatorL, up.body.id, mapping, true);
    expect(dry, JSON.stringify(dry.problems.slice(0, 3))).toMatchObject({ state: 'checked', created: sexual, excluded: total - sexual, rejected: 0, skipped: 0 });
    const warning = (code: string) => dry.warnings.find((w) => w.code === code);
    // No victim counts in the file: recorded as not known, never as a made-up 1, and said so.
    expect(warning('victims_number_unknown')).toMatchObject({ rows: sexual });
    // Districts no list knows are kept by name, and the dry run says so.
    expect(warning('area_name_kept')).toMatchObject({ column: 'admin2', rows: sexual });

    // The year column chosen instead: every row becomes a twelve-month range, and the dry run says so.
    const yearly = await run(as.coordinatorL, up.body.id, { ...mapping, columns: { ...mapping.columns, occurredFrom: 'year' } }, true);
    expect(yearly.warnings.find((w) => w.code === 'year_only_date')).toMatchObject({ column: 'year', rows: sexual });

    const done = await run(as.coordinatorL, up.body.id, mapping, false);
    expect(done).toMatchObject({ state: 'done', created: sexual, rejected: 0 });
    // Counts by country and by actor equal an independent count from the same file.
    const byCountry = await query<{ country: string; n: number }>("SELECT country, count(*)::int AS n FROM incidents i JOIN organisations o ON o.id = i.organisation_id WHERE o.code = 'ORG-L' GROUP BY country");
    expect(Object.fromEntries(byCountry.map((r) => [r.country, r.n]))).toEqual(expected.byCountry);
    for (const [actor, n] of Object.entries(expected.byActor)) {
      const [row] = await query<{ n: number }>("SELECT count(*)::int AS n FROM incidents WHERE perpetrators @> $1::jsonb", [JSON.stringify([{ party: actor }])]);
      expect(row!.n, actor).toBe(n);
    }
    const list = await as.coordinatorL.get<IncidentList>('/api/incidents?q=SYN1000');
    const first = (await as.coordinatorL.get<IncidentList>('/api/incidents?pageSize=200')).body.items.find((i) => i.externalId === 'SYN1000')!;
    expect(list.status).toBe(200);
    const detail = (await as.coordinatorL.get<IncidentDetail>(`/api/incidents/${first.id}`)).body;
    expect(detail).toMatchObject({
      occurredFrom: '2020-01-01', occurredTo: null, victimCountUnknown: true, victims: { women: 0, girls: 0, men: 0, boys: 0, unknown: 0 },
      place: { country: 'COD', admin2: 'Rutshuru', locality: 'Locality 0 (synthetic)', coordinates: { lat: -1.2, lon: 29.4, precision: 'locality' } },
      perpetrators: [{ party: 'Military Forces of the Democratic Republic of Congo (2019-)' }, { party: 'Civilians (Synthetic)' }],
      sources: [{ type: 'other', organisation: 'Radio (synthetic)' }],
    });
    expect(detail.violations.map((v) => v.form)).toEqual(['unspecified']);

    // The same export next week, one sexual-violence row changed: exactly that row is reported, field by field.
    const changedFile = Buffer.from(file.toString('utf8').replace('SYN1003,4-Apr-21,2021', 'SYN1003,5-Apr-21,2021'));
    expect(changedFile.equals(file)).toBe(false);
    const again = await upload(as.coordinatorL, changedFile, 'events-next-week.csv');
    const check = await run(as.coordinatorL, again.body.id, mapping, true);
    expect(check).toMatchObject({ created: 0, skipped: sexual - 1, changed: 1, rejected: 0 });
    expect(check.changes).toEqual([{ row: 5, externalId: 'SYN1003', reference: expect.any(String) as string, fields: ['occurredFrom'], decided: false }]);
    // Left as it is, unless the user asks for the update: then a new version, audited.
    const updated = await run(as.coordinatorL, again.body.id, mapping, false, 'update');
    expect(updated).toMatchObject({ state: 'done', created: 0, changed: 1, updated: 1 });
    const changedRecord = (await as.coordinatorL.get<IncidentList>('/api/incidents?pageSize=200')).body.items.find((i) => i.externalId === 'SYN1003')!;
    expect(changedRecord).toMatchObject({ occurredFrom: '2021-04-05', version: 2 });
    const history = (await as.coordinatorL.get<IncidentHistory>(`/api/incidents/${changedRecord.id}/history`)).body;
    expect(history.items.at(-1)).toMatchObject({ version: 2, action: 'update', changedFields: ['occurredFrom'] });
    const [audit] = await query<{ details: { references: string[]; fields: string[] } }>("SELECT details FROM audit_log WHERE action = 'incident.import_update'");
    expect(audit!.details).toMatchObject({ references: [changedRecord.reference], fields: ['occurredFrom'] });
  });

  it('reads the same academic file in Windows-1252 and in UTF-8 into identical records, and lets the user choose the encoding', async () => {
    const mapping: ImportMappingInput = {
      columns: { externalId: 'identifiant', occurredFrom: 'date_des_faits', country: 'pays', forms: 'forme', perpetratorParty: 'auteur_presume', victimsWomen: 'femmes', victimsGirls: 'filles', narrative: 'recit' },
      values: { forms: { viol: 'rape', 'esclavage sexuel': 'sexual_slavery' } },
    };
    const utf8 = await upload(as.monitor, academicCsv('utf-8'), 'etude.csv');
    expect(utf8.body.encoding).toEqual({ detected: 'utf-8', used: 'utf-8' });
    // French headers are proposed; the dates themselves say day first.
    expect(utf8.body.suggested).toMatchObject({ dateOrder: 'dmy', columns: mapping.columns });
    expect(await run(as.monitor, utf8.body.id, mapping, false)).toMatchObject({ state: 'done', created: 3, rejected: 0 });

    const cp1252 = await upload(as.monitor, academicCsv('windows-1252'), 'etude-excel.csv');
    expect(cp1252.body.encoding).toEqual({ detected: 'windows-1252', used: 'windows-1252' });
    const preview = await as.monitor.get<ImportPreview>(`/api/imports/${cp1252.body.id}/preview`);
    expect(preview.body.rows[0]!.cells.map((c) => c.value).join(' ')).toContain('« Alpha »');
    // Every row is recognised and unchanged: the records the two files give are the same, to the byte.
    expect(await run(as.monitor, cp1252.body.id, mapping, true)).toMatchObject({ created: 0, skipped: 3, changed: 0, rejected: 0 });
    const party = await query<{ perpetrator_party: string; victim_count_unknown: boolean }>("SELECT perpetrator_party, victim_count_unknown FROM incidents WHERE external_id IN ('A-1', 'A-3') ORDER BY external_id");
    expect(party).toEqual([{ perpetrator_party: 'Groupe « Alpha » – synthétique', victim_count_unknown: false }, { perpetrator_party: 'Milice “Gamma” (synthétique)', victim_count_unknown: true }]);
    // By form and country, as an independent reading of the file says: rape twice in CAF, sexual slavery once in COD.
    const byForm = await query<{ country: string; form: string; n: number }>("SELECT i.country, v.form, count(*)::int AS n FROM violations v JOIN incidents i ON i.id = v.incident_id WHERE i.external_id LIKE 'A-%' GROUP BY 1, 2 ORDER BY 1, 2");
    expect(byForm).toEqual([{ country: 'CAF', form: 'rape', n: 2 }, { country: 'COD', form: 'sexual_slavery', n: 1 }]);

    // Forcing UTF-8 on bytes that are not is refused, naming the field; another encoding reads again.
    const wrong = await as.monitor.post(`/api/imports/${cp1252.body.id}/encoding`, { encoding: 'utf-8' });
    expect([wrong.status, fieldsOf(wrong)]).toEqual([400, ['encoding']]);
    const arabic = await as.monitor.post<ImportDetail>(`/api/imports/${cp1252.body.id}/encoding`, { encoding: 'windows-1256' });
    expect(arabic.body.encoding).toEqual({ detected: 'windows-1252', used: 'windows-1256' });
    const [audit] = await query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action IN ('import.preview_read', 'import.reread')");
    expect(audit!.n).toBe(2);
  });

  it('hands back rejected rows in a file that, corrected, imports exactly what it held (negative coordinates, formula-like text)', async () => {
    const csv = [
      'id,date,country,form,lat,lon,party',
      'R-1,2024-02-01,COD,rape,-4.3,15.3,Group one (synthetic)',
      'R-2,sometime,COD,rape,-11.66,27.48,=cmd|calc (synthetic)',
      'R-3,2024-02-03,COD,groping,-1.68,29.22,+Group three (synthetic)',
    ].join('\n');
    const mapping: ImportMappingInput = { columns: { externalId: 'id', occurredFrom: 'date', country: 'country', forms: 'form', lat: 'lat', lon: 'lon', perpetratorParty: 'party' } };
    const first = await upload(as.monitor, Buffer.from(csv), 'with-mistakes.csv');
    expect(await run(as.monitor, first.body.id, mapping, false)).toMatchObject({ created: 1, rejected: 2 });
    const rejected = (await as.monitor.request('GET', `/api/imports/${first.body.id}/rejected`)).body as string;
    expect(rejected).toContain(',-11.66,27.48,');
    expect(rejected).toContain(",'=cmd|calc (synthetic),");
    expect(rejected).toContain(",'+Group three (synthetic),");
    const fixed = rejected.replace('sometime', '2024-02-02').replace('groping', 'rape');
    const second = await upload(as.monitor, Buffer.from(fixed), 'corrected.csv');
    expect(second.body.profile.rejectedFile).toBe(true);
    expect(second.body.suggested.columns).not.toHaveProperty('narrative');
    expect(await run(as.monitor, second.body.id, mapping, false)).toMatchObject({ created: 2, rejected: 0 });
    const items = (await as.monitor.get<IncidentList>('/api/incidents?pageSize=200')).body.items;
    const r2 = (await as.monitor.get<IncidentDetail>(`/api/incidents/${items.find((i) => i.externalId === 'R-2')!.id}`)).body;
    expect(r2).toMatchObject({ occurredFrom: '2024-02-02', place: { coordinates: { lat: -11.66, lon: 27.48 } }, perpetrators: [{ party: '=cmd|calc (synthetic)' }] });
    expect(items.find((i) => i.externalId === 'R-3')!.perpetratorParty).toBe('+Group three (synthetic)');
  });

  it('recognises a file without ids by what the mapping reads, and never changes a verification decision', async () => {
    const mapping: ImportMappingInput = { columns: { occurredFrom: 'date', country: 'country', forms: 'form', victimsWomen: 'women' } };
    const base = 'date,country,form,women,unused\n2024-05-01,CAF,rape,1,a\n2024-05-02,CAF,rape,2,b\n2024-05-02,CAF,rape,2,c\n';
    const up = await upload(as.monitor2, Buffer.from(base), 'no-ids.csv');
    const done = await run(as.monitor2, up.body.id, mapping, false);
    // Two rows identical in what the mapping reads: both imported, and the dry run said so.
    expect(done).toMatchObject({ created: 3, warnings: [expect.objectContaining({ code: 'identical_rows', rows: 1, examples: [4] })] });
    // The unused column dropped and the columns reordered: every row is still recognised.
    const slimmer = await upload(as.monitor2, Buffer.from('form,women,country,date\nRape ,1,CAF,2024-05-01\nrape,2,CAF,2024-05-02\nrape,2,CAF,2024-05-02\n'), 'no-ids-again.csv');
    expect(await run(as.monitor2, slimmer.body.id, mapping, true)).toMatchObject({ created: 0, skipped: 3 });

    // With ids: a record verified by a coordinator is left to coordinators, and its decision stays.
    const withIds = 'id,date,country,form,women\nV-1,2024-06-01,CAF,rape,1\n';
    const idMapping: ImportMappingInput = { columns: { externalId: 'id', occurredFrom: 'date', country: 'country', forms: 'form', victimsWomen: 'women' } };
    await run(as.monitor2, (await upload(as.monitor2, Buffer.from(withIds), 'ids.csv')).body.id, idMapping, false);
    const record = (await as.coordinator.get<IncidentList>('/api/incidents?pageSize=200')).body.items.find((i) => i.externalId === 'V-1')!;
    expect((await as.coordinator.patch(`/api/incidents/${record.id}`, { version: 1, verification: { status: 'verified', standard: 'reasonable_grounds_to_believe' } })).status).toBe(200);
    const changed = Buffer.from(withIds.replace(',1\n', ',3\n'));
    const byMonitor = await run(as.monitor2, (await upload(as.monitor2, changed, 'ids-2.csv')).body.id, idMapping, false, 'update');
    expect(byMonitor).toMatchObject({ changed: 1, updated: 0, changes: [{ externalId: 'V-1', fields: ['victims', 'violations'], decided: true }] });
    const byCoordinator = await run(as.coordinator, (await upload(as.coordinator, changed, 'ids-3.csv')).body.id, idMapping, false, 'update');
    expect(byCoordinator).toMatchObject({ changed: 1, updated: 1 });
    const after = (await as.coordinator.get<IncidentDetail>(`/api/incidents/${record.id}`)).body;
    expect(after).toMatchObject({ victims: { women: 3 }, verification: { status: 'verified' }, version: 3 });
  });

  it('joins KoboToolbox repeat groups, maps yes/no as the file writes it, pages values and keeps the mapping in progress', async () => {
    const up = await upload(as.monitorL, await koboWithRepeats(), 'kobo-repeats.xlsx', XLSX);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.profile.sheets.map((s) => [s.name, s.rows])).toEqual([['victims', 3], ['perpetrators', 2]]);
    expect(up.body.suggested).toMatchObject({ separator: 'space', columns: { occurredFrom: 'incident/incident_date', forms: 'incident/sv_form', abduction: 'incident/abducted', externalId: '_uuid' } });
    const mapping: ImportMappingInput = {
      ...up.body.suggested,
      repeats: [
        { sheet: 'victims', columns: { survivorCode: 'victims/survivor_code', survivorSex: 'victims/sex', survivorAge: 'victims/age' } },
        { sheet: 'perpetrators', columns: { perpetratorParty: 'perp/party', perpetratorCategory: 'perp/category', perpetratorInUniform: 'perp/uniform' } },
      ],
    };
    const draft = await as.monitorL.request('PUT', `/api/imports/${up.body.id}/draft`, { mapping });
    expect(draft.status).toBe(204);
    expect((await as.monitorL.get<ImportDetail>(`/api/imports/${up.body.id}`)).body.mappingDraft?.repeats).toHaveLength(2);
    // Values of a repeat sheet's column can be read for the values step.
    const sexes = await as.monitorL.get<ImportValues>(`/api/imports/${up.body.id}/values?column=${encodeURIComponent('victims/sex')}`);
    expect(sexes.body).toMatchObject({ items: [{ value: 'female', rows: 3 }], total: 1 });

    const done = await run(as.monitorL, up.body.id, mapping, false);
    expect(done, JSON.stringify(done.problems)).toMatchObject({ state: 'done', created: 2, rejected: 0 });
    const items = (await as.monitorL.get<IncidentList>('/api/incidents?pageSize=200')).body.items;
    const k1 = (await as.monitorL.get<IncidentDetail>(`/api/incidents/${items.find((i) => i.externalId === 'k-1')!.id}`)).body;
    expect(k1).toMatchObject({
      context: { abduction: true },
      survivors: [{ code: 'S-101', sex: 'female', age: 24 }, { code: 'S-102', sex: 'female', age: 15 }],
      perpetrators: [{ party: 'Armed group A (synthetic)', inUniform: false }, { party: 'Armed group B (synthetic)', inUniform: true }],
    });
    const k2 = (await as.monitorL.get<IncidentDetail>(`/api/incidents/${items.find((i) => i.externalId === 'k-2')!.id}`)).body;
    expect(k2).toMatchObject({ context: { abduction: false }, survivors: [{ code: 'S-201' }], perpetrators: [] });
    expect(k2.violations.map((v) => [v.form, v.victims.women])).toEqual([['rape', 1], ['sexual_slavery', 1]]);

    // A sheet that is not in the file stops the run with its name.
    const missing = await run(as.monitorL, (await upload(as.monitorL, await koboWithRepeats(), 'k.xlsx', XLSX)).body.id, { ...mapping, repeats: [{ sheet: 'nope', columns: { survivorCode: 'x' } }] }, true);
    expect(missing).toMatchObject({ state: 'failed', error: 'repeats: the file has no sheet "nope"' });
  });

  it('lists every distinct value of a long column, searched and paged', async () => {
    const rows = Array.from({ length: 130 }, (_, i) => `2024-01-01,CAF,District ${String(i).padStart(3, '0')} (synthetic)`);
    const up = await upload(as.partner, Buffer.from(`date,country,district\n${rows.join('\n')}\n,CAF,\n`), 'districts.csv');
    const page2 = await as.partner.get<ImportValues>(`/api/imports/${up.body.id}/values?column=district&offset=50&limit=50`);
    expect(page2.body).toMatchObject({ total: 130, empty: 1, offset: 50 });
    expect(page2.body.items).toHaveLength(50);
    const found = await as.partner.get<ImportValues>(`/api/imports/${up.body.id}/values?column=district&q=${encodeURIComponent('district 12')}`);
    expect(found.body.items.map((i) => i.value)).toEqual(Array.from({ length: 10 }, (_, i) => `District 12${i} (synthetic)`));
    // Counted among the rows a row filter keeps, as the import will read them.
    const filtered = await as.partner.get<ImportValues>(`/api/imports/${up.body.id}/values?column=district&filters=${encodeURIComponent(JSON.stringify([{ column: 'district', values: ['District 007 (synthetic)'] }]))}`);
    expect(filtered.body).toMatchObject({ total: 1, empty: 0, items: [{ value: 'District 007 (synthetic)', rows: 1 }] });
    const notJson = await as.partner.get(`/api/imports/${up.body.id}/values?column=district&filters=nope`);
    expect([notJson.status, fieldsOf(notJson)]).toEqual([400, ['filters']]);
    const bad = await as.partner.get(`/api/imports/${up.body.id}/values?column=nope`);
    expect([bad.status, errorOf(bad).code]).toEqual([400, 'validation_failed']);
  });
});
