/**
 * Lists of areas loaded from the web app (POST /api/places/import): coordinators only, all rows or none,
 * its problems by row/column/value/rule (the first ones, and how many), audited, and never replacing what
 * another source loaded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testContext, testServers, type TestDatabase } from '../../test/helpers/db.ts';
import { listen, seedOrganisation, signedIn, type Client, type Running } from '../../test/helpers/http.ts';
import { MAX_CSV_RECORD_CHARS } from '../platform/checked-csv.ts';
import { MAX_LISTED_PROBLEMS, type AreaListLoaded, type AreaListRejected, type PlaceCountry } from '../shared/places.ts';
import { writeAreas } from './load.ts';
import { ensureBuiltInAreas } from './places.ts';

const HEADER = 'country,level,pcode,name,name_fr,name_ar,parent_pcode\n';
const CHAD = `${HEADER}TCD,1,TD-UP-OUA,Ouaddai Province,Province du Ouaddaï,ولاية وداي,
TCD,2,TD-UP-OUA-01,Abeche Department,Département d'Abéché,,TD-UP-OUA
`;
const csv = { 'content-type': 'text/csv' };

describe.each(testServers())('loading a list of areas from the web app on $name', (server) => {
  let db: TestDatabase;
  let srv: Running;
  let coordinator: Client;
  const upload = (who: Client, body: string | Uint8Array) => who.request<AreaListLoaded & AreaListRejected>('POST', '/api/places/import', body, csv);

  beforeAll(async () => {
    db = await createTestDatabase(server);
    const ctx = testContext(db);
    srv = await listen(ctx);
    await seedOrganisation(ctx, 'ORG-U');
    await seedOrganisation(ctx, 'ORG-V');
    await ensureBuiltInAreas(db.db);
    coordinator = await signedIn(srv.base, 'coordinator@org-u.test');
  });
  afterAll(async () => {
    await srv.close();
    await db.drop();
  });

  it('loads a new country for a coordinator, counted with the others, and audits it', async () => {
    const r = await upload(coordinator, CHAD);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ imported: 2, added: 2, replaced: 0, countries: [{ country: 'TCD', areas: 2 }] });
    const countries = await coordinator.get<{ items: PlaceCountry[] }>('/api/places/countries');
    // Chad's own list stands in for its ISO regions from now on.
    expect(countries.body.items.find((c) => c.country === 'TCD')).toEqual({ country: 'TCD', areas: 2, levels: [1, 2], sources: ['own'] });
    const { rows } = await db.pool.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_log WHERE action = 'places.import' ORDER BY id DESC LIMIT 1");
    expect(rows[0]?.details).toMatchObject({ rows: 2, added: 2, replaced: 0, countries: ['TCD'] });
    // Another organisation's coordinator sees where it came from without being told whose it is.
    const other = await signedIn(srv.base, 'coordinator@org-v.test');
    const seen = await other.get<{ items: PlaceCountry[] }>('/api/places/countries');
    expect(seen.body.items.find((c) => c.country === 'TCD')?.sources).toEqual(['other']);
  });

  it('refuses a list with problems whole: 400 naming each row, column, value and rule, nothing stored', async () => {
    const bad = `${HEADER}TCD,1,TD-UP-SAL,Salamat,,,\nTCD,2,TD-UP-SAL-01,,,,TD-UP-NOPE\nTcd,7,x,Somewhere,,,\n`;
    const r = await upload(coordinator, bad);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_area_list');
    expect(r.body.error.message).toBe('Nothing was loaded: 6 problem(s) found. The first: Name: fill this in (row 3)');
    expect(r.body).toMatchObject({ problemCount: 6, complete: true });
    expect(r.body.problems).toEqual(expect.arrayContaining([
      { row: 3, column: 'name', value: '', code: 'required', rule: 'is required' },
      expect.objectContaining({ row: 3, column: 'parent_pcode', value: 'TD-UP-NOPE' }),
      expect.objectContaining({ row: 4, column: 'country', value: 'Tcd' }),
      expect.objectContaining({ row: 4, column: 'level', value: '7' }),
      expect.objectContaining({ row: 4, column: 'pcode', value: 'x' }),
    ]));
    expect(r.body.error.issues).toEqual(expect.arrayContaining([{ field: 'country', code: 'country_code', message: 'Country: choose a country (or type its three-letter code, such as NER) (row 4)' }]));
    const { rows } = await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM admin_areas WHERE code LIKE 'TD-UP-SAL%'");
    expect(rows[0]!.n).toBe(0);
    const audit = await db.pool.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_log WHERE action = 'places.import_refused'");
    expect(audit.rows.length).toBe(1);
  });

  it('names a missing column, a file that is not UTF-8, and one that is not CSV', async () => {
    const noLevel = await upload(coordinator, 'country,pcode,name\nTCD,TD-X,X\n');
    expect(noLevel.status).toBe(400);
    expect(noLevel.body.problems?.[0]).toMatchObject({ row: 1, column: 'level' });
    const latin1 = await upload(coordinator, new Uint8Array([...Buffer.from(`${HEADER}TCD,1,TD-UP-L1,Abéché,,,\n`, 'latin1')]));
    expect(latin1.status).toBe(400);
    expect(latin1.body.problems?.[0]?.rule).toContain('not UTF-8');
    const quotes = await upload(coordinator, `${HEADER}TCD,1,TD-UP-Q,"unclosed\n`);
    expect(quotes.status).toBe(400);
    expect(quotes.body.problems?.[0]?.rule).toContain('not a readable CSV file');
  });

  it('refuses a list of thousands of bad rows at once, listing the first problems and how many at least; nothing stored', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `Tcd,9,TD-UP-BAD-${i},,,,`).join('\n');
    const started = performance.now();
    const r = await coordinator.request<AreaListRejected>('POST', '/api/places/import', `${HEADER}${rows}\n`, { ...csv, 'accept-language': 'fr' });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(r.status).toBe(400);
    expect(r.body.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(r.body.error.issues).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(r.body).toMatchObject({ problemCount: MAX_LISTED_PROBLEMS + 4, complete: false });
    expect(r.body.error.message).toMatch(/^Rien n’a été chargé : au moins 204 problèmes trouvés \(la vérification s’est arrêtée là\) ; les 200 premiers sont listés\. Le premier : Pays : /u);
    const { rows: stored } = await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM admin_areas WHERE code LIKE 'TD-UP-BAD%'");
    expect(stored[0]!.n).toBe(0);
    const audit = await db.pool.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_log WHERE action = 'places.import_refused' ORDER BY id DESC LIMIT 1");
    expect(audit.rows[0]?.details).toEqual({ problems: MAX_LISTED_PROBLEMS + 4, complete: false });
  });

  it('refuses a line with an enormous cell (or a quotation mark never closed) as a problem naming its row, never a 500', async () => {
    const huge = await upload(coordinator, `${CHAD}TCD,1,TD-UP-HUGE,${'x'.repeat(2_000_000)},,,\n`);
    expect(huge.status).toBe(400);
    expect(huge.body.problems).toEqual([expect.objectContaining({ row: 4, code: 'record_too_long' })]);
    expect(huge.body.error.issues?.[0]?.message).toBe(`this line is longer than ${MAX_CSV_RECORD_CHARS} characters: a cell far too long, or a quotation mark never closed (row 4)`);
    const open = await upload(coordinator, `${HEADER}TCD,1,TD-UP-Q,"Ouaddai,,,\n${'TCD,1,TD-UP-Q2,Salamat,,,\n'.repeat(10_000)}`);
    expect(open.status).toBe(400);
    expect(open.body.problems).toEqual([expect.objectContaining({ row: 2, code: 'record_too_long' })]);
  });

  it('replaces what the organisation loaded itself, and nothing loaded by others', async () => {
    const renamed = await upload(coordinator, CHAD.replace('Abeche Department', 'Abéché Department'));
    expect(renamed.body).toMatchObject({ imported: 2, added: 0, replaced: 2 });
    const other = await signedIn(srv.base, 'coordinator@org-v.test');
    const takeover = await upload(other, `${HEADER}TCD,1,TD-UP-OUA,Ouaddai (V),,,\nCAF,1,CF-BGF,Bangui (V),,,\nNGA,1,NG-BO,Borno (V),,,\n`);
    expect(takeover.status).toBe(400);
    expect(takeover.body.problems?.map((p) => [p.row, p.column, p.value, p.rule.split(':')[0]])).toEqual([
      [2, 'pcode', 'TD-UP-OUA', "already loaded from another organisation's list"],
      [3, 'pcode', 'CF-BGF', 'already loaded from the boundary files shipped with Salama'],
      [4, 'pcode', 'NG-BO', 'already loaded from the ISO 3166-2 list'],
    ]);
    // Adding beneath someone else's areas is fine: their codes can be parents.
    const beneath = await upload(other, `${HEADER}NGA,2,NG-BO-V01,Maiduguri (V),,,NG-BO\nTCD,3,TD-UP-OUA-01-V1,Abeche town (V),,,TD-UP-OUA-01\n`);
    expect(beneath.body).toMatchObject({ imported: 2, added: 2 });
    // The database holds the line too, should another list take a code between the check and the write.
    await writeAreas(db.db, [{ code: 'NG-BO', country: 'NGA', level: 1, name: 'Borno (race)', nameFr: null, nameAr: null, parentCode: null }], 'organisation:someone', 'replaceOwn');
    const { rows } = await db.pool.query<{ code: string; name: string }>("SELECT code, name FROM admin_areas WHERE code IN ('TD-UP-OUA', 'CF-BGF', 'NG-BO') ORDER BY code");
    expect(rows.map((r) => r.name)).toEqual(['Bangui', 'Borno', 'Ouaddai Province']);
  });

  it('is for coordinators only, and refuses a body that is not a file', async () => {
    for (const role of ['admin', 'monitor', 'partner', 'viewer']) {
      const who = await signedIn(srv.base, `${role}@org-u.test`);
      expect((await upload(who, CHAD)).status, role).toBe(403);
    }
    expect((await coordinator.request('POST', '/api/places/import', { rows: [] })).status).toBe(415);
    expect((await coordinator.request('POST', '/api/places/import?x=1', CHAD, csv)).status).toBe(400);
  });
});
