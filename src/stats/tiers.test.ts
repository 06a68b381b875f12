/**
 * Nothing protected can be built any other way: the engine is reached only through the two doors of the
 * tiers (restricted counts within the reader's scope; the protected catalogue through the disclosure module),
 * and the routes that give figures are exactly these, with the roles the policy gives them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testContext, testServers, type TestDatabase } from '../../test/helpers/db.ts';
import { listen, type Running } from '../../test/helpers/http.ts';
import { mayAttempt, type Action, type Actor } from '../policy/policy.ts';
import { ROLES } from '../shared/taxonomy.ts';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.ts$|test-kit\.ts$/.test(name) ? [path] : [];
  });
}
const importers = (module: RegExp) => sources(SRC).filter((f) => module.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f)).sort();

describe('the tiers of figures', () => {
  it('counts only through the restricted service, the party page (restricted, scoped) and protected releases', () => {
    // Early warning's series are exact counts over the whole organisation: behind warnings:manage (coordinators, below).
    expect(importers(/from '(\.\.\/stats|\.)\/engine\.ts'/)).toEqual(['commitments/incident-counts.ts', 'stats/protected.ts', 'stats/service.ts', 'warnings/series.ts']);
    // The disclosure module is applied in one place; exports and every protected answer go through it.
    expect(importers(/from '\.\.\/disclosure\/index\.ts'|protectRelease\(/).filter((f) => !f.startsWith('disclosure/'))).toEqual(['stats/protected.ts']);
    expect(importers(/from '\.\/protected\.ts'/)).toEqual(['stats/service.ts']);
  });

  it('gives exact figures only to roles that read records, and protected ones to viewers, never to administrators', () => {
    const holders = (action: Action) => ROLES.filter((role) => mayAttempt({ userId: 'u', organisationId: 'o', role, stage: 'active' } as Actor, action)).sort();
    expect(holders('stats:restricted')).toEqual(['coordinator', 'monitor', 'partner']);
    expect(holders('commitments:incident_counts')).toEqual(['coordinator', 'monitor', 'partner']);
    expect(holders('stats:protected')).toEqual(['coordinator', 'viewer']);
    expect(holders('stats:export')).toEqual(['coordinator', 'viewer']);
    expect(holders('warnings:manage')).toEqual(['coordinator']);
  });
});

describe.each(testServers())('the routes of figures on $name', (server) => {
  let db: TestDatabase;
  let srv: Running;
  beforeAll(async () => {
    db = await createTestDatabase(server);
    srv = await listen(testContext(db));
  });
  afterAll(async () => {
    await srv.close();
    await db.drop();
  });

  it('are exactly the restricted counts, the party page counts and the protected releases, each behind its action', () => {
    const figures = srv.app.apiRoutes.filter((r) => r.capability === 'stats' || r.url.endsWith('-counts'))
      .map((r) => `${r.method} ${r.url} ${r.policy}`).sort();
    expect(figures).toEqual([
      'GET /api/parties/:id/incident-counts commitments:incident_counts',
      'GET /api/stats/counts stats:restricted',
      'GET /api/stats/points stats:restricted',
      'GET /api/stats/releases/:release stats:protected',
      'GET /api/stats/releases/:release/export stats:export',
    ]);
  });
});
