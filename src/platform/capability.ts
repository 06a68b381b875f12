/**
 * What a capability (incidents, imports, places, ...) brings to the running server, declared in one small
 * module of its own (`<capability>/capability.ts`). The platform serves capabilities and never imports one:
 * the composition root (src/server/) lists them, and the HTTP app and the job system assemble what they
 * declare. Adding a capability is a new folder and one line in src/server/capabilities.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Action } from '../policy/policy.ts';
import type { AppContext } from './context.ts';
import type { Logger } from './log/logger.ts';

/** Settings of the HTTP app that some routes need (sign-in attempt limits, for instance). */
export interface HttpSettings {
  /** Failed sign-in and two-factor attempts per IP per minute (default 10); tests that sign in often raise it. */
  authFailuresPerMinute: number;
  /** All sign-in requests per IP per minute, failed or not: a ceiling on password-hashing load. */
  authRequestsPerMinute: number;
}

export interface RouteSet {
  /** Where the routes live, e.g. '/api/incidents'. */
  prefix: string;
  routes: (ctx: AppContext, settings: HttpSettings) => FastifyPluginAsyncZod;
}

/**
 * Background work: a queue, its handler and, for periodic work, a cron schedule. Handlers log by name and
 * id only (job data never carries sensitive values); a failed run is not retried blindly.
 */
export interface JobDefinition<Data extends object = Record<string, unknown>> {
  queue: string;
  /** Cron expression (server time) for periodic work; absent for work sent on demand. */
  schedule?: string;
  work: (ctx: AppContext, data: Data, log: Logger) => Promise<void>;
}

export interface Capability {
  /** Short name, used in logs and by the authorisation-matrix test. */
  name: string;
  routes: readonly RouteSet[];
  jobs: readonly JobDefinition<never>[];
  /**
   * At start, before any worker runs: put right what a stop or a crash left half-done (work that no worker
   * holds is marked interrupted, so it can be run again at once) and bring forward what an older version
   * stored (sealing what it kept in clear). Returns how many things it put right.
   */
  atStart?: (ctx: AppContext) => Promise<number>;
  /**
   * The policy actions this capability's routes declare. Who may perform them is decided centrally in
   * src/policy/policy.ts; the declaration lets the tests check that every action belongs to exactly one
   * capability and that no route uses another capability's action.
   */
  actions: readonly Action[];
}

