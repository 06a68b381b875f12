/**
 * /api/reference: the datasets' versions as the reader's organisation reads them (everyone who reads
 * parties), a version loaded by a coordinator for their organisation (the body is the CSV itself) or chosen
 * among those listed (or the server's default again), the matching of the datasets' actors to the registry
 * (coordinators), and the dashboard's panel; and beside the registry's routes, a party's reference figures
 * (/api/parties/:id/reference-prevalence). Thin: parse, declare the action, call the service, answer.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/http/errors.ts';
import { requireActor } from '../platform/http/guard.ts';
import { requestLanguage } from '../platform/http/language.ts';
import { rejectedFile } from '../platform/http/rejected-file.ts';
import { ApiError } from '../shared/auth.ts';
import {
  ActorDecide, ActorMatching, ActorUndo, DatasetChoose, DatasetList, DatasetLoaded, DatasetLoadQuery, DatasetParams, DatasetRejected, PartyPrevalence,
  ReferenceOverview, ReferenceOverviewQuery,
} from '../shared/reference.ts';
import { chooseVersion, listDatasets, uploadVersion } from './datasets.ts';
import { decideActor, listMatching, undoActorDecision } from './matching.ts';
import { partyPrevalence, referenceOverview } from './prevalence.ts';

/** SVAC 3.2 is 1.1 MB; a dataset ten times as large still fits. */
export const MAX_DATASET_BYTES = 20 * 1024 * 1024;
const FILE_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/octet-stream'];
const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError };
const tags = ['reference'];
const lang = (h: string | string[] | undefined) => requestLanguage(h);

export function referenceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: MAX_DATASET_BYTES }, (_req, body, done) => done(null, body));

    app.get('/datasets', {
      config: { policy: 'reference:read' },
      schema: { tags, summary: 'The reference datasets (SVAC, RSVAC): the version the organisation reads (its choice, else the server default), with its citation, and the versions it may choose', response: { 200: DatasetList, ...errors } },
    }, async (req) => listDatasets(ctx, requireActor(req)));

    app.post('/datasets/:dataset/versions', {
      config: { policy: 'reference:load' },
      bodyLimit: MAX_DATASET_BYTES,
      schema: {
        tags, summary: 'Load a version of a dataset (the body is the CSV): read strictly against the codebook, all rows or none; it becomes current for the coordinator\'s organisation only. The same file as a stored version chooses that version',
        params: DatasetParams, querystring: DatasetLoadQuery,
        response: { 200: DatasetLoaded, 201: DatasetLoaded, 400: DatasetRejected, 401: ApiError, 403: ApiError, 413: ApiError, 415: ApiError },
      },
    }, async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError(415, 'unsupported_media_type', 'body: send the CSV file itself, as text/csv');
      const outcome = await uploadVersion(ctx, requireActor(req), req.params.dataset, req.body, req.query, req.ip);
      if (!outcome.ok) return reply.status(400).send(rejectedFile('invalid_dataset', outcome, req.headers['accept-language'], { columnLabels: false }));
      return reply.status(outcome.loaded.created ? 201 : 200).send(outcome.loaded);
    });

    app.post('/datasets/:dataset/current', {
      config: { policy: 'reference:load' },
      schema: {
        tags, summary: 'Choose the version the organisation reads: one listed (the operator\'s or the organisation\'s own), or null for the server default. Audited',
        params: DatasetParams, body: DatasetChoose, response: { 200: DatasetList, ...errors },
      },
    }, async (req) => chooseVersion(ctx, requireActor(req), req.params.dataset, req.body.versionId, req.ip));

    app.get('/matching', {
      config: { policy: 'reference:match' },
      schema: { tags, summary: 'The actors of the versions the organisation reads that nothing links to a party, with proposed parties, and the organisation\'s decisions', response: { 200: ActorMatching, ...errors } },
    }, async (req) => listMatching(ctx, requireActor(req), lang(req.headers['accept-language'])));

    app.post('/matching/decisions', {
      config: { policy: 'reference:match' },
      schema: { tags, summary: 'Decide an actor: the party it is, or not in the registry (the organisation\'s own decision, audited)', body: ActorDecide, response: { 200: ActorMatching, ...errors } },
    }, async (req) => decideActor(ctx, requireActor(req), req.body, req.ip, lang(req.headers['accept-language'])));

    app.post('/matching/undo', {
      config: { policy: 'reference:match' },
      schema: { tags, summary: 'Undo the decision on an actor (it links again by id or name, or is unmatched)', body: ActorUndo, response: { 200: ActorMatching, ...errors } },
    }, async (req) => undoActorDecision(ctx, requireActor(req), req.body.key, req.ip, lang(req.headers['accept-language'])));

    app.get('/overview', {
      config: { policy: 'reference:read' },
      schema: { tags, summary: 'The dashboard\'s panel: parties with their latest and highest SVAC prevalence, with the citation', querystring: ReferenceOverviewQuery, response: { 200: ReferenceOverview, ...errors } },
    }, async (req) => referenceOverview(ctx, requireActor(req), req.query, lang(req.headers['accept-language'])));
  };
}

const Params = z.object({ id: z.uuid({ error: 'not_an_id' }) }).strict();

export function partyReferenceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/:id/reference-prevalence', {
      config: { policy: 'reference:read' },
      schema: { tags, summary: 'The party\'s prevalence per year in the SVAC and RSVAC versions the organisation reads (public sources, never added to the mission\'s counts), with the citations', params: Params, response: { 200: PartyPrevalence, ...errors } },
    }, async (req) => partyPrevalence(ctx, requireActor(req), req.params.id, req.ip));
  };
}
