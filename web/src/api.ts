// Why: the one place the web app talks to the server. A typed fetch wrapper that sends the session cookie
// and CSRF token, validates responses against the shared zod contract and throws ApiRequestError.
// Never log request or response bodies: they can hold narratives and identifying fields.
import { z } from 'zod';
import { ApiError, LoginBody, Me, OrgMembers, TotpSetup } from '../../src/shared/auth.ts';
import { DuplicateCandidates, DuplicateDecision, DuplicateDecisions, IncidentDetail, IncidentHistory, IncidentList } from '../../src/shared/incident.ts';
import type { DuplicateDecisionBody, IncidentCreate, IncidentDelete, IncidentErase, IncidentPatch } from '../../src/shared/incident.ts';

/** A create body as sent: fields with a default (such as `assignedTo`) may be left out. */
export type IncidentCreateBody = z.input<typeof IncidentCreate>;

export interface FieldIssue {
  /** Dotted path such as `violations.0.victims.girls`; empty for form-wide problems. */
  field: string;
  message: string;
}

export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[];

  constructor(status: number, code: string, message: string, issues: FieldIssue[] = []) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

/** 401 codes that mean "wrong secret", not "your session is gone": the caller shows them in place. */
const CREDENTIAL_FAILURES = new Set(['invalid_credentials', 'invalid_code']);

/** 403 codes that mean "your session's state changed": reloading `Me` puts the right screen up. */
const SESSION_STATE_CODES = new Set(['totp_required', 'totp_enrolment_required', 'csrf_failed']);

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

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

async function send(method: Method, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && path !== '/api/auth/login' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
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
    ? new ApiRequestError(res.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.issues ?? [])
    : new ApiRequestError(res.status, `http_${res.status}`, res.statusText || 'Request failed');
  if (res.status === 401 && !CREDENTIAL_FAILURES.has(err.code)) onUnauthenticated();
  if (res.status === 403 && SESSION_STATE_CODES.has(err.code)) onSessionChanged();
  return err;
}

async function request<S extends z.ZodType>(method: Method, path: string, schema: S, body?: unknown): Promise<z.output<S>> {
  const res = await send(method, path, body);
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

async function requestVoid(method: Method, path: string, body?: unknown): Promise<void> {
  await send(method, path, body);
}

export type LoginInput = z.input<typeof LoginBody>;

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
  enableTotp: (code: string) => request('POST', '/api/auth/totp/enable', Me, { code }),
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

  /** Members of the caller's organisation; coordinators and administrators only (403 otherwise). */
  listMembers: () => request('GET', '/api/users', OrgMembers),
};
