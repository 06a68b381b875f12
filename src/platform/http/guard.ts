/**
 * The request pipeline's authentication and authorisation step, in `onRequest`: before the body is even
 * read (an anonymous caller cannot make the server hold a large upload) and before validation (an unknown
 * caller learns nothing about the API's rules). Every /api route declares `config.policy`:
 * - 'public': no session (health, OpenAPI, login);
 * - 'session': any session, even one still waiting for its two-factor code (me, logout, the code itself);
 * - 'signed-in': past the two-factor code, possibly still having to replace a password an administrator
 *   handed out or to enrol (password change, two-factor set-up, logout everywhere);
 * - an Action from the central policy: an active session whose role may attempt it.
 * A route without a declaration is refused at start-up (deny by default). State-changing requests on
 * non-public routes must carry the session's CSRF token; a cross-origin Origin header is always refused.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { mayAttempt, type Action, type Actor } from '../../policy/policy.ts';
import type { Role } from '../../shared/taxonomy.ts';
import type { SessionStage } from '../../shared/auth.ts';
import { AppError } from './errors.ts';

export type RoutePolicy = 'public' | 'session' | 'signed-in' | Action;

declare module 'fastify' {
  interface FastifyContextConfig { policy?: RoutePolicy }
  interface FastifyRequest { session: SessionView | null; actor: Actor | null }
  interface FastifyInstance { apiRoutes: ApiRoute[] }
}

/** Every API route with its declared policy and the capability that brought it: the authorisation-matrix test walks this list. */
export interface ApiRoute { method: string; url: string; policy: RoutePolicy; capability: string }

/** A signed-in (or signing-in) session as the guard sees it; identity resolves it from the cookie. */
export interface SessionView {
  id: string; userId: string; organisationId: string; role: Role; stage: SessionStage; csrfToken: string;
  idleExpiresAt: Date; absoluteExpiresAt: Date;
}

/** How the guard finds the session behind a request (identity provides it through the composition root). */
export interface Authenticator {
  cookieName(secure: boolean): string;
  resolve(token: string): Promise<SessionView | null>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Is this path (a route pattern, or a request path once decoded) part of the API? */
export function isApiPath(path: string | undefined): boolean {
  if (!path) return false;
  let decoded = path.split('?')[0] ?? '';
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    return true; // undecodable: treat as API, the strictest answer
  }
  return decoded === '/api' || decoded.startsWith('/api/');
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function checkOrigin(req: FastifyRequest) {
  const origin = req.headers.origin;
  if (!origin || SAFE_METHODS.has(req.method)) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError(403, 'bad_origin', 'Origin header is not a valid origin');
  }
  if (host !== req.host) throw new AppError(403, 'bad_origin', 'cross-origin requests are refused');
}

/** Set by the app builder while a capability registers its routes. */
export interface GuardRegistration { capability: string }

export function registerGuard(app: FastifyInstance, auth: Authenticator): GuardRegistration {
  app.decorateRequest('session', null);
  app.decorateRequest('actor', null);
  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);
  const registration: GuardRegistration = { capability: 'platform' };

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    const policy = route.config?.policy;
    if (!policy) throw new Error(`route ${String(route.method)} ${route.url} declares no policy (config.policy)`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') apiRoutes.push({ method, url: route.url, policy, capability: registration.capability });
  });

  app.addHook('onRequest', async (req) => {
    // Decided by the matched route, never by the raw URL (the router decodes "/%61pi/..." to "/api/...").
    // Unknown paths go on to the not-found handler, which names them and reaches no data.
    if (req.is404 || !isApiPath(req.routeOptions.url)) return;
    const policy = req.routeOptions.config.policy;
    if (!policy) throw new AppError(403, 'forbidden', 'not allowed');
    checkOrigin(req);
    if (policy === 'public') return;
    const token = req.cookies[auth.cookieName(req.protocol === 'https')];
    const session = token ? await auth.resolve(token) : null;
    if (!session) throw new AppError(401, 'unauthenticated', 'sign in first');
    req.session = session;
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken)) throw new AppError(403, 'csrf_failed', 'x-csrf-token header is missing or does not match the session');
    }
    const actor: Actor = { userId: session.userId, organisationId: session.organisationId, role: session.role, stage: session.stage, sessionId: session.id };
    req.actor = actor;
    if (policy === 'session') return;
    if (session.stage === 'totp_required') throw new AppError(403, 'totp_required', 'enter your two-factor code first');
    if (policy === 'signed-in') return;
    if (session.stage === 'password_change_required') throw new AppError(403, 'password_change_required', 'replace the password you were given first');
    if (session.stage === 'totp_enrolment_required') throw new AppError(403, 'totp_enrolment_required', 'your organisation requires two-factor authentication: set it up first');
    if (!mayAttempt(actor, policy)) throw new AppError(403, 'forbidden', 'your role does not allow this');
  });
  return registration;
}

/** For handlers behind a non-public policy: the guard has set these. */
export function requireSession(req: FastifyRequest): SessionView {
  if (!req.session) throw new AppError(401, 'unauthenticated', 'sign in first');
  return req.session;
}
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError(401, 'unauthenticated', 'sign in first');
  return req.actor;
}
