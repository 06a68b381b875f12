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
import { SERVER_APPLICATION_NAMES } from './database.ts';

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

/** Schemas a restore sets aside while it works, and drops once the restored data is accepted. */
const SET_ASIDE = 'salama_previous_';

/** What a restore asks of the restored data before it replaces the current data for good. */
export interface RestoreCheck {
  /** Null when the restored data is acceptable; otherwise why not (e.g. its audit chain is broken). */
  problem(): Promise<string | null>;
  /** Keep the restored data even with that problem (an explicit, audited operator decision). */
  acceptProblem: boolean;
}

export interface RestoreResult { problem: string | null }

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function schemasOf(pool: pg.Pool): Promise<string[]> {
  const r = await pool.query<{ nspname: string }>(
    "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY nspname");
  return r.rows.map((row) => row.nspname);
}

/** Runs statements in one transaction that waits at most 10 s for a lock (another session holding one). */
async function inTransaction(pool: pg.Pool, statements: string[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SET LOCAL lock_timeout = '10s'");
    for (const statement of statements) await client.query(statement);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    const err = e as { code?: string; message?: string };
    if (err.code === '55P03') throw new BackupError('another session holds a lock on the database: close every other connection (psql, other tools) and run the restore again; nothing was changed');
    throw e;
  } finally {
    client.release();
  }
}

/**
 * Restores a backup in place, on a database that may have been used for years (the job library's
 * partitioned tables included), all or nothing:
 * 1. refuses while the server is connected (stop it first) or when an earlier restore was interrupted;
 * 2. sets every current schema aside (renamed `salama_previous_<name>`, in one transaction);
 * 3. pg_restore into the emptied database in one transaction: on failure the schemas are renamed back;
 * 4. asks the check (the audit chain): when it finds a problem and the operator did not accept it, the
 *    restored schemas are dropped and the current ones renamed back, so nothing changed;
 * 5. drops the set-aside schemas.
 * A crash between steps leaves the previous data intact under `salama_previous_*`; the next restore names it.
 */
export async function restoreDatabase(pool: pg.Pool, url: string, file: string, check?: RestoreCheck): Promise<RestoreResult> {
  if (!existsSync(file)) throw new BackupError(`file: ${file} does not exist`);
  const tool = await findPgTool('pg_restore', await serverMajor(pool));
  const server = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = ANY($1::text[])', [[...SERVER_APPLICATION_NAMES]]);
  if (server.rows[0]!.n > 0) throw new BackupError(`the Salama server is connected to this database (${server.rows[0]!.n} connections): stop it, then run the restore again; nothing was changed`);

  const current = await schemasOf(pool);
  const leftover = current.filter((name) => name.startsWith(SET_ASIDE));
  if (leftover.length > 0) {
    throw new BackupError(`an earlier restore was interrupted: the data before it is kept in the schemas ${leftover.join(', ')}. Ask your database administrator to inspect them (rename them back, or drop them once the restored data is checked); nothing was changed`);
  }
  await inTransaction(pool, [...current.map((name) => `ALTER SCHEMA ${quoteIdent(name)} RENAME TO ${quoteIdent(SET_ASIDE + name)}`), 'CREATE SCHEMA public']);
  const putBack = async () => {
    const restored = (await schemasOf(pool)).filter((name) => !name.startsWith(SET_ASIDE));
    await inTransaction(pool, [
      ...restored.map((name) => `DROP SCHEMA ${quoteIdent(name)} CASCADE`),
      ...current.map((name) => `ALTER SCHEMA ${quoteIdent(SET_ASIDE + name)} RENAME TO ${quoteIdent(name)}`),
    ]);
  };

  try {
    await exec(tool, ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${new URL(url).pathname.slice(1)}`, file], { env: pgEnv(url) });
  } catch (e) {
    await putBack();
    throw new BackupError(`pg_restore failed, nothing was changed: ${String((e as { stderr?: string }).stderr ?? '').split('\n').find((l) => l.includes('error')) ?? ''}`);
  }
  let problem: string | null = null;
  try {
    problem = check ? await check.problem() : null;
  } catch (e) {
    await putBack();
    throw e;
  }
  if (problem !== null && !check?.acceptProblem) {
    await putBack();
    throw new BackupError(`${problem}; the backup was not restored and nothing was changed`);
  }
  await inTransaction(pool, current.map((name) => `DROP SCHEMA ${quoteIdent(SET_ASIDE + name)} CASCADE`));
  return { problem };
}
