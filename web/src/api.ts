// Why: the one place the web app talks to the server. A typed fetch wrapper that sends the session cookie
// and CSRF token, validates responses against the shared zod contract and throws ApiRequestError.
// Never log request or response bodies: they can hold narratives and identifying fields.
import { z } from 'zod';
import { ApiError, LoginBody, Me, OrgMembers, RecoveryCodes, TotpEnabled, TotpSetup } from '../../src/shared/auth.ts';
import type { PasswordChange } from '../../src/shared/auth.ts';
import { Account, AccountList, AccountWithPassword } from '../../src/shared/accounts.ts';
import type { AccountCreate, AccountPatch } from '../../src/shared/accounts.ts';
import { AuditPage, AuditVerification, AuditVerificationStatus, BackupStatusAnswer } from '../../src/shared/audit.ts';
import { Draft, DraftList, DraftSummary } from '../../src/shared/draft.ts';
import type { DraftSave } from '../../src/shared/draft.ts';
import { IncidentDetail, IncidentHistory, IncidentList } from '../../src/shared/incident.ts';
import { DuplicateCandidates, DuplicateDecision, DuplicateDecisions, DuplicatePairs, DuplicateScan } from '../../src/shared/duplicates.ts';
import type { IncidentCreate, IncidentDelete, IncidentErase, IncidentPatch } from '../../src/shared/incident.ts';
import { IncidentExportCount } from '../../src/shared/export.ts';
import type { IncidentExportPackage } from '../../src/shared/export.ts';
import type { DuplicateDecisionBody } from '../../src/shared/duplicates.ts';
import { ImportDetail, ImportList, ImportPartyValues, ImportPreview, ImportSummary, ImportValues, SavedMapping, SavedMappings } from '../../src/shared/import.ts';
import type { ImportMapping, ImportRun, TextEncoding } from '../../src/shared/import.ts';
import { Lookup, LookupList } from '../../src/shared/lookup.ts';
import type { IssueParams } from '../../src/shared/messages.ts';
import { currentLanguage } from './i18n/index.ts';
import { AreaList, AreaListLoaded, PlaceCountryList } from '../../src/shared/places.ts';
import type { LookupCreate, LookupPatch } from '../../src/shared/lookup.ts';
import type { IncidentDecision } from '../../src/shared/incident.ts';
import { OrganisationSettings, RecordingRules } from '../../src/shared/organisation.ts';
import type { OrganisationSettingsUpdate } from '../../src/shared/organisation.ts';
import { ReviewList, ReviewRecord } from '../../src/shared/review.ts';
import type { ReviewRequest } from '../../src/shared/review.ts';

/** A decision as sent (the sources relied on may be left out when none). */
export type DecisionBody = z.input<typeof IncidentDecision>;

/** A create body as sent: fields with a default (such as `assignedTo`) may be left out. */
export type IncidentCreateBody = z.input<typeof IncidentCreate>;

export interface FieldIssue {
  /** Dotted path such as `violations.0.victims.girls`; empty for form-wide problems. */
  field: string;
  /** The rule's code (src/shared/messages.ts) and its values: the app words them in the reader's language. */
  code: string;
  params?: IssueParams;
  /** The server's own wording (in the language the request asked for); screens word the code instead. */
  message?: string;
}

export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[];
  /** The error body as sent, for answers that carry more than issues (a refused list of areas lists its problems). */
  readonly body: unknown;

  constructor(status: number, code: string, message: string, issues: FieldIssue[] = [], body: unknown = null) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.body = body;
  }
}

/**
 * The one answer that means "your session is gone": 401 `unauthenticated`, from the server's guard or a
 * service that found the session ended. Every other 401 (a wrong password at sign-in, a wrong code at the
 * two-factor step) and every 403 (a wrong password or code in a form of a signed-in session) is shown where
 * it happened: the session is still valid, and the sign-in page would wrongly throw the user out.
 */
export const SESSION_GONE = 'unauthenticated';

/** 403 codes that mean "your session's state changed": reloading `Me` puts the right screen up. */
const SESSION_STATE_CODES = new Set(['totp_required', 'totp_enrolment_required', 'password_change_required', 'csrf_failed']);

