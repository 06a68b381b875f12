/**
 * The parties registry's contract: parties to conflict as entities (names and aliases in several languages,
 * category, countries, hierarchy, relations, crosswalk ids), a shared reference layer seeded from UCDP/PRIO
 * and SVAC that every organisation reads, and each organisation's own parties. No Node imports: the web
 * bundle imports this file.
 *
 * Categories are the incident perpetrator categories (taxonomy.ts), so a perpetrator linked to a party can
 * take its category: state_forces (state armed forces), police (police and other state security),
 * pro_government_militia, non_state_armed_group, un_or_humanitarian_personnel (the SEA track) and unknown
 * (other or unknown).
 */
import { z } from './zod.ts';
import { PERPETRATOR_CATEGORIES } from './taxonomy.ts';
import { countryCode as country, noNul, NUL_MESSAGE } from './values.ts';

export const PARTY_CATEGORIES = PERPETRATOR_CATEGORIES;
export type PartyCategory = (typeof PARTY_CATEGORIES)[number];
/** A party proposed from a form is unconfirmed until a coordinator confirms it (or merges it into another). */
export const PARTY_STATUSES = ['confirmed', 'unconfirmed'] as const;
export type PartyStatus = (typeof PARTY_STATUSES)[number];
/** Reference: the shared layer (seeded, read-only for organisations); own: the reader's organisation's. */
export const PARTY_SCOPES = ['reference', 'own'] as const;
export type PartyScope = (typeof PARTY_SCOPES)[number];
/** canonical: the party's name in that language; short: its short name (FARDC); alias: any other name or spelling. */
export const PARTY_NAME_KINDS = ['canonical', 'short', 'alias'] as const;
export type PartyNameKind = (typeof PARTY_NAME_KINDS)[number];
export const PARTY_ID_SCHEMES = ['ucdp_actor', 'ucdp_conflict', 'acled_actor', 'other'] as const;
export type PartyIdScheme = (typeof PARTY_ID_SCHEMES)[number];
export const PARTY_RELATION_KINDS = ['affiliation', 'faction_of', 'split_from', 'merged_into'] as const;
export type PartyRelationKind = (typeof PARTY_RELATION_KINDS)[number];
/**
 * What a perpetrator may name instead of a party (the incident form's explicit choices): not known at all,
 * or armed men nobody could attribute, which is information of its own.
 */
export const PARTY_SPECIAL_CHOICES = ['unknown', 'unidentified_armed_men'] as const;
export type PartySpecialChoice = (typeof PARTY_SPECIAL_CHOICES)[number];

/** Where a party's data came from, with the attribution shown wherever seeded parties appear. */
export const PARTY_SOURCES = {
  'ucdp-prio-acd-25.1': {
    title: 'UCDP/PRIO Armed Conflict Dataset, version 25.1',
    citation: 'Davies, Pettersson, Sollenberg and Öberg (2025), Journal of Peace Research; Gleditsch, Wallensteen, Eriksson, Sollenberg and Strand (2002), "Armed Conflict 1946-2001: A New Dataset", Journal of Peace Research 39(5). ucdp.uu.se',
  },
  'svac-3.2': {
    title: 'Sexual Violence in Armed Conflict (SVAC) dataset, version 3.2',
    citation: 'Cohen and Nordås (2014), "Sexual violence in armed conflict: Introducing the SVAC dataset, 1989-2009", Journal of Peace Research 51(3). sexualviolencedata.org',
  },
  salama: {
    title: 'Salama',
    citation: 'Names of state forces written by Salama\'s maintainers from public sources; "State forces of X" stands for the side UCDP and SVAC call "Government of X".',
  },
  organisation: { title: 'Your organisation', citation: '' },
} as const;
export type PartySource = keyof typeof PARTY_SOURCES;
export const PARTY_SOURCE_CODES = Object.keys(PARTY_SOURCES) as [PartySource, ...PartySource[]];
/** The sources of the shared reference layer (their attribution goes with every seeded party). */
export const REFERENCE_SOURCES: readonly PartySource[] = ['ucdp-prio-acd-25.1', 'svac-3.2', 'salama'];

const text = (max: number) => z.string().trim().min(1).max(max).refine(noNul, NUL_MESSAGE);
const partyId = z.uuid({ error: 'not_an_id' });
/** A BCP 47 language tag such as en, fr, ar, sw or pt-BR; null when the name's language is not known. */
const language = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'language_tag');
/** A year, a month or a day (armed groups' periods are known to the year more often than to the day). */
export const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const partialDate = z.string().regex(PARTIAL_DATE, 'partial_date');

