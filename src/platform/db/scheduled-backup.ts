/**
 * The daily backup: pg_dump into the backup directory, the oldest scheduled backups beyond the number to
 * keep deleted (files written by hand with `salama backup <file>` are never touched), and the result - good
 * or bad - written beside them in `last-backup.json`, which the administrator's page reads. A failure is
 * recorded, never thrown: the job system must not retry a dump blindly, and the next day's run tries again.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { backupDatabase } from './backup.ts';

const SCHEDULED = /^salama-scheduled-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.dump$/;
const STATUS_FILE = 'last-backup.json';

export interface BackupStatus {
  at: string;
  ok: boolean;
  /** The file written (its name only: the directory is the server's setting). */
  file: string | null;
  bytes: number | null;
  /** Scheduled backups now kept, newest first. */
  kept: string[];
  /** Why it failed, in the operator's words (no database message quoting values). */
  error: string | null;
}

const stamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');

export async function runScheduledBackup(pool: pg.Pool, url: string, dir: string, keep: number, now = new Date()): Promise<BackupStatus> {
  const file = `salama-scheduled-${stamp(now)}.dump`;
  let status: BackupStatus;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    await backupDatabase(pool, url, join(dir, file));
    const scheduled = readdirSync(dir).filter((f) => SCHEDULED.test(f)).sort().reverse();
    for (const old of scheduled.slice(keep)) unlinkSync(join(dir, old));
    status = { at: now.toISOString(), ok: true, file, bytes: statSync(join(dir, file)).size, kept: scheduled.slice(0, keep), error: null };
  } catch (e) {
    let kept: string[] = [];
    try {
      kept = readdirSync(dir).filter((f) => SCHEDULED.test(f)).sort().reverse();
    } catch {
      // No readable directory: nothing kept there.
    }
    status = { at: now.toISOString(), ok: false, file: null, bytes: null, kept, error: (e as Error).message.split('\n')[0]!.slice(0, 300) };
  }
  try {
    const tmp = join(dir, `${STATUS_FILE}.tmp`);
    writeFileSync(tmp, JSON.stringify(status, null, 2) + '\n', { mode: 0o600 });
    renameSync(tmp, join(dir, STATUS_FILE));
  } catch {
    // The directory itself is unusable: the status is still returned (and logged by the job).
  }
  return status;
}

/** The last scheduled backup's result, or null when none has run yet. */
export function readBackupStatus(dir: string): BackupStatus | null {
  const path = join(dir, STATUS_FILE);
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as BackupStatus;
  } catch {
    return null;
  }
}
