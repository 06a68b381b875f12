/**
 * Lookups an organisation extends: its own values for some lists of the core taxonomy (a setting such as
 * "mine site", a source type such as "community alert network", a service such as "shelter"), each with a
 * label in English and, when known, French and Arabic. Core codes stay fixed and versioned; an
 * organisation's codes start with "x_" so the two never collide, and aggregates across organisations can
 * always fall back to the core list. Codes are never renamed or deleted (records use them): they are
 * retired instead.
 */
import { z } from './zod.ts';
import { SERVICES, SETTINGS, SOURCE_TYPES } from './taxonomy.ts';

export const EXTENSIBLE_LISTS = { setting: SETTINGS, sourceType: SOURCE_TYPES, service: SERVICES } as const;
export type ExtensibleList = keyof typeof EXTENSIBLE_LISTS;
export const EXTENSIBLE_LIST_NAMES = Object.keys(EXTENSIBLE_LISTS) as [ExtensibleList, ...ExtensibleList[]];

export const ORG_CODE = /^x_[a-z0-9_]{1,40}$/;
/** A core code of the list, or an organisation's own ("x_..."; whether it exists is checked on the server). */
export const extensible = <T extends readonly [string, ...string[]]>(core: T) =>
  z.string().refine((v) => (core as readonly string[]).includes(v) || ORG_CODE.test(v), 'unknown_code');

const label = (max: number) => z.string().trim().min(1).max(max).refine((s) => !s.includes('\u0000'), 'no_nul');
export const LookupLabels = z.object({ en: label(100), fr: label(100).nullish(), ar: label(100).nullish() }).strict();

export const LookupCreate = z.object({
  list: z.enum(EXTENSIBLE_LIST_NAMES),
  /** Optional: made from the English label when left out ("Mine site" -> x_mine_site). */
  code: z.string().regex(ORG_CODE, 'lookup_code').optional(),
  labels: LookupLabels,
}).strict();
export type LookupCreate = z.infer<typeof LookupCreate>;

export const LookupPatch = z.object({ labels: LookupLabels.optional(), active: z.boolean().optional() }).strict();
export type LookupPatch = z.infer<typeof LookupPatch>;

export const Lookup = z.object({
  id: z.uuid(), list: z.enum(EXTENSIBLE_LIST_NAMES), code: z.string(),
  labels: z.object({ en: z.string(), fr: z.string().nullable(), ar: z.string().nullable() }), active: z.boolean(), updatedAt: z.string(),
});
export type Lookup = z.infer<typeof Lookup>;
export const LookupList = z.object({ items: z.array(Lookup) });

/** "Mine site (artisanal)" -> "x_mine_site_artisanal". */
export function codeFromLabel(en: string): string {
  const slug = en.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 40);
  return `x_${slug || 'value'}`;
}
