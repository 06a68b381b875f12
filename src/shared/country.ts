/**
 * Reading a country from a spreadsheet cell, the same way on the server (import) and in the wizard (which
 * shows what each value will become). The ISO name lists come from i18n-iso-countries, passed in so the
 * web app can load them only when it needs them.
 */
export interface CountryLists {
  isValid(code: string): boolean;
  getAlpha3Code(name: string, lang: string): string | undefined;
  /** Alpha-2 or numeric code -> alpha-3 (event exports carry "CD" or "180"). */
  toAlpha3(code: string | number): string | undefined;
}

/** Names datasets use that the ISO lists do not (compared in lower case). */
export const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  syria: 'SYR', russia: 'RUS', 'dr congo': 'COD', drc: 'COD', 'democratic republic of congo': 'COD', 'republic of congo': 'COG', congo: 'COG',
  'ivory coast': 'CIV', "cote d'ivoire": 'CIV', burma: 'MMR', 'south korea': 'KOR', 'north korea': 'PRK', laos: 'LAO', iran: 'IRN',
  'bosnia-herzegovina': 'BIH', 'east timor': 'TLS', palestine: 'PSE', car: 'CAF', moldova: 'MDA',
};

/** ISO alpha-3, an English or French name, or a known alias; "Sri Lanka (Ceylon)" is read as "Sri Lanka". */
export function countryCode(lists: CountryLists, value: string): string | null {
  const v = value.trim();
  if (/^[A-Za-z]{3}$/.test(v) && lists.isValid(v.toUpperCase())) return v.toUpperCase();
  if (/^[A-Za-z]{2}$/.test(v) || /^\d{1,3}$/.test(v)) return lists.toAlpha3(/^\d+$/.test(v) ? v.padStart(3, '0') : v.toUpperCase()) ?? null;
  for (const name of [v, v.replace(/\s*\([^)]*\)\s*/g, ' ').trim()]) {
    const code = lists.getAlpha3Code(name, 'en') ?? lists.getAlpha3Code(name, 'fr') ?? COUNTRY_ALIASES[name.toLowerCase()];
    if (code) return code;
  }
  return null;
}
