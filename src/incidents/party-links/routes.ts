/** /api/party-texts: party names written in records that nothing links yet, and a coordinator's decision on one. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/http/guard.ts';
import { requestLanguage } from '../../platform/http/language.ts';
import { ApiError } from '../../shared/auth.ts';
import { PartyTextList, PartyTextResolve, PartyTextResolved } from '../../shared/party-links.ts';
import { listPartyTexts, resolvePartyText } from './texts.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError };

export function partyTextRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('', {
      config: { policy: 'incident:resolve_parties' },
      schema: { tags: ['parties'], summary: 'Party names in the records that no registry party links yet, with the closest parties as proposals', response: { 200: PartyTextList, ...errors } },
    }, async (req) => listPartyTexts(ctx, requireActor(req), requestLanguage(req.headers['accept-language'])));
    app.post('/resolve', {
      config: { policy: 'incident:resolve_parties' },
      schema: { tags: ['parties'], summary: 'Decide what a written party name stands for (learnt as an alias), and link every record naming it', body: PartyTextResolve, response: { 200: PartyTextResolved, ...errors } },
    }, async (req) => resolvePartyText(ctx, requireActor(req), req.body, req.ip));
  };
}
