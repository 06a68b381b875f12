/**
 * /api/reports: reports, their narratives, versions (generated in the background), the workflow, comments,
 * documents and files, the figures moved since a version, and templates. Thin: parse, declare the action,
 * call the service, answer.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { attachment } from '../platform/http/attachment.ts';
import { requireActor } from '../platform/http/guard.ts';
import { requestLanguage } from '../platform/http/language.ts';
import { ApiError } from '../shared/auth.ts';
import { ReportDocument } from '../shared/report-document.ts';
import {
  CommentInput, CommentList, DocumentQuery, FileQuery, Generation, Narrative, NarrativeInput, NarrativeParams, Report, ReportComment, ReportCreate, ReportEventInput, ReportList,
  ReportParams, ReportPatch, Template, TemplateInput, TemplateKindParams, TemplateList, VersionChanges, VersionParams,
} from '../shared/reports.ts';
import { versionChanges, versionDocument, versionFile } from './files.ts';
import { requestGeneration } from './generate.ts';
import { addComment, createReport, getReport, listComments, listReports, moveVersion, patchReport, writeNarrative } from './service.ts';
import { listTemplates, saveTemplate, templateVersions } from './templates.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError };
const tags = ['reports'];
const lang = (h: string | string[] | undefined) => requestLanguage(h);
const ChangesQuery = z.object({ lang: z.enum(['en', 'fr', 'ar']).optional() }).strict();

export function reportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/', {
      config: { policy: 'reports:read' },
      schema: { tags, summary: 'Reports (viewers: those with an approved or submitted version)', response: { 200: ReportList, ...errors } },
    }, async (req) => listReports(ctx, requireActor(req), lang(req.headers['accept-language'])));
    app.post('/', {
      config: { policy: 'reports:manage' },
      schema: { tags, summary: 'Start a report: quarterly, annual input or listing evidence pack', body: ReportCreate, response: { 201: Report, ...errors } },
    }, async (req, reply) => reply.status(201).send(await createReport(ctx, requireActor(req), req.body, lang(req.headers['accept-language']), req.ip)));

    app.get('/templates', {
      config: { policy: 'reports:manage' },
      schema: { tags, summary: 'The template each kind of report uses now', response: { 200: TemplateList, ...errors } },
    }, async (req) => listTemplates(ctx, requireActor(req)));
    app.get('/templates/:kind/versions', {
      config: { policy: 'reports:manage' },
      schema: { tags, summary: 'Every version of a kind\'s template, newest first', params: TemplateKindParams, response: { 200: TemplateList, ...errors } },
    }, async (req) => templateVersions(ctx, requireActor(req), req.params.kind));
    app.put('/templates/:kind', {
      config: { policy: 'reports:manage' },
      schema: { tags, summary: 'Change a kind\'s template (a new version; reports keep the version they used)', params: TemplateKindParams, body: TemplateInput, response: { 200: Template, ...errors } },
    }, async (req) => saveTemplate(ctx, requireActor(req), req.params.kind, req.body, req.ip));

    app.get('/:id', {
      config: { policy: 'reports:read' },
      schema: { tags, summary: 'One report: its versions (viewers: approved and submitted only), narratives and generation', params: ReportParams, response: { 200: Report, ...errors } },
    }, async (req) => getReport(ctx, requireActor(req), req.params.id, lang(req.headers['accept-language']), req.ip));
    app.patch('/:id', {
      config: { policy: 'reports:manage' },
      schema: { tags, summary: 'Change a report\'s title or the parties proposed for the annex', params: ReportParams, body: ReportPatch, response: { 200: Report, ...errors } },
    }, async (req) => patchReport(ctx, requireActor(req), req.params.id, req.body, lang(req.headers['accept-language']), req.ip));
    app.put('/:id/narratives/:key', {
      config: { policy: 'reports:manage' },
      schema: { tags, summary: 'Write a narrative section (the next version freezes it)', params: NarrativeParams, body: NarrativeInput, response: { 200: Narrative, ...errors } },
    }, async (req) => writeNarrative(ctx, requireActor(req), req.params.id, req.params.key, req.body, req.ip));
    app.post('/:id/versions', {
      config: { policy: 'reports:manage' },
      schema: { tags, summary: 'Generate a new version in the background (its progress is the report\'s generation)', params: ReportParams, response: { 202: Generation, ...errors, 503: ApiError } },
    }, async (req, reply) => reply.status(202).send(await requestGeneration(ctx, requireActor(req), req.params.id, req.ip)));
    app.post('/:id/versions/:version/events', {
      config: { policy: 'reports:manage' },
      schema: { tags, summary: 'Move a version: to review, back to draft, approved, submitted', params: VersionParams, body: ReportEventInput, response: { 200: Report, ...errors } },
    }, async (req) => moveVersion(ctx, requireActor(req), req.params.id, req.params.version, req.body, lang(req.headers['accept-language']), req.ip));
    app.get('/:id/versions/:version/comments', {
      config: { policy: 'reports:manage' },
      schema: { tags, summary: 'Comments on a version, by section', params: VersionParams, response: { 200: CommentList, ...errors } },
    }, async (req) => listComments(ctx, requireActor(req), req.params.id, req.params.version, req.ip));
    app.post('/:id/versions/:version/comments', {
      config: { policy: 'reports:manage' },
      schema: { tags, summary: 'Comment on a version or one of its sections', params: VersionParams, body: CommentInput, response: { 201: ReportComment, ...errors } },
    }, async (req, reply) => reply.status(201).send(await addComment(ctx, requireActor(req), req.params.id, req.params.version, req.body, req.ip)));
    app.get('/:id/versions/:version/document', {
      config: { policy: 'reports:read' },
      schema: { tags, summary: 'A version as a document in one language (the reading view)', params: VersionParams, querystring: DocumentQuery, response: { 200: ReportDocument, ...errors } },
    }, async (req) => versionDocument(ctx, requireActor(req), req.params.id, req.params.version, req.query.lang, req.ip));
    app.get('/:id/versions/:version/file', {
      config: { policy: 'reports:read' },
      schema: { tags, summary: 'A version as PDF or DOCX in one language (the same version gives the same bytes)', params: VersionParams, querystring: FileQuery },
    }, async (req, reply) => {
      const file = await versionFile(ctx, requireActor(req), req.params.id, req.params.version, req.query.format, req.query.lang, req.ip);
      return reply.header('content-type', file.contentType).header('content-disposition', attachment(file.filename)).header('cache-control', 'no-store').send(file.body);
    });
    app.get('/:id/versions/:version/changes', {
      config: { policy: 'reports:manage' },
      schema: { tags, summary: 'The figures that moved since the version was frozen (counted again now)', params: VersionParams, querystring: ChangesQuery, response: { 200: VersionChanges, ...errors } },
    }, async (req) => versionChanges(ctx, requireActor(req), req.params.id, req.params.version, req.query.lang ?? lang(req.headers['accept-language']), req.ip));
  };
}
