/**
 * The authorisation matrix: every API route, for every role of organisation A, a user of organisation B
 * and an anonymous caller, must answer exactly as this table says. A route the table does not know fails
 * the test, so a new route cannot ship without its line here.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testContext, testServers, type TestDatabase } from './helpers/db.ts';
import { Client, listen, PASSWORD, sampleIncident, seedOrganisation, signedIn, type Running, type TestUser } from './helpers/http.ts';
import type { AppContext } from '../src/platform/context.ts';
import { CAPABILITIES } from '../src/server/capabilities.ts';
import type { Role } from '../src/shared/taxonomy.ts';
import { createUser } from '../src/identity/users.ts';

type Who = 'anonymous' | `A:${Role}` | 'B:coordinator' | 'B:monitor';
const WHO: Who[] = ['anonymous', 'A:admin', 'A:coordinator', 'A:monitor', 'A:partner', 'A:viewer', 'B:coordinator', 'B:monitor'];

interface Fixture {
  incidentId: string;
  version: () => Promise<number>;
  /** A fresh incident recorded by A's monitor, for probes that consume one (deletion). */
  disposable: () => string;
  /** A draft of A's monitor, and fresh ones for probes that discard one. */
  draftId: string;
  disposableDraft: () => string;
  /** An import uploaded by A's monitor. */
  importId: string;
  /** A lookup value of organisation A. */
  lookupId: string;
  /** An account of organisation A that the probes of account administration act on. */
  accountId: string;
  /** A's partner reviewer (B's coordinator) and A's settings keeping them designated. */
  reviewerId: string;
  settings: Record<string, unknown>;
  /** Fresh records of A's monitor put to the reviewer, for probes that withdraw one. */
  withReview: () => string;
  /** Reviews of A's records put to B's coordinator: one stays open (reads), one is decided by its probe. */
  reviewId: string;
  decidableReviewId: string;
  /** A party of organisation A, and fresh rows for probes that consume one (confirm, merge, undo, removals). */
  party: Parties;
  /** A's commitment (bound to A's party) with a measure and an attached file, and fresh rows for probes that consume one. */
  commitments: Commitments;
}
interface Commitments {
  id: string;
  measureId: string;
  fileId: string;
  listingId: string;
  disposable: () => string;
  measure: () => string;
  evidence: () => string;
  listing: () => string;
  /** A free report year for a new listing entry. */
  year: () => number;
  /** The current version of the assessment of A's party (a save names it). */
  assessmentHead: () => Promise<string | null>;
}
interface Parties {
  id: string;
  referenceId: string;
  proposal: () => string;
  own: () => string;
  subject: () => string;
  merge: () => string;
  name: () => string;
  externalId: () => string;
  relation: () => string;
}
/** Expected answer: the status, plus the error code when it is an error ("403 forbidden"). */
type Outcome = string;
interface Probe { method: string; path: (f: Fixture) => string; body?: (f: Fixture) => unknown; headers?: Record<string, string>; expect: Record<Who, Outcome> }

const all = (signedIn: Outcome, anonymous: Outcome = signedIn): Record<Who, Outcome> =>
  Object.fromEntries(WHO.map((w) => [w, w === 'anonymous' ? anonymous : signedIn])) as Record<Who, Outcome>;
const table = (anonymous: Outcome, rest: Omit<Record<Who, Outcome>, 'anonymous'>): Record<Who, Outcome> => ({ anonymous, ...rest });
const UNAUTH = '401 unauthenticated';
const FORBIDDEN = '403 forbidden';
const HIDDEN = '404 not_found';

