/** The organisation's settings: four eyes, completeness rules, narrative limit, two-factor mandatory. */
import type { Capability } from '../platform/capability.ts';
import { organisationRoutes } from './routes.ts';

export const organisation: Capability = {
  name: 'organisation',
  routes: [{ prefix: '/api/organisation', routes: organisationRoutes }],
  jobs: [],
  actions: ['organisation:rules', 'organisation:settings:read', 'organisation:settings:manage'],
};
