/**
 * Exports: everything the coordinator may see, streamed with no cap, CSV or JSON, with HXL hashtags; never
 * an identifying field; sharing exports hold only records whose consent allows it; every export audited.
 */
import { describe, expect, it } from 'vitest';
import { testServers } from '../../test/helpers/db.ts';
import { IncidentExportQuery } from '../shared/incident.ts';
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
      const { stream, rows } = await exportIncidents(env.ctx, actor, IncidentExportQuery.parse({ format: 'json' }), null, batch);
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

  it('refuses monitors and partners, and bad parameters by name', async () => {
    expect((await as.monitor.get('/api/incidents/export')).status).toBe(403);
    expect((await as.partner.get('/api/incidents/export')).status).toBe(403);
    const bad = await as.coordinator.get<{ error: { issues: { field: string }[] } }>('/api/incidents/export?format=xml');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0]!.field).toBe('format');
    expect((await as.coordinator.get('/api/incidents/export?page=2')).status).toBe(400);
  });
});
