/**
 * Where the embedded PostgreSQL server's binaries and cluster live, and as whom it runs.
 *
 * PostgreSQL refuses to run as root, so when Salama is started as root the server runs as the system user
 * `postgres` (created when missing). That user must be able to reach the binaries (in node_modules) and the
 * cluster directory (<dataDir>/pg). A project cloned into a folder other users cannot enter (root's home,
 * mode 0700) closes both to it: initdb failed with a raw `spawn ... EACCES`. Then:
 * - the binaries are copied once per version to a place it can reach (<serverDir>/postgres-<version>,
 *   root-owned, read-only to others);
 * - a new cluster goes to <serverDir>/clusters/<folder>-<hash of the data directory's path> (0700, owned by
 *   `postgres`), and <dataDir>/pg-location says where it is; the master key, passwords and the audit
 *   checkpoint stay in <dataDir>;
 * - an existing cluster in <dataDir>/pg that the user can no longer reach is never replaced by an empty one:
 *   the start stops before anything runs, with the fix in words.
 * The checks are the kernel's own: a probe runs as that user (`test -x` / `test -r`), with the same
 * credentials the server gets (libuv drops supplementary groups), so ACLs and group bits count as they will.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** A start that cannot work, said before anything runs, with what to do about it. */
export class EmbeddedServerError extends Error {}

export interface ServerUser { name: string; uid: number; gid: number }

export interface Placement {
  /** The directory holding bin/, lib/ and share/ of the PostgreSQL build. */
  binaries: string;
  /** The cluster directory (PGDATA). */
  cluster: string;
  /** Set when running as root: the server runs as this user. */
  user: ServerUser | null;
  /** Said once in the log when the cluster or binaries are not where they would be by default. */
  notes: string[];
}

/** Where binaries and clusters go when the project's own folders are closed to the server user. */
export const DEFAULT_SERVER_DIR = '/var/lib/salama';
const SERVER_USER = 'postgres';
const LOCATION_FILE = 'pg-location';

function idOf(name: string): ServerUser | null {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** The system user the server runs as when Salama is root: `postgres`, created (no login, no home) if missing. */
export function serverUser(): ServerUser {
  const found = idOf(SERVER_USER);
  if (found) return found;
  const made = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', SERVER_USER], { encoding: 'utf8' });
  const created = made.status === 0 ? idOf(SERVER_USER) : null;
  if (!created) {
    throw new EmbeddedServerError(`started as root, so the embedded PostgreSQL must run as the system user "${SERVER_USER}", which does not exist and could not be created (useradd: ${(made.stderr || made.error?.message || 'failed').trim()}). Create it (useradd --system --user-group ${SERVER_USER}), start Salama as an ordinary user, or set DATABASE_URL to a PostgreSQL server.`);
  }
  return created;
}

/** Can `user` do `test <flag> path` (x: enter or run; r: read)? Asked of the kernel, as that user. */
export function userCan(user: ServerUser, flag: 'x' | 'r', path: string): boolean {
  const probe = spawnSync('/bin/sh', ['-c', `test -${flag} "$1"`, 'probe', path], { uid: user.uid, gid: user.gid, cwd: '/', stdio: 'ignore' });
  return probe.status === 0;
}

/** Every directory from the root down to `path` (which need not exist yet: its missing tail is skipped). */
function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let p = resolve(path); ; p = dirname(p)) {
    if (existsSync(p)) out.unshift(p);
    if (p === dirname(p)) return out;
  }
}

/** The first directory on the way to `path` that `user` cannot enter, or null when the way is open. */
export function closedOnTheWay(user: ServerUser, path: string): string | null {
  return ancestors(path).find((dir) => !userCan(user, 'x', dir)) ?? null;
}

/** The binaries stay where npm put them when the user can run them and read what they load. */
function binariesReachable(user: ServerUser, native: string): boolean {
  return ['bin/postgres', 'bin/initdb'].every((f) => userCan(user, 'x', join(native, f)))
    && userCan(user, 'x', join(native, 'lib')) && userCan(user, 'x', join(native, 'share/postgresql'));
}

/** Others may read and run what the copy holds, and change none of it. */
function openToRead(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) openToRead(p);
    else chmodSync(p, lstatSync(p).mode & 0o111 ? 0o755 : 0o644);
  }
}

