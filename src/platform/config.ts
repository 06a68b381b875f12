/** Reads and validates configuration from the environment once; a bad value stops start-up with its name. */
import { z } from 'zod';
import { isMessageCode, issuesOfZodIssue, ruleText, translator } from '../shared/messages.ts';
import { resolve } from 'node:path';

const Env = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  SALAMA_DATA_DIR: z.string().min(1).default('./data'),
  SALAMA_MASTER_KEY: z.string().optional(),
  SALAMA_KEY_FILE: z.string().optional(),
  SALAMA_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SALAMA_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(12),
  // Which proxies may speak for the client (X-Forwarded-For/-Proto): none, a number of hops, or addresses.
  // "true" is refused: trusting any sender would let a client pick its own IP and slip past rate limits.
  SALAMA_TRUST_PROXY: z.string().default('false').refine(
    (v) => v === 'false' || /^[1-9]\d?$/.test(v) || /^[0-9a-fA-F.:/]+(,\s*[0-9a-fA-F.:/]+)*$/.test(v),
    'must be false, the number of proxies in front of Salama (e.g. 1), or their addresses (e.g. 127.0.0.1,10.0.0.0/8)',
  ),
  SALAMA_DEMO: z.enum(['true', 'false']).optional(),
  // Scheduled backups: where, how many to keep, and when (a cron expression, or "off").
  SALAMA_BACKUP_DIR: z.string().min(1).optional(),
  SALAMA_BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(7),
  SALAMA_BACKUP_SCHEDULE: z.string().default('15 2 * * *').refine(
    (v) => v === 'off' || /^(\S+\s+){4}\S+$/.test(v.trim()),
    'must be a cron expression of five fields (e.g. "15 2 * * *", every day at 02:15) or off'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface BackupSchedule {
  dir: string;
  /** How many scheduled backups to keep (older ones are deleted; files written by hand are never touched). */
  keep: number;
  schedule: string;
}

export interface Config {
  databaseUrl: string | undefined;
  host: string;
  port: number;
  dataDir: string;
  masterKey: string | undefined;
  keyFile: string;
  /** Where the audit chain's authenticated checkpoint is kept (outside the database). */
  auditCheckpointFile: string;
  /** Scheduled backups (null when switched off). */
  backup: BackupSchedule | null;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /** false, a hop count, or a comma-separated list of proxy addresses/CIDRs (Fastify's trustProxy). */
  trustProxy: false | number | string;
  demo: boolean | undefined;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    // Messages are codes of the catalogue (shared/zod.ts) unless the schema above words its own.
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${isMessageCode(i.message) ? ruleText(translator('en'), issuesOfZodIssue(i)[0]!) : i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.SALAMA_DATA_DIR);
  return {
    databaseUrl: e.DATABASE_URL,
    host: e.HOST,
    port: e.PORT,
    dataDir,
    masterKey: e.SALAMA_MASTER_KEY,
    keyFile: resolve(e.SALAMA_KEY_FILE ?? `${dataDir}/master.key`),
    auditCheckpointFile: `${dataDir}/audit-checkpoint.json`,
    backup: e.SALAMA_BACKUP_SCHEDULE === 'off' ? null
      : { dir: resolve(e.SALAMA_BACKUP_DIR ?? `${dataDir}/backups`), keep: e.SALAMA_BACKUP_KEEP, schedule: e.SALAMA_BACKUP_SCHEDULE.trim() },
    sessionIdleMs: e.SALAMA_SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SALAMA_SESSION_ABSOLUTE_HOURS * 3_600_000,
    trustProxy: e.SALAMA_TRUST_PROXY === 'false' ? false : /^\d+$/.test(e.SALAMA_TRUST_PROXY) ? Number(e.SALAMA_TRUST_PROXY) : e.SALAMA_TRUST_PROXY,
    demo: e.SALAMA_DEMO === undefined ? undefined : e.SALAMA_DEMO === 'true',
    logLevel: e.LOG_LEVEL,
  };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Settings that work but are risky, said at start. A hop count trusts whoever is nearest: when the port is
 * reachable from beyond this machine, a client that connects directly becomes "the proxy" and chooses its
 * own address through X-Forwarded-For (rate limits and the audit trail then see a forged address).
 */
export function configWarnings(cfg: Pick<Config, 'host' | 'trustProxy'>): string[] {
  const warnings: string[] = [];
  if (typeof cfg.trustProxy === 'number' && !LOOPBACK.has(cfg.host)) {
    warnings.push(`SALAMA_TRUST_PROXY=${cfg.trustProxy} trusts the nearest ${cfg.trustProxy === 1 ? 'hop' : `${cfg.trustProxy} hops`} whoever they are, and HOST=${cfg.host} lets clients reach this port directly: they can then choose their own address through X-Forwarded-For. Give the proxy's address instead (for example SALAMA_TRUST_PROXY=10.0.0.5), or listen on 127.0.0.1 behind a proxy on this machine.`);
  }
  return warnings;
}
