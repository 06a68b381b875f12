/**
 * Parties: the registry of parties to conflict (a shared reference layer seeded from UCDP/PRIO and SVAC, and
 * each organisation's own parties), its type-ahead, merges with undo. At start, search keys made under older
 * folding rules are brought up to date.
 */
import type { Capability } from '../platform/capability.ts';
import { partyRoutes } from './routes.ts';
import { refreshPartySearchKeys } from './seed.ts';

export const parties: Capability = {
  name: 'parties',
  routes: [{ prefix: '/api/parties', routes: partyRoutes }],
  jobs: [],
  actions: ['parties:read', 'parties:propose', 'parties:manage', 'parties:seed'],
  atStart: async (ctx) => refreshPartySearchKeys(ctx.db),
};
