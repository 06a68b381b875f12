/**
 * One-time two-factor recovery codes. Ten random codes of 10 characters (about 49 bits each) are given once;
 * only an HMAC-SHA256 of each is stored, keyed by a key derived from the master key and bound to the user.
 * A slow hash is not needed: the codes are random, not chosen by people, so there is no dictionary to try,
 * and the key stays outside the database (docs/SECURITY.md). Using a code marks it used under the user's
 * row lock, so it is accepted once.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { and, count, eq, isNull } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../platform/db/database.ts';
import type { MasterKey } from '../platform/crypto/envelope.ts';
import { normaliseRecoveryCode, RECOVERY_CODE_ALPHABET, RECOVERY_CODE_COUNT } from '../shared/auth.ts';
import { recoveryCodes } from './tables.ts';

const CODE_LENGTH = 10;

/** One code, drawn without modulo bias, shown as "abcde-fghjk". */
function newRecoveryCode(): string {
  const n = RECOVERY_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let out = '';
  while (out.length < CODE_LENGTH) {
    for (const b of randomBytes(CODE_LENGTH * 2)) {
      if (b < limit && out.length < CODE_LENGTH) out += RECOVERY_CODE_ALPHABET[b % n];
    }
  }
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

const codeHash = (master: MasterKey, userId: string, code: string) =>
  createHmac('sha256', master.derive('recovery-codes')).update(userId).update('\n').update(normaliseRecoveryCode(code)).digest();

/** Replaces the user's codes (used or not) with a fresh set; returns the codes, to be shown once. */
export async function replaceRecoveryCodes(tx: Tx, master: MasterKey, user: { id: string; organisationId: string }): Promise<string[]> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.insert(recoveryCodes).values(codes.map((c) => ({ organisationId: user.organisationId, userId: user.id, codeHash: codeHash(master, user.id, c) })));
  return codes;
}

/** Marks the code used if it is one of the user's unused codes; the caller holds the user's row lock. */
export async function useRecoveryCode(tx: Tx, master: MasterKey, userId: string, code: string): Promise<boolean> {
  const used = await tx.update(recoveryCodes).set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash(master, userId, code)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length === 1;
}

export async function recoveryCodesLeft(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

export const deleteRecoveryCodes = (tx: Tx, userId: string) => tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
