import { describe, expect, it } from 'vitest';
import { duplicatesOf, findDuplicates } from './blocking.ts';
import { coordinateEvidence, distanceKm } from './distance.ts';
import { dateGap, frequencies, LIKELY_DUPLICATE, lineBefore, scorePair, type MatchRecord } from './score.ts';

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

/**
 * Issue 8: a record with the same date, admin 1, form, number of victims and party as an existing one was
 * neither flagged on entry nor by a scan. The organisation's records mostly shared that profile (rape, one
 * woman, the main party), so each agreement weighed next to nothing; admin 2 was missing; the party was
 * written in another case or without its accents.
 */
describe('the same incident recorded twice with the commonest values', () => {
  const common: MatchRecord = {
    id: 'first', occurredFrom: '2025-05-06', occurredTo: null, country: 'COD', admin1: 'CD-NK', admin2: null,
    forms: ['rape'], victims: { women: 1, girls: 0, men: 0, boys: 0, unknown: 0 }, party: 'Forces armées (FARDC)', setting: null, timeOfDay: null,
  };
  // Three hundred other records of the same profile, a month or more apart: the organisation's usual case.
  const background = Array.from({ length: 300 }, (_, i): MatchRecord => ({
    ...common, id: `bg${i}`, occurredFrom: new Date(Date.parse('2023-01-01') + i * 40 * 86_400_000).toISOString().slice(0, 10),
    admin1: i % 4 ? 'CD-NK' : 'CD-SK', party: i % 5 ? 'Forces armées (FARDC)' : 'M23',
  }));
  const variants: [string, MatchRecord][] = [
    ['no admin 2 on either side', { ...common, id: 'second' }],
    ['admin 2 on one side only', { ...common, id: 'second', admin2: 'CD-NK-RUT' }],
    ['the party in capitals without accents or brackets', { ...common, id: 'second', party: 'FORCES ARMEES FARDC' }],
    ['the party among two named', { ...common, id: 'second', party: 'M23; forces armees (fardc)' }],
  ];

  it.each(variants)('is proposed on entry and by a scan: %s', (_, second) => {
    const all = [...background, common];
    expect(duplicatesOf(second, all).map((c) => c.b.id)).toContain('first');
    const pairs = findDuplicates([...all, second]).map((c) => [c.a.id, c.b.id].sort().join('|'));
    expect(pairs).toContain('first|second');
  });

  it('reads Arabic party names written with or without hamza, teh marbuta or marks as one', () => {
    const a = { ...common, party: 'قوات الدعم السريع' };
    const b = { ...common, id: 'second', party: 'قوّات الدّعم السّريع' };
    expect(field(scorePair(a, b), 'perpetrator')!.note).toBe('same alleged perpetrator');
    expect(field(scorePair({ ...a, party: 'أنصار الدولة' }, { ...b, party: 'انصار الدوله' }), 'perpetrator')!.note).toBe('same alleged perpetrator');
  });

  it('does not take a missing admin 2 or an unknown number for a disagreement, and keeps different places and parties apart', () => {
    const r = scorePair(common, { ...common, id: 'second' });
    expect(field(r, 'place')!.points).toBeGreaterThan(0);
    expect(field(scorePair(common, { ...common, id: 's', victims: { women: 0, girls: 0, men: 0, boys: 0, unknown: 0 } }), 'victims')).toBeUndefined();
    expect(scorePair({ ...common, admin2: 'CD-NK-RUT' }, { ...common, id: 's', admin2: 'CD-NK-MAS' }).score).toBeLessThan(LIKELY_DUPLICATE);
    expect(scorePair(common, { ...common, id: 's', party: 'M23' }).score).toBeLessThan(LIKELY_DUPLICATE);
    expect(scorePair(common, { ...common, id: 's', occurredFrom: '2025-05-16' }).score).toBeLessThan(LIKELY_DUPLICATE);
    expect(field(scorePair({ ...common, party: 'FARDC' }, { ...common, id: 's', party: 'FARDC 3e brigade' }), 'perpetrator')!.points).toBe(0.5);
  });
});

describe('coordinates, where they may be decrypted', () => {
  const goma = { lat: -1.6792, lon: 29.2228, precision: 'exact' };
  it('adds evidence when both records place the incident close together, and weighs against far apart', () => {
    expect(distanceKm(goma, { ...goma, lat: -1.6792 + 0.009 })).toBeCloseTo(1, 1);
    expect(coordinateEvidence(goma, { ...goma, lat: goma.lat + 0.005 })!.points).toBeGreaterThan(2);
    expect(coordinateEvidence(goma, { ...goma, lat: goma.lat + 0.9 })!.points).toBeLessThan(0);
    expect(coordinateEvidence(goma, null)).toBeNull();
    // An admin area's centre says nothing the areas do not already say.
    expect(coordinateEvidence(goma, { ...goma, precision: 'admin2' })).toBeNull();
    // The vaguer point sets the tolerance: a village's centre 4 km away is still close.
    expect(coordinateEvidence(goma, { ...goma, lat: goma.lat + 0.036, precision: 'locality' })!.points).toBeGreaterThan(2);
  });

  it('turns a borderline pair into a likely one, or a likely one into an unlikely one, and never says where', () => {
    const a: MatchRecord = { ...base, admin2: null, party: null, setting: null, timeOfDay: null, occurredFrom: '2025-03-10' };
    const b: MatchRecord = { ...a, id: 'b', occurredFrom: '2025-03-11' };
    const plain = scorePair(a, b).score;
    const near = scorePair({ ...a, coordinates: goma }, { ...b, coordinates: { ...goma, lon: goma.lon + 0.003 } });
    const far = scorePair({ ...a, coordinates: goma }, { ...b, coordinates: { ...goma, lat: goma.lat - 1 } });
    expect(near.score).toBeGreaterThan(plain);
    expect(far.score).toBeLessThan(plain);
    expect(JSON.stringify(near.fields)).not.toMatch(/29\.2|1\.67/);
    // The scan's first pass keeps every pair that could still cross the line with the most a distance adds.
    expect(lineBefore(LIKELY_DUPLICATE, 2.5)).toBeLessThan(plain);
  });
});

describe('narratives', () => {
  it('two accounts worded differently weigh only a little against', () => {
    const r = scorePair({ ...base, narrative: 'Elle a été agressée près du point d’eau.' }, { ...base, id: 'x', narrative: 'Survivor reports assault by armed men.' });
    expect(field(r, 'narrative')!.points).toBeGreaterThanOrEqual(-0.5);
    expect(r.score).toBeGreaterThan(LIKELY_DUPLICATE);
  });
});
