/** /api/accounts: account administration for the organisation's administrators (identity/accounts.ts). */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { requireActor } from '../platform/http/guard.ts';
import { Account, AccountCreate, AccountIdParams, AccountList, AccountPatch, AccountWithPassword } from '../shared/accounts.ts';
import { ApiError } from '../shared/auth.ts';
import { createAccount, endAccountSessions, issuePassword, listAccounts, resetAccountTwoFactor, updateAccount } from './accounts.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError };
const noBody = z.object({}).strict().optional();

export function accountRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('', {
      config: { policy: 'user:manage' },
      schema: { tags: ['accounts'], summary: 'Accounts of your organisation, with their state', response: { 200: AccountList, ...errors } },
    }, async (req) => ({ items: await listAccounts(ctx, requireActor(req)) }));

    app.post('', {
      // The one-time password is in the answer: never compressed alongside anything attacker-influenced.
      compress: false,
      config: { policy: 'user:manage' },
      schema: { tags: ['accounts'], summary: 'Create an account; its one-time password is shown once', body: AccountCreate, response: { 201: AccountWithPassword, ...errors } },
    }, async (req, reply) => reply.status(201).send(await createAccount(ctx, requireActor(req), req.body, req.ip)));

    app.patch('/:id', {
      config: { policy: 'user:manage' },
      schema: { tags: ['accounts'], summary: 'Change the role of an account, or disable / enable it', params: AccountIdParams, body: AccountPatch, response: { 200: Account, ...errors } },
    }, async (req) => updateAccount(ctx, requireActor(req), req.params.id, req.body, req.ip));

    app.post('/:id/password', {
      compress: false,
      config: { policy: 'user:manage' },
      schema: { tags: ['accounts'], summary: 'Give the account a new one-time password (shown once); ends its sessions', params: AccountIdParams, body: noBody, response: { 200: AccountWithPassword, ...errors } },
    }, async (req) => issuePassword(ctx, requireActor(req), req.params.id, req.ip));

    app.post('/:id/two-factor/reset', {
      config: { policy: 'user:manage' },
      schema: { tags: ['accounts'], summary: 'Remove the account\'s two-factor authentication (lost device); ends its sessions', params: AccountIdParams, body: noBody, response: { 200: Account, ...errors } },
    }, async (req) => resetAccountTwoFactor(ctx, requireActor(req), req.params.id, req.ip));

    app.post('/:id/sessions/end', {
      config: { policy: 'user:manage' },
      schema: { tags: ['accounts'], summary: 'End every session of the account', params: AccountIdParams, body: noBody, response: { 200: Account, ...errors } },
    }, async (req) => endAccountSessions(ctx, requireActor(req), req.params.id, req.ip));
  };
}