/** Key: "METHOD /url" exactly as Fastify registers it (trailing slash normalised). */
const MATRIX: Record<string, Probe> = {
  'GET /api/health': { method: 'GET', path: () => '/api/health', expect: all('200') },
  'GET /api/openapi.json': { method: 'GET', path: () => '/api/openapi.json', expect: all('200') },
  // Login with the caller's own credentials (anonymous uses an unknown account).
  'POST /api/auth/login': { method: 'POST', path: () => '/api/auth/login', expect: all('200', '401 invalid_credentials') },
  'GET /api/auth/me': { method: 'GET', path: () => '/api/auth/me', expect: all('200', UNAUTH) },
  'POST /api/auth/logout': { method: 'POST', path: () => '/api/auth/logout', expect: all('204', UNAUTH) },
  'POST /api/auth/logout-all': { method: 'POST', path: () => '/api/auth/logout-all', expect: all('204', UNAUTH) },
  'POST /api/auth/totp/setup': { method: 'POST', path: () => '/api/auth/totp/setup', body: () => ({ password: PASSWORD }), expect: all('200', UNAUTH) },
  // Past the guard, a wrong code reaches the service, which refuses it as a form error (the session stays);
  // anonymous never gets there.
  'POST /api/auth/totp/enable': { method: 'POST', path: () => '/api/auth/totp/enable', body: () => ({ code: '000000' }), expect: all('403 invalid_code', UNAUTH) },
  // One's own account (active sessions): nobody here has two-factor on, which the service says.
  'POST /api/auth/totp/disable': { method: 'POST', path: () => '/api/auth/totp/disable', body: () => ({ password: PASSWORD, code: '000000' }), expect: all('409 totp_not_enabled', UNAUTH) },
  'POST /api/auth/totp/recovery-codes': { method: 'POST', path: () => '/api/auth/totp/recovery-codes', body: () => ({ password: PASSWORD }), expect: all('409 totp_not_enabled', UNAUTH) },
  // A wrong current password is a form error for every signed-in caller (nobody's password changes here).
  'POST /api/auth/password': { method: 'POST', path: () => '/api/auth/password', body: () => ({ currentPassword: 'not the password', newPassword: 'a long enough new passphrase' }), expect: all('403 wrong_password', UNAUTH) },
  'POST /api/auth/totp/verify': { method: 'POST', path: () => '/api/auth/totp/verify', body: () => ({ code: '000000' }), expect: all('409 wrong_stage', UNAUTH) },
  // Reference data, no survivor information: every signed-in role.
  'GET /api/places': { method: 'GET', path: () => '/api/places?country=CAF', expect: all('200', UNAUTH) },
  'GET /api/places/countries': { method: 'GET', path: () => '/api/places/countries', expect: all('200', UNAUTH) },
  // Loading area lists (shared reference data) is for coordinators; each probe adds an area of its own.
  'POST /api/places/import': {
    method: 'POST', path: () => '/api/places/import', headers: { 'content-type': 'text/csv' },
    body: () => `country,level,pcode,name\nTCD,1,TD-MX-${randomUUID().slice(0, 8)},Matrix region\n`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  // Members of one's own organisation only (B's coordinator gets B's members: checked below).
  'GET /api/users': {
    method: 'GET', path: () => '/api/users',
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  // Account administration: administrators of the account's own organisation only (B's accounts of A are 404).
  'GET /api/accounts': {
    method: 'GET', path: () => '/api/accounts',
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/accounts': {
    method: 'POST', path: () => '/api/accounts', body: () => ({ email: `matrix-${randomUUID().slice(0, 8)}@org-a.test`, role: 'viewer' }),
    expect: table(UNAUTH, { 'A:admin': '201', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'PATCH /api/accounts/:id': {
    method: 'PATCH', path: (f) => `/api/accounts/${f.accountId}`, body: () => ({ role: 'viewer' }),
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/accounts/:id/password': {
    method: 'POST', path: (f) => `/api/accounts/${f.accountId}/password`,
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/accounts/:id/two-factor/reset': {
    method: 'POST', path: (f) => `/api/accounts/${f.accountId}/two-factor/reset`,
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/accounts/:id/sessions/end': {
    method: 'POST', path: (f) => `/api/accounts/${f.accountId}/sessions/end`,
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
  // The audit view: administrators only; no job system on this server, so a verification cannot start.
  'GET /api/audit': {
    method: 'GET', path: () => '/api/audit',
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'GET /api/audit/backup': {
    method: 'GET', path: () => '/api/audit/backup',
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'GET /api/audit/verification': {
    method: 'GET', path: () => '/api/audit/verification',
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/audit/verification': {
    method: 'POST', path: () => '/api/audit/verification',
    expect: table(UNAUTH, { 'A:admin': '503 jobs_unavailable', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'GET /api/incidents': {
    method: 'GET', path: () => '/api/incidents',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': '200' }),
  },
  'GET /api/incidents/export': {
    method: 'GET', path: () => '/api/incidents/export',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  // The size of an export before it is made: whoever may export (it reveals counts, and is audited like a list).
  'GET /api/incidents/export/count': {
    method: 'GET', path: () => '/api/incidents/export/count?purpose=mara_working_group&rows=violation',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  'POST /api/incidents/export-package': {
    method: 'POST', path: () => '/api/incidents/export-package', body: () => ({ format: 'csv', passphrase: 'matrix passphrase words' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  'POST /api/incidents': {
    method: 'POST', path: () => '/api/incidents', body: () => sampleIncident(),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': '201', 'A:partner': '201', 'A:viewer': FORBIDDEN, 'B:coordinator': '201', 'B:monitor': '201' }),
  },
  // The incident was recorded by A's monitor: A's partner and organisation B do not learn it exists.
  'GET /api/incidents/:id': {
    method: 'GET', path: (f) => `/api/incidents/${f.incidentId}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'GET /api/incidents/:id/history': {
    method: 'GET', path: (f) => `/api/incidents/${f.incidentId}/history`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  // Deletion is for coordinators; each probe deletes its own fresh incident (see fixture.disposable).
  'DELETE /api/incidents/:id': {
    method: 'DELETE', path: (f) => `/api/incidents/${f.disposable()}`, body: () => ({ version: 1, reason: 'entered twice by mistake' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '204', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/incidents/:id/erase': {
    method: 'POST', path: (f) => `/api/incidents/${f.disposable()}/erase`, body: () => ({ version: 1, reason: 'consent withdrawn', remainingConsent: ['agency_only'] }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'GET /api/incidents/:id/duplicates': {
    method: 'GET', path: (f) => `/api/incidents/${f.incidentId}/duplicates`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'GET /api/incidents/:id/duplicate-decisions': {
    method: 'GET', path: (f) => `/api/incidents/${f.incidentId}/duplicate-decisions`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  // Marking the fixture distinct from a fresh record: coordinators only; others never reach the records.
  'POST /api/incidents/:id/duplicates': {
    method: 'POST', path: (f) => `/api/incidents/${f.incidentId}/duplicates`, body: (f) => ({ otherId: f.disposable(), decision: 'distinct' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  // An unknown decision id: the guard's answer for every role that may not link, 404 for those who may.
  'POST /api/duplicate-decisions/:id/undo': {
    method: 'POST', path: () => '/api/duplicate-decisions/00000000-0000-4000-8000-000000000000/undo',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  // Drafts are their owner's alone: others who keep drafts are told it does not exist.
  'GET /api/drafts': {
    method: 'GET', path: () => '/api/drafts',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': '200' }),
  },
  'GET /api/drafts/:id': {
    method: 'GET', path: (f) => `/api/drafts/${f.draftId}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  // Overwriting someone else's draft is refused as if it did not exist (A's monitor saves over their own).
  'PUT /api/drafts/:id': {
    method: 'PUT', path: (f) => `/api/drafts/${f.draftId}`, body: () => ({ step: 1, data: { note: 'draft (TEST)' } }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'DELETE /api/drafts/:id': {
    method: 'DELETE', path: (f) => `/api/drafts/${f.disposableDraft()}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': '204', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  // Imports: whoever records incidents may import; an import is its uploader's alone.
  'GET /api/imports': {
    method: 'GET', path: () => '/api/imports',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': '200' }),
  },
  'POST /api/imports': {
    method: 'POST', path: () => '/api/imports?name=matrix.csv', body: () => 'date,form\n2025-01-02,rape\n', headers: { 'content-type': 'text/csv' },
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': '201', 'A:partner': '201', 'A:viewer': FORBIDDEN, 'B:coordinator': '201', 'B:monitor': '201' }),
  },
  'GET /api/imports/:id': {
    method: 'GET', path: (f) => `/api/imports/${f.importId}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'GET /api/imports/:id/values': {
    method: 'GET', path: (f) => `/api/imports/${f.importId}/values?column=form`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'GET /api/imports/:id/rejected': {
    method: 'GET', path: (f) => `/api/imports/${f.importId}/rejected`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'GET /api/imports/:id/preview': {
    method: 'GET', path: (f) => `/api/imports/${f.importId}/preview`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'POST /api/imports/:id/encoding': {
    method: 'POST', path: (f) => `/api/imports/${f.importId}/encoding`, body: () => ({ encoding: 'utf-8' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'PUT /api/imports/:id/draft': {
    method: 'PUT', path: (f) => `/api/imports/${f.importId}/draft`, body: () => ({ mapping: { columns: { occurredFrom: 'date' } } }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': '204', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  // This server runs no job system: the uploader passes every check and is told the jobs are not running.
  'POST /api/imports/:id/run': {
    method: 'POST', path: (f) => `/api/imports/${f.importId}/run`, body: () => ({ mapping: { columns: { occurredFrom: 'date' } }, dryRun: true }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': '503 jobs_unavailable', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'GET /api/import-mappings': {
    method: 'GET', path: () => '/api/import-mappings',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': '200' }),
  },
  'POST /api/import-mappings': {
    method: 'POST', path: () => '/api/import-mappings', body: () => ({ name: 'Matrix mapping', mapping: { columns: { occurredFrom: 'date' } } }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': '200' }),
  },
  // The organisation-wide duplicate list and scans: coordinators only (full scope); no job system here.
  'GET /api/duplicates': {
    method: 'GET', path: () => '/api/duplicates',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  'GET /api/duplicates/scan': {
    method: 'GET', path: () => '/api/duplicates/scan',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  'POST /api/duplicates/scan': {
    method: 'POST', path: () => '/api/duplicates/scan',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '503 jobs_unavailable', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '503 jobs_unavailable', 'B:monitor': FORBIDDEN }),
  },
  // Lookups: labels every member needs to read; coordinators manage them (B's coordinator cannot see A's).
  'GET /api/lookups': { method: 'GET', path: () => '/api/lookups', expect: all('200', UNAUTH) },
  'POST /api/lookups': {
    method: 'POST', path: () => '/api/lookups', body: () => ({ list: 'setting', labels: { en: `Matrix site ${randomUUID().slice(0, 8)}` } }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '201', 'B:monitor': FORBIDDEN }),
  },
  'PATCH /api/lookups/:id': {
    method: 'PATCH', path: (f) => `/api/lookups/${f.lookupId}`, body: () => ({ active: true }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  // Deciding is a coordinator's act (four eyes: A's coordinator did not record these); B never sees them.
  'POST /api/incidents/:id/decision': {
    method: 'POST', path: (f) => `/api/incidents/${f.disposable()}/decision`, body: () => ({ version: 1, status: 'not_verified', notVerifiedReason: 'other' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  // Putting a record to the partner reviewer: its coordinators and its recorder (A's monitor recorded these).
  'POST /api/incidents/:id/review': {
    method: 'POST', path: (f) => `/api/incidents/${f.disposable()}/review`, body: (f) => ({ reviewerId: f.reviewerId }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'DELETE /api/incidents/:id/review': {
    method: 'DELETE', path: (f) => `/api/incidents/${f.withReview()}/review`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  // The reviewer's side, the only cross-organisation path: coordinators may attempt it, and only the
  // designated reviewer the record was put to (B's coordinator) reaches it; A's own coordinator does not.
  'GET /api/reviews': {
    method: 'GET', path: () => '/api/reviews',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  'GET /api/reviews/:id': {
    method: 'GET', path: (f) => `/api/reviews/${f.reviewId}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  'POST /api/reviews/:id/decision': {
    method: 'POST', path: (f) => `/api/reviews/${f.decidableReviewId}/decision`, body: () => ({ version: 1, status: 'not_verified', notVerifiedReason: 'other' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': HIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  // Settings: administrators change them, coordinators read them; every member reads the recording rules.
  'GET /api/organisation/settings': {
    method: 'GET', path: () => '/api/organisation/settings',
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  'PUT /api/organisation/settings': {
    method: 'PUT', path: () => '/api/organisation/settings', body: (f) => f.settings,
    expect: table(UNAUTH, { 'A:admin': '200', 'A:coordinator': FORBIDDEN, 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': FORBIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'GET /api/organisation/rules': { method: 'GET', path: () => '/api/organisation/rules', expect: all('200', UNAUTH) },
  // Parties: reference data and the organisation's own, no survivor data. Everyone who records or reads
  // reads them and (recording roles) proposes; coordinators manage their organisation's and seed the
  // reference layer; B never reaches A's parties (404), administrators have no part in it.
  'GET /api/parties': {
    method: 'GET', path: () => '/api/parties?q=forces',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': '200', 'B:coordinator': '200', 'B:monitor': '200' }),
  },
  'GET /api/parties/suggest': {
    method: 'GET', path: () => '/api/parties/suggest?q=fardc',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': '200', 'B:coordinator': '200', 'B:monitor': '200' }),
  },
  'GET /api/parties/:id': {
    method: 'GET', path: (f) => `/api/parties/${f.party.id}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': '200', 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'POST /api/parties/proposals': {
    method: 'POST', path: () => '/api/parties/proposals', body: () => ({ name: `Matrix proposal ${randomUUID().slice(0, 8)}` }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': '201', 'A:partner': '201', 'A:viewer': FORBIDDEN, 'B:coordinator': '201', 'B:monitor': '201' }),
  },
  'POST /api/parties': {
    method: 'POST', path: () => '/api/parties', body: () => ({ name: `Matrix party ${randomUUID().slice(0, 8)}`, category: 'unknown' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '201', 'B:monitor': FORBIDDEN }),
  },
  'PATCH /api/parties/:id': {
    method: 'PATCH', path: (f) => `/api/parties/${f.party.id}`, body: () => ({ note: 'changed by the matrix' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/parties/:id/confirm': {
    method: 'POST', path: (f) => `/api/parties/${f.party.proposal()}/confirm`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/parties/:id/merge': {
    method: 'POST', path: (f) => `/api/parties/${f.party.own()}/merge`, body: (f) => ({ intoId: f.party.id }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/parties/merges/:id/undo': {
    method: 'POST', path: (f) => `/api/parties/merges/${f.party.merge()}/undo`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  // Party names nothing links yet: coordinators decide them, each for their own organisation's records.
  'GET /api/party-texts': {
    method: 'GET', path: () => '/api/party-texts',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  'POST /api/party-texts/resolve': {
    method: 'POST', path: () => '/api/party-texts/resolve', body: () => ({ text: 'Matrix armed men', choice: 'unidentified_armed_men' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  'POST /api/parties/seed': {
    method: 'POST', path: () => '/api/parties/seed',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  // An organisation's own alias on a reference party is its coordinators' to add (B's coordinator adds B's).
  'POST /api/parties/:id/names': {
    method: 'POST', path: (f) => `/api/parties/${f.party.referenceId}/names`, body: () => ({ name: `Matrix alias ${randomUUID().slice(0, 8)}` }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '201', 'B:monitor': FORBIDDEN }),
  },
  'DELETE /api/parties/:id/names/:nameId': {
    method: 'DELETE', path: (f) => `/api/parties/${f.party.id}/names/${f.party.name()}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/parties/:id/external-ids': {
    method: 'POST', path: (f) => `/api/parties/${f.party.id}/external-ids`, body: () => ({ scheme: 'other', value: `matrix-${randomUUID().slice(0, 8)}` }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'DELETE /api/parties/:id/external-ids/:externalId': {
    method: 'DELETE', path: (f) => `/api/parties/${f.party.id}/external-ids/${f.party.externalId()}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/parties/:id/relations': {
    method: 'POST', path: (f) => `/api/parties/${f.party.subject()}/relations`, body: (f) => ({ kind: 'faction_of', otherPartyId: f.party.referenceId }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'DELETE /api/parties/:id/relations/:relationId': {
    method: 'DELETE', path: (f) => `/api/parties/${f.party.id}/relations/${f.party.relation()}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  // Commitments and compliance: about parties, never survivors. Every member of the organisation reads
  // commitments, listings and assessments; coordinators record them; counts made from records go to those
  // who read records (viewers and administrators never); B never reaches A's (404).
  'GET /api/commitments': {
    method: 'GET', path: () => '/api/commitments',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': '200', 'B:coordinator': '200', 'B:monitor': '200' }),
  },
  'POST /api/commitments': {
    method: 'POST', path: () => '/api/commitments',
    body: (f) => ({ kind: 'joint_communique', title: 'Matrix communiqué', signedOn: '2024-03-20', partyIds: [f.party.referenceId], measures: [{ kind: 'training', description: 'Matrix measure' }] }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '201', 'B:monitor': FORBIDDEN }),
  },
  'GET /api/commitments/:id': {
    method: 'GET', path: (f) => `/api/commitments/${f.commitments.id}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': '200', 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'PATCH /api/commitments/:id': {
    method: 'PATCH', path: (f) => `/api/commitments/${f.commitments.id}`, body: () => ({ title: 'Matrix communiqué (changed)' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'DELETE /api/commitments/:id': {
    method: 'DELETE', path: (f) => `/api/commitments/${f.commitments.disposable()}`, body: () => ({ reason: 'Removed by the matrix' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '204', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/commitments/:id/measures': {
    method: 'POST', path: (f) => `/api/commitments/${f.commitments.id}/measures`, body: () => ({ kind: 'other', description: 'Matrix measure' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'PATCH /api/commitments/measures/:measureId': {
    method: 'PATCH', path: (f) => `/api/commitments/measures/${f.commitments.measureId}`, body: () => ({ progress: 'in_progress' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'DELETE /api/commitments/measures/:measureId': {
    method: 'DELETE', path: (f) => `/api/commitments/measures/${f.commitments.measure()}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/commitments/measures/:measureId/evidence': {
    method: 'POST', path: (f) => `/api/commitments/measures/${f.commitments.measureId}/evidence`, body: () => ({ date: '2024-05-01', text: 'Matrix evidence' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/commitments/evidence/:evidenceId/withdraw': {
    method: 'POST', path: (f) => `/api/commitments/evidence/${f.commitments.evidence()}/withdraw`, body: () => ({ reason: 'Withdrawn by the matrix' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'POST /api/commitments/files': {
    method: 'POST', path: () => '/api/commitments/files?name=matrix.txt', headers: { 'content-type': 'text/plain' }, body: () => 'matrix file',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': '201', 'B:monitor': FORBIDDEN }),
  },
  'GET /api/commitments/files/:fileId': {
    method: 'GET', path: (f) => `/api/commitments/files/${f.commitments.fileId}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': '200', 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'GET /api/parties/:id/listing': {
    method: 'GET', path: (f) => `/api/parties/${f.party.id}/listing`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': '200', 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'POST /api/parties/:id/listing': {
    method: 'POST', path: (f) => `/api/parties/${f.party.id}/listing`, body: (f) => ({ reportYear: f.commitments.year(), listing: 'continued', reportSymbol: 'S/2024/292' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'PATCH /api/parties/:id/listing/:entryId': {
    method: 'PATCH', path: (f) => `/api/parties/${f.party.id}/listing/${f.commitments.listingId}`, body: () => ({ paragraph: 'para. 1' }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'DELETE /api/parties/:id/listing/:entryId': {
    method: 'DELETE', path: (f) => `/api/parties/${f.party.id}/listing/${f.commitments.listing()}`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'GET /api/parties/:id/assessment': {
    method: 'GET', path: (f) => `/api/parties/${f.party.id}/assessment`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': '200', 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  'POST /api/parties/:id/assessment': {
    method: 'POST', path: (f) => `/api/parties/${f.party.id}/assessment`, body: async (f) => ({ text: 'Matrix assessment', previousId: await f.commitments.assessmentHead() }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '201', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': FORBIDDEN }),
  },
  'GET /api/parties/:id/incident-counts': {
    method: 'GET', path: (f) => `/api/parties/${f.party.id}/incident-counts?verified=true`,
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
  // Exact figures: those who read records, within their scope (B's members see their own organisation's).
  'GET /api/stats/counts': {
    method: 'GET', path: () => '/api/stats/counts?by=form&unit=violations',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': '200' }),
  },
  'GET /api/stats/points': {
    method: 'GET', path: () => '/api/stats/points',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': '200', 'A:viewer': FORBIDDEN, 'B:coordinator': '200', 'B:monitor': '200' }),
  },
  // Protected figures: viewers and coordinators; not those who know their own records exactly; never administrators.
  'GET /api/stats/releases/:release': {
    method: 'GET', path: () => '/api/stats/releases/violations',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': '200', 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  // Statistics exports leave the organisation: coordinators and viewers (headquarters readers).
  'GET /api/stats/releases/:release/export': {
    method: 'GET', path: () => '/api/stats/releases/victims/export?format=csv',
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': FORBIDDEN, 'A:partner': FORBIDDEN, 'A:viewer': '200', 'B:coordinator': '200', 'B:monitor': FORBIDDEN }),
  },
  'PATCH /api/incidents/:id': {
    method: 'PATCH', path: (f) => `/api/incidents/${f.incidentId}`, body: async (f) => ({ version: await f.version(), perpetrators: [{ party: 'Unknown armed men' }] }),
    expect: table(UNAUTH, { 'A:admin': FORBIDDEN, 'A:coordinator': '200', 'A:monitor': '200', 'A:partner': HIDDEN, 'A:viewer': FORBIDDEN, 'B:coordinator': HIDDEN, 'B:monitor': HIDDEN }),
  },
};

/** A's party, the reference layer, and WHO.length fresh rows of each kind a probe consumes. */
async function partyFixture(coordinator: Client, monitor: Client): Promise<Parties> {
  expect((await coordinator.post('/api/parties/seed')).status).toBe(200);
  const made = async (c: Client, path: string, body: unknown) => {
    const r = await c.post<{ id: string; names: { id: string; name: string }[]; externalIds: { id: string; value: string }[]; relations: { id: string }[] }>(path, body);
    expect(r.status, JSON.stringify(r.body)).toBe(path.endsWith('/merge') ? 200 : 201);
    return r.body;
  };
  const id = (await made(coordinator, '/api/parties', { name: 'Matrix party of A', category: 'non_state_armed_group', countries: ['CAF'] })).id;
  const referenceId = (await coordinator.get<{ items: { id: string }[] }>('/api/parties/suggest?q=fardc')).body.items[0]!.id;
  const pools = { proposal: [] as string[], own: [] as string[], subject: [] as string[], merge: [] as string[], name: [] as string[], externalId: [] as string[], relation: [] as string[] };
  for (let i = 0; i < WHO.length; i++) {
    pools.proposal.push((await made(monitor, '/api/parties/proposals', { name: `Matrix proposal of A ${i}` })).id);
    pools.own.push((await made(coordinator, '/api/parties', { name: `Matrix duplicate of A ${i}`, category: 'unknown' })).id);
    pools.subject.push((await made(coordinator, '/api/parties', { name: `Matrix faction of A ${i}`, category: 'unknown' })).id);
    const merged = (await made(coordinator, '/api/parties', { name: `Matrix merged of A ${i}`, category: 'unknown' })).id;
    pools.merge.push((await made(coordinator, `/api/parties/${merged}/merge`, { intoId: id })).id);
    pools.name.push((await made(coordinator, `/api/parties/${id}/names`, { name: `Matrix alias of A ${i}` })).names.find((n) => n.name === `Matrix alias of A ${i}`)!.id);
    pools.externalId.push((await made(coordinator, `/api/parties/${id}/external-ids`, { scheme: 'other', value: `matrix-${i}` })).externalIds.find((x) => x.value === `matrix-${i}`)!.id);
    pools.relation.push((await made(coordinator, `/api/parties/${id}/relations`, { kind: 'affiliation', otherPartyId: pools.subject[i] })).relations.at(-1)!.id);
  }
  return {
    id, referenceId,
    proposal: () => pools.proposal.pop()!, own: () => pools.own.pop()!, subject: () => pools.subject.pop()!, merge: () => pools.merge.pop()!,
    name: () => pools.name.pop()!, externalId: () => pools.externalId.pop()!, relation: () => pools.relation.pop()!,
  };
}

/** A's commitment bound to A's party, with a measure, an attached file, listing entries, and WHO.length fresh rows of each kind a probe consumes. */
async function commitmentFixture(coordinator: Client, partyId: string, db: TestDatabase): Promise<Commitments> {
  const made = async <T = { id: string; measures: { id: string; evidence: { id: string }[] }[] }>(path: string, body: unknown) => {
    const r = await coordinator.post<T>(path, body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const file = await coordinator.request<{ id: string }>('POST', '/api/commitments/files?name=matrix-text.txt', 'the text', { 'content-type': 'text/plain' });
  const measure = { kind: 'training', description: 'Matrix measure', deadline: '2024-06-30' };
  const commitment = await made('/api/commitments', { kind: 'action_plan', title: 'Matrix plan', signedOn: '2024-01-15', partyIds: [partyId], fileId: file.body.id, measures: [measure] });
  const pools = { disposable: [] as string[], measure: [] as string[], evidence: [] as string[], listing: [] as string[] };
  let year = 2000;
  const listingOf = async () => (await made<{ items: { id: string; reportYear: number }[] }>(`/api/parties/${partyId}/listing`, { reportYear: ++year, listing: 'listed', reportSymbol: `S/${year}/1` })).items.find((e) => e.reportYear === year)!.id;
  const listingId = await listingOf();
  for (let i = 0; i < WHO.length; i++) {
    pools.disposable.push((await made('/api/commitments', { kind: 'command_order', title: `Matrix order ${i}`, signedOn: '2024-02-01', partyIds: [partyId] })).id);
    pools.measure.push((await made(`/api/commitments/${commitment.id}/measures`, measure)).measures.at(-1)!.id);
    pools.evidence.push((await made(`/api/commitments/measures/${commitment.measures[0]!.id}/evidence`, { date: '2024-03-01', text: `Matrix evidence ${i}` })).measures[0]!.evidence.at(-1)!.id);
    pools.listing.push(await listingOf());
  }
  return {
    id: commitment.id, measureId: commitment.measures[0]!.id, fileId: file.body.id, listingId,
    disposable: () => pools.disposable.pop()!, measure: () => pools.measure.pop()!, evidence: () => pools.evidence.pop()!, listing: () => pools.listing.pop()!,
    year: () => ++year,
    assessmentHead: async () => (await db.pool.query<{ id: string }>('SELECT id FROM party_assessments WHERE party_id = $1 ORDER BY written_at DESC, id DESC LIMIT 1', [partyId])).rows[0]?.id ?? null,
  };
}

describe.each(testServers())('authorisation matrix on $name', (server) => {
  let db: TestDatabase;
  let ctx: AppContext;
  let srv: Running;
  const users = {} as Record<Exclude<Who, 'anonymous'>, TestUser>;
  let fixture: Fixture;

  beforeAll(async () => {
    db = await createTestDatabase(server);
    ctx = testContext(db);
    srv = await listen(ctx);
    const a = await seedOrganisation(ctx, 'ORG-A');
    const b = await seedOrganisation(ctx, 'ORG-B');
    for (const [role, u] of Object.entries(a.users)) users[`A:${role as Role}`] = u;
    users['B:coordinator'] = b.users.coordinator;
    users['B:monitor'] = b.users.monitor;
    const monitor = await signedIn(srv.base, users['A:monitor'].email);
    const created = await monitor.post<{ id: string }>('/api/incidents', sampleIncident());
    expect(created.status).toBe(201);
    const spare: string[] = [];
    for (let i = 0; i < 5 * WHO.length; i++) spare.push((await monitor.post<{ id: string }>('/api/incidents', sampleIncident())).body.id);
    const draft = async () => {
      const id = randomUUID();
      expect((await monitor.request('PUT', `/api/drafts/${id}`, { step: 0, data: { note: 'draft (TEST)' } })).status).toBe(200);
      return id;
    };
    const draftId = await draft();
    const uploaded = await monitor.request<{ id: string }>('POST', '/api/imports?name=fixture.csv', 'date,form\n2025-01-02,rape\n', { 'content-type': 'text/csv' });
    expect(uploaded.status).toBe(201);
    const spareDrafts: string[] = [];
    for (let i = 0; i < WHO.length; i++) spareDrafts.push(await draft());
    const coordinator = await signedIn(srv.base, users['A:coordinator'].email);
    const lookup = await coordinator.post<{ id: string }>('/api/lookups', { list: 'service', labels: { en: 'Matrix shelter' } });
    expect(lookup.status).toBe(201);
    // A sends decisions to a partner reviewer: B's coordinator.
    const settings = {
      fourEyes: { mode: 'partner_reviewer', reviewers: [users['B:coordinator'].email] },
      completeness: { minSourcesToVerify: 0, requireAdmin1: false, requireAdmin2: false, requirePerpetratorToVerify: false },
      narrativeMaxLength: 50000, requireTotp: false,
    };
    const admin = await signedIn(srv.base, users['A:admin'].email);
    expect((await admin.request('PUT', '/api/organisation/settings', settings)).status).toBe(200);
    const putToReviewer = async () => {
      const id = (await monitor.post<{ id: string }>('/api/incidents', sampleIncident())).body.id;
      expect((await monitor.post(`/api/incidents/${id}/review`, { reviewerId: users['B:coordinator'].id })).status).toBe(200);
      return id;
    };
    const reviewed: string[] = [];
    for (let i = 0; i < WHO.length; i++) reviewed.push(await putToReviewer());
    await putToReviewer();
    await putToReviewer();
    const reviewer = await signedIn(srv.base, users['B:coordinator'].email);
    const inbox = (await reviewer.get<{ items: { id: string }[] }>('/api/reviews')).body.items.map((r) => r.id);
    const account = await createUser(ctx.db, { organisationCode: 'ORG-A', email: 'matrix.account@org-a.test', role: 'monitor', password: PASSWORD });
    const party = await partyFixture(coordinator, monitor);
    fixture = {
      party,
      commitments: await commitmentFixture(coordinator, party.id, db),
      accountId: account.user.id,
      reviewerId: users['B:coordinator'].id,
      settings,
      withReview: () => reviewed.pop()!,
      reviewId: inbox.at(-1)!,
      decidableReviewId: inbox.at(-2)!,
      lookupId: lookup.body.id,
      importId: uploaded.body.id,
      draftId,
      disposableDraft: () => spareDrafts.pop()!,
      incidentId: created.body.id,
      disposable: () => spare.pop()!,
      version: async () => (await db.pool.query<{ version: number }>('SELECT version FROM incidents WHERE id = $1', [created.body.id])).rows[0]!.version,
    };
  });
  afterAll(async () => {
    await srv.close();
    await db.drop();
  });

  it('knows every API route the server registers, and nothing it does not', () => {
    const registered = new Set(srv.app.apiRoutes.map((r) => `${r.method} ${r.url.replace(/(.)\/$/, '$1')}`));
    expect([...registered].sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it('declares a policy on every route, and only public routes are open', () => {
    for (const r of srv.app.apiRoutes) {
      const open = r.policy === 'public';
      expect(open, `${r.method} ${r.url}`).toBe(['/api/health', '/api/openapi.json', '/api/auth/login'].includes(r.url));
    }
  });

  it('attributes every route to the capability that declares its action, and every action to one capability', () => {
    const owner = new Map<string, string>();
    for (const c of CAPABILITIES) {
      for (const action of c.actions) {
        expect(owner.get(action), `${action} declared by ${owner.get(action)} and ${c.name}`).toBeUndefined();
        owner.set(action, c.name);
      }
    }
    for (const r of srv.app.apiRoutes) {
      if (r.policy === 'public' || r.policy === 'session' || r.policy === 'signed-in') continue;
      expect(owner.get(r.policy), `${r.method} ${r.url} (${r.capability}) uses ${r.policy}`).toBe(r.capability);
    }
    expect(new Set(srv.app.apiRoutes.map((r) => r.capability))).toEqual(new Set(['platform', ...CAPABILITIES.filter((c) => c.routes.length > 0).map((c) => c.name)]));
  });

  it("lets no administrator reach another organisation's accounts", async () => {
    const seeded = await seedOrganisation(ctx, 'ORG-C');
    const c = await signedIn(srv.base, seeded.users.admin.email);
    for (const [method, path, body] of [
      ['PATCH', `/api/accounts/${fixture.accountId}`, { disabled: true }],
      ['POST', `/api/accounts/${fixture.accountId}/password`, undefined],
      ['POST', `/api/accounts/${fixture.accountId}/two-factor/reset`, undefined],
      ['POST', `/api/accounts/${fixture.accountId}/sessions/end`, undefined],
    ] as const) {
      const r = await c.request(method, path, body ?? {});
      expect(r.status, path).toBe(404);
    }
    const { items } = (await c.get<{ items: { email: string }[] }>('/api/accounts')).body;
    expect(items.every((a) => a.email.endsWith('@org-c.test'))).toBe(true);
  });

  it("lists only the caller's own organisation's members", async () => {
    const b = await signedIn(srv.base, users['B:coordinator'].email);
    const { body } = await b.get<{ items: { email: string }[] }>('/api/users');
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((m) => m.email.endsWith('@org-b.test'))).toBe(true);
  });

  it('applies the guard however the path is spelled (percent-encoded /api)', async () => {
    const anonymous = new Client(srv.base);
    for (const path of ['/%61pi/incidents', '/api/%69ncidents', `/%61pi/incidents/${fixture.incidentId}`]) {
      const r = await anonymous.get(path);
      expect(r.status, path).toBe(401);
      expect(r.headers.get('cache-control'), path).toBe('no-store');
    }
    const viewer = await signedIn(srv.base, users['A:viewer'].email);
    expect((await viewer.get('/%61pi/incidents')).status).toBe(403);
  });

  for (const [route, probe] of Object.entries(MATRIX)) {
    it(`${route} answers each caller as the matrix says`, async () => {
      const got: Record<string, Outcome> = {};
      for (const who of WHO) {
        const client = new Client(srv.base);
        if (who !== 'anonymous') {
          const login = await client.login(users[who].email, PASSWORD);
          expect(login.status).toBe(200);
        }
        const body = probe.body ? await probe.body(fixture) : route === 'POST /api/auth/login'
          ? { email: who === 'anonymous' ? 'nobody@org-a.test' : users[who].email, password: who === 'anonymous' ? 'wrong password!' : PASSWORD }
          : probe.method === 'GET' ? undefined : {};
        const answer = await client.request(probe.method, probe.path(fixture), body, probe.headers);
        const code = (answer.body as { error?: { code?: string } } | null)?.error?.code;
        got[who] = code ? `${answer.status} ${code}` : String(answer.status);
      }
      expect(got).toEqual(probe.expect);
    });
  }
});
