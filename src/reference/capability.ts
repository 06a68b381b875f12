/**
 * Reference datasets: SVAC and RSVAC as versioned public-source data (never incidents), their actors linked
 * to the registry's parties (by UCDP actor id, name or alias, or the organisation's decision), and each
 * party's prevalence per year beside the mission's own figures, with the dataset's citation.
 */
import type { Capability } from '../platform/capability.ts';
import { partyReferenceRoutes, referenceRoutes } from './routes.ts';

export const reference: Capability = {
  name: 'reference',
  routes: [{ prefix: '/api/reference', routes: referenceRoutes }, { prefix: '/api/parties', routes: partyReferenceRoutes }],
  jobs: [],
  actions: ['reference:read', 'reference:load', 'reference:match'],
};
