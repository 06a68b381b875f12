/**
 * Versions and links: the same file again changes nothing, a coordinator's version is current for their
 * organisation only (the others keep the server's default, set by the operator, and never see it), a bad file is
 * refused whole (row and column named, in the reader's language over HTTP); actors link by UCDP id, by an
 * alias, by the organisation's decision (audited, undone), each organisation deciding for itself.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testContext, testServers, type TestDatabase } from '../../test/helpers/db.ts';
import { listen, seedOrganisation, signedIn, type Running } from '../../test/helpers/http.ts';
import { CLI_ACTOR } from '../identity/users.ts';
import { addOwnName } from '../parties/names.ts';
import { seedReferenceParties } from '../parties/seed.ts';
import type { AppContext } from '../platform/context.ts';
import type { Actor } from '../policy/policy.ts';
import { MAX_LISTED_PROBLEMS } from '../shared/places.ts';
import type { DatasetList, DatasetRejected } from '../shared/reference.ts';
import { BUNDLED, loadBundled, loadDatasetVersion } from './load.ts';
import { decideActor, listMatching, undoActorDecision } from './matching.ts';
import { prevalenceOf } from './prevalence.ts';

const SVAC = readFileSync(BUNDLED.svac.file, 'utf8');
const count = async (db: TestDatabase, table: string) => (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
const SPLM_UNITED = "Sudan People's Liberation Movement/Army - United (SPLM/A-United)";

describe.each(testServers())('reference versions and links on $name', (server) => {
  let db: TestDatabase;
  let ctx: AppContext;
  let srv: Running;
  let a: Actor;
  let b: Actor;
  const audit = async (action: string) => (await db.pool.query<{ entity_id: string | null; details: Record<string, unknown> }>('SELECT entity_id, details FROM audit_log WHERE action = $1 ORDER BY id', [action])).rows;
  /** Every reference audit entry's details: ids, SHA-256 and counts, never the label or citation someone typed. */
  const referenceAudit = async () => JSON.stringify((await db.pool.query("SELECT details FROM audit_log WHERE action LIKE 'reference.%'")).rows);
  const partyWithUcdpId = async (id: string) => (await db.pool.query<{ party_id: string }>(
    "SELECT party_id FROM party_external_ids WHERE scheme = 'ucdp_actor' AND value = $1 AND organisation_id IS NULL", [id])).rows[0]!.party_id;

  beforeAll(async () => {
    db = await createTestDatabase(server);
    ctx = testContext(db);
    srv = await listen(ctx);
    const orgA = await seedOrganisation(ctx, 'ORG-A');
    const orgB = await seedOrganisation(ctx, 'ORG-B');
    const actor = (u: { id: string; organisationId: string }): Actor => ({ userId: u.id, organisationId: u.organisationId, role: 'coordinator', stage: 'active', sessionId: 't' });
    a = actor(orgA.users.coordinator);
    b = actor(orgB.users.coordinator);
    await seedReferenceParties(db.db, CLI_ACTOR);
    for (const d of ['svac', 'rsvac'] as const) expect(await loadBundled(db.db, CLI_ACTOR, d)).toMatchObject({ ok: true, created: true });
  }, 120_000);
  afterAll(async () => {
    await srv.close();
    await db.drop();
  });

  it('loads the same file again without changing anything', async () => {
    const before = [await count(db, 'reference_dataset_versions'), await count(db, 'reference_rows')];
    const again = await loadBundled(db.db, CLI_ACTOR, 'svac');
    expect(again).toMatchObject({ ok: true, created: false, rowsRead: 11911 });
    expect([await count(db, 'reference_dataset_versions'), await count(db, 'reference_rows')]).toEqual(before);
    expect(before).toEqual([2, 11911 + 1411]);
    expect((await audit('reference.load')).map((e) => e.details.rows)).toEqual([11911, 1411]);
  });

  it('refuses a bad file whole, naming its rows and columns, in the reader\'s language; nothing is written', async () => {
    const before = await count(db, 'reference_rows');
    const lines = SVAC.split(/\r?\n/);
    lines[4] = lines[4]!.replace(/,0,0,0,0,-99\s*$/, ',0,0,5,0,-99');
    const bad = lines.join('\n');
    expect(bad).not.toBe(SVAC);
    const outcome = await loadDatasetVersion(db.db, CLI_ACTOR, { dataset: 'svac', file: Buffer.from(bad), label: 'bad' });
    expect(outcome).toMatchObject({ ok: false, problems: [{ row: 5, column: 'hrw_prev', value: '5', code: 'codebook_value' }] });
    const coordinator = await signedIn(srv.base, 'coordinator@org-a.test');
    const answer = await coordinator.request('POST', '/api/reference/datasets/svac/versions?label=bad', bad, { 'content-type': 'text/csv', 'accept-language': 'fr' });
    expect(answer.status).toBe(400);
    const body = answer.body as { error: { code: string; issues: { message: string }[] }; problems: unknown[] };
    expect(body.error.code).toBe('invalid_dataset');
    expect(body.error.issues[0]!.message).toBe('hrw_prev : n’est pas une valeur du livre de codes à cet endroit (attendu : 0–3, -99, NA) (ligne 5)');
    const noHeader = await coordinator.request('POST', '/api/reference/datasets/rsvac/versions?label=x', SVAC, { 'content-type': 'text/csv' });
    expect((noHeader.body as { problems: { column: string }[] }).problems.map((p) => p.column)).toEqual(['conflictid_new', 'actorid_new', 'mp']);
    expect(await count(db, 'reference_rows')).toBe(before);
    expect((await audit('reference.load_refused')).length).toBe(3);
  });

  it('makes a coordinator\'s upload current for their organisation only: the others keep the server\'s default, and do not see it', async () => {
    const iran = await partyWithUcdpId('114');
    const lines = SVAC.split(/\r?\n/);
    expect(lines[1]).toMatch(/^1989,205,Iran,114,/);
    lines[1] = lines[1]!.replace(/,0,0,0,0,-99\s*$/, ',3,0,0,0,1');
    const coordinator = await signedIn(srv.base, 'coordinator@org-a.test');
    const loaded = await coordinator.request('POST', '/api/reference/datasets/svac/versions?label=3.2-corrected&citation=Corrected%20copy', lines.join('\n'), { 'content-type': 'text/csv' });
    expect(loaded.status, JSON.stringify(loaded.body)).toBe(201);
    expect(loaded.body).toMatchObject({
      created: true, rowsRead: 11911,
      version: { label: '3.2-corrected', citation: 'Corrected copy', current: true, serverDefault: false, origin: 'own_organisation', loadedBy: 'coordinator@org-a.test' },
    });
    const { actors, actorsLinked, actorsUnmatched } = loaded.body as { actors: number; actorsLinked: number; actorsUnmatched: number };
    expect(actorsLinked + actorsUnmatched).toBe(actors);
    expect(actorsLinked).toBeGreaterThan(actors * 0.9);
    // A reads its version; B still reads the server's default, with its figures unchanged.
    const figuresA = (await prevalenceOf(db.db, a.organisationId, [iran])).get(iran)!;
    expect(figuresA.svac!.version.label).toBe('3.2-corrected');
    expect(figuresA.svac!.years[0]).toMatchObject({ year: 1989, state: 3, max: 3, forms: ['rape'] });
    const figuresB = (await prevalenceOf(db.db, b.organisationId, [iran])).get(iran)!;
    expect(figuresB.svac!.version).toMatchObject({ label: '3.2', citation: expect.stringContaining('Cohen') as unknown });
    expect(figuresB.svac!.years[0]).toMatchObject({ year: 1989, state: 0, ai: 0, hrw: 0, max: 0, forms: null });
    const other = await signedIn(srv.base, 'coordinator@org-b.test');
    const overview = async (client: typeof other) => (await client.get<{ version: { label: string } }>(`/api/reference/overview?party=${iran}`)).body.version.label;
    expect([await overview(coordinator), await overview(other)]).toEqual(['3.2-corrected', '3.2']);
    const svacOf = async (client: typeof other) => (await client.get<DatasetList>('/api/reference/datasets')).body.items.find((d) => d.dataset === 'svac')!;
    const listA = await svacOf(coordinator);
    expect(listA.current).toMatchObject({ label: '3.2-corrected', origin: 'own_organisation', serverDefault: false });
    expect(listA.choice).toMatchObject({ by: 'coordinator@org-a.test' });
    expect(listA.versions.map((v) => [v.label, v.origin, v.current, v.serverDefault])).toEqual([['3.2-corrected', 'own_organisation', true, false], ['3.2', 'operator', false, true]]);
    const listB = await svacOf(other);
    expect(listB).toMatchObject({ current: { label: '3.2', origin: 'operator', serverDefault: true, current: true, loadedBy: null }, choice: null });
    expect(listB.versions.map((v) => v.label)).toEqual(['3.2']);
    // B cannot choose A's version: it does not exist for B.
    const corrected = listA.current!.id;
    expect((await other.request('POST', '/api/reference/datasets/svac/current', { versionId: corrected })).status).toBe(404);
    expect((await svacOf(other)).current!.label).toBe('3.2');
    expect((await audit('reference.version_chosen')).map((e) => [e.details.dataset, e.entity_id, e.details.sha256])).toEqual([['svac', corrected, listA.current!.sha256]]);
    expect(await referenceAudit()).not.toMatch(/3\.2-corrected|Corrected copy/u);
    // Loading 3.2 again from the CLI: the server's default already; A keeps its own choice.
    expect(await loadBundled(db.db, CLI_ACTOR, 'svac')).toMatchObject({ ok: true, created: false, version: { label: '3.2', current: true } });
    expect((await prevalenceOf(db.db, a.organisationId, [iran])).get(iran)!.svac!.version.label).toBe('3.2-corrected');
  });

  it('lets a coordinator go back to the server\'s default; the operator\'s load changes the default for everyone who has not chosen', async () => {
    const iran = await partyWithUcdpId('114');
    const coordinator = await signedIn(srv.base, 'coordinator@org-a.test');
    const other = await signedIn(srv.base, 'coordinator@org-b.test');
    const svac = (body: unknown) => (body as DatasetList).items.find((d) => d.dataset === 'svac')!;
    const year1989 = async (org: string) => {
      const svacFigures = (await prevalenceOf(db.db, org, [iran])).get(iran)!.svac!;
      return [svacFigures.version.label, svacFigures.years[0]!.state];
    };
    const back = await coordinator.request('POST', '/api/reference/datasets/svac/current', { versionId: null });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(svac(back.body)).toMatchObject({ current: { label: '3.2', serverDefault: true }, choice: null });
    expect(await year1989(a.organisationId)).toEqual(['3.2', 0]);
    // Its own version stays listed, to choose again.
    const corrected = svac(back.body).versions.find((v) => v.label === '3.2-corrected')!;
    expect(corrected).toMatchObject({ current: false, origin: 'own_organisation' });
    const again = await coordinator.request('POST', '/api/reference/datasets/svac/current', { versionId: corrected.id });
    expect(svac(again.body).current).toMatchObject({ id: corrected.id });
    // The operator loads a newer version: B (no choice) reads it at once; A keeps the version it chose.
    const lines = SVAC.split(/\r?\n/);
    lines[1] = lines[1]!.replace(/,0,0,0,0,-99\s*$/, ',2,0,0,0,1');
    expect(await loadDatasetVersion(db.db, CLI_ACTOR, { dataset: 'svac', file: Buffer.from(lines.join('\n')), label: '3.2-operator' }))
      .toMatchObject({ ok: true, created: true, version: { current: true, loadedByOrganisation: null } });
    expect(await year1989(b.organisationId)).toEqual(['3.2-operator', 2]);
    expect(await year1989(a.organisationId)).toEqual(['3.2-corrected', 3]);
    const listB = svac((await other.get('/api/reference/datasets')).body);
    expect(listB.versions.map((v) => [v.label, v.serverDefault, v.current])).toEqual([['3.2-operator', true, true], ['3.2', false, false]]);
    // B loads the very file A loaded: it is A's version, now B's choice, its loader not named to B.
    const copy = SVAC.split(/\r?\n/);
    copy[1] = copy[1]!.replace(/,0,0,0,0,-99\s*$/, ',3,0,0,0,1');
    const same = await other.request('POST', '/api/reference/datasets/svac/versions?label=copy', copy.join('\n'), { 'content-type': 'text/csv' });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ created: false, version: { id: corrected.id, origin: 'other_organisation', loadedBy: null, current: true } });
    expect(await year1989(b.organisationId)).toEqual(['3.2-corrected', 3]);
    const backB = await other.request('POST', '/api/reference/datasets/svac/current', { versionId: null });
    expect(svac(backB.body).versions.map((v) => v.label)).toEqual(['3.2-operator', '3.2']);
    expect(await year1989(b.organisationId)).toEqual(['3.2-operator', 2]);
    // A goes back to the default, now the operator's newer version.
    await coordinator.request('POST', '/api/reference/datasets/svac/current', { versionId: null });
    expect(await year1989(a.organisationId)).toEqual(['3.2-operator', 2]);
    expect((await audit('reference.version_chosen')).map((e) => e.entity_id ?? e.details.choice))
      .toEqual([corrected.id, 'server_default', corrected.id, corrected.id, 'server_default', 'server_default']);
    expect(await referenceAudit()).not.toMatch(/3\.2-corrected|3\.2-operator|copy/u);
    expect(await db.db.execute(sql`SELECT count(*)::int AS n FROM reference_current_versions`)).toMatchObject({ rows: [{ n: 0 }] });
  });

  it('links actors by UCDP id and by a name the organisation adds as an alias', async () => {
    const iran = await partyWithUcdpId('114');
    const figures = (await prevalenceOf(db.db, a.organisationId, [iran])).get(iran)!;
    expect(figures.svac!.actors).toEqual([expect.objectContaining({ name: 'Iran', ucdpActorId: '114', via: 'ucdp_id' })]);
    const before = await listMatching(ctx, a, 'en');
    const horsemen = before.unmatched.find((x) => x.name === 'The Horsemen aka Mkhedrioni')!;
    expect(horsemen).toMatchObject({ ucdpActorId: null, datasets: ['svac'] });
    const georgia = await partyWithUcdpId('115');
    await db.db.transaction((tx) => addOwnName(tx, a.organisationId, georgia, { name: 'The Horsemen aka Mkhedrioni', language: null, kind: 'alias' }, 'organisation', a.userId));
    const after = (await prevalenceOf(db.db, a.organisationId, [georgia])).get(georgia)!;
    expect(after.svac!.actors).toContainEqual(expect.objectContaining({ key: horsemen.key, via: 'name' }));
    expect((await listMatching(ctx, b, 'en')).unmatched.some((x) => x.key === horsemen.key)).toBe(true);
  });

  it('keeps each organisation\'s decisions, audited and undone', async () => {
    const matching = await listMatching(ctx, a, 'en');
    const splm = matching.unmatched.find((x) => x.name === SPLM_UNITED)!;
    expect(splm).toMatchObject({ ucdpActorId: null, rows: 17 });
    const target = splm.candidates[0]?.party.id ?? await partyWithUcdpId('130');
    const decided = await decideActor(ctx, a, { key: splm.key, partyId: target }, null, 'en');
    expect(decided.unmatched.some((x) => x.key === splm.key)).toBe(false);
    expect(decided.decided.find((d) => d.key === splm.key)).toMatchObject({ party: { id: target }, choice: null });
    const figures = (await prevalenceOf(db.db, a.organisationId, [target])).get(target)!;
    expect(figures.svac!.actors).toContainEqual(expect.objectContaining({ key: splm.key, via: 'decided' }));
    expect((await listMatching(ctx, b, 'en')).unmatched.some((x) => x.key === splm.key)).toBe(true);
    const national = matching.unmatched.find((x) => x.name === 'National Guard')!;
    const notInRegistry = await decideActor(ctx, a, { key: national.key, choice: 'not_in_registry' }, null, 'en');
    expect(notInRegistry.decided).toContainEqual(expect.objectContaining({ key: national.key, party: null, choice: 'not_in_registry' }));
    const undone = await undoActorDecision(ctx, a, splm.key, null, 'en');
    expect(undone.unmatched.some((x) => x.key === splm.key)).toBe(true);
    expect((await prevalenceOf(db.db, a.organisationId, [target])).get(target)!.svac!.actors.some((x) => x.key === splm.key)).toBe(false);
    expect((await audit('reference.actor_decided')).map((e) => e.details.actor)).toEqual([SPLM_UNITED, 'National Guard']);
    expect((await audit('reference.actor_decision_undone')).map((e) => e.details.actor)).toEqual([SPLM_UNITED]);
    await expect(undoActorDecision(ctx, a, splm.key, null, 'en')).rejects.toMatchObject({ status: 404 });
    await expect(decideActor(ctx, a, { key: 'no:such', choice: 'not_in_registry' }, null, 'en')).rejects.toMatchObject({ status: 404 });
    expect(await db.db.execute(sql`SELECT count(*)::int AS n FROM reference_actor_decisions`)).toMatchObject({ rows: [{ n: 1 }] });
  });

  it('refuses a file of thousands of bad rows at once, listing the first problems and how many at least, and an enormous cell naming its row', async () => {
    const coordinator = await signedIn(srv.base, 'coordinator@org-a.test');
    const [header, first] = SVAC.split(/\r?\n/);
    const bad = first!.replace(/^1989,205,Iran,114,/, '1900,205,,x,');
    const started = performance.now();
    const many = await coordinator.request<DatasetRejected>('POST', '/api/reference/datasets/svac/versions?label=bad', [header, ...Array.from({ length: 30_000 }, () => bad)].join('\n'), { 'content-type': 'text/csv', 'accept-language': 'ar' });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(many.status).toBe(400);
    expect(many.body.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(many.body.error.issues).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(many.body).toMatchObject({ problemCount: 201, complete: false });
    expect(many.body.error.message).toMatch(/^لم يُحمَّل شيء: عدد الأخطاء 201 على الأقل/u);
    expect((await audit('reference.load_refused')).at(-1)!.details).toEqual({ dataset: 'svac', problems: 201, complete: false });
    const huge = await coordinator.request<DatasetRejected>('POST', '/api/reference/datasets/svac/versions?label=huge', [header, first, first!.replace('Iran', 'I'.repeat(3_000_000))].join('\n'), { 'content-type': 'text/csv' });
    expect(huge.status).toBe(400);
    expect(huge.body).toMatchObject({ problemCount: 1, complete: true, problems: [{ row: 3, code: 'record_too_long' }] });
    expect(huge.body.error.message).toMatch(/^Nothing was loaded: 1 problem\(s\) found\. The first: this line is longer than \d+ characters.* \(row 3\)$/u);
  });

  it('lets the operator load the same file a coordinator uploaded first: it becomes the default, under the operator\'s label and citation', async () => {
    const coordinator = await signedIn(srv.base, 'coordinator@org-a.test');
    const other = await signedIn(srv.base, 'coordinator@org-b.test');
    const iran = await partyWithUcdpId('114');
    const lines = SVAC.split(/\r?\n/);
    lines[1] = lines[1]!.replace(/,0,0,0,0,-99\s*$/, ',1,0,0,0,1');
    const next = lines.join('\n');
    const forged = await coordinator.request('POST', `/api/reference/datasets/svac/versions?label=${encodeURIComponent('3.3 (forged)')}&citation=Forged%20citation`, next, { 'content-type': 'text/csv' });
    expect(forged.status).toBe(201);
    expect(forged.body).toMatchObject({ version: { label: '3.3 (forged)', serverDefault: false, current: true } });
    const id = (forged.body as { version: { id: string } }).version.id;
    // A coordinator's load never sets the default: B still reads the operator's.
    const defaultBefore = (await prevalenceOf(db.db, b.organisationId, [iran])).get(iran)!.svac!.version;
    expect(defaultBefore.label).not.toBe('3.3 (forged)');
    // The operator's `salama reference import` of the very same bytes.
    const citation = 'Cohen, Dara Kay and Ragnhild Nordås. SVAC 3.3 (the real citation)';
    expect(await loadDatasetVersion(db.db, CLI_ACTOR, { dataset: 'svac', file: Buffer.from(next), label: '3.3', citation }))
      .toMatchObject({ ok: true, created: false, version: { id, label: '3.3', citation, current: true, loadedBy: null, loadedByOrganisation: null } });
    // Every organisation that follows the default reads it under the operator's label and citation.
    expect((await prevalenceOf(db.db, b.organisationId, [iran])).get(iran)!.svac!.version).toMatchObject({ label: '3.3', citation });
    const svacOf = async (client: typeof other) => (await client.get<DatasetList>('/api/reference/datasets')).body.items.find((d) => d.dataset === 'svac')!;
    expect(await svacOf(other)).toMatchObject({ current: { id, label: '3.3', citation, origin: 'operator', serverDefault: true }, choice: null });
    // A keeps its own choice (that version, now named as the operator named it).
    const listA = await svacOf(coordinator);
    expect(listA).toMatchObject({ current: { id, label: '3.3', citation, origin: 'operator' }, choice: { by: 'coordinator@org-a.test' } });
    expect(await db.db.execute(sql`SELECT version_id FROM reference_current_versions WHERE organisation_id = ${a.organisationId}`)).toMatchObject({ rows: [{ version_id: id }] });
    // Audited: the version, its SHA-256 and counts, the default it replaced; never the typed words.
    expect((await audit('reference.default_set')).at(-1)).toMatchObject({
      entity_id: id, details: { dataset: 'svac', sha256: listA.current!.sha256, rows: 11911, before: defaultBefore.id, takenOverFromOrganisation: true },
    });
    expect(await referenceAudit()).not.toMatch(/forged|Forged|real citation|"3\.3"/u);
    // Loading it again changes nothing more; a coordinator's load of it still only chooses it.
    expect(await loadDatasetVersion(db.db, CLI_ACTOR, { dataset: 'svac', file: Buffer.from(next), label: 'again' })).toMatchObject({ ok: true, created: false, version: { label: '3.3', current: true } });
  });
});
