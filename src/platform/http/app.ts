/**
 * Builds the Fastify application: logging with redaction, security headers, cookies, rate limits, the
 * guard (authentication, CSRF, route policy), the capabilities' API routes with zod validation and the OpenAPI
 * document generated from the same schemas, and the built web app with client-side routing. The platform
 * imports no capability: the composition root (src/server/app.ts) hands them in with the authenticator.
 */
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
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
import type { Capability, HttpSettings } from '../capability.ts';
import { isApiPath, registerGuard, type Authenticator } from './guard.ts';
import { healthRoutes } from './health.ts';
import { registerInputGuard } from './input-guard.ts';
import { useAuditKey } from '../audit/key.ts';

export const WEB_DIST = fileURLToPath(new URL('../../../dist/web', import.meta.url));

export interface AppOptions {
  /** Requests per IP per minute, all routes (default 600); the fuzz walk raises it to reach every handler. */
  requestsPerMinute?: number;
  logLevel?: string;
  /** See Config.trustProxy: never `true` (any client could then choose its IP). */
  trustProxy?: false | number | string;
  webDist?: string | null;
  /**
   * Failed sign-in and two-factor attempts per IP per minute (default 10; successes do not count); tests that
   * fail often raise it. Every sign-in request is also capped per IP, at twelve times this (at least 120).
   */
  authAttemptsPerMinute?: number;
  /** Where logs go (default stdout); the log-redaction test reads them back. */
  logStream?: { write(line: string): void };
}

const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "font-src 'self'", "connect-src 'self'", "worker-src 'self' blob:", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
].join('; ');

function securityHeaders(protocol: string, reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  reply.header('content-security-policy', CSP);
  reply.header('cross-origin-opener-policy', 'same-origin');
  if (protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
}

const trustHops = (n: number) => (_address: string, hop: number) => hop < n;

/** What the composition root hands in: the capabilities to serve and how sessions are resolved. */
export interface AppParts {
  capabilities: readonly Capability[];
  authenticator: Authenticator;
}

export async function buildHttpApp(ctx: AppContext, parts: AppParts, opts: AppOptions = {}): Promise<FastifyInstance> {
  // Every entry this app's requests append is keyed with its master key (platform/audit/key.ts).
  useAuditKey(ctx.master);
  const app = Fastify({
    logger: { ...loggerOptions(opts.logLevel ?? 'info'), ...(opts.logStream ? { stream: opts.logStream } : {}) },
    // A hop count becomes proxy-addr's "trust the n nearest hops" function (the typings lack the number form).
    trustProxy: typeof opts.trustProxy === 'number' ? trustHops(opts.trustProxy) : (opts.trustProxy ?? false),
    bodyLimit: 1024 * 1024,
    // A path that cannot be decoded (a stray %) or a malformed content type: the same error shape as every
    // other answer, through the same hooks (security headers, no caching), never the framework's raw reply.
    frameworkErrors: (err, req, raw) => {
      // Such a request matched no route, so no hook runs for it: the headers are set here.
      const reply = raw as unknown as FastifyReply;
      securityHeaders(req.protocol, reply);
      reply.header('cache-control', 'no-store');
      const badUrl = err.code === 'FST_ERR_BAD_URL';
      void reply.status(400).send({ error: { code: badUrl ? 'bad_url' : 'bad_request', message: badUrl ? 'the address cannot be decoded' : 'the request is malformed' } });
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  app.addHook('onSend', async (req, reply, payload) => {
    securityHeaders(req.protocol, reply);
    // Nothing from the API may sit in a browser or proxy cache.
    if (isApiPath(req.routeOptions.url) || isApiPath(req.url)) reply.header('cache-control', 'no-store');
    return payload;
  });

  // Field offices work over slow links: compress what is sent (the web app shrinks about 3.4 times). Routes
  // that answer with the session's CSRF token opt out (routes.ts), so no secret shares a compressed body
  // with attacker-influenced text (BREACH).
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(cookie);
  await app.register(rateLimit, { global: true, max: opts.requestsPerMinute ?? 600, timeWindow: '1 minute' });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Salama API', version: VERSION, description: 'Monitoring, analysis and reporting of conflict-related sexual violence. Authentication by session cookie; state-changing requests need the x-csrf-token header from /api/auth/me.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'salama_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  const guard = registerGuard(app, parts.authenticator);
  registerInputGuard(app);

  await app.register(healthRoutes(ctx), { prefix: '/api' });
  const failuresPerMinute = opts.authAttemptsPerMinute ?? 10;
  const settings: HttpSettings = { authFailuresPerMinute: failuresPerMinute, authRequestsPerMinute: Math.max(120, failuresPerMinute * 12) };
  for (const capability of parts.capabilities) {
    // Registration is awaited one capability at a time, so each route is attributed to its capability.
    guard.capability = capability.name;
    for (const set of capability.routes) await app.register(set.routes(ctx, settings), { prefix: set.prefix });
  }
  guard.capability = 'platform';
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
