/**
 * What changed between two versions of a record, field by field, as plain functions. Restricted fields give
 * old -> new; identifying ones give their values only to a reader allowed to see them (whose snapshots were
 * opened), and otherwise only the fact that a sealed field changed, read from the version's `sealed_changes`
 * (names written when the version was saved), never by decrypting anything for that reader.
 */
import type { FieldChange } from '../shared/incident.ts';
import { canonicalJson } from '../shared/canonical.ts';

/** A version's snapshot, loosely: the shape of a record (identifying parts empty when not opened). */
export interface SnapshotLike {
  place: Record<string, unknown>;
  verification: Record<string, unknown>;
  context: Record<string, unknown>;
  narrative: string;
  survivors: readonly unknown[];
  [field: string]: unknown;
}

/** Restricted fields compared one by one (dotted paths into the snapshot), in the order the record reads. */
export const RESTRICTED_FIELDS = [
  'occurredFrom', 'occurredTo', 'dateEstimated',
  'place.country', 'place.admin1', 'place.admin2', 'place.displayLevel',
  'context.setting', 'context.timeOfDay', 'context.displacementStage', 'context.abduction', 'context.detention',
  'victims', 'victimCountUnknown', 'violations', 'perpetrators', 'sources', 'referrals', 'consent',
  'verification.status', 'verification.notVerifiedReason', 'verification.standard', 'verification.reliedOnSources',
  'verification.note', 'verification.selfDecisionJustification', 'assignedTo',
] as const;

/** Identifying fields (sealed): values only for readers who may see them. */
export const SEALED_FIELDS = ['narrative', 'place.locality', 'place.coordinates', 'survivors'] as const;
export type SealedFieldPath = (typeof SEALED_FIELDS)[number];

function at(s: SnapshotLike, path: string): unknown {
  let v: unknown = s;
  for (const part of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

/** Absent, null, '' and [] are all "nothing recorded"; objects compare by content. */
function normal(v: unknown): unknown {
  if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) return null;
  return v;
}
const key = (v: unknown) => canonicalJson(normal(v));
export const sameValue = (a: unknown, b: unknown): boolean => key(a) === key(b);

/** Which identifying fields differ between two opened snapshots (written with each version, names only). */
export function sealedChanges(before: SnapshotLike, after: SnapshotLike): SealedFieldPath[] {
  return SEALED_FIELDS.filter((f) => !sameValue(at(before, f), at(after, f)));
}

export interface DiffOptions {
  /** Snapshots were opened for this reader (they may see identifying fields). */
  identifying: boolean;
  /** The later version's `sealed_changes`, or null for versions saved before they were kept. */
  sealed: readonly string[] | null;
  /** The later version's changed top-level fields (for versions without `sealed_changes`). */
  changedFields: readonly string[];
}

export function diffVersions(before: SnapshotLike, after: SnapshotLike, o: DiffOptions): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const f of RESTRICTED_FIELDS) {
    const from = at(before, f);
    const to = at(after, f);
    if (!sameValue(from, to)) changes.push({ kind: 'value', field: f, from: normal(from), to: normal(to) });
  }
  if (o.identifying) {
    for (const f of SEALED_FIELDS) {
      const from = at(before, f);
      const to = at(after, f);
      if (!sameValue(from, to)) changes.push({ kind: 'value', field: f, from: normal(from), to: normal(to) });
    }
    return changes;
  }
  for (const f of sealedFieldsOf(o, changes)) changes.push({ kind: 'sealed', field: f });
  return changes;
}

/** The sealed fields a version changed, from its own record of them or (older versions) its changed fields. */
function sealedFieldsOf(o: DiffOptions, restricted: readonly FieldChange[]): string[] {
  if (o.sealed) return SEALED_FIELDS.filter((f) => o.sealed!.includes(f));
  const out: string[] = [];
  if (o.changedFields.includes('narrative')) out.push('narrative');
  // The place changed but none of its restricted parts did: its sealed part (locality or coordinates) did.
  if (o.changedFields.includes('place') && !restricted.some((c) => c.field.startsWith('place.'))) out.push('place.locality');
  if (o.changedFields.includes('survivors')) out.push('survivors');
  if (o.changedFields.includes('erased')) out.push(...SEALED_FIELDS.filter((f) => !out.includes(f)));
  return out;
}
