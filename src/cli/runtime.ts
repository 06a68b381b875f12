/** Shared CLI plumbing: configuration, opening the database, clear error output and exit codes. */
import { loadConfig, ConfigError, type Config } from '../platform/config.ts';
import { openDatabase, migrate, type Database } from '../platform/db/database.ts';
import { EmbeddedServerError } from '../platform/db/embedded.ts';
import { existsSync } from 'node:fs';
import type { FileProblems } from '../shared/places.ts';
import { loadMasterKey, MasterKeyError } from '../platform/crypto/master-key.ts';
import type { MasterKey } from '../platform/crypto/envelope.ts';
import { useAuditKey } from '../platform/audit/key.ts';
import { writeCheckpoint } from '../platform/audit/checkpoint.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/http/errors.ts';

export class CliError extends Error {}

/** The master key when there is one yet (`salama init` and the first start create it). */
function existingMasterKey(cfg: Config): MasterKey | null {
  try {
    return loadMasterKey(cfg);
  } catch (e) {
    if (e instanceof MasterKeyError && !cfg.masterKey && !existsSync(cfg.keyFile)) return null;
    throw e;
  }
}

/**
 * Opens the database for one command. The command's audit entries are keyed with the master key, and
 * anchored by a checkpoint when it ends (the server anchors its own within a second; a command may run while
 * the server is stopped). The checkpoint never moves backwards: after a cut or with the file missing it is
 * left for the operator (`salama audit verify` says what was found).
 */
export async function withDatabase<T>(fn: (db: Database, cfg: Config) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  const cfg = loadConfig();
  const master = existingMasterKey(cfg);
  if (master) useAuditKey(master);
  // Named apart from the server's connections, so `restore` can tell whether the server is running.
  const database = await openDatabase(cfg, undefined, undefined, { applicationName: 'salama-cli' });
  try {
    if (opts.migrate !== false) await migrate(database.db);
    const result = await fn(database, cfg);
    const key = master ?? existingMasterKey(cfg);
    if (key) await writeCheckpoint(database.db, key, cfg.auditCheckpointFile);
    return result;
  } finally {
    await database.close();
  }
}

export function contextFor(database: Database, cfg: Config, opts: { createKey?: boolean } = {}): AppContext {
  const master = loadMasterKey(cfg, { create: opts.createKey ?? false });
  useAuditKey(master);
  return { db: database.db, master, sessionIdleMs: cfg.sessionIdleMs, sessionAbsoluteMs: cfg.sessionAbsoluteMs };
}

/**
 * Runs a command; known errors print one clear line and exit 1, never a stack trace. One-shot commands
 * exit explicitly with their code: the embedded database's exit hook would otherwise turn it into 0.
 */
export function run<A extends unknown[]>(action: (...args: A) => Promise<void>, opts: { longRunning?: boolean } = {}): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
      if (!opts.longRunning) process.exit(process.exitCode ?? 0);
    } catch (e) {
      if (e instanceof AppError || e instanceof CliError || e instanceof ConfigError || e instanceof MasterKeyError || e instanceof EmbeddedServerError) {
        process.stderr.write(`salama: ${e.message}\n`);
      } else if (explain(e)) {
        process.stderr.write(`salama: ${explain(e)}\n`);
      } else {
        const err = e as { name?: string; code?: string };
        process.stderr.write(`salama: unexpected error (${err.name ?? 'Error'}${err.code ? ` ${err.code}` : ''}); nothing further was done\n`);
        if (process.env.SALAMA_DEBUG === 'true') console.error(e);
      }
      process.exit(1);
    }
  };
}

/** Plain words for the failures an operator can fix (the address is taken, the database is unreachable). */
function explain(e: unknown): string | null {
  const err = e as { code?: string; address?: string; port?: number };
  switch (err.code ?? '') {
    case 'EADDRINUSE': return `${err.address ?? 'the address'}:${err.port ?? ''} is already in use: stop the other server or choose another PORT`;
    case 'EADDRNOTAVAIL': return `HOST ${err.address ?? ''} is not an address of this machine`;
    case 'ECONNREFUSED': return 'cannot reach the database: connection refused (is PostgreSQL running, and is DATABASE_URL right?)';
    case 'ENOTFOUND': return 'cannot reach the database: its host name is unknown (check DATABASE_URL)';
    case '28P01': return 'the database refused the user name or password in DATABASE_URL';
    case '3D000': return 'the database named in DATABASE_URL does not exist: create it first';
    default: return null;
  }
}

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CliError('--password-stdin: pipe the password on standard input');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** A refused file's problems as the CLI prints them: how many (at least, when the check stopped early), then the first ones kept. */
export function printProblems(what: string, { problems, problemCount, complete }: FileProblems): void {
  console.log(`${what}: ${complete ? '' : 'at least '}${problemCount} problem(s)${complete ? '' : ' (the check stopped there)'}`);
  for (const p of problems) console.log(`  row ${p.row}, column ${p.column || '-'}, value "${p.value}": ${p.rule}`);
  if (problemCount > problems.length) console.log(`  ... and ${complete ? '' : 'at least '}${problemCount - problems.length} more`);
}
