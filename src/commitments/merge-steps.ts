/**
 * When a coordinator merges a duplicate party into another, what this capability keeps about the duplicate
 * moves with it: the commitments binding it, its listing entries, its assessment versions. Undoing the
 * merge puts each moved row back (parties/merge-steps.ts: all of them or nothing).
 */
import { and, eq, inArray } from 'drizzle-orm';
import { registerMergeStep, type MergeStep } from '../parties/merge-steps.ts';
import { commitmentParties, partyAssessments, partyListings } from './tables.ts';

type PartyLinked = typeof commitmentParties | typeof partyListings | typeof partyAssessments;

function partyStep(kind: string, table: PartyLinked): MergeStep {
  return {
    kind,
    async move({ tx, organisationId, fromId, intoId }) {
      const rows = await tx.update(table).set({ partyId: intoId })
        .where(and(eq(table.partyId, fromId), eq(table.organisationId, organisationId))).returning({ id: table.id });
      return rows.map((r) => ({ rowId: r.id }));
    },
    async undo({ tx, fromId, intoId }, rows) {
      if (rows.length === 0) return 0;
      return (await tx.update(table).set({ partyId: fromId })
        .where(and(inArray(table.id, rows.map((r) => r.rowId)), eq(table.partyId, intoId))).returning({ id: table.id })).length;
    },
  };
}

/** Registered once, when the capability is loaded (the parties capability never imports this one). */
export function registerCommitmentMergeSteps(): void {
  registerMergeStep(partyStep('commitment_party', commitmentParties));
  registerMergeStep(partyStep('party_listing', partyListings));
  registerMergeStep(partyStep('party_assessment', partyAssessments));
}
