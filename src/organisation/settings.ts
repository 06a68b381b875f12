/**
 * Reading an organisation's settings: the one small module every capability asks (the incident services for
 * four eyes and completeness, the analysis engine later for self-decided records). No row means the strict
 * defaults (shared/organisation.ts: DEFAULT_RULES).
 */
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../platform/db/database.ts';
import { organisations, users } from '../identity/tables.ts';
import { DEFAULT_DISCLOSURE, DEFAULT_RULES, type CompletenessRules, type DisclosureSettings, type FourEyesMode, type RecordingRules, type Reviewer } from '../shared/organisation.ts';
import { organisationSettings } from './tables.ts';

export interface OrganisationRules {
  organisationId: string;
  fourEyesMode: FourEyesMode;
  reviewerIds: string[];
  completeness: CompletenessRules;
  narrativeMaxLength: number;
  disclosure: DisclosureSettings;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export async function loadRules(db: DbOrTx, organisationId: string): Promise<OrganisationRules> {
  const [row] = await db.select().from(organisationSettings).where(eq(organisationSettings.organisationId, organisationId)).limit(1);
  if (!row) return { organisationId, ...DEFAULT_RULES, disclosure: DEFAULT_DISCLOSURE, reviewerIds: [], updatedAt: null, updatedBy: null };
  return {
    organisationId,
    fourEyesMode: row.fourEyesMode as FourEyesMode,
    reviewerIds: row.reviewerIds,
    completeness: {
      minSourcesToVerify: row.minSourcesToVerify, requireAdmin1: row.requireAdmin1, requireAdmin2: row.requireAdmin2,
      requirePerpetratorToVerify: row.requirePerpetratorToVerify,
    },
    narrativeMaxLength: row.narrativeMaxLength,
    disclosure: { threshold: row.suppressionThreshold, protectZeros: row.protectZeros },
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

/** Is this user one of the organisation's designated reviewers right now (partner_reviewer mode)? */
export const designates = (rules: OrganisationRules, userId: string): boolean =>
  rules.fourEyesMode === 'partner_reviewer' && rules.reviewerIds.includes(userId);

/** Reviewers with their organisation; inactive when disabled or no longer a coordinator. */
export async function reviewersOf(db: DbOrTx, ids: readonly string[]): Promise<Reviewer[]> {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: users.id, email: users.email, role: users.role, disabledAt: users.disabledAt, code: organisations.code, name: organisations.name })
    .from(users).innerJoin(organisations, eq(organisations.id, users.organisationId)).where(inArray(users.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ id, email: r.email, organisation: { code: r.code, name: r.name }, active: r.role === 'coordinator' && !r.disabledAt }] : [];
  });
}

/** What every member's forms read: the rules, and the reviewers only when decisions go to them. */
export async function recordingRules(db: DbOrTx, organisationId: string): Promise<RecordingRules> {
  const rules = await loadRules(db, organisationId);
  return {
    fourEyesMode: rules.fourEyesMode,
    reviewers: rules.fourEyesMode === 'partner_reviewer' ? (await reviewersOf(db, rules.reviewerIds)).filter((r) => r.active) : [],
    completeness: rules.completeness,
    narrativeMaxLength: rules.narrativeMaxLength,
  };
}
