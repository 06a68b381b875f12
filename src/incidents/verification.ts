/**
 * Verification rules (DOMAIN.md section 3), as plain functions with no I/O.
 * - Four eyes: a decision (verified, not verified, found not to have occurred) is recorded by a
 *   coordinator who is not the person who recorded the incident.
 * - Late verification is derived, never stored: an incident verified after the end of the quarter in which
 *   it occurred (its last day, for a date range) is reported in the later period.
 */
import { DECIDED_STATUSES, type VerificationStatus } from '../shared/taxonomy.ts';

export const isDecided = (status: VerificationStatus): boolean => DECIDED_STATUSES.includes(status);

/** Last day (UTC, YYYY-MM-DD) of the calendar quarter holding `day`. */
export function quarterEnd(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const lastMonth = Math.ceil(month / 3) * 3;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return `${year}-${String(lastMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
}

/** The quarter an incident falls in, as "2025-Q3" (by its last day). */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
}

export function isLateVerification(i: { status: VerificationStatus; occurredFrom: string; occurredTo: string | null; decidedAt: Date | null }): boolean {
  if (i.status !== 'verified' || !i.decidedAt) return false;
  return i.decidedAt.toISOString().slice(0, 10) > quarterEnd(i.occurredTo ?? i.occurredFrom);
}

/** Null when the decision may be recorded; otherwise the reason it may not (four eyes). */
export function fourEyesProblem(deciderId: string, recordedBy: string | null): string | null {
  if (recordedBy === null || deciderId === recordedBy) {
    return 'verification: a decision must be recorded by a coordinator other than the person who recorded the incident (four eyes); save it as reported or pending and ask another coordinator';
  }
  return null;
}
