/** Drafts of the entry form: sealed, owner-only, purged after 30 days. */
import type { Capability } from '../platform/capability.ts';
import { draftRoutes } from './routes.ts';
import { purgeStaleDrafts } from './service.ts';

export const drafts: Capability = {
  name: 'drafts',
  routes: [{ prefix: '/api/drafts', routes: draftRoutes }],
  jobs: [{
    queue: 'drafts.purge',
    schedule: '*/10 * * * *',
    work: async (ctx, _data, log) => log.info({ drafts: await purgeStaleDrafts(ctx.db) }, 'stale drafts purged'),
  }],
  actions: ['draft:own'],
};
