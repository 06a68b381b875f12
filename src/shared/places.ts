/**
 * Administrative areas as the API serves them: reference data (codes, names in three languages, parents),
 * read by the entry form's pickers and by every screen that names a place.
 */
import { z } from './zod.ts';

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

/** A country the server has areas for, with how many (every level). */
export const PlaceCountry = z.object({ country: z.string(), areas: z.number().int() });
export type PlaceCountry = z.infer<typeof PlaceCountry>;
export const PlaceCountryList = z.object({ items: z.array(PlaceCountry) });
