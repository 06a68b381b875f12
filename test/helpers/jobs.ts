/** The real job system (pg-boss) on a test database, for tests of work that runs in the background. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from '../../src/platform/context.ts';
import { startServerJobs } from '../../src/server/app.ts';
import { createLogger } from '../../src/platform/log/logger.ts';

/** Starts pg-boss with every worker the server has; returns how to stop it. */
export async function startTestJobs(ctx: AppContext, url: string): Promise<() => Promise<void>> {
  const checkpoint = join(mkdtempSync(join(tmpdir(), 'salama-jobs-')), 'audit-checkpoint');
  const boss = await startServerJobs(ctx, url, createLogger('silent'), { checkpointFile: checkpoint, backup: null });
  return async () => {
    ctx.jobs = undefined;
    await boss.stop({ graceful: false, wait: true, timeout: 2000 });
  };
}

/** Polls until the predicate holds (background work finishing), or fails after the timeout. */
export async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms; last value: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
