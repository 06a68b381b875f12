/**
 * Nothing sensitive in logs or error answers: drive the API at the most verbose log level through login,
 * two-factor, incident creation, bad input and a server-side failure, then search every log line and every
 * response for the secrets involved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testContext, testServers, type TestDatabase } from '../../../test/helpers/db.ts';
import { Client, listen, PASSWORD, sampleIncident, seedOrganisation, type Running } from '../../../test/helpers/http.ts';
import { REDACT_PATHS } from './logger.ts';

const NARRATIVE = 'LOG-CANARY narrative of survivor S-7781';

describe.each(testServers())('logs and errors carry no secrets on $name', (server) => {
  let db: TestDatabase;
  let srv: Running;
  const lines: string[] = [];
  const answers: string[] = [];
  let csrf = '';
  let cookie = '';

  beforeAll(async () => {
    db = await createTestDatabase(server);
    const ctx = testContext(db);
    srv = await listen(ctx, { logStream: { write: (l) => void lines.push(l) } });
    const { users } = await seedOrganisation(ctx, 'ORG-L');
    const c = new Client(srv.base);
    const record = async (p: Promise<{ body: unknown }>) => answers.push(JSON.stringify((await p).body));
    await record(c.login(users.monitor.email, 'wrong password, also secret'));
    await record(c.login(users.monitor.email, PASSWORD));
    csrf = c.csrf!;
    cookie = c.cookie!;
    const created = await c.post<{ id: string }>('/api/incidents', sampleIncident({ narrative: NARRATIVE }));
    answers.push(JSON.stringify(created.body));
    await record(c.post('/api/incidents', { ...sampleIncident({ narrative: NARRATIVE }), occurredFrom: 'not a date' }));
    await record(c.request('POST', '/api/incidents', '{"narrative": "LOG-CANARY broken json', { 'content-type': 'application/json' }));
    await record(c.post('/api/auth/totp/setup', { password: PASSWORD }));
    await record(c.get('/api/incidents?q=SEARCH-CANARY-Village'));
    // A failure inside the server: the record's ciphertext is damaged, so decryption fails on read.
    await db.pool.query("UPDATE incidents SET sensitive_enc = '\\x01deadbeef' WHERE id = $1", [created.body.id]);
    failure = await c.get(`/api/incidents/${created.body.id}`);
    // A database failure in the middle of a write: the query error carries its parameters, which must not
    // reach the log (the column is renamed away for one request, then back).
    await db.pool.query('ALTER TABLE incidents RENAME COLUMN perpetrator_party TO perpetrator_party_away');
    dbFailure = await c.post('/api/incidents', sampleIncident({ perpetrators: [{ party: 'PARTY-CANARY-42' }], narrative: NARRATIVE }));
    await db.pool.query('ALTER TABLE incidents RENAME COLUMN perpetrator_party_away TO perpetrator_party');
  });
  let dbFailure: { status: number; body: unknown };
  let failure: { status: number; body: unknown };
  afterAll(async () => {
    await srv.close();
    await db.drop();
  });

  it('writes request logs', () => {
    expect(lines.some((l) => l.includes('"url":"/api/incidents"'))).toBe(true);
  });

  it('never logs passwords, narratives, cookies, CSRF tokens or TOTP secrets', () => {
    const log = lines.join('\n');
    const secret = JSON.parse(answers[5]!) as { secret: string };
    for (const s of [PASSWORD, 'also secret', 'LOG-CANARY', 'S-7781', 'SEARCH-CANARY', csrf, cookie.split('=')[1]!, secret.secret]) {
      expect(log, s).not.toContain(s);
    }
  });

  it('answers bad input with the field and rule, never a stack trace', () => {
    const bad = JSON.parse(answers[3]!) as { error: { code: string; issues: { field: string }[] } };
    expect(bad.error.code).toBe('validation_failed');
    expect(bad.error.issues.map((i) => i.field)).toContain('occurredFrom');
    const broken = JSON.parse(answers[4]!) as { error: { code: string; message: string } };
    expect(broken.error.code).toBe('invalid_json');
    for (const a of answers) {
      expect(a).not.toMatch(/node_modules|\bat [\w.]+ \(|LOG-CANARY broken/);
    }
  });

  it('turns an internal failure into a 500 with a request id and no detail, and logs it without data', () => {
    expect(failure.status).toBe(500);
    expect(failure.body).toMatchObject({ error: { code: 'internal_error' } });
    expect(JSON.stringify(failure.body)).not.toMatch(/decrypt|deadbeef|stack/i);
    expect(lines.some((l) => l.includes('unexpected error') && l.includes('DecryptionError'))).toBe(true);
  });

  it('logs a database failure by its code, without the query or its parameters', () => {
    expect(dbFailure.status).toBe(500);
    const log = lines.join('\n');
    expect(log).toContain('"dbCode":"42703"');
    expect(log).not.toContain('PARTY-CANARY-42');
    expect(log).not.toMatch(/insert into|params:/i);
  });

  it('covers the sensitive field names in its redaction list', () => {
    for (const f of ['password', 'narrative', 'locality', 'coordinates', 'secret', 'req.headers.cookie']) expect(REDACT_PATHS.join(' ')).toContain(f);
  });
});
