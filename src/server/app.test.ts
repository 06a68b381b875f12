/**
 * What every answer carries, whatever the route: security headers, no caching of API answers, compression
 * (but never of answers holding the CSRF token), the web shell for client-side routes, long-lived caching
 * of hashed assets only, and clear JSON for unknown API paths.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_MASTER, testContext, testServers, type TestDatabase } from '../../test/helpers/db.ts';
import { PASSWORD, sampleIncident, seedOrganisation } from '../../test/helpers/http.ts';
import { buildApp } from './app.ts';
import { verifyAuditChain } from '../platform/audit/audit.ts';

describe.each(testServers())('HTTP behaviour common to all routes on $name', (server) => {
  let db: TestDatabase;
  let base = '';
  let close: () => Promise<void> = async () => undefined;
  let cookie = '';
  let csrf = '';

  beforeAll(async () => {
    db = await createTestDatabase(server);
    const ctx = testContext(db);
    const web = mkdtempSync(join(tmpdir(), 'salama-web-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Salama</title>');
    writeFileSync(join(web, 'assets', 'app-abc123.js'), `console.log(${JSON.stringify('x'.repeat(5000))});`);
    const app = await buildApp(ctx, { logLevel: 'silent', webDist: web });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    close = () => app.close();
    const { users } = await seedOrganisation(ctx, 'ORG-H');
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: users.coordinator.email, password: PASSWORD }) });
    cookie = /salama_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
    csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    for (let i = 0; i < 10; i++) {
      await fetch(`${base}/api/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: JSON.stringify(sampleIncident()) });
    }
  });
  afterAll(async () => {
    await close();
    await db.drop();
  });

  it('sends the security headers and forbids caching of API answers', async () => {
    const r = await fetch(`${base}/api/health`);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('compresses a list for slow links, but never an answer that carries the CSRF token', async () => {
    const list = await fetch(`${base}/api/incidents?pageSize=50`, { headers: { cookie, 'accept-encoding': 'gzip' } });
    expect(list.headers.get('content-encoding')).toBe('gzip');
    expect(((await list.json()) as { total: number }).total).toBe(10);
    const me = await fetch(`${base}/api/auth/me`, { headers: { cookie, 'accept-encoding': 'gzip, br' } });
    expect(me.headers.get('content-encoding')).toBeNull();
  });

  it('serves the web shell for client-side routes and caches only hashed assets for long', async () => {
    const page = await fetch(`${base}/incidents/some-id`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Salama</title>');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${base}/assets/app-abc123.js`, { headers: { 'accept-encoding': 'br' } });
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-encoding')).toBe('br');
  });

  it('marks the session cookie Secure (and sends HSTS) behind a TLS proxy it is told to trust', async () => {
    const ctx = testContext(db);
    const behindProxy = await buildApp(ctx, { logLevel: 'silent', webDist: null, trustProxy: '127.0.0.1' });
    const login = await behindProxy.inject({
      method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-proto': 'https', 'content-type': 'application/json' },
      payload: { email: 'coordinator@org-h.test', password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const cookieHeader = String(login.headers['set-cookie']);
    expect(cookieHeader).toMatch(/HttpOnly/i);
    expect(cookieHeader).toMatch(/SameSite=Strict/i);
    expect(cookieHeader).toMatch(/; Secure/i);
    expect(cookieHeader).toMatch(/^__Host-salama_session=/);
    // Behind TLS only the prefixed cookie counts: a planted plain one is ignored.
    const token = /__Host-salama_session=([^;]+)/.exec(cookieHeader)![1]!;
    const planted = await behindProxy.inject({ method: 'GET', url: '/api/auth/me', headers: { 'x-forwarded-proto': 'https', cookie: `salama_session=${token}` } });
    expect(planted.statusCode).toBe(401);
    const proper = await behindProxy.inject({ method: 'GET', url: '/api/auth/me', headers: { 'x-forwarded-proto': 'https', cookie: `__Host-salama_session=${token}` } });
    expect(proper.statusCode).toBe(200);
    expect(login.headers['strict-transport-security']).toContain('max-age=');
    // Without the proxy's word, plain HTTP on 127.0.0.1 gets no Secure flag (the browser would drop it).
    const plain = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' }, body: JSON.stringify({ email: 'coordinator@org-h.test', password: PASSWORD }) });
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/i);
    await behindProxy.close();
  });

  it('keeps the audit chain whole when many audited reads arrive at once', async () => {
    const headers = { cookie };
    const list = (await (await fetch(`${base}/api/incidents`, { headers })).json()) as { items: { id: string }[] };
    await Promise.all(Array.from({ length: 30 }, (_, i) => fetch(i % 2 ? `${base}/api/incidents` : `${base}/api/incidents/${list.items[i % list.items.length]!.id}`, { headers })));
    expect(await verifyAuditChain(db.db, TEST_MASTER)).toMatchObject({ ok: true });
  });

  it('does not let a client choose its own IP: a forged X-Forwarded-For beyond the trusted hop is ignored', async () => {
    const ctx = testContext(db);
    const oneHop = await buildApp(ctx, { logLevel: 'silent', webDist: null, trustProxy: 1, authAttemptsPerMinute: 3 });
    const attempt = (forged: string) => oneHop.inject({
      method: 'POST', url: '/api/auth/login', remoteAddress: '127.0.0.1',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `${forged}, 192.0.2.10` },
      payload: { email: 'nobody@org-h.test', password: 'wrong password' },
    });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt(`198.51.100.${i}`)).statusCode);
    // The proxy's own entry (192.0.2.10) is the client; the forged first entries change nothing.
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    await oneHop.close();
  });

  it('trusts X-Forwarded-For only from the proxy addresses it is given: a client connecting directly cannot choose its address', async () => {
    const ctx = testContext(db);
    const byAddress = await buildApp(ctx, { logLevel: 'silent', webDist: null, trustProxy: '10.0.0.5', authAttemptsPerMinute: 3 });
    const attempt = (forged: string) => byAddress.inject({
      method: 'POST', url: '/api/auth/login', remoteAddress: '127.0.0.1',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forged },
      payload: { email: 'nobody@org-h.test', password: 'wrong password' },
    });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt(`198.51.100.${i}`)).statusCode);
    // 127.0.0.1 is not the proxy: its forged headers are ignored and all five attempts come from one address.
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // With a hop count, the same direct client would choose its address (hence the start-up warning).
    const oneHop = await buildApp(ctx, { logLevel: 'silent', webDist: null, trustProxy: 1, authAttemptsPerMinute: 3 });
    const forged = [];
    for (let i = 0; i < 5; i++) {
      forged.push((await oneHop.inject({
        method: 'POST', url: '/api/auth/login', remoteAddress: '127.0.0.1',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i}` },
        payload: { email: 'nobody@org-h.test', password: 'wrong password' },
      })).statusCode);
    }
    expect(forged).toEqual([401, 401, 401, 401, 401]);
    await byAddress.close();
    await oneHop.close();
  });

  it('answers an address that cannot be decoded with the usual headers and error shape', async () => {
    for (const path of ['/api/incidents/%E0%A4%A', '/%zz', '/api/imports?name=%']) {
      const r = await fetch(`${base}${path}`);
      expect(r.status, path).toBeLessThan(500);
      if (r.status === 400) expect(await r.json(), path).toMatchObject({ error: { code: expect.any(String) as string, message: expect.any(String) as string } });
      expect(r.headers.get('content-security-policy'), path).toContain("default-src 'self'");
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('refuses a NUL, half a surrogate pair or a 5,000-level body before it reaches the database, naming the field', async () => {
    const send = async (method: string, path: string, body?: unknown) => {
      const text = typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body);
      const r = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf, 'accept-language': 'fr' }, body: text });
      return { status: r.status, body: (await r.json()) as { error: { code: string; issues?: { field: string; code: string; message: string }[] } } };
    };
    const nul = await send('POST', '/api/incidents', sampleIncident({ narrative: 'before\u0000after' }));
    expect(nul.status).toBe(400);
    expect(nul.body.error.issues).toEqual([expect.objectContaining({ field: 'narrative', code: 'no_nul' })]);
    const lone = await send('POST', '/api/incidents', sampleIncident({ perpetrators: [{ party: 'Group \uD800' }] }));
    expect(lone.body.error.issues).toEqual([expect.objectContaining({ field: 'perpetrators.0.party', code: 'no_nul' })]);
    // Written as text: the test's own JSON.stringify would overflow on it too.
    const deep = `{"step":1,"data":${'{"a":'.repeat(5000)}"x"${'}'.repeat(5000)}}`;
    const nested = await send('POST', '/api/drafts', deep);
    expect(nested.status).toBe(400);
    expect(nested.body.error.issues![0]!.code).toBe('too_deep');
    const query = await send('GET', '/api/incidents?party=%00x');
    expect([query.status, query.body.error.issues![0]!.field]).toEqual([400, 'party']);
    // Nothing was written.
    const count = await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM incidents WHERE perpetrator_party LIKE 'Group%'");
    expect(count.rows[0]!.n).toBe(0);
  });

  it('answers an unknown API path with JSON naming it', async () => {
    const r = await fetch(`${base}/api/nothing-here?x=1`);
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ error: { code: 'not_found', message: 'no such endpoint: GET /api/nothing-here' } });
  });

  it('refuses an anonymous upload before reading its body (no one can make the server hold 50 MB)', async () => {
    const { request } = await import('node:http');
    const url = new URL(`${base}/api/imports`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'text/csv', 'content-length': String(40 * 1024 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (e: NodeJS.ErrnoException) => { if (e.code !== 'ECONNRESET') reject(e); });
      // Only 64 KB of the announced 40 MB is ever sent: an answer proves the body was not awaited.
      req.write(Buffer.alloc(64 * 1024, 0x61));
      setTimeout(() => reject(new Error('no answer within 5 s: the server waited for the body')), 5000).unref();
    });
    expect(status).toBe(401);
  });
});
