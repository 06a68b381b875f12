/** Converting one spreadsheet row: consent is never widened by a default, fingerprints are keyed and read only what the mapping reads. */
import { describe, expect, it } from 'vitest';
import { ImportMapping, type ImportMappingInput } from '../shared/import.ts';
import type { AreaLookup } from './cells.ts';
import { RowConverter } from './convert.ts';

const areas: AreaLookup = { resolve: () => null };
const key = Buffer.alloc(32, 7);
const headers = ['date', 'form', 'consent'];
const mapping = (consentColumn: boolean) => ImportMapping.parse({
  columns: { occurredFrom: 'date', forms: 'form', ...(consentColumn ? { consent: 'consent' } : {}) },
  defaults: { country: 'CAF', victimsUnknown: 1, consent: ['mara_working_group'] },
});
const converter = (m: ImportMappingInput, h = headers, k = key) => new RowConverter({ headers: h, mapping: ImportMapping.parse(m), areas, fingerprintKey: k });

describe('converting a row', () => {
  it('reads an empty consent cell as agency only, whatever the default; the default serves files without the column', () => {
    const withColumn = converter(mapping(true));
    const empty = withColumn.convert(['2025-01-02', 'rape', ''], 2);
    expect(empty.ok && empty.input.consent).toEqual(['agency_only']);
    const given = withColumn.convert(['2025-01-03', 'rape', 'aggregate_statistics;referral'], 3);
    expect(given.ok && given.input.consent).toEqual(['aggregate_statistics', 'referral']);
    const without = converter(mapping(false)).convert(['2025-01-02', 'rape', ''], 2);
    expect(without.ok && without.input.consent).toEqual(['mara_working_group']);
  });

  it('keys the fingerprint of a row without an id column, and splits long blank runs without backtracking', () => {
    const a = converter(mapping(false)).convert(['2025-01-02', 'rape', ''], 2);
    const b = converter(mapping(false), headers, Buffer.alloc(32, 8)).convert(['2025-01-02', 'rape', ''], 2);
    expect(a.ok && b.ok && a.externalId !== b.externalId).toBe(true);
    // (Split with backtracking, this cell took minutes; the test's own timeout would catch it coming back.)
    const spaces = converter(mapping(true)).convert(['2025-01-02', `rape${' '.repeat(200_000)}x`, ''], 2);
    expect(spaces.ok).toBe(false);
  });

  it('fingerprints only the mapped values, normalised: dropping an unused column or respacing a value changes nothing', () => {
    const m = { columns: { occurredFrom: 'date', forms: 'form' }, defaults: { country: 'CAF' } };
    const full = converter(m, ['date', 'form', 'notes']).convert(['2025-01-02', 'Rape', 'unused'], 2);
    const dropped = converter(m, ['form', 'date']).convert(['rape ', '2025-01-02'], 2);
    expect(full.ok && dropped.ok).toBe(true);
    if (!full.ok || !dropped.ok) return;
    expect(dropped.externalId).toBe(full.externalId);
    expect(full.legacyId).not.toBe(dropped.legacyId);
    // Identical rows are told apart by their order, and the dry run is told.
    const c = converter(m);
    const one = c.convert(['2025-01-02', 'rape', ''], 2);
    const two = c.convert(['2025-01-02', 'rape', ''], 3);
    expect(one.ok && two.ok && [one.externalId !== two.externalId, two.notes.map((n) => n.code).sort()]).toEqual([true, ['identical_rows', 'victims_number_unknown']]);
  });

  it('reports every problem of a row at once, by label, and records an unknown number of victims as not known', () => {
    const c = converter({ columns: { occurredFrom: 'from', occurredTo: 'to', forms: 'form', victimsWomen: 'women', country: 'country' } }, ['from', 'to', 'form', 'women', 'country']);
    const bad = c.convert(['2025-02-10', '2025-01-01', 'groping', 'two', 'Narnia'], 2);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => [p.column, p.code, p.rule])).toEqual(expect.arrayContaining([
      ['country', 'not_a_country', expect.stringMatching(/^Country: is not a country/)],
      ['form', 'unknown_value', 'Forms of violence: "groping" is not a known value: map it to a code in the values step'],
      ['women', 'whole_number', 'Victims: women: must be a whole number, 0 or more (or "unknown")'],
      ['to', 'before_from', 'Date (to): must not be before Date (from)'],
    ]));
    expect(bad.problems).toHaveLength(4);
    const unknown = c.convert(['9-May-20', '', 'unknown', 'unknown', 'DR Congo'], 3);
    expect(unknown.ok && unknown.input).toMatchObject({ occurredFrom: '2020-05-09', victimCountUnknown: true, victims: { women: 0, unknown: 0 }, place: { country: 'COD' }, violations: [{ form: 'unspecified' }] });
  });

  it('splits victims across several forms as the mapping says, and says so', () => {
    const m = (victimsSplit: 'each' | 'first') => ({ columns: { occurredFrom: 'date', forms: 'form', victimsWomen: 'women' }, defaults: { country: 'CAF' }, victimsSplit });
    const h = ['date', 'form', 'women'];
    const each = converter(m('each'), h).convert(['2025-01-02', 'rape;sexual_slavery', '3'], 2);
    const first = converter(m('first'), h).convert(['2025-01-02', 'rape;sexual_slavery', '3'], 2);
    expect(each.ok && each.input.violations.map((v) => v.victims.women)).toEqual([3, 3]);
    expect(each.ok && each.notes.map((n) => n.code)).toEqual(['victims_each_form']);
    expect(first.ok && first.input.violations.map((v) => v.victims.women)).toEqual([3, 0]);
    expect(first.ok && first.notes.map((n) => n.code)).toEqual(['victims_first_form']);
  });
});
