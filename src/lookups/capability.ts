/** Lookups: an organisation's own values of the extensible lists. */
import type { Capability } from '../platform/capability.ts';
import { lookupRoutes } from './routes.ts';

export const lookups: Capability = {
  name: 'lookups',
  routes: [{ prefix: '/api/lookups', routes: lookupRoutes }],
  jobs: [],
  actions: ['lookups:read', 'lookups:manage'],
};
