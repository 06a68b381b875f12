/**
 * The one place that decides who may do what. Deny by default: an action without a rule, an actor without
 * an active session or a resource of another organisation is refused. Routes declare the action they
 * perform (see platform/http/guard.ts); services call `authorize` again on the records they touch.
 */
import type { Role } from '../shared/taxonomy.ts';
import type { SessionStage } from '../shared/auth.ts';
import type { FieldClass } from '../shared/fields.ts';

export interface Actor {
  userId: string;
  organisationId: string;
  role: Role;
  stage: SessionStage;
  sessionId: string;
}

export interface IncidentResource { organisationId: string; createdBy: string; assignedTo: readonly string[] }

export type Action =
  | 'incident:create'
  | 'incident:list'
  | 'incident:read'
  | 'incident:update'
  /** Set a decided verification status (verified, not verified, found not to have occurred). */
  | 'incident:decide'
  /** Assign monitors to an incident (they then see it). */
  | 'incident:assign'
  /** Soft-delete an incident, with a reason (it leaves every view and count; history and audit keep it). */
  | 'incident:delete'
  /** Erase an incident's identifying part when the survivor withdraws consent (crypto-shredding). */
  | 'incident:erase'
  /** Export what the actor may see (CSV/JSON, with HXL); identifying fields never leave this way. */
  | 'incident:export'
  /** Import incidents from a spreadsheet (the importer records them; nothing is born decided). */
  | 'incident:import'
  /** Decide on likely duplicates: link as the same incident, mark distinct, undo. */
  | 'incident:link'
  | 'incident:resolve_parties'
  /** Keep one's own drafts of incidents being entered (nobody else's). */
  | 'draft:own'
  | 'account:self'
  /** Read the organisation's own list values and their labels (no survivor data). */
  | 'lookups:read'
  /** Add, relabel or retire the organisation's own list values. */
  | 'lookups:manage'
  /** Read the reference list of administrative areas (no survivor data). */
  | 'places:read'
  /** Read and search the parties registry: the shared reference parties and one's own organisation's. */
  | 'parties:read'
  /** Propose a new party from a form (the organisation's own, unconfirmed until a coordinator confirms it). */
  | 'parties:propose'
  /**
   * Manage the organisation's own parties (create, edit, confirm, merge and undo) and add the organisation's
   * own aliases, ids and relations to reference parties (never change the shared reference data).
   */
  | 'parties:manage'
  /** Load the shared reference parties from the files shipped with Salama (idempotent). */
  | 'parties:seed'
  /**
   * Read the organisation's commitments (measures, evidence, their files), parties' listing history and
   * assessments: about parties, never survivors.
   */
  | 'commitments:read'
  /** Record and change commitments, measures, evidence, listing entries and assessments. */
  | 'commitments:manage'
  /**
   * Read the incidents attributed to a party, counted by quarter and form, over the records one may read
   * (a coordinator: the organisation's; a monitor or partner: their own and assigned ones).
   */
  | 'commitments:incident_counts'
  /**
   * Load a list of administrative areas (CSV with P-codes) into the server's shared reference data: add
   * areas, and replace only those one's own organisation loaded.
   */
  | 'places:import'
  /** See the members of one's own organisation (to assign records; to manage accounts). */
  | 'user:list'
  /**
   * Manage the accounts of one's own organisation: create, change role, disable and enable, hand out a new
   * one-time password, reset two-factor, end sessions. Never another organisation's accounts.
   */
  | 'user:manage'
  /** Read one's own organisation's audit log (metadata only) and the chain's verification status. */
  | 'audit:read'
  /** Start a verification of the audit chain (a background job reading the whole log). */
  | 'audit:verify'
  /**
   * Put a record to the organisation's designated partner reviewer, or withdraw it: its coordinators, and
   * its recorder (a one-person office's coordinator is usually both).
   */
  | 'incident:put_to_review'
  /**
   * Act as a designated reviewer of another organisation: list the records put to oneself, read one, decide
   * it. The only cross-organisation path; each record also needs an open ReviewGrant (see mayReview).
   */
  | 'review:act'
  /** Read the organisation's recording rules (completeness, narrative limit, four-eyes mode, reviewers). */
  | 'organisation:rules'
  /** Read the organisation's settings page. */
  | 'organisation:settings:read'
  /** Change the organisation's settings (administrators: a policy decision, not casework). */
  | 'organisation:settings:manage'
  /** Exact figures (restricted tier) over the records one may read, within one's scope. */
  | 'stats:restricted'
  /**
   * Figures of the protected catalogue (small counts suppressed): viewers, and coordinators who check what
   * viewers and exports see. Not monitors or partners: knowing their own records exactly, they could take
   * them away from a published cell and learn their colleagues' small counts.
   */
  | 'stats:protected'
  /** Statistics exports: protected figures in a file that leaves the organisation (consent-filtered). */
  | 'stats:export'
  /** Read the early-warning indicators (the shared registry and the organisation's own): no survivor data. */
  | 'warnings:read'
  /** Record early-warning observations and read one's own (coordinators read all of the organisation's). */
  | 'warnings:observe'
  /**
   * Early warning's figures and decisions: indicators of one's own, rules, backtests, alerts and their
   * workflow. Alerts and backtests hold exact counts over all the organisation's records: coordinators only.
   */
  | 'warnings:manage'
  /**
   * The alert summary that may leave the organisation: what fired where and what was done, no figure; regions
   * named only where the protected tier publishes their figures (viewers at headquarters, coordinators).
   */
  | 'warnings:summary'
  /** Read the reference datasets (SVAC, RSVAC: public-source prevalence by party and year) and their versions. */
  | 'reference:read'
  /** Load a newer version of a reference dataset for the server (it becomes current for every organisation). */
  | 'reference:load'
  /** Match the datasets' actors to the registry: the organisation's own decisions (a party, or not in the registry). */
  | 'reference:match'
  /**
   * Read reports: coordinators every version; viewers (headquarters) approved and submitted versions only, with
   * their documents (protected figures and the narratives the coordinators approved).
   */
  | 'reports:read'
  /** Create reports, write their narratives, generate versions, move them through review, comment, edit templates. */
  | 'reports:manage';

