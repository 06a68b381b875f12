/**
 * Bulk writes through COPY FROM STDIN: one statement per table for a whole batch instead of multi-row
 * INSERTs, whose tens of thousands of parameters cost more to build (in Drizzle), send and plan than the
 * rows cost to store. COPY goes through the same constraints (unique indexes, foreign keys, NOT NULL) and
 * the same transaction as an INSERT: a failure part-way leaves nothing once the transaction rolls back.
 *
 * Rows are encoded ahead (a caller can encode the next batch while the database writes this one), in
 * COPY's binary format: PostgreSQL then parses no text (about a seventh less of its time for an import's
 * rows than the text format, measured), and bytea columns travel as bytes, not hex. Each column is encoded
 * from the value an INSERT through Drizzle would be given, by its SQL type; a type not known here is refused
 * when the encoder is made, never guessed. Columns an encoder does not name take their SQL default.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { getTableColumns, getTableName, type InferInsertModel } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { Db, Tx } from './database.ts';

/** A growing buffer the rows of a batch are written into, then copied out row by row. */
class Writer {
  buf = Buffer.allocUnsafe(64 * 1024);
  at = 0;
  room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(bigger, 0, 0, this.at);
    this.buf = bigger;
  }
  int16(n: number): void { this.room(2); this.at = this.buf.writeInt16BE(n, this.at); }
  int32(n: number): void { this.room(4); this.at = this.buf.writeInt32BE(n, this.at); }
  /** A field: its length, then what `body` writes (the length is filled in afterwards). */
  field(body: () => void): void {
    this.room(4);
    const start = this.at;
    this.at += 4;
    body();
    this.buf.writeInt32BE(this.at - start - 4, start);
  }
  utf8(s: string): void { this.room(s.length * 3); this.at += this.buf.write(s, this.at, 'utf8'); }
  bytes(b: Buffer): void { this.room(b.length); this.at += b.copy(this.buf, this.at); }
}

const fail = (column: string, why: string): never => { throw new Error(`COPY: ${column}: ${why}`); };

/** A uuid's 16 bytes from its text (8-4-4-4-12 hex digits); false, and nothing to rely on written, if it is not one. */
function writeUuid(buf: Buffer, at: number, s: string): boolean {
  if (s.length !== 36) return false;
  let out = at;
  for (let i = 0; i < 36; i += 2) {
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (s.charCodeAt(i) !== 45) return false;
      i -= 1;
      continue;
    }
    const hi = HEX[s.charCodeAt(i)] ?? -1;
    const lo = HEX[s.charCodeAt(i + 1)] ?? -1;
    if (hi < 0 || lo < 0) return false;
    buf[out++] = hi * 16 + lo;
  }
  return out - at === 16;
}
const HEX: number[] = [];
for (let c = 0; c < 128; c++) HEX[c] = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** PostgreSQL's epoch for dates and timestamps (2000-01-01 UTC), in milliseconds since 1970. */
const PG_EPOCH = Date.UTC(2000, 0, 1);
const OID = { text: 25, uuid: 2950, integer: 23 } as const;

type Encode = (w: Writer, value: unknown) => void;

function scalar(column: string, type: string): Encode | null {
  switch (type) {
    case 'text': return (w, v) => w.utf8(typeof v === 'string' ? v : fail(column, 'not text'));
    case 'uuid': return (w, v) => {
      w.room(16);
      if (typeof v !== 'string' || !writeUuid(w.buf, w.at, v)) fail(column, 'not a uuid');
      w.at += 16;
    };
    case 'boolean': return (w, v) => { w.room(1); w.at = w.buf.writeUInt8(v === true ? 1 : v === false ? 0 : fail(column, 'not a boolean'), w.at); };
    case 'integer': return (w, v) => { w.room(4); w.at = w.buf.writeInt32BE(Number.isInteger(v) ? v as number : fail(column, 'not an integer'), w.at); };
    case 'real': return (w, v) => { w.room(4); w.at = w.buf.writeFloatBE(typeof v === 'number' ? v : fail(column, 'not a number'), w.at); };
    case 'date': return (w, v) => {
      const m = typeof v === 'string' ? DATE.exec(v) : null;
      const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : fail(column, 'not a date as YYYY-MM-DD');
      const day = new Date(PG_EPOCH);
      day.setUTCFullYear(y, mo - 1, d);
      // PostgreSQL refuses 2024-02-30 as text; here too, rather than roll it over to March.
      if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) fail(column, `${String(v)} is not a date`);
      w.int32(Math.round((day.getTime() - PG_EPOCH) / 86_400_000));
    };
    case 'timestamp with time zone': case 'timestamp (3) with time zone': return (w, v) => {
      if (!(v instanceof Date) || Number.isNaN(v.getTime())) fail(column, 'not a date');
      w.room(8);
      w.at = w.buf.writeBigInt64BE(BigInt((v as Date).getTime() - PG_EPOCH) * 1000n, w.at);
    };
    // jsonb: a version byte, then the JSON text (what Drizzle sends for jsonb: JSON.stringify of the value).
    case 'jsonb': return (w, v) => { w.room(1); w.at = w.buf.writeUInt8(1, w.at); w.utf8(JSON.stringify(v)); };
    case 'bytea': return (w, v) => w.bytes(Buffer.isBuffer(v) ? v : fail(column, 'not bytes'));
    default: return null;
  }
}

