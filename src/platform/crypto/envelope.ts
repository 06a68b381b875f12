/**
 * Envelope encryption (AES-256-GCM). Each record gets its own random data key; the data key is stored only
 * wrapped by the master key. Destroying a record's wrapped key makes its ciphertext unreadable for ever
 * (crypto-shredding). Both layers bind an "additional authenticated data" context (the record id), so a
 * ciphertext copied onto another record fails to decrypt instead of leaking.
 *
 * Formats: wrapped key = v(1) | masterKeyId(8) | iv(12) | tag(16) | ciphertext(32);
 *          sealed data = v(1) | iv(12) | tag(16) | ciphertext.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Random bytes (IVs, data keys) drawn from a CSPRNG buffer refilled 16 KiB at a time, as Node does for
 * randomUUID: one call into OpenSSL per few hundred seals instead of one per IV or key (about 2 µs a call
 * here, four a record: 0.7 s of a 100,000-row import). Bytes handed out are wiped from the buffer at once.
 */
const RANDOM_POOL = 16 * 1024;
let randomPool = Buffer.alloc(0);
let randomAt = 0;
function random(n: number): Buffer {
  if (randomAt + n > randomPool.length) {
    randomPool.fill(0);
    randomPool = randomBytes(Math.max(RANDOM_POOL, n));
    randomAt = 0;
  }
  const out = Buffer.alloc(n);
  randomPool.copy(out, 0, randomAt, randomAt + n);
  randomPool.fill(0, randomAt, randomAt + n);
  randomAt += n;
  return out;
}

const VERSION = 1;
const IV = 12;
const TAG = 16;

export class DecryptionError extends Error {
  constructor() { super('decryption failed: wrong key, wrong record, or tampered data'); }
}

function gcmSeal(key: Buffer, plaintext: Buffer, aad: string): Buffer[] {
  const iv = random(IV);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  return [iv, c.getAuthTag(), ct];
}

function gcmOpen(key: Buffer, iv: Buffer, tag: Buffer, ct: Buffer, aad: string): Buffer {
  try {
    const d = createDecipheriv('aes-256-gcm', key, iv);
    d.setAAD(Buffer.from(aad, 'utf8'));
    d.setAuthTag(tag);
    return Buffer.concat([d.update(ct), d.final()]);
  } catch {
    throw new DecryptionError();
  }
}