/** What each role may attempt at all; record-level scope is checked on top for resource actions. */
const ROLE_ACTIONS: { [R in Role]: readonly Action[] } = {
  coordinator: ['account:self', 'places:read', 'places:import', 'parties:read', 'parties:propose', 'parties:manage', 'parties:seed', 'commitments:read', 'commitments:manage', 'commitments:incident_counts', 'lookups:read', 'lookups:manage', 'user:list', 'draft:own', 'incident:import', 'incident:create', 'incident:list', 'incident:read', 'incident:update', 'incident:decide', 'incident:assign', 'incident:delete', 'incident:erase', 'incident:export', 'incident:link', 'incident:resolve_parties', 'incident:put_to_review', 'review:act', 'organisation:rules', 'organisation:settings:read', 'stats:restricted', 'stats:protected', 'stats:export', 'warnings:read', 'warnings:observe', 'warnings:manage', 'warnings:summary', 'reference:read', 'reference:load', 'reference:match', 'reports:read', 'reports:manage'],
  monitor: ['account:self', 'places:read', 'parties:read', 'parties:propose', 'commitments:read', 'commitments:incident_counts', 'lookups:read', 'draft:own', 'incident:import', 'incident:create', 'incident:list', 'incident:read', 'incident:update', 'incident:put_to_review', 'organisation:rules', 'stats:restricted', 'warnings:read', 'warnings:observe', 'reference:read'],
  partner: ['account:self', 'places:read', 'parties:read', 'parties:propose', 'commitments:read', 'commitments:incident_counts', 'lookups:read', 'draft:own', 'incident:import', 'incident:create', 'incident:list', 'incident:read', 'incident:update', 'incident:put_to_review', 'organisation:rules', 'stats:restricted', 'warnings:read', 'warnings:observe', 'reference:read'],
  // Viewers read commitments, listings and assessments (no survivor data), never counts made from records.
  // Viewers see figures only through the protected tier (small counts suppressed).
  viewer: ['account:self', 'places:read', 'parties:read', 'commitments:read', 'lookups:read', 'organisation:rules', 'stats:protected', 'stats:export', 'warnings:summary', 'reference:read', 'reports:read'],
  // Administrators manage accounts; they do not read survivors' records (separation of duties). Nor do they
  // load area lists: which places records can name is a monitoring decision, the coordinators' (the server's
  // operator can still load or correct any list with `salama places import`). Nor do they manage parties:
  // which parties records can name is a monitoring decision too (`salama parties seed` for the operator).
  admin: ['account:self', 'places:read', 'lookups:read', 'user:list', 'user:manage', 'audit:read', 'audit:verify', 'organisation:rules', 'organisation:settings:read', 'organisation:settings:manage'],
};

/** Which incidents an actor may see at all, as a filter the store turns into SQL. Null: none. */
export type IncidentScope =
  | { organisationId: string; all: true }
  | { organisationId: string; all: false; createdBy: string; orAssignedTo: boolean };

export function incidentScope(actor: Actor): IncidentScope | null {
  if (actor.stage !== 'active') return null;
  switch (actor.role) {
    case 'coordinator': return { organisationId: actor.organisationId, all: true };
    case 'monitor': return { organisationId: actor.organisationId, all: false, createdBy: actor.userId, orAssignedTo: true };
    case 'partner': return { organisationId: actor.organisationId, all: false, createdBy: actor.userId, orAssignedTo: false };
    case 'admin':
    case 'viewer':
      return null;
    default: {
      const unknownRole: never = actor.role;
      throw new Error(`unhandled role ${String(unknownRole)}`);
    }
  }
}

