/** /api/auth: sign in (with the two-factor step), two-factor enrolment, who am I, sign out. */
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { requireSession } from '../platform/http/guard.ts';
import { AppError } from '../platform/http/errors.ts';
import { ApiError, LoginBody, Me, TotpCode, TotpSetup } from '../shared/auth.ts';
import { describeSession, enableTotp, login, logout, setupTotp, verifyTotp } from './auth-service.ts';
import { resolveSession, SESSION_COOKIE } from './sessions.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 409: ApiError, 423: ApiError, 429: ApiError };

export function authRoutes(ctx: AppContext, attemptsPerMinute: number): FastifyPluginAsyncZod {
  return async (app) => {
    const rateLimit = { max: attemptsPerMinute, timeWindow: '1 minute' };
    const setCookie = (req: FastifyRequest, reply: FastifyReply, token: string) =>
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true, sameSite: 'strict', path: '/', secure: req.protocol === 'https', maxAge: Math.floor(ctx.sessionAbsoluteMs / 1000),
      });
    const clearCookie = (req: FastifyRequest, reply: FastifyReply) =>
      reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.protocol === 'https' });

    app.post('/login', {
      compress: false,
      config: { policy: 'public', rateLimit },
      schema: { tags: ['auth'], summary: 'Sign in with email and password', body: LoginBody, response: { 200: Me, ...errors } },
    }, async (req, reply) => {
      const { token } = await login(ctx, req.body.email, req.body.password, req.ip);
      const session = await resolveSession(ctx.db, ctx, token);
      setCookie(req, reply, token);
      return describeSession(ctx, session!);
    });

    app.post('/totp/verify', {
      compress: false,
      config: { policy: 'session', rateLimit },
      schema: { tags: ['auth'], summary: 'Second sign-in step: the code from the authenticator app', body: TotpCode, response: { 200: Me, ...errors } },
    }, async (req, reply) => {
      const token = await verifyTotp(ctx, requireSession(req), req.body.code, req.ip);
      setCookie(req, reply, token);
      const session = await resolveSession(ctx.db, ctx, token);
      return describeSession(ctx, session!);
    });

    app.post('/totp/setup', {
      compress: false,
      config: { policy: 'session' },
      schema: { tags: ['auth'], summary: 'Start two-factor enrolment: returns the secret once', response: { 200: TotpSetup, ...errors } },
    }, async (req) => {
      const s = requireSession(req);
      if (s.stage === 'totp_required') throw new AppError(403, 'totp_required', 'enter your two-factor code first');
      return setupTotp(ctx, s, req.ip);
    });

    app.post('/totp/enable', {
      compress: false,
      config: { policy: 'session', rateLimit },
      schema: { tags: ['auth'], summary: 'Finish two-factor enrolment with a first code', body: TotpCode, response: { 200: Me, ...errors } },
    }, async (req) => {
      const s = requireSession(req);
      await enableTotp(ctx, s, req.body.code, req.ip);
      return describeSession(ctx, { ...s, stage: s.stage === 'totp_enrolment_required' ? 'active' : s.stage });
    });

    app.get('/me', {
      compress: false,
      config: { policy: 'session' },
      schema: { tags: ['auth'], summary: 'The signed-in user, organisation and session', response: { 200: Me, ...errors } },
    }, async (req) => describeSession(ctx, requireSession(req)));

    app.post('/logout', {
      compress: false,
      config: { policy: 'session' },
      schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null(), ...errors } },
    }, async (req, reply) => {
      await logout(ctx, requireSession(req), false, req.ip);
      clearCookie(req, reply);
      return reply.status(204).send(null);
    });

    app.post('/logout-all', {
      compress: false,
      config: { policy: 'session' },
      schema: { tags: ['auth'], summary: 'End every session of this user, on every device', response: { 204: z.null(), ...errors } },
    }, async (req, reply) => {
      await logout(ctx, requireSession(req), true, req.ip);
      clearCookie(req, reply);
      return reply.status(204).send(null);
    });
  };
}
