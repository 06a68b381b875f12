import countries from 'i18n-iso-countries';
import { iso31662 } from 'iso-3166';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testContext, testServers, type TestDatabase } from '../../test/helpers/db.ts';
import { listen, seedOrganisation, signedIn, type Running } from '../../test/helpers/http.ts';
import { CLI_ACTOR } from '../identity/users.ts';
import { checkAreasCsv, ensureBuiltInAreas, importAreasCsv, listAreas, listCountries, loadAreaMatcher } from './places.ts';

const GOOD = `country,level,pcode,name,name_fr,name_ar,parent_pcode
CAF,2,CF-BGF-TST01,District test 1,District test 1,منطقة اختبار 1,CF-BGF
CAF,3,CF-BGF-TST01-L1,Locality test,,,CF-BGF-TST01
`;

describe('area CSV checks', () => {
  it('names row, column, value and rule for every problem, and accepts nothing then', () => {
    const { rows, problems } = checkAreasCsv(`country,level,pcode,name,parent_pcode
caf,2,X1,Somewhere,CF-BGF
CAF,5,X2,,CF-BGF
CAF,2,X3,Elsewhere,NOPE
CAF,2,X3,Twice,CF-BGF
`, new Set(['CF-BGF']));
    expect(rows).toEqual([]);
    expect(problems).toEqual(expect.arrayContaining([
      { row: 2, column: 'country', value: 'caf', code: 'country_code', rule: 'must be an ISO 3166 alpha-3 code such as CAF' },
      expect.objectContaining({ row: 3, column: 'level', value: '5' }),
      expect.objectContaining({ row: 3, column: 'name', code: 'required', rule: 'is required' }),
      expect.objectContaining({ row: 4, column: 'parent_pcode', value: 'NOPE' }),
      expect.objectContaining({ row: 5, column: 'pcode', rule: 'appears twice in the file' }),
    ]));
  });

  it('reports a missing required column', () => {
    const [first] = checkAreasCsv('country,name\nCAF,x\n', new Set()).problems;
    expect(first?.column).toBe('level');
    expect(first?.rule).toContain('required column missing');
  });

  it('refuses a country code ISO has not assigned, an empty list, and codes another source owns', () => {
    expect(checkAreasCsv('country,level,pcode,name\nXYZ,1,XY-1,Somewhere\n', new Set()).problems)
      .toEqual([{ row: 2, column: 'country', value: 'XYZ', code: 'not_a_country', rule: 'is not an ISO 3166 alpha-3 country code' }]);
    expect(checkAreasCsv('country,level,pcode,name\n', new Set()).problems[0]?.rule).toContain('no areas');
    const locked = { sources: new Map([['CF-BGF', 'builtin']]), describe: () => 'the boundary files' };
    const [problem] = checkAreasCsv('country,level,pcode,name\nCAF,1,CF-BGF,Bangui\n', new Set(['CF-BGF']), locked).problems;
    expect(problem).toMatchObject({ row: 2, column: 'pcode', value: 'CF-BGF' });
    expect(problem?.rule).toContain('already loaded from the boundary files');
  });
});

