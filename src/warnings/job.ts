/**
 * The evaluation: every active rule of an organisation (or of all) as of today, an alert raised when an
 * episode begins and only then. Runs as a job on a schedule and after every import (imports/job.ts sends it),
 * and when a coordinator asks. One transaction per rule under an advisory lock, so two runs never raise the
 * same episode twice (a unique index on the open episode says so too).
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { JobDefinition } from '../platform/capability.ts';
import type { AppContext } from '../platform/context.ts';
import type { Db, Tx } from '../platform/db/database.ts';
import { appendAudit } from '../platform/audit/audit.ts';
import { today } from '../shared/commitments.ts';
import type { Explanation } from '../shared/warnings.ts';
import { addDays, episodes, figures, lookbackDays, windowDays, type DayFigure } from './evaluate.ts';
import { evidenceOf, ruleSeries, type Watched } from './series.ts';
import { warningAlerts, warningRules, type RuleRow } from './tables.ts';

export const EVALUATE_QUEUE = 'warnings.evaluate';
/** Days evaluated before today, to find where an ongoing episode began (and whether one just ended). */
const TRAIL_DAYS = 120;

export const explanationOf = (rule: RuleRow, f: DayFigure, asOf: string): Explanation => ({
  kind: rule.params.kind, params: rule.params, asOf, window: f.window, pastWindow: f.pastWindow, value: f.value, baseline: f.baseline, threshold: f.threshold,
});

export interface RuleOutcome { raised: number; ended: number; ongoing: number }

/** One area (and party) of a rule as of a day: raise, follow or end its episode. */
async function settle(tx: Tx, rule: RuleRow, w: Watched, asOf: string, from: string): Promise<keyof RuleOutcome | null> {
  const points = figures(rule.params, w.series, from, asOf);
  const last = episodes(points, windowDays(rule.params)).at(-1);
  const [open] = await tx.select().from(warningAlerts).where(and(eq(warningAlerts.ruleId, rule.id), eq(warningAlerts.key, w.key), isNull(warningAlerts.episodeEnd))).for('update');
  const ongoing = last && last.end === null ? last : null;
  if (!ongoing) {
    if (!open) return null;
    await tx.update(warningAlerts).set({ episodeEnd: last?.end ?? addDays(asOf, -1), updatedAt: new Date() }).where(eq(warningAlerts.id, open.id));
    return 'ended';
  }
  // The figure of the episode's latest day on which the condition held.
  const latest = [...points].reverse().find((p) => p.firing)!;
  // The open alert follows its episode, which late records can move earlier: one alert, its history kept.
  if (open && open.ruleVersion === rule.version) {
    const episodeStart = ongoing.start < open.episodeStart ? ongoing.start : open.episodeStart;
    await tx.update(warningAlerts).set({ latest: explanationOf(rule, latest, asOf), episodeStart, updatedAt: new Date() }).where(eq(warningAlerts.id, open.id));
    return 'ongoing';
  }
  if (open) await tx.update(warningAlerts).set({ episodeEnd: addDays(asOf, -1), updatedAt: new Date() }).where(eq(warningAlerts.id, open.id));
  // An episode already raised (and ended by a change of the rule, say) is not raised again.
  const [seen] = await tx.select({ id: warningAlerts.id }).from(warningAlerts)
    .where(and(eq(warningAlerts.ruleId, rule.id), eq(warningAlerts.key, w.key), eq(warningAlerts.ruleVersion, rule.version), eq(warningAlerts.episodeStart, ongoing.start)));
  if (seen) return null;
  const evidence = await evidenceOf(tx, rule, w, latest.window);
  const [alert] = await tx.insert(warningAlerts).values({
    organisationId: rule.organisationId, ruleId: rule.id, ruleVersion: rule.version, key: w.key, country: w.area.country, admin1: w.area.admin1,
    admin2: w.area.admin2, partyId: w.partyId, episodeStart: ongoing.start, explanation: explanationOf(rule, latest, asOf), ...evidence,
  }).returning({ id: warningAlerts.id });
  await appendAudit(tx, { userId: null, kind: 'system', organisationId: rule.organisationId }, {
    action: 'warning.alert.raise', entityType: 'warning_alert', entityId: alert!.id,
    // The rule and its kind: the figures stay in the alert (the audit log is read by administrators).
    details: { rule: rule.id, kind: rule.params.kind },
  });
  return 'raised';
}

/** One rule as of a day. Areas with an open alert but no series any more (every record gone) end their episode. */
/** The lock a rule's evaluation and its change both take: a rule never changes under an evaluation. */
export const lockRule = (tx: Tx, ruleId: string) => tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`warnings:${ruleId}`}))`);

export async function evaluateRule(db: Db, ruleId: string, asOf: string = today()): Promise<RuleOutcome> {
  return db.transaction(async (tx) => {
    await lockRule(tx, ruleId);
    const [rule] = await tx.select().from(warningRules).where(eq(warningRules.id, ruleId));
    const outcome: RuleOutcome = { raised: 0, ended: 0, ongoing: 0 };
    if (!rule) return outcome;
    const from = addDays(asOf, -TRAIL_DAYS);
    const watched = rule.active ? await ruleSeries(tx, rule, addDays(from, -lookbackDays(rule.params)), asOf) : [];
    const keys = new Set(watched.map((w) => w.key));
    for (const w of watched) {
      const r = await settle(tx, rule, w, asOf, from);
      if (r) outcome[r]++;
    }
    // Open episodes of areas no longer watched (the rule turned off, or their counts gone) end.
    const stale = await tx.select({ id: warningAlerts.id, key: warningAlerts.key }).from(warningAlerts).where(and(eq(warningAlerts.ruleId, rule.id), isNull(warningAlerts.episodeEnd)));
    for (const s of stale.filter((s) => !keys.has(s.key))) {
      await tx.update(warningAlerts).set({ episodeEnd: addDays(asOf, -1), updatedAt: new Date() }).where(eq(warningAlerts.id, s.id));
      outcome.ended++;
    }
    await tx.update(warningRules).set({ lastEvaluatedOn: asOf }).where(eq(warningRules.id, rule.id));
    return outcome;
  });
}

/** Every rule of one organisation, or of every organisation. */
export async function evaluateRules(db: Db, organisationId: string | null, asOf: string = today()): Promise<RuleOutcome & { rules: number }> {
  const rules = await db.select({ id: warningRules.id }).from(warningRules).where(organisationId ? eq(warningRules.organisationId, organisationId) : undefined);
  const total = { rules: rules.length, raised: 0, ended: 0, ongoing: 0 };
  for (const r of rules) {
    const o = await evaluateRule(db, r.id, asOf);
    total.raised += o.raised; total.ended += o.ended; total.ongoing += o.ongoing;
  }
  return total;
}

export const evaluateJob: JobDefinition<{ organisationId?: string }> = {
  queue: EVALUATE_QUEUE,
  schedule: '*/15 * * * *',
  work: async (ctx: AppContext, data, log) => {
    const outcome = await evaluateRules(ctx.db, data.organisationId ?? null);
    log.info(outcome, 'early-warning rules evaluated');
  },
};
