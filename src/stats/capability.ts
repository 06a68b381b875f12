/**
 * Analysis: the one aggregation engine every figure comes from (engine.ts over the fact table the database
 * keeps in step, rules.ts the counting rules, rollups.ts the monthly sums a job keeps for speed), the restricted tier (exact counts within the reader's scope)
 * and the protected tier (the catalogue of catalogue.ts, protected by src/disclosure). docs/ANALYSIS.md.
 */
import type { Capability } from '../platform/capability.ts';
import { statsRoutes } from './routes.ts';
import { rollupJob } from './rollups.ts';

export const stats: Capability = {
  name: 'stats',
  routes: [{ prefix: '/api/stats', routes: statsRoutes }],
  jobs: [rollupJob],
  actions: ['stats:restricted', 'stats:protected', 'stats:export'],
};
