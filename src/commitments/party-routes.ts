/**
 * A party's compliance record under /api/parties/:id (routes of this capability, beside the registry's own):
 * its listing history, its assessment with every version, and the incidents attributed to it by quarter
 * and form. Thin: parse, declare the action, call the service, answer.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { requireActor } from '../platform/http/guard.ts';
import { ApiError } from '../shared/auth.ts';
import { Assessment, AssessmentInput, IncidentCounts, IncidentCountsQuery, ListingHistory, ListingInput, ListingPatch } from '../shared/compliance.ts';
import { getAssessment, saveAssessment } from './assessment.ts';
import { incidentCounts } from './incident-counts.ts';
import { addListing, listingHistory, removeListing, updateListing } from './listing.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError };
const uuid = z.uuid({ error: 'not_an_id' });
const Params = z.object({ id: uuid }).strict();
const EntryParams = z.object({ id: uuid, entryId: uuid }).strict();
const tags = ['commitments'];

export function partyComplianceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/:id/listing', {
      config: { policy: 'commitments:read' },
      schema: { tags, summary: 'The party\'s listing in the Secretary-General\'s annual reports, oldest report first, as recorded (never decided by Salama)', params: Params, response: { 200: ListingHistory, ...errors } },
    }, async (req) => listingHistory(ctx, requireActor(req), req.params.id));
    app.post('/:id/listing', {
      config: { policy: 'commitments:manage' },
      schema: { tags, summary: 'Record the party\'s listing status in one report year, with the report\'s citation', params: Params, body: ListingInput, response: { 201: ListingHistory, ...errors } },
    }, async (req, reply) => reply.status(201).send(await addListing(ctx, requireActor(req), req.params.id, req.body, req.ip)));
    app.patch('/:id/listing/:entryId', {
      config: { policy: 'commitments:manage' },
      schema: { tags, summary: 'Correct a listing entry', params: EntryParams, body: ListingPatch, response: { 200: ListingHistory, ...errors } },
    }, async (req) => updateListing(ctx, requireActor(req), req.params.id, req.params.entryId, req.body, req.ip));
    app.delete('/:id/listing/:entryId', {
      config: { policy: 'commitments:manage' },
      schema: { tags, summary: 'Remove a listing entry recorded in error', params: EntryParams, response: { 200: ListingHistory, ...errors } },
    }, async (req) => removeListing(ctx, requireActor(req), req.params.id, req.params.entryId, req.ip));
    app.get('/:id/assessment', {
      config: { policy: 'commitments:read' },
      schema: { tags, summary: 'The coordinators\' assessment of the party: the current version and every version before it', params: Params, response: { 200: Assessment, ...errors } },
    }, async (req) => getAssessment(ctx, requireActor(req), req.params.id));
    app.post('/:id/assessment', {
      config: { policy: 'commitments:manage' },
      schema: { tags, summary: 'Save a new version of the assessment (from the version the writer started from)', params: Params, body: AssessmentInput, response: { 201: Assessment, ...errors } },
    }, async (req, reply) => reply.status(201).send(await saveAssessment(ctx, requireActor(req), req.params.id, req.body, req.ip)));
    app.get('/:id/incident-counts', {
      config: { policy: 'commitments:incident_counts' },
      schema: { tags, summary: 'Incidents attributed to the party by quarter and form, alleged or verified only, over the records you may read (audited)', params: Params, querystring: IncidentCountsQuery, response: { 200: IncidentCounts, ...errors } },
    }, async (req) => incidentCounts(ctx, requireActor(req), req.params.id, req.query, req.ip));
  };
}
