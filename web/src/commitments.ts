// Why: the web app's side of commitments and compliance: the API calls (answers checked against the shared
// contract), the query keys the pages share, and labels of the capability's codes in the reader's language.
import type { QueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import {
  CommitmentDetail, CommitmentFile, CommitmentList, type CommitmentCreate, type CommitmentKind, type CommitmentPatch, type EvidenceInput, type MeasureInput,
  type MeasureKind, type MeasurePatch, type MeasureStatus,
} from '../../src/shared/commitments.ts';
import { Assessment, IncidentCounts, ListingHistory, type AssessmentInput, type ListingInput, type ListingPatch, type ListingStatus } from '../../src/shared/compliance.ts';
import { fieldLabel } from '../../src/shared/messages.ts';
import { PartyDetail, PartySuggestions } from '../../src/shared/parties.ts';
import { ApiRequestError, request, requestVoid } from './api.ts';
import { apiErrorText } from './components/ApiErrorMessage.tsx';
import { currentLanguage } from './i18n/index.ts';
import { issueRule, translate, withField } from './issues.ts';

const id = encodeURIComponent;
const party = (partyId: string) => `/api/parties/${id(partyId)}`;

export const commitmentsApi = {
  list: (query: { partyId?: string; kind?: CommitmentKind | ''; page?: number; pageSize?: number } = {}) => {
    const q = new URLSearchParams();
    if (query.partyId) q.set('partyId', query.partyId);
    if (query.kind) q.set('kind', query.kind);
    if (query.page) q.set('page', String(query.page));
    if (query.pageSize) q.set('pageSize', String(query.pageSize));
    return request('GET', `/api/commitments${q.size ? `?${q.toString()}` : ''}`, CommitmentList);
  },
  get: (commitmentId: string) => request('GET', `/api/commitments/${id(commitmentId)}`, CommitmentDetail),
  create: (body: z.input<typeof CommitmentCreate>) => request('POST', '/api/commitments', CommitmentDetail, body),
  update: (commitmentId: string, body: CommitmentPatch) => request('PATCH', `/api/commitments/${id(commitmentId)}`, CommitmentDetail, body),
  remove: (commitmentId: string, reason: string) => requestVoid('DELETE', `/api/commitments/${id(commitmentId)}`, { reason }),
  addMeasure: (commitmentId: string, body: z.input<typeof MeasureInput>) => request('POST', `/api/commitments/${id(commitmentId)}/measures`, CommitmentDetail, body),
  updateMeasure: (measureId: string, body: MeasurePatch) => request('PATCH', `/api/commitments/measures/${id(measureId)}`, CommitmentDetail, body),
  removeMeasure: (measureId: string) => request('DELETE', `/api/commitments/measures/${id(measureId)}`, CommitmentDetail),
  addEvidence: (measureId: string, body: EvidenceInput) => request('POST', `/api/commitments/measures/${id(measureId)}/evidence`, CommitmentDetail, body),
  withdrawEvidence: (evidenceId: string, reason: string) => request('POST', `/api/commitments/evidence/${id(evidenceId)}/withdraw`, CommitmentDetail, { reason }),
  /** The file is the body, sent as it is; the answer's id is then attached to a commitment or evidence. */
  upload: (file: File) => request('POST', `/api/commitments/files?${new URLSearchParams({ name: file.name }).toString()}`, CommitmentFile, file, file.type || 'application/octet-stream'),
  /** For a plain download link (the session cookie goes with it; the server audits the download). */
  fileUrl: (fileId: string) => `/api/commitments/files/${id(fileId)}`,

  party: (partyId: string) => request('GET', party(partyId), PartyDetail),
  suggestParties: (q: string) => request('GET', `/api/parties/suggest?${new URLSearchParams({ q, limit: '8' }).toString()}`, PartySuggestions),
  listing: (partyId: string) => request('GET', `${party(partyId)}/listing`, ListingHistory),
  addListing: (partyId: string, body: ListingInput) => request('POST', `${party(partyId)}/listing`, ListingHistory, body),
  updateListing: (partyId: string, entryId: string, body: ListingPatch) => request('PATCH', `${party(partyId)}/listing/${id(entryId)}`, ListingHistory, body),
  removeListing: (partyId: string, entryId: string) => request('DELETE', `${party(partyId)}/listing/${id(entryId)}`, ListingHistory),
  assessment: (partyId: string) => request('GET', `${party(partyId)}/assessment`, Assessment),
  saveAssessment: (partyId: string, body: AssessmentInput) => request('POST', `${party(partyId)}/assessment`, Assessment, body),
  incidentCounts: (partyId: string, verified: boolean, units: boolean) => request('GET', `${party(partyId)}/incident-counts?verified=${verified}&units=${units}`, IncidentCounts),
};

/** Answers naming parties come in the reader's language: their keys carry it, so a change of language reads them again. */
export const commitmentKeys = {
  all: ['commitments'] as const,
  list: (query: object) => ['commitments', 'list', query, currentLanguage()] as const,
  one: (commitmentId: string) => ['commitments', 'one', commitmentId, currentLanguage()] as const,
  party: (partyId: string) => ['commitments', 'party', partyId, currentLanguage()] as const,
  listing: (partyId: string) => ['commitments', 'listing', partyId] as const,
  assessment: (partyId: string) => ['commitments', 'assessment', partyId] as const,
  counts: (partyId: string, verified: boolean, units: boolean) => ['commitments', 'counts', partyId, verified, units] as const,
};

/** While a page reads itself again in another language, it keeps showing the same thing (never another one's). */
export const sameThing = (what: unknown) => <T>(previous: T | undefined, query: { queryKey: readonly unknown[] } | undefined): T | undefined =>
  (JSON.stringify(query?.queryKey[2]) === JSON.stringify(what) ? previous : undefined);

/** After a change: every list, page and party view of commitments reads again. */
export const refreshCommitments = (qc: QueryClient) => qc.invalidateQueries({ queryKey: commitmentKeys.all });

export const commitmentKindLabel = (t: TFunction, k: CommitmentKind): string => t(`commitments.kinds.${k}`);
export const measureKindLabel = (t: TFunction, k: MeasureKind): string => t(`commitments.measureKinds.${k}`);
export const progressLabel = (t: TFunction, p: MeasureStatus): string => t(`commitments.progress.${p}`);
export const listingLabel = (t: TFunction, l: ListingStatus): string => t(`commitments.listing.statuses.${l}`);

/** An error in words: each problem by its field's label and rule (the server's codes), else the general sentence. */
export function commitmentErrorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiRequestError && error.issues.length > 0) {
    return error.issues.map((i) => (i.field ? withField(t, fieldLabel(translate(t), i.field), issueRule(t, i)) : issueRule(t, i))).join(' · ');
  }
  return apiErrorText(t, error);
}
