/**
 * salama start (and npm start): build the web app if its sources are newer than the build, start the
 * database (embedded unless DATABASE_URL), migrate, load the demo the first time, serve on HOST:PORT, print
 * how to sign in, and shut everything down cleanly on SIGINT / SIGTERM.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { count } from 'drizzle-orm';
import { configWarnings, loadConfig } from '../platform/config.ts';
import { openDatabase, migrate } from '../platform/db/database.ts';
import { buildApp, startServerJobs, WEB_DIST } from '../server/app.ts';
import { startCheckpointer, type Checkpointer } from '../platform/audit/checkpointer.ts';
import { ensureBuiltInAreas } from '../places/places.ts';
import { createLogger } from '../platform/log/logger.ts';
import { organisations } from '../identity/tables.ts';
import { loadDemo, type DemoCredential } from '../demo/demo.ts';
import { contextFor } from './runtime.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .reduce((m, e) => Math.max(m, statSync(join(e.parentPath, e.name)).mtimeMs), 0);
}

export async function buildWebIfNeeded(log: (m: string) => void): Promise<void> {
  const index = join(WEB_DIST, 'index.html');
  const sources = Math.max(newestMtime(join(ROOT, 'web')), newestMtime(join(ROOT, 'src/shared')), newestMtime(join(ROOT, 'src/places')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  if (!existsSync(join(ROOT, 'web'))) return;
  log('building the web app (first start or sources changed)...');
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

/**
 * How to sign in. Demo passwords are printed only on a laptop install (embedded database); a server's
 * output ends up in log collectors, so there it names the file instead.
 */
function printLogin(url: string, creds: DemoCredential[], credsFile: string, showPasswords: boolean) {
  const lines = [`Salama is running at ${url}`];
  if (creds.length && !showPasswords) {
    lines.push('', `Demo data (synthetic) is loaded; its accounts and passwords are in ${credsFile} (readable by this user only).`);
  } else if (creds.length) {
    lines.push('', 'Demo data (synthetic) is loaded. Sign in with one of these accounts:');
    for (const c of creds.filter((x) => x.organisation === 'DEMO-CAF-WPA')) lines.push(`  ${c.role.padEnd(12)} ${c.email}   password: ${c.password}`);
    lines.push(`  (every demo account, in every organisation, is listed in ${credsFile})`);
  } else {
    lines.push('', 'Sign in with an account made with the salama command, for example:',
      '  npx salama org create --code MISSION-WPA --name "Women Protection Advisers" --kind mission',
      '  npx salama user create --org MISSION-WPA --email you@example.org --role coordinator');
  }
  lines.push('', 'Stop with Ctrl+C.');
  console.log(lines.join('\n'));
}

export async function start(): Promise<void> {
  const cfg = loadConfig();
  const log = createLogger(cfg.logLevel);
  for (const warning of configWarnings(cfg)) log.warn(warning);
  await buildWebIfNeeded((m) => log.info(m));
  const database = await openDatabase(cfg, undefined, (m) => log.warn(m));
  const running: { app?: Awaited<ReturnType<typeof buildApp>>; boss?: Awaited<ReturnType<typeof startServerJobs>>; checkpointer?: Checkpointer } = {};
  let closing = false;
  const stopAll = async () => {
    await running.app?.close().catch(() => undefined);
    await running.boss?.stop({ graceful: true, timeout: 5000 }).catch(() => undefined);
    // The last entries of this run are anchored before the database goes away.
    await running.checkpointer?.flush().catch(() => undefined);
    await running.checkpointer?.stop().catch(() => undefined);
    await database.close().catch(() => undefined);
  };
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.warn({ signal }, 'shutting down');
    // Never hang on the way out: a stuck connection must not keep the process alive.
    setTimeout(() => process.exit(1), 10_000).unref();
    await stopAll();
    log.warn('stopped cleanly');
    process.exit(0);
  };
  // embedded.ts installs signal hooks that stop the embedded database at once; the server
  // owns the shutdown order instead (stop taking requests, stop jobs, close connections, then the database).
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  const credsFile = join(cfg.dataDir, 'demo-credentials.json');
  try {
    await migrate(database.db);
    await ensureBuiltInAreas(database.db);
    const ctx = contextFor(database, cfg, { createKey: true });
    const [{ n } = { n: 0 }] = await database.db.select({ n: count() }).from(organisations);
    // Demo data comes by default only to the embedded (laptop) database; a real server must ask for it.
    const wantDemo = cfg.demo ?? database.embedded;
    if (n === 0 && wantDemo) {
      log.info('empty database: loading synthetic demo data (set SALAMA_DEMO=false to skip)');
      await loadDemo(ctx, { credentialsFile: credsFile });
    }
    running.boss = await startServerJobs(ctx, database.url, log, { checkpointFile: cfg.auditCheckpointFile, backup: cfg.backup });
    running.checkpointer = startCheckpointer(database.db, ctx.master, cfg.auditCheckpointFile, log);
    running.app = await buildApp(ctx, { logLevel: cfg.logLevel, trustProxy: cfg.trustProxy });
    await running.app.listen({ host: cfg.host, port: cfg.port });
  } catch (e) {
    // A failed start (address taken, bad key file, ...) leaves no database server behind.
    await stopAll();
    throw e;
  }
  const creds = existsSync(credsFile) ? JSON.parse(readFileSync(credsFile, 'utf8')) as DemoCredential[] : [];
  printLogin(`http://${cfg.host.includes(':') ? `[${cfg.host}]` : cfg.host}:${cfg.port}`, creds, credsFile, database.embedded);
}
