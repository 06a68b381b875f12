import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadMasterKey, MasterKeyError } from './master-key.ts';

describe('master key loading', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'salama-key-'));

  it('creates a 0600 key file on first start and reads the same key afterwards', () => {
    const keyFile = join(dir(), 'master.key');
    const a = loadMasterKey({ masterKey: undefined, keyFile }, { create: true });
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const b = loadMasterKey({ masterKey: undefined, keyFile });
    expect(a.id.equals(b.id)).toBe(true);
  });

  it('refuses to start without a key unless asked to create one', () => {
    expect(() => loadMasterKey({ masterKey: undefined, keyFile: join(dir(), 'none.key') })).toThrow(/salama init/);
  });

  it('refuses a key file other users can read', () => {
    const keyFile = join(dir(), 'master.key');
    writeFileSync(keyFile, randomBytes(32).toString('base64'));
    chmodSync(keyFile, 0o644);
    expect(() => loadMasterKey({ masterKey: undefined, keyFile })).toThrow(/chmod 600/);
  });

  it('accepts SALAMA_MASTER_KEY as base64 or hex and names it when malformed', () => {
    const raw = randomBytes(32);
    const fromB64 = loadMasterKey({ masterKey: raw.toString('base64'), keyFile: '/nonexistent' });
    const fromHex = loadMasterKey({ masterKey: raw.toString('hex'), keyFile: '/nonexistent' });
    expect(fromB64.id.equals(fromHex.id)).toBe(true);
    expect(() => loadMasterKey({ masterKey: 'short', keyFile: '/nonexistent' })).toThrow(MasterKeyError);
    expect(() => loadMasterKey({ masterKey: 'short', keyFile: '/nonexistent' })).toThrow(/SALAMA_MASTER_KEY/);
  });
});
