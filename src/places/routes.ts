/** /api/places: the administrative areas of a country, and the countries that have some (reference data for forms and filters). */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { requireActor } from '../platform/http/guard.ts';
import { ApiError } from '../shared/auth.ts';
import { AreaList, PlaceCountryList } from '../shared/places.ts';
import { listAreas, listCountries } from './places.ts';

const PlacesQuery = z.object({
  country: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166 alpha-3 country code such as CAF'),
  level: z.coerce.number().int().min(1).max(4).optional(),
  parent: z.string().max(50).optional(),
}).strict();
const NoQuery = z.object({}).strict();

export function placeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('', {
      config: { policy: 'places:read' },
      schema: { tags: ['places'], summary: 'Administrative areas of a country (codes, names in three languages, parents)', querystring: PlacesQuery, response: { 200: AreaList, 400: ApiError, 401: ApiError, 403: ApiError } },
    }, async (req) => ({ items: await listAreas(ctx.db, req.query) }));

    app.get('/countries', {
      config: { policy: 'places:read' },
      schema: { tags: ['places'], summary: 'Countries that have administrative areas: how many (every level), at which levels, from where', querystring: NoQuery, response: { 200: PlaceCountryList, 400: ApiError, 401: ApiError, 403: ApiError } },
    }, async (req) => ({ items: await listCountries(ctx.db, requireActor(req).organisationId) }));
  };
}
