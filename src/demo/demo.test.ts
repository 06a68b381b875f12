/** The demo data: plainly synthetic, complete enough to show every part of the record, and loadable once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testContext, testServers, type TestDatabase } from '../../test/helpers/db.ts';
import type { AppContext } from '../platform/context.ts';
import { loadDemo } from './demo.ts';

describe.each(testServers())('demo data on $name', (server) => {
  let db: TestDatabase;
  let ctx: AppContext;
  beforeAll(async () => {
    db = await createTestDatabase(server);
    ctx = testContext(db);
  });
  afterAll(async () => { await db.drop(); });

  it('loads synthetic organisations with the full record, its own list values, and only once', async () => {
    const credentials = await loadDemo(ctx, { scale: 0.25 });
    expect(credentials.every((c) => c.email.endsWith('.demo.invalid'))).toBe(true);
    const q = async (sql: string) => Number((await db.pool.query<{ n: string }>(sql)).rows[0]!.n);
    const incidents = await q('SELECT count(*) AS n FROM incidents');
    expect(incidents).toBeGreaterThan(50);
    expect(await q("SELECT count(*) AS n FROM incidents WHERE jsonb_array_length(sources) > 0")).toBe(incidents);
    expect(await q("SELECT count(*) AS n FROM incidents WHERE jsonb_array_length(perpetrators) > 0")).toBe(incidents);
    expect(await q("SELECT count(*) AS n FROM incidents WHERE jsonb_array_length(referrals) > 0")).toBeGreaterThan(0);
    expect(await q("SELECT count(*) AS n FROM incidents WHERE setting = 'x_mine_site'")).toBeGreaterThan(0);
    // The regions people search for first have records (Ouaka, North Kivu).
    expect(await q("SELECT count(*) AS n FROM incidents WHERE admin1 = 'CF-UK'")).toBeGreaterThan(2);
    expect(await q("SELECT count(*) AS n FROM incidents WHERE admin1 = 'CD-NK'")).toBeGreaterThan(2);
    expect(await q("SELECT count(*) AS n FROM lookups")).toBe(9); // three organisations with incidents, three values each
    // Every organisation, party and source is visibly synthetic.
    expect(await q("SELECT count(*) AS n FROM organisations WHERE name NOT LIKE '%(synthetic)%'")).toBe(0);
    expect(await q("SELECT count(*) AS n FROM incidents, jsonb_array_elements(sources) s WHERE s->>'organisation' NOT LIKE '%(synthetic)%'")).toBe(0);
    // The reference parties (UCDP/PRIO, SVAC), and each mission's own: one created, one proposed.
    const reference = await q('SELECT count(*) AS n FROM parties WHERE organisation_id IS NULL');
    expect(reference).toBeGreaterThan(900);
    expect(await q("SELECT count(*) AS n FROM parties WHERE organisation_id IS NOT NULL AND status = 'confirmed' AND name LIKE '%(DEMO-LSD-%'")).toBe(3);
    expect(await q("SELECT count(*) AS n FROM parties WHERE organisation_id IS NOT NULL AND status = 'unconfirmed' AND name LIKE '%(DEMO-ARC-%'")).toBe(3);
    expect(await loadDemo(ctx, { scale: 0.25 })).toEqual([]);
    expect(await q('SELECT count(*) AS n FROM incidents')).toBe(incidents);
    expect(await q('SELECT count(*) AS n FROM parties WHERE organisation_id IS NULL')).toBe(reference);
  });
});
