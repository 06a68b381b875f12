/** The audit view: an organisation's audit log for its administrators, and verifications of the chain. */
import type { Capability } from '../platform/capability.ts';
import { auditRoutes } from './routes.ts';
import { AUDIT_VERIFY_QUEUE, requestVerification, runVerification } from './verification.ts';

export const audit: Capability = {
  name: 'audit',
  routes: [{ prefix: '/api/audit', routes: auditRoutes }],
  jobs: [
    // On request from the administrators' audit page, and every night.
    {
      queue: AUDIT_VERIFY_QUEUE,
      work: async (ctx, data: { verificationId: string }) => {
        // The job system sets where the checkpoint lives before any worker runs.
        if (!ctx.auditCheckpointFile) throw new Error('audit checkpoint file not configured');
        await runVerification(ctx, data.verificationId, ctx.auditCheckpointFile);
      },
    },
    { queue: 'audit.verify.nightly', schedule: '15 3 * * *', work: async (ctx) => { await requestVerification(ctx, null, null); } },
  ],
  actions: ['audit:read', 'audit:verify'],
};
