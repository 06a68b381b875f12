/** Converting one spreadsheet row: consent is never widened by a default, fingerprints are keyed. */
import { describe, expect, it } from 'vitest';
import { ImportMapping } from '../shared/import.ts';
import { RowConverter, type AreaIndex } from './convert.ts';

const areas: AreaIndex = { codes: new Map(), names: new Map() };
const key = Buffer.alloc(32, 7);
const headers = ['date', 'form', 'consent'];
const mapping = (consentColumn: boolean) => ImportMapping.parse({
  columns: { occurredFrom: 'date', forms: 'form', ...(consentColumn ? { consent: 'consent' } : {}) },
  defaults: { country: 'CAF', victimsUnknown: 1, consent: ['mara_working_group'] },
});

describe('converting a row', () => {
  it('reads an empty consent cell as agency only, whatever the default; the default serves files without the column', () => {
    const withColumn = new RowConverter(headers, mapping(true), areas, key);
    const empty = withColumn.convert(['2025-01-02', 'rape', ''], 2);
    expect(empty.ok && empty.input.consent).toEqual(['agency_only']);
    const given = withColumn.convert(['2025-01-03', 'rape', 'aggregate_statistics;referral'], 3);
    expect(given.ok && given.input.consent).toEqual(['aggregate_statistics', 'referral']);
    const without = new RowConverter(headers, mapping(false), areas, key).convert(['2025-01-02', 'rape', ''], 2);
    expect(without.ok && without.input.consent).toEqual(['mara_working_group']);
  });

  it('keys the fingerprint of a row without an id column, and splits long blank runs without backtracking', () => {
    const a = new RowConverter(headers, mapping(false), areas, key).convert(['2025-01-02', 'rape', ''], 2);
    const b = new RowConverter(headers, mapping(false), areas, Buffer.alloc(32, 8)).convert(['2025-01-02', 'rape', ''], 2);
    expect(a.ok && b.ok && a.externalId !== b.externalId).toBe(true);
    // (Split with backtracking, this cell took minutes; the test's own timeout would catch it coming back.)
    const spaces = new RowConverter(headers, mapping(true), areas, key).convert(['2025-01-02', `rape${' '.repeat(200_000)}x`, ''], 2);
    expect(spaces.ok).toBe(false);
  });
});
