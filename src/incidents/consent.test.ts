import { describe, expect, it } from 'vitest';
import { consentAllows, narrowingProblem } from './consent.ts';

describe('consent rules', () => {
  it('lets the holding agency work on every record, and sends nothing out under agency_only', () => {
    for (const purpose of ['mara_working_group', 'aggregate_statistics', 'referral', 'justice'] as const) {
      expect(consentAllows(['agency_only'], purpose)).toBe(false);
    }
    expect(consentAllows(['agency_only'], 'agency')).toBe(true);
  });

  it('allows exactly the purposes consented to', () => {
    const scopes = ['aggregate_statistics', 'referral'];
    expect(consentAllows(scopes, 'aggregate_statistics')).toBe(true);
    expect(consentAllows(scopes, 'referral')).toBe(true);
    expect(consentAllows(scopes, 'mara_working_group')).toBe(false);
    expect(consentAllows(scopes, 'justice')).toBe(false);
  });

  it('lets a withdrawal only narrow consent', () => {
    expect(narrowingProblem(['mara_working_group', 'aggregate_statistics'], ['aggregate_statistics'])).toBeNull();
    expect(narrowingProblem(['referral'], ['agency_only'])).toBeNull();
    expect(narrowingProblem(['referral'], ['justice'])).toMatch(/cannot add justice/);
  });
});
