import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { FailureLimiter } from './failure-limit.ts';

const WRONG = new Set(['invalid_credentials']);
const refused = () => Promise.reject(new AppError(401, 'invalid_credentials', 'no'));

describe('failure limiter', () => {
  it('counts failures only: successes from the same address never reach the limit', async () => {
    const limiter = new FailureLimiter(3);
    for (let i = 0; i < 50; i++) expect(await limiter.attempt('10.0.0.1', WRONG, () => Promise.resolve(i))).toBe(i);
    for (let i = 0; i < 3; i++) await expect(limiter.attempt('10.0.0.1', WRONG, refused)).rejects.toMatchObject({ code: 'invalid_credentials' });
    await expect(limiter.attempt('10.0.0.1', WRONG, () => Promise.resolve('right password'))).rejects.toMatchObject({ status: 429, code: 'rate_limited' });
    // Another address is not affected.
    expect(await limiter.attempt('10.0.0.2', WRONG, () => Promise.resolve('ok'))).toBe('ok');
  });

  it('forgets failures older than the window, and ignores errors that are not wrong secrets', async () => {
    let now = 1_000_000;
    const limiter = new FailureLimiter(2, 60_000, () => now);
    await expect(limiter.attempt('a', WRONG, () => Promise.reject(new AppError(400, 'validation_failed', 'x')))).rejects.toBeTruthy();
    await expect(limiter.attempt('a', WRONG, refused)).rejects.toBeTruthy();
    now += 30_000;
    await expect(limiter.attempt('a', WRONG, refused)).rejects.toBeTruthy();
    expect(() => limiter.check('a')).toThrow(/too many failed attempts/);
    now += 30_001; // the first failure is now out of the window
    expect(() => limiter.check('a')).not.toThrow();
  });
});
