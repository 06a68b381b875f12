/**
 * Per-IP limit on failed secrets (sign-in passwords, two-factor codes): only failures count, so a whole office
 * behind one address can sign in at once, while guessing from one address stops after `max` failures in a
 * sliding window. Consulted before any secret is checked; successes neither count nor clear the count (one
 * valid account must not buy fresh guesses at others). In memory, per process: a restart forgets it, and the
 * per-account lockout (identity/credentials.ts) still holds across restarts.
 */
import { AppError } from './errors.ts';

/** Above this many addresses tracked, expired entries are swept before another is added. */
const SWEEP_AT = 10_000;

export class FailureLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(readonly max: number, readonly windowMs = 60_000, private readonly now: () => number = Date.now) {}

  #recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.#failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length) this.#failures.set(key, kept);
    else this.#failures.delete(key);
    return kept;
  }

  /** Throws 429 when this address has used up its failures in the window. */
  check(key: string): void {
    if (this.#recent(key).length >= this.max) throw new AppError(429, 'rate_limited', 'too many failed attempts from this address: wait a minute and try again');
  }

  fail(key: string): void {
    if (!this.#failures.has(key) && this.#failures.size >= SWEEP_AT) for (const k of [...this.#failures.keys()]) this.#recent(k);
    const list = this.#recent(key);
    list.push(this.now());
    // At most `max` timestamps per address are ever needed to decide.
    this.#failures.set(key, list.slice(-this.max));
  }

  /**
   * Runs one attempt: refused at once when the address is over its limit, and counted when it fails with
   * one of the given error codes (a wrong secret, or a locked account being tried).
   */
  async attempt<T>(key: string, failureCodes: ReadonlySet<string>, run: () => Promise<T>): Promise<T> {
    this.check(key);
    try {
      return await run();
    } catch (e) {
      if (e instanceof AppError && failureCodes.has(e.code)) this.fail(key);
      throw e;
    }
  }
}
