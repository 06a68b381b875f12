/**
 * Real-database test support: a fresh, migrated database per test file on each configured server
 * (the embedded one always, TEST_DATABASE_URL's when set), and a context with a random master key.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { connect, migrate, type Database } from '../../src/platform/db/database.ts';
import { MasterKey } from '../../src/platform/crypto/envelope.ts';
import { useAuditKey } from '../../src/platform/audit/key.ts';
import type { AppContext } from '../../src/platform/context.ts';

export interface TestServer { name: string; adminUrl: string }

export function testServers(): TestServer[] {
  const servers: TestServer[] = [{ name: 'embedded', adminUrl: inject('embeddedAdminUrl') }];
  if (process.env.TEST_DATABASE_URL) servers.push({ name: 'TEST_DATABASE_URL', adminUrl: process.env.TEST_DATABASE_URL });
  return servers;
}

export interface TestDatabase extends Omit<Database, 'embedded'> { name: string; drop(): Promise<void> }

/** A fresh database on the server, migrated unless asked for an empty one (a restore's target, say). */
export async function createTestDatabase(server: TestServer, opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `salama_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  const url = new URL(server.adminUrl);
  url.pathname = `/${name}`;
  const database = connect(url.toString(), { max: 5, applicationName: 'salama-test' });
  if (opts.migrate !== false) await migrate(database.db);
  return {
    ...database,
    name,
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: server.adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * One master key per test process (a test may pass its own), registered as the audit key so that entries
 * appended without an app (a service called directly) are keyed like the server's.
 */
export const TEST_MASTER = new MasterKey(randomBytes(32));
useAuditKey(TEST_MASTER);

export function testContext(database: Pick<Database, 'db'>, overrides: Partial<AppContext> = {}): AppContext {
  const ctx: AppContext = { db: database.db, master: TEST_MASTER, sessionIdleMs: 30 * 60_000, sessionAbsoluteMs: 12 * 3_600_000, ...overrides };
  useAuditKey(ctx.master);
  return ctx;
}
