// Why: what the dashboard and the map read from the analysis engine (GET /api/stats/counts, the restricted tier,
// and /api/stats/points, the restricted map's points; GET /api/stats/releases/:release, the protected tier),
// validated against the shared contract, and the words their figures speak in the reader's language. Loaded with
// the dashboard only (a lazy chunk): the contract's schemas stay out of the first download.
import './i18n/dashboard.ts';
import { useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChartWords } from '../../src/shared/charts/figure.ts';
import { chartWords } from '../../src/shared/charts/words.ts';
import { PointsAnswer, ProtectedRelease, StatsAnswer } from '../../src/shared/stats.ts';
import { request } from './api.ts';
import { currentLanguage } from './i18n/index.ts';
import { ownLabel, useLookups } from './lookups.ts';
import { useAreaNames } from './places.ts';

/** Figures change as records do: kept briefly, fetched again when the page comes back after a while. */
const FIGURES = { staleTime: 60_000, placeholderData: keepPreviousData } as const;

export function useCounts(query: URLSearchParams, enabled = true) {
  const qs = query.toString();
  return useQuery({
    queryKey: ['stats', 'counts', qs],
    queryFn: () => request('GET', `/api/stats/counts?${qs}`, StatsAnswer),
    enabled,
    ...FIGURES,
  });
}

/**
 * The map's points (GET /api/stats/points): restricted and identifying, each request audited, so asked for only
 * where the restricted map draws them.
 */
export function usePoints(query: URLSearchParams, enabled: boolean) {
  const qs = query.toString();
  return useQuery({
    queryKey: ['stats', 'points', qs],
    queryFn: () => request('GET', `/api/stats/points?${qs}`, PointsAnswer),
    enabled,
    ...FIGURES,
  });
}

/** The protected catalogue's releases (src/stats/catalogue.ts). */
export const RELEASES = ['violations', 'victims', 'parties'] as const;
export type ReleaseId = (typeof RELEASES)[number];

export function useRelease(release: ReleaseId, enabled = true) {
  return useQuery({
    queryKey: ['stats', 'release', release],
    queryFn: () => request('GET', `/api/stats/releases/${release}`, ProtectedRelease),
    enabled,
    ...FIGURES,
  });
}

/**
 * The words of figures in the reader's language: the shared label files, area names as loaded for the given
 * countries (the bundled names meanwhile), the parties named by the answers, the organisation's own settings.
 */
export function useChartWords(countries: readonly string[], parties: Readonly<Record<string, string>>): ChartWords {
  useTranslation(); // a change of language re-renders
  const lang = currentLanguage();
  const areaName = useAreaNames(countries);
  const own = useLookups().data;
  return useMemo(() => chartWords(lang, {
    area: areaName,
    party: (id) => parties[id],
    own: (dimension, code) => (dimension === 'setting' ? ownLabel(own, 'setting', lang)(code) : undefined),
  }), [lang, areaName, parties, own]);
}
