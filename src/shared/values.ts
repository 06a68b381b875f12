/**
 * Value shapes shared by the contracts (incident record, its reads and actions, and the capabilities built
 * on them): dates, free text, country codes. Messages are codes of the message catalogue (messages.ts).
 */
import { z } from './zod.ts';

export const isoDate = z.iso.date({ error: 'date_format' }).refine((d) => d >= '1900-01-01', 'date_too_early');
/** Free text: bounded, trimmed, and without NUL characters (PostgreSQL text cannot hold them). */
export const noNul = (s: string) => !s.includes('\u0000');
export const NUL_MESSAGE = 'no_nul';
export const freeText = (max: number) => z.string().trim().max(max).refine(noNul, NUL_MESSAGE);
/** An ISO 3166-1 alpha-3 country code. */
export const countryCode = z.string().regex(/^[A-Z]{3}$/, 'country_code');
