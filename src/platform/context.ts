/** What services need from the platform; built once at start-up (server, CLI, tests) and passed down. */
import type { Db } from './db/database.ts';
import type { MasterKey } from './crypto/envelope.ts';

export interface AppContext {
  db: Db;
  master: MasterKey;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
}
