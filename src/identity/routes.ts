/**
 * /api/auth: sign in (with the two-factor step), the signed-in user's own account (two-factor enrolment,
 * recovery codes, turning two-factor off, password change), who am I, sign out.
 */
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { FailureLimiter } from '../platform/http/failure-limit.ts';
import { requireSession } from '../platform/http/guard.ts';
import { ApiError, LoginBody, Me, PasswordChange, PasswordConfirmation, RecoveryCodes, SecondFactorCode, TotpCode, TotpDisable, TotpEnabled, TotpSetup } from '../shared/auth.ts';
import { describeSession, login, logout, verifyTotp } from './auth-service.ts';
import { changePassword } from './password-change.ts';
import { resolveSession, sessionCookieName } from './sessions.ts';
import { disableTotp, enableTotp, regenerateRecoveryCodes, setupTotp } from './two-factor.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 409: ApiError, 423: ApiError, 429: ApiError };

/** What counts against an address: a wrong secret, or another try at an account locked by wrong secrets. */
const SIGN_IN_FAILURES = new Set(['invalid_credentials', 'invalid_code', 'account_locked']);

export interface AuthLimits {
  /** Failed sign-in passwords and two-factor codes per address per minute (successes do not count). */
  failuresPerMinute: number;
  /** Every sign-in request per address per minute: a ceiling on password hashing, far above any office's need. */
  requestsPerMinute: number;
}

export function authRoutes(ctx: AppContext, limits: AuthLimits): FastifyPluginAsyncZod {
  return async (app) => {
    const failures = new FailureLimiter(limits.failuresPerMinute);
    const rateLimit = { max: limits.requestsPerMinute, timeWindow: '1 minute' };
    const setCookie = (req: FastifyRequest, reply: FastifyReply, token: string) =>
      reply.setCookie(sessionCookieName(req.protocol === 'https'), token, {
        httpOnly: true, sameSite: 'strict', path: '/', secure: req.protocol === 'https', maxAge: Math.floor(ctx.sessionAbsoluteMs / 1000),
      });
    const clearCookie = (req: FastifyRequest, reply: FastifyReply) =>
      reply.clearCookie(sessionCookieName(req.protocol === 'https'), { httpOnly: true, sameSite: 'strict', path: '/', secure: req.protocol === 'https' });
    /** The session now lives under a new token: set it and describe the session as it is. */
    const moveTo = async (req: FastifyRequest, reply: FastifyReply, token: string) => {
      setCookie(req, reply, token);
      return describeSession(ctx, (await resolveSession(ctx.db, ctx, token))!);
    };

    app.post('/login', {
      compress: false,
      config: { policy: 'public', rateLimit },
      schema: { tags: ['auth'], summary: 'Sign in with email and password', body: LoginBody, response: { 200: Me, ...errors } },
    }, async (req, reply) => {
      const { token } = await failures.attempt(req.ip, SIGN_IN_FAILURES, () => login(ctx, req.body.email, req.body.password, req.ip));
      return moveTo(req, reply, token);
    });

    app.post('/totp/verify', {
      compress: false,
      config: { policy: 'session', rateLimit },
      schema: { tags: ['auth'], summary: 'Second sign-in step: the code from the authenticator app, or a one-time recovery code', body: SecondFactorCode, response: { 200: Me, ...errors } },
    }, async (req, reply) => {
      const token = await failures.attempt(req.ip, SIGN_IN_FAILURES, () => verifyTotp(ctx, requireSession(req), req.body.code, req.ip));
      return moveTo(req, reply, token);
    });

    app.post('/totp/setup', {
      compress: false,
      config: { policy: 'signed-in' },
      schema: { tags: ['auth'], summary: 'Start two-factor enrolment (password asked again): returns the secret and its QR code once', body: PasswordConfirmation, response: { 200: TotpSetup, ...errors } },
    }, async (req) => setupTotp(ctx, requireSession(req), req.body.password, req.ip));

    app.post('/totp/enable', {
      compress: false,
      config: { policy: 'signed-in', rateLimit },
      schema: { tags: ['auth'], summary: 'Finish two-factor enrolment with a first code: returns the one-time recovery codes once', body: TotpCode, response: { 200: TotpEnabled, ...errors } },
    }, async (req, reply) => {
      const s = requireSession(req);
      const { token, recoveryCodes } = await enableTotp(ctx, s, req.body.code, req.ip);
      // Enrolment that finished the sign-in moves the session to a new token.
      const me = token ? await moveTo(req, reply, token) : await describeSession(ctx, s);
      return { ...me, recoveryCodes };
    });

    app.post('/totp/recovery-codes', {
      compress: false,
      config: { policy: 'account:self' },
      schema: { tags: ['auth'], summary: 'Replace the recovery codes (password asked again): returns the new ones once', body: PasswordConfirmation, response: { 200: RecoveryCodes, ...errors } },
    }, async (req) => ({ recoveryCodes: await regenerateRecoveryCodes(ctx, requireSession(req), req.body.password, req.ip) }));

    app.post('/totp/disable', {
      compress: false,
      config: { policy: 'account:self' },
      schema: { tags: ['auth'], summary: 'Turn two-factor off (password and a current or recovery code; not when the organisation requires it)', body: TotpDisable, response: { 200: Me, ...errors } },
    }, async (req) => {
      await disableTotp(ctx, requireSession(req), req.body.password, req.body.code, req.ip);
      return describeSession(ctx, requireSession(req));
    });

    app.post('/password', {
      compress: false,
      config: { policy: 'signed-in' },
      schema: { tags: ['auth'], summary: 'Change your password (ends your other sessions)', body: PasswordChange, response: { 200: Me, ...errors } },
    }, async (req, reply) => moveTo(req, reply, await changePassword(ctx, requireSession(req), req.body.currentPassword, req.body.newPassword, req.ip)));

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
