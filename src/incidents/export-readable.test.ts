/**
 * Exports people can read: labels in English, French or Arabic beside or instead of codes (an organisation's
 * own x_ values and area names included, places coarsened as before), a row per violation, the external id,
 * and the count shown before exporting, which must equal what the export then holds. Real HTTP, real database.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { TextWriter, Uint8ArrayReader, ZipReader, type FileEntry } from '@zip.js/zip.js';
import { testServers } from '../../test/helpers/db.ts';
import type { Client } from '../../test/helpers/http.ts';
import { ensureBuiltInAreas } from '../places/places.ts';
import { exportColumns, labelHashtag } from './export-columns.ts';
import { incidentTestEnv, LOCALITY, NARRATIVE_MARKER } from './incident-test-kit.ts';

type Item = Record<string, string | number | boolean | null>;

describe('export columns', () => {
  it('gives a label column the +name variant of its code column\'s hashtag, with its language', () => {
    expect(labelHashtag('#adm1+code', 'fr')).toBe('#adm1+name+i_fr');
    expect(labelHashtag('#event+type', 'ar')).toBe('#event+type+name+i_ar');
    expect(labelHashtag('#sector+referral', 'en')).toBe('#sector+referral+name+i_en');
  });

  it('puts each label right after its code column (both), in its place (labels), and numbers violations after the reference', () => {
    const codes = exportColumns({ labels: 'codes', lang: 'fr', rows: 'incident' }).map((c) => c.header);
    const both = exportColumns({ labels: 'both', lang: 'fr', rows: 'incident' }).map((c) => c.header);
    const labels = exportColumns({ labels: 'labels', lang: 'fr', rows: 'incident' }).map((c) => c.header);
    const labelled = ['country', 'admin1', 'admin2', 'forms', 'perpetrator_categories', 'source_types', 'referral_services', 'verification_status',
      'not_verified_reason', 'setting', 'time_of_day', 'displacement_stage', 'consent'];
    for (const h of labelled) {
      expect(both[both.indexOf(h) + 1], h).toBe(`${h}_label`);
      expect(labels, h).not.toContain(h);
      expect(labels.indexOf(`${h}_label`), h).toBe(codes.indexOf(h));
    }
    expect(both.length).toBe(codes.length + labelled.length);
    expect(codes.slice(-2)).toEqual(['external_id', 'victims_number_unknown']);
    expect(both).toContain('alleged_perpetrator'); // party is free text: as recorded, never labelled
    expect(both).not.toContain('alleged_perpetrator_label');
    const perViolation = exportColumns({ labels: 'codes', lang: 'en', rows: 'violation' }).map((c) => c.header);
    expect(perViolation.slice(0, 3)).toEqual(['reference', 'violation_number', 'occurred_from']);
  });
});

describe.each(testServers())('readable exports on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as, create } = env;
  beforeAll(async () => { await ensureBuiltInAreas(env.db.db); });

  async function json(c: Client, query: string) {
    const r = await c.get<{ items: Item[]; hxl?: Record<string, string>; note?: string }>(`/api/incidents/export?format=json&${query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  }
  const raw = (c: Client, query: string) => fetch(`${env.srv.base}/api/incidents/export?${query}`, { headers: { cookie: c.cookie! } });

  /** A record with a label in every labelled column, in Mali (areas with French and Arabic names, or only English). */
  const labelledRecord = () => create(as.coordinatorB, {
    place: { country: 'MLI', admin1: 'ML-8', admin2: 'MLI-ADM2-2_0_0-B13', locality: LOCALITY },
    perpetrators: [{ party: 'Groupe armé (TEST)', category: 'non_state_armed_group' }],
    sources: [{ type: 'witness' }], referrals: [{ service: 'health', status: 'referred', consented: true }],
    verification: { status: 'pending' }, consent: ['mara_working_group', 'referral'],
    context: { setting: 'market', timeOfDay: 'night', displacementStage: 'in_camp' },
  });

  it('labels a known record in French and in Arabic, areas by their names (English when the table has no other)', async () => {
    const made = await labelledRecord();
    const [fr] = (await json(as.coordinatorB, `labels=both&lang=fr&q=${made.reference}`)).items;
    expect(fr).toMatchObject({
      forms: 'rape;sexual_slavery', forms_label: 'Viol;Esclavage sexuel',
      country: 'MLI', country_label: 'Mali', admin1: 'ML-8', admin1_label: 'Kidal', admin2_label: 'Abeibara',
      verification_status: 'pending', verification_status_label: 'Vérification en cours',
      alleged_perpetrator: 'Groupe armé (TEST)', consent: 'mara_working_group;referral',
    });
    const [ar] = (await json(as.coordinatorB, `labels=labels&lang=ar&q=${made.reference}`)).items;
    expect(ar).toMatchObject({
      forms_label: 'الاغتصاب;الاستعباد الجنسي', country_label: 'مالي', admin1_label: 'منطقة كيدال', admin2_label: 'Abeibara',
      perpetrator_categories_label: 'جماعة مسلحة من غير الدول', source_types_label: 'شاهد', referral_services_label: 'الرعاية الصحية',
      setting_label: 'السوق', time_of_day_label: 'الليل', displacement_stage_label: 'في مخيم أو موقع إيواء',
    });
    expect(ar).not.toHaveProperty('forms');
    expect(String(ar!.consent_label)).toContain('الإحالة');
    for (const v of Object.values(ar!)) expect(String(v)).not.toContain(LOCALITY);
  });

  it('keeps coarsened places coarse: no admin 2 name when the record is shown at admin 1', async () => {
    const made = await create(as.coordinatorB, { place: { country: 'MLI', admin1: 'ML-8', admin2: 'MLI-ADM2-2_0_0-B13', displayLevel: 'admin1' } });
    const [row] = (await json(as.coordinatorB, `labels=both&lang=ar&q=${made.reference}`)).items;
    expect(row).toMatchObject({ admin1_label: 'منطقة كيدال', admin2: null, admin2_label: null });
    const country = await create(as.coordinatorB, { place: { country: 'MLI', admin1: 'ML-8', displayLevel: 'country' } });
    const [only] = (await json(as.coordinatorB, `labels=both&lang=fr&q=${country.reference}`)).items;
    expect(only).toMatchObject({ country_label: 'Mali', admin1: null, admin1_label: null });
  });

  it('writes Arabic labels as UTF-8 after a BOM in CSV, with label hashtags, code and label side by side', async () => {
    const made = await labelledRecord();
    const r = await raw(as.coordinatorB, `labels=both&lang=ar&hxl=true&q=${made.reference}`);
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, hxl, row] = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.slice(3)).trimEnd().split('\r\n');
    const expected = exportColumns({ labels: 'both', lang: 'ar', rows: 'incident' });
    expect(header).toBe(expected.map((c) => c.header).join(','));
    expect(hxl).toBe(expected.map((c) => c.hxl).join(','));
    expect(hxl).toContain('#country+code,#country+name+i_ar,#adm1+code,#adm1+name+i_ar');
    expect(hxl).toContain('#event+type,#event+type+name+i_ar');
    expect(row).toContain(',rape;sexual_slavery,الاغتصاب;الاستعباد الجنسي,');
  });

  it('writes Arabic labels in XLSX as text, in a sheet that opens right to left', async () => {
    const made = await labelledRecord();
    const r = await raw(as.coordinatorB, `format=xlsx&labels=both&lang=ar&q=${made.reference}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.arrayBuffer());
    const ws = wb.getWorksheet('incidents')!;
    const headers = exportColumns({ labels: 'both', lang: 'ar', rows: 'incident' }).map((c) => c.header);
    expect(ws.getRow(1).values).toEqual([undefined, ...headers]);
    const cell = (h: string) => ws.getRow(2).getCell(headers.indexOf(h) + 1);
    expect(cell('forms_label').value).toBe('الاغتصاب;الاستعباد الجنسي');
    expect(cell('forms_label').type).toBe(ExcelJS.ValueType.String);
    expect(cell('admin1_label').value).toBe('منطقة كيدال');
    expect(ws.views[0]?.rightToLeft).toBe(true);
  });

  it('labels an organisation\'s own x_ values in the language, in English when not translated', async () => {
    const site = await as.coordinatorL.post<{ code: string }>('/api/lookups', { list: 'setting', labels: { en: 'Mine site', fr: 'Site minier', ar: 'موقع تعدين' } });
    const network = await as.coordinatorL.post<{ code: string }>('/api/lookups', { list: 'sourceType', labels: { en: 'Community alert network' } });
    expect([site.status, network.status]).toEqual([201, 201]);
    const made = await create(as.coordinatorL, { context: { setting: site.body.code }, sources: [{ type: network.body.code }, { type: 'media' }] });
    const [fr] = (await json(as.coordinatorL, `labels=both&lang=fr&q=${made.reference}`)).items;
    expect(fr).toMatchObject({ setting: 'x_mine_site', setting_label: 'Site minier', source_types: `${network.body.code};media`, source_types_label: 'Community alert network;Médias' });
    const [ar] = (await json(as.coordinatorL, `labels=labels&lang=ar&q=${made.reference}`)).items;
    expect(ar).toMatchObject({ setting_label: 'موقع تعدين' });
  });

  it('writes one row per violation, with its form, its own tally and its number, the rest repeated', async () => {
    const made = await create(as.coordinator, {}); // rape (2 women, 1 girl) and sexual slavery (1 woman)
    const body = await json(as.coordinator, `rows=violation&labels=both&lang=en&hxl=true&q=${made.reference}`);
    expect(body.note).toMatch(/more than once/);
    expect(body.hxl!.violation_number).toBe('#meta+violation+num');
    expect(body.items.map((i) => [i.violation_number, i.forms, i.forms_label, i.victims_women, i.victims_girls, i.victims_total])).toEqual([
      [1, 'rape', 'Rape', 2, 1, 3],
      [2, 'sexual_slavery', 'Sexual slavery', 1, 0, 1],
    ]);
    const repeated = (i: Item) => { const { violation_number: _n, forms: _f, forms_label: _l, victims_women: _w, victims_girls: _g, victims_total: _t, ...rest } = i; return rest; };
    expect(repeated(body.items[1]!)).toEqual(repeated(body.items[0]!));
    expect(body.items[0]).toMatchObject({ reference: made.reference, country: 'CAF', admin1_label: 'Bangui' });
    // A form filter keeps that form's violations only: its rows add up to that form.
    const slavery = await json(as.coordinator, `rows=violation&form=sexual_slavery&q=${made.reference}`);
    expect(slavery.items.map((i) => [i.violation_number, i.forms, i.victims_total])).toEqual([[2, 'sexual_slavery', 1]]);
  });

  it('exports the external id of an imported record', async () => {
    const made = await create(as.coordinator, {});
    await env.db.pool.query('UPDATE incidents SET external_id = $1 WHERE id = $2', ['KOBO-uuid-0042', made.id]);
    const [row] = (await json(as.coordinator, `hxl=true&q=${made.reference}`)).items;
    expect(row!.external_id).toBe('KOBO-uuid-0042');
    const plain = await create(as.coordinator, {});
    expect((await json(as.coordinator, `q=${plain.reference}`)).items[0]!.external_id).toBeNull();
  });

  it('counts before exporting exactly what the export holds, for filters, the working-group purpose and violation rows; audited', async () => {
    await create(as.coordinatorL, { consent: ['mara_working_group'], occurredFrom: '2024-02-02' });
    await create(as.coordinatorL, { consent: ['agency_only'], occurredFrom: '2024-02-03', violations: [{ form: 'rape', victims: { women: 2, girls: 1 } }] });
    await create(as.coordinatorL, { consent: ['mara_working_group', 'justice'], occurredFrom: '2024-02-04', verification: { status: 'pending' } });
    const queries = ['', 'purpose=mara_working_group', 'from=2024-01-01&to=2024-12-31', 'status=pending', 'form=sexual_slavery',
      'rows=violation', 'rows=violation&purpose=mara_working_group', 'rows=violation&form=rape&from=2024-01-01', 'purpose=mara_working_group&country=SOM'];
    const seen = new Set<string>();
    for (const q of queries) {
      const count = await as.coordinatorL.get<{ records: number; rows: number }>(`/api/incidents/export/count?${q}`);
      expect(count.status, q).toBe(200);
      const r = await as.coordinatorL.get<{ items: Item[] }>(`/api/incidents/export?format=json&${q}`);
      expect(r.body.items.length, q).toBe(count.body.rows);
      expect(new Set(r.body.items.map((i) => i.reference)).size, q).toBe(count.body.records);
      expect(Number(r.headers.get('x-salama-records')), q).toBe(count.body.records);
      expect(Number(r.headers.get('x-salama-rows')), q).toBe(count.body.rows);
      seen.add(`${count.body.records}/${count.body.rows}`);
    }
    expect(seen.size).toBeGreaterThan(3); // the queries really differ
    const { rows } = await env.db.pool.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_log WHERE action = 'incident.export_count' ORDER BY id DESC LIMIT 1");
    expect(rows[0]!.details).toMatchObject({ purpose: 'mara_working_group', rowsPer: 'incident', records: 0, rows: 0, filters: ['country'] });
  });

  it('audits the options by name and value, never data', async () => {
    const made = await create(as.coordinator, {});
    await json(as.coordinator, `labels=both&lang=fr&rows=violation&q=${made.reference}`);
    const { rows } = await env.db.pool.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_log WHERE action = 'incident.export' ORDER BY id DESC LIMIT 1");
    expect(rows[0]!.details).toMatchObject({ format: 'json', hxl: false, purpose: 'agency', labels: 'both', lang: 'fr', rowsPer: 'violation', records: 1, rows: 2, filters: ['q'] });
    expect(await env.auditMentions(made.reference)).toBeGreaterThan(0); // the record's own entries ...
    expect(JSON.stringify(rows[0]!.details)).not.toContain(made.reference); // ... but not the export's
  });

  it('honours the same options in the encrypted package, and says how it reads in its README', async () => {
    const made = await labelledRecord();
    const passphrase = 'river stone lamp readable';
    const res = await fetch(`${env.srv.base}/api/incidents/export-package`, {
      method: 'POST', headers: { cookie: as.coordinatorB.cookie!, 'x-csrf-token': as.coordinatorB.csrf!, 'content-type': 'application/json' },
      body: JSON.stringify({ format: 'csv', labels: 'both', lang: 'ar', rows: 'violation', q: made.reference, passphrase }),
    });
    expect(res.status).toBe(200);
    expect([res.headers.get('x-salama-records'), res.headers.get('x-salama-rows')]).toEqual(['1', '2']);
    const entries = await new ZipReader(new Uint8ArrayReader(new Uint8Array(await res.arrayBuffer()))).getEntries();
    const csv = await (entries[0] as FileEntry).getData(new TextWriter(), { password: passphrase });
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe(exportColumns({ labels: 'both', lang: 'ar', rows: 'violation' }).map((c) => c.header).join(','));
    expect(lines.length).toBe(3);
    expect(lines[1]).toContain(',rape,الاغتصاب,');
    const readme = await (entries[1] as FileEntry).getData(new TextWriter(), { password: passphrase });
    expect(readme).toContain('2 rows, one per violation, of 1 incidents');
    expect(readme).toContain('label in Arabic');
    expect(readme).toMatch(/more than once/);
    for (const secret of [NARRATIVE_MARKER, LOCALITY]) expect(csv).not.toContain(secret);
  });

  it('refuses bad option values with a 400 naming the field, on every export route', async () => {
    for (const [query, field] of [['labels=names', 'labels'], ['lang=de', 'lang'], ['rows=victim', 'rows'], ['labels=', 'labels']] as const) {
      for (const path of ['/api/incidents/export', '/api/incidents/export/count']) {
        const bad = await as.coordinator.get<{ error: { issues: { field: string; code: string; params?: Record<string, string>; message: string }[] } }>(`${path}?${query}`);
        expect(bad.status, `${path}?${query}`).toBe(400);
        expect(bad.body.error.issues[0]!.field, `${path}?${query}`).toBe(field);
        expect(bad.body.error.issues[0]!.code).toBe('unknown_code');
        expect(bad.body.error.issues[0]!.params?.values).toMatch(/^[a-z]+(, [a-z]+)+$/u);
        expect(bad.body.error.issues[0]!.message).toMatch(/: choose one of the values offered$/u);
      }
    }
    const pkg = await as.coordinator.post<{ error: { issues: { field: string }[] } }>('/api/incidents/export-package', { rows: 'people', passphrase: 'river stone lamp readable' });
    expect(pkg.status).toBe(400);
    expect(pkg.body.error.issues[0]!.field).toBe('rows');
    expect((await as.monitor.get('/api/incidents/export/count')).status).toBe(403);
  });
});
