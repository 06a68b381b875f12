// Why: the values step shows which country each of the file's values stands for, with the same rule and
// the same name lists the server applies (src/shared/country.ts: an ISO alpha-3 code, an English or French name, or
// a known alias). The lists are loaded only when an import maps a country column, as a separate chunk.
import { useQuery } from '@tanstack/react-query';
import type { Language } from '../../i18n/index.ts';
import { countryCode } from '../../../../src/shared/country.ts';

export interface CountryNames {
  /** The alpha-3 code a value stands for, or null when the server will not recognise it either. */
  codeOf: (value: string) => string | null;
  /** Whether a typed code is an ISO 3166 alpha-3 code. */
  isCode: (code: string) => boolean;
  /** The country's name in the reader's language (the browser's own list), or the code. */
  nameOf: (code: string, lang: Language) => string;
}

async function load(): Promise<CountryNames> {
  const [lib, en, fr] = await Promise.all([
    import('i18n-iso-countries'),
    import('i18n-iso-countries/langs/en.json', { with: { type: 'json' } }),
    import('i18n-iso-countries/langs/fr.json', { with: { type: 'json' } }),
  ]);
  const countries = lib.default;
  countries.registerLocale(en.default);
  countries.registerLocale(fr.default);
  const isCode = (code: string) => /^[A-Z]{3}$/.test(code) && countries.isValid(code);
  return {
    isCode,
    codeOf: (value) => {
      return countryCode(countries, value);
    },
    nameOf: (code, lang) => {
      const alpha2 = countries.alpha3ToAlpha2(code);
      try {
        return (alpha2 && new Intl.DisplayNames([lang], { type: 'region' }).of(alpha2)) || code;
      } catch {
        return code;
      }
    },
  };
}

/** The country lists, once per page load; undefined while loading (values then count as "checked on the server"). */
export function useCountryNames(enabled: boolean): CountryNames | undefined {
  return useQuery({ queryKey: ['country-names'], queryFn: load, enabled, staleTime: Infinity, gcTime: Infinity, retry: false }).data;
}
