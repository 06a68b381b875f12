/**
 * The composition root: assembles the platform's HTTP app and job system from the capabilities. Nothing in
 * src/platform imports a capability; this folder is the only place that knows them all.
 */
import type { FastifyInstance } from 'fastify';
import type PgBoss from 'pg-boss';
import type { AppContext } from '../platform/context.ts';
import type { Logger } from '../platform/log/logger.ts';
import { buildHttpApp, type AppOptions } from '../platform/http/app.ts';
import { startJobs, type PlatformJobs } from '../platform/jobs/jobs.ts';
import { sessionAuthenticator } from '../identity/sessions.ts';
import { CAPABILITIES } from './capabilities.ts';

export { WEB_DIST, type AppOptions } from '../platform/http/app.ts';

/** The whole server's HTTP app: every capability's routes behind the guard, the OpenAPI document, the web app. */
export function buildApp(ctx: AppContext, opts: AppOptions = {}): Promise<FastifyInstance> {
  return buildHttpApp(ctx, { capabilities: CAPABILITIES, authenticator: sessionAuthenticator(ctx) }, opts);
}

/** The job system with every capability's workers and schedules (and the platform's audit checkpoint). */
export function startServerJobs(ctx: AppContext, url: string, log: Logger, platform: PlatformJobs): Promise<PgBoss> {
  return startJobs(ctx, url, log, platform, CAPABILITIES);
}
