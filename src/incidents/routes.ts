/** /api/incidents: thin handlers: validate (zod), authorise (guard + service), call the service, present. */
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { requireActor } from '../platform/http/guard.ts';
import { ApiError } from '../shared/auth.ts';
import { IncidentDecision, IncidentCreate, IncidentDelete, IncidentErase, IncidentDetail, IncidentHistory, IncidentList, IncidentListQuery, IncidentPatch } from '../shared/incident.ts';
import { IncidentExportCount, IncidentExportPackage, IncidentExportQuery } from '../shared/export.ts';
import { DuplicateCandidates, DuplicateDecision, DuplicateDecisionBody, DuplicateDecisions } from '../shared/duplicates.ts';
import { createIncident, deleteIncident, getIncident, incidentHistory, listIncidents } from './service.ts';
import { updateIncident } from './update.ts';
import { eraseIncident } from './erase.ts';
import { countExport, exportIncidents, type ExportResult } from './export.ts';
import { exportPackage } from './export-package.ts';
import { decideDuplicate, duplicateCandidates, duplicateDecisionsOf } from './duplicates/service.ts';
import { decideIncident } from './decision.ts';
import { putToReview, withdrawReview } from './reviews/service.ts';
import { ReviewRequest } from '../shared/review.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError };
const IdParams = z.object({ id: z.uuid({ error: 'must be an incident id (UUID)' }) });

/** The file, named; `x-salama-records` incidents in `x-salama-rows` rows (more rows when one per violation). */
function sendExport(reply: FastifyReply, e: ExportResult) {
  return reply.type(e.contentType).header('content-disposition', `attachment; filename="${e.fileName}"`)
    .header('x-salama-records', String(e.records)).header('x-salama-rows', String(e.rows)).send(e.stream);
}

