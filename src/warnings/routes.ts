/**
 * /api/warnings: the indicator registry, observations, rules with their backtest, the evaluation on demand,
 * and alerts with their workflow. Thin: parse, declare the action, call the service, answer.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { requireActor } from '../platform/http/guard.ts';
import { requestLanguage } from '../platform/http/language.ts';
import { AppError } from '../platform/http/errors.ts';
import { authorize } from '../policy/policy.ts';
import { ApiError } from '../shared/auth.ts';
import {
  Alert, AlertCounts, AlertEventInput, AlertList, AlertListQuery, AlertReport, AlertReportQuery, Backtest, BacktestQuery, EvaluateResult, Indicator, IndicatorCreate, IndicatorList,
  IndicatorPatch, Observation, ObservationCreate, ObservationDelete, ObservationList, ObservationListQuery, Rule, RuleInput, RuleList,
} from '../shared/warnings.ts';
import { addAlertEvent, alertCounts, getAlert, listAlerts } from './alerts.ts';
import { backtest } from './backtest.ts';
import { alertReport } from './report.ts';
import { EVALUATE_QUEUE } from './job.ts';
import {
  createIndicator, createObservation, createRule, deleteObservation, getRule, listIndicators, listObservations, listRules, replaceRule, updateIndicator,
} from './service.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError };
const Params = z.object({ id: z.uuid({ error: 'not_an_id' }) }).strict();
const tags = ['early warning'];
const lang = (h: string | string[] | undefined) => requestLanguage(h);

export function warningRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/indicators', {
      config: { policy: 'warnings:read' },
      schema: { tags, summary: 'The early-warning indicators: the shared registry and your organisation\'s own', response: { 200: IndicatorList, ...errors } },
    }, async (req) => listIndicators(ctx, requireActor(req), lang(req.headers['accept-language'])));
    app.post('/indicators', {
      config: { policy: 'warnings:manage' },
      schema: { tags, summary: 'Add an indicator of your own (coordinators)', body: IndicatorCreate, response: { 201: Indicator, ...errors } },
    }, async (req, reply) => reply.status(201).send(await createIndicator(ctx, requireActor(req), req.body, lang(req.headers['accept-language']), req.ip)));
    app.patch('/indicators/:id', {
      config: { policy: 'warnings:manage' },
      schema: { tags, summary: 'Change or retire one of your own indicators', params: Params, body: IndicatorPatch, response: { 200: Indicator, ...errors } },
    }, async (req) => updateIndicator(ctx, requireActor(req), req.params.id, req.body, lang(req.headers['accept-language']), req.ip));

    app.get('/observations', {
      config: { policy: 'warnings:observe' },
      schema: { tags, summary: 'Observations, newest first (coordinators: all; others: their own)', querystring: ObservationListQuery, response: { 200: ObservationList, ...errors } },
    }, async (req) => listObservations(ctx, requireActor(req), req.query, lang(req.headers['accept-language'])));
    app.post('/observations', {
      config: { policy: 'warnings:observe' },
      schema: { tags, summary: 'Record an observation of an early-warning signal', body: ObservationCreate, response: { 201: Observation, ...errors } },
    }, async (req, reply) => reply.status(201).send(await createObservation(ctx, requireActor(req), req.body, lang(req.headers['accept-language']), req.ip)));
    app.delete('/observations/:id', {
      config: { policy: 'warnings:observe' },
      schema: { tags, summary: 'Remove an observation with a reason (one\'s own; coordinators any)', params: Params, body: ObservationDelete, response: { 204: z.null(), ...errors } },
    }, async (req, reply) => {
      await deleteObservation(ctx, requireActor(req), req.params.id, req.body, req.ip);
      return reply.status(204).send(null);
    });

    app.get('/rules', {
      config: { policy: 'warnings:manage' },
      schema: { tags, summary: 'The organisation\'s rules', response: { 200: RuleList, ...errors } },
    }, async (req) => listRules(ctx, requireActor(req), lang(req.headers['accept-language'])));
    app.post('/rules', {
      config: { policy: 'warnings:manage' },
      schema: { tags, summary: 'Define a rule', body: RuleInput, response: { 201: Rule, ...errors } },
    }, async (req, reply) => reply.status(201).send(await createRule(ctx, requireActor(req), req.body, lang(req.headers['accept-language']), req.ip)));
    app.get('/rules/:id', {
      config: { policy: 'warnings:manage' },
      schema: { tags, summary: 'One rule', params: Params, response: { 200: Rule, ...errors } },
    }, async (req) => getRule(ctx, requireActor(req), req.params.id, lang(req.headers['accept-language'])));
    app.put('/rules/:id', {
      config: { policy: 'warnings:manage' },
      schema: { tags, summary: 'Replace a rule (a new version: its open episodes end)', params: Params, body: RuleInput, response: { 200: Rule, ...errors } },
    }, async (req) => replaceRule(ctx, requireActor(req), req.params.id, req.body, lang(req.headers['accept-language']), req.ip));
    app.get('/rules/:id/backtest', {
      config: { policy: 'warnings:manage' },
      schema: { tags, summary: 'The rule run over past data: where and when it would have fired, and one area\'s series', params: Params, querystring: BacktestQuery, response: { 200: Backtest, ...errors } },
    }, async (req) => backtest(ctx, requireActor(req), req.params.id, req.query, lang(req.headers['accept-language']), req.ip));
    app.post('/evaluate', {
      config: { policy: 'warnings:manage' },
      schema: { tags, summary: 'Evaluate the organisation\'s rules now, in the background', response: { 202: EvaluateResult, ...errors, 503: ApiError } },
    }, async (req, reply) => {
      const actor = requireActor(req);
      authorize(actor, 'warnings:manage');
      if (!ctx.jobs) throw new AppError(503, 'jobs_unavailable', 'background jobs are not running on this server; try again shortly');
      await ctx.jobs.send(EVALUATE_QUEUE, { organisationId: actor.organisationId });
      return reply.status(202).send({ queued: true });
    });

    app.get('/alerts', {
      config: { policy: 'warnings:manage' },
      schema: { tags, summary: 'Alerts, newest first', querystring: AlertListQuery, response: { 200: AlertList, ...errors } },
    }, async (req) => listAlerts(ctx, requireActor(req), req.query, lang(req.headers['accept-language'])));
    app.get('/alerts/counts', {
      config: { policy: 'warnings:manage' },
      schema: { tags, summary: 'New and open alerts (for the navigation)', response: { 200: AlertCounts, ...errors } },
    }, async (req) => alertCounts(ctx, requireActor(req)));
    app.get('/report', {
      config: { policy: 'warnings:summary' },
      schema: { tags, summary: 'What fired where and what was done, for readers beyond the organisation: no figures; regions named only where the protected tier publishes theirs', querystring: AlertReportQuery, response: { 200: AlertReport, ...errors } },
    }, async (req) => alertReport(ctx, requireActor(req), req.query, lang(req.headers['accept-language']), req.ip));
    app.get('/alerts/:id', {
      config: { policy: 'warnings:manage' },
      schema: { tags, summary: 'One alert: its explanation, what lies behind it, its history', params: Params, response: { 200: Alert, ...errors } },
    }, async (req) => getAlert(ctx, requireActor(req), req.params.id, lang(req.headers['accept-language']), req.ip));
    app.post('/alerts/:id/events', {
      config: { policy: 'warnings:manage' },
      schema: { tags, summary: 'Acknowledge, record an action, close, or add a note', params: Params, body: AlertEventInput, response: { 200: Alert, ...errors } },
    }, async (req) => addAlertEvent(ctx, requireActor(req), req.params.id, req.body, lang(req.headers['accept-language']), req.ip));
  };
}
