/**
 * Backups with PostgreSQL's own pg_dump / pg_restore (custom format), taken from SALAMA_PG_BIN, the
 * server's installation (/usr/lib/postgresql/<major>/bin) or PATH, and matched to the server's major
 * version. A backup holds identifying fields only as ciphertext: it is useless without the master key,
 * which is deliberately not in it.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';

const exec = promisify(execFile);

export class BackupError extends Error {}

export async function serverMajor(pool: pg.Pool): Promise<number> {
  const r = await pool.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
  return Math.floor(Number(r.rows[0]!.v) / 10000);
}

async function toolMajor(path: string): Promise<number | null> {
  try {
    const { stdout } = await exec(path, ['--version']);
    const m = /(\d+)\.\d+/.exec(stdout);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export async function findPgTool(tool: 'pg_dump' | 'pg_restore', major: number): Promise<string> {
  const candidates = [
    process.env.SALAMA_PG_BIN ? join(process.env.SALAMA_PG_BIN, tool) : null,
    `/usr/lib/postgresql/${major}/bin/${tool}`,
    tool,
  ].filter((c): c is string => c !== null && (c === tool || existsSync(c)));
  for (const c of candidates) {
    const v = await toolMajor(c);
    if (v !== null && v >= major) return c;
  }
  throw new BackupError(`${tool}: no ${tool} of PostgreSQL ${major} or newer found; install postgresql-client-${major} or set SALAMA_PG_BIN to its bin directory`);
}

/** URL parameters that libpq takes from the environment: TLS settings must reach pg_dump too. */
const LIBPQ_PARAMS: Record<string, string> = {
  sslmode: 'PGSSLMODE', sslrootcert: 'PGSSLROOTCERT', sslcert: 'PGSSLCERT', sslkey: 'PGSSLKEY', sslcrl: 'PGSSLCRL',
  connect_timeout: 'PGCONNECT_TIMEOUT', application_name: 'PGAPPNAME', options: 'PGOPTIONS',
};

/**
 * libpq environment for a URL, so the password never appears on a command line. Built from PATH and
 * locale only: the child gets neither the master key nor anything else of Salama's environment.
 */
export function pgEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, LANG: process.env.LANG, LC_ALL: process.env.LC_ALL, HOME: process.env.HOME,
    PGHOST: u.hostname, PGPORT: u.port || '5432', PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password), PGDATABASE: decodeURIComponent(u.pathname.slice(1)),
  };
  for (const [param, variable] of Object.entries(LIBPQ_PARAMS)) {
    const value = u.searchParams.get(param);
    if (value !== null) env[variable] = value;
  }
  return env;
}

export async function backupDatabase(pool: pg.Pool, url: string, file: string): Promise<void> {
  const tool = await findPgTool('pg_dump', await serverMajor(pool));
  // Owner-only from the first byte: pg_dump truncates an existing file and keeps its mode.
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, '', { mode: 0o600 });
  chmodSync(file, 0o600);
  try {
    await exec(tool, ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`], { env: pgEnv(url) });
  } catch (e) {
    throw new BackupError(`pg_dump failed: ${String((e as { stderr?: string }).stderr ?? '').split('\n')[0]}`);
  }
}

/** Restores into the given database, replacing what is there, in one transaction (all or nothing). */
export async function restoreDatabase(pool: pg.Pool, url: string, file: string): Promise<void> {
  if (!existsSync(file)) throw new BackupError(`file: ${file} does not exist`);
  const tool = await findPgTool('pg_restore', await serverMajor(pool));
  try {
    await exec(tool, ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${new URL(url).pathname.slice(1)}`, file], { env: pgEnv(url) });
  } catch (e) {
    throw new BackupError(`pg_restore failed, nothing was changed: ${String((e as { stderr?: string }).stderr ?? '').split('\n').find((l) => l.includes('error')) ?? ''}`);
  }
}
