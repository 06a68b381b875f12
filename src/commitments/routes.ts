/**
 * /api/commitments: commitments, their measures and evidence, and the files of their texts and evidence.
 * Thin: parse, declare the action, call the service, answer. Parties are named in the reader's language.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { attachment } from '../platform/http/attachment.ts';
import { requireActor } from '../platform/http/guard.ts';
import { requestLanguage } from '../platform/http/language.ts';
import { ApiError } from '../shared/auth.ts';
import {
  CommitmentCreate, CommitmentDelete, CommitmentDetail, CommitmentFile, CommitmentList, CommitmentListQuery, CommitmentPatch, EvidenceInput, EvidenceWithdraw,
  FileUploadQuery, MeasureInput, MeasurePatch,
} from '../shared/commitments.ts';
import { downloadFile, FILE_TYPES, MAX_FILE_BYTES, uploadFile } from './files.ts';
import { addEvidence, addMeasure, removeMeasure, updateMeasure, withdrawEvidence } from './measures.ts';
import { getCommitment, listCommitments } from './read.ts';
import { createCommitment, deleteCommitment, updateCommitment } from './service.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 413: ApiError };
const uuid = z.uuid({ error: 'not_an_id' });
const Params = z.object({ id: uuid }).strict();
const MeasureParams = z.object({ measureId: uuid }).strict();
const tags = ['commitments'];
const lang = (h: string | string[] | undefined) => requestLanguage(h);


export function commitmentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // A file is the request body, as sent (no multipart), read whole up to the limit, in this scope only.
    app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) => done(null, body));

    app.get('', {
      config: { policy: 'commitments:read' },
      schema: { tags, summary: 'Your organisation\'s commitments, newest signature first: by party, by kind', querystring: CommitmentListQuery, response: { 200: CommitmentList, ...errors } },
    }, async (req) => listCommitments(ctx, requireActor(req), req.query, lang(req.headers['accept-language'])));
    app.post('', {
      config: { policy: 'commitments:manage' },
      schema: { tags, summary: 'Record a commitment with the parties it binds and its measures (coordinators)', body: CommitmentCreate, response: { 201: CommitmentDetail, ...errors } },
    }, async (req, reply) => reply.status(201).send(await createCommitment(ctx, requireActor(req), req.body, lang(req.headers['accept-language']), req.ip)));
    app.get('/:id', {
      config: { policy: 'commitments:read' },
      schema: { tags, summary: 'One commitment: parties, signatories, text, measures with their evidence; overdue read against today', params: Params, response: { 200: CommitmentDetail, ...errors } },
    }, async (req) => getCommitment(ctx, requireActor(req), req.params.id, lang(req.headers['accept-language'])));
    app.patch('/:id', {
      config: { policy: 'commitments:manage' },
      schema: { tags, summary: 'Change a commitment (its measures have their own routes)', params: Params, body: CommitmentPatch, response: { 200: CommitmentDetail, ...errors } },
    }, async (req) => updateCommitment(ctx, requireActor(req), req.params.id, req.body, lang(req.headers['accept-language']), req.ip));
    app.delete('/:id', {
      config: { policy: 'commitments:manage' },
      schema: { tags, summary: 'Remove a commitment from every view, with a reason (kept for the audit trail)', params: Params, body: CommitmentDelete, response: { 204: z.null(), ...errors } },
    }, async (req, reply) => {
      await deleteCommitment(ctx, requireActor(req), req.params.id, req.body, req.ip);
      return reply.status(204).send(null);
    });
    app.post('/:id/measures', {
      config: { policy: 'commitments:manage' },
      schema: { tags, summary: 'Add a measure to a commitment', params: Params, body: MeasureInput, response: { 201: CommitmentDetail, ...errors } },
    }, async (req, reply) => reply.status(201).send(await addMeasure(ctx, requireActor(req), req.params.id, req.body, lang(req.headers['accept-language']), req.ip)));
    app.patch('/measures/:measureId', {
      config: { policy: 'commitments:manage' },
      schema: { tags, summary: 'Change a measure: kind, description, deadline, responsible body, progress', params: MeasureParams, body: MeasurePatch, response: { 200: CommitmentDetail, ...errors } },
    }, async (req) => updateMeasure(ctx, requireActor(req), req.params.measureId, req.body, lang(req.headers['accept-language']), req.ip));
    app.delete('/measures/:measureId', {
      config: { policy: 'commitments:manage' },
      schema: { tags, summary: 'Remove a measure that has no evidence', params: MeasureParams, response: { 200: CommitmentDetail, ...errors } },
    }, async (req) => removeMeasure(ctx, requireActor(req), req.params.measureId, lang(req.headers['accept-language']), req.ip));
    app.post('/measures/:measureId/evidence', {
      config: { policy: 'commitments:manage' },
      schema: { tags, summary: 'Record dated evidence of a measure (append-only), with the progress it shows if any', params: MeasureParams, body: EvidenceInput, response: { 201: CommitmentDetail, ...errors } },
    }, async (req, reply) => reply.status(201).send(await addEvidence(ctx, requireActor(req), req.params.measureId, req.body, lang(req.headers['accept-language']), req.ip)));
    app.post('/evidence/:evidenceId/withdraw', {
      config: { policy: 'commitments:manage' },
      schema: { tags, summary: 'Withdraw an evidence entry with a reason (it stays, marked; it is never edited)', params: z.object({ evidenceId: uuid }).strict(), body: EvidenceWithdraw, response: { 200: CommitmentDetail, ...errors } },
    }, async (req) => withdrawEvidence(ctx, requireActor(req), req.params.evidenceId, req.body, lang(req.headers['accept-language']), req.ip));
    app.post('/files', {
      config: { policy: 'commitments:manage' },
      bodyLimit: MAX_FILE_BYTES,
      schema: { tags, summary: 'Upload the text of a commitment or a piece of evidence (the body is the file); sealed, then attached by id', querystring: FileUploadQuery, response: { 201: CommitmentFile, ...errors } },
    }, async (req, reply) => {
      const file = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      return reply.status(201).send(await uploadFile(ctx, requireActor(req), file, req.query.name, req.headers['content-type'], req.ip));
    });
    app.get('/files/:fileId', {
      config: { policy: 'commitments:read' },
      schema: { tags, summary: 'Download a file of a commitment or of evidence (audited)', params: z.object({ fileId: uuid }).strict() },
    }, async (req, reply) => {
      const file = await downloadFile(ctx, requireActor(req), req.params.fileId, req.ip);
      return reply.type(file.contentType).header('content-disposition', attachment(file.name)).header('x-content-type-options', 'nosniff').send(file.bytes);
    });
  };
}
