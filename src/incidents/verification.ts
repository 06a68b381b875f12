/**
 * Verification rules (DOMAIN.md section 3), as plain functions with no I/O.
 * - Four eyes: a decision (verified, not verified, found not to have occurred) is recorded by someone other
 *   than the person who recorded the incident: another coordinator of the organisation; or, where the
 *   organisation chose it, a designated reviewer of a partner or headquarters organisation the record was put
 *   to; or, only where the organisation explicitly allows it, the recorder with a written justification
 *   (the record is then flagged as self-decided, for every figure that counts it).
 * - A decision states its grounds: the standard of proof applied, and which of the record's sources it relied on.
 * - Late verification is derived, never stored: an incident verified after the end of the quarter in which
 *   it occurred (its last day, for a date range) is reported in the later period.
 */
import type { FourEyesMode } from '../shared/organisation.ts';
import { canonicalJson } from '../shared/canonical.ts';
import { DECIDED_STATUSES, type DecisionRoute, type VerificationStatus } from '../shared/taxonomy.ts';
import type { IssueParams, MessageCode } from '../shared/messages.ts';

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

/** The shortest justification a recorder deciding their own record may write. */
export const MIN_JUSTIFICATION = 20;

export interface FourEyesInput {
  decider: { userId: string; organisationId: string };
  record: { organisationId: string; createdBy: string | null };
  mode: FourEyesMode;
  /** The decider holds an open review of this record, designated by the record's organisation. */
  viaReview: boolean;
  justification?: string | null;
}

/** Why a decision may not be recorded: a message code of the catalogue with its values, and the English for logs. */
export interface FourEyesProblem { code: MessageCode; params?: IssueParams; field: string; message: string }
export type FourEyesOutcome = { route: DecisionRoute; problem?: never } | { problem: FourEyesProblem; route?: never };

/** How this decision meets four eyes, or why it may not be recorded. */
export function fourEyes(i: FourEyesInput): FourEyesOutcome {
  if (i.viaReview) {
    return i.decider.organisationId !== i.record.organisationId && i.mode === 'partner_reviewer'
      ? { route: 'partner_reviewer' }
      : { problem: { code: 'four_eyes_reviewer_scope', field: 'status', message: 'a reviewer decides only records of another organisation put to them' } };
  }
  if (i.decider.organisationId !== i.record.organisationId) {
    return { problem: { code: 'four_eyes_coordinators', field: 'status', message: 'only the organisation\'s coordinators, or a reviewer the record was put to, decide it' } };
  }
  if (i.record.createdBy !== null && i.decider.userId !== i.record.createdBy) return { route: 'coordinator' };
  switch (i.mode) {
    case 'recorder_justified':
      if ((i.justification ?? '').trim().length >= MIN_JUSTIFICATION) return { route: 'recorder_justified' };
      return { problem: { code: 'self_decision_justification', params: { min: MIN_JUSTIFICATION }, field: 'selfDecisionJustification', message: `is required when you decide an incident you recorded: write why no second person could decide (at least ${MIN_JUSTIFICATION} characters); the record will be marked as self-decided` } };
    case 'partner_reviewer':
      return { problem: { code: 'four_eyes_put_to_reviewer', field: 'status', message: 'you recorded this incident: put it to your organisation\'s designated reviewer, or ask another coordinator (four eyes)' } };
    case 'same_organisation':
      return { problem: { code: 'four_eyes_other_coordinator', field: 'status', message: 'a decision must be recorded by a coordinator other than the person who recorded the incident (four eyes); save it as reported or pending and ask another coordinator' } };
    default: {
      const unknown: never = i.mode;
      throw new Error(`unhandled four-eyes mode ${String(unknown)}`);
    }
  }
}

export interface DecisionGrounds {
  status: VerificationStatus;
  standard?: string | null;
  reliedOnSources?: readonly number[] | null;
}

/** What a decision must state: the standard (verified, found not to have occurred), the sources relied on. */
export interface GroundsProblem { field: string; code: MessageCode; message: string }
export function groundsProblems(d: DecisionGrounds, sourceCount: number): GroundsProblem[] {
  const problems: GroundsProblem[] = [];
  if ((d.status === 'verified' || d.status === 'found_not_occurred') && !d.standard) {
    problems.push({ field: 'standard', code: 'standard_required', message: 'is required: say which standard of proof the decision applied' });
  }
  if (d.status === 'verified' && sourceCount > 0 && !(d.reliedOnSources ?? []).length) {
    problems.push({ field: 'reliedOnSources', code: 'relied_on_required', message: 'must name at least one of the record\'s sources the decision relied on' });
  }
  return problems;
}

/**
 * The sources a decision relied on, after the record's sources were edited: each follows its source to its
 * new position (the first identical entry not yet taken); a source removed is no longer relied on.
 */
export function remapReliedOn<T>(before: readonly T[], after: readonly T[], relied: readonly number[]): number[] {
  const key = (s: T) => canonicalJson(s);
  const taken = new Set<number>();
  const out: number[] = [];
  for (const i of relied) {
    const source = before[i];
    if (source === undefined) continue;
    const j = after.findIndex((s, n) => !taken.has(n) && key(s) === key(source));
    if (j >= 0) {
      taken.add(j);
      out.push(j);
    }
  }
  return out.sort((a, b) => a - b);
}
