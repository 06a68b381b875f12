import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DecryptionError, MasterKey, open, openJson, openPacked, openWithWrappedKey, seal, sealJson, sealPacked, withNewDataKey, WRAPPED_KEY_LENGTH,
} from './envelope.ts';

describe('envelope encryption', () => {
  const master = new MasterKey(randomBytes(32));

  it('round-trips a value under a per-record data key', () => {
    const { wrappedKey, sealed } = sealJson(master, 'incident:1', { narrative: 'text' });
    expect(wrappedKey).toHaveLength(WRAPPED_KEY_LENGTH);
    expect(sealed.includes(Buffer.from('text'))).toBe(false);
    expect(openJson(master, 'incident:1', wrappedKey, sealed)).toEqual({ narrative: 'text' });
  });

  it('uses a fresh data key and IV every time', () => {
    const a = sealJson(master, 'x', 'same');
    const b = sealJson(master, 'x', 'same');
    expect(a.wrappedKey.equals(b.wrappedKey)).toBe(false);
    expect(a.sealed.equals(b.sealed)).toBe(false);
  });

  it('refuses a ciphertext moved to another record (context is authenticated)', () => {
    const { wrappedKey, sealed } = sealJson(master, 'incident:1', 'secret');
    expect(() => openJson(master, 'incident:2', wrappedKey, sealed)).toThrow(DecryptionError);
  });

  it('refuses tampered ciphertext and a wrong master key', () => {
    const { wrappedKey, sealed } = sealJson(master, 'c', 'secret');
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => openJson(master, 'c', wrappedKey, tampered)).toThrow(DecryptionError);
    expect(() => openJson(new MasterKey(randomBytes(32)), 'c', wrappedKey, sealed)).toThrow(DecryptionError);
  });

  it('seal/open work with a raw data key, and packed values round-trip', () => {
    const key = randomBytes(32);
    expect(open(key, seal(key, Buffer.from('abc'), 'k'), 'k').toString()).toBe('abc');
    expect(openPacked(master, 'p', sealPacked(master, 'p', 'JBSWY3DPEHPK3PXP'))).toBe('JBSWY3DPEHPK3PXP');
  });

  it('lends a new data key for several values, stored as sealJson and sealWithWrappedKey store them', () => {
    const { wrappedKey, result } = withNewDataKey(master, 'incident:7', (sealer, wrapped) => {
      expect(wrapped).toHaveLength(WRAPPED_KEY_LENGTH);
      return { record: sealer('incident:7', { narrative: 'now' }), version: sealer('incident:7:version:1', { narrative: 'then' }) };
    });
    expect(openJson(master, 'incident:7', wrappedKey, result.record)).toEqual({ narrative: 'now' });
    expect(openWithWrappedKey(master, 'incident:7', wrappedKey, 'incident:7:version:1', result.version)).toEqual({ narrative: 'then' });
    expect(() => openWithWrappedKey(master, 'incident:7', wrappedKey, 'incident:7:version:2', result.version)).toThrow(DecryptionError);
  });

  it('never repeats a data key or an IV across many seals (random bytes drawn from a refilled pool)', () => {
    const keys = new Set<string>();
    const ivs = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const { wrappedKey, sealed } = sealJson(master, 'x', i);
      keys.add(wrappedKey.toString('hex'));
      ivs.add(sealed.subarray(1, 13).toString('hex'));
      ivs.add(wrappedKey.subarray(9, 21).toString('hex'));
    }
    expect(keys.size).toBe(2000);
    expect(ivs.size).toBe(4000);
  });

  it('rejects a master key of the wrong size', () => {
    expect(() => new MasterKey(randomBytes(16))).toThrow(/32 bytes/);
  });
});