/** The first and the last day a partial date can mean ("2019" -> 2019-01-01 and 2019-12-31). */
export const periodStart = (d: string): string => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d);
export const periodEnd = (d: string): string => (d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d);
const endNotBeforeStart = (v: { from?: string | null | undefined; to?: string | null | undefined }) => !v.from || !v.to || periodEnd(v.to) >= periodStart(v.from);

const periodFields = { activeFrom: partialDate.nullish(), activeTo: partialDate.nullish() };
const activePeriod = (v: { activeFrom?: string | null | undefined; activeTo?: string | null | undefined }) => endNotBeforeStart({ from: v.activeFrom, to: v.activeTo });
const ACTIVE_TO_BEFORE_START = { message: 'before_start', path: ['activeTo'], params: { otherField: 'activeFrom' } };

export const PartyNameInput = z.object({
  name: text(200),
  language: language.nullish(),
  kind: z.enum(PARTY_NAME_KINDS).default('alias'),
}).strict();
export type PartyNameInput = z.infer<typeof PartyNameInput>;

export const PartyExternalIdInput = z.object({ scheme: z.enum(PARTY_ID_SCHEMES), value: text(200) }).strict();
export type PartyExternalIdInput = z.infer<typeof PartyExternalIdInput>;

/** Proposed from a form by anyone who records: an unconfirmed party of the organisation. */
export const PartyPropose = z.object({
  name: text(200),
  language: language.nullish(),
  shortName: text(60).nullish(),
  category: z.enum(PARTY_CATEGORIES).default('unknown'),
  countries: z.array(country).max(20).default([]),
}).strict();
export type PartyPropose = z.infer<typeof PartyPropose>;

/** Created by a coordinator: a confirmed party of the organisation, with what is known of it. */
export const PartyCreate = z.object({
  name: text(200),
  language: language.nullish(),
  shortName: text(60).nullish(),
  category: z.enum(PARTY_CATEGORIES),
  countries: z.array(country).max(20).default([]),
  parentId: partyId.nullish(),
  ...periodFields,
  note: text(1000).nullish(),
  names: z.array(PartyNameInput).max(50).default([]),
  externalIds: z.array(PartyExternalIdInput).max(50).default([]),
}).strict().refine(activePeriod, ACTIVE_TO_BEFORE_START);
export type PartyCreate = z.infer<typeof PartyCreate>;

/** A change to one of the organisation's own parties (reference parties are read-only). */
export const PartyPatch = z.object({
  name: text(200).optional(),
  language: language.nullish(),
  shortName: text(60).nullish(),
  category: z.enum(PARTY_CATEGORIES).optional(),
  countries: z.array(country).max(20).optional(),
  parentId: partyId.nullish(),
  ...periodFields,
  note: text(1000).nullish(),
}).strict().refine(activePeriod, ACTIVE_TO_BEFORE_START);
export type PartyPatch = z.infer<typeof PartyPatch>;

export const PartyRelationInput = z.object({
  kind: z.enum(PARTY_RELATION_KINDS),
  otherPartyId: partyId,
  validFrom: partialDate.nullish(),
  validTo: partialDate.nullish(),
}).strict().refine((v) => endNotBeforeStart({ from: v.validFrom, to: v.validTo }), { message: 'before_start', path: ['validTo'], params: { otherField: 'validFrom' } });
export type PartyRelationInput = z.infer<typeof PartyRelationInput>;

export const PartyMergeBody = z.object({ intoId: partyId }).strict();
export type PartyMergeBody = z.infer<typeof PartyMergeBody>;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.enum(values)).max(values.length)).optional();
const searchText = z.string().trim().max(100).refine(noNul, NUL_MESSAGE);

