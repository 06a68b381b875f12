/**
 * The figures served for every party-year equal an independent computation from the same data: SVAC from
 * the original spreadsheet (test/fixtures/SVAC_3.2_complete.xlsx, read with ExcelJS, not the CSV the server
 * loads), RSVAC from its CSV read by DuckDB (not csv-parse). The expected figures follow the codebook read
 * plainly here: -99, NA and blanks are no report, each source's highest value in the year, the maximum over
 * the three sources, the union of forms. Each party's rows are those of the actors the answer says it links.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testContext, testServers, type TestDatabase } from '../../test/helpers/db.ts';
import { seedOrganisation } from '../../test/helpers/http.ts';
import { CLI_ACTOR } from '../identity/users.ts';
import { seedReferenceParties } from '../parties/seed.ts';
import { parties } from '../parties/tables.ts';
import type { PartyPrevalence } from '../shared/reference.ts';
import { loadBundled } from './load.ts';
import { prevalenceOf } from './prevalence.ts';

type Cell = string | number | null | undefined;
interface Plain { id: string; name: string; year: number; state: Cell; ai: Cell; hrw: Cell; child: Cell; form: Cell }

const CODES = ['rape', 'sexual_slavery', 'forced_prostitution', 'forced_pregnancy', 'forced_sterilization_abortion', 'sexual_mutilation', 'sexual_torture'];
const RSVAC_FORMS: Record<string, string> = {
  'rape': 'rape', 'sexual slavery and forced marriage': 'sexual_slavery_forced_marriage', 'forced prostitution': 'forced_prostitution',
  'forced abortion and forced sterilization': 'forced_sterilization_abortion', 'sexual mutilation': 'sexual_mutilation', 'sexual torture': 'sexual_torture', 'sexual abuse': 'sexual_abuse',
};
/** The codebook's "no report": -99, NA, blank. */
const level = (v: Cell): number | null => (v === null || v === undefined || String(v).trim() === '' || String(v).trim() === '-99' || String(v).trim() === 'NA' ? null : Number(v));
const top = (xs: (number | null)[]) => (xs.some((x) => x !== null) ? Math.max(...xs.filter((x): x is number => x !== null)) : null);
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
const who = (id: Cell, name: string) => `${level(id) ?? ''}|${fold(name)}`;

async function svacFromSpreadsheet(): Promise<Plain[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(new URL('../../test/fixtures/SVAC_3.2_complete.xlsx', import.meta.url).pathname);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as Cell[]).map((v) => String(v ?? ''));
  const out: Plain[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const v = row.values as Cell[];
    const get = (c: string) => v[header.indexOf(c)];
    out.push({ id: String(get('actorid') ?? ''), name: String(get('actor') ?? ''), year: Number(get('year')), state: get('state_prev'), ai: get('ai_prev'), hrw: get('hrw_prev'), child: get('child_prev'), form: get('form') });
  });
  return out;
}

async function rsvacFromDuckDb(): Promise<(Plain & { rsvacForm: string })[]> {
  const duck = await DuckDBInstance.create(':memory:');
  const conn = await duck.connect();
  const path = new URL('./data/rsvac.csv', import.meta.url).pathname;
  const result = await conn.runAndReadAll(`SELECT year, actorid_new, actor, form, state_prev, ai_prev, hrw_prev FROM read_csv('${path}', header = true, all_varchar = true)`);
  conn.closeSync();
  // Every column is read as text (all_varchar): NULL for an empty cell.
  return (result.getRowObjectsJS() as Record<string, string | null>[]).map((r) => ({
    id: r.actorid_new ?? '', name: r.actor ?? '', year: Number(r.year), state: r.state_prev, ai: r.ai_prev, hrw: r.hrw_prev,
    child: null, form: null, rsvacForm: RSVAC_FORMS[(r.form ?? '').trim().toLowerCase()]!,
  }));
}

