/**
 * Who is working on what, known from the database itself: a job holds a session-level advisory lock named
 * after its work (an import, a scan) for as long as it runs. The lock lives and dies with the worker's
 * connection, so work whose server crashed or was killed is seen at once as held by nobody - no waiting
 * for a timeout - and can be marked interrupted and run again.
 */
import type { Db } from '../db/database.ts';

/**
 * Runs `work` while holding the named lock on a connection of its own. Null, without running, when another
 * worker holds it already (the same job delivered twice).
 */
export async function runHolding<T>(db: Db, name: string, work: () => Promise<T>): Promise<T | null> {
  const client = await db.$client.connect();
  try {
    const got = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS got', [name]);
    if (!got.rows[0]!.got) return null;
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}

/** The ids whose work nobody holds now (`name` turns an id into its lock's name): cut off by a stop or a crash. */
export async function notHeld(db: Db, ids: readonly string[], name: (id: string) => string): Promise<string[]> {
  const held = await heldNames(db, ids.map(name));
  return ids.filter((id) => !held.has(name(id)));
}

/** Which of these names a live worker holds now (on any connection to this database). */
export async function heldNames(db: Db, names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const r = await db.$client.query<{ name: string }>(`
    SELECT n AS name FROM unnest($1::text[]) AS n
    WHERE EXISTS (
      SELECT 1 FROM pg_locks l
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended(n, 0))`, [[...names]]);
  return new Set(r.rows.map((row) => row.name));
}
