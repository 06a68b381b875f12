/**
 * Every request's parsed input (body, query, path) is walked once before validation, without recursion:
 * a string holding a NUL character or half of a UTF-16 surrogate pair (PostgreSQL refuses both, and they
 * would surface as a 500), or input nested deeper than any form of ours (a 5,000-level draft would overflow the
 * stack further on), is refused here as a 400 naming the field. One place for every route, present and future.
 */
import type { FastifyInstance } from 'fastify';
import { validationFailed } from './errors.ts';

/** Deeper than any request shape of the API (the incident form nests five levels). */
export const MAX_INPUT_DEPTH = 32;
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

type Found = { field: string; code: 'no_nul' | 'too_deep' } | null;

/** The first unstorable string or too-deep nesting in a value, with its dotted path. */
export function findUnstorable(value: unknown, root: string): Found {
  const stack: { v: unknown; path: string[] }[] = [{ v: value, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    const field = [root, ...path].filter(Boolean).join('.');
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) return { field, code: 'no_nul' };
      continue;
    }
    if (v === null || typeof v !== 'object' || Buffer.isBuffer(v)) continue;
    if (path.length >= MAX_INPUT_DEPTH) return { field, code: 'too_deep' };
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      if (UNSTORABLE.test(k)) return { field, code: 'no_nul' };
      stack.push({ v: child, path: [...path, k] });
    }
  }
  return null;
}

export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    // The body's fields are named as the schemas name them; query and path parameters by their own names.
    const found = findUnstorable(req.body, '') ?? findUnstorable(req.query, '') ?? findUnstorable(req.params, '');
    if (found) {
      throw validationFailed([{ field: found.field, code: found.code, message: found.code === 'no_nul' ? 'contains a character that cannot be stored' : `is nested more than ${MAX_INPUT_DEPTH} levels deep` }]);
    }
  });
}
