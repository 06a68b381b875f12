/**
 * Turns every failure into a clear JSON error: validation problems name the field and the rule; policy
 * refusals say so; anything unexpected becomes a 500 with the request id and nothing else (no stack trace,
 * SQL or value). Unexpected errors are logged by name, code and stack only (never their data).
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ForbiddenError } from '../../policy/policy.ts';
import { AppError } from './errors.ts';

const LOCATION: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = LOCATION[err.validationContext ?? 'body'] ?? 'request';
      const validation = err.validation as { instancePath: string; keyword: string; message?: string; params?: { keys?: string[] } }[];
      const issues = validation.flatMap((v) => {
        const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        // An unknown key is reported on the key itself, so the caller sees exactly which field to remove.
        if (v.keyword === 'unrecognized_keys' && v.params?.keys?.length) {
          return v.params.keys.map((k) => ({ field: path ? `${path}.${k}` : k, message: 'is not a known field' }));
        }
        return [{ field: path || where, message: v.message ?? 'is invalid' }];
      });
      return reply.status(400).send({ error: { code: 'validation_failed', message: `invalid ${where}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, issues } });
    }
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } });
    }
    if (err instanceof ForbiddenError) {
      return reply.status(403).send({ error: { code: 'forbidden', message: `your role does not allow this (${err.action})` } });
    }
    const status = err.statusCode ?? 500;
    if (status === 429) return reply.status(429).send({ error: { code: 'rate_limited', message: 'too many requests: wait a minute and try again' } });
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (bad JSON, wrong content type, body too large): their messages carry no data.
      const code = err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'invalid_json' : (err.code ?? 'bad_request').toLowerCase();
      return reply.status(status).send({ error: { code, message: err.message.replace(/\s+/g, ' ').slice(0, 200) } });
    }
    // Stack frames only: a query error's message carries its SQL parameters (restricted values, emails).
    const frames = (err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 8).join('\n');
    const cause = (err as { cause?: { code?: unknown } }).cause;
    req.log.error({ errName: (err as Error).constructor?.name ?? err.name, errCode: err.code, dbCode: typeof cause?.code === 'string' ? cause.code : undefined, stack: frames }, 'unexpected error');
    return reply.status(500).send({ error: { code: 'internal_error', message: `something went wrong on the server (request ${req.id}); the request was not completed` } });
  });
}
