import { describe, expect, it } from 'vitest';
import { duplicatesOf, findDuplicates } from './blocking.ts';
import { dateGap, frequencies, scorePair, type MatchRecord } from './score.ts';

const base: MatchRecord = {
  id: 'a', occurredFrom: '2025-03-10', occurredTo: null, country: 'CAF', admin1: 'CF-BGF', admin2: 'CF-BGF-D1',
  forms: ['rape'], victims: { women: 2, girls: 1, men: 0, boys: 0, unknown: 0 }, party: 'Armed group K (TEST-7)', setting: 'water_point', timeOfDay: 'evening',
};
const field = (r: ReturnType<typeof scorePair>, name: string) => r.fields.find((f) => f.field === name);

describe('duplicate scoring', () => {
  it('measures the gap between date ranges, zero when they overlap', () => {
    expect(dateGap(base, { ...base, occurredFrom: '2025-03-08', occurredTo: '2025-03-12' })).toBe(0);
    expect(dateGap(base, { ...base, occurredFrom: '2025-03-13' })).toBe(3);
  });

  it('scores the same incident told by two sources as a likely duplicate, and explains each field', () => {
    const retold: MatchRecord = { ...base, id: 'b', occurredFrom: '2025-03-11', admin2: null, party: 'ARMED GROUP K TEST-7', timeOfDay: null };
    const r = scorePair(base, retold);
    expect(r.score).toBeGreaterThan(0.5);
    expect(field(r, 'perpetrator')!.note).toBe('same alleged perpetrator');
    expect(field(r, 'place')!.note).toMatch(/admin 2 unknown/);
    expect(field(r, 'timeOfDay')).toBeUndefined(); // unknown on one side: no evidence either way
  });

  it('keeps apart two incidents that only share the commonest profile', () => {
    const other: MatchRecord = { ...base, id: 'c', occurredFrom: '2025-03-16', admin2: 'CF-BGF-D4', victims: { women: 1, girls: 0, men: 0, boys: 0, unknown: 0 }, party: 'Armed group L (TEST-8)', setting: 'field' };
    expect(scorePair(base, other).score).toBeLessThan(0.05);
    expect(scorePair(base, { ...base, id: 'd', country: 'COD', admin1: 'CD-NK' }).score).toBeLessThan(0.5);
  });

  it('weighs agreement on a rare value above agreement on a common one', () => {
    const common = Array.from({ length: 40 }, (_, i): MatchRecord => ({ ...base, id: `x${i}`, forms: ['rape'] }));
    const freq = frequencies([...common, { ...base, id: 'rare', forms: ['sexual_torture'] }]);
    const onRape = field(scorePair(base, { ...base, id: 'y' }, freq), 'forms')!.points;
    const onTorture = field(scorePair({ ...base, forms: ['sexual_torture'] }, { ...base, id: 'z', forms: ['sexual_torture'] }, freq), 'forms')!.points;
    expect(onTorture).toBeGreaterThan(onRape);
  });

  it('uses the narrative only when both sides carry one (users allowed to read them)', () => {
    const withText = scorePair({ ...base, narrative: 'taken at the water point in the evening by three armed men' }, { ...base, id: 'n', narrative: 'three armed men took her at the water point that evening' });
    expect(field(withText, 'narrative')).toBeDefined();
    expect(field(scorePair(base, { ...base, id: 'm' }), 'narrative')).toBeUndefined();
  });
});

describe('candidate generation', () => {
  it('finds each duplicate pair once, across blocks, and never compares across countries or far dates', () => {
    const records: MatchRecord[] = [
      base,
      { ...base, id: 'b', occurredFrom: '2025-03-11' },
      { ...base, id: 'far', occurredFrom: '2025-06-01' },
      { ...base, id: 'elsewhere', country: 'SSD', admin1: 'SS-EE' },
      { ...base, id: 'no-area', admin1: null, admin2: null, occurredFrom: '2025-03-10' },
    ];
    const pairs = findDuplicates(records).map((c) => [c.a.id, c.b.id].sort().join('|')).sort();
    expect(pairs).toContain('a|b');
    expect(pairs.some((p) => p.includes('far') || p.includes('elsewhere'))).toBe(false);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('ranks the likely duplicates of one new record, best first', () => {
    const existing: MatchRecord[] = [{ ...base, id: 'b', occurredFrom: '2025-03-12' }, { ...base, id: 'c' }, { ...base, id: 'z', admin1: 'CF-OP' }];
    const found = duplicatesOf({ ...base, id: 'new' }, existing).map((c) => c.b.id);
    expect(found[0]).toBe('c');
    expect(found).not.toContain('z');
  });
});
