/**
 * /api/places: the administrative areas of a country, the countries that have some (reference data for forms
 * and filters), and loading a list of areas from the web app (coordinators).
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/http/errors.ts';
import { requireActor } from '../platform/http/guard.ts';
import { rejectedFile } from '../platform/http/rejected-file.ts';
import { ApiError } from '../shared/auth.ts';
import { AreaList, AreaListLoaded, AreaListRejected, PlaceCountryList } from '../shared/places.ts';
import { listAreas, listCountries, uploadAreaList } from './places.ts';

const PlacesQuery = z.object({
  country: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166 alpha-3 country code such as CAF'),
  level: z.coerce.number().int().min(1).max(4).optional(),
  parent: z.string().max(50).optional(),
}).strict();
const NoQuery = z.object({}).strict();

/** A national list down to admin 3 with names in three languages is a few MB; this leaves room and stops abuse. */
export const MAX_AREA_LIST_BYTES = 10 * 1024 * 1024;
const FILE_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/octet-stream'];

export function placeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // The list is the request body, as sent (no multipart), as for spreadsheet imports; only in this scope.
    app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: MAX_AREA_LIST_BYTES }, (_req, body, done) => done(null, body));

    app.get('', {
      config: { policy: 'places:read' },
      schema: { tags: ['places'], summary: 'Administrative areas of a country (codes, names in three languages, parents)', querystring: PlacesQuery, response: { 200: AreaList, 400: ApiError, 401: ApiError, 403: ApiError } },
    }, async (req) => ({ items: await listAreas(ctx.db, req.query) }));

    app.get('/countries', {
      config: { policy: 'places:read' },
      schema: { tags: ['places'], summary: 'Countries that have administrative areas: how many (every level), at which levels, from where', querystring: NoQuery, response: { 200: PlaceCountryList, 400: ApiError, 401: ApiError, 403: ApiError } },
    }, async (req) => ({ items: await listCountries(ctx.db, requireActor(req).organisationId) }));

    app.post('/import', {
      config: { policy: 'places:import' },
      bodyLimit: MAX_AREA_LIST_BYTES,
      schema: {
        tags: ['places'],
        summary: 'Load a CSV of areas (the body is the file: country, level, pcode, name, name_fr, name_ar, parent_pcode). All rows or none; codes loaded by others are not replaced',
        querystring: NoQuery,
        response: { 200: AreaListLoaded, 400: AreaListRejected, 401: ApiError, 403: ApiError, 413: ApiError, 415: ApiError },
      },
    }, async (req, reply) => {
      // JSON (or a form) would be parsed before this: the list must come as the file itself.
      if (!Buffer.isBuffer(req.body)) throw new AppError(415, 'unsupported_media_type', 'body: send the CSV file itself, as text/csv');
      const { problems, problemCount, complete, ...loaded } = await uploadAreaList(ctx, requireActor(req), req.body, req.ip);
      if (problemCount) return reply.status(400).send(rejectedFile('invalid_area_list', { problems, problemCount, complete }, req.headers['accept-language']));
      return loaded;
    });
  };
}
