/** /api/imports and /api/import-mappings: spreadsheet imports through a mapping, run as background jobs. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { requireActor } from '../platform/http/guard.ts';
import { requestLanguage } from '../platform/http/language.ts';
import { ApiError } from '../shared/auth.ts';
import {
  ImportDetail, ImportDraftBody, ImportList, ImportPartyValues, ImportPartyValuesQuery, ImportPreview, ImportReread, ImportRun, ImportSummary, ImportUploadQuery, ImportValues,
  ImportValuesQuery, SavedMapping, SavedMappingBody, SavedMappings,
} from '../shared/import.ts';
import {
  columnValues, getImport, listImports, listMappings, MAX_IMPORT_BYTES, previewImport, rejectedRowsCsv, rereadImport, saveImportDraft, saveMapping, startImport, uploadImport,
} from './service.ts';
import { partyValues } from './party-values.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 410: ApiError, 413: ApiError, 503: ApiError };
const IdParams = z.object({ id: z.uuid({ error: 'must be an import id (UUID)' }) });
const FILE_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];

export function importRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // The file is the request body, as sent (no multipart): read whole, up to the limit, in this scope only.
    app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_req, body, done) => done(null, body));

    app.get('', {
      config: { policy: 'incident:import' },
      schema: { tags: ['imports'], summary: 'Your imports, newest first', response: { 200: ImportList, ...errors } },
    }, async (req) => ({ items: await listImports(ctx, requireActor(req)) }));

    app.post('', {
      config: { policy: 'incident:import' },
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags: ['imports'], summary: 'Upload a CSV or XLSX file (the body is the file); returns its columns and a proposed mapping',
        querystring: ImportUploadQuery, response: { 201: ImportDetail, ...errors },
      },
    }, async (req, reply) => {
      const file = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      return reply.status(201).send(await uploadImport(ctx, requireActor(req), file, req.query, req.ip));
    });

    app.get('/:id', {
      config: { policy: 'incident:import' },
      schema: { tags: ['imports'], summary: 'One import: state, progress, counts, the first problems', params: IdParams, response: { 200: ImportDetail, ...errors } },
    }, async (req) => getImport(ctx, requireActor(req), req.params.id));

    app.get('/:id/values', {
      config: { policy: 'incident:import' },
      schema: { tags: ['imports'], summary: 'Distinct values of one column (any sheet), most frequent first: searched and paged', params: IdParams, querystring: ImportValuesQuery, response: { 200: ImportValues, ...errors } },
    }, async (req) => columnValues(ctx, requireActor(req), req.params.id, req.query, req.ip));

    app.get('/:id/party-values', {
      config: { policy: 'incident:import' },
      schema: {
        tags: ['imports'], summary: "A party column's distinct values, each with the registry's link to it or its closest party: searched and paged",
        params: IdParams, querystring: ImportPartyValuesQuery, response: { 200: ImportPartyValues, ...errors },
      },
    }, async (req) => partyValues(ctx, requireActor(req), req.params.id, req.query, requestLanguage(req.headers['accept-language']), req.ip));

    app.get('/:id/preview', {
      config: { policy: 'incident:import' },
      schema: { tags: ['imports'], summary: 'The first rows with text beyond ASCII, to check the encoding before mapping (audited)', params: IdParams, response: { 200: ImportPreview, ...errors } },
    }, async (req) => previewImport(ctx, requireActor(req), req.params.id, req.ip));

    app.post('/:id/encoding', {
      config: { policy: 'incident:import' },
      schema: { tags: ['imports'], summary: 'Read the uploaded CSV again in another encoding', params: IdParams, body: ImportReread, response: { 200: ImportDetail, ...errors } },
    }, async (req) => rereadImport(ctx, requireActor(req), req.params.id, req.body.encoding, req.ip));

    app.put('/:id/draft', {
      config: { policy: 'incident:import' },
      schema: { tags: ['imports'], summary: 'Keep the mapping in progress (the wizard saves it as the user works)', params: IdParams, body: ImportDraftBody, response: { 204: z.null(), ...errors } },
    }, async (req, reply) => {
      await saveImportDraft(ctx, requireActor(req), req.params.id, req.body.mapping);
      return reply.status(204).send(null);
    });

    app.post('/:id/run', {
      config: { policy: 'incident:import' },
      schema: { tags: ['imports'], summary: 'Start a dry run or the import with a mapping (a background job)', params: IdParams, body: ImportRun, response: { 202: ImportSummary, ...errors } },
    }, async (req, reply) => reply.status(202).send(await startImport(ctx, requireActor(req), req.params.id, req.body, req.ip)));

    app.get('/:id/rejected', {
      config: { policy: 'incident:import' },
      schema: { tags: ['imports'], summary: 'The rejected rows as CSV, each with its row number and problems (audited)', params: IdParams },
    }, async (req, reply) => {
      const csv = await rejectedRowsCsv(ctx, requireActor(req), req.params.id, req.ip);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="salama-rejected-rows.csv"').send(csv);
    });
  };
}

export function importMappingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('', {
      config: { policy: 'incident:import' },
      schema: { tags: ['imports'], summary: "The organisation's saved mappings", response: { 200: SavedMappings, ...errors } },
    }, async (req) => ({ items: await listMappings(ctx, requireActor(req)) }));
    app.post('', {
      config: { policy: 'incident:import' },
      schema: { tags: ['imports'], summary: 'Save a mapping by name (replaces one of the same name)', body: SavedMappingBody, response: { 200: SavedMapping, ...errors } },
    }, async (req) => saveMapping(ctx, requireActor(req), req.body.name, req.body.mapping, req.ip));
  };
}
