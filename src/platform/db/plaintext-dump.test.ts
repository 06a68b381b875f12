/**
 * Proof that identifying fields never reach the database in clear: record incidents through the real API,
 * dump the whole database with pg_dump (plain SQL, every table and the audit log) and search the dump for
 * the narrative, the locality, the coordinates and the TOTP secret. Then back up and restore the same
 * database and check nothing was lost and the audit chain still holds.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_MASTER, testContext, testServers, type TestDatabase } from '../../../test/helpers/db.ts';
import { listen, PASSWORD, sampleIncident, seedOrganisation, signedIn, type Running } from '../../../test/helpers/http.ts';
import { verifyAuditChain } from '../audit/audit.ts';
import { backupDatabase, findPgTool, restoreDatabase, serverMajor } from './backup.ts';

const exec = promisify(execFile);
const NARRATIVE = 'PLAINTEXT-CANARY-7f3a narrative: survivor S-0042 described the water point';
const LOCALITY = 'CANARY-LOCALITY-Q9';

describe.each(testServers())('no identifying field in clear, backup and restore on $name', (server) => {
  let db: TestDatabase;
  let srv: Running;
  let totpSecret = '';
  const dir = mkdtempSync(join(tmpdir(), 'salama-dump-'));
  const countIncidents = async () => (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents')).rows[0]!.n;

  beforeAll(async () => {
    db = await createTestDatabase(server);
    const ctx = testContext(db);
    srv = await listen(ctx);
    const { users } = await seedOrganisation(ctx, 'ORG-D');
    const c = await signedIn(srv.base, users.coordinator.email);
    for (let i = 0; i < 3; i++) {
      const r = await c.post('/api/incidents', sampleIncident({
        narrative: `${NARRATIVE} #${i}`,
        place: { country: 'SSD', admin1: 'SS-EE', locality: LOCALITY, coordinates: { lat: 4.123456, lon: 31.654321, precision: 'exact' } },
      }));
      expect(r.status).toBe(201);
    }
    totpSecret = (await c.post<{ secret: string }>('/api/auth/totp/setup', { password: PASSWORD })).body.secret;
  });
  afterAll(async () => {
    await srv.close();
    await db.drop();
  });

  it('pg_dump of the whole database contains no narrative, locality, coordinates or TOTP secret', async () => {
    const major = await serverMajor(db.pool);
    const pgDump = await findPgTool('pg_dump', major);
    const { stdout } = await exec(pgDump, ['--format=plain', '--data-only', db.url], { maxBuffer: 64 * 1024 * 1024 });
    expect(stdout).toContain('COPY public.incidents');
    expect(stdout).toContain('SS-EE'); // restricted fields are in clear, so the search itself works
    for (const secret of ['PLAINTEXT-CANARY', 'S-0042', 'water point', LOCALITY, '4.123456', '31.654321', totpSecret]) {
      expect(stdout, secret).not.toContain(secret);
    }
  });

  it('backup then restore brings back every row, still encrypted and readable, with an intact audit chain', async () => {
    const file = join(dir, 'backup.dump');
    await backupDatabase(db.pool, db.url, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file).includes(Buffer.from('PLAINTEXT-CANARY'))).toBe(false);
    const before = await countIncidents();
    await db.pool.query("DELETE FROM incidents WHERE reference LIKE 'ORG-D-%-0001'");
    await restoreDatabase(db.pool, db.url, file);
    const after = await countIncidents();
    expect(after).toBe(before);
    expect((await verifyAuditChain(db.db, TEST_MASTER)).ok).toBe(true);
  });

  it('a restore from a damaged file changes nothing', async () => {
    const bad = join(dir, 'bad.dump');
    await exec('sh', ['-c', `head -c 2000 ${join(dir, 'backup.dump')} > ${bad}`]);
    await db.pool.query("DELETE FROM incidents WHERE reference LIKE 'ORG-D-%-0002'");
    const before = await countIncidents();
    await expect(restoreDatabase(db.pool, db.url, bad)).rejects.toThrow(/pg_restore failed/);
    const after = await countIncidents();
    expect(after).toBe(before);
  });
});
