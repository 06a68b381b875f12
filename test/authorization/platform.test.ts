/**
 * The platform's own routes, and what holds for every route of every capability: a declared policy, the
 * capability that owns its action, and a matrix file per capability (see matrix-kit.ts).
 */
import { expect, it } from 'vitest';
import { CAPABILITIES } from '../../src/server/capabilities.ts';
import { all, describeMatrix, expectEveryCapabilityHasAMatrix, type Matrix } from './matrix-kit.ts';

const MATRIX: Matrix<undefined> = {
  'GET /api/health': { method: 'GET', path: () => '/api/health', expect: all('200') },
  'GET /api/openapi.json': { method: 'GET', path: () => '/api/openapi.json', expect: all('200') },
};

describeMatrix('platform', MATRIX, async () => undefined, ({ world }) => {
  it('has a matrix file for every capability that registers routes', () => {
    expectEveryCapabilityHasAMatrix(world().srv.app);
  });

  it('declares a policy on every route, and only public routes are open', () => {
    for (const r of world().srv.app.apiRoutes) {
      const open = r.policy === 'public';
      expect(open, `${r.method} ${r.url}`).toBe(['/api/health', '/api/openapi.json', '/api/auth/login'].includes(r.url));
    }
  });

  it('attributes every route to the capability that declares its action, and every action to one capability', () => {
    const { apiRoutes } = world().srv.app;
    const owner = new Map<string, string>();
    for (const c of CAPABILITIES) {
      for (const action of c.actions) {
        expect(owner.get(action), `${action} declared by ${owner.get(action)} and ${c.name}`).toBeUndefined();
        owner.set(action, c.name);
      }
    }
    for (const r of apiRoutes) {
      if (r.policy === 'public' || r.policy === 'session' || r.policy === 'signed-in') continue;
      expect(owner.get(r.policy), `${r.method} ${r.url} (${r.capability}) uses ${r.policy}`).toBe(r.capability);
    }
    expect(new Set(apiRoutes.map((r) => r.capability))).toEqual(new Set(['platform', ...CAPABILITIES.filter((c) => c.routes.length > 0).map((c) => c.name)]));
  });
});
