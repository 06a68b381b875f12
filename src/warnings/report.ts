/**
 * The alert summary that may leave the organisation (headquarters, a viewer): what fired where and what was
 * done, without any figure of the restricted tier and nothing finer than the protected tier publishes (the
 * disclosure module's decisions, read from today's published releases, or a report's own): an alert counting fewer incidents than
 * the threshold is withheld; a country or party is named only where a figure of it is published, a region
 * likewise (else the alert is told for its country); episodes by month. Audited.
 */
import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import { auditActor, recordAudit } from '../platform/audit/audit.ts';
import { refsOf } from '../parties/service.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import { publishedNames, type PublishedNames } from '../stats/service.ts';
import { today } from '../shared/commitments.ts';
import type { LabelLanguage } from '../shared/labels.ts';
import type { AlertAction, AlertReport, AlertReportQuery, AlertStatus, RuleParams } from '../shared/warnings.ts';
import { addDays } from './evaluate.ts';
import { areaNamer, pick } from './read.ts';
import { warningAlertEvents, warningAlerts, warningIndicators, warningRules } from './tables.ts';

/** The indicators a rule watches (a "newly active" rule without one watches any incident). */
const indicatorsOf = (p: RuleParams): string[] => (p.kind === 'combination' ? p.indicatorIds : p.kind === 'party_active' ? (p.indicatorId ? [p.indicatorId] : []) : [p.indicatorId]);

/** `published`: the protected releases that decide what may be named (a report passes its own; else today's publication). */
export async function alertReport(ctx: AppContext, actor: Actor, q: AlertReportQuery, lang: LabelLanguage, ip: string | null, published?: PublishedNames): Promise<AlertReport> {
  return (await alertReports(ctx, actor, q, [lang], ip, published))[0]!;
}

/** The same summary in several languages, read and audited once (a report's three). */
export async function alertReports(ctx: AppContext, actor: Actor, q: AlertReportQuery, langs: readonly LabelLanguage[], ip: string | null, published?: PublishedNames): Promise<AlertReport[]> {
  authorize(actor, 'warnings:summary');
  const to = q.to ?? today();
  const from = q.from ?? addDays(to, -90);
  const org = actor.organisationId;
  const rows = await ctx.db.select({ alert: warningAlerts, params: warningRules.params }).from(warningAlerts)
    .innerJoin(warningRules, eq(warningRules.id, warningAlerts.ruleId))
    .where(and(eq(warningAlerts.organisationId, org), gte(warningAlerts.episodeStart, from), lte(warningAlerts.episodeStart, to)))
    .orderBy(asc(warningAlerts.episodeStart), asc(warningAlerts.country), asc(warningAlerts.id));
  const { areas, parties: publishedParties, threshold, through } = published ?? await publishedNames(ctx, org);
  // Alerts counting incidents: at least the threshold, or withheld (an observed signal counts no one).
  const counted = (a: (typeof rows)[number]['alert']) => a.explanation.kind === 'combination' || Math.max(a.explanation.value, a.latest?.value ?? 0) >= threshold;
  const listed = rows.filter((r) => counted(r.alert) && areas.has(r.alert.country));
  const ids = [...new Set(listed.flatMap((r) => indicatorsOf(r.params)))];
  const indicatorRows = ids.length ? await ctx.db.select().from(warningIndicators).where(inArray(warningIndicators.id, ids)) : [];
  const events = listed.length ? await ctx.db.select({ alertId: warningAlertEvents.alertId, action: warningAlertEvents.action }).from(warningAlertEvents)
    .where(and(inArray(warningAlertEvents.alertId, listed.map((r) => r.alert.id)), eq(warningAlertEvents.kind, 'action'))).orderBy(asc(warningAlertEvents.at)) : [];
  const shown = listed.map(({ alert: a, params }) => {
    const folded = a.admin1 !== null && !areas.has(`${a.country}/${a.admin1}`);
    return { a, params, folded, area: { country: a.country, admin1: folded ? null : a.admin1, admin2: null } };
  });
  const month = (day: string | null) => day?.slice(0, 7) ?? null;
  const out = await Promise.all(langs.map(async (lang): Promise<AlertReport> => {
    const indicators = new Map(indicatorRows.map((i) => [i.id, pick(i.names, lang)]));
    // Parties beyond the organisation: reference parties whose figures are published (never an organisation's own).
    const parties = await refsOf(ctx.db, org, listed.flatMap((r) => (r.alert.partyId && publishedParties.has(r.alert.partyId) ? [r.alert.partyId] : [])), lang);
    const name = await areaNamer(ctx.db, shown.map((x) => x.area), lang);
    return {
      from, to, threshold, through, withheld: rows.length - listed.length,
      rows: shown.map(({ a, params, folded, area }) => {
        const party = a.partyId ? parties.get(a.partyId) : undefined;
        return {
          area: name(area), folded, kind: a.explanation.kind, indicators: indicatorsOf(params).map((id) => indicators.get(id) ?? ''),
          party: party?.scope === 'reference' ? party.name : null, episodeStart: month(a.episodeStart)!, episodeEnd: month(a.episodeEnd), status: a.status as AlertStatus,
          actions: [...new Set(events.filter((e) => e.alertId === a.id).map((e) => e.action as AlertAction))],
        };
      }),
    };
  }));
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'warning.report', entityType: 'warning_alert', details: { from, to, alerts: shown.length, folded: shown.filter((r) => r.folded).length, withheld: rows.length - listed.length } });
  return out;
}
