import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import builtIn from './admin-areas.json' with { type: 'json' };
import { isoLevelOneAreas } from './iso3166.ts';
import { buildAreaMatcher, type AreaMatch, type MatchableArea } from './match.ts';

// What a server offers: the boundary files, and ISO level 1 for the countries they do not cover.
const boundary: MatchableArea[] = builtIn.areas.map((a) => ({ ...a, parent: a.parent ?? null }));
const covered = new Set(boundary.filter((a) => a.level === 1).map((a) => a.country));
const iso: MatchableArea[] = isoLevelOneAreas().filter((a) => !covered.has(a.country)).map((a) => ({ ...a, parent: a.parentCode }));
const all = [...boundary, ...iso];
const matcher = buildAreaMatcher(all);
const m = (country: string, text: string, level = 1, parent?: string) => matcher.match(country, level, text, parent);
const codeOf = (r: AreaMatch) => (r && 'code' in r ? r.code : null);

describe('area matcher on real spellings', () => {
  it.each([
    ['COD', 'Kasaï-Oriental', 'CD-KE'], ['COD', 'kasai oriental', 'CD-KE'], ['COD', 'KASAI-ORIENTAL', 'CD-KE'],
    ['COD', 'Province du Nord-Kivu', 'CD-NK'], ['COD', 'Nord Kivu', 'CD-NK'], ['COD', 'North Kivu Province', 'CD-NK'],
    ['COD', "Province de l'Ituri", 'CD-IT'], ['COD', 'Kasai', 'CD-KS'],
    ['UKR', 'Kharkivska oblast', 'UA-63'], ['UKR', 'Kharkiv Oblast', 'UA-63'], ['UKR', 'Donetsk', 'UA-14'], ['UKR', 'Luhansk Oblast', 'UA-09'],
    ['SSD', 'Central Equatoria State', 'SS-EC'], ['SSD', 'Lakes State', 'SS-LK'],
    ['IRQ', 'Ninewa Governorate', 'IQ-NI'], ['IRQ', 'محافظة نينوى', 'IQ-NI'], ['IRQ', 'نينوى', 'IQ-NI'], ['IRQ', 'Salah al-Din', 'IQ-SD'],
    ['IRQ', 'Kerbala', 'IQ-KA'], ['IRQ', 'Duhok', 'IQ-DA'], ['IRQ', 'Basrah', 'IQ-BA'], ['IRQ', 'Erbil', 'IQ-AR'],
    ['NGA', 'Borno State', 'NG-BO'], ['NGA', 'borno', 'NG-BO'],
    ['ARE', 'Ajman', 'AE-AJ'], ['ARE', 'Abu Zaby', 'AE-AZ'], ['ARE', "Ra's al Khaymah", 'AE-RK'],
    ['SDN', 'ولاية الخرطوم', 'SD-KH'], ['MLI', 'Région de Gao', 'ML-7'], ['CAF', 'Préfecture de la Ouaka', 'CF-UK'],
    ['BFA', 'Région du Centre-Nord', 'BF-05'], ['ESP', 'Murcia', 'ES-MC'], ['FRA', 'Guyane', 'FR-973'], ['RUS', 'Kursk Oblast', 'RU-KRS'],
    ['AND', 'Province de La Massana', 'AD-04'],
  ])('%s "%s" is %s', (country, text, code) => {
    expect(codeOf(m(country, text))).toBe(code);
  });

  it('takes ISO codes and P-codes typed as the value, whatever their case and punctuation', () => {
    expect(m('COD', 'CD-NK')).toEqual({ code: 'CD-NK', via: 'code' });
    expect(m('COD', ' cd nk ')).toEqual({ code: 'CD-NK', via: 'code' });
    expect(m('MLI', 'mli-adm2-2_0_0-b3', 2)).toEqual({ code: 'MLI-ADM2-2_0_0-B3', via: 'code' });
    expect(m('CAF', 'CD-NK')).toBeNull(); // another country's code
  });

  it('prefers an exact name to a stripped one, and never guesses between two areas', () => {
    expect(m('UKR', 'Kyiv')).toEqual({ code: 'UA-30', via: 'name' }); // the city, though "Kyivska oblast" strips to Kyiv
    expect(m('UKR', 'Kyiv Oblast')).toEqual({ ambiguous: ['UA-30', 'UA-32'] });
    expect(m('EST', 'Tartu')).toEqual({ ambiguous: ['EE-793', 'EE-796'] });
    const two = buildAreaMatcher([
      { code: 'X-1', country: 'XXX', level: 1, name: 'Lac' }, { code: 'X-2', country: 'XXX', level: 1, name: 'Lac Region' },
      { code: 'X-3', country: 'XXX', level: 1, name: 'Nord', nameFr: 'Nord' }, { code: 'X-4', country: 'XXX', level: 1, name: 'Nord Province' },
    ]);
    expect(two.match('XXX', 1, 'Lac Region')).toEqual({ code: 'X-2', via: 'name' });
    expect(two.match('XXX', 1, 'lac')).toEqual({ code: 'X-1', via: 'name' });
    expect(two.match('XXX', 1, 'Province du Nord')).toEqual({ ambiguous: ['X-3', 'X-4'] });
  });

  it('says how loosely it matched, and needs a loose key long enough to mean something', () => {
    expect(m('IRQ', 'Ninawa')).toEqual({ code: 'IQ-NI', via: 'name' });
    expect(m('IRQ', 'Ninewa')).toEqual({ code: 'IQ-NI', via: 'loose' });
    const short = buildAreaMatcher([{ code: 'S-1', country: 'SSS', level: 1, name: 'Bay' }]);
    expect(short.match('SSS', 1, 'Bey')).toBeNull();
  });

  it('restricts a district to its region when the region is known', () => {
    const mali = (text: string, parent?: string) => m('MLI', text, 2, parent);
    expect(mali('Bourem')).toEqual({ code: 'MLI-ADM2-2_0_0-B3', via: 'name' });
    expect(mali('Bourem', 'ML-7')).toEqual({ code: 'MLI-ADM2-2_0_0-B3', via: 'name' });
    expect(mali('Bourem', 'ML-1')).toBeNull();
    expect(m('MLI', 'Bourem', 1)).toBeNull(); // a district is not a region
  });

  it('answers nothing for nothing, and for names it does not know', () => {
    expect(m('COD', '')).toBeNull();
    expect(m('COD', ' - ')).toBeNull();
    expect(m('COD', 'Katanga')).toBeNull();
    expect(m('ZZZ', 'Kasai')).toBeNull();
  });

  it('matches every area by each of its own names (or says which areas share it)', () => {
    for (const a of all) {
      for (const name of [a.name, a.nameFr, a.nameAr]) {
        if (!name) continue;
        const r = matcher.match(a.country, a.level, name, a.parent);
        expect(r && ('code' in r ? r.code === a.code : r.ambiguous.includes(a.code)), `${a.code} ${name}`).toBe(true);
      }
    }
  });

  it('keeps each answer to a Map lookup once seen: 100,000 values in well under a second', () => {
    const values = ['Nord-Kivu', 'Province du Sud-Kivu', 'Ituri', 'Tanganyika', 'kinshasa', 'CD-KE', 'Kasaï Central', 'nowhere'];
    const start = performance.now();
    for (let i = 0; i < 100_000; i++) matcher.match('COD', 1, values[i % values.length]!);
    expect(performance.now() - start).toBeLessThan(500);
  });
});

