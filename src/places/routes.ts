/** /api/places: the administrative areas of a country (reference data for forms and filters). */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { ApiError } from '../shared/auth.ts';
import { listAreas } from './places.ts';

const PlacesQuery = z.object({
  country: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166 alpha-3 country code such as CAF'),
  level: z.coerce.number().int().min(1).max(4).optional(),
  parent: z.string().max(50).optional(),
}).strict();
const Area = z.object({ code: z.string(), country: z.string(), level: z.number().int(), name: z.string(), nameFr: z.string().nullable(), nameAr: z.string().nullable(), parent: z.string().nullable() });

export function placeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('', {
      config: { policy: 'places:read' },
      schema: { tags: ['places'], summary: 'Administrative areas of a country (codes, names in three languages, parents)', querystring: PlacesQuery, response: { 200: z.object({ items: z.array(Area) }), 400: ApiError, 401: ApiError, 403: ApiError } },
    }, async (req) => ({ items: await listAreas(ctx.db, req.query) }));
  };
}
