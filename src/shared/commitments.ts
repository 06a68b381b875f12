/**
 * Commitments and compliance, the contract: a commitment a party made (a joint communiqué with the United
 * Nations, a unilateral declaration, an action plan, a command order), the parties it binds, its signatories,
 * a reference to its text (a sealed uploaded file or a link), and its measures with their deadlines, status
 * and dated evidence. No Node imports: the web bundle imports this file.
 *
 * A measure's status (`progress`) is what a coordinator recorded (not started, in progress, done, not done);
 * "overdue" is never stored: it is read from the deadline and the day (`isOverdue`), so a measure turns overdue by
 * itself when its deadline passes.
 */
import { z } from './zod.ts';
import { PartyRef } from './parties.ts';
import { freeText, isoDate, noNul, NUL_MESSAGE } from './values.ts';

export const COMMITMENT_KINDS = ['joint_communique', 'unilateral_communique', 'action_plan', 'command_order'] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];
/**
 * command_orders: orders prohibiting sexual violence through the chain of command; investigation: timely
 * investigation and prosecution of alleged perpetrators; release: identification and release of women and
 * children from the ranks; focal_point: a high-level focal point or interlocutor for implementation;
 * un_access: access for the United Nations to monitor compliance.
 */
export const MEASURE_KINDS = ['command_orders', 'code_of_conduct', 'investigation', 'release', 'focal_point', 'un_access', 'training', 'other'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export const MEASURE_STATUSES = ['not_started', 'in_progress', 'done', 'not_done'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
/** A status that is still open: with a deadline passed, the measure is overdue. */
export const OPEN_MEASURE_STATUSES: readonly MeasureStatus[] = ['not_started', 'in_progress'];

/** Today as a calendar day (UTC), the day overdue measures are read against. */
export const today = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

/** Derived, never stored: the deadline has passed and the measure is neither done nor recorded as not done. */
export function isOverdue(m: { deadline: string | null; progress: MeasureStatus }, day: string): boolean {
  return m.deadline !== null && m.deadline < day && OPEN_MEASURE_STATUSES.includes(m.progress);
}

export const requiredText = (max: number) => freeText(max).pipe(z.string().min(1));
const id = z.uuid({ error: 'not_an_id' });
/** A link to the text: http or https only (never javascript: or a file on someone's disk). */
export const webLink = z.string().trim().max(2000).refine(noNul, NUL_MESSAGE)
  .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.domain, error: 'web_link' }));

export const MeasureInput = z.object({
  kind: z.enum(MEASURE_KINDS),
  description: requiredText(2000),
  deadline: isoDate.nullish(),
  responsibleBody: freeText(300).nullish(),
  progress: z.enum(MEASURE_STATUSES).default('not_started'),
}).strict();
export type MeasureInput = z.infer<typeof MeasureInput>;

export const MeasurePatch = z.object({
  kind: z.enum(MEASURE_KINDS).optional(),
  description: requiredText(2000).optional(),
  deadline: isoDate.nullish(),
  responsibleBody: freeText(300).nullish(),
  progress: z.enum(MEASURE_STATUSES).optional(),
}).strict();
export type MeasurePatch = z.infer<typeof MeasurePatch>;

const distinct = (ids: readonly string[]) => new Set(ids).size === ids.length;
const partyIds = z.array(id).min(1).max(20).refine(distinct, 'listed_twice');

export const CommitmentCreate = z.object({
  kind: z.enum(COMMITMENT_KINDS),
  /** A short name people recognise ("Joint communiqué of the Government of X and the United Nations"). */
  title: requiredText(300),
  signedOn: isoDate,
  partyIds,
  /** Names of the office holders who signed (restricted). */
  signatories: freeText(2000).nullish(),
  referenceUrl: webLink.nullish(),
  /** A file uploaded first (POST /api/commitments/files): the text, sealed. */
  fileId: id.nullish(),
  measures: z.array(MeasureInput).max(50).default([]),
}).strict();
export type CommitmentCreate = z.infer<typeof CommitmentCreate>;

export const CommitmentPatch = z.object({
  kind: z.enum(COMMITMENT_KINDS).optional(),
  title: requiredText(300).optional(),
  signedOn: isoDate.optional(),
  partyIds: partyIds.optional(),
  signatories: freeText(2000).nullish(),
  referenceUrl: webLink.nullish(),
  fileId: id.nullish(),
}).strict();
export type CommitmentPatch = z.infer<typeof CommitmentPatch>;

