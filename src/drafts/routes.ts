/** /api/drafts: the signed-in user's own unfinished incident forms. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { requireActor } from '../platform/http/guard.ts';
import { ApiError } from '../shared/auth.ts';
import { Draft, DraftList, DraftSave, DraftSummary } from '../shared/draft.ts';
import { discardDraft, listDrafts, openDraft, saveDraft } from './service.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError };
const IdParams = z.object({ id: z.uuid({ error: 'must be a draft id (UUID)' }) });

export function draftRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('', {
      config: { policy: 'draft:own' },
      schema: { tags: ['drafts'], summary: 'Your drafts, newest first (no content)', response: { 200: DraftList, ...errors } },
    }, async (req) => ({ items: await listDrafts(ctx, requireActor(req)) }));
    app.get('/:id', {
      config: { policy: 'draft:own' },
      schema: { tags: ['drafts'], summary: 'Open one of your drafts (audited)', params: IdParams, response: { 200: Draft, ...errors } },
    }, async (req) => openDraft(ctx, requireActor(req), req.params.id, req.ip));
    app.put('/:id', {
      config: { policy: 'draft:own' },
      schema: { tags: ['drafts'], summary: 'Save a draft (creates it the first time); encrypted at rest', params: IdParams, body: DraftSave, response: { 200: DraftSummary, ...errors } },
    }, async (req) => saveDraft(ctx, requireActor(req), req.params.id, req.body, req.ip));
    app.delete('/:id', {
      config: { policy: 'draft:own' },
      schema: { tags: ['drafts'], summary: 'Discard a draft (audited)', params: IdParams, response: { 204: z.null(), ...errors } },
    }, async (req, reply) => {
      await discardDraft(ctx, requireActor(req), req.params.id, req.ip);
      return reply.status(204).send(null);
    });
  };
}
