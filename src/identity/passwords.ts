/** Password hashing with argon2id (OWASP parameters) and the password rule users are told about. */
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { PASSWORD_MIN_LENGTH } from '../shared/auth.ts';

const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 2 /* Argon2id */ } as const;
/** The one password rule, shared with the web forms (src/shared/auth.ts). */
export const MIN_PASSWORD_LENGTH = PASSWORD_MIN_LENGTH;

export const hashPassword = (password: string) => hash(password, OPTIONS);

/** A hash of a random string, verified against when the user does not exist so timing does not tell. */
let dummyHash: Promise<string> | undefined;
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

/** What is wrong with a new password, as a message code with its limit and the English for logs and the CLI. */
export interface PasswordProblem { code: 'too_short' | 'too_long'; params: { min: number } | { max: number }; message: string }

export function passwordProblem(password: string): PasswordProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH) return { code: 'too_short', params: { min: MIN_PASSWORD_LENGTH }, message: `must be at least ${MIN_PASSWORD_LENGTH} characters` };
  if (password.length > 1024) return { code: 'too_long', params: { max: 1024 }, message: 'must be at most 1024 characters' };
  return null;
}

/** A generated password: 20 characters from an alphabet without look-alikes. */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(20);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
