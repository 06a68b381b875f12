/** Drafts of incidents: the unfinished form as the browser holds it, saved as the user goes. */
import { z } from './zod.ts';

export const DRAFT_MAX_BYTES = 256 * 1024;
export const DRAFTS_PER_USER = 20;
/** Drafts not touched for this long are deleted (they hold survivors' accounts; nothing should linger). */
export const DRAFT_RETENTION_DAYS = 30;

export const DraftSave = z.object({
  step: z.number().int().min(0).max(20),
  /** The form state; not validated as an incident (a draft is incomplete by nature), only bounded. */
  data: z.record(z.string(), z.unknown())
    .refine((d) => new TextEncoder().encode(JSON.stringify(d)).length <= DRAFT_MAX_BYTES, { error: 'draft_too_large', params: { max: DRAFT_MAX_BYTES / 1024 } }),
}).strict();
export type DraftSave = z.infer<typeof DraftSave>;

export const DraftSummary = z.object({ id: z.uuid(), step: z.number().int(), createdAt: z.string(), updatedAt: z.string() });
export type DraftSummary = z.infer<typeof DraftSummary>;
export const DraftList = z.object({ items: z.array(DraftSummary) });
export type DraftList = z.infer<typeof DraftList>;
export const Draft = DraftSummary.extend({ data: z.record(z.string(), z.unknown()) });
export type Draft = z.infer<typeof Draft>;
