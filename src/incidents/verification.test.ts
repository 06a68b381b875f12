import { describe, expect, it } from 'vitest';
import { fourEyesProblem, isLateVerification, quarterEnd, quarterOf } from './verification.ts';

describe('verification rules', () => {
  it('finds the end of the quarter, leap years included', () => {
    expect(quarterEnd('2025-01-15')).toBe('2025-03-31');
    expect(quarterEnd('2025-04-01')).toBe('2025-06-30');
    expect(quarterEnd('2025-09-30')).toBe('2025-09-30');
    expect(quarterEnd('2025-12-31')).toBe('2025-12-31');
    expect(quarterEnd('2024-02-29')).toBe('2024-03-31');
    expect(quarterOf('2025-08-02')).toBe('2025-Q3');
  });

  it('calls a verification late only when verified after the quarter of the incident ended', () => {
    const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
    const base = { status: 'verified' as const, occurredFrom: '2025-02-10', occurredTo: null };
    expect(isLateVerification({ ...base, decidedAt: at('2025-03-31') })).toBe(false);
    expect(isLateVerification({ ...base, decidedAt: at('2025-04-01') })).toBe(true);
    // A date range counts from its last day: March to April, verified in May, is within Q2.
    expect(isLateVerification({ ...base, occurredFrom: '2025-03-28', occurredTo: '2025-04-03', decidedAt: at('2025-05-20') })).toBe(false);
    // Only a verification can be late.
    expect(isLateVerification({ ...base, status: 'not_verified', decidedAt: at('2026-01-01') })).toBe(false);
    expect(isLateVerification({ ...base, decidedAt: null })).toBe(false);
  });

  it('keeps four eyes: the recorder never decides', () => {
    expect(fourEyesProblem('u1', 'u1')).toMatch(/four eyes/);
    expect(fourEyesProblem('u1', null)).toMatch(/four eyes/);
    expect(fourEyesProblem('u2', 'u1')).toBeNull();
  });
});
