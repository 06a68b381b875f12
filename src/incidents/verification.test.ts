import { describe, expect, it } from 'vitest';
import { fourEyes, groundsProblems, isLateVerification, quarterEnd, quarterOf, remapReliedOn, type FourEyesInput } from './verification.ts';

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

  describe('four eyes, as the organisation provides it', () => {
    const own = (over: Partial<FourEyesInput> = {}): FourEyesInput => ({
      decider: { userId: 'u1', organisationId: 'A' }, record: { organisationId: 'A', createdBy: 'u1' }, mode: 'same_organisation', viaReview: false, ...over,
    });
    const JUSTIFIED = 'Only coordinator in the office; HQ reviewer on leave until March.';

    it('strict by default: the recorder never decides, another coordinator does', () => {
      expect(fourEyes(own()).problem?.message).toMatch(/four eyes/);
      expect(fourEyes(own({ record: { organisationId: 'A', createdBy: null } })).problem?.code).toBe('four_eyes_other_coordinator');
      expect(fourEyes(own({ justification: JUSTIFIED })).problem).toBeDefined();
      expect(fourEyes(own({ decider: { userId: 'u2', organisationId: 'A' } })).route).toBe('coordinator');
    });

    it('partner reviewer: the recorder is sent to the reviewer; the reviewer of an open review decides', () => {
      expect(fourEyes(own({ mode: 'partner_reviewer' })).problem?.message).toMatch(/designated reviewer/);
      const reviewer = { userId: 'r1', organisationId: 'HQ' };
      expect(fourEyes(own({ mode: 'partner_reviewer', decider: reviewer, viaReview: true })).route).toBe('partner_reviewer');
      // Another organisation without an open review, or a review in another mode, decides nothing.
      expect(fourEyes(own({ mode: 'partner_reviewer', decider: reviewer })).problem).toBeDefined();
      expect(fourEyes(own({ mode: 'same_organisation', decider: reviewer, viaReview: true })).problem).toBeDefined();
      // Another coordinator of the organisation still decides.
      expect(fourEyes(own({ mode: 'partner_reviewer', decider: { userId: 'u2', organisationId: 'A' } })).route).toBe('coordinator');
    });

    it('recorder with justification: only when chosen, and only with a written justification', () => {
      const mode = 'recorder_justified' as const;
      expect(fourEyes(own({ mode })).problem?.field).toBe('selfDecisionJustification');
      expect(fourEyes(own({ mode, justification: 'too short' })).problem?.field).toBe('selfDecisionJustification');
      expect(fourEyes(own({ mode, justification: JUSTIFIED })).route).toBe('recorder_justified');
      // Not the recorder: an ordinary second pair of eyes, not a self-decision.
      expect(fourEyes(own({ mode, justification: JUSTIFIED, decider: { userId: 'u2', organisationId: 'A' } })).route).toBe('coordinator');
    });
  });

  it('asks a decision for its standard of proof and the sources it relied on', () => {
    expect(groundsProblems({ status: 'verified' }, 2).map((p) => p.field)).toEqual(['standard', 'reliedOnSources']);
    expect(groundsProblems({ status: 'verified', standard: 'reasonable_grounds_to_believe' }, 0)).toEqual([]);
    expect(groundsProblems({ status: 'found_not_occurred' }, 0).map((p) => p.field)).toEqual(['standard']);
    expect(groundsProblems({ status: 'not_verified' }, 3)).toEqual([]);
    expect(groundsProblems({ status: 'verified', standard: 'balance_of_probabilities', reliedOnSources: [1] }, 2)).toEqual([]);
  });

  it('keeps the sources a decision relied on attached to their entries when the list is edited', () => {
    const clinic = { type: 'service_provider', organisation: 'Clinic' };
    const patrol = { type: 'monitor', organisation: 'Patrol' };
    const media = { type: 'media', organisation: null };
    expect(remapReliedOn([clinic, patrol, media], [media, clinic, patrol], [0, 1])).toEqual([1, 2]);
    // A removed source drops out; an unknown position is ignored.
    expect(remapReliedOn([clinic, patrol], [patrol], [0, 1, 7])).toEqual([0]);
    // Two identical entries each keep one position.
    expect(remapReliedOn([clinic, clinic], [clinic, patrol, clinic], [0, 1])).toEqual([0, 2]);
    // Stored lists come back from jsonb with their keys in another order, and null where absent.
    const stored: Record<string, string | null>[] = [{ organisation: 'Clinic', date: null, type: 'service_provider' }];
    expect(remapReliedOn<Record<string, string | null>>(stored, [patrol, clinic], [0])).toEqual([1]);
  });
});