export function inScope(scope: IncidentScope | null, r: IncidentResource): boolean {
  if (!scope || scope.organisationId !== r.organisationId) return false;
  if (scope.all) return true;
  return r.createdBy === scope.createdBy || (scope.orAssignedTo && r.assignedTo.includes(scope.createdBy));
}

/** Actions that concern one incident: the record must also be within the actor's scope. */
const RECORD_ACTIONS: readonly Action[] = ['incident:read', 'incident:update', 'incident:decide', 'incident:assign', 'incident:delete', 'incident:erase', 'incident:link', 'incident:put_to_review'];

/** May this actor attempt the action at all (route level)? */
export function mayAttempt(actor: Actor | null, action: Action): actor is Actor {
  return actor !== null && actor.stage === 'active' && (ROLE_ACTIONS[actor.role] ?? []).includes(action);
}

export function can(actor: Actor | null, action: Action, resource?: IncidentResource): boolean {
  if (!mayAttempt(actor, action)) return false;
  if (resource !== undefined) return inScope(incidentScope(actor), resource);
  // A record action without its record is only a route-level question, never a grant.
  return !RECORD_ACTIONS.includes(action) || action === 'incident:decide' || action === 'incident:assign';
}

/**
 * Which classes of fields (shared/fields.ts) each role may see on a record it may read. Identifying fields
 * (narrative, locality, coordinates, individual victims) go only to the people who work the case: its
 * coordinators, its recorder and assigned monitors, a partner on its own records. Viewers are for protected
 * aggregates (the analysis layer) and administrators never read survivors' records.
 */
const FIELD_CLASSES: { [R in Role]: readonly FieldClass[] } = {
  coordinator: ['public', 'restricted', 'identifying'],
  monitor: ['public', 'restricted', 'identifying'],
  partner: ['public', 'restricted', 'identifying'],
  viewer: ['public'],
  admin: [],
};

/** May the actor see this class of fields on this record (which they must first be allowed to read)? */
export function maySeeFields(actor: Actor | null, fieldClass: FieldClass, resource: IncidentResource): boolean {
  return can(actor, 'incident:read', resource) && FIELD_CLASSES[actor!.role].includes(fieldClass);
}

/**
 * Putting a record to a reviewer (or withdrawing it): a coordinator on any record in scope, anyone else only
 * on a record they recorded.
 */
export function mayPutToReview(actor: Actor | null, resource: IncidentResource): boolean {
  return can(actor, 'incident:put_to_review', resource) && (actor!.role === 'coordinator' || actor!.userId === resource.createdBy);
}

/**
 * The cross-organisation path, spelled out: a record put to a partner reviewer. Everything must hold, or
 * the reviewer sees nothing (the service answers 404, as for any record out of scope).
 */
export interface ReviewGrant {
  /** The record's organisation, and the reviewer's (never the same). */
  organisationId: string;
  reviewerOrganisationId: string;
  reviewerId: string;
  /** Neither decided nor withdrawn. */
  open: boolean;
  /** The record's organisation still sends decisions to partner reviewers and still names this reviewer. */
  designated: boolean;
  /** The requester chose to show the narrative. */
  shareNarrative: boolean;
}

export function mayReview(actor: Actor | null, grant: ReviewGrant | null): actor is Actor {
  return mayAttempt(actor, 'review:act') && grant !== null && grant.open && grant.designated
    && grant.reviewerId === actor.userId && grant.reviewerOrganisationId === actor.organisationId
    && grant.organisationId !== actor.organisationId;
}

/**
 * What a reviewer reads of a record put to them: its restricted fields (dates, places to admin 2, tallies,
 * forms, perpetrators, sources by kind, the verification block), and the narrative only when the requester
 * shared it. Never locality, coordinates or individual victims: deciding on the grounds does not need where
 * exactly a survivor was or who they are, and the reviewer is outside the organisation holding the record.
 */
export type SealedField = 'narrative' | 'locality' | 'coordinates' | 'survivors';
export function reviewerMaySee(actor: Actor | null, grant: ReviewGrant, field: SealedField): boolean {
  return mayReview(actor, grant) && field === 'narrative' && grant.shareNarrative;
}

export class ForbiddenError extends Error {
  constructor(readonly action: Action) { super(`not allowed: ${action}`); }
}

export function authorize(actor: Actor | null, action: Action, resource?: IncidentResource): asserts actor is Actor {
  if (!can(actor, action, resource)) throw new ForbiddenError(action);
}
