/**
 * The salama command as an operator runs it (a real process, against a real database through
 * DATABASE_URL): clear messages and exit codes, passwords shown once, audit verification, backup/restore.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServers, type TestDatabase } from '../../test/helpers/db.ts';
import { Client, listen } from '../../test/helpers/http.ts';
import { MasterKey } from '../platform/crypto/envelope.ts';

const BIN = fileURLToPath(new URL('../../bin/salama', import.meta.url));

// Every step starts a real `salama` process (a second or two each, more on a busy machine): generous time.
describe.each(testServers())('salama CLI on $name', { timeout: 240_000 }, (server) => {
  let db: TestDatabase;
  const key = randomBytes(32).toString('base64');
  const dataDir = mkdtempSync(join(tmpdir(), 'salama-cli-'));
  const salama = (args: string[], input?: string) => new Promise<{ code: number; out: string; err: string }>((resolve) => {
    const child = execFile(BIN, args, { env: { ...process.env, DATABASE_URL: db.url, SALAMA_MASTER_KEY: key, SALAMA_DATA_DIR: dataDir, LOG_LEVEL: 'silent' } },
      (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }));
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });

  beforeAll(async () => { db = await createTestDatabase(server); });
  afterAll(async () => db.drop());

  it('creates an organisation and a user with a generated password shown once, which then signs in', async () => {
    expect((await salama(['org', 'create', '--code', 'CLI-ORG', '--name', 'CLI test org', '--kind', 'office'])).code).toBe(0);
    const r = await salama(['user', 'create', '--org', 'CLI-ORG', '--email', 'wpa@cli.test', '--role', 'coordinator']);
    expect(r.code).toBe(0);
    const password = /password \(shown once, store it safely\): (\S+)/.exec(r.out)?.[1];
    expect(password).toHaveLength(20);
    const srv = await listen({ db: db.db, master: new MasterKey(Buffer.from(key, 'base64')), sessionIdleMs: 60_000, sessionAbsoluteMs: 3_600_000 });
    expect((await new Client(srv.base).login('wpa@cli.test', password!)).status).toBe(200);
    await srv.close();
  });

  it('takes a password from stdin and refuses a short one, naming the rule', async () => {
    const short = await salama(['user', 'create', '--org', 'CLI-ORG', '--email', 'm@cli.test', '--role', 'monitor', '--password-stdin'], 'short\n');
    expect(short).toMatchObject({ code: 1 });
    expect(short.err).toContain('password: must be at least 12 characters');
    const ok = await salama(['user', 'create', '--org', 'CLI-ORG', '--email', 'm@cli.test', '--role', 'monitor', '--password-stdin'], 'a long enough passphrase\n');
    expect(ok.code).toBe(0);
    expect(ok.out).not.toContain('a long enough passphrase');
  });

  it('names the argument and the rule on bad input, without a stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [['user', 'create', '--org', 'CLI-ORG', '--email', 'x@cli.test', '--role', 'boss'], /role: must be one of/],
      [['user', 'create', '--org', 'NOPE', '--email', 'x@cli.test', '--role', 'viewer'], /organisation: no organisation with code NOPE/],
      [['user', 'create', '--org', 'CLI-ORG', '--email', 'not-an-email', '--role', 'viewer'], /email: must be an email address/],
      [['user', 'create', '--org', 'CLI-ORG', '--email', 'wpa@cli.test', '--role', 'viewer'], /email: a user with this email already exists/],
      [['user', 'disable', '--email', 'ghost@cli.test'], /email: no user with email/],
      [['restore', '/nonexistent.dump'], /--yes/],
      [['user', 'create'], /required option/],
    ];
    for (const [args, message] of cases) {
      const r = await salama(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err, args.join(' ')).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it('makes two-factor mandatory for an organisation, so its users must enrol at their next sign-in', async () => {
    expect((await salama(['org', 'require-totp', '--code', 'CLI-ORG'])).code).toBe(0);
    const { rows } = await db.pool.query<{ require_totp: boolean }>("SELECT require_totp FROM organisations WHERE code = 'CLI-ORG'");
    expect(rows[0]!.require_totp).toBe(true);
    const reset = await salama(['user', 'reset-password', '--email', 'wpa@cli.test', '--password-stdin'], 'a brand new passphrase\n');
    expect(reset.code).toBe(0);
    const srv = await listen({ db: db.db, master: new MasterKey(Buffer.from(key, 'base64')), sessionIdleMs: 60_000, sessionAbsoluteMs: 3_600_000 });
    expect((await new Client(srv.base).login('wpa@cli.test', 'a brand new passphrase')).body).toMatchObject({ stage: 'totp_enrolment_required' });
    await srv.close();
    expect((await salama(['org', 'require-totp', '--code', 'CLI-ORG', '--off'])).code).toBe(0);
    expect((await salama(['org', 'require-totp', '--code', 'NOPE'])).err).toContain('organisation: no organisation with code NOPE');
  });

  it('resets a password and disables a user', async () => {
    const reset = await salama(['user', 'reset-password', '--email', 'm@cli.test']);
    expect(reset.out).toMatch(/new password \(shown once\): \S{20}/);
    expect((await salama(['user', 'disable', '--email', 'm@cli.test'])).code).toBe(0);
    const { rows } = await db.pool.query<{ disabled_at: Date | null }>("SELECT disabled_at FROM users WHERE email = 'm@cli.test'");
    expect(rows[0]!.disabled_at).not.toBeNull();
    // The way back: enabled again, and two-factor removed (a lost device, even the only administrator's).
    expect((await salama(['user', 'enable', '--email', 'm@cli.test'])).code).toBe(0);
    await db.pool.query("UPDATE users SET totp_enabled = true WHERE email = 'm@cli.test'");
    const reset2fa = await salama(['user', 'reset-two-factor', '--email', 'm@cli.test']);
    expect(reset2fa.out).toContain('two-factor authentication removed for m@cli.test');
    const after = await db.pool.query<{ disabled_at: Date | null; totp_enabled: boolean }>("SELECT disabled_at, totp_enabled FROM users WHERE email = 'm@cli.test'");
    expect(after.rows[0]).toEqual({ disabled_at: null, totp_enabled: false });
    const { rows: audit } = await db.pool.query<{ action: string }>("SELECT action FROM audit_log WHERE actor_kind = 'cli' AND action IN ('user.enable', 'user.reset_totp')");
    expect(audit.map((a) => a.action).sort()).toEqual(['user.enable', 'user.reset_totp']);
  });

  it('verifies the audit chain, exits 2 on a cut or broken log and 4 on a missing checkpoint file, and re-anchors only when told', async () => {
    const ok = await salama(['audit', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/audit chain intact: \d+ entries verified/);
    // Every command anchors what it wrote; cutting the last entry is then caught, though the chain holds.
    expect((await salama(['audit', 'verify'])).out).toMatch(/still reaches its newest checkpoint/);
    await db.pool.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await db.pool.query('DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)');
    await db.pool.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    const cut = await salama(['audit', 'verify']);
    expect(cut.code).toBe(2);
    expect(cut.out).toMatch(/audit log CUT: .*removed from the end/);
    // Deleting the file as well does not hide the cut: the database keeps the checkpoints too.
    const file = join(dataDir, 'audit-checkpoint.json');
    rmSync(file);
    expect((await salama(['audit', 'verify'])).code).toBe(2);
    // The operator's decision, recorded.
    const reanchored = await salama(['audit', 'verify', '--reanchor']);
    expect(reanchored.code).toBe(0);
    expect(reanchored.out).toMatch(/re-anchored at the end of the log/);
    expect(existsSync(file)).toBe(true);
    expect((await salama(['audit', 'verify'])).code).toBe(0);
    // A missing file with the log intact is a warning that needs that decision, not a silent new anchor.
    rmSync(file);
    const missing = await salama(['audit', 'verify']);
    expect(missing.code).toBe(4);
    expect(missing.out).toMatch(/WARNING: the checkpoint file is missing/);
    expect(existsSync(file)).toBe(false);
    expect((await salama(['audit', 'verify', '--reanchor'])).code).toBe(0);
    const { rows: decided } = await db.pool.query<{ details: { found: string } }>("SELECT details FROM audit_log WHERE action = 'audit.reanchored' ORDER BY id");
    expect(decided.map((r) => r.details.found)).toEqual(['cut', 'file_missing']);

    const { rows } = await db.pool.query<{ id: string }>('SELECT min(id)::text AS id FROM audit_log');
    await db.pool.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await db.pool.query("UPDATE audit_log SET action = 'forged' WHERE id = $1", [rows[0]!.id]);
    await db.pool.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    const broken = await salama(['audit', 'verify']);
    expect(broken.code).toBe(2);
    expect(broken.out).toContain(`BROKEN at entry ${rows[0]!.id}`);
  });
});