let csrfToken: string | null = null;
let onUnauthenticated: () => void = () => {};
let onSessionChanged: () => void = () => {};

/** Kept in memory only (never in storage); set from every `Me` the server returns. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called once by the session layer: what to do when the session is over, or changed under us. */
export function setSessionHandlers(handlers: { unauthenticated: () => void; changed: () => void }): void {
  onUnauthenticated = handlers.unauthenticated;
  onSessionChanged = handlers.changed;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A Blob body (an uploaded file) is sent as it is, with its content type; anything else as JSON. */
async function send(method: Method, path: string, body?: unknown, contentType = 'application/json'): Promise<Response> {
  // The server words its messages in the language the user chose here (not the browser's).
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLanguage() };
  if (body !== undefined) headers['content-type'] = contentType;
  if (method !== 'GET' && path !== '/api/auth/login' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : body instanceof Blob ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiRequestError(0, 'network_error', 'The server could not be reached.');
  }
  if (!res.ok) throw await toError(res);
  return res;
}

async function toError(res: Response): Promise<ApiRequestError> {
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // Non-JSON error bodies (proxy pages, empty bodies) are reduced to the status code.
  }
  const parsed = ApiError.safeParse(json);
  const err = parsed.success
    ? new ApiRequestError(res.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.issues ?? [], json)
    : new ApiRequestError(res.status, `http_${res.status}`, res.statusText || 'Request failed');
  if (res.status === 401 && err.code === SESSION_GONE) onUnauthenticated();
  if (res.status === 403 && SESSION_STATE_CODES.has(err.code)) onSessionChanged();
  return err;
}

export async function request<S extends z.ZodType>(method: Method, path: string, schema: S, body?: unknown, contentType?: string): Promise<z.output<S>> {
  const res = await send(method, path, body, contentType);
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new ApiRequestError(res.status, 'bad_response', 'The server sent a response that is not JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiRequestError(res.status, 'bad_response', 'The server sent a response this version of the app does not understand.');
  }
  return parsed.data;
}

export async function requestVoid(method: Method, path: string, body?: unknown): Promise<void> {
  await send(method, path, body);
}

export type LoginInput = z.input<typeof LoginBody>;

/** An encrypted export package as received: the file, the name the server gave it, and how many incidents it holds. */
export interface ExportPackageFile { blob: Blob; fileName: string; records: number | null }

interface ValuesOptions { q?: string; offset?: number; limit?: number; filters?: ImportMapping['filters'] }
/** The query of a column's values: searched, paged, counted among the rows the row filter keeps. */
function valuesQuery(column: string, opts: ValuesOptions): URLSearchParams {
  const query = new URLSearchParams({ column });
  if (opts.filters?.length) query.set('filters', JSON.stringify(opts.filters));
  if (opts.q) query.set('q', opts.q);
  if (opts.offset) query.set('offset', String(opts.offset));
  if (opts.limit) query.set('limit', String(opts.limit));
  return query;
}

