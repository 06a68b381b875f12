import { describe, expect, it } from 'vitest';
import { can, incidentScope, mayAttempt, mayPutToReview, mayReview, maySeeFields, reviewerMaySee, type Action, type Actor, type ReviewGrant } from './policy.ts';
import { withholdIdentifying } from '../incidents/presenter.ts';
import type { IncidentDetail } from '../shared/incident.ts';
import { ROLES, type Role } from '../shared/taxonomy.ts';

const ORG = '00000000-0000-4000-8000-00000000000a';
const OTHER = '00000000-0000-4000-8000-00000000000b';
const actor = (role: Role, over: Partial<Actor> = {}): Actor => ({ userId: `u-${role}`, organisationId: ORG, role, stage: 'active', sessionId: 's', ...over });
const record = (over: { organisationId?: string; createdBy?: string; assignedTo?: string[] } = {}) =>
  ({ organisationId: ORG, createdBy: 'someone-else', assignedTo: [], ...over });

describe('central policy', () => {
  it('denies everything to no actor and to sessions that have not finished two-factor', () => {
    for (const action of ['incident:list', 'incident:create', 'account:self'] as Action[]) {
      expect(can(null, action)).toBe(false);
      expect(can(actor('coordinator', { stage: 'totp_required' }), action)).toBe(false);
      expect(can(actor('coordinator', { stage: 'totp_enrolment_required' }), action)).toBe(false);
    }
  });

  it('gives account management and the audit view to administrators only, and only on an active session', () => {
    for (const action of ['user:manage', 'audit:read', 'audit:verify'] as Action[]) {
      expect(ROLES.filter((r) => can(actor(r), action))).toEqual(['admin']);
      expect(can(actor('admin', { stage: 'password_change_required' }), action)).toBe(false);
      expect(can(actor('admin', { stage: 'totp_enrolment_required' }), action)).toBe(false);
    }
  });

  it('lets every role but administrators read parties, recording roles propose them, and coordinators alone manage and seed them', () => {
    const allowed = (a: Action) => ROLES.filter((r) => can(actor(r), a));
    expect(allowed('parties:read')).toEqual(['coordinator', 'monitor', 'partner', 'viewer']);
    expect(allowed('parties:propose')).toEqual(['coordinator', 'monitor', 'partner']);
    expect(allowed('parties:manage')).toEqual(['coordinator']);
    expect(allowed('parties:seed')).toEqual(['coordinator']);
  });

  it('denies an action it has no rule for', () => {
    expect(can(actor('coordinator'), 'incident:obliterate' as Action)).toBe(false);
  });

  it('lets only recording roles create, and only coordinators decide and assign', () => {
    const allowed = (a: Action) => ROLES.filter((r) => can(actor(r), a));
    expect(allowed('incident:create')).toEqual(['coordinator', 'monitor', 'partner']);
    expect(allowed('incident:decide')).toEqual(['coordinator']);
    expect(allowed('incident:assign')).toEqual(['coordinator']);
    expect(ROLES.filter((r) => mayAttempt(actor(r), 'incident:list'))).toEqual(['coordinator', 'monitor', 'partner']);
  });

  it('never grants a record action without the record', () => {
    expect(can(actor('coordinator'), 'incident:read')).toBe(false);
    expect(can(actor('coordinator'), 'incident:update')).toBe(false);
  });

  it('scopes records: coordinator all of the organisation, monitor own and assigned, partner own only', () => {
    expect(can(actor('coordinator'), 'incident:read', record())).toBe(true);
    expect(can(actor('coordinator'), 'incident:read', record({ organisationId: OTHER }))).toBe(false);
    expect(can(actor('monitor'), 'incident:read', record())).toBe(false);
    expect(can(actor('monitor'), 'incident:read', record({ createdBy: 'u-monitor' }))).toBe(true);
    expect(can(actor('monitor'), 'incident:update', record({ assignedTo: ['u-monitor'] }))).toBe(true);
    expect(can(actor('partner'), 'incident:read', record({ assignedTo: ['u-partner'] }))).toBe(false);
    expect(can(actor('partner'), 'incident:read', record({ createdBy: 'u-partner' }))).toBe(true);
    expect(can(actor('partner'), 'incident:read', record({ createdBy: 'u-partner', organisationId: OTHER }))).toBe(false);
  });

  it('gives administrators and viewers no record scope (aggregates only, later)', () => {
    expect(incidentScope(actor('admin'))).toBeNull();
    expect(incidentScope(actor('viewer'))).toBeNull();
    expect(can(actor('admin'), 'incident:read', record({ createdBy: 'u-admin' }))).toBe(false);
  });

  it('shows each class of fields only to the roles that may see it, and only on records they may read', () => {
    const own = (role: Role) => record({ createdBy: `u-${role}` });
    const sees = (role: Role, rec = own(role)) => (['public', 'restricted', 'identifying'] as const).filter((c) => maySeeFields(actor(role), c, rec));
    expect(sees('coordinator', record())).toEqual(['public', 'restricted', 'identifying']);
    expect(sees('monitor')).toEqual(['public', 'restricted', 'identifying']);
    expect(sees('monitor', record({ assignedTo: ['u-monitor'] }))).toEqual(['public', 'restricted', 'identifying']);
    expect(sees('partner')).toEqual(['public', 'restricted', 'identifying']);
    // Out of scope, another organisation, or a role without record access: nothing at all.
    expect(sees('monitor', record())).toEqual([]);
    expect(sees('coordinator', record({ organisationId: OTHER }))).toEqual([]);
    expect(sees('viewer')).toEqual([]);
    expect(sees('admin')).toEqual([]);
    expect(maySeeFields(actor('coordinator', { stage: 'totp_required' }), 'identifying', record())).toBe(false);
  });

  it('withholds every identifying field from a detail, and says so', () => {
    const d = {
      narrative: 'n', survivors: [{ code: 'S-1' }], place: { country: 'CAF', admin1: 'CF-BGF', admin2: null, locality: 'L', coordinates: { lat: 1, lon: 2, precision: 'exact' } },
      perpetrators: [], identifyingWithheld: false,
    } as unknown as IncidentDetail;
    const w = withholdIdentifying(d);
    expect(w).toMatchObject({ narrative: '', survivors: [], place: { country: 'CAF', admin1: 'CF-BGF', locality: null, coordinates: null }, identifyingWithheld: true });
  });

  it('puts a record to a reviewer only by a coordinator, or by its own recorder', () => {
    expect(mayPutToReview(actor('coordinator'), record())).toBe(true);
    expect(mayPutToReview(actor('monitor'), record({ createdBy: 'u-monitor' }))).toBe(true);
    expect(mayPutToReview(actor('monitor'), record({ assignedTo: ['u-monitor'] }))).toBe(false);
    expect(mayPutToReview(actor('partner'), record({ createdBy: 'u-partner' }))).toBe(true);
    expect(mayPutToReview(actor('coordinator'), record({ organisationId: OTHER }))).toBe(false);
    expect(mayPutToReview(actor('viewer'), record({ createdBy: 'u-viewer' }))).toBe(false);
  });

  it('opens the cross-organisation review path only when every condition holds (deny by default)', () => {
    const reviewer = actor('coordinator', { userId: 'r1', organisationId: OTHER });
    const grant: ReviewGrant = { organisationId: ORG, reviewerOrganisationId: OTHER, reviewerId: 'r1', open: true, designated: true, shareNarrative: false };
    expect(mayReview(reviewer, grant)).toBe(true);
    expect(mayReview(reviewer, null)).toBe(false);
    expect(mayReview(reviewer, { ...grant, open: false })).toBe(false);
    expect(mayReview(reviewer, { ...grant, designated: false })).toBe(false);
    expect(mayReview(actor('coordinator', { userId: 'r2', organisationId: OTHER }), grant)).toBe(false);
    expect(mayReview({ ...reviewer, organisationId: ORG }, grant)).toBe(false);
    expect(mayReview(actor('monitor', { userId: 'r1', organisationId: OTHER }), grant)).toBe(false);
    expect(mayReview({ ...reviewer, stage: 'totp_required' }, grant)).toBe(false);
    // A reviewer never sees locality, coordinates or individual victims; the narrative only when shared.
    for (const field of ['locality', 'coordinates', 'survivors', 'narrative'] as const) expect(reviewerMaySee(reviewer, grant, field)).toBe(false);
    expect(reviewerMaySee(reviewer, { ...grant, shareNarrative: true }, 'narrative')).toBe(true);
    expect(reviewerMaySee(reviewer, { ...grant, shareNarrative: true }, 'locality')).toBe(false);
    // Being a reviewer grants nothing on the organisation's records themselves.
    expect(can(reviewer, 'incident:read', record())).toBe(false);
  });
});
