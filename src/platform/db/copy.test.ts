/**
 * COPY in binary writes exactly what an INSERT through Drizzle writes: the same rows go into two twin tables,
 * one each way, and the database's own JSON of each row must be equal. Values no encoder should let through
 * are refused before anything is sent; a COPY that fails leaves nothing once its transaction rolls back.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { boolean, date, integer, jsonb, pgTable, real, text, timestamp, uuid, numeric } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServers, type TestDatabase } from '../../../test/helpers/db.ts';
import { bytea } from './column-types.ts';
import { copyTransaction, CopyRows, readBytes } from './copy.ts';

const columns = {
  k: integer('k').notNull(),
  id: uuid('id'),
  name: text('name'),
  day: date('day', { mode: 'string' }),
  flag: boolean('flag'),
  amount: real('amount'),
  at: timestamp('at', { withTimezone: true }),
  doc: jsonb('doc'),
  bytes: bytea('bytes'),
  tags: text('tags').array(),
  people: uuid('people').array(),
  counts: integer('counts').array(),
};
const viaInsert = pgTable('copy_probe_insert', columns);
const viaCopy = pgTable('copy_probe_copy', columns);
const withNumeric = pgTable('copy_probe_numeric', { k: integer('k'), n: numeric('n') });
type Row = typeof viaInsert.$inferInsert;
const KEYS = Object.keys(columns) as (keyof typeof columns)[];

const awkward = ['', 'tab\there', 'new\nline\r\n', 'back\\slash', '"quoted", with comma', '\\N', '\\.', 'é ü 中文 عربي 🙂', '{braces}', 'NULL'];
const rows: Row[] = [
  ...awkward.map((name, k): Row => ({
    k, id: randomUUID(), name, day: ['2024-02-29', '1969-12-31', '1900-01-01', '2000-01-01', '1999-12-31'][k % 5]!, flag: k % 2 === 0, amount: k / 4,
    at: new Date(Date.UTC(1960 + k * 7, k, 1 + k, k, 7, 8, 123)),
    doc: { name, list: [1, 2.5, null, name], nested: { [`key ${name}`]: name, empty: {} } }, bytes: k === 0 ? Buffer.alloc(0) : randomBytes(40 + k),
    tags: k === 0 ? [] : awkward.slice(0, k), people: k % 3 === 0 ? [] : [randomUUID(), randomUUID()],
    counts: k % 2 === 0 ? [] : [k, -k, 2147483647],
  })),
  { k: 99, id: null, name: null, day: null, flag: null, amount: null, at: null, doc: null, bytes: null, tags: null, people: null, counts: null },
];

describe.each(testServers())('COPY in binary on $name', (server) => {
  let db: TestDatabase;
  const create = (name: string) => `CREATE TABLE ${name} (k integer NOT NULL, id uuid, name text, day date, flag boolean, amount real, at timestamptz, doc jsonb, bytes bytea, tags text[], people uuid[], counts integer[])`;

  beforeAll(async () => {
    db = await createTestDatabase(server);
    await db.pool.query(create('copy_probe_insert'));
    await db.pool.query(create('copy_probe_copy'));
    await db.pool.query('CREATE TABLE copy_probe_numeric (k integer, n numeric)');
  });
  afterAll(async () => { await db.drop(); });

  const dump = async (table: string) => (await db.pool.query<{ j: string }>(`SELECT to_jsonb(t)::text AS j FROM ${table} t ORDER BY k`)).rows.map((r) => r.j);

  it('writes what an INSERT writes, for every column type it knows', async () => {
    await db.db.insert(viaInsert).values(rows);
    const encoder = new CopyRows(viaCopy, KEYS);
    for (const r of rows) encoder.add(r);
    const written = await copyTransaction(db.db, (_tx, copy) => copy(encoder.data()));
    expect(written).toBe(rows.length);
    expect(await dump('copy_probe_copy')).toEqual(await dump('copy_probe_insert'));
  });

  it('writes the rows kept, in the order given, each with its late column', async () => {
    const encoder = CopyRows.of(viaCopy, { k: 0, id: null }, 'name');
    for (const k of [1000, 1001, 1002]) encoder.add({ k, id: null });
    expect(() => encoder.data([2, 0])).toThrow(/late values are missing/);
    expect(await copyTransaction(db.db, (_tx, copy) => copy(encoder.data([2, 0], ['third', 'first'])))).toBe(2);
    expect((await db.pool.query('SELECT k, name FROM copy_probe_copy WHERE k >= 1000 ORDER BY k')).rows).toEqual([{ k: 1000, name: 'first' }, { k: 1002, name: 'third' }]);
  });

  it('refuses what it cannot write faithfully, before sending anything', () => {
    const encoder = new CopyRows(viaCopy, KEYS);
    const good = rows[1]!;
    expect(() => encoder.add({ ...good, day: '2024-02-30' })).toThrow(/day: 2024-02-30 is not a date/);
    expect(() => encoder.add({ ...good, id: 'not-a-uuid' })).toThrow(/id: not a uuid/);
    expect(() => encoder.add({ ...good, name: undefined })).toThrow(/name: missing/);
    expect(() => new CopyRows(viaCopy, ['k', 'name']).add({ ...good })).toThrow(/names 12 columns, the encoder 2/);
    expect(() => encoder.add({ ...good, tags: ['a', null as unknown as string] })).toThrow(/NULL element/);
    expect(() => new CopyRows(withNumeric, ['k', 'n'])).toThrow(/no binary encoding for numeric/);
    // Nothing of the refused rows stays.
    encoder.add(good);
    expect(encoder.count).toBe(1);
    expect(encoder.data().data.length).toBe(new CopyRows(viaCopy, KEYS).data().data.length + encoder.data().data.length - 21);
  });

  it('leaves nothing of a transaction whose COPY failed, and the pool goes on', async () => {
    const before = await dump('copy_probe_copy');
    const rowsOf = (...list: { k: number; name: string }[]) => { const e = new CopyRows(viaCopy, ['k', 'name']); for (const r of list) e.add(r); return e.data(); };
    await expect(copyTransaction(db.db, async (tx, copy) => {
      await copy(rowsOf({ k: 2000, name: 'first statement' }));
      await tx.execute(sql`ALTER TABLE copy_probe_copy ADD CONSTRAINT no_bad CHECK (name <> 'bad')`);
      await copy(rowsOf({ k: 2001, name: 'fine' }, { k: 2002, name: 'bad' }));
    })).rejects.toThrow(/no_bad/);
    expect(await dump('copy_probe_copy')).toEqual(before);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM pg_constraint WHERE conname = $1', ['no_bad'])).rows).toEqual([{ n: 0 }]);
    await copyTransaction(db.db, (_tx, copy) => copy(rowsOf({ k: 2003, name: 'after' })));
    expect((await db.pool.query('SELECT name FROM copy_probe_copy WHERE k = 2003')).rows).toEqual([{ name: 'after' }]);
  });

  it('reads one bytea value as bytes', async () => {
    const value = randomBytes(300_000);
    await db.pool.query('INSERT INTO copy_probe_insert (k, bytes) VALUES (5000, $1), (5001, NULL)', [value]);
    expect((await readBytes(db.db, 'SELECT bytes FROM copy_probe_insert WHERE k = 5000'))!.equals(value)).toBe(true);
    expect(await readBytes(db.db, 'SELECT bytes FROM copy_probe_insert WHERE k = 5001')).toBeNull();
    expect(await readBytes(db.db, 'SELECT bytes FROM copy_probe_insert WHERE k = -1')).toBeNull();
  });
});
