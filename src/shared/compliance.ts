/**
 * A party's compliance record, the contract: its listing status in the Secretary-General's annual reports,
 * year by year, as the reports cite it (the app records it and never decides it); a plain-language
 * assessment written by a coordinator, kept as versions; and the incidents attributed to the party by quarter
 * and form, to read against the dates of its commitments. No Node imports: the web bundle imports this file.
 */
import { z } from './zod.ts';
import { SV_FORMS } from './taxonomy.ts';
import { requiredText } from './commitments.ts';
import { freeText } from './values.ts';

/**
 * As the annual report on conflict-related sexual violence states it: listed (first listed that year),
 * continued (listed again), delisted (taken off the list), not listed.
 */
export const LISTING_STATUSES = ['listed', 'continued', 'delisted', 'not_listed'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export const ListingInput = z.object({
  /** The year of the report (the 2024 report covers 2023). */
  reportYear: z.coerce.number().int().min(2000).max(2100),
  listing: z.enum(LISTING_STATUSES),
  /** The report's document symbol, such as S/2024/292. */
  reportSymbol: requiredText(60),
  /** Where in the report: a paragraph or an annex ("para. 37", "annex"). */
  paragraph: freeText(200).nullish(),
  note: freeText(1000).nullish(),
}).strict();
export type ListingInput = z.infer<typeof ListingInput>;

export const ListingPatch = z.object({
  reportYear: z.coerce.number().int().min(2000).max(2100).optional(),
  listing: z.enum(LISTING_STATUSES).optional(),
  reportSymbol: requiredText(60).optional(),
  paragraph: freeText(200).nullish(),
  note: freeText(1000).nullish(),
}).strict();
export type ListingPatch = z.infer<typeof ListingPatch>;

export const ListingEntry = z.object({
  id: z.uuid(),
  partyId: z.uuid(),
  reportYear: z.number().int(),
  listing: z.enum(LISTING_STATUSES),
  reportSymbol: z.string(),
  paragraph: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.uuid(),
  updatedAt: z.string(),
});
export type ListingEntry = z.infer<typeof ListingEntry>;
/** Oldest report first. */
export const ListingHistory = z.object({ items: z.array(ListingEntry) });
export type ListingHistory = z.infer<typeof ListingHistory>;

export const AssessmentInput = z.object({
  text: requiredText(20000),
  /** The version the writer started from (null for the first): a save over a newer version is refused. */
  previousId: z.uuid({ error: 'not_an_id' }).nullable(),
}).strict();
export type AssessmentInput = z.infer<typeof AssessmentInput>;

export const AssessmentVersion = z.object({ id: z.uuid(), version: z.number().int(), text: z.string(), writtenBy: z.uuid(), writtenAt: z.string() });
export type AssessmentVersion = z.infer<typeof AssessmentVersion>;
/** The current version first (null when none was written), then every version, newest first. */
export const Assessment = z.object({ current: AssessmentVersion.nullable(), versions: z.array(AssessmentVersion) });
export type Assessment = z.infer<typeof Assessment>;

export const IncidentCountsQuery = z.object({
  /** Only incidents verified (the "verified" switch); otherwise every alleged incident. */
  verified: z.enum(['true', 'false'], { error: 'yes_or_no' }).transform((v) => v === 'true').default(false),
  /** The party's units too (brigades under an army, factions under a movement), each incident once. */
  units: z.enum(['true', 'false'], { error: 'yes_or_no' }).transform((v) => v === 'true').default(false),
}).strict();
export type IncidentCountsQuery = z.infer<typeof IncidentCountsQuery>;

const count = z.number().int();
export const QuarterCount = z.object({
  /** "2024-Q1". */
  quarter: z.string(),
  /**
   * Incidents of conflict-related sexual violence, each once whatever its forms. Sexual exploitation and
   * abuse by UN or humanitarian personnel is a separate track: counted under its form only, never here.
   */
  incidents: count,
  /** Incidents with a violation of each form (an incident of two forms counts under both); forms with none left out. */
  byForm: z.partialRecord(z.enum(SV_FORMS), count),
});
export type QuarterCount = z.infer<typeof QuarterCount>;

export const IncidentCounts = z.object({
  verifiedOnly: z.boolean(),
  units: z.boolean(),
  /** organisation: every record of the organisation; own_records: only those the reader may read (their own, assigned). */
  scope: z.enum(['organisation', 'own_records']),
  /** Every quarter from the first with an incident to the last, empty ones included. */
  quarters: z.array(QuarterCount),
  total: count,
});
export type IncidentCounts = z.infer<typeof IncidentCounts>;

/** "2024-Q1" of a day. */
export const quarterOf = (day: string): string => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
