/**
 * Loads the master key from SALAMA_MASTER_KEY (base64 or hex of 32 bytes) or from the key file, which
 * `salama init` and the first start create with 0600 permissions. A key file readable by others is refused.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MasterKey } from './envelope.ts';

export class MasterKeyError extends Error {}

export function parseKey(text: string, source: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new MasterKeyError(`${source}: must be 32 bytes, written as base64 (44 characters) or hex (64 characters)`);
  return key;
}

export function createKeyFile(path: string): boolean {
  if (existsSync(path)) return false;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return true;
}

export function loadMasterKey(cfg: { masterKey: string | undefined; keyFile: string }, opts: { create?: boolean } = {}): MasterKey {
  if (cfg.masterKey) return new MasterKey(parseKey(cfg.masterKey, 'SALAMA_MASTER_KEY'));
  if (!existsSync(cfg.keyFile)) {
    if (!opts.create) throw new MasterKeyError(`no master key: set SALAMA_MASTER_KEY or run "salama init" to create ${cfg.keyFile}`);
    createKeyFile(cfg.keyFile);
  }
  const mode = statSync(cfg.keyFile).mode & 0o777;
  if (mode & 0o077) throw new MasterKeyError(`${cfg.keyFile}: permissions ${mode.toString(8)} let other users read the master key; run chmod 600 on it`);
  return new MasterKey(parseKey(readFileSync(cfg.keyFile, 'utf8'), cfg.keyFile));
}
