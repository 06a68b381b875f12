// Why: the steps of the incident form and which top-level fields each one edits, so a problem (from the
// shared schema or the server) can be shown on, and lead to, the step where it can be fixed.
import type { FieldIssue } from './api.ts';

export const STEPS = [
  { id: 'when', fields: ['occurredFrom', 'occurredTo', 'dateEstimated', 'place', 'context'] },
  { id: 'victims', fields: ['victims', 'victimCountUnknown', 'violations', 'survivors'] },
  { id: 'perpetrators', fields: ['perpetrators'] },
  { id: 'sources', fields: ['sources'] },
  { id: 'consent', fields: ['consent', 'referrals'] },
  { id: 'review', fields: ['narrative', 'verification', 'assignedTo'] },
] as const;
export type StepId = (typeof STEPS)[number]['id'];
export const LAST_STEP = STEPS.length - 1;

/** The step that edits a dotted path; anything unknown (form-wide problems) belongs to the last step. */
export function stepOfPath(path: string): number {
  const top = path.split('.')[0] ?? '';
  const i = STEPS.findIndex((s) => (s.fields as readonly string[]).includes(top));
  return i === -1 ? LAST_STEP : i;
}

export const issuesOfStep = (issues: readonly FieldIssue[], step: number): FieldIssue[] =>
  issues.filter((i) => stepOfPath(i.field) === step);

/** The first step with a problem, or null when there is none. */
export function firstStepWithIssue(issues: readonly FieldIssue[]): number | null {
  const steps = issues.map((i) => stepOfPath(i.field));
  return steps.length ? Math.min(...steps) : null;
}

/** A step number from elsewhere (a saved draft), kept within the steps. */
export const clampStep = (n: unknown): number =>
  (typeof n === 'number' && Number.isInteger(n) ? Math.min(Math.max(n, 0), LAST_STEP) : 0);
