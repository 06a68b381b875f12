/** /api/organisation: the organisation's settings (administrators change them) and its recording rules. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { requireActor } from '../platform/http/guard.ts';
import { ApiError } from '../shared/auth.ts';
import { OrganisationSettings, OrganisationSettingsUpdate, RecordingRules } from '../shared/organisation.ts';
import { getRecordingRules, getSettings, updateSettings } from './service.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError };

export function organisationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/settings', {
      config: { policy: 'organisation:settings:read' },
      schema: { tags: ['organisation'], summary: 'Your organisation\'s settings: four eyes, completeness, narrative limit, two-factor (administrators and coordinators)', response: { 200: OrganisationSettings, ...errors } },
    }, async (req) => getSettings(ctx, requireActor(req)));
    app.put('/settings', {
      config: { policy: 'organisation:settings:manage' },
      schema: { tags: ['organisation'], summary: 'Change your organisation\'s settings (administrators; audited)', body: OrganisationSettingsUpdate, response: { 200: OrganisationSettings, ...errors } },
    }, async (req) => updateSettings(ctx, requireActor(req), req.body, req.ip));
    app.get('/rules', {
      config: { policy: 'organisation:rules' },
      schema: { tags: ['organisation'], summary: 'The rules records follow here (completeness, narrative limit, four-eyes mode and its reviewers)', response: { 200: RecordingRules, ...errors } },
    }, async (req) => getRecordingRules(ctx, requireActor(req)));
  };
}
