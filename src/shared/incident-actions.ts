/** Actions on a recorded incident: a verification decision, soft deletion, erasure. Do not import server code here. */
import { z } from './zod.ts';
import { NOT_VERIFIED_REASONS, VERIFICATION_STATUSES, VERIFICATION_STANDARDS } from './taxonomy.ts';
import { freeText as text } from './values.ts';
import { Consent } from './incident-record.ts';

/**
 * A verification decision, from the record's decision panel (or a partner reviewer's): the status, the
 * reason (not verified), the standard of proof, the sources relied on, a note; the recorder deciding their
 * own record (where the organisation allows it) writes a justification. A coordinator may also reopen a
 * decided record (back to pending). `version` guards against deciding on a record someone just changed.
 */
export const IncidentDecision = z.object({
  version: z.number().int().min(1, 'is required: send the version you decided on'),
  status: z.enum(VERIFICATION_STATUSES, { error: 'must be a verification status' }),
  notVerifiedReason: z.enum(NOT_VERIFIED_REASONS, { error: 'must be a reason from the list' }).nullish(),
  standard: z.enum(VERIFICATION_STANDARDS, { error: 'must be a standard of proof from the list' }).nullish(),
  reliedOnSources: z.array(z.number().int().min(0)).max(100).default([]),
  note: text(2000).nullish(),
  selfDecisionJustification: text(2000).nullish(),
}).strict();
// What a decision must state (standard, sources relied on) and four eyes need the record and the organisation's
// settings: the service checks them all at once (incidents/verification.ts), so every problem shows together.
export type IncidentDecision = z.infer<typeof IncidentDecision>;

/** Soft deletion needs a reason, kept with the record (never names: it is restricted, not encrypted). */
export const IncidentDelete = z.object({
  version: z.number().int().min(1, 'version_required'),
  reason: text(500).min(5),
}).strict();
export type IncidentDelete = z.infer<typeof IncidentDelete>;

/** Erasure on withdrawal of consent: the identifying part is destroyed; what remains keeps only `remainingConsent`. */
export const IncidentErase = z.object({
  version: z.number().int().min(1, 'version_required'),
  reason: text(500).min(5),
  remainingConsent: Consent,
}).strict();
export type IncidentErase = z.infer<typeof IncidentErase>;

