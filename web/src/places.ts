// Why: country / admin-area pickers and labels, from the bundled list of administrative areas.
// Incidents store area codes; names are shown in the reader's language when the list has them.
import areasFile from '../../src/places/admin-areas.json' with { type: 'json' };
import type { Language } from './i18n/index.ts';

export interface AdminArea {
  country: string;
  level: number;
  code: string;
  name: string;
  nameFr?: string;
  nameAr?: string;
  parent?: string;
}

// Typed by assignment (not a cast) so a change in the file's shape fails the type check.
const file: { areas: AdminArea[]; attribution: string } = areasFile;
const AREAS: readonly AdminArea[] = file.areas;
/** The boundary data's licences (ODbL, CC BY) require this credit wherever the names are shown. */
export const AREAS_ATTRIBUTION: string = file.attribution;

const BY_CODE = new Map(AREAS.map((a) => [a.code, a]));

/** Countries that have a list of areas, in file order (CAF, COD, IRQ, LBY, MLI, SDN, SOM, SSD). */
export const KNOWN_COUNTRIES: readonly string[] = [...new Set(AREAS.map((a) => a.country))].sort();

export const isKnownCountry = (iso3: string): boolean => KNOWN_COUNTRIES.includes(iso3);

export function areaLabel(area: AdminArea, lang: Language): string {
  if (lang === 'fr') return area.nameFr ?? area.name;
  if (lang === 'ar') return area.nameAr ?? area.name;
  return area.name;
}

/** The localized name of an area code; unknown codes (free text, other countries) are shown as stored. */
export function areaName(code: string | null | undefined, lang: Language): string | null {
  if (!code) return null;
  const area = BY_CODE.get(code);
  return area ? areaLabel(area, lang) : code;
}

function sorted(list: AdminArea[], lang: Language): AdminArea[] {
  return list.sort((a, b) => areaLabel(a, lang).localeCompare(areaLabel(b, lang), lang));
}

export const admin1Of = (country: string, lang: Language): AdminArea[] =>
  sorted(AREAS.filter((a) => a.country === country && a.level === 1), lang);

export const admin2Of = (admin1: string, lang: Language): AdminArea[] =>
  sorted(AREAS.filter((a) => a.level === 2 && a.parent === admin1), lang);

/** Whether the list has districts for this country at all (only some countries do). */
export const hasAdmin2 = (country: string): boolean => AREAS.some((a) => a.country === country && a.level === 2);
