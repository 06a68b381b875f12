/**
 * An organisation's settings: how four eyes is provided, the minimum completeness of a record, the narrative's
 * length limit and whether two-factor is mandatory. The completeness rules are pure and shared: the server
 * enforces them (create, change, decision) and the entry form shows the same problems before saving. No Node
 * imports: the web bundle imports this file.
 */
import { z } from './zod.ts';
import type { IssueParams, MessageCode } from './messages.ts';

export const FOUR_EYES_MODES = ['same_organisation', 'partner_reviewer', 'recorder_justified'] as const;
export type FourEyesMode = (typeof FOUR_EYES_MODES)[number];

/** The narrative's absolute ceiling (the record's schema); an organisation may set a lower limit. */
export const NARRATIVE_CEILING = 50000;

export const CompletenessRules = z.object({
  /** Sources a record must list before it can be verified (0: none required). */
  minSourcesToVerify: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(10, 'must be at most 10'),
  /** Region (admin level 1) required on every record. */
  requireAdmin1: z.boolean(),
  /** District (admin level 2) required on every record. */
  requireAdmin2: z.boolean(),
  /** At least one alleged perpetrator (a party or a category) before a record can be verified. */
  requirePerpetratorToVerify: z.boolean(),
}).strict();
export type CompletenessRules = z.infer<typeof CompletenessRules>;

/**
 * Disclosure control of the figures that leave the restricted tier (viewers, statistics exports, later
 * reports): counts below the threshold are suppressed, with whatever would reveal them; zeros too if chosen.
 */
export const DisclosureSettings = z.object({
  threshold: z.number().int('must be a whole number').min(2, 'must be at least 2').max(50, 'must be at most 50'),
  protectZeros: z.boolean(),
}).strict();
export type DisclosureSettings = z.infer<typeof DisclosureSettings>;
export const DEFAULT_DISCLOSURE: DisclosureSettings = { threshold: 5, protectZeros: false };

const reviewerEmail = z.string().trim().toLowerCase().pipe(z.email({ error: 'must be an email address' }));

/** What an administrator sends. Reviewers are named by email: coordinators of another organisation. */
export const OrganisationSettingsUpdate = z.object({
  fourEyes: z.object({
    mode: z.enum(FOUR_EYES_MODES, { error: 'must be same_organisation, partner_reviewer or recorder_justified' }),
    reviewers: z.array(reviewerEmail).max(20, 'must name at most 20 reviewers')
      .refine((r) => new Set(r).size === r.length, 'must not name a reviewer twice'),
  }).strict().refine((f) => f.mode !== 'partner_reviewer' || f.reviewers.length > 0, { path: ['reviewers'], message: 'reviewer_required' }),
  completeness: CompletenessRules,
  narrativeMaxLength: z.number().int('must be a whole number').min(200, 'must be at least 200 characters').max(NARRATIVE_CEILING, `must be at most ${NARRATIVE_CEILING} characters`),
  /** Two-factor mandatory for every member (stored and shown here; enforced at sign-in). */
  requireTotp: z.boolean(),
  /** Left out: unchanged. */
  disclosure: DisclosureSettings.optional(),
}).strict();
export type OrganisationSettingsUpdate = z.infer<typeof OrganisationSettingsUpdate>;

export const Reviewer = z.object({
  id: z.uuid(),
  email: z.string(),
  organisation: z.object({ code: z.string(), name: z.string() }),
  /** The account is disabled or no longer a coordinator: records can no longer be put to it. */
  active: z.boolean(),
});
export type Reviewer = z.infer<typeof Reviewer>;

/** The rules every member's forms need (no reviewers' identities unless decisions go to them). */
export const RecordingRules = z.object({
  fourEyesMode: z.enum(FOUR_EYES_MODES),
  /** Designated reviewers (partner_reviewer mode only): whom a record can be put to. */
  reviewers: z.array(Reviewer),
  completeness: CompletenessRules,
  narrativeMaxLength: z.number().int(),
});
export type RecordingRules = z.infer<typeof RecordingRules>;

export const OrganisationSettings = z.object({
  organisation: z.object({ code: z.string(), name: z.string() }),
  fourEyes: z.object({ mode: z.enum(FOUR_EYES_MODES), reviewers: z.array(Reviewer) }),
  completeness: CompletenessRules,
  narrativeMaxLength: z.number().int(),
  requireTotp: z.boolean(),
  disclosure: DisclosureSettings,
  updatedAt: z.string().nullable(),
  updatedBy: z.uuid().nullable(),
});
export type OrganisationSettings = z.infer<typeof OrganisationSettings>;

/** Strict by default: another coordinator of the same organisation decides; nothing else is required. */
export const DEFAULT_RULES: Omit<RecordingRules, 'reviewers'> = {
  fourEyesMode: 'same_organisation',
  completeness: { minSourcesToVerify: 0, requireAdmin1: false, requireAdmin2: false, requirePerpetratorToVerify: false },
  narrativeMaxLength: NARRATIVE_CEILING,
};

/** The parts of a record completeness reads (a validated record, or the entry form's payload). */
export interface CompletenessSubject {
  place: { admin1?: string | null; admin2?: string | null };
  sources: readonly unknown[];
  perpetrators: readonly unknown[];
  narrative: string;
  verification: { status: string };
}

/** One missing piece, as a message code of the catalogue (shared/messages) with its values, and the English for logs. */
export interface CompletenessIssue { field: string; code: MessageCode; params?: IssueParams; message: string }

/**
 * What the organisation's rules find missing. `forVerification`: also what verifying needs (the record is
 * verified, or is about to be). Field paths as the record's schema names them; messages after the path.
 */
export function completenessIssues(r: CompletenessSubject, rules: Pick<RecordingRules, 'completeness' | 'narrativeMaxLength'>, forVerification = r.verification.status === 'verified'): CompletenessIssue[] {
  const c = rules.completeness;
  const issues: CompletenessIssue[] = [];
  if (c.requireAdmin1 && !r.place.admin1) issues.push({ field: 'place.admin1', code: 'required_by_organisation', message: 'is required by your organisation' });
  if (c.requireAdmin2 && !r.place.admin2) issues.push({ field: 'place.admin2', code: 'required_by_organisation', message: 'is required by your organisation' });
  if (r.narrative.length > rules.narrativeMaxLength) issues.push({ field: 'narrative', code: 'narrative_limit', params: { max: rules.narrativeMaxLength, now: r.narrative.length }, message: `must be at most ${rules.narrativeMaxLength} characters (your organisation's limit; now ${r.narrative.length})` });
  if (forVerification) {
    if (r.sources.length < c.minSourcesToVerify) {
      issues.push({ field: 'sources', code: 'min_sources_to_verify', params: { count: c.minSourcesToVerify, now: r.sources.length }, message: `must list at least ${c.minSourcesToVerify} source${c.minSourcesToVerify === 1 ? '' : 's'} before the incident can be verified (now ${r.sources.length})` });
    }
    if (c.requirePerpetratorToVerify && r.perpetrators.length === 0) issues.push({ field: 'perpetrators', code: 'perpetrator_to_verify', message: 'must list at least one alleged perpetrator before the incident can be verified' });
  }
  return issues;
}
