/**
 * When a coordinator merges a duplicate party into another, early warning follows: observations naming the
 * duplicate name the party it was merged into, and so do the parties a rule watches and a computed indicator
 * counts (each list keeps a party once). Undoing the merge puts each back (parties/merge-steps.ts). Alerts
 * already raised keep the party they named: they are history; the next evaluation watches the merged party.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { registerMergeStep, type MergeStep } from '../parties/merge-steps.ts';
import type { IndicatorCount, RuleParams } from '../shared/warnings.ts';
import { warningIndicators, warningObservations, warningRules } from './tables.ts';

const observationStep: MergeStep = {
  kind: 'warning_observation',
  async move({ tx, organisationId, fromId, intoId }) {
    const rows = await tx.update(warningObservations).set({ partyId: intoId })
      .where(and(eq(warningObservations.partyId, fromId), eq(warningObservations.organisationId, organisationId))).returning({ id: warningObservations.id });
    return rows.map((r) => ({ rowId: r.id }));
  },
  async undo({ tx, fromId, intoId }, rows) {
    if (rows.length === 0) return 0;
    return (await tx.update(warningObservations).set({ partyId: fromId })
      .where(and(inArray(warningObservations.id, rows.map((r) => r.rowId)), eq(warningObservations.partyId, intoId))).returning({ id: warningObservations.id })).length;
  },
};

/** The party list replaced: `from` becomes `into` (once); the list before is kept for the undo. */
const replaced = (list: readonly string[], fromId: string, intoId: string): string[] => [...new Set(list.map((id) => (id === fromId ? intoId : id)))];

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

const ruleStep: MergeStep = {
  kind: 'warning_rule_parties',
  async move({ tx, organisationId, fromId, intoId }) {
    const rows = await tx.select({ id: warningRules.id, params: warningRules.params }).from(warningRules)
      .where(and(eq(warningRules.organisationId, organisationId), sql`${warningRules.params}->'partyIds' ? ${fromId}`)).for('update');
    for (const r of rows) {
      const p = r.params as Extract<RuleParams, { kind: 'party_active' }>;
      await tx.update(warningRules).set({ params: { ...p, partyIds: replaced(p.partyIds, fromId, intoId) } }).where(eq(warningRules.id, r.id));
    }
    return rows.map((r) => ({ rowId: r.id, previous: { partyIds: (r.params as Extract<RuleParams, { kind: 'party_active' }>).partyIds } }));
  },
  async undo({ tx, fromId, intoId }, rows) {
    let n = 0;
    for (const row of rows) {
      const [r] = await tx.select({ params: warningRules.params }).from(warningRules).where(eq(warningRules.id, row.rowId)).for('update');
      // Only a list still as the merge left it is put back; a rule changed since refuses the undo (counted short).
      if (!r || r.params.kind !== 'party_active' || !sameList(r.params.partyIds, replaced(row.previous!.partyIds as string[], fromId, intoId))) continue;
      await tx.update(warningRules).set({ params: { ...r.params, partyIds: row.previous!.partyIds as string[] } }).where(eq(warningRules.id, row.rowId));
      n++;
    }
    return n;
  },
};

const indicatorStep: MergeStep = {
  kind: 'warning_indicator_parties',
  async move({ tx, organisationId, fromId, intoId }) {
    const rows = await tx.select({ id: warningIndicators.id, count: warningIndicators.count }).from(warningIndicators)
      .where(and(eq(warningIndicators.organisationId, organisationId), sql`${warningIndicators.count}->'party' ? ${fromId}`)).for('update');
    for (const r of rows) {
      const c = r.count as IndicatorCount;
      await tx.update(warningIndicators).set({ count: { ...c, party: replaced(c.party, fromId, intoId) } }).where(eq(warningIndicators.id, r.id));
    }
    return rows.map((r) => ({ rowId: r.id, previous: { party: r.count!.party } }));
  },
  async undo({ tx, fromId, intoId }, rows) {
    let n = 0;
    for (const row of rows) {
      const [r] = await tx.select({ count: warningIndicators.count }).from(warningIndicators).where(eq(warningIndicators.id, row.rowId)).for('update');
      if (!r?.count || !sameList(r.count.party, replaced(row.previous!.party as string[], fromId, intoId))) continue;
      await tx.update(warningIndicators).set({ count: { ...r.count, party: row.previous!.party as string[] } }).where(eq(warningIndicators.id, row.rowId));
      n++;
    }
    return n;
  },
};

/** Registered once, when the capability is loaded (the parties capability never imports this one). */
export function registerWarningMergeSteps(): void {
  registerMergeStep(observationStep);
  registerMergeStep(ruleStep);
  registerMergeStep(indicatorStep);
}
