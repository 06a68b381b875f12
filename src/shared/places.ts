/**
 * Administrative areas as the API serves them: reference data (codes, names in three languages, parents),
 * read by the entry form's pickers and by every screen that names a place.
 */
import { z } from './zod.ts';
import { ApiError } from './auth.ts';

export const Area = z.object({
  code: z.string(),
  country: z.string(),
  level: z.number().int(),
  name: z.string(),
  nameFr: z.string().nullable(),
  nameAr: z.string().nullable(),
  parent: z.string().nullable(),
});
export type Area = z.infer<typeof Area>;
export const AreaList = z.object({ items: z.array(Area) });

/** Where a country's areas came from: the boundary files, the ISO 3166-2 list, the reader's organisation, or another list. */
export const PLACE_SOURCE_KINDS = ['builtin', 'iso', 'own', 'other'] as const;
export const PlaceSourceKind = z.enum(PLACE_SOURCE_KINDS);
export type PlaceSourceKind = z.infer<typeof PlaceSourceKind>;

/** A country the server has areas for, with how many (every level), at which levels, and from where. */
export const PlaceCountry = z.object({
  country: z.string(),
  areas: z.number().int(),
  levels: z.array(z.number().int()),
  sources: z.array(PlaceSourceKind),
});
export type PlaceCountry = z.infer<typeof PlaceCountry>;
export const PlaceCountryList = z.object({ items: z.array(PlaceCountry) });

/** The columns of a list of areas, in order (only the first four are required). */
export const AREA_LIST_COLUMNS = ['country', 'level', 'pcode', 'name', 'name_fr', 'name_ar', 'parent_pcode'] as const;

/** A list of areas loaded: how many rows, how many were new, how many replaced the organisation's earlier ones, per country. */
export const AreaListLoaded = z.object({
  imported: z.number().int(),
  added: z.number().int(),
  replaced: z.number().int(),
  countries: z.array(z.object({ country: z.string(), areas: z.number().int() })),
});
export type AreaListLoaded = z.infer<typeof AreaListLoaded>;

/**
 * One problem of a refused list: its row (the header is row 1; 0 for the file as a whole), column, value, the
 * rule's code (messages.ts, worded by the web app in the reader's language) and the rule in English (the CLI's).
 */
export const AreaListProblem = z.object({
  row: z.number().int(), column: z.string(), value: z.string(), code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional(), rule: z.string(),
});
export type AreaListProblem = z.infer<typeof AreaListProblem>;

/** Problems a refused file lists at most: enough to correct it by; `problemCount` says how many were found. */
export const MAX_LISTED_PROBLEMS = 200;

/**
 * A refused file (400): nothing was loaded; its first problems (MAX_LISTED_PROBLEMS at most) are listed (and,
 * as issues, by column), and `problemCount` says how many were found: all the file has, or, when the check
 * stopped past the listed ones (`complete` false), at least that many.
 */
export const AreaListRejected = ApiError.extend({
  problems: z.array(AreaListProblem).optional(), problemCount: z.number().int().optional(), complete: z.boolean().optional(),
});
export type AreaListRejected = z.infer<typeof AreaListRejected>;

/** A refused file's first problems, how many were found, and whether the check read the file to its end. */
export interface FileProblems { problems: readonly AreaListProblem[]; problemCount: number; complete: boolean }

/** An area's name in the reader's language: French or Arabic where the list has it, else its name. */
export const localAreaName = (a: { name: string; nameFr?: string | null; nameAr?: string | null }, lang: string): string =>
  (lang === 'fr' ? a.nameFr : lang === 'ar' ? a.nameAr : null) || a.name;
