/** Incidents: the MARA record, its verification (decisions, partner reviews), history, erasure, exports and duplicate review. */
import type { Capability } from '../platform/capability.ts';
import { organisations } from '../identity/tables.ts';
import { incidentRoutes } from './routes.ts';
import { duplicateDecisionRoutes, duplicateScanRoutes } from './duplicates/routes.ts';
import { reviewRoutes } from './reviews/routes.ts';
import { partyTextRoutes } from './party-links/routes.ts';
import { DUPLICATE_SCAN_QUEUE, recoverInterruptedScans, requestScan, runScan } from './duplicates/scan.ts';
import { relinkAll } from './party-links/relink.ts';
import { registerPartyMergeSteps } from './party-links/merge-step.ts';

// Merging duplicate parties re-points the records' perpetrators and decided names (and undoing puts them back).
registerPartyMergeSteps();

export const incidents: Capability = {
  name: 'incidents',
  routes: [
    { prefix: '/api/incidents', routes: incidentRoutes },
    { prefix: '/api/duplicate-decisions', routes: duplicateDecisionRoutes },
    { prefix: '/api/duplicates', routes: duplicateScanRoutes },
    // A partner reviewer's records: the one path across organisations (policy.ts: mayReview).
    { prefix: '/api/reviews', routes: reviewRoutes },
    // Party names nothing links yet, for a coordinator to decide (party-links/).
    { prefix: '/api/party-texts', routes: partyTextRoutes },
  ],
  jobs: [
    { queue: DUPLICATE_SCAN_QUEUE, work: (ctx, data: { scanId: string }) => runScan(ctx, data.scanId) },
    {
      // Every night, a duplicate scan of every organisation (coordinators find the pairs in the morning).
      queue: 'duplicates.nightly',
      schedule: '30 2 * * *',
      work: async (ctx) => {
        for (const org of await ctx.db.select({ id: organisations.id }).from(organisations)) await requestScan(ctx, null, org.id, null);
      },
    },
  ],
  // Interrupted scans marked; records written before the parties registry (or while a name was undecided) linked.
  atStart: async (ctx) => (await recoverInterruptedScans(ctx)) + (await relinkAll(ctx)),
  actions: ['incident:create', 'incident:list', 'incident:read', 'incident:update', 'incident:decide', 'incident:assign', 'incident:delete', 'incident:erase', 'incident:export', 'incident:link', 'incident:resolve_parties', 'incident:put_to_review', 'review:act'],
};