export const api = {
  /** Returns null when there is no session (401), instead of throwing. */
  async me(): Promise<Me | null> {
    try {
      return await request('GET', '/api/auth/me', Me);
    } catch (e) {
      if (e instanceof ApiRequestError && e.status === 401) return null;
      throw e;
    }
  },
  login: (body: LoginInput) => request('POST', '/api/auth/login', Me, body),
  verifyTotp: (code: string) => request('POST', '/api/auth/totp/verify', Me, { code }),
  setupTotp: (password: string) => request('POST', '/api/auth/totp/setup', TotpSetup, { password }),
  /** Answers with the session and the recovery codes (shown once). */
  enableTotp: (code: string) => request('POST', '/api/auth/totp/enable', TotpEnabled, { code }),
  /** New recovery codes (the old ones stop working); the password is asked again. */
  regenerateRecoveryCodes: (password: string) => request('POST', '/api/auth/totp/recovery-codes', RecoveryCodes, { password }),
  /** Needs the password and a current code (or a recovery code). */
  disableTotp: (password: string, code: string) => request('POST', '/api/auth/totp/disable', Me, { password, code }),
  /** Ends the user's other sessions; this one continues (under a new token). */
  changePassword: (body: PasswordChange) => request('POST', '/api/auth/password', Me, body),
  logout: () => requestVoid('POST', '/api/auth/logout'),
  logoutAll: () => requestVoid('POST', '/api/auth/logout-all'),

  listIncidents: (query: URLSearchParams) => {
    const qs = query.toString();
    return request('GET', `/api/incidents${qs ? `?${qs}` : ''}`, IncidentList);
  },
  getIncident: (id: string) => request('GET', `/api/incidents/${encodeURIComponent(id)}`, IncidentDetail),
  createIncident: (body: IncidentCreateBody) => request('POST', '/api/incidents', IncidentDetail, body),
  patchIncident: (id: string, patch: IncidentPatch) =>
    request('PATCH', `/api/incidents/${encodeURIComponent(id)}`, IncidentDetail, patch),
  /** Records a verification decision (or reopens one): coordinators, four eyes as the organisation provides it. */
  decideIncident: (id: string, body: DecisionBody) => request('POST', `/api/incidents/${encodeURIComponent(id)}/decision`, IncidentDetail, body),
  /** Puts the record to one of the organisation's designated partner reviewers (its recorder or a coordinator). */
  putToReview: (id: string, body: z.input<typeof ReviewRequest>) => request('POST', `/api/incidents/${encodeURIComponent(id)}/review`, IncidentDetail, body),
  /** Withdraws the record from its reviewer, who loses access at once. */
  withdrawReview: (id: string) => request('DELETE', `/api/incidents/${encodeURIComponent(id)}/review`, IncidentDetail),
  /** A reviewer's side: records other organisations put to the caller, one of them, and its decision. */
  listReviews: () => request('GET', '/api/reviews', ReviewList),
  getReview: (id: string) => request('GET', `/api/reviews/${encodeURIComponent(id)}`, ReviewRecord),
  decideReview: (id: string, body: DecisionBody) => request('POST', `/api/reviews/${encodeURIComponent(id)}/decision`, ReviewRecord, body),
  /** The organisation's settings (administrators and coordinators read; administrators change them). */
  organisationSettings: () => request('GET', '/api/organisation/settings', OrganisationSettings),
  saveOrganisationSettings: (body: OrganisationSettingsUpdate) => request('PUT', '/api/organisation/settings', OrganisationSettings, body),
  /** The rules records follow (completeness, narrative limit, four-eyes mode and its reviewers): every member. */
  recordingRules: () => request('GET', '/api/organisation/rules', RecordingRules),
  /** Every version of the incident, oldest first (snapshots include identifying fields: keep in memory only). */
  incidentHistory: (id: string) => request('GET', `/api/incidents/${encodeURIComponent(id)}/history`, IncidentHistory),
  /** Soft deletion with a reason; coordinators only. */
  deleteIncident: (id: string, body: IncidentDelete) => requestVoid('DELETE', `/api/incidents/${encodeURIComponent(id)}`, body),
  /** Destroys narrative, locality and coordinates in every version and narrows consent; coordinators only. */
  eraseIncident: (id: string, body: IncidentErase) =>
    request('POST', `/api/incidents/${encodeURIComponent(id)}/erase`, IncidentDetail, body),
  /** Likely duplicates among the records the caller may see, best first, with the evidence field by field. */
  duplicates: (id: string) => request('GET', `/api/incidents/${encodeURIComponent(id)}/duplicates`, DuplicateCandidates),
  /** `same` links the other record to this one (this one is counted); `distinct` never proposes the pair again. Coordinators only. */
  decideDuplicate: (id: string, body: DuplicateDecisionBody) =>
    request('POST', `/api/incidents/${encodeURIComponent(id)}/duplicates`, DuplicateDecision, body),
  /** Duplicate decisions involving the record, newest first, undone ones included. */
  duplicateDecisions: (id: string) => request('GET', `/api/incidents/${encodeURIComponent(id)}/duplicate-decisions`, DuplicateDecisions),
  /** Undoes a decision (a link is removed; the pair may be proposed again); coordinators only. */
  undoDuplicateDecision: (decisionId: string) =>
    request('POST', `/api/duplicate-decisions/${encodeURIComponent(decisionId)}/undo`, DuplicateDecision),
  /**
   * Address of an export, for a plain download link: the browser streams the file to disk with the session
   * cookie (a GET needs no CSRF token) and the file never passes through this app's memory.
   */
  exportUrl: (query: URLSearchParams) => `/api/incidents/export?${query.toString()}`,
  /** How many records (and rows) an export with these filters and options would hold; coordinators only. */
  exportCount: (query: URLSearchParams) => request('GET', `/api/incidents/export/count?${query.toString()}`, IncidentExportCount),
  /**
   * The export inside an AES-256 ZIP. A POST, so the passphrase travels in the body only (never in a URL);
   * the answer is encrypted, so holding it in memory as a Blob until it is saved exposes nothing.
   */
  async exportPackage(body: z.input<typeof IncidentExportPackage>): Promise<ExportPackageFile> {
    const res = await send('POST', '/api/incidents/export-package', body);
    const disposition = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '');
    // Incidents, not rows: a per-violation file has more rows than records.
    const records = Number(res.headers.get('x-salama-records'));
    let blob: Blob;
    try {
      blob = await res.blob();
    } catch {
      throw new ApiRequestError(0, 'network_error', 'The server could not be reached.');
    }
    return { blob, fileName: disposition?.[1] ?? 'salama-incidents.zip', records: Number.isInteger(records) ? records : null };
  },

  /** Undecided likely pairs of the last batch scan of the organisation, likeliest first (coordinators). */
  duplicatePairs: (page: number, pageSize: number) =>
    request('GET', `/api/duplicates?${new URLSearchParams({ page: String(page), pageSize: String(pageSize) }).toString()}`, DuplicatePairs),
  /** The last batch scan (state and size), or null before the first one. */
  duplicateScan: () => request('GET', '/api/duplicates/scan', z.object({ scan: DuplicateScan.nullable() })),
  /** Starts a background scan of the organisation (or answers with the one already queued or running). */
  startDuplicateScan: () => request('POST', '/api/duplicates/scan', DuplicateScan),

  /** The caller's own drafts of new incidents, newest first: when and at which step, never their content. */
  listDrafts: () => request('GET', '/api/drafts', DraftList),
  /** One of the caller's drafts with its content (keep in memory only: it can hold a survivor's account). */
  getDraft: (id: string) => request('GET', `/api/drafts/${encodeURIComponent(id)}`, Draft),
  /** Creates the draft the first time (the client picks its id), replaces it after; encrypted on the server. */
  saveDraft: (id: string, body: DraftSave) => request('PUT', `/api/drafts/${encodeURIComponent(id)}`, DraftSummary, body),
  deleteDraft: (id: string) => requestVoid('DELETE', `/api/drafts/${encodeURIComponent(id)}`),

  /** Members of the caller's organisation; coordinators and administrators only (403 otherwise). */
  listMembers: () => request('GET', '/api/users', OrgMembers),

  /** Account administration (administrators): the organisation's accounts with their state. */
  listAccounts: () => request('GET', '/api/accounts', AccountList),
  /** Creates an account; the answer holds its one-time password (show it once, keep it nowhere). */
  createAccount: (body: AccountCreate) => request('POST', '/api/accounts', AccountWithPassword, body),
  updateAccount: (id: string, body: AccountPatch) => request('PATCH', `/api/accounts/${encodeURIComponent(id)}`, Account, body),
  /** A new one-time password for the account (shown once); its sessions end. */
  issuePassword: (id: string) => request('POST', `/api/accounts/${encodeURIComponent(id)}/password`, AccountWithPassword, {}),
  resetAccountTwoFactor: (id: string) => request('POST', `/api/accounts/${encodeURIComponent(id)}/two-factor/reset`, Account, {}),
  endAccountSessions: (id: string) => request('POST', `/api/accounts/${encodeURIComponent(id)}/sessions/end`, Account, {}),

  /** The organisation's audit entries, newest first (administrators). */
  auditEntries: (query: URLSearchParams) => request('GET', `/api/audit?${query.toString()}`, AuditPage),
  auditVerification: () => request('GET', '/api/audit/verification', AuditVerificationStatus),
  backupStatus: () => request('GET', '/api/audit/backup', BackupStatusAnswer),
  verifyAudit: () => request('POST', '/api/audit/verification', AuditVerification),

  /** A country's administrative areas, every level (reference data: codes, names in three languages, parents). */
  listPlaces: (country: string) => request('GET', `/api/places?${new URLSearchParams({ country }).toString()}`, AreaList),
  /** Countries the server has administrative areas for, with how many. */
  listPlaceCountries: () => request('GET', '/api/places/countries', PlaceCountryList),
  /** Loads a CSV of areas (coordinators): all rows or none; a refused list's problems are in the error's body. */
  loadAreaList: (file: Blob) => request('POST', '/api/places/import', AreaListLoaded, file, 'text/csv'),

  /** The organisation's own values of extensible lists (setting, source type, service), retired ones included. */
  listLookups: () => request('GET', '/api/lookups', LookupList),
  /** Adds a value (coordinators); the code is made from the English label when left out. */
  createLookup: (body: LookupCreate) => request('POST', '/api/lookups', Lookup, body),
  /** Changes a value's labels, or retires (active: false) or reactivates it; codes never change. */
  updateLookup: (id: string, body: LookupPatch) => request('PATCH', `/api/lookups/${encodeURIComponent(id)}`, Lookup, body),

  /** The caller's own imports, newest first. */
  listImports: () => request('GET', '/api/imports', ImportList),
  /** Sends the file as the request body (no multipart); answers with its columns and a proposed mapping. */
  uploadImport: (file: Blob, name: string, sheet?: string) => {
    const query = new URLSearchParams({ name });
    if (sheet) query.set('sheet', sheet);
    const type = name.toLowerCase().endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
    return request('POST', `/api/imports?${query.toString()}`, ImportDetail, file, type);
  },
  /** State, progress, counts and the first problems (file values: keep in memory only). */
  getImport: (id: string) => request('GET', `/api/imports/${encodeURIComponent(id)}`, ImportDetail),
  /** Distinct values of one column with their row counts, most frequent first. */
  importValues: (id: string, column: string, opts: ValuesOptions & { split?: ImportMapping['separator'] } = {}) => {
    const query = valuesQuery(column, opts);
    if (opts.split) query.set('split', opts.split);
    return request('GET', `/api/imports/${encodeURIComponent(id)}/values?${query.toString()}`, ImportValues);
  },
  /** A party column's values with the registry's link to each, or its closest party (names in the reader's language). */
  importPartyValues: (id: string, column: string, opts: ValuesOptions = {}) =>
    request('GET', `/api/imports/${encodeURIComponent(id)}/party-values?${valuesQuery(column, opts).toString()}`, ImportPartyValues),
  /** The first rows with text beyond ASCII (audited), to check the encoding. */
  importPreview: (id: string) => request('GET', `/api/imports/${encodeURIComponent(id)}/preview`, ImportPreview),
  /** Reads the uploaded CSV again in another encoding. */
  rereadImport: (id: string, encoding: TextEncoding) => request('POST', `/api/imports/${encodeURIComponent(id)}/encoding`, ImportDetail, { encoding }),
  /** Keeps the mapping in progress on the server. */
  saveImportDraft: (id: string, mapping: ImportMapping) => requestVoid('PUT', `/api/imports/${encodeURIComponent(id)}/draft`, { mapping }),
  /** Starts a dry run or the import itself as a background job; poll getImport for progress. */
  runImport: (id: string, mapping: ImportMapping, dryRun: boolean, onChanged: ImportRun['onChanged'] = 'leave') =>
    request('POST', `/api/imports/${encodeURIComponent(id)}/run`, ImportSummary, { mapping, dryRun, onChanged }),
  /** Address of the rejected rows as CSV, for a plain download link (audited by the server). */
  rejectedRowsUrl: (id: string) => `/api/imports/${encodeURIComponent(id)}/rejected`,
  listImportMappings: () => request('GET', '/api/import-mappings', SavedMappings),
  /** Saves the mapping for the whole organisation; a mapping of the same name is replaced. */
  saveImportMapping: (name: string, mapping: ImportMapping) => request('POST', '/api/import-mappings', SavedMapping, { name, mapping }),
};