const sources = (rows: Plain[]) => {
  const state = top(rows.map((r) => level(r.state)));
  const ai = top(rows.map((r) => level(r.ai)));
  const hrw = top(rows.map((r) => level(r.hrw)));
  return { max: top([state, ai, hrw]), state, ai, hrw };
};
const years = <R extends Plain>(rows: R[]) => [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b).map((y) => [y, rows.filter((r) => r.year === y)] as const);
/** The rows of the actors a party's answer says it links (by UCDP id and name, folded here). */
const mine = <R extends Plain>(rows: R[], actors: { ucdpActorId: string | null; name: string }[]) => {
  const keys = new Set(actors.map((a) => who(a.ucdpActorId, a.name)));
  return rows.filter((r) => keys.has(who(r.id, r.name)));
};

describe.each(testServers())('reference figures against an independent reading on $name', (server) => {
  let db: TestDatabase;
  let answers: PartyPrevalence[];
  beforeAll(async () => {
    db = await createTestDatabase(server);
    const { org } = await seedOrganisation(testContext(db), 'ORG-A');
    await seedReferenceParties(db.db, CLI_ACTOR);
    for (const d of ['svac', 'rsvac'] as const) expect((await loadBundled(db.db, CLI_ACTOR, d)).ok).toBe(true);
    const ids = (await db.db.select({ id: parties.id }).from(parties)).map((p) => p.id);
    answers = [...(await prevalenceOf(db.db, org.id, ids)).values()];
  }, 120_000);
  afterAll(async () => db.drop());

  it('SVAC: each source, the maximum, children and forms per party-year, as the spreadsheet gives them', async () => {
    const sheet = await svacFromSpreadsheet();
    expect(sheet).toHaveLength(11911);
    const linked = answers.filter((a) => a.svac && a.svac.actors.length > 0);
    expect(linked.length).toBeGreaterThan(600);
    let rowsCounted = 0;
    for (const a of linked) {
      const rows = mine(sheet, a.svac!.actors);
      rowsCounted += rows.length;
      const expected = years(rows).map(([year, rs]) => {
        const reported = rs.filter((r) => level(r.form) !== null);
        const codes = new Set(reported.flatMap((r) => String(r.form).split(',').map((c) => CODES[Number(c.trim()) - 1]).filter(Boolean)));
        return { year, ...sources(rs), child: top(rs.map((r) => level(r.child))), forms: reported.length ? CODES.filter((c) => codes.has(c)) : null, rows: rs.length };
      });
      expect(a.svac!.years, a.svac!.actors.map((x) => x.name).join(', ')).toEqual(expected);
    }
    // No row counted twice, and only the rows of unmatched actors left out.
    const keys = linked.flatMap((a) => a.svac!.actors.map((x) => x.key));
    expect(new Set(keys).size).toBe(keys.length);
    expect(rowsCounted).toBeGreaterThan(11_000);
  // Reads the whole SVAC spreadsheet (ExcelJS) and compares every linked party-year: over a minute on a loaded 2-core machine.
  }, 180_000);

  it('RSVAC: each form\'s sources and maximum per party-year, as DuckDB reads the file', async () => {
    const file = await rsvacFromDuckDb();
    expect(file).toHaveLength(1411);
    const linked = answers.filter((a) => a.rsvac && a.rsvac.actors.length > 0);
    expect(linked.length).toBeGreaterThan(100);
    for (const a of linked) {
      const expected = years(mine(file, a.rsvac!.actors)).map(([year, rs]) => ({
        year,
        forms: [...CODES, 'sexual_slavery_forced_marriage', 'sexual_abuse'].filter((f) => rs.some((r) => r.rsvacForm === f))
          .map((form) => ({ form, ...sources(rs.filter((r) => r.rsvacForm === form)) })),
      }));
      expect(a.rsvac!.years, a.rsvac!.actors.map((x) => x.name).join(', ')).toEqual(expected);
    }
  });

  it('never turns "no report" into 0: a year whose every source is -99 has no maximum', () => {
    const years = answers.flatMap((a) => a.svac?.years ?? []);
    expect(years.some((y) => y.state === null && y.ai === null && y.hrw === null && y.max === null)).toBe(true);
    expect(years.some((y) => y.max === 0)).toBe(true);
    expect(years.every((y) => y.max === null || y.max >= Math.max(y.state ?? 0, y.ai ?? 0, y.hrw ?? 0))).toBe(true);
  });
});
