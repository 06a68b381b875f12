/**
 * The duplicate review contract: likely duplicates of a record, reviewers' decisions, batch scans and their
 * pairs. Shared by the API and the web app. Do not import server code here.
 */
import { z } from './zod.ts';
import { IncidentSummary } from './incident.ts';

/** What the comparison of one field found (the web app words it with the values' labels, in the reader's language). */
export const EVIDENCE_CODES = [
  'dates_overlap', 'days_apart', 'different_countries', 'admin1_unknown', 'different_admin1', 'same_admin1', 'same_admin2', 'different_admin2',
  'same_forms', 'similar_forms', 'different_forms', 'same_victims', 'similar_victims', 'different_victims', 'same_party', 'fuller_party', 'similar_party', 'different_party',
  'same_setting', 'different_setting', 'same_time', 'different_time', 'narratives_alike', 'narratives_partly', 'narratives_differ',
  'coordinates_within', 'coordinates_between', 'coordinates_beyond',
] as const;
export type EvidenceCode = (typeof EVIDENCE_CODES)[number];
/**
 * The values compared: `a` and `b` (codes of the taxonomy, area codes, forms joined by "+", a tally as
 * women/girls/men/boys/unknown, a party as recorded), `count` (days apart) or `km` and `to` (how far apart two
 * places were recorded, in bands: never where).
 */
export type EvidenceParams = Record<string, string | number>;

/**
 * Why two records may be one incident, field by field: points for (positive) or against, the finding as a code
 * with the values compared, and a note in English (for logs and tools). Pairs scanned before codes existed have
 * only the note.
 */
export const Evidence = z.array(z.object({
  field: z.string(), points: z.number(), code: z.enum(EVIDENCE_CODES).optional(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional(), note: z.string(),
}));

/** A likely duplicate of a record, with the evidence field by field (points for or against). */
export const DuplicateCandidate = z.object({
  incident: IncidentSummary,
  score: z.number(),
  fields: Evidence,
});
export const DuplicateCandidates = z.object({ items: z.array(DuplicateCandidate) });
export type DuplicateCandidates = z.infer<typeof DuplicateCandidates>;

export const DuplicateDecisionBody = z.object({
  otherId: z.uuid(),
  /** same: link the other record to this one (this one is counted); distinct: never propose the pair again. */
  decision: z.enum(['same', 'distinct']),
}).strict();
export type DuplicateDecisionBody = z.infer<typeof DuplicateDecisionBody>;

export const DuplicateDecision = z.object({
  id: z.uuid(), incidentId: z.uuid(), otherId: z.uuid(), decision: z.enum(['same', 'distinct']), score: z.number().nullable(),
  decidedBy: z.uuid(), decidedAt: z.string(), undoneAt: z.string().nullable(),
});
export type DuplicateDecision = z.infer<typeof DuplicateDecision>;
export const DuplicateDecisions = z.object({ items: z.array(DuplicateDecision) });

/** A batch scan of an organisation's records for likely duplicates (a background job). */
export const DuplicateScan = z.object({
  id: z.uuid(), state: z.enum(['queued', 'running', 'done', 'failed']), records: z.number().int().nullable(), pairs: z.number().int().nullable(),
  error: z.string().nullable(), startedAt: z.string(), finishedAt: z.string().nullable(),
});
export type DuplicateScan = z.infer<typeof DuplicateScan>;

/** A pair from the last scan, still undecided, with both records and the evidence. */
export const DuplicatePair = z.object({
  a: IncidentSummary, b: IncidentSummary, score: z.number(),
  fields: Evidence,
});
export const DuplicatePairs = z.object({
  scan: DuplicateScan.nullable(), items: z.array(DuplicatePair),
  /** Pairs still to review. */
  total: z.number().int(),
  /**
   * Pairs the scan found that are no longer to review: decided since (linked or marked different), or one
   * record deleted or linked to another. The scan's count is what it found; `total` is what is left.
   */
  settled: z.number().int(),
  page: z.number().int(), pageSize: z.number().int(),
});
export type DuplicatePairs = z.infer<typeof DuplicatePairs>;
export const DuplicatePairsQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
}).strict();