/** One-dimensional arrays of text, uuid or integer: dimensions, then each element as a field (no NULL elements). */
function array(column: string, element: keyof typeof OID): Encode {
  const each = scalar(column, element)!;
  return (w, v) => {
    if (!Array.isArray(v)) fail(column, 'not a list');
    const list = v as unknown[];
    w.int32(list.length ? 1 : 0);
    w.int32(0);
    w.int32(OID[element]);
    if (list.length) { w.int32(list.length); w.int32(1); }
    for (const item of list) w.field(() => each(w, item ?? fail(column, 'a NULL element')));
  };
}

function encoderOf(column: PgColumn): Encode {
  const type = column.getSQLType();
  const found = type === 'text[]' ? array(column.name, 'text') : type === 'uuid[]' ? array(column.name, 'uuid')
    : type === 'integer[]' ? array(column.name, 'integer') : scalar(column.name, type);
  return found ?? fail(column.name, `no binary encoding for ${type}`);
}

const HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const TRAILER = Buffer.from([0xff, 0xff]);

/** A column of the table, by its property name (as rows name it). */
type Key<T extends PgTable> = keyof T['_']['columns'] & string;

/**
 * The rows of one table for one COPY, encoded as they are added (for the columns named, in that order)
 * into one buffer: a batch of thousands of rows is a few buffers, not thousands of objects for the garbage
 * collector to carry. The last column can be left out when a row is added (`late`) and given when the data
 * is taken: an import's reference, say, reserved in the transaction that writes the row.
 */
export class CopyRows<T extends PgTable> {
  readonly statement: string;
  private readonly encoders: Encode[];
  private readonly w = new Writer();
  /** Where each row ends in the buffer (it starts where the one before ends, the first after the header). */
  private readonly ends: number[] = [];
  private readonly given: number;

  /** The columns a sample row names, plus a late one at the end. */
  static of<T extends PgTable>(table: T, sample: Partial<InferInsertModel<T>>, late?: Key<T>): CopyRows<T> {
    const keys = Object.keys(sample).filter((k) => k !== late) as Key<T>[];
    return new CopyRows(table, late ? [...keys, late] : keys, late !== undefined);
  }

  constructor(readonly table: T, private readonly keys: readonly Key<T>[], late = false) {
    const columns = getTableColumns(table) as Record<string, PgColumn>;
    const named = keys.map((k) => columns[k] ?? fail(k, `not a column of ${getTableName(table)}`));
    this.encoders = named.map(encoderOf);
    this.given = late ? keys.length - 1 : keys.length;
    this.statement = `COPY "${getTableName(table)}" (${named.map((c) => `"${c.name}"`).join(', ')}) FROM STDIN WITH (FORMAT binary)`;
    this.w.bytes(HEADER);
  }

  get count(): number { return this.ends.length; }

