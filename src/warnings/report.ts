/**
 * The alert summary that may leave the organisation (headquarters, a viewer): what fired where and what was
 * done, without any figure of the restricted tier. Where a region's figures are suppressed in the protected
 * tier (the disclosure module's decision, read from today's published release), the alert is told at the
 * country level: an alert never points at a place whose counts are too small to publish. Audited.
 */
import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import { auditActor, recordAudit } from '../platform/audit/audit.ts';
import { refsOf } from '../parties/service.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import { publishedRegions } from '../stats/service.ts';
import { today } from '../shared/commitments.ts';
import type { LabelLanguage } from '../shared/labels.ts';
import type { AlertAction, AlertReport, AlertReportQuery, AlertStatus, RuleParams } from '../shared/warnings.ts';
import { addDays } from './evaluate.ts';
import { areaNamer, pick } from './read.ts';
import { warningAlertEvents, warningAlerts, warningIndicators, warningRules } from './tables.ts';

/** The indicators a rule watches (a "newly active" rule without one watches any incident). */
const indicatorsOf = (p: RuleParams): string[] => (p.kind === 'combination' ? p.indicatorIds : p.kind === 'party_active' ? (p.indicatorId ? [p.indicatorId] : []) : [p.indicatorId]);

export async function alertReport(ctx: AppContext, actor: Actor, q: AlertReportQuery, lang: LabelLanguage, ip: string | null): Promise<AlertReport> {
  authorize(actor, 'warnings:summary');
  const to = q.to ?? today();
  const from = q.from ?? addDays(to, -90);
  const org = actor.organisationId;
  const rows = await ctx.db.select({ alert: warningAlerts, params: warningRules.params }).from(warningAlerts)
    .innerJoin(warningRules, eq(warningRules.id, warningAlerts.ruleId))
    .where(and(eq(warningAlerts.organisationId, org), gte(warningAlerts.episodeStart, from), lte(warningAlerts.episodeStart, to)))
    .orderBy(asc(warningAlerts.episodeStart), asc(warningAlerts.country), asc(warningAlerts.id));
  const { regions, threshold, through } = await publishedRegions(ctx, org);
  const ids = [...new Set(rows.flatMap((r) => indicatorsOf(r.params)))];
  const indicators = new Map(ids.length ? (await ctx.db.select().from(warningIndicators).where(inArray(warningIndicators.id, ids))).map((i) => [i.id, pick(i.names, lang)]) : []);
  const events = rows.length ? await ctx.db.select({ alertId: warningAlertEvents.alertId, action: warningAlertEvents.action }).from(warningAlertEvents)
    .where(and(inArray(warningAlertEvents.alertId, rows.map((r) => r.alert.id)), eq(warningAlertEvents.kind, 'action'))).orderBy(asc(warningAlertEvents.at)) : [];
  // Parties beyond the organisation: the reference layer's names only (an organisation's own party is "a party").
  const parties = await refsOf(ctx.db, org, rows.flatMap((r) => (r.alert.partyId ? [r.alert.partyId] : [])), lang);
  const shown = rows.map(({ alert: a }) => {
    const region = a.admin1 ? `${a.country}/${a.admin1}` : null;
    const folded = region !== null && !regions.has(region);
    return { a, folded, area: folded ? { country: a.country, admin1: null, admin2: null } : { country: a.country, admin1: a.admin1, admin2: null } };
  });
  const name = await areaNamer(ctx.db, shown.map((s) => s.area), lang);
  const out: AlertReport = {
    from, to, threshold, through,
    rows: shown.map(({ a, folded, area }, i) => {
      const party = a.partyId ? parties.get(a.partyId) : undefined;
      return {
        area: name(area), folded, kind: a.explanation.kind, indicators: indicatorsOf(rows[i]!.params).map((id) => indicators.get(id) ?? ''),
        party: party ? (party.scope === 'reference' ? party.name : null) : null, episodeStart: a.episodeStart, episodeEnd: a.episodeEnd, status: a.status as AlertStatus,
        actions: [...new Set(events.filter((e) => e.alertId === a.id).map((e) => e.action as AlertAction))],
      };
    }),
  };
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'warning.report', entityType: 'warning_alert', details: { from, to, alerts: out.rows.length, folded: out.rows.filter((r) => r.folded).length } });
  return out;
}
