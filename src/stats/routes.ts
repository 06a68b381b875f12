/**
 * /api/stats: the analysis engine's figures. Thin: parse, declare the action, call the service, answer.
 * `/counts` is the restricted tier (exact, within the reader's scope); `/releases/:release` the protected
 * tier (the declared catalogue only, protected by the disclosure module).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { requireActor } from '../platform/http/guard.ts';
import { requestLanguage } from '../platform/http/language.ts';
import { ApiError } from '../shared/auth.ts';
import { attachment } from '../platform/http/attachment.ts';
import { PointsAnswer, PointsQuery, ProtectedQuery, ProtectedRelease, ReleaseParams, StatsAnswer, StatsExportQuery, StatsQuery } from '../shared/stats.ts';
import { exportRelease, mapPoints, protectedFigures, restrictedCounts } from './service.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError };
const tags = ['statistics'];

export function statsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/counts', {
      config: { policy: 'stats:restricted' },
      schema: {
        tags, querystring: StatsQuery, response: { 200: StatsAnswer, ...errors },
        summary: 'Exact counts (restricted tier) by up to three dimensions, with filters, over the records you may read; the counting rule applied comes back with the figures (audited)',
      },
    }, async (req) => restrictedCounts(ctx, requireActor(req), req.query, requestLanguage(req.headers['accept-language']), req.ip));
    app.get('/points', {
      config: { policy: 'stats:restricted' },
      schema: {
        tags, querystring: PointsQuery, response: { 200: PointsAnswer, ...errors },
        summary: 'The map\'s points: the records a figure with these filters counts that you may open, each at the precision it allows (identifying; audited)',
      },
    }, async (req) => mapPoints(ctx, requireActor(req), req.query, req.ip));
    app.get('/releases/:release', {
      config: { policy: 'stats:protected' },
      schema: {
        tags, params: ReleaseParams, querystring: ProtectedQuery, response: { 200: ProtectedRelease, ...errors },
        summary: 'Today\'s publication of a release of the protected catalogue: closed quarters, records whose consent allows figures beyond the organisation, its tables protected jointly (small counts and what would reveal them suppressed; the reason only for coordinators); audited',
      },
    }, async (req) => protectedFigures(ctx, requireActor(req), req.params.release, requestLanguage(req.headers['accept-language']), req.ip));
    app.get('/releases/:release/export', {
      config: { policy: 'stats:export' },
      schema: {
        tags, params: ReleaseParams, querystring: StatsExportQuery,
        summary: 'A release of the protected catalogue as CSV or XLSX for use outside the organisation: consent-filtered, suppressed cells marked, the HXL row, the counting rule and threshold written in (audited)',
      },
    }, async (req, reply) => {
      const file = await exportRelease(ctx, requireActor(req), req.params.release, req.query.format, req.query.lang, req.ip);
      return reply.header('content-type', file.contentType).header('content-disposition', attachment(file.filename)).header('cache-control', 'no-store').send(file.body);
    });
  };
}
