/**
 * Issue 8, installs anywhere: as root, a project in a folder other users cannot enter (mode 0700, like
 * root's home) crashed at start with `spawn .../initdb EACCES`, because the server runs as the system user
 * "postgres". Here a real embedded server starts from such a folder: its cluster is placed where that user
 * can reach it (0700, owned by it), the data survives a restart, binaries it cannot reach are copied, and an
 * existing cluster it can no longer reach stops the start with the fix in words instead of starting an empty
 * database. Only root can run these (the server runs as another user only then): skipped otherwise.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded, freePort } from './embedded.ts';
import { closedOnTheWay, EmbeddedServerError, placeServer, serverUser } from './placement.ts';
import { initCluster, installedBuild, startPostmaster } from './postgres-process.ts';

const isRoot = process.getuid?.() === 0;

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(!isRoot)('embedded server started by root from a folder closed to other users (skipped: not running as root)', () => {
  let closed: string;
  let serverDir: string;
  beforeAll(() => {
    closed = mkdtempSync(join(tmpdir(), 'salama-closed-'));
    chmodSync(closed, 0o700);
    serverDir = mkdtempSync(join(tmpdir(), 'salama-server-dir-'));
    chmodSync(serverDir, 0o755);
  });
  afterAll(() => {
    rmSync(closed, { recursive: true, force: true });
    rmSync(serverDir, { recursive: true, force: true });
  });

  it('places the cluster where the server user can reach it, private to that user, and keeps the data across restarts', async () => {
    const dataDir = join(closed, 'project', 'data');
    expect(closedOnTheWay(serverUser(), dataDir)).toBe(closed);
    const notes: string[] = [];
    let server = await startEmbedded(dataDir, { serverDir, onNote: (m) => notes.push(m) });
    try {
      await query(server.url(), 'CREATE TABLE kept (v text); INSERT INTO kept VALUES (\'still here\')');
    } finally {
      await server.stop();
    }
    const cluster = readFileSync(join(dataDir, 'pg-location'), 'utf8').trim();
    expect(cluster.startsWith(join(serverDir, 'clusters'))).toBe(true);
    const owner = serverUser();
    const st = statSync(cluster);
    expect([st.uid, st.gid, st.mode & 0o777]).toEqual([owner.uid, owner.gid, 0o700]);
    expect(statSync(join(serverDir, 'clusters')).mode & 0o777).toBe(0o711);
    expect(notes.join(' ')).toContain(cluster);
    // The master key and passwords stay in the data directory, closed to the server's user.
    expect(statSync(join(dataDir, 'pg-password')).mode & 0o777).toBe(0o600);

    server = await startEmbedded(dataDir, { serverDir });
    try {
      expect(await query(server.url(), 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
    } finally {
      await server.stop();
    }
  });

  it('runs a copy of programs the server user cannot reach', async () => {
    const build = await installedBuild();
    const hidden = join(closed, 'node_modules', 'native');
    mkdirSync(join(closed, 'node_modules'), { recursive: true });
    cpSync(build.native, hidden, { recursive: true, verbatimSymlinks: true });
    const dataDir = join(closed, 'other', 'data');
    mkdirSync(dataDir, { recursive: true });
    const placement = placeServer(dataDir, hidden, 'test-version', { root: true, serverDir });
    expect(placement.binaries).toBe(join(serverDir, 'postgres-test-version'));
    expect(statSync(join(placement.binaries, 'bin', 'postgres')).mode & 0o777).toBe(0o755);
    expect(placement.notes.some((n) => n.includes('runs a copy'))).toBe(true);
    await initCluster(placement, 'salama', 'secret-for-test', () => undefined);
    const port = await freePort();
    const postmaster = await startPostmaster(placement, port, () => undefined);
    try {
      expect(await query(`postgres://salama:secret-for-test@127.0.0.1:${port}/postgres`, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await postmaster.stop();
    }
    // Placed again: the copy is reused, not made twice.
    writeFileSync(join(placement.binaries, 'marker'), '');
    expect(existsSync(join(placeServer(dataDir, hidden, 'test-version', { root: true, serverDir }).binaries, 'marker'))).toBe(true);
  });

  it('stops before starting, with the fix, when a cluster already in the data directory can no longer be reached', async () => {
    const dataDir = join(closed, 'old', 'data');
    mkdirSync(join(dataDir, 'pg'), { recursive: true });
    writeFileSync(join(dataDir, 'pg', 'PG_VERSION'), '15\n');
    const build = await installedBuild();
    let error: unknown;
    try {
      placeServer(dataDir, build.native, build.version, { root: true, serverDir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EmbeddedServerError);
    expect((error as Error).message).toContain(`chmod o+x ${closed}`);
    // Nothing was started or placed elsewhere: an empty database never stands in for the data.
    expect(existsSync(join(dataDir, 'pg-location'))).toBe(false);
  });
});