describe.each(testServers())('administrative areas on $name', (server) => {
  let db: TestDatabase;
  let srv: Running;
  beforeAll(async () => {
    db = await createTestDatabase(server);
    const ctx = testContext(db);
    srv = await listen(ctx);
    await seedOrganisation(ctx, 'ORG-P');
    // The start-up cost, measured: a fresh database (boundary files + ISO 3166-2), then a start with both there.
    let t = performance.now();
    await ensureBuiltInAreas(db.db);
    const first = performance.now() - t;
    t = performance.now();
    await ensureBuiltInAreas(db.db);
    console.log(`reference areas on ${server.name}: first load ${first.toFixed(0)} ms, later starts ${(performance.now() - t).toFixed(1)} ms`);
  });
  afterAll(async () => {
    await srv.close();
    await db.drop();
  });

  it('loads the built-in boundary files once, and lists a country\'s areas to any signed-in role', async () => {
    await ensureBuiltInAreas(db.db);
    const viewer = await signedIn(srv.base, 'viewer@org-p.test');
    const r = await viewer.get<{ items: { code: string; level: number; nameAr: string | null }[] }>('/api/places?country=CAF&level=1');
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBe(17);
    expect(r.body.items.map((a) => a.code)).toContain('CF-BGF');
    expect((await viewer.get('/api/places')).status).toBe(400);
  });

  it('loads ISO 3166-2 level 1 once, set-based, and lets the boundary files keep their codes and names', async () => {
    const count = async () => (await db.pool.query<{ source: string; n: number; at: string }>(
      'SELECT source, count(*)::int AS n, max(updated_at)::text AS at FROM admin_areas GROUP BY source ORDER BY source')).rows;
    const before = await count();
    await ensureBuiltInAreas(db.db);
    expect(await count()).toEqual(before); // nothing written again, nothing touched
    expect(before.find((r) => r.source === 'iso3166-2')!.n).toBeGreaterThan(3800);
    const { rows } = await db.pool.query<{ name: string; name_fr: string; source: string }>("SELECT name, name_fr, source FROM admin_areas WHERE code = 'CD-NK'");
    expect(rows[0]).toEqual({ name: 'North Kivu', name_fr: 'Nord-Kivu', source: 'builtin' });
    // Iraq: the boundary file's 18 governorates, not the ISO list's Kirkuk (IQ-KI) beside its own At-Ta'mim.
    expect((await listAreas(db.db, { country: 'IRQ', level: 1 })).length).toBe(18);
    // Nigeria had no boundary file: its 37 ISO states, parented by the country's alpha-2 code like the files.
    const nga = await listAreas(db.db, { country: 'NGA', level: 1 });
    expect(nga.length).toBe(37);
    expect(nga.find((a) => a.code === 'NG-BO')).toMatchObject({ name: 'Borno', parent: 'NG', nameFr: null });
  });

  it('gives level-1 areas to every country that ISO 3166-2 subdivides', async () => {
    const subdivided = new Set(iso31662.filter((s) => /^[A-Z]{2}$/.test(s.parent)).map((s) => s.parent));
    const expected = Object.keys(countries.getAlpha2Codes()).filter((a2) => subdivided.has(a2)).map((a2) => countries.alpha2ToAlpha3(a2)!);
    expect(expected.length).toBeGreaterThan(190);
    const withLevelOne = new Set((await listCountries(db.db)).filter((c) => c.levels.includes(1)).map((c) => c.country));
    expect(expected.filter((c) => !withLevelOne.has(c))).toEqual([]);
  });

  it('never overwrites a list a person loaded, and stands the ISO list aside once a country has its own level 1', async () => {
    // The server's operator renames an ISO area and a boundary-file area with the CLI: later starts keep both.
    const own = 'country,level,pcode,name,name_fr,name_ar,parent_pcode\nNGA,1,NG-YO,Yobe (operator),,,\nCAF,1,CF-VK,Vakaga (operator),,,\n';
    expect((await importAreasCsv(db.db, own, 'operator list', CLI_ACTOR)).replaced).toBe(2);
    await db.pool.query("DELETE FROM admin_areas WHERE code IN ('NG-BO', 'CF-BB')"); // something for the next start to do
    await ensureBuiltInAreas(db.db);
    const { rows } = await db.pool.query<{ code: string; name: string; source: string }>("SELECT code, name, source FROM admin_areas WHERE code IN ('NG-YO', 'CF-VK', 'NG-BO', 'CF-BB') ORDER BY code");
    expect(rows).toEqual([
      { code: 'CF-BB', name: 'Bamingui-Bangoran', source: 'builtin' },
      { code: 'CF-VK', name: 'Vakaga (operator)', source: 'operator list' },
      { code: 'NG-BO', name: 'Borno', source: 'iso3166-2' },
      { code: 'NG-YO', name: 'Yobe (operator)', source: 'operator list' },
    ]);
    // A P-coded list of Burkina Faso's regions replaces the ISO ones in pickers, counts and matching.
    expect((await listAreas(db.db, { country: 'BFA', level: 1 })).map((a) => a.code)).toContain('BF-12');
    const bfa = 'country,level,pcode,name,name_fr,name_ar,parent_pcode\nBFA,1,BF54,Sahel,Sahel,الساحل,\nBFA,2,BF5401,Oudalan,Oudalan,,BF54\n';
    expect((await importAreasCsv(db.db, bfa, 'OCHA BFA test', CLI_ACTOR)).imported).toBe(2);
    expect((await listAreas(db.db, { country: 'BFA' })).map((a) => a.code)).toEqual(['BF54', 'BF5401']);
    const matcher = await loadAreaMatcher(db.db);
    expect(matcher.match('BFA', 1, 'Région du Sahel')).toEqual({ code: 'BF54', via: 'stripped' });
    expect(matcher.match('NGA', 1, 'Borno State')).toEqual({ code: 'NG-BO', via: 'stripped' });
    expect(matcher.match('COD', 1, 'Province du Nord-Kivu')).toEqual({ code: 'CD-NK', via: 'stripped' });
    expect(matcher.match('IRQ', 1, 'محافظة نينوى')).toEqual({ code: 'IQ-NI', via: 'name' });
  });

  it('imports a CSV with P-codes all or nothing, updating known codes', async () => {
    const bad = await importAreasCsv(db.db, GOOD.replace('CF-BGF-TST01\n', 'MISSING\n'), 'test', CLI_ACTOR);
    expect(bad.imported).toBe(0);
    expect(bad.problems.length).toBeGreaterThan(0);
    const none = await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM admin_areas WHERE code LIKE 'CF-BGF-TST%'");
    expect(none.rows[0]!.n).toBe(0);
    expect((await importAreasCsv(db.db, GOOD, 'test list 2026', CLI_ACTOR)).imported).toBe(2);
    expect((await importAreasCsv(db.db, GOOD.replace('Locality test', 'Locality renamed'), 'test list 2026', CLI_ACTOR)).imported).toBe(2);
    const { rows } = await db.pool.query<{ name: string; parent_code: string }>("SELECT name, parent_code FROM admin_areas WHERE code = 'CF-BGF-TST01-L1'");
    expect(rows[0]).toEqual({ name: 'Locality renamed', parent_code: 'CF-BGF-TST01' });
    const monitor = await signedIn(srv.base, 'monitor@org-p.test');
    const children = await monitor.get<{ items: { code: string }[] }>('/api/places?country=CAF&parent=CF-BGF-TST01');
    expect(children.body.items.map((a) => a.code)).toEqual(['CF-BGF-TST01-L1']);
  });

  it('lists the countries that have areas, with their counts, imported ones included, to any signed-in role', async () => {
    const chad = `country,level,pcode,name,name_fr,name_ar,parent_pcode
TCD,1,TD-TST,Region test,Région test,منطقة اختبار,
TCD,2,TD-TST-01,Department test,Département test,,TD-TST
`;
    expect((await importAreasCsv(db.db, chad, 'test list TCD', CLI_ACTOR)).imported).toBe(2);
    const viewer = await signedIn(srv.base, 'viewer@org-p.test');
    const r = await viewer.get<{ items: { country: string; areas: number; levels: number[]; sources: string[] }[] }>('/api/places/countries');
    expect(r.status).toBe(200);
    // Each country's count is what its pickers offer.
    for (const c of r.body.items.filter((x) => ['CAF', 'IRQ', 'NGA', 'TCD', 'UKR'].includes(x.country))) {
      expect(c.areas, c.country).toBe((await listAreas(db.db, { country: c.country })).length);
    }
    expect(r.body.items.map((c) => c.country)).toEqual(expect.arrayContaining(['CAF', 'COD', 'SOM', 'TCD', 'NGA', 'UKR']));
    expect(r.body.items.find((c) => c.country === 'TCD')).toEqual({ country: 'TCD', areas: 2, levels: [1, 2], sources: ['other'] });
    expect(r.body.items.find((c) => c.country === 'SOM')).toEqual({ country: 'SOM', areas: 18 + 74, levels: [1, 2], sources: ['builtin'] });
    expect(r.body.items.find((c) => c.country === 'UKR')).toEqual({ country: 'UKR', areas: 27, levels: [1], sources: ['iso'] });
    expect((await viewer.get('/api/places/countries?country=CAF')).status).toBe(400);
  });
});
