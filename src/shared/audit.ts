/**
 * The administrators' read-only view of their organisation's audit log: entries newest first, paged by id,
 * filtered by action, acting user and date; and the chain's verification (the computation of
 * `salama audit verify`, run as a job). Entries carry metadata only: details hold field names, counts and
 * outcomes, never values.
 */
import { z } from './zod.ts';

const isoDate = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });

export const AUDIT_PAGE_SIZES = [25, 50, 100, 200] as const;

export const AuditQuery = z.object({
  /** Entries with an id below this one (the next page of older entries). */
  before: z.coerce.number().int().positive().optional(),
  pageSize: z.coerce.number().int().min(1).max(200, 'must be at most 200').default(50),
  /** An action, or the start of one ("user." for every account action). */
  action: z.string().trim().max(100, 'must be at most 100 characters').regex(/^[a-z_.]*$/, 'must be an action name such as user.create or user.').optional(),
  /** The acting user (a member of the organisation). */
  actor: z.uuid({ error: 'must be a user id' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
}).strict().refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after the end date', path: ['from'] });
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorKind: z.string(),
  actorUserId: z.string().nullable(),
  /** The acting member's email when the actor belongs to the organisation. */
  actorEmail: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditPage = z.object({ items: z.array(AuditEntry), nextBefore: z.number().int().nullable() });

export const AuditVerificationState = z.enum(['queued', 'running', 'done', 'failed']);
export const CheckpointStatus = z.enum(['none', 'reached', 'forged', 'cut', 'file_missing']);
export const AuditVerification = z.object({
  id: z.uuid(),
  state: AuditVerificationState,
  /** Whether the chain holds and still reaches its checkpoint; null until done. */
  ok: z.boolean().nullable(),
  entries: z.number().int().nullable(),
  firstBrokenId: z.number().int().nullable(),
  reason: z.string().nullable(),
  checkpoint: CheckpointStatus.nullable(),
  checkpointAt: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;
export const AuditVerificationStatus = z.object({ verification: AuditVerification.nullable() });

/** The last scheduled backup as the server recorded it (platform/db/scheduled-backup.ts), for administrators. */
export const BackupStatusAnswer = z.object({
  /** False when scheduled backups are switched off (SALAMA_BACKUP_SCHEDULE=off) or the job system is not running. */
  scheduled: z.boolean(),
  last: z.object({
    at: z.string(), ok: z.boolean(), file: z.string().nullable(), bytes: z.number().nullable(), kept: z.array(z.string()), error: z.string().nullable(),
  }).nullable(),
});
export type BackupStatusAnswer = z.infer<typeof BackupStatusAnswer>;

/** Families of actions, offered as filters (an action filter matches any action starting with it). */
export const AUDIT_ACTION_FAMILIES = ['auth.', 'user.', 'organisation.', 'audit.', 'incident.', 'import.', 'draft.', 'lookup.', 'places.', 'duplicates.', 'system.'] as const;
