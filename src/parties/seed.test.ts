/**
 * Seeding the reference parties: the counts in the database (parties, names from each file, ids) equal a
 * count made here, independently, from the same two files with a plain reading of the rules in
 * reference/README.md (its own CSV reader, its own folding; none of the seeding code). Seeding twice changes
 * nothing, and never removes what an organisation added.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testContext, testServers, type TestDatabase } from '../../test/helpers/db.ts';
import { seedOrganisation } from '../../test/helpers/http.ts';
import { CLI_ACTOR } from '../identity/users.ts';
import { REFERENCE_FILES } from './reference.ts';
import { seedReferenceParties } from './seed.ts';

/** RFC 4180: quoted fields may hold commas and doubled quotes. */
function readCsv(path: URL): Record<string, string>[] {
  const text = readFileSync(path, 'utf8');
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field); field = '';
      if (record.some((f) => f !== '')) records.push(record);
      record = [];
    } else field += c;
  }
  if (field || record.length) records.push([...record, field]);
  const [header, ...rows] = records;
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/['’‘`´ʼ]/gu, '');
const key = (s: string) => fold(s).replace(/[^\p{L}\p{N}]/gu, '');
const longWords = (s: string) => fold(s).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
const GOV = 'Government of ';
const splitIds = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
function splitSide(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    depth += c === '(' ? 1 : c === ')' ? -1 : 0;
    if (c === ',' && depth === 0) { out.push(cur.trim()); cur = ''; } else cur += c;
  }
  return [...out, cur.trim()].filter(Boolean);
}
const add = <K, V>(m: Map<K, Set<V>>, k: K, v: V) => m.set(k, (m.get(k) ?? new Set()).add(v));

/** The expected reference layer, counted the plain way. */
function expected() {
  const acd = readCsv(REFERENCE_FILES.acd);
  const svac = readCsv(REFERENCE_FILES.svac).map((r): Record<string, string> & { actorid: string; actor: string } => ({ ...r, actorid: r.actorid!.trim(), actor: r.actor!.trim() }));
  const acdNames = new Map<string, Set<string>>();
  const acdConflicts = new Map<string, Set<string>>();
  const groups: { ids: string[]; names: string[] }[] = [];
  for (const r of acd) {
    for (const s of ['a', 'b']) {
      const ids = splitIds(r[`side_${s}_id`]!);
      for (const id of ids) add(acdConflicts, id, r.conflict_id!);
      if (ids.length === 1) add(acdNames, ids[0]!, r[`side_${s}`]!.trim());
      else if (ids.length > 1) groups.push({ ids, names: splitSide(r[`side_${s}`]!) });
    }
  }
  const svacRaw = new Map<string, Set<string>>();
  for (const r of svac) if (r.actorid) add(svacRaw, r.actorid, r.actor);
  const has = (id: string, n: string) => acdNames.get(id)?.has(n) ?? false;
  for (let changed = true; changed;) {
    changed = false;
    for (const g of groups.filter((x) => x.ids.length === x.names.length)) {
      let open = g.ids.filter((id) => !g.names.some((n) => has(id, n)));
      let left = g.names.filter((n) => !g.ids.some((id) => has(id, n)));
      for (const id of open) {
        const hits = left.filter((n) => svacRaw.get(id)?.has(n));
        if (hits.length === 1 && !open.some((o) => o !== id && svacRaw.get(o)?.has(hits[0]!))) {
          add(acdNames, id, hits[0]!); left = left.filter((n) => n !== hits[0]); changed = true;
        }
      }
      open = g.ids.filter((id) => !g.names.some((n) => has(id, n)));
      if (open.length === 1 && left.length === 1) { add(acdNames, open[0]!, left[0]!); changed = true; }
    }
  }
  const owners = new Map<string, Set<string>>();
  for (const [id, names] of acdNames) for (const n of names) add(owners, n, id);
  const svacNames = new Map<string, Set<string>>();
  const svacConflicts = new Map<string, Set<string>>();
  for (const r of svac) {
    const id = r.actorid;
    if (!id) continue;
    if ([r.actor, GOV + r.actor].some((n) => owners.has(n) && !owners.get(n)!.has(id))) continue;
    const known = [...(acdNames.get(id) ?? [])].flatMap(longWords);
    if (known.length && !['1', '2', '4', '5'].includes(r.actor_type!.trim()) && !acdConflicts.get(id)!.has(r.conflictid!.trim())
      && !longWords(r.actor).some((w) => known.includes(w))) continue;
    add(svacNames, id, r.actor);
    add(svacConflicts, id, r.conflictid!.trim());
  }
  const partyIds = new Set([...acdNames.keys(), ...svacNames.keys()]);
  const conflicts = new Map<string, Set<string>>();
  for (const id of partyIds) for (const c of [...(acdConflicts.get(id) ?? []), ...(svacConflicts.get(id) ?? [])]) add(conflicts, id, c);
  for (const r of acd) {
    for (const s of ['a', 'b']) {
      for (const name of splitSide(r[`side_${s}_2nd`]!)) {
        const byAcd = [...partyIds].filter((id) => acdNames.get(id)?.has(name));
        const bySvac = name.startsWith(GOV) ? [...partyIds].filter((id) => svacNames.get(id)?.has(name.slice(GOV.length))) : [];
        const id = byAcd.length === 1 ? byAcd[0] : byAcd.length === 0 && bySvac.length === 1 ? bySvac[0] : undefined;
        if (id) add(conflicts, id, r.conflict_id!);
      }
    }
  }
  let ucdpNames = 0;
  let svacOnlyNames = 0;
  for (const id of partyIds) {
    const fromAcd = new Set([...(acdNames.get(id) ?? [])].map(key));
    ucdpNames += fromAcd.size;
    svacOnlyNames += new Set([...(svacNames.get(id) ?? [])].map(key).filter((k) => !fromAcd.has(k))).size;
  }
  const conflictIds = [...conflicts.values()].reduce((n, s) => n + s.size, 0);
  return { parties: partyIds.size, ucdpNames, svacNames: svacOnlyNames, conflictIds };
}