export class MasterKey {
  readonly id: Buffer;
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('master key must be 32 bytes');
    this.#key = Buffer.from(key);
    this.id = createHash('sha256').update('salama-master-key-id').update(key).digest().subarray(0, 8);
  }

  wrap(dataKey: Buffer, context: string): Buffer {
    return Buffer.concat([Buffer.from([VERSION]), this.id, ...gcmSeal(this.#key, dataKey, `dek:${context}`)]);
  }

  /** A separate key for another purpose (HKDF-SHA256), so the master key itself is used only to wrap. */
  derive(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.#key, Buffer.alloc(0), `salama:${purpose}`, 32));
  }

  unwrap(wrapped: Buffer, context: string): Buffer {
    if (wrapped.length !== 1 + 8 + IV + TAG + 32 || wrapped[0] !== VERSION) throw new DecryptionError();
    if (!wrapped.subarray(1, 9).equals(this.id)) throw new DecryptionError();
    const iv = wrapped.subarray(9, 9 + IV);
    const tag = wrapped.subarray(9 + IV, 9 + IV + TAG);
    return gcmOpen(this.#key, iv, tag, wrapped.subarray(9 + IV + TAG), `dek:${context}`);
  }
}

export const newDataKey = (): Buffer => random(32);

export function seal(dataKey: Buffer, plaintext: Buffer, context: string): Buffer {
  return Buffer.concat([Buffer.from([VERSION]), ...gcmSeal(dataKey, plaintext, `data:${context}`)]);
}

export function open(dataKey: Buffer, sealed: Buffer, context: string): Buffer {
  if (sealed.length < 1 + IV + TAG || sealed[0] !== VERSION) throw new DecryptionError();
  return gcmOpen(dataKey, sealed.subarray(1, 1 + IV), sealed.subarray(1 + IV, 1 + IV + TAG), sealed.subarray(1 + IV + TAG), `data:${context}`);
}

/** Seals a JSON value under a fresh data key; returns what is stored. */
export function sealJson(master: MasterKey, context: string, value: unknown): { wrappedKey: Buffer; sealed: Buffer } {
  const dataKey = newDataKey();
  try {
    return { wrappedKey: master.wrap(dataKey, context), sealed: sealJsonUnder(dataKey, context, value) };
  } finally {
    dataKey.fill(0);
  }
}

export function openJson<T>(master: MasterKey, context: string, wrappedKey: Buffer, sealed: Buffer): T {
  const dataKey = master.unwrap(wrappedKey, context);
  try {
    return JSON.parse(open(dataKey, sealed, context).toString('utf8')) as T;
  } finally {
    dataKey.fill(0);
  }
}

/** A JSON value sealed under an open data key (the one place that knows the JSON encoding of sealed values). */
const sealJsonUnder = (dataKey: Buffer, context: string, value: unknown): Buffer => seal(dataKey, Buffer.from(JSON.stringify(value), 'utf8'), context);

/** Seals JSON values under a data key without handing the key out; `dataContext` must differ per value. */
export type KeySealer = (dataContext: string, value: unknown) => Buffer;

/**
 * A fresh data key, wrapped under `context`, lent to `use` for sealing one or more values (a record and its
 * first version, say) and wiped afterwards: the same stored formats as sealJson then sealWithWrappedKey,
 * without unwrapping the key again for the second value.
 */
export function withNewDataKey<T>(master: MasterKey, context: string, use: (sealer: KeySealer, wrappedKey: Buffer) => T): { wrappedKey: Buffer; result: T } {
  const dataKey = newDataKey();
  try {
    const wrappedKey = master.wrap(dataKey, context);
    return { wrappedKey, result: use((dataContext, value) => sealJsonUnder(dataKey, dataContext, value), wrappedKey) };
  } finally {
    dataKey.fill(0);
  }
}

/**
 * Seals another value under a record's existing data key (a new version of the record, say), so that
 * destroying that one wrapped key shreds every version at once. `dataContext` must differ per value.
 */
export function sealWithWrappedKey(master: MasterKey, keyContext: string, wrappedKey: Buffer, dataContext: string, value: unknown): Buffer {
  const dataKey = master.unwrap(wrappedKey, keyContext);
  try {
    return sealJsonUnder(dataKey, dataContext, value);
  } finally {
    dataKey.fill(0);
  }
}

export function openWithWrappedKey<T>(master: MasterKey, keyContext: string, wrappedKey: Buffer, dataContext: string, sealed: Buffer): T {
  const dataKey = master.unwrap(wrappedKey, keyContext);
  try {
    return JSON.parse(open(dataKey, sealed, dataContext).toString('utf8')) as T;
  } finally {
    dataKey.fill(0);
  }
}

export const WRAPPED_KEY_LENGTH = 1 + 8 + IV + TAG + 32;

/** For small secrets kept in one column: wrapped key and ciphertext side by side. */
export function sealPacked(master: MasterKey, context: string, value: unknown): Buffer {
  const { wrappedKey, sealed } = sealJson(master, context, value);
  return Buffer.concat([wrappedKey, sealed]);
}

export function openPacked<T>(master: MasterKey, context: string, packed: Buffer): T {
  return openJson<T>(master, context, packed.subarray(0, WRAPPED_KEY_LENGTH), packed.subarray(WRAPPED_KEY_LENGTH));
}

/** Bytes (an uploaded file) sealed under a fresh data key, wrapped key and ciphertext side by side. */
export function sealPackedBytes(master: MasterKey, context: string, bytes: Buffer): Buffer {
  const dataKey = newDataKey();
  try {
    return Buffer.concat([master.wrap(dataKey, context), seal(dataKey, bytes, context)]);
  } finally {
    dataKey.fill(0);
  }
}

export function openPackedBytes(master: MasterKey, context: string, packed: Buffer): Buffer {
  const dataKey = master.unwrap(packed.subarray(0, WRAPPED_KEY_LENGTH), context);
  try {
    return open(dataKey, packed.subarray(WRAPPED_KEY_LENGTH), context);
  } finally {
    dataKey.fill(0);
  }
}
