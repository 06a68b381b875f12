/** Identity: sign-in, sessions, two-factor, the organisation's members and their accounts (administrators). */
import type { Capability } from '../platform/capability.ts';
import { authRoutes } from './routes.ts';
import { memberRoutes } from './member-routes.ts';
import { accountRoutes } from './account-routes.ts';
import { purgeExpiredSessions } from './sessions.ts';

export const identity: Capability = {
  name: 'identity',
  routes: [
    { prefix: '/api/auth', routes: (ctx, http) => authRoutes(ctx, { failuresPerMinute: http.authFailuresPerMinute, requestsPerMinute: http.authRequestsPerMinute }) },
    { prefix: '/api/users', routes: memberRoutes },
    { prefix: '/api/accounts', routes: accountRoutes },
  ],
  jobs: [{
    queue: 'sessions.purge',
    schedule: '*/10 * * * *',
    work: async (ctx, _data, log) => log.info({ purged: await purgeExpiredSessions(ctx.db) }, 'expired sessions purged'),
  }],
  actions: ['account:self', 'user:list', 'user:manage'],
};
