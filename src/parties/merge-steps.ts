/**
 * What a merge re-points, step by step: the extension point for rows other capabilities keep about parties.
 *
 * Merging duplicate A into B runs every registered step in one transaction; each step moves the
 * organisation's rows that name A so they name B and returns them (ids, and anything else it changed, to
 * put back). The merge keeps that list (party_merge_moves, by step kind); undoing the merge hands each step
 * the rows it moved and the step puts them back on A, answering how many it could. If any row is no longer
 * where the merge left it (changed or removed since), the undo is refused whole: it restores exactly the
 * state before the merge, or nothing.
 *
 * The registry's own steps are below (names, ids, relations, child parties). A capability that links its
 * rows to parties (the incidents' perpetrators) registers its step once, from its own module:
 * `registerMergeStep({ kind: 'incident_perpetrator', move, undo })`; the parties capability never imports it.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Tx } from '../platform/db/database.ts';
import { parties, partyExternalIds, partyNames, partyRelations } from './tables.ts';

export interface MergeStepContext { tx: Tx; organisationId: string; fromId: string; intoId: string; mergeId: string }
export interface MovedRow { rowId: string; previous?: Record<string, unknown> | null }

export interface MergeStep {
  /** Stable name, kept on each moved row (party_merge_moves.kind). */
  kind: string;
  /** Re-points the organisation's rows naming `fromId` to `intoId`; returns the rows it moved. */
  move(c: MergeStepContext): Promise<MovedRow[]>;
  /** Puts these rows back on `fromId` where they still name `intoId`; returns how many it put back. */
  undo(c: MergeStepContext, rows: readonly MovedRow[]): Promise<number>;
}

const ids = (rows: readonly MovedRow[]) => rows.map((r) => r.rowId);

/** Names: a canonical or short name of A becomes an alias of B (B keeps its own); undo gives it its kind back. */
const nameStep: MergeStep = {
  kind: 'party_name',
  async move({ tx, organisationId, fromId, intoId }) {
    const rows = await tx.select({ id: partyNames.id, kind: partyNames.kind }).from(partyNames)
      .where(and(eq(partyNames.partyId, fromId), eq(partyNames.organisationId, organisationId)));
    if (rows.length === 0) return [];
    await tx.update(partyNames).set({ partyId: intoId, kind: 'alias' }).where(inArray(partyNames.id, rows.map((r) => r.id)));
    return rows.map((r) => ({ rowId: r.id, previous: { kind: r.kind } }));
  },
  async undo({ tx, fromId, intoId }, rows) {
    let n = 0;
    for (const r of rows) {
      const done = await tx.update(partyNames).set({ partyId: fromId, kind: typeof r.previous?.kind === 'string' ? r.previous.kind : 'alias' })
        .where(and(eq(partyNames.id, r.rowId), eq(partyNames.partyId, intoId))).returning({ id: partyNames.id });
      n += done.length;
    }
    return n;
  },
};

const externalIdStep: MergeStep = {
  kind: 'party_external_id',
  async move({ tx, organisationId, fromId, intoId }) {
    const rows = await tx.update(partyExternalIds).set({ partyId: intoId })
      .where(and(eq(partyExternalIds.partyId, fromId), eq(partyExternalIds.organisationId, organisationId))).returning({ id: partyExternalIds.id });
    return rows.map((r) => ({ rowId: r.id }));
  },
  async undo({ tx, fromId, intoId }, rows) {
    if (rows.length === 0) return 0;
    return (await tx.update(partyExternalIds).set({ partyId: fromId })
      .where(and(inArray(partyExternalIds.id, ids(rows)), eq(partyExternalIds.partyId, intoId))).returning({ id: partyExternalIds.id })).length;
  },
};

/** Relations on either side; one between A and B stays on A (it would otherwise relate B to itself). */
const relationStep = (side: 'from' | 'to'): MergeStep => {
  const column = side === 'from' ? partyRelations.fromPartyId : partyRelations.toPartyId;
  const other = side === 'from' ? partyRelations.toPartyId : partyRelations.fromPartyId;
  return {
    kind: `party_relation_${side}`,
    async move({ tx, organisationId, fromId, intoId }) {
      const rows = await tx.update(partyRelations).set(side === 'from' ? { fromPartyId: intoId } : { toPartyId: intoId })
        .where(and(eq(column, fromId), ne(other, intoId), eq(partyRelations.organisationId, organisationId))).returning({ id: partyRelations.id });
      return rows.map((r) => ({ rowId: r.id }));
    },
    async undo({ tx, fromId, intoId }, rows) {
      if (rows.length === 0) return 0;
      return (await tx.update(partyRelations).set(side === 'from' ? { fromPartyId: fromId } : { toPartyId: fromId })
        .where(and(inArray(partyRelations.id, ids(rows)), eq(column, intoId))).returning({ id: partyRelations.id })).length;
    },
  };
};

/** The organisation's parties under A go under B (B itself, if it was under A, stays there). */
const childStep: MergeStep = {
  kind: 'party_child',
  async move({ tx, organisationId, fromId, intoId }) {
    const rows = await tx.update(parties).set({ parentId: intoId })
      .where(and(eq(parties.parentId, fromId), ne(parties.id, intoId), eq(parties.organisationId, organisationId))).returning({ id: parties.id });
    return rows.map((r) => ({ rowId: r.id }));
  },
  async undo({ tx, fromId, intoId }, rows) {
    if (rows.length === 0) return 0;
    return (await tx.update(parties).set({ parentId: fromId })
      .where(and(inArray(parties.id, ids(rows)), eq(parties.parentId, intoId))).returning({ id: parties.id })).length;
  },
};

const steps: MergeStep[] = [nameStep, externalIdStep, relationStep('from'), relationStep('to'), childStep];

/** Adds a capability's step (once per kind; a second registration of a kind replaces the first). */
export function registerMergeStep(step: MergeStep): void {
  const at = steps.findIndex((s) => s.kind === step.kind);
  if (at >= 0) steps[at] = step;
  else steps.push(step);
}

export const mergeSteps = (): readonly MergeStep[] => steps;
export const mergeStep = (kind: string): MergeStep | undefined => steps.find((s) => s.kind === kind);
