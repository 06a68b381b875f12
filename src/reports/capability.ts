/**
 * Reports (issue 13): the quarterly MARA report, the country input to the annual report and the listing
 * evidence pack; templates as versioned data (built-in ones written at start); versions frozen by a background
 * job; PDF (Typst) and DOCX made from the frozen snapshot. docs/REPORTS.md.
 */
import type { Capability } from '../platform/capability.ts';
import { generateJob, recoverInterruptedGenerations } from './generate.ts';
import { reportRoutes } from './routes.ts';
import { seedTemplates } from './templates.ts';

export const reports: Capability = {
  name: 'reports',
  routes: [{ prefix: '/api/reports', routes: reportRoutes }],
  jobs: [generateJob],
  atStart: async (ctx) => (await seedTemplates(ctx.db)) + (await recoverInterruptedGenerations(ctx)),
  actions: ['reports:read', 'reports:manage'],
};
