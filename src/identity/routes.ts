/** /api/auth: sign in (with the two-factor step), two-factor enrolment, who am I, sign out. */
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { requireSession } from '../platform/http/guard.ts';
import { ApiError, LoginBody, Me, PasswordConfirmation, TotpCode, TotpSetup } from '../shared/auth.ts';
import { describeSession, enableTotp, login, logout, setupTotp, verifyTotp } from './auth-service.ts';
import { resolveSession, sessionCookieName } from './sessions.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 409: ApiError, 423: ApiError, 429: ApiError };

export function authRoutes(ctx: AppContext, attemptsPerMinute: number): FastifyPluginAsyncZod {
  return async (app) => {
    const rateLimit = { max: attemptsPerMinute, timeWindow: '1 minute' };
    const setCookie = (req: FastifyRequest, reply: FastifyReply, token: string) =>
      reply.setCookie(sessionCookieName(req.protocol === 'https'), token, {
        httpOnly: true, sameSite: 'strict', path: '/', secure: req.protocol === 'https', maxAge: Math.floor(ctx.sessionAbsoluteMs / 1000),
      });
    const clearCookie = (req: FastifyRequest, reply: FastifyReply) =>
      reply.clearCookie(sessionCookieName(req.protocol === 'https'), { httpOnly: true, sameSite: 'strict', path: '/', secure: req.protocol === 'https' });

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
      config: { policy: 'signed-in' },
      schema: { tags: ['auth'], summary: 'Start two-factor enrolment (password asked again): returns the secret once', body: PasswordConfirmation, response: { 200: TotpSetup, ...errors } },
    }, async (req) => setupTotp(ctx, requireSession(req), req.body.password, req.ip));

    app.post('/totp/enable', {
      compress: false,
      config: { policy: 'signed-in', rateLimit },
      schema: { tags: ['auth'], summary: 'Finish two-factor enrolment with a first code', body: TotpCode, response: { 200: Me, ...errors } },
    }, async (req, reply) => {
      const s = requireSession(req);
      const token = await enableTotp(ctx, s, req.body.code, req.ip);
      if (!token) return describeSession(ctx, s);
      // Enrolment finished the sign-in: the session now lives under a new token.
      setCookie(req, reply, token);
      return describeSession(ctx, (await resolveSession(ctx.db, ctx, token))!);
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
      config: { policy: 'signed-in' },
      schema: { tags: ['auth'], summary: 'End every session of this user, on every device', response: { 204: z.null(), ...errors } },
    }, async (req, reply) => {
      await logout(ctx, requireSession(req), true, req.ip);
      clearCookie(req, reply);
      return reply.status(204).send(null);
    });
  };
}
