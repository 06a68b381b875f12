/**
 * Early warning: indicators (the shared registry seeded at start, and coordinators' own), observations
 * monitors record, rules coordinators define over areas, and alerts raised once per episode by a job that
 * runs every 15 minutes and after each import. docs/EARLY-WARNING.md.
 */
import type { Capability } from '../platform/capability.ts';
import { seedIndicators } from './indicators.ts';
import { evaluateJob } from './job.ts';
import { registerWarningMergeSteps } from './merge-steps.ts';
import { warningRoutes } from './routes.ts';

registerWarningMergeSteps();

export const warnings: Capability = {
  name: 'warnings',
  routes: [{ prefix: '/api/warnings', routes: warningRoutes }],
  jobs: [evaluateJob],
  // The shared registry brought in line with this version's indicators (0 when nothing changed).
  atStart: async (ctx) => seedIndicators(ctx.db),
  actions: ['warnings:read', 'warnings:observe', 'warnings:manage', 'warnings:summary'],
};
