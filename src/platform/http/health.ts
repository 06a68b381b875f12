/** GET /api/health: is the database reachable, how fast, how many migrations applied. Public, no data. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { appliedMigrations } from '../db/database.ts';
import { Health } from '../../shared/auth.ts';
import { VERSION } from '../version.ts';

export function healthRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/health', {
      config: { policy: 'public' },
      schema: { tags: ['system'], summary: 'Service and database state', response: { 200: Health, 503: Health } },
    }, async (_req, reply) => {
      const started = performance.now();
      try {
        await ctx.db.$client.query('SELECT 1');
        const latencyMs = Math.round((performance.now() - started) * 10) / 10;
        return { status: 'ok' as const, database: { connected: true, latencyMs, migrations: await appliedMigrations(ctx.db) }, version: VERSION };
      } catch {
        return reply.status(503).send({ status: 'degraded', database: { connected: false, latencyMs: null, migrations: null }, version: VERSION });
      }
    });
  };
}