export const CommitmentDelete = z.object({ reason: requiredText(1000) }).strict();
export type CommitmentDelete = z.infer<typeof CommitmentDelete>;

export const EvidenceInput = z.object({
  /** When what it shows happened (an order issued, a focal point appointed, a training held). */
  date: isoDate,
  text: requiredText(5000),
  fileId: id.nullish(),
  /** The measure's progress from now on, recorded with this evidence ("done" with the order that did it). */
  progress: z.enum(MEASURE_STATUSES).optional(),
}).strict();
export type EvidenceInput = z.infer<typeof EvidenceInput>;

export const EvidenceWithdraw = z.object({ reason: requiredText(1000) }).strict();
export type EvidenceWithdraw = z.infer<typeof EvidenceWithdraw>;

export const CommitmentListQuery = z.object({
  partyId: id.optional(),
  kind: z.enum(COMMITMENT_KINDS).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type CommitmentListQuery = z.infer<typeof CommitmentListQuery>;

export const FileUploadQuery = z.object({ name: requiredText(200) }).strict();
export type FileUploadQuery = z.infer<typeof FileUploadQuery>;

// ---- answers

export const CommitmentFile = z.object({ id: z.uuid(), name: z.string(), size: z.number().int(), contentType: z.string(), uploadedAt: z.string() });
export type CommitmentFile = z.infer<typeof CommitmentFile>;

export const MeasureEvidence = z.object({
  id: z.uuid(),
  date: z.string(),
  text: z.string(),
  file: CommitmentFile.nullable(),
  recordedBy: z.uuid(),
  recordedAt: z.string(),
  /** The progress the measure was given with this evidence, if any. */
  progress: z.enum(MEASURE_STATUSES).nullable(),
  withdrawal: z.object({ by: z.uuid(), at: z.string(), reason: z.string() }).nullable(),
});
export type MeasureEvidence = z.infer<typeof MeasureEvidence>;

export const Measure = z.object({
  id: z.uuid(),
  commitmentId: z.uuid(),
  position: z.number().int(),
  kind: z.enum(MEASURE_KINDS),
  description: z.string(),
  deadline: z.string().nullable(),
  responsibleBody: z.string().nullable(),
  /** As recorded (its status): not started, in progress, done, not done. */
  progress: z.enum(MEASURE_STATUSES),
  /** Derived when read (the deadline passed and the measure is still open): never stored. */
  overdue: z.boolean(),
  evidence: z.array(MeasureEvidence),
  updatedBy: z.uuid(),
  updatedAt: z.string(),
});
export type Measure = z.infer<typeof Measure>;

const count = z.number().int();
/** Measures by recorded progress, and how many of them are overdue (derived). */
export const MeasureCounts = z.object({ not_started: count, in_progress: count, done: count, not_done: count, overdue: count });
export type MeasureCounts = z.infer<typeof MeasureCounts>;

/** A measure as lists and timelines show it: its deadline, status and the dates of its evidence. */
export const MeasureBrief = z.object({
  id: z.uuid(),
  kind: z.enum(MEASURE_KINDS),
  deadline: z.string().nullable(),
  progress: z.enum(MEASURE_STATUSES),
  overdue: z.boolean(),
  /** Dates of the evidence entries not withdrawn, oldest first. */
  evidenceDates: z.array(z.string()),
});
export type MeasureBrief = z.infer<typeof MeasureBrief>;

export const CommitmentSummary = z.object({
  id: z.uuid(),
  kind: z.enum(COMMITMENT_KINDS),
  title: z.string(),
  signedOn: z.string(),
  /** The parties bound, named in the reader's language. */
  parties: z.array(PartyRef),
  hasFile: z.boolean(),
  referenceUrl: z.string().nullable(),
  counts: MeasureCounts,
  measures: z.array(MeasureBrief),
  updatedAt: z.string(),
});
export type CommitmentSummary = z.infer<typeof CommitmentSummary>;

export const CommitmentList = z.object({
  items: z.array(CommitmentSummary), total: count, page: count, pageSize: count,
  /** The day overdue was read against. */
  today: z.string(),
});
export type CommitmentList = z.infer<typeof CommitmentList>;

export const CommitmentDetail = CommitmentSummary.omit({ measures: true }).extend({
  signatories: z.string().nullable(),
  file: CommitmentFile.nullable(),
  measures: z.array(Measure),
  createdBy: z.uuid(),
  createdAt: z.string(),
  today: z.string(),
});
export type CommitmentDetail = z.infer<typeof CommitmentDetail>;