  /** Adds one row (every column named but the late one; null for NULL); answers its index. */
  add(row: Partial<InferInsertModel<T>>): number {
    const values = row as Record<string, unknown>;
    // A row naming a column the encoder does not would lose that value without a word: refused instead.
    let named = 0;
    for (const _ in values) named++;
    if (named > this.given) fail(getTableName(this.table), `a row names ${named} columns, the encoder ${this.given}`);
    const start = this.w.at;
    try {
      this.w.int16(this.keys.length);
      for (let i = 0; i < this.given; i++) this.value(this.w, i, values[this.keys[i]!]);
    } catch (e) {
      this.w.at = start; // nothing of a refused row stays
      throw e;
    }
    this.ends.push(this.w.at);
    return this.ends.length - 1;
  }

  private value(w: Writer, i: number, value: unknown): void {
    if (value === undefined) fail(this.keys[i]!, 'missing (give null for NULL)');
    if (value === null) { w.int32(-1); return; }
    // The field's length goes before it, once it is known (as Writer.field, without a closure per value).
    w.room(4);
    const start = w.at;
    w.at += 4;
    this.encoders[i]!(w, value);
    w.buf.writeInt32BE(w.at - start - 4, start);
  }

  /**
   * What COPY reads for the rows kept (their indexes, in the order to write them; all by default), each
   * followed by its late value when the encoder has a late column (`late[k]` for `rows[k]`).
   */
  data(rows?: readonly number[], late?: readonly unknown[]): { statement: string; data: Buffer; count: number } {
    const lateColumn = this.given < this.keys.length;
    if (lateColumn !== (late !== undefined)) fail(getTableName(this.table), lateColumn ? 'the late values are missing' : 'no column is late');
    const order = rows ?? this.ends.map((_, i) => i);
    if (late && late.length !== order.length) fail(getTableName(this.table), `${late.length} late values for ${order.length} rows`);
    const out = new Writer();
    out.bytes(HEADER);
    order.forEach((i, k) => {
      const end = this.ends[i] ?? fail(getTableName(this.table), `no row ${i}`);
      out.bytes(this.w.buf.subarray(i ? this.ends[i - 1]! : HEADER.length, end));
      if (late) this.value(out, this.keys.length - 1, late[k]);
    });
    out.bytes(TRAILER);
    return { statement: this.statement, data: out.buf.subarray(0, out.at), count: order.length };
  }
}

/** Writes rows (as `CopyRows.data` gives them) inside the current transaction; answers how many were written. */
export type CopyIn = (rows: { statement: string; data: Buffer }) => Promise<number>;

async function copyOn(client: pg.PoolClient, statement: string, data: Buffer): Promise<number> {
  const stream = client.query(copyFrom(statement));
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', resolve);
    stream.end(data);
  });
  return stream.rowCount;
}

/**
 * A transaction on one connection of the pool that can also COPY (which Drizzle cannot): the work gets the
 * usual transaction handle and `copy` on the same connection, committed or rolled back together.
 */
export async function copyTransaction<R>(db: Db, work: (tx: Tx, copy: CopyIn) => Promise<R>): Promise<R> {
  const client = await db.$client.connect();
  let failed: Error | undefined;
  try {
    const copy: CopyIn = ({ statement, data }) => copyOn(client, statement, data);
    return await drizzle(client).transaction((tx) => work(tx, copy));
  } catch (e) {
    // Rolled back (or the connection is gone): the connection is closed rather than handed out again.
    failed = e instanceof Error ? e : new Error(String(e));
    throw e;
  } finally {
    client.release(failed);
  }
}

/**
 * One bytea value (the first column of the first row a SELECT gives), read through COPY's binary format:
 * a plain SELECT sends bytea as hex text, twice its size, then parsed back (a quarter of a second for an
 * 18 MB file here, against a twentieth). The SELECT cannot take parameters: quote values with escapeLiteral.
 */
export async function readBytes(db: Db, select: string): Promise<Buffer | null> {
  const client = await db.$client.connect();
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of client.query(copyTo(`COPY (${select}) TO STDOUT WITH (FORMAT binary)`))) chunks.push(chunk as Buffer);
    const data = Buffer.concat(chunks);
    if (!data.subarray(0, 11).equals(HEADER.subarray(0, 11))) throw new Error('COPY: not PostgreSQL binary output');
    const start = 19 + data.readInt32BE(15); // signature, flags, then the header extension's length and bytes
    if (data.readInt16BE(start) === -1) return null; // no row
    const length = data.readInt32BE(start + 2);
    return length < 0 ? null : data.subarray(start + 6, start + 6 + length);
  } finally {
    client.release();
  }
}
