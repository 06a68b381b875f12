// Why: the shared wording and plumbing of duplicate review (detail page, decisions, linked notice): score
// bands in plain language, signed points, translated evidence fields, the lazy look-up of another record's
// reference, the one list of cached queries a decision changes, the candidates query (shared by the section
// and the notice shown right after a record is made), and the "just created" navigation state.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { IncidentDetail } from '../../src/shared/incident.ts';
import type { DuplicateCandidate, DuplicateDecision } from '../../src/shared/duplicates.ts';
import { api, ApiRequestError } from './api.ts';
import type { Language } from './i18n/index.ts';

export type Candidate = z.infer<typeof DuplicateCandidate>;
export type Evidence = Candidate['fields'][number];

/** Score bands: how the reviewer reads the number. */
export type Level = 'veryLikely' | 'likely' | 'possible';
export const scoreLevel = (score: number): Level => (score >= 0.9 ? 'veryLikely' : score >= 0.7 ? 'likely' : 'possible');

const numberLocale = (lang: Language) => (lang === 'ar' ? 'ar-u-nu-latn' : lang);

/** The score as a number between 0 and 1 (three decimals at most, as the server rounds it). */
export const formatScore = (score: number, lang: Language): string =>
  new Intl.NumberFormat(numberLocale(lang), { minimumFractionDigits: 2, maximumFractionDigits: 3 }).format(score);

/** "+2.5", "−1.5" (a true minus sign), "0". */
export const formatPoints = (points: number, lang: Language): string =>
  new Intl.NumberFormat(numberLocale(lang), { signDisplay: 'exceptZero', maximumFractionDigits: 2 }).format(points).replace('-', '\u2212');

/** Which way a field's evidence weighs. */
export type Weighs = 'for' | 'against' | 'neutral';
export const weighs = (points: number): Weighs => (points > 0 ? 'for' : points < 0 ? 'against' : 'neutral');

const FIELDS = {
  date: 'duplicates.fields.date',
  place: 'duplicates.fields.place',
  forms: 'duplicates.fields.forms',
  victims: 'duplicates.fields.victims',
  perpetrator: 'duplicates.fields.perpetrator',
  setting: 'duplicates.fields.setting',
  timeOfDay: 'duplicates.fields.timeOfDay',
  narrative: 'duplicates.fields.narrative',
  coordinates: 'duplicates.fields.coordinates',
} as const;
const isKnownField = (f: string): f is keyof typeof FIELDS => Object.hasOwn(FIELDS, f);
/** The compared field in the reader's language (a field this version does not know stays as sent). */
export const evidenceField = (t: TFunction, f: string): string => (isKnownField(f) ? t(FIELDS[f]) : f);

/** What the section says once a decision is saved or undone; worded when shown, so it follows the language. */
export type Announcement = { kind: 'same' | 'distinct'; reference: string } | { kind: 'undone' };
export function announcementText(t: TFunction, a: Announcement): string {
  if (a.kind === 'undone') return t('duplicates.decisions.undoneDone');
  return a.kind === 'same' ? t('duplicates.linkedDone', { reference: a.reference }) : t('duplicates.distinctDone', { reference: a.reference });
}

/** The record a decision pairs with `selfId`: the other one of the two. */
export const otherOf = (d: DuplicateDecision, selfId: string): string => (d.incidentId === selfId ? d.otherId : d.incidentId);

/**
 * Another record's reference, fetched only when shown (the detail read is audited like any other).
 * `hidden` when the server says the caller may not see it (or it is gone).
 */
export function useReference(id: string | null) {
  const q = useQuery({ queryKey: ['incident', id], queryFn: () => api.getIncident(id!), enabled: id !== null });
  const hidden = q.error instanceof ApiRequestError && (q.error.status === 404 || q.error.status === 403);
  return { reference: q.data?.reference ?? null, hidden, pending: q.isPending && id !== null, error: q.isError && !hidden };
}

/** After a decision or an undo: both records, their candidates and decisions, and the lists may have changed. */
export function refreshAfterDecision(qc: QueryClient, ids: readonly string[]): Promise<unknown> {
  const keys = ids.flatMap((id) => [['incident', id], ['duplicates', id], ['duplicate-decisions', id]]);
  return Promise.all([
    ...keys.map((queryKey) => qc.invalidateQueries({ queryKey })),
    qc.invalidateQueries({ queryKey: ['incidents'] }),
    // The organisation-wide review list leaves out decided pairs (and shows undone ones again).
    qc.invalidateQueries({ queryKey: ['duplicate-pairs'] }),
  ]);
}

/**
 * The likely duplicates of `d` (among the records the caller may see), asked for only when `enabled`: the
 * read is audited. One cache entry for the section and the on-entry notice, so a decision updates both.
 */
export function useDuplicateCandidates(d: IncidentDetail, enabled: boolean) {
  return useQuery({
    queryKey: ['duplicates', d.id], queryFn: () => api.duplicates(d.id), enabled,
    // The record this one is already linked to (and counted under) is the same incident: not a candidate.
    select: (data) => data.items.filter((c) => c.incident.id !== d.linkedTo),
  });
}

/** Navigation state the form leaves after creating a record (never on an edit; SavedNotice.tsx: savedState), so the URL stays the record's. */
export const isJustCreated = (state: unknown): boolean =>
  typeof state === 'object' && state !== null && (state as { justCreated?: unknown }).justCreated === true;
