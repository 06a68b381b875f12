/**
 * The backtest: a rule run over past data, day by day, with the same figures and episodes the job uses
 * (evaluate.ts), so "would have fired on" means what the job would have raised. Exact counts over the whole
 * organisation: coordinators only, audited like the restricted tier's figures.
 */
import type { AppContext } from '../platform/context.ts';
import { recordAudit, auditActor } from '../platform/audit/audit.ts';
import { refsOf } from '../parties/service.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import { today } from '../shared/commitments.ts';
import type { LabelLanguage } from '../shared/labels.ts';
import type { Backtest, BacktestQuery } from '../shared/warnings.ts';
import { badRequest } from '../platform/http/errors.ts';
import { addDays, dayNumber, episodes, figures, lookbackDays, windowDays } from './evaluate.ts';
import { areaNamer, areaKey } from './read.ts';
import { ruleSeries } from './series.ts';
import { findRule, rulesOut } from './service.ts';

/** The longest period a backtest draws day by day (ten years). */
export const BACKTEST_MAX_DAYS = 3660;
export const BACKTEST_DEFAULT_DAYS = 730;

export async function backtest(ctx: AppContext, actor: Actor, ruleId: string, q: BacktestQuery, lang: LabelLanguage, ip: string | null): Promise<Backtest> {
  authorize(actor, 'warnings:manage');
  const row = await findRule(ctx.db, actor.organisationId, ruleId);
  const to = q.to ?? today();
  const from = q.from ?? addDays(to, -BACKTEST_DEFAULT_DAYS);
  if (dayNumber(to) - dayNumber(from) > BACKTEST_MAX_DAYS) throw badRequest('from', 'too_long_period', `a backtest covers at most ${BACKTEST_MAX_DAYS} days`, { max: BACKTEST_MAX_DAYS });
  const watched = await ruleSeries(ctx.db, row, addDays(from, -lookbackDays(row.params)), to);
  const coolDown = windowDays(row.params);
  const runs = watched.map((w) => {
    const points = figures(row.params, w.series, from, to);
    return { w, points, episodes: episodes(points, coolDown) };
  });
  const name = await areaNamer(ctx.db, watched.map((w) => w.area), lang);
  const parties = await refsOf(ctx.db, actor.organisationId, watched.flatMap((w) => (w.partyId ? [w.partyId] : [])), lang);
  const fired = runs.filter((r) => r.episodes.length > 0)
    .sort((a, b) => b.episodes.length - a.episodes.length || a.w.key.localeCompare(b.w.key));
  const chosen = runs.find((r) => r.w.key === q.key) ?? fired[0] ?? runs.find((r) => r.w.key === areaKey(row)) ?? null;
  await recordAudit(ctx.db, auditActor(actor, ip), {
    action: 'warning.rule.backtest', entityType: 'warning_rule', entityId: ruleId, details: { from, to, areas: fired.length, episodes: fired.reduce((n, r) => n + r.episodes.length, 0) },
  });
  return {
    rule: (await rulesOut(ctx.db, [row], lang))[0]!,
    from, to,
    areas: fired.map((r) => {
      const party = r.w.partyId ? parties.get(r.w.partyId) : undefined;
      return { key: r.w.key, area: name(r.w.area), party: party ? { id: party.id, name: party.name } : null, episodes: r.episodes };
    }),
    series: chosen ? { key: chosen.w.key, area: name(chosen.w.area), points: chosen.points.map(({ day, value, baseline, threshold, firing }) => ({ day, value, baseline, threshold, firing })) } : null,
  };
}
