/**
 * Party names written in records that no registry party or decision links yet, and a coordinator's decision
 * on one: the party it names (learnt as the organisation's alias), or an explicit choice. No Node imports.
 */
import { z } from './zod.ts';
import { PARTY_SPECIAL_CHOICES, PartyRef } from './parties.ts';
import { freeText } from './values.ts';

export const PartyCandidate = z.object({
  party: PartyRef,
  /** The registry name that came closest. */
  name: z.string(),
  /** 0 to 1 (parties/similarity.ts): a proposal for the coordinator, never a link on its own. */
  score: z.number(),
});
export type PartyCandidate = z.infer<typeof PartyCandidate>;

export const PartyText = z.object({
  /** The most frequent spelling; `spellings` lists every one that folds to the same name. */
  text: z.string(),
  spellings: z.array(z.string()),
  /** Records naming it now (not deleted). */
  records: z.number().int(),
  /** Kept versions naming it (earlier states of records, and records that name it no more). */
  versions: z.number().int(),
  candidates: z.array(PartyCandidate),
});
export type PartyText = z.infer<typeof PartyText>;

export const PartyTextList = z.object({ items: z.array(PartyText), decided: z.number().int() });
export type PartyTextList = z.infer<typeof PartyTextList>;

export const PartyTextResolve = z.object({
  text: freeText(200).min(1),
  partyId: z.uuid({ error: 'party_unknown' }).nullish(),
  choice: z.enum(PARTY_SPECIAL_CHOICES).nullish(),
}).strict().refine((b) => Boolean(b.partyId) !== Boolean(b.choice), { path: ['partyId'], message: 'party_or_choice' });
export type PartyTextResolve = z.infer<typeof PartyTextResolve>;

export const PartyTextResolved = z.object({ records: z.number().int(), aliasLearnt: z.boolean() });
export type PartyTextResolved = z.infer<typeof PartyTextResolved>;
