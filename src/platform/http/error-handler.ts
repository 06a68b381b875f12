/**
 * Turns every failure into a clear JSON error: validation problems carry the field, a code and its parameters,
 * and a message in the request's language naming the field by its label (shared/messages.ts); policy
 * refusals say so; anything unexpected becomes a 500 with the request id and nothing else (no stack trace,
 * SQL or value). Unexpected errors are logged by name, code and stack only (never their data).
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ForbiddenError } from '../../policy/policy.ts';
import type { z } from 'zod';
import { issueMessage, issuesFromZod, translator, type Issue } from '../../shared/messages.ts';
import { AppError } from './errors.ts';
import { requestLanguage } from './language.ts';

type ZodIssue = z.core.$ZodIssue;

/** Problems by field, each with its code and parameters and a message in the request's language naming the field by its label. */
function validationAnswer(acceptLanguage: string | string[] | undefined, issues: readonly Issue[], other?: { code: string; message: string }) {
  const t = translator(requestLanguage(acceptLanguage));
  const worded = issues.map((i) => ({ ...i, message: issueMessage(t, i) }));
  // Another refusal that names fields (an unreadable file) keeps its own code and message.
  if (other && other.code !== 'validation_failed') return { error: { ...other, issues: worded } };
  return { error: { code: 'validation_failed', message: t('messageParts.validationFailed', { problems: worded.map((i) => i.message).join('; ') }), issues: worded } };
}

const LOCATION: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = LOCATION[err.validationContext ?? 'body'] ?? 'request';
      // The validator passes each zod issue on as { keyword: code, instancePath, message, params: the rest }.
      const validation = err.validation as { instancePath: string; keyword: string; message?: string; params?: Record<string, unknown> }[];
      const zodIssues = validation.map((v) => ({ ...v.params, code: v.keyword, path: v.instancePath.split('/').filter(Boolean), message: v.message ?? '' }) as unknown as ZodIssue);
      const issues = issuesFromZod(zodIssues).map((i) => (i.field === '' ? { ...i, field: where } : i));
      return reply.status(400).send(validationAnswer(req.headers['accept-language'], issues));
    }
    if (err instanceof AppError) {
      if (err.issues?.length) return reply.status(err.status).send(validationAnswer(req.headers['accept-language'], err.issues, { code: err.code, message: err.message }));
      return reply.status(err.status).send({ error: { code: err.code, message: err.message } });
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