const GENERIC_BEFORE = ['Province of ', 'Province du ', 'Province de la ', 'Préfecture de ', 'Région de ', 'Governorate of ', 'Département de ', 'محافظة ', 'ولاية '];
const GENERIC_AFTER = [' Province', ' State', ' Region', ' Région', ' Oblast', ' Governorate', ' Gouvernorat', ' District', ' County', ' Department', ' Municipality', ' Prefecture'];
const area = fc.constantFrom(...all);
/** Accents added to plain letters, as a keyboard with dead keys would: "Nord" -> "Nórd". */
const accent = (s: string, marks: readonly number[]) =>
  [...s].map((c, i) => (/[a-z]/iu.test(c) && marks.includes(i % 7) ? `${c}\u0301` : c)).join('').normalize('NFC');
const recase = (s: string, upper: readonly number[]) => [...s].map((c, i) => (upper.includes(i % 5) ? c.toUpperCase() : c.toLowerCase())).join('');

describe('area matcher properties', () => {
  it('answers the same whatever the case and accents of the value', () => {
    fc.assert(fc.property(area, fc.subarray([0, 1, 2, 3, 4]), fc.subarray([0, 1, 2, 3, 4, 5, 6]), (a, upper, marks) => {
      const plain = matcher.match(a.country, a.level, a.name);
      expect(matcher.match(a.country, a.level, recase(a.name, upper))).toEqual(plain);
      expect(matcher.match(a.country, a.level, accent(a.name, marks))).toEqual(plain);
    }), { numRuns: 400 });
  });

  it('finds an area under a generic prefix or suffix, unless another area is named exactly that', () => {
    fc.assert(fc.property(area, fc.constantFrom(...GENERIC_BEFORE, ''), fc.constantFrom(...GENERIC_AFTER, ''), (a, before, after) => {
      const text = `${before}${a.name}${after}`;
      const r = matcher.match(a.country, a.level, text);
      const ok = r !== null && ('code' in r ? r.code === a.code || r.via === 'name' : r.ambiguous.includes(a.code));
      expect(ok, `${a.code} "${text}" -> ${JSON.stringify(r)}`).toBe(true);
    }), { numRuns: 600 });
  });

  it('never answers with an area of another country or level', () => {
    fc.assert(fc.property(area, fc.constantFrom(...all.map((a) => a.name)), (a, text) => {
      const r = matcher.match(a.country, a.level, text);
      const codes = r === null ? [] : 'code' in r ? [r.code] : r.ambiguous;
      for (const code of codes) {
        const found = all.find((x) => x.code === code)!;
        expect([found.country, found.level]).toEqual([a.country, a.level]);
      }
    }), { numRuns: 400 });
  });
});
