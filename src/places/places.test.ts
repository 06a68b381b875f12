import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testContext, testServers, type TestDatabase } from '../../test/helpers/db.ts';
import { listen, seedOrganisation, signedIn, type Running } from '../../test/helpers/http.ts';
import { CLI_ACTOR } from '../identity/users.ts';
import { checkAreasCsv, ensureBuiltInAreas, importAreasCsv } from './places.ts';

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
      { row: 2, column: 'country', value: 'caf', rule: 'must be an ISO 3166 alpha-3 code such as CAF' },
      expect.objectContaining({ row: 3, column: 'level', value: '5' }),
      expect.objectContaining({ row: 3, column: 'name', rule: 'is required' }),
      expect.objectContaining({ row: 4, column: 'parent_pcode', value: 'NOPE' }),
      expect.objectContaining({ row: 5, column: 'pcode', rule: 'appears twice in the file' }),
    ]));
  });

  it('reports a missing required column', () => {
    const [first] = checkAreasCsv('country,name\nCAF,x\n', new Set()).problems;
    expect(first?.column).toBe('level');
    expect(first?.rule).toContain('required column missing');
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
    await ensureBuiltInAreas(db.db);
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
    const { rows } = await db.pool.query<{ country: string; n: number }>('SELECT country, count(*)::int AS n FROM admin_areas GROUP BY country ORDER BY country');
    const viewer = await signedIn(srv.base, 'viewer@org-p.test');
    const r = await viewer.get<{ items: { country: string; areas: number }[] }>('/api/places/countries');
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual(rows.map((x) => ({ country: x.country, areas: x.n })));
    expect(r.body.items.map((c) => c.country)).toEqual(expect.arrayContaining(['CAF', 'COD', 'SOM', 'TCD']));
    expect(r.body.items.find((c) => c.country === 'TCD')).toEqual({ country: 'TCD', areas: 2 });
    expect(r.body.items.find((c) => c.country === 'SOM')?.areas).toBe(18 + 74);
    expect((await viewer.get('/api/places/countries?country=CAF')).status).toBe(400);
  });
});
