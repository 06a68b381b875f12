/** Places: the shared reference list of administrative areas. */
import type { Capability } from '../platform/capability.ts';
import { placeRoutes } from './routes.ts';

export const places: Capability = {
  name: 'places',
  routes: [{ prefix: '/api/places', routes: placeRoutes }],
  jobs: [],
  actions: ['places:read', 'places:import'],
};
