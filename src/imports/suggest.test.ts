/** Proposals from headers and values: French and English names, Kobo prefixes with "/" or ".", the finest date, values deciding. */
import { describe, expect, it } from 'vitest';
import { ImportMapping } from '../shared/import.ts';
import type { Table } from './parse.ts';
import { RowConverter } from './convert.ts';
import { profileTable, suggestMapping } from './suggest.ts';

const table = (headers: string[], rows: string[][]): Table => ({ headers, rows, rowNumbers: rows.map((_, i) => i + 2), sheet: null, sheets: [], encoding: null, others: [] });
const suggest = (t: Table) => suggestMapping(t, profileTable(t));

describe('proposing a mapping', () => {
  it('reads French headers and KoboToolbox group prefixes written with a slash or a dot, with the space separator', () => {
    const kobo = suggest(table(['group_incident.date_des_faits', 'group_incident.violation_type', 'group_lieu/pays', 'group_lieu/prefecture', '_uuid'], [['14/03/2025', 'rape', 'CAF', 'Ouham', 'u-1']]));
    expect(kobo).toMatchObject({ separator: 'space', dateOrder: 'dmy', columns: { occurredFrom: 'group_incident.date_des_faits', forms: 'group_incident.violation_type', country: 'group_lieu/pays', admin1: 'group_lieu/prefecture', externalId: '_uuid' } });
    for (const h of ['type_of_violence', 'forme', 'Type de violence']) expect(suggest(table([h], [['viol']])).columns.forms, h).toBe(h);
    expect(suggest(table(['date', 'form'], [['2025-01-01', 'rape']])).separator).toBe('semicolon');
  });

  it('proposes the finest date column, the order its dates show, and lets values decide between readings of a name', () => {
    const t = table(['year', 'event_date', 'location', 'source', 'region'], [['2020', '05/13/2020', 'Bunia', 'Radio Okapi', '1'], ['2020', '06/01/2020', 'Goma', 'NGO report', '3']]);
    const m = suggest(t);
    expect(m.columns).toMatchObject({ occurredFrom: 'event_date', locality: 'location', sourceOrganisation: 'source' });
    expect(m.columns).not.toHaveProperty('country');
    expect(m.columns).not.toHaveProperty('admin1'); // a UCDP region number is not an area
    expect(m.dateOrder).toBe('mdy');
    expect(profileTable(t).dateColumns.map((d) => d.column)).toEqual(['event_date', 'year']);
    const countries = suggest(table(['location', 'source'], [['Philippines', 'survivor'], ['Colombia', 'monitor']]));
    expect(countries.columns).toMatchObject({ country: 'location', sourceType: 'source' });
  });

  it('reads further sources from their own columns', () => {
    const headers = ['date', 'form', 'src1', 'src1_org', 'src2', 'src2_org'];
    const m = ImportMapping.parse({
      columns: { occurredFrom: 'date', forms: 'form', sourceType: 'src1', sourceOrganisation: 'src1_org' },
      more: { sources: [{ type: 'src2', organisation: 'src2_org' }] }, defaults: { country: 'CAF' },
    });
    const r = new RowConverter({ headers, mapping: m, areas: { resolve: () => null }, fingerprintKey: Buffer.alloc(32) }).convert(['2025-01-02', 'rape', 'survivor', 'Clinic A (synthetic)', 'media', 'Radio B (synthetic)'], 2);
    expect(r.ok && r.input.sources.map((s) => [s.type, s.organisation])).toEqual([['survivor', 'Clinic A (synthetic)'], ['media', 'Radio B (synthetic)']]);
  });
});
