/**
 * Exports: everything the coordinator may see, streamed with no cap, CSV or JSON, with HXL hashtags; never
 * an identifying field; sharing exports hold only records whose consent allows it; every export audited.
 */
import { describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import ExcelJS from 'exceljs';
import { TextWriter, Uint8ArrayReader, ZipReader, type FileEntry } from '@zip.js/zip.js';
import { IncidentExportQuery } from '../shared/export.ts';
import { exportIncidents, EXPORT_COLUMNS, csvCell } from './export.ts';
import { incidentTestEnv, LOCALITY, NARRATIVE_MARKER } from './incident-test-kit.ts';

describe('CSV cells', () => {
  it('quotes what needs quoting and neutralises spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });
});

describe.each(testServers())('incident export on $name', (server) => {
  const env = incidentTestEnv(server);
  const { as, create, audit } = env;

  it('exports CSV with an HXL row and every visible record, without identifying fields, and audits it', async () => {
    const shared = await create(as.monitor, { consent: ['mara_working_group', 'aggregate_statistics'], perpetrators: [{ party: '=cmd|calc' }] });
    const agencyOnly = await create(as.monitor, { consent: ['agency_only'] });
    const r = await as.coordinator.request('GET', '/api/incidents/export?hxl=true');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="salama-incidents-\d{4}-\d{2}-\d{2}\.csv"/);
    const text = r.body as string;
    const lines = text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe(EXPORT_COLUMNS.map((c) => c.header).join(','));
    expect(lines[1]).toBe(EXPORT_COLUMNS.map((c) => c.hxl).join(','));
    expect(lines.length - 2).toBe(Number(r.headers.get('x-salama-rows')));
    expect(text).toContain(shared.reference);
    expect(text).toContain(agencyOnly.reference);
    expect(text).toContain("'=cmd|calc");
    for (const secret of [NARRATIVE_MARKER, LOCALITY, 'S-0042', '4.36']) expect(text).not.toContain(secret);
    const entries = await env.db.pool.query<{ details: { rows: number; purpose: string } }>("SELECT details FROM audit_log WHERE action = 'incident.export' ORDER BY id DESC LIMIT 1");
    expect(entries.rows[0]!.details).toMatchObject({ purpose: 'agency', rows: lines.length - 2 });
    expect(await audit(shared.id, 'incident.read')).toEqual([]);
  });

  it('shares with the MARA working group only what consent allows: an agency-only record never leaves', async () => {
    const shared = await create(as.monitor, { consent: ['mara_working_group'] });
    const agencyOnly = await create(as.monitor, { consent: ['agency_only'] });
    const statsOnly = await create(as.monitor, { consent: ['aggregate_statistics'] });
    const r = await as.coordinator.request('GET', '/api/incidents/export?purpose=mara_working_group&format=json');
    const body = r.body as { items: { reference: string; consent: string }[] };
    const refs = body.items.map((i) => i.reference);
    expect(refs).toContain(shared.reference);
    expect(refs).not.toContain(agencyOnly.reference);
    expect(refs).not.toContain(statsOnly.reference);
    expect(body.items.every((i) => i.consent.split(';').includes('mara_working_group'))).toBe(true);
  });

  it('streams everything in batches with no cap and no repeats, whatever the batch size', async () => {
    for (let i = 0; i < 12; i++) await create(as.monitor, { occurredFrom: '2025-05-05' });
    const actor = { userId: env.A.coordinator.id, organisationId: env.A.coordinator.organisationId, role: 'coordinator' as const, stage: 'active' as const, sessionId: 't' };
    const all = async (batch: number) => {
      const { stream, rows } = await exportIncidents(env.ctx, actor, IncidentExportQuery.parse({ format: 'json' }), null, { batchSize: batch });
      let text = '';
      for await (const chunk of stream) text += String(chunk);
      const items = (JSON.parse(text) as { items: { reference: string }[] }).items.map((i) => i.reference);
      expect(items.length).toBe(rows);
      return items;
    };
    const one = await all(1000);
    const small = await all(5);
    expect(small).toEqual(one);
    expect(new Set(small).size).toBe(small.length);
    expect(one.length).toBeGreaterThanOrEqual(12);
  });

  it('exports XLSX with typed cells and the HXL row, and never runs a formula', async () => {
    const made = await create(as.coordinatorL, { perpetrators: [{ party: '=HYPERLINK("http://x")', category: 'unknown' }] });
    const r = await fetch(`${env.srv.base}/api/incidents/export?format=xlsx&hxl=true`, { headers: { cookie: as.coordinatorL.cookie! } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('spreadsheetml');
    expect(r.headers.get('content-disposition')).toMatch(/\.xlsx"$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.arrayBuffer());
    const ws = wb.getWorksheet('incidents')!;
    expect(ws.getRow(1).values).toEqual([undefined, ...EXPORT_COLUMNS.map((c) => c.header)]);
    expect(ws.getRow(2).values).toEqual([undefined, ...EXPORT_COLUMNS.map((c) => c.hxl)]);
    expect(ws.rowCount).toBe(3);
    const row = ws.getRow(3);
    const cell = (h: string) => row.getCell(EXPORT_COLUMNS.findIndex((c) => c.header === h) + 1);
    expect(cell('reference').value).toBe(made.reference);
    expect(cell('victims_women').value).toBe(2);
    expect(cell('date_estimated').value).toBe(false);
    expect(cell('alleged_perpetrator').value).toBe('=HYPERLINK("http://x")');
    expect(cell('alleged_perpetrator').type).toBe(ExcelJS.ValueType.String);
    expect(cell('alleged_perpetrator').formula).toBeUndefined();
  });

  it('seals an export in an AES-256 ZIP under the passphrase, which it never keeps', async () => {
    const made = await create(as.coordinatorB, {});
    const passphrase = 'PASSPHRASE-CANARY river stone lamp';
    const raw = await fetch(`${env.srv.base}/api/incidents/export-package`, {
      method: 'POST', headers: { cookie: as.coordinatorB.cookie!, 'x-csrf-token': as.coordinatorB.csrf!, 'content-type': 'application/json' },
      body: JSON.stringify({ format: 'csv', hxl: true, passphrase }),
    });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('application/zip');
    expect(raw.headers.get('content-disposition')).toMatch(/salama-incidents-\d{4}-\d{2}-\d{2}\.zip"$/);
    const bytes = new Uint8Array(await raw.arrayBuffer());
    expect(Buffer.from(bytes).includes(Buffer.from(made.reference))).toBe(false); // encrypted, not just zipped
    const entries = await new ZipReader(new Uint8ArrayReader(bytes)).getEntries();
    expect(entries.map((e) => [e.filename, e.encrypted])).toEqual([[expect.stringMatching(/\.csv$/), true], ['README.txt', true]]);
    const csv = await (entries[0] as FileEntry).getData(new TextWriter(), { password: passphrase });
    expect(csv).toContain(made.reference);
    expect(csv).toContain('#event+id');
    await expect((entries[0] as FileEntry).getData(new TextWriter(), { password: 'wrong passphrase here' })).rejects.toThrow();
    // The README says how strong the protection is (the format's weak key derivation, this passphrase's kind).
    const readme = await (entries[1] as FileEntry).getData(new TextWriter(), { password: passphrase });
    expect(readme).toContain('a passphrase of 34 characters typed by the exporter');
    expect(readme).toContain('PBKDF2-HMAC-SHA1 and only 1,000 rounds');
    expect(readme).not.toContain(passphrase);
    // Never kept: not in the audit log, not in the database.
    expect(await env.auditMentions('PASSPHRASE-CANARY')).toBe(0);
    const audited = await env.db.pool.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_log WHERE action = 'incident.export' AND details->>'packaged' = 'true'");
    expect(audited.rows.length).toBe(1);
    const short = await as.coordinatorB.post('/api/incidents/export-package', { passphrase: 'nineteen characters' });
    expect(short.status).toBe(400);
    expect((short.body as { error: { issues: { field: string; code: string; params: { min: number } }[] } }).error.issues[0]).toMatchObject({ field: 'passphrase', code: 'passphrase_short', params: { min: 20 } });
    expect((await as.monitor.post('/api/incidents/export-package', { passphrase })).status).toBe(403);
  });

  it('refuses monitors and partners, and bad parameters by name', async () => {
    expect((await as.monitor.get('/api/incidents/export')).status).toBe(403);
    expect((await as.partner.get('/api/incidents/export')).status).toBe(403);
    const bad = await as.coordinator.get<{ error: { issues: { field: string }[] } }>('/api/incidents/export?format=xml');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0]!.field).toBe('format');
    expect((await as.coordinator.get('/api/incidents/export?page=2')).status).toBe(400);
  });
});
