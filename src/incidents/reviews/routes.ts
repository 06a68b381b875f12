/**
 * /api/reviews: a designated reviewer's side of records put to them by another organisation. Addressed by
 * the review's id, never the record's: nothing here reaches a record that was not put to the caller.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/guard.ts';
import { ApiError } from '../../shared/auth.ts';
import { IncidentDecision } from '../../shared/incident.ts';
import { ReviewList, ReviewRecord } from '../../shared/review.ts';
import { decideAsReviewer, listReviews, readReview } from './service.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError };
const IdParams = z.object({ id: z.uuid({ error: 'must be a review id (UUID)' }) });

export function reviewRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('', {
      config: { policy: 'review:act' },
      schema: { tags: ['verification'], summary: 'Records other organisations put to you for a decision (open ones)', response: { 200: ReviewList, ...errors } },
    }, async (req) => listReviews(ctx, requireActor(req), req.ip));
    app.get('/:id', {
      config: { policy: 'review:act' },
      schema: { tags: ['verification'], summary: 'A record put to you: restricted fields, the narrative if shared (the read is audited in its organisation)', params: IdParams, response: { 200: ReviewRecord, ...errors } },
    }, async (req) => readReview(ctx, requireActor(req), req.params.id, req.ip));
    app.post('/:id/decision', {
      config: { policy: 'review:act' },
      schema: { tags: ['verification'], summary: 'Decide a record put to you (your access ends with the decision)', params: IdParams, body: IncidentDecision, response: { 200: ReviewRecord, ...errors } },
    }, async (req) => decideAsReviewer(ctx, requireActor(req), req.params.id, req.body, req.ip));
  };
}
