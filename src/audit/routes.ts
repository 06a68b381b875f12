/** /api/audit: the organisation's audit log for its administrators (read-only) and the chain's verification. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { recordAudit, auditActor } from '../platform/audit/audit.ts';
import { requireActor } from '../platform/http/guard.ts';
import { AuditPage, AuditQuery, AuditVerification, AuditVerificationStatus, BackupStatusAnswer } from '../shared/audit.ts';
import { readBackupStatus } from '../platform/db/scheduled-backup.ts';
import { ApiError } from '../shared/auth.ts';
import { auditPage } from './store.ts';
import { latestVerification, requestVerification } from './verification.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 503: ApiError };

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('', {
      config: { policy: 'audit:read' },
      schema: { tags: ['audit'], summary: 'Your organisation\'s audit entries, newest first (metadata: names and counts, never values)', querystring: AuditQuery, response: { 200: AuditPage, ...errors } },
    }, async (req) => {
      const actor = requireActor(req);
      const page = await auditPage(ctx.db, actor.organisationId, req.query);
      // Who read the log, and with which filters (their names, not their values).
      const filters = (['action', 'actor', 'from', 'to', 'before'] as const).filter((k) => req.query[k] !== undefined);
      await recordAudit(ctx.db, auditActor(actor, req.ip), { action: 'audit.list', details: { filters, count: page.items.length } });
      return page;
    });

    app.get('/verification', {
      config: { policy: 'audit:read' },
      schema: { tags: ['audit'], summary: 'The latest verification of the audit chain (as `salama audit verify` computes it)', response: { 200: AuditVerificationStatus, ...errors } },
    }, async () => ({ verification: await latestVerification(ctx) }));

    app.get('/backup', {
      config: { policy: 'audit:read' },
      schema: { tags: ['audit'], summary: 'The last scheduled backup: when, whether it worked, how many are kept (never where the server keeps them)', response: { 200: BackupStatusAnswer, ...errors } },
    }, async () => ({ scheduled: ctx.backupDir !== undefined, last: ctx.backupDir ? readBackupStatus(ctx.backupDir) : null }));

    app.post('/verification', {
      config: { policy: 'audit:verify' },
      schema: { tags: ['audit'], summary: 'Verify the audit chain now (a background job); answers with the run to poll', response: { 202: AuditVerification, ...errors } },
    }, async (req, reply) => reply.status(202).send(await requestVerification(ctx, requireActor(req), req.ip)));
  };
}