export function incidentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('', {
      config: { policy: 'incident:list' },
      schema: { tags: ['incidents'], summary: 'List incidents the user may see (filters, paging, sorting)', querystring: IncidentListQuery, response: { 200: IncidentList, ...errors } },
    }, async (req) => listIncidents(ctx, requireActor(req), req.query, req.ip));

    app.get('/export', {
      config: { policy: 'incident:export' },
      schema: { tags: ['incidents'], summary: 'Export what you may see as CSV, XLSX or JSON (codes, labels in en/fr/ar or both; a row per incident or per violation; optionally with HXL hashtags), streamed, no row cap; audited', querystring: IncidentExportQuery },
    }, async (req, reply) => sendExport(reply, await exportIncidents(ctx, requireActor(req), req.query, req.ip)));

    app.get('/export/count', {
      config: { policy: 'incident:export' },
      schema: { tags: ['incidents'], summary: 'How many records (and rows) the export with these filters and options would hold, before making it; audited', querystring: IncidentExportQuery, response: { 200: IncidentExportCount, ...errors } },
    }, async (req) => countExport(ctx, requireActor(req), req.query, req.ip));

    app.post('/export-package', {
      config: { policy: 'incident:export' },
      schema: { tags: ['incidents'], summary: 'The same export inside a ZIP encrypted with AES-256 under your passphrase (sent in the body, never kept); audited', body: IncidentExportPackage },
    }, async (req, reply) => {
      const { passphrase, ...q } = req.body;
      return sendExport(reply, await exportPackage(ctx, requireActor(req), q, passphrase, req.ip));
    });

    app.post('', {
      config: { policy: 'incident:create' },
      schema: { tags: ['incidents'], summary: 'Record an incident', body: IncidentCreate, response: { 201: IncidentDetail, ...errors } },
    }, async (req, reply) => reply.status(201).send(await createIncident(ctx, requireActor(req), req.body, req.ip)));

    app.get('/:id', {
      config: { policy: 'incident:read' },
      schema: { tags: ['incidents'], summary: 'One incident with its identifying fields (the read is audited)', params: IdParams, response: { 200: IncidentDetail, ...errors } },
    }, async (req) => getIncident(ctx, requireActor(req), req.params.id, req.ip));

    app.patch('/:id', {
      config: { policy: 'incident:update' },
      schema: { tags: ['incidents'], summary: 'Change an incident (send the version you edited)', params: IdParams, body: IncidentPatch, response: { 200: IncidentDetail, ...errors } },
    }, async (req) => updateIncident(ctx, requireActor(req), req.params.id, req.body, req.ip));

    app.post('/:id/decision', {
      config: { policy: 'incident:decide' },
      schema: { tags: ['verification'], summary: 'Record a verification decision (status, reason, standard of proof, sources relied on, note) or reopen one; a new version, audited; four eyes as the organisation provides it', params: IdParams, body: IncidentDecision, response: { 200: IncidentDetail, ...errors } },
    }, async (req) => decideIncident(ctx, requireActor(req), req.params.id, req.body, req.ip));

    app.post('/:id/review', {
      config: { policy: 'incident:put_to_review' },
      schema: { tags: ['verification'], summary: 'Put the record to one of the organisation\'s designated partner reviewers (its recorder or a coordinator; audited)', params: IdParams, body: ReviewRequest, response: { 200: IncidentDetail, ...errors } },
    }, async (req) => putToReview(ctx, requireActor(req), req.params.id, req.body, req.ip));

    app.delete('/:id/review', {
      config: { policy: 'incident:put_to_review' },
      schema: { tags: ['verification'], summary: 'Withdraw the record from its reviewer (who loses access at once; audited)', params: IdParams, response: { 200: IncidentDetail, ...errors } },
    }, async (req) => withdrawReview(ctx, requireActor(req), req.params.id, req.ip));

    app.get('/:id/history', {
      config: { policy: 'incident:read' },
      schema: { tags: ['incidents'], summary: 'Every version of an incident: who changed what, when (the read is audited)', params: IdParams, response: { 200: IncidentHistory, ...errors } },
    }, async (req) => ({ items: await incidentHistory(ctx, requireActor(req), req.params.id, req.ip) }));

    app.delete('/:id', {
      config: { policy: 'incident:delete' },
      schema: { tags: ['incidents'], summary: 'Soft-delete an incident with a reason (coordinators); history and audit keep it', params: IdParams, body: IncidentDelete, response: { 204: z.null(), ...errors } },
    }, async (req, reply) => {
      await deleteIncident(ctx, requireActor(req), req.params.id, req.body, req.ip);
      return reply.status(204).send(null);
    });

    app.post('/:id/erase', {
      config: { policy: 'incident:erase' },
      schema: { tags: ['incidents'], summary: 'Erase the identifying part on withdrawal of consent (crypto-shredding; coordinators)', params: IdParams, body: IncidentErase, response: { 200: IncidentDetail, ...errors } },
    }, async (req) => eraseIncident(ctx, requireActor(req), req.params.id, req.body, req.ip));

    app.get('/:id/duplicates', {
      config: { policy: 'incident:read' },
      schema: { tags: ['duplicates'], summary: 'Likely duplicates among the records you may see, with the evidence field by field', params: IdParams, response: { 200: DuplicateCandidates, ...errors } },
    }, async (req) => duplicateCandidates(ctx, requireActor(req), req.params.id, req.ip));

    app.post('/:id/duplicates', {
      config: { policy: 'incident:link' },
      schema: { tags: ['duplicates'], summary: 'Decide on a likely duplicate: the same incident (linked; this one is counted) or distinct', params: IdParams, body: DuplicateDecisionBody, response: { 200: DuplicateDecision, ...errors } },
    }, async (req) => decideDuplicate(ctx, requireActor(req), req.params.id, req.body, req.ip));

    app.get('/:id/duplicate-decisions', {
      config: { policy: 'incident:read' },
      schema: { tags: ['duplicates'], summary: 'Duplicate decisions involving this incident, newest first (undone ones included)', params: IdParams, response: { 200: DuplicateDecisions, ...errors } },
    }, async (req) => ({ items: await duplicateDecisionsOf(ctx, requireActor(req), req.params.id, req.ip) }));
  };
}
