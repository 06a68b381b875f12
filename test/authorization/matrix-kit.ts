/**
 * The authorisation matrix, one file per capability (test/authorization/<capability>.test.ts): every API
 * route, for every role of organisation A, a user of organisation B and an anonymous caller, must answer
 * exactly as its capability's table says. Each file checks that its table names exactly the routes its
 * capability registers, and platform.test.ts that every capability registering a route has such a file, so
 * a new route cannot ship without its line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testContext, testServers, type TestDatabase } from '../helpers/db.ts';
import { Client, listen, PASSWORD, seedOrganisation, signedIn, type Running, type TestUser } from '../helpers/http.ts';
import type { AppContext } from '../../src/platform/context.ts';
import type { Role } from '../../src/shared/taxonomy.ts';

export type Who = 'anonymous' | `A:${Role}` | 'B:coordinator' | 'B:monitor';
export const WHO: Who[] = ['anonymous', 'A:admin', 'A:coordinator', 'A:monitor', 'A:partner', 'A:viewer', 'B:coordinator', 'B:monitor'];
export type Member = Exclude<Who, 'anonymous'>;

/** Expected answer: the status, plus the error code when it is an error ("403 forbidden"). */
export type Outcome = string;
export interface Probe<F> { method: string; path: (f: F) => string; body?: (f: F) => unknown; headers?: Record<string, string>; expect: Record<Who, Outcome> }
/** Key: "METHOD /url" exactly as Fastify registers it (trailing slash normalised). */
export type Matrix<F> = Record<string, Probe<F>>;

export const all = (signedIn: Outcome, anonymous: Outcome = signedIn): Record<Who, Outcome> =>
  Object.fromEntries(WHO.map((w) => [w, w === 'anonymous' ? anonymous : signedIn])) as Record<Who, Outcome>;
export const table = (anonymous: Outcome, rest: Omit<Record<Who, Outcome>, 'anonymous'>): Record<Who, Outcome> => ({ anonymous, ...rest });
export const UNAUTH = '401 unauthenticated';
export const FORBIDDEN = '403 forbidden';
export const HIDDEN = '404 not_found';

/** What a capability's fixture is built on: a server with organisations A (every role) and B. */
export interface World {
  db: TestDatabase;
  ctx: AppContext;
  srv: Running;
  users: Record<Member, TestUser>;
  /** A client signed in as that member. */
  as: (who: Member) => Promise<Client>;
}

/** The route keys a server registers for one capability ('platform' for the platform's own). */
export function routesOf(app: FastifyInstance, capability: string): string[] {
  return app.apiRoutes.filter((r) => r.capability === capability).map((r) => `${r.method} ${r.url.replace(/(.)\/$/, '$1')}`);
}

/** Every capability that registers a route has its matrix file, which runs describeMatrix for it. */
export function expectEveryCapabilityHasAMatrix(app: FastifyInstance): void {
  const dir = dirname(fileURLToPath(import.meta.url));
  for (const capability of new Set(app.apiRoutes.map((r) => r.capability))) {
    const file = join(dir, `${capability}.test.ts`);
    expect(existsSync(file), `${capability} registers routes: test/authorization/${capability}.test.ts must hold its matrix`).toBe(true);
    expect(readFileSync(file, 'utf8'), file).toContain(`describeMatrix('${capability}'`);
  }
}

/**
 * The matrix of one capability on every test server: the check that it names exactly the capability's
 * routes, the caller's further tests (`more`), then one test per route walking every caller.
 */
export function describeMatrix<F>(
  capability: string,
  matrix: Matrix<F>,
  setUp: (world: World) => Promise<F>,
  more?: (suite: { world: () => World; fixture: () => F }) => void,
): void {
  describe.each(testServers())(`authorisation matrix of ${capability} on $name`, (server) => {
    let world: World;
    let fixture: F;

    beforeAll(async () => {
      const db = await createTestDatabase(server);
      const ctx = testContext(db);
      const srv = await listen(ctx);
      const a = await seedOrganisation(ctx, 'ORG-A');
      const b = await seedOrganisation(ctx, 'ORG-B');
      const users = {} as Record<Member, TestUser>;
      for (const [role, u] of Object.entries(a.users)) users[`A:${role as Role}`] = u;
      users['B:coordinator'] = b.users.coordinator;
      users['B:monitor'] = b.users.monitor;
      world = { db, ctx, srv, users, as: (who) => signedIn(srv.base, users[who].email) };
      fixture = await setUp(world);
    });
    afterAll(async () => {
      await world.srv.close();
      await world.db.drop();
    });

    it(`knows every API route ${capability} registers, and nothing it does not`, () => {
      expect(routesOf(world.srv.app, capability).sort(), `the routes ${capability} registers (received) and the lines of its matrix (expected)`).toEqual(Object.keys(matrix).sort());
    });

    more?.({ world: () => world, fixture: () => fixture });

    for (const [route, probe] of Object.entries(matrix)) {
      it(`${route} answers each caller as the matrix says`, async () => {
        const got: Record<string, Outcome> = {};
        for (const who of WHO) {
          const client = new Client(world.srv.base);
          if (who !== 'anonymous') {
            const login = await client.login(world.users[who].email, PASSWORD);
            expect(login.status).toBe(200);
          }
          // Login with the caller's own credentials (anonymous uses an unknown account).
          const body = probe.body ? await probe.body(fixture) : route === 'POST /api/auth/login'
            ? { email: who === 'anonymous' ? 'nobody@org-a.test' : world.users[who].email, password: who === 'anonymous' ? 'wrong password!' : PASSWORD }
            : probe.method === 'GET' ? undefined : {};
          const answer = await client.request(probe.method, probe.path(fixture), body, probe.headers);
          const code = (answer.body as { error?: { code?: string } } | null)?.error?.code;
          got[who] = code ? `${answer.status} ${code}` : String(answer.status);
        }
        expect(got).toEqual(probe.expect);
      });
    }
  });
}

/** A's settings sending decisions to a partner reviewer (B's coordinator), with no completeness rule in the way. */
export function partnerReviewSettings(world: World) {
  return {
    fourEyes: { mode: 'partner_reviewer', reviewers: [world.users['B:coordinator'].email] },
    completeness: { minSourcesToVerify: 0, requireAdmin1: false, requireAdmin2: false, requirePerpetratorToVerify: false },
    narrativeMaxLength: 50000, requireTotp: false,
  };
}

/** The reference layer seeded, a party of A's own, and a reference party (FARDC) for the probes that name parties. */
export async function seedParties(coordinator: Client): Promise<{ id: string; referenceId: string }> {
  expect((await coordinator.post('/api/parties/seed')).status).toBe(200);
  const own = await coordinator.post<{ id: string }>('/api/parties', { name: 'Matrix party of A', category: 'non_state_armed_group', countries: ['CAF'] });
  expect(own.status, JSON.stringify(own.body)).toBe(201);
  const referenceId = (await coordinator.get<{ items: { id: string }[] }>('/api/parties/suggest?q=fardc')).body.items[0]!.id;
  return { id: own.body.id, referenceId };
}
