// Why: the web app's side of the parties registry: its API calls (validated against the shared contract),
// the query keys that refresh after a change, and the words screens share (a party's category, countries,
// scope and status; a refusal's rule in the reader's language).
import type { QueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import {
  PartyDetail, PartyList, PartyMerge, PartySeedReport, PartySuggestions,
  type PartyCategory, type PartyCreate, type PartySource, type PartyExternalIdInput, type PartyNameInput, type PartyPatch, type PartyPropose, type PartyRelationInput, type PartySummary,
} from '../../src/shared/parties.ts';
import { PartyTextList, PartyTextResolve, PartyTextResolved } from '../../src/shared/party-links.ts';
import { ApiRequestError, request } from './api.ts';
import { apiErrorText } from './components/ApiErrorMessage.tsx';
import { countryName, list } from './format.ts';
import { currentLanguage } from './i18n/index.ts';
import { issueSentence } from './issues.ts';

const enc = encodeURIComponent;

export const partiesApi = {
  list: (query: URLSearchParams) => request('GET', `/api/parties?${query.toString()}`, PartyList),
  suggest: (q: string, limit = 8) => request('GET', `/api/parties/suggest?${new URLSearchParams({ q, limit: String(limit) }).toString()}`, PartySuggestions),
  get: (id: string) => request('GET', `/api/parties/${enc(id)}`, PartyDetail),
  propose: (body: z.input<typeof PartyPropose>) => request('POST', '/api/parties/proposals', PartyDetail, body),
  create: (body: z.input<typeof PartyCreate>) => request('POST', '/api/parties', PartyDetail, body),
  update: (id: string, body: PartyPatch) => request('PATCH', `/api/parties/${enc(id)}`, PartyDetail, body),
  confirm: (id: string) => request('POST', `/api/parties/${enc(id)}/confirm`, PartyDetail, {}),
  merge: (id: string, intoId: string) => request('POST', `/api/parties/${enc(id)}/merge`, PartyMerge, { intoId }),
  undoMerge: (mergeId: string) => request('POST', `/api/parties/merges/${enc(mergeId)}/undo`, PartyMerge, {}),
  seed: () => request('POST', '/api/parties/seed', PartySeedReport, {}),
  texts: () => request('GET', '/api/party-texts', PartyTextList),
  resolveText: (body: z.input<typeof PartyTextResolve>) => request('POST', '/api/party-texts/resolve', PartyTextResolved, body),
  addName: (id: string, body: z.input<typeof PartyNameInput>) => request('POST', `/api/parties/${enc(id)}/names`, PartyDetail, body),
  removeName: (id: string, nameId: string) => request('DELETE', `/api/parties/${enc(id)}/names/${enc(nameId)}`, PartyDetail),
  addExternalId: (id: string, body: PartyExternalIdInput) => request('POST', `/api/parties/${enc(id)}/external-ids`, PartyDetail, body),
  removeExternalId: (id: string, xid: string) => request('DELETE', `/api/parties/${enc(id)}/external-ids/${enc(xid)}`, PartyDetail),
  addRelation: (id: string, body: PartyRelationInput) => request('POST', `/api/parties/${enc(id)}/relations`, PartyDetail, body),
  removeRelation: (id: string, rid: string) => request('DELETE', `/api/parties/${enc(id)}/relations/${enc(rid)}`, PartyDetail),
};

/** Every cached answer about parties: names, lists and suggestions change together. */
export const PARTIES_KEY = ['parties'] as const;
export const partyKey = (id: string) => [...PARTIES_KEY, 'one', id, currentLanguage()] as const;
export const refreshParties = (qc: QueryClient) => qc.invalidateQueries({ queryKey: PARTIES_KEY });

export const categoryLabel = (t: TFunction, c: PartyCategory): string => t(`taxonomy.perpetratorCategories.${c}`);
export const countriesLabel = (t: TFunction, codes: readonly string[]): string => list(codes.map((c) => countryName(t, c)), currentLanguage());
/** Source codes hold dots ("svac-3.2"), which i18next reads as nesting: each has a key of its own. */
const SOURCE_KEYS = { 'ucdp-prio-acd-25.1': 'ucdp', 'svac-3.2': 'svac', salama: 'salama', organisation: 'organisation' } as const satisfies Record<PartySource, string>;
export const sourceLabel = (t: TFunction, s: PartySource): string => t(`parties.sources.${SOURCE_KEYS[s]}`);
export const scopeLabel = (t: TFunction, p: Pick<PartySummary, 'scope'>): string => t(`parties.scope.${p.scope}`);

/** A refusal in words: the rules it names (a name that exists, a merge changed since...), else the error's kind. */
export function partyErrorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiRequestError && error.issues.length > 0) return error.issues.map((i) => issueSentence(t, i)).join(' · ');
  return apiErrorText(t, error);
}