export const PartyListQuery = z.object({
  /** Words that must all start words of one of a party's names, in any order, accents and case aside. */
  q: searchText.optional(),
  category: csv(PARTY_CATEGORIES),
  country: country.optional(),
  scope: z.enum(PARTY_SCOPES).optional(),
  /** Only parties proposed and not yet confirmed. */
  unconfirmed: z.enum(['true', 'false'], { error: 'yes_or_no' }).transform((v) => v === 'true').optional(),
  /** Also list the organisation's parties merged into others (to read them or undo the merge). */
  merged: z.enum(['true', 'false'], { error: 'yes_or_no' }).transform((v) => v === 'true').optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type PartyListQuery = z.infer<typeof PartyListQuery>;

export const PartySuggestQuery = z.object({
  q: searchText.pipe(z.string().min(1)),
  limit: z.coerce.number().int().min(1).max(50).default(10),
}).strict();
export type PartySuggestQuery = z.infer<typeof PartySuggestQuery>;

// ---- answers

/** Another party as a relation or a merge names it: its name in the reader's language. */
export const PartyRef = z.object({ id: z.uuid(), name: z.string(), scope: z.enum(PARTY_SCOPES), category: z.enum(PARTY_CATEGORIES) });
export type PartyRef = z.infer<typeof PartyRef>;

export const PartySummary = z.object({
  id: z.uuid(),
  /** In the reader's language when the party has a name in it, else its canonical name. */
  name: z.string(),
  shortName: z.string().nullable(),
  category: z.enum(PARTY_CATEGORIES),
  countries: z.array(z.string()),
  scope: z.enum(PARTY_SCOPES),
  status: z.enum(PARTY_STATUSES),
  mergedInto: z.uuid().nullable(),
  /** Where its data came from (PARTY_SOURCES): shown with the attribution. */
  source: z.enum(PARTY_SOURCE_CODES),
});
export type PartySummary = z.infer<typeof PartySummary>;

export const PartyMatch = z.object({ name: z.string(), language: z.string().nullable(), kind: z.enum(PARTY_NAME_KINDS) });
export const PartySuggestion = PartySummary.extend({ match: PartyMatch });
export type PartySuggestion = z.infer<typeof PartySuggestion>;
export const PartySuggestions = z.object({ items: z.array(PartySuggestion) });
export type PartySuggestions = z.infer<typeof PartySuggestions>;

export const PartyList = z.object({ items: z.array(PartySummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type PartyList = z.infer<typeof PartyList>;

export const PartyName = z.object({ id: z.uuid(), name: z.string(), language: z.string().nullable(), kind: z.enum(PARTY_NAME_KINDS), source: z.enum(PARTY_SOURCE_CODES), scope: z.enum(PARTY_SCOPES) });
export type PartyName = z.infer<typeof PartyName>;
export const PartyExternalId = z.object({ id: z.uuid(), scheme: z.enum(PARTY_ID_SCHEMES), value: z.string(), source: z.enum(PARTY_SOURCE_CODES), scope: z.enum(PARTY_SCOPES) });
export type PartyExternalId = z.infer<typeof PartyExternalId>;
/** A relation seen from the party: `outgoing` when the party is its subject ("this party split from X"). */
export const PartyRelation = z.object({
  id: z.uuid(), kind: z.enum(PARTY_RELATION_KINDS), outgoing: z.boolean(), other: PartyRef,
  validFrom: z.string().nullable(), validTo: z.string().nullable(), scope: z.enum(PARTY_SCOPES),
});
export type PartyRelation = z.infer<typeof PartyRelation>;

export const PartyMerge = z.object({
  id: z.uuid(), from: PartyRef, into: PartyRef, mergedAt: z.string(), undoneAt: z.string().nullable(),
  /** What moved from the merged party to the other, by kind (names, ids, relations, child parties, ...). */
  moved: z.record(z.string(), z.number().int()),
});
export type PartyMerge = z.infer<typeof PartyMerge>;

export const PartyAttribution = z.object({ source: z.enum(PARTY_SOURCE_CODES), title: z.string(), citation: z.string() });

export const PartyDetail = PartySummary.extend({
  /** The canonical name (whatever the reader's language). */
  canonicalName: z.string(),
  note: z.string().nullable(),
  /** "Government of X" as UCDP and SVAC call the side this state forces party stands for, when they do. */
  governmentAlias: z.string().nullable(),
  parent: PartyRef.nullable(),
  children: z.array(PartyRef),
  activeFrom: z.string().nullable(),
  activeTo: z.string().nullable(),
  names: z.array(PartyName),
  externalIds: z.array(PartyExternalId),
  relations: z.array(PartyRelation),
  attribution: z.array(PartyAttribution),
  /** Merges this party took part in (the organisation's), newest first, undone ones included. */
  merges: z.array(PartyMerge),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PartyDetail = z.infer<typeof PartyDetail>;

const count = z.number().int();
export const PartySeedReport = z.object({
  parties: z.object({ added: count, updated: count, unchanged: count }),
  names: z.object({ added: count }),
  externalIds: z.object({ added: count }),
  /** What the files hold that could not become reference data, by reason (see src/parties/reference/README.md). */
  skipped: z.object({ idsWithoutName: count, svacRowsWithoutId: count, svacRowsContradicted: count, secondarySidesUnmatched: count }),
});
export type PartySeedReport = z.infer<typeof PartySeedReport>;
