// Why: the web app's side of the reference datasets (SVAC, RSVAC): its API calls (validated against the shared
// contract), the query keys refreshed after a load, a choice of version or a decision, and the words for prevalence levels, sources
// and forms that the party page, the dashboard's panel and the reference screens share.
import type { QueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import {
  ActorMatching, DatasetList, DatasetLoaded, PartyPrevalence, ReferenceOverview,
  type ActorDecide, type Prevalence, type ReferenceDataset, type ReferenceForm,
} from '../../src/shared/reference.ts';
import { request } from './api.ts';
import { currentLanguage } from './i18n/index.ts';

const enc = encodeURIComponent;

export const referenceApi = {
  datasets: () => request('GET', '/api/reference/datasets', DatasetList),
  load: (dataset: ReferenceDataset, file: Blob, label: string, citation: string) =>
    request('POST', `/api/reference/datasets/${dataset}/versions?${new URLSearchParams(citation ? { label, citation } : { label }).toString()}`, DatasetLoaded, file, 'text/csv'),
  choose: (dataset: ReferenceDataset, versionId: string | null) => request('POST', `/api/reference/datasets/${dataset}/current`, DatasetList, { versionId }),
  matching: () => request('GET', '/api/reference/matching', ActorMatching),
  decide: (body: z.input<typeof ActorDecide>) => request('POST', '/api/reference/matching/decisions', ActorMatching, body),
  undo: (key: string) => request('POST', '/api/reference/matching/undo', ActorMatching, { key }),
  party: (id: string) => request('GET', `/api/parties/${enc(id)}/reference-prevalence`, PartyPrevalence),
  overview: (country: string, parties: readonly string[]) => {
    const q = new URLSearchParams();
    if (country) q.set('country', country);
    if (parties.length) q.set('party', parties.slice(0, 200).join(','));
    return request('GET', `/api/reference/overview?${q.toString()}`, ReferenceOverview);
  },
};

/** Every cached answer about reference data: a load or a decision changes them together. */
export const REFERENCE_KEY = ['reference'] as const;
export const referenceKeys = {
  datasets: [...REFERENCE_KEY, 'datasets'] as const,
  matching: () => [...REFERENCE_KEY, 'matching', currentLanguage()] as const,
  party: (id: string) => [...REFERENCE_KEY, 'party', id] as const,
  overview: (country: string, parties: readonly string[]) => [...REFERENCE_KEY, 'overview', country, parties.join(','), currentLanguage()] as const,
};
export const refreshReference = (qc: QueryClient) => qc.invalidateQueries({ queryKey: REFERENCE_KEY });

/** A level in words: none, isolated, numerous, massive; "no report" for null (never "none"). */
const LEVEL_KEYS = ['0', '1', '2', '3'] as const;
export const levelWords = (t: TFunction, level: Prevalence): string => t(`reference.levels.${level === null ? 'noReport' : LEVEL_KEYS[level] ?? 'noReport'}`);
export const formWords = (t: TFunction, form: ReferenceForm): string => t(`reference.forms.${form}`);
export const datasetName = (t: TFunction, dataset: ReferenceDataset): string => t(`reference.datasets.${dataset}`);