describe.each(testServers())('reference parties seeded on $name', (server) => {
  let db: TestDatabase;
  const count = async (sql: string) => Number((await db.pool.query<{ n: string }>(sql)).rows[0]!.n);
  beforeAll(async () => { db = await createTestDatabase(server); });
  afterAll(async () => { await db.drop(); });

  it('holds as many parties, names from each file and ids as the files hold, counted independently', async () => {
    const want = expected();
    const report = await seedReferenceParties(testContext(db).db, CLI_ACTOR);
    expect(report.parties).toEqual({ added: want.parties, updated: 0, unchanged: 0 });
    expect(want.parties).toBeGreaterThan(900);
    expect(await count('SELECT count(*) AS n FROM parties WHERE organisation_id IS NULL')).toBe(want.parties);
    expect(await count("SELECT count(*) AS n FROM party_names WHERE source = 'ucdp-prio-acd-25.1'")).toBe(want.ucdpNames);
    expect(await count("SELECT count(*) AS n FROM party_names WHERE source = 'svac-3.2'")).toBe(want.svacNames);
    expect(await count("SELECT count(*) AS n FROM party_external_ids WHERE scheme = 'ucdp_actor'")).toBe(want.parties);
    expect(await count("SELECT count(*) AS n FROM party_external_ids WHERE scheme = 'ucdp_conflict'")).toBe(want.conflictIds);
    expect(report.names.added).toBe(await count('SELECT count(*) AS n FROM party_names'));
    // Every reference party has one canonical name in English; state forces keep "Government of X" as an alias.
    expect(await count("SELECT count(*) AS n FROM parties p WHERE (SELECT count(*) FROM party_names n WHERE n.party_id = p.id AND n.kind = 'canonical' AND n.language = 'en') <> 1")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM party_names WHERE name LIKE 'Government of %' AND kind <> 'alias'")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM parties WHERE name LIKE 'Government of %'")).toBe(0);
    const fardc = await db.pool.query<{ name: string; short_name: string; countries: string[]; category: string; ucdp: string }>(
      `SELECT p.name, p.short_name, p.countries, p.category, x.value AS ucdp FROM parties p JOIN party_external_ids x ON x.party_id = p.id AND x.scheme = 'ucdp_actor'
       WHERE p.id = (SELECT party_id FROM party_names WHERE name = 'Government of DR Congo (Zaire)')`);
    expect(fardc.rows).toEqual([{ name: 'Armed Forces of the Democratic Republic of the Congo', short_name: 'FARDC', countries: ['COD'], category: 'state_forces', ucdp: '89' }]);
  });

  it('changes nothing when run again, and keeps what an organisation added', async () => {
    const snapshot = async () => (await db.pool.query<{ t: string }>(`SELECT
      (SELECT md5(string_agg(p::text, ',' ORDER BY p.id)) FROM parties p) ||
      (SELECT md5(string_agg(n::text, ',' ORDER BY n.id)) FROM party_names n) ||
      (SELECT md5(string_agg(x::text, ',' ORDER BY x.id)) FROM party_external_ids x) AS t`)).rows[0]!.t;
    const { org } = await seedOrganisation(testContext(db), 'ORG-S');
    await db.pool.query(`INSERT INTO party_names (party_id, organisation_id, name, language, kind, source, search_key, exact_key)
      SELECT party_id, $1, 'FARDC 3e brigade', 'fr', 'alias', 'organisation', ' fardc 3e brigade ', 'fardc3ebrigade' FROM party_names WHERE name = 'FARDC'`, [org.id]);
    const before = await snapshot();
    const again = await seedReferenceParties(testContext(db).db, CLI_ACTOR);
    expect(again.parties.added + again.parties.updated + again.names.added + again.externalIds.added).toBe(0);
    expect(await snapshot()).toBe(before);
    expect(await count("SELECT count(*) AS n FROM party_names WHERE name = 'FARDC 3e brigade'")).toBe(1);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE action = 'parties.seed'")).toBe(2);
  });
});