/** A copy of the build at <serverDir>/postgres-<version>, made once (in a temporary name, then renamed). */
function reachableCopy(native: string, version: string, serverDir: string): string {
  const target = join(serverDir, `postgres-${version}`);
  const stamp = join(target, '.salama-copy');
  if (existsSync(stamp)) return target;
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
  openToRead(partial);
  writeFileSync(join(partial, '.salama-copy'), `copied from ${native}\n`, { mode: 0o644 });
  rmSync(target, { recursive: true, force: true });
  renameSync(partial, target);
  return target;
}

function ensureServerDir(serverDir: string, user: ServerUser): void {
  mkdirSync(join(serverDir, 'clusters'), { recursive: true });
  // Binaries are readable by all; the list of clusters (named after project folders) by none but root.
  chmodSync(serverDir, 0o755);
  chmodSync(join(serverDir, 'clusters'), 0o711);
  const closed = closedOnTheWay(user, join(serverDir, 'clusters'));
  if (closed) {
    throw new EmbeddedServerError(`the embedded PostgreSQL runs as the system user "${user.name}", which cannot enter ${closed} on the way to ${serverDir}. Open it to other users (chmod o+x ${closed}), or set SALAMA_SERVER_DIR to a directory it can reach.`);
  }
}

/** A cluster's own directory in the server directory, one per data directory (named after its folder). */
function relocatedCluster(dataDir: string, serverDir: string): string {
  const real = realpathSync(dataDir);
  const folder = basename(dirname(real)).replace(/[^\w.-]+/g, '_').slice(0, 40) || 'salama';
  return join(serverDir, 'clusters', `${folder}-${createHash('sha256').update(real).digest('hex').slice(0, 12)}`);
}

/**
 * Decides where the server's binaries and cluster are, creating what is missing (the user, the binaries'
 * copy, the cluster's directory with its owner and mode 0700). Not root: everything stays where it is.
 */
export function placeServer(dataDir: string, native: string, version: string, opts: { root?: boolean; serverDir?: string } = {}): Placement {
  const defaultCluster = join(dataDir, 'pg');
  const root = opts.root ?? process.getuid?.() === 0;
  if (!root) return { binaries: native, cluster: defaultCluster, user: null, notes: [] };
  const user = serverUser();
  const serverDir = resolve(opts.serverDir ?? (process.env.SALAMA_SERVER_DIR || DEFAULT_SERVER_DIR));
  const notes: string[] = [];
  let binaries = native;
  if (!binariesReachable(user, native)) {
    ensureServerDir(serverDir, user);
    binaries = reachableCopy(native, version, serverDir);
    if (!binariesReachable(user, binaries)) throw new EmbeddedServerError(`the embedded PostgreSQL runs as the system user "${user.name}", which cannot run the copy of its programs in ${binaries}. Check that directory's permissions, or start Salama as an ordinary user.`);
    notes.push(`the PostgreSQL programs in node_modules are closed to the system user "${user.name}": it runs a copy in ${binaries}`);
  }

  const pointer = join(dataDir, LOCATION_FILE);
  if (existsSync(pointer)) {
    const cluster = readFileSync(pointer, 'utf8').trim();
    return { binaries, cluster, user, notes: [...notes, `the database is kept in ${cluster}, as ${pointer} says`] };
  }
  const closed = closedOnTheWay(user, defaultCluster);
  if (!closed) return { binaries, cluster: defaultCluster, user, notes };
  if (existsSync(join(defaultCluster, 'PG_VERSION'))) {
    // Data already there: never start an empty database beside it.
    const all = ancestors(dataDir).filter((dir) => !userCan(user, 'x', dir)).join(' ');
    throw new EmbeddedServerError(`the database in ${defaultCluster} cannot be reached by the system user "${user.name}" that runs it: ${all} ${all.includes(' ') ? 'are' : 'is'} closed to other users. Open the way (chmod o+x ${all}; the database directory itself stays private), or start Salama as an ordinary user who owns ${dataDir}.`);
  }
  ensureServerDir(serverDir, user);
  const cluster = relocatedCluster(dataDir, serverDir);
  mkdirSync(cluster, { recursive: true });
  chownSync(cluster, user.uid, user.gid);
  chmodSync(cluster, 0o700);
  writeFileSync(pointer, `${cluster}\n`, { mode: 0o600 });
  notes.push(`${dataDir} is closed to the system user "${user.name}" (${closed}): the database is kept in ${cluster} (mode 0700, owned by ${user.name}); ${pointer} says so`);
  return { binaries, cluster, user, notes };
}
