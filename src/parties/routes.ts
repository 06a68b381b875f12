/**
 * /api/parties: the registry. Thin: parse, declare the action, call the service, answer. Names come in the
 * reader's language (Accept-Language).
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { auditActor } from '../platform/audit/audit.ts';
import { requireActor } from '../platform/http/guard.ts';
import { requestLanguage } from '../platform/http/language.ts';
import { authorize } from '../policy/policy.ts';
import { ApiError } from '../shared/auth.ts';
import {
  PartyCreate, PartyDetail, PartyExternalIdInput, PartyList, PartyListQuery, PartyMerge, PartyMergeBody, PartyNameInput, PartyPatch,
  PartyPropose, PartyRelationInput, PartySeedReport, PartySuggestions, PartySuggestQuery,
} from '../shared/parties.ts';
import { confirmParty, createParty, proposeParty, updateParty } from './manage.ts';
import { mergeParties, undoMerge } from './merge.ts';
import { addPartyExternalId, addPartyName, addPartyRelation, removePartyExternalId, removePartyName, removePartyRelation } from './names.ts';
import { seedReferenceParties } from './seed.ts';
import { getParty, listPartiesFor, suggestPartiesFor } from './service.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError };
const uuid = z.uuid({ error: 'not_an_id' });
const PartyParams = z.object({ id: uuid }).strict();
const tags = ['parties'];

export function partyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('', {
      config: { policy: 'parties:read' },
      schema: { tags, summary: 'Reference parties and your organisation\'s own: search, filters, pages', querystring: PartyListQuery, response: { 200: PartyList, ...errors } },
    }, async (req) => listPartiesFor(ctx, requireActor(req), req.query, requestLanguage(req.headers['accept-language'])));
    app.get('/suggest', {
      config: { policy: 'parties:read' },
      schema: { tags, summary: 'Type-ahead over every name and alias, in every language (accents, case and word order aside)', querystring: PartySuggestQuery, response: { 200: PartySuggestions, ...errors } },
    }, async (req) => suggestPartiesFor(ctx, requireActor(req), req.query, requestLanguage(req.headers['accept-language'])));
    app.get('/:id', {
      config: { policy: 'parties:read' },
      schema: { tags, summary: 'One party: names by language, ids, relations, merges, attribution', params: PartyParams, response: { 200: PartyDetail, ...errors } },
    }, async (req) => getParty(ctx, requireActor(req), req.params.id, requestLanguage(req.headers['accept-language'])));
    app.post('/proposals', {
      config: { policy: 'parties:propose' },
      schema: { tags, summary: 'Propose a new party from a form: your organisation\'s own, unconfirmed until a coordinator confirms it', body: PartyPropose, response: { 201: PartyDetail, ...errors } },
    }, async (req, reply) => reply.status(201).send(await proposeParty(ctx, requireActor(req), req.body, requestLanguage(req.headers['accept-language']), req.ip)));
    app.post('', {
      config: { policy: 'parties:manage' },
      schema: { tags, summary: 'Create a party of your organisation (coordinators)', body: PartyCreate, response: { 201: PartyDetail, ...errors } },
    }, async (req, reply) => reply.status(201).send(await createParty(ctx, requireActor(req), req.body, requestLanguage(req.headers['accept-language']), req.ip)));
    app.patch('/:id', {
      config: { policy: 'parties:manage' },
      schema: { tags, summary: 'Change one of your organisation\'s parties (reference parties are read-only)', params: PartyParams, body: PartyPatch, response: { 200: PartyDetail, ...errors } },
    }, async (req) => updateParty(ctx, requireActor(req), req.params.id, req.body, requestLanguage(req.headers['accept-language']), req.ip));
    app.post('/:id/confirm', {
      config: { policy: 'parties:manage' },
      schema: { tags, summary: 'Confirm a proposed party of your organisation', params: PartyParams, response: { 200: PartyDetail, ...errors } },
    }, async (req) => confirmParty(ctx, requireActor(req), req.params.id, requestLanguage(req.headers['accept-language']), req.ip));
    app.post('/:id/merge', {
      config: { policy: 'parties:manage' },
      schema: { tags, summary: 'Merge this party of your organisation (a duplicate) into another party; undoable', params: PartyParams, body: PartyMergeBody, response: { 200: PartyMerge, ...errors } },
    }, async (req) => mergeParties(ctx, requireActor(req), req.params.id, req.body.intoId, requestLanguage(req.headers['accept-language']), req.ip));
    app.post('/merges/:id/undo', {
      config: { policy: 'parties:manage' },
      schema: { tags, summary: 'Undo a merge: everything it moved goes back, or nothing if anything changed since', params: PartyParams, response: { 200: PartyMerge, ...errors } },
    }, async (req) => undoMerge(ctx, requireActor(req), req.params.id, requestLanguage(req.headers['accept-language']), req.ip));
    app.post('/seed', {
      config: { policy: 'parties:seed' },
      schema: { tags, summary: 'Load the shared reference parties (UCDP/PRIO, SVAC) shipped with Salama; changes nothing when done', response: { 200: PartySeedReport, ...errors } },
    }, async (req) => {
      const actor = requireActor(req);
      authorize(actor, 'parties:seed');
      return seedReferenceParties(ctx.db, auditActor(actor, req.ip));
    });
    registerSurroundings(app, ctx);
  };
}

/** Names, ids and relations of a party (the organisation's own rows). */
function registerSurroundings(app: Parameters<FastifyPluginAsyncZod>[0], ctx: AppContext): void {
  const lang = (h: string | string[] | undefined) => requestLanguage(h);
  app.post('/:id/names', {
    config: { policy: 'parties:manage' },
    schema: { tags, summary: 'Add a name or alias (on a reference party: your organisation\'s own alias)', params: PartyParams, body: PartyNameInput, response: { 201: PartyDetail, ...errors } },
  }, async (req, reply) => reply.status(201).send(await addPartyName(ctx, requireActor(req), req.params.id, req.body, lang(req.headers['accept-language']), req.ip)));
  app.delete('/:id/names/:nameId', {
    config: { policy: 'parties:manage' },
    schema: { tags, summary: 'Remove one of your organisation\'s names of the party', params: z.object({ id: uuid, nameId: uuid }).strict(), response: { 200: PartyDetail, ...errors } },
  }, async (req) => removePartyName(ctx, requireActor(req), req.params.id, req.params.nameId, lang(req.headers['accept-language']), req.ip));
  app.post('/:id/external-ids', {
    config: { policy: 'parties:manage' },
    schema: { tags, summary: 'Add a crosswalk id (UCDP, ACLED, other)', params: PartyParams, body: PartyExternalIdInput, response: { 201: PartyDetail, ...errors } },
  }, async (req, reply) => reply.status(201).send(await addPartyExternalId(ctx, requireActor(req), req.params.id, req.body, lang(req.headers['accept-language']), req.ip)));
  app.delete('/:id/external-ids/:externalId', {
    config: { policy: 'parties:manage' },
    schema: { tags, summary: 'Remove one of your organisation\'s ids of the party', params: z.object({ id: uuid, externalId: uuid }).strict(), response: { 200: PartyDetail, ...errors } },
  }, async (req) => removePartyExternalId(ctx, requireActor(req), req.params.id, req.params.externalId, lang(req.headers['accept-language']), req.ip));
  app.post('/:id/relations', {
    config: { policy: 'parties:manage' },
    schema: { tags, summary: 'Record a relation (affiliation, faction of, split from, merged into) with another party', params: PartyParams, body: PartyRelationInput, response: { 201: PartyDetail, ...errors } },
  }, async (req, reply) => reply.status(201).send(await addPartyRelation(ctx, requireActor(req), req.params.id, req.body, lang(req.headers['accept-language']), req.ip)));
  app.delete('/:id/relations/:relationId', {
    config: { policy: 'parties:manage' },
    schema: { tags, summary: 'Remove one of your organisation\'s relations of the party', params: z.object({ id: uuid, relationId: uuid }).strict(), response: { 200: PartyDetail, ...errors } },
  }, async (req) => removePartyRelation(ctx, requireActor(req), req.params.id, req.params.relationId, lang(req.headers['accept-language']), req.ip));
}
