/**
 * Real HTTP against a listening server: a small client that keeps the session cookie and sends the CSRF
 * token the way the web app does, plus factories for organisations and users of every role.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/platform/context.ts';
import { createUser, ensureOrganisation } from '../../src/identity/users.ts';
import type { Role } from '../../src/shared/taxonomy.ts';

export interface Answer<T = unknown> { status: number; body: T; headers: Headers }

export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(readonly base: string) {}

  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h['content-type'] ??= 'application/json';
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && !['GET', 'HEAD'].includes(method)) h['x-csrf-token'] ??= this.csrf;
    const res = await fetch(this.base + path, { method, headers: h, body: body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? body as BodyInit : JSON.stringify(body) });
    const set = res.headers.get('set-cookie');
    if (set) {
      const m = /salama_session=([^;]*)/.exec(set);
      this.cookie = m && m[1] ? `salama_session=${m[1]}` : null;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    const answer = { status: res.status, body: parsed as T, headers: res.headers };
    const csrf = (parsed as { csrfToken?: unknown } | null)?.csrfToken;
    if (typeof csrf === 'string') this.csrf = csrf;
    return answer;
  }

  get = <T = unknown>(p: string) => this.request<T>('GET', p);
  post = <T = unknown>(p: string, b?: unknown) => this.request<T>('POST', p, b ?? {});
  patch = <T = unknown>(p: string, b: unknown) => this.request<T>('PATCH', p, b);
  put = <T = unknown>(p: string, b: unknown, headers: Record<string, string> = {}) => this.request<T>('PUT', p, b, headers);

  /** A GET whose answer is kept as bytes (a PDF, a DOCX). */
  async bytes(path: string): Promise<{ status: number; body: Buffer; headers: Headers }> {
    const res = await fetch(this.base + path, { headers: this.cookie ? { cookie: this.cookie } : {} });
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()), headers: res.headers };
  }

  async login(email: string, password: string) {
    return this.post<{ stage: string }>('/api/auth/login', { email, password });
  }
}

export interface Running { app: FastifyInstance; base: string; close(): Promise<void> }

export async function listen(ctx: AppContext, opts: { authAttemptsPerMinute?: number; requestsPerMinute?: number; logStream?: { write(line: string): void } } = {}): Promise<Running> {
  const app = await buildApp(ctx, {
    logLevel: opts.logStream ? 'trace' : 'silent', webDist: null, authAttemptsPerMinute: opts.authAttemptsPerMinute ?? 100_000,
    ...(opts.requestsPerMinute ? { requestsPerMinute: opts.requestsPerMinute } : {}),
    ...(opts.logStream ? { logStream: opts.logStream } : {}),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { app, base: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export const PASSWORD = 'correct horse battery staple';

export interface TestUser { id: string; email: string; role: Role; organisationId: string }

/** One organisation with a user of every role, named by codes. */
export async function seedOrganisation(ctx: AppContext, code: string, opts: { requireTotp?: boolean } = {}) {
  const org = await ensureOrganisation(ctx.db, { code, name: `Test organisation ${code}`, kind: 'mission', requireTotp: opts.requireTotp ?? false });
  const users = {} as Record<Role, TestUser>;
  for (const role of ['admin', 'coordinator', 'monitor', 'partner', 'viewer'] as const) {
    const { user } = await createUser(ctx.db, { organisationCode: code, email: `${role}@${code.toLowerCase()}.test`, role, password: PASSWORD });
    users[role] = { id: user.id, email: user.email, role, organisationId: org.id };
  }
  return { org, users };
}

export async function signedIn(base: string, email: string): Promise<Client> {
  const c = new Client(base);
  const r = await c.login(email, PASSWORD);
  if (r.status !== 200) throw new Error(`login failed for ${email}: ${r.status} ${JSON.stringify(r.body)}`);
  return c;
}

export function sampleIncident(overrides: Record<string, unknown> = {}) {
  return {
    occurredFrom: '2025-03-14',
    dateEstimated: false,
    place: { country: 'CAF', admin1: 'CF-BGF', locality: 'Locality L-101', coordinates: { lat: 4.36, lon: 18.55, precision: 'approximate' } },
    victims: { women: 2, girls: 1 },
    violations: [{ form: 'rape', victims: { women: 2, girls: 1 } }, { form: 'sexual_slavery', victims: { women: 1 } }],
    perpetrators: [{ party: 'Non-state armed group (TEST-NSAG-A)', category: 'non_state_armed_group' }],
    narrative: 'SECRET-NARRATIVE-MARKER survivor S-0042 described the event at the water point.',
    ...overrides,
  };
}
