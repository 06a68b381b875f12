/**
 * What merging duplicate party A into B does to the organisation's records (parties/merge-steps.ts calls
 * these in the merge's transaction): every perpetrator linked to A is linked to B, and every name the
 * organisation decided as A now stands for B; undoing the merge puts exactly those back, and is refused
 * whole (by the merge) when a record was changed since so that it no longer names B there.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { registerMergeStep, type MergeStep } from '../../parties/merge-steps.ts';
import { partyTextLinks } from '../../parties/tables.ts';
import { incidents } from '../tables.ts';
import { partyIdsOf } from '../support.ts';

const perpetratorStep: MergeStep = {
  kind: 'incident_perpetrator',
  async move({ tx, organisationId, fromId, intoId }) {
    const rows = await tx.select({ id: incidents.id, perpetrators: incidents.perpetrators }).from(incidents)
      .where(and(eq(incidents.organisationId, organisationId), sql`${fromId}::uuid = ANY(${incidents.partyIds})`));
    const moved = [];
    for (const r of rows) {
      const indexes: number[] = [];
      const next = (r.perpetrators).map((p, i) => (p.partyId === fromId ? (indexes.push(i), { ...p, partyId: intoId }) : p));
      await tx.update(incidents).set({ perpetrators: next, partyIds: partyIdsOf(next) }).where(eq(incidents.id, r.id));
      moved.push({ rowId: r.id, previous: { indexes } });
    }
    return moved;
  },
  async undo({ tx, organisationId, fromId, intoId }, rows) {
    if (rows.length === 0) return 0;
    const stored = await tx.select({ id: incidents.id, perpetrators: incidents.perpetrators }).from(incidents)
      .where(and(eq(incidents.organisationId, organisationId), inArray(incidents.id, rows.map((r) => r.rowId))));
    let n = 0;
    for (const r of rows) {
      const row = stored.find((s) => s.id === r.rowId);
      const indexes = Array.isArray(r.previous?.indexes) ? (r.previous.indexes as number[]) : [];
      const list = (row?.perpetrators ?? []);
      if (!row || !indexes.every((i) => list[i]?.partyId === intoId)) continue;
      const next = list.map((p, i) => (indexes.includes(i) ? { ...p, partyId: fromId } : p));
      await tx.update(incidents).set({ perpetrators: next, partyIds: partyIdsOf(next) }).where(eq(incidents.id, row.id));
      n += 1;
    }
    return n;
  },
};

const textLinkStep: MergeStep = {
  kind: 'party_text_link',
  async move({ tx, organisationId, fromId, intoId }) {
    const rows = await tx.update(partyTextLinks).set({ partyId: intoId })
      .where(and(eq(partyTextLinks.organisationId, organisationId), eq(partyTextLinks.partyId, fromId))).returning({ key: partyTextLinks.textKey });
    return rows.map((r) => ({ rowId: r.key }));
  },
  async undo({ tx, organisationId, fromId, intoId }, rows) {
    if (rows.length === 0) return 0;
    return (await tx.update(partyTextLinks).set({ partyId: fromId })
      .where(and(eq(partyTextLinks.organisationId, organisationId), eq(partyTextLinks.partyId, intoId), inArray(partyTextLinks.textKey, rows.map((r) => r.rowId))))
      .returning({ key: partyTextLinks.textKey })).length;
  },
};

/** Called once by the incidents capability: the parties capability never imports the incidents. */
export function registerPartyMergeSteps(): void {
  registerMergeStep(perpetratorStep);
  registerMergeStep(textLinkStep);
}
