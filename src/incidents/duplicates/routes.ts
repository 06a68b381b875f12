/**
 * /api/duplicate-decisions: undoing a reviewer's decision (the decision itself is kept, marked undone).
 * /api/duplicates: the organisation-wide review list from batch scans, and starting a scan.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/guard.ts';
import { ApiError } from '../../shared/auth.ts';
import { DuplicateDecision, DuplicatePairs, DuplicatePairsQuery, DuplicateScan } from '../../shared/duplicates.ts';
import { listPairs, requestScan, scanStatus } from './scan.ts';
import { undoDuplicateDecision } from './service.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 503: ApiError };

export function duplicateDecisionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/:id/undo', {
      config: { policy: 'incident:link' },
      schema: { tags: ['duplicates'], summary: 'Undo a duplicate decision (a link is removed; the pair may be proposed again)', params: z.object({ id: z.uuid({ error: 'must be a decision id (UUID)' }) }), response: { 200: DuplicateDecision, ...errors } },
    }, async (req) => undoDuplicateDecision(ctx, requireActor(req), req.params.id, req.ip));
  };
}

export function duplicateScanRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('', {
      config: { policy: 'incident:link' },
      schema: { tags: ['duplicates'], summary: 'Undecided likely duplicate pairs from the last batch scan of your organisation, likeliest first', querystring: DuplicatePairsQuery, response: { 200: DuplicatePairs, ...errors } },
    }, async (req) => listPairs(ctx, requireActor(req), req.query, req.ip));
    app.get('/scan', {
      config: { policy: 'incident:link' },
      schema: { tags: ['duplicates'], summary: 'The last batch scan: state and size', response: { 200: z.object({ scan: DuplicateScan.nullable() }), ...errors } },
    }, async (req) => ({ scan: await scanStatus(ctx, requireActor(req)) }));
    app.post('/scan', {
      config: { policy: 'incident:link' },
      schema: { tags: ['duplicates'], summary: 'Scan every record of your organisation for likely duplicates (a background job; one at a time)', response: { 202: DuplicateScan, ...errors } },
    }, async (req, reply) => {
      const actor = requireActor(req);
      return reply.status(202).send(await requestScan(ctx, actor, actor.organisationId, req.ip));
    });
  };
}
