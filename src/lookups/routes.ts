/** /api/lookups: an organisation's own values of extensible lists, with translated labels. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { requireActor } from '../platform/http/guard.ts';
import { ApiError } from '../shared/auth.ts';
import { Lookup, LookupCreate, LookupList, LookupPatch } from '../shared/lookup.ts';
import { createLookup, listLookups, updateLookup } from './service.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError };

export function lookupRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('', {
      config: { policy: 'lookups:read' },
      schema: { tags: ['lookups'], summary: "Your organisation's own list values (retired ones included, marked)", response: { 200: LookupList, ...errors } },
    }, async (req) => ({ items: await listLookups(ctx, requireActor(req)) }));
    app.post('', {
      config: { policy: 'lookups:manage' },
      schema: { tags: ['lookups'], summary: 'Add a value to an extensible list (coordinators)', body: LookupCreate, response: { 201: Lookup, ...errors } },
    }, async (req, reply) => reply.status(201).send(await createLookup(ctx, requireActor(req), req.body, req.ip)));
    app.patch('/:id', {
      config: { policy: 'lookups:manage' },
      schema: { tags: ['lookups'], summary: 'Change the labels of a value, or retire it (codes never change)', params: z.object({ id: z.uuid({ error: 'must be a lookup id (UUID)' }) }), body: LookupPatch, response: { 200: Lookup, ...errors } },
    }, async (req) => updateLookup(ctx, requireActor(req), req.params.id, req.body, req.ip));
  };
}
