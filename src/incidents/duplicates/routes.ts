/** /api/duplicate-decisions: undoing a reviewer's decision (the decision itself is kept, marked undone). */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/guard.ts';
import { ApiError } from '../../shared/auth.ts';
import { DuplicateDecision } from '../../shared/incident.ts';
import { undoDuplicateDecision } from './service.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError };

export function duplicateDecisionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/:id/undo', {
      config: { policy: 'incident:link' },
      schema: { tags: ['duplicates'], summary: 'Undo a duplicate decision (a link is removed; the pair may be proposed again)', params: z.object({ id: z.uuid({ error: 'must be a decision id (UUID)' }) }), response: { 200: DuplicateDecision, ...errors } },
    }, async (req) => undoDuplicateDecision(ctx, requireActor(req), req.params.id, req.ip));
  };
}
