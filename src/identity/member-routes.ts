/** /api/users: the members of the caller's own organisation (coordinators assign records to them). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { requireActor } from '../platform/http/guard.ts';
import { ApiError, OrgMembers } from '../shared/auth.ts';
import { listMembers } from './users.ts';

export function memberRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('', {
      config: { policy: 'user:list' },
      schema: { tags: ['users'], summary: 'Members of your organisation', response: { 200: OrgMembers, 401: ApiError, 403: ApiError } },
    }, async (req) => ({ items: await listMembers(ctx.db, requireActor(req).organisationId) }));
  };
}
