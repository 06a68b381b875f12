/**
 * Builds the Fastify application: logging with redaction, security headers, cookies, rate limits, the
 * guard (authentication, CSRF, route policy), the API routes with zod validation and the OpenAPI document
 * generated from the same schemas, and the built web app with client-side routing.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { loggerOptions } from '../log/logger.ts';
import { VERSION } from '../version.ts';
import { registerErrorHandler } from './error-handler.ts';
import { isApiPath, registerGuard } from './guard.ts';
import { healthRoutes } from './health.ts';
import { authRoutes } from '../../identity/routes.ts';
import { incidentRoutes } from '../../incidents/routes.ts';
import { memberRoutes } from '../../identity/member-routes.ts';
import { duplicateDecisionRoutes, duplicateScanRoutes } from '../../incidents/duplicates/routes.ts';
import { placeRoutes } from '../../places/routes.ts';
import { draftRoutes } from '../../drafts/routes.ts';
import { lookupRoutes } from '../../lookups/routes.ts';
import { importMappingRoutes, importRoutes } from '../../imports/routes.ts';
import { reviewRoutes } from '../../incidents/reviews/routes.ts';
import { organisationRoutes } from '../../organisation/routes.ts';

export const WEB_DIST = fileURLToPath(new URL('../../../dist/web', import.meta.url));

export interface AppOptions {
  logLevel?: string;
  /** See Config.trustProxy: never `true` (any client could then choose its IP). */
  trustProxy?: false | number | string;
  webDist?: string | null;
  /** Sign-in and two-factor attempts per IP per minute (default 10); tests that sign in often raise it. */
  authAttemptsPerMinute?: number;
  /** Where logs go (default stdout); the log-redaction test reads them back. */
  logStream?: { write(line: string): void };
}

const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "font-src 'self'", "connect-src 'self'", "worker-src 'self' blob:", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
].join('; ');

const trustHops = (n: number) => (_address: string, hop: number) => hop < n;

export async function buildApp(ctx: AppContext, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { ...loggerOptions(opts.logLevel ?? 'info'), ...(opts.logStream ? { stream: opts.logStream } : {}) },
    // A hop count becomes proxy-addr's "trust the n nearest hops" function (the typings lack the number form).
    trustProxy: typeof opts.trustProxy === 'number' ? trustHops(opts.trustProxy) : (opts.trustProxy ?? false),
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('content-security-policy', CSP);
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
    // Nothing from the API may sit in a browser or proxy cache.
    if (isApiPath(req.routeOptions.url) || isApiPath(req.url)) reply.header('cache-control', 'no-store');
    return payload;
  });

  // Field offices work over slow links: compress what is sent (the web app shrinks about 3.4 times). Routes
  // that answer with the session's CSRF token opt out (routes.ts), so no secret shares a compressed body
  // with attacker-influenced text (BREACH).
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(cookie);
  await app.register(rateLimit, { global: true, max: 600, timeWindow: '1 minute' });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Salama API', version: VERSION, description: 'Monitoring, analysis and reporting of conflict-related sexual violence. Authentication by session cookie; state-changing requests need the x-csrf-token header from /api/auth/me.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'salama_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  registerGuard(app, ctx);

  await app.register(healthRoutes(ctx), { prefix: '/api' });
  await app.register(authRoutes(ctx, opts.authAttemptsPerMinute ?? 10), { prefix: '/api/auth' });
  await app.register(incidentRoutes(ctx), { prefix: '/api/incidents' });
  await app.register(memberRoutes(ctx), { prefix: '/api/users' });
  await app.register(duplicateDecisionRoutes(ctx), { prefix: '/api/duplicate-decisions' });
  await app.register(duplicateScanRoutes(ctx), { prefix: '/api/duplicates' });
  await app.register(placeRoutes(ctx), { prefix: '/api/places' });
  await app.register(draftRoutes(ctx), { prefix: '/api/drafts' });
  await app.register(lookupRoutes(ctx), { prefix: '/api/lookups' });
  await app.register(importRoutes(ctx), { prefix: '/api/imports' });
  await app.register(importMappingRoutes(ctx), { prefix: '/api/import-mappings' });
  await app.register(reviewRoutes(ctx), { prefix: '/api/reviews' });
  await app.register(organisationRoutes(ctx), { prefix: '/api/organisation' });
  app.get('/api/openapi.json', { config: { policy: 'public' }, schema: { hide: true } }, async () => app.swagger());

  const webDist = opts.webDist === undefined ? WEB_DIST : opts.webDist;
  const hasWeb = webDist !== null && existsSync(`${webDist}/index.html`);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist, wildcard: false, index: ['index.html'], cacheControl: false,
      // Built assets carry a content hash in their names: cache them for good; the HTML shell never.
      setHeaders: (res, path) => {
        res.setHeader('cache-control', /[/\\]assets[/\\]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (isApiPath(req.url) || req.method !== 'GET') {
      return reply.status(404).send({ error: { code: 'not_found', message: `no such endpoint: ${req.method} ${req.url.split('?')[0]}` } });
    }
    if (!hasWeb) return reply.status(503).type('text/plain').send('The web app is not built: run "npm run build".');
    // Client-side routes (/incidents/..., /account) are served the app shell.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
