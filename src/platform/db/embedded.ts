/**
 * Runs the embedded PostgreSQL server (real binaries shipped in npm) on a free port, with a random password
 * kept in <dataDir>/pg-password (0600). Data is kept between runs, in <dataDir>/pg or - when Salama runs as
 * root from a folder the server's user cannot enter - where placement.ts puts it.
 */
import AsyncExitHook from 'async-exit-hook';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { placeServer, type Placement } from './placement.ts';
import { initCluster, installedBuild, startPostmaster, type Postmaster } from './postgres-process.ts';

export { EmbeddedServerError } from './placement.ts';

// A process ended by a signal it does not handle itself stops the servers it started (`salama start`
// takes SIGINT and SIGTERM over to stop in order). No hook on 'beforeExit' or 'exit': on 'beforeExit'
// async-exit-hook calls process.exit(0), which turned every exit code into 0.
const running = new Set<Postmaster>();
AsyncExitHook((done) => void Promise.all([...running].map((p) => p.stop())).finally(done));
AsyncExitHook.unhookEvent('beforeExit');
AsyncExitHook.unhookEvent('exit');

export interface EmbeddedServer {
  /** Connection URL for a database on this server. */
  url(database?: string): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The port of a live postmaster on this cluster, from postmaster.pid (line 1: pid, line 4: port). */
function runningPort(pgDir: string): number | null {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port) return null;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null;
  }
}

export interface EmbeddedOptions {
  /** The server's own output. */
  onLog?: (m: string) => void;
  /** What an operator should know: where the cluster or the programs were placed, and why. */
  onNote?: (m: string) => void;
  /** Where to place binaries and clusters the server's user could not reach (tests; else SALAMA_SERVER_DIR or /var/lib/salama). */
  serverDir?: string;
}

export async function startEmbedded(dataDir: string, opts: EmbeddedOptions = {}): Promise<EmbeddedServer> {
  // The server runs as the unprivileged "postgres" user when Salama is root: it may pass through the data
  // directory (0711) to its own 0700 cluster directory, but cannot list it or read the master key or
  // password files (0600).
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o711);
  const log = opts.onLog ?? (() => undefined);
  const build = await installedBuild();
  const placement: Placement = placeServer(dataDir, build.native, build.version, { serverDir: opts.serverDir });
  for (const note of placement.notes) (opts.onNote ?? log)(note);
  const pgDir = placement.cluster;
  const pwFile = join(dataDir, 'pg-password');
  const initialised = existsSync(join(pgDir, 'PG_VERSION'));
  const runningOn = initialised ? runningPort(pgDir) : null;
  if (runningOn !== null) {
    // Another salama process (the server) runs this cluster: use it rather than start a second postmaster.
    const password = readFileSync(pwFile, 'utf8').trim();
    return { url: (database = 'postgres') => `postgres://salama:${encodeURIComponent(password)}@127.0.0.1:${runningOn}/${database}`, stop: async () => undefined };
  }
  if (!initialised) {
    // A cluster directory without PG_VERSION is what a failed first start left: initdb wants it empty.
    rmSync(pgDir, { recursive: true, force: true });
    writeFileSync(pwFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
  }
  chmodSync(pwFile, 0o600);
  const password = readFileSync(pwFile, 'utf8').trim();
  if (!initialised) await initCluster(placement, 'salama', password, log);
  const port = await freePort();
  const postmaster = await startPostmaster(placement, port, log);
  running.add(postmaster);
  const url = (database = 'postgres') =>
    `postgres://salama:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return {
    url,
    async stop() {
      running.delete(postmaster);
      await postmaster.stop();
    },
  };
}

/** Creates the database if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
