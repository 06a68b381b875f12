// Why: country / admin-area pickers and labels. Areas are server reference data (`/api/places`, which
// `salama places import` extends with other countries, districts and corrected P-codes); the list bundled with
// the app paints first and stands in while a country's areas load, when the server cannot be reached, or when
// it has none for that country. Incidents store area codes; names are shown in the reader's language when known.
import { useMemo } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import areasFile from '../../src/places/admin-areas.json' with { type: 'json' };
import { api } from './api.ts';
import { currentLanguage } from './i18n/index.ts';
import type { Language } from './i18n/index.ts';
import type { PlaceCountry } from '../../src/shared/places.ts';

/** An area as the server sends it; the bundled file leaves absent names and parents out. */
export interface AdminArea {
  country: string;
  level: number;
  code: string;
  name: string;
  nameFr?: string | null;
  nameAr?: string | null;
  parent?: string | null;
}

// Typed by assignment (not a cast) so a change in the file's shape fails the type check.
const file: { areas: AdminArea[]; attribution: string } = areasFile;
// The boundary data's licences (ODbL, CC BY) require a credit wherever the names are shown: the footer says it in
// the reader's language (words.attribution); the file's own attribution stays with the data.

/**
 * The area codes of the given countries, with their level: what a code typed in the import's values step is
 * checked against at once (the server checks it again, against each row's own country).
 */
export function useAreaCodes(countries: readonly string[]): ReadonlyMap<string, { country: string; level: number }> {
  const wanted = [...new Set(countries)].sort();
  const lists = useQueries({ queries: wanted.map(areasQuery) });
  const byCode = new Map<string, { country: string; level: number }>();
  wanted.forEach((c, i) => { for (const a of areasOf(c, lists[i]?.data)) byCode.set(a.code, { country: a.country, level: a.level }); });
  return byCode;
}
const BUNDLED_BY_CODE = new Map(file.areas.map((a) => [a.code, a]));
const BUNDLED_BY_COUNTRY = new Map<string, AdminArea[]>();
for (const a of file.areas) BUNDLED_BY_COUNTRY.set(a.country, [...(BUNDLED_BY_COUNTRY.get(a.country) ?? []), a]);
const NONE: readonly AdminArea[] = [];

/** Countries the bundled list has areas for (CAF, COD, IRQ, LBY, MLI, SDN, SOM, SSD). */
const BUNDLED_COUNTRIES: readonly string[] = [...BUNDLED_BY_COUNTRY.keys()].sort();

const ISO3 = /^[A-Z]{3}$/;

/** Areas change rarely (an import on the server): kept for the session, fetched again after some hours. */
const REFERENCE = { staleTime: 6 * 60 * 60_000, gcTime: Infinity } as const;
/** Every area query starts with this key: a list loaded on the Areas page refreshes them all. */
export const PLACES_KEY = ['places'] as const;

const areasQuery = (country: string) => ({
  queryKey: [...PLACES_KEY, 'areas', country] as const,
  queryFn: async (): Promise<readonly AdminArea[]> => (await api.listPlaces(country)).items,
  enabled: ISO3.test(country),
  ...REFERENCE,
});

/** The server's list once it has one for the country, else the bundled one (or none). */
const areasOf = (country: string, loaded: readonly AdminArea[] | undefined): readonly AdminArea[] =>
  loaded && loaded.length > 0 ? loaded : BUNDLED_BY_COUNTRY.get(country) ?? NONE;

/** A country's areas, every level: the server's, or the bundled ones while they load or when it cannot be reached. */
export function usePlaces(country: string): readonly AdminArea[] {
  const loaded = useQuery(areasQuery(country)).data;
  return areasOf(country, loaded);
}

/** The countries the server has areas for, with how many, at which levels and from where. */
export const placeCountriesQuery = {
  queryKey: [...PLACES_KEY, 'countries'] as const,
  queryFn: async (): Promise<readonly PlaceCountry[]> => (await api.listPlaceCountries()).items,
  ...REFERENCE,
};

/** Countries the pickers offer: the bundled ones and every one the server has areas for, by code. */
export function usePlaceCountries(): readonly string[] {
  const server = useQuery(placeCountriesQuery).data;
  return useMemo(() => [...new Set([...BUNDLED_COUNTRIES, ...(server ?? []).map((c) => c.country)])].sort(), [server]);
}

export function areaLabel(area: AdminArea, lang: Language): string {
  if (lang === 'fr') return area.nameFr || area.name;
  if (lang === 'ar') return area.nameAr || area.name;
  return area.name;
}

function sorted(list: AdminArea[], lang: Language): AdminArea[] {
  return list.sort((a, b) => areaLabel(a, lang).localeCompare(areaLabel(b, lang), lang));
}

/** The regions (admin 1) of a country's areas, by name. */
export const admin1Of = (areas: readonly AdminArea[], lang: Language): AdminArea[] =>
  sorted(areas.filter((a) => a.level === 1), lang);

/** The districts (admin 2) of one region, by name. */
export const admin2Of = (areas: readonly AdminArea[], admin1: string, lang: Language): AdminArea[] =>
  sorted(areas.filter((a) => a.level === 2 && a.parent === admin1), lang);

/** Whether the country has districts at all (only some do). */
export const hasAdmin2 = (areas: readonly AdminArea[]): boolean => areas.some((a) => a.level === 2);

/** The name of an area code in the reader's language; null for no code. */
export type AreaNames = (code: string | null | undefined) => string | null;

/**
 * Names of area codes in the reader's language, for records of the given countries: from the server's lists
 * (loaded once per country, shared by every screen), else the bundled names, else the code as stored (free
 * text typed for a country without a list).
 */
export function useAreaNames(countries: readonly string[]): AreaNames {
  useTranslation(); // re-render when the language changes
  const lang = currentLanguage();
  const wanted = [...new Set(countries)].sort();
  const lists = useQueries({ queries: wanted.map(areasQuery) });
  // The same function while nothing it reads changes, so figures built from it are not rebuilt on every render.
  const loaded = lists.map((q) => q.dataUpdatedAt).join();
  return useMemo(() => {
    const byCode = new Map<string, AdminArea>();
    for (const q of lists) for (const a of q.data ?? NONE) byCode.set(a.code, a);
    return (code) => {
      if (!code) return null;
      const area = byCode.get(code) ?? BUNDLED_BY_CODE.get(code);
      return area ? areaLabel(area, lang) : code;
    };
  // `loaded` stands for the lists' contents (their update times), `wanted` for which lists.
  }, [lang, wanted.join(), loaded]);
}
