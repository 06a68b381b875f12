/**
 * Records put to a partner reviewer: the request (by the record's coordinator or recorder), the reviewer's
 * list, and the record as the reviewer reads it. No Node imports: the web bundle imports this file.
 */
import { z } from './zod.ts';
import { IncidentDetail } from './incident.ts';
import { VERIFICATION_STATUSES } from './taxonomy.ts';

export const ReviewRequest = z.object({
  /** One of the organisation's designated reviewers (GET /api/organisation/rules). */
  reviewerId: z.uuid({ error: 'must be one of your organisation\'s designated reviewers' }),
  /** Show the narrative to the reviewer (never locality, coordinates or individual victims). */
  shareNarrative: z.boolean().default(false),
  /** What you ask the reviewer; no names. */
  note: z.string().trim().max(1000, 'must be at most 1000 characters').refine((s) => !s.includes('\u0000'), 'must not contain NUL characters').nullish(),
}).strict();
export type ReviewRequest = z.infer<typeof ReviewRequest>;

const RequestedFrom = z.object({ code: z.string(), name: z.string() });

export const ReviewItem = z.object({
  id: z.uuid(),
  organisation: RequestedFrom,
  reference: z.string(),
  occurredFrom: z.string(),
  occurredTo: z.string().nullable(),
  country: z.string(),
  status: z.enum(VERIFICATION_STATUSES),
  requestedAt: z.string(),
  shareNarrative: z.boolean(),
});
export type ReviewItem = z.infer<typeof ReviewItem>;
export const ReviewList = z.object({ items: z.array(ReviewItem) });
export type ReviewList = z.infer<typeof ReviewList>;

/** One record as its reviewer reads it: restricted fields, and the narrative only when it was shared. */
export const ReviewRecord = z.object({
  review: z.object({ id: z.uuid(), organisation: RequestedFrom, requestedAt: z.string(), note: z.string().nullable(), shareNarrative: z.boolean() }),
  incident: IncidentDetail,
});
export type ReviewRecord = z.infer<typeof ReviewRecord>;
