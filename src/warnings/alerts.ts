/**
 * Alerts as coordinators read and work them: the list and the navigation's count, one alert with its
 * explanation and what lies behind it (incidents opened with the reader's rights: a record out of scope is
 * counted, never named), and the workflow new -> acknowledged -> action taken -> closed with notes, each
 * step an append-only event, audited.
 */
import { and, count as countRows, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { appendAudit, auditActor, recordAudit } from '../platform/audit/audit.ts';
import { notFound } from '../platform/http/errors.ts';
import { incidents } from '../incidents/tables.ts';
import { refsOf } from '../parties/service.ts';
import { refuse } from '../parties/manage.ts';
import { authorize, can, type Actor } from '../policy/policy.ts';
import type { LabelLanguage } from '../shared/labels.ts';
import { explainFigure } from '../shared/warning-words.ts';
import {
  ALERT_NEXT, ALERT_STATUS_AFTER, type Alert, type AlertCounts, type AlertEventInput, type AlertList, type AlertListQuery, type AlertStatus, type AlertSummary,
  type Explanation,
} from '../shared/warnings.ts';
import { areaNamer, observationsOut, userNames } from './read.ts';
import { warningAlertEvents, warningAlerts, warningObservations, warningRules } from './tables.ts';

type AlertRow = typeof warningAlerts.$inferSelect;

async function summaries(db: DbOrTx, organisationId: string, rows: readonly AlertRow[], lang: LabelLanguage): Promise<AlertSummary[]> {
  if (rows.length === 0) return [];
  const rules = new Map((await db.select({ id: warningRules.id, name: warningRules.name, kind: warningRules.kind }).from(warningRules)
    .where(inArray(warningRules.id, [...new Set(rows.map((r) => r.ruleId))]))).map((r) => [r.id, r]));
  const parties = await refsOf(db, organisationId, rows.flatMap((r) => (r.partyId ? [r.partyId] : [])), lang);
  const name = await areaNamer(db, rows, lang);
  return rows.map((r) => {
    const rule = rules.get(r.ruleId)!;
    const party = r.partyId ? parties.get(r.partyId) : undefined;
    const figure = r.latest ?? r.explanation;
    return {
      id: r.id, rule: { id: rule.id, name: rule.name, kind: rule.kind as AlertSummary['rule']['kind'] }, area: name(r),
      party: party ? { id: party.id, name: party.name } : null, status: r.status as AlertStatus, raisedAt: r.raisedAt.toISOString(),
      episodeStart: r.episodeStart, episodeEnd: r.episodeEnd, value: figure.value, threshold: figure.threshold,
    };
  });
}

export async function listAlerts(ctx: AppContext, actor: Actor, q: AlertListQuery, lang: LabelLanguage): Promise<AlertList> {
  authorize(actor, 'warnings:manage');
  const where = [eq(warningAlerts.organisationId, actor.organisationId)];
  if (q.status?.length) where.push(inArray(warningAlerts.status, q.status));
  if (q.ruleId) where.push(eq(warningAlerts.ruleId, q.ruleId));
  const [total] = await ctx.db.select({ n: countRows() }).from(warningAlerts).where(and(...where));
  const rows = await ctx.db.select().from(warningAlerts).where(and(...where)).orderBy(desc(warningAlerts.raisedAt), warningAlerts.id).limit(q.limit);
  return { alerts: await summaries(ctx.db, actor.organisationId, rows, lang), total: Number(total?.n ?? 0) };
}

export async function alertCounts(ctx: AppContext, actor: Actor): Promise<AlertCounts> {
  authorize(actor, 'warnings:manage');
  const rows = await ctx.db.select({ status: warningAlerts.status, n: countRows() }).from(warningAlerts)
    .where(eq(warningAlerts.organisationId, actor.organisationId)).groupBy(warningAlerts.status);
  const n = (s: AlertStatus) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { new: n('new'), open: n('new') + n('acknowledged') + n('action_taken') };
}

const worded = (e: Explanation, lang: LabelLanguage): Explanation => ({ ...e, words: explainFigure(lang, e) });

async function alertOut(db: DbOrTx, actor: Actor, row: AlertRow, lang: LabelLanguage): Promise<Alert> {
  const [summary] = await summaries(db, actor.organisationId, [row], lang);
  // Incidents behind the figure: only those the reader may open are named.
  const found = row.incidentIds.length ? await db.select({ id: incidents.id, reference: incidents.reference, organisationId: incidents.organisationId, createdBy: incidents.createdBy, assignedTo: incidents.assignedTo })
    .from(incidents).where(and(inArray(incidents.id, row.incidentIds), isNull(incidents.deletedAt))) : [];
  const visible = found.filter((r) => can(actor, 'incident:read', r)).map((r) => ({ id: r.id, reference: r.reference })).sort((a, b) => a.reference.localeCompare(b.reference));
  const observationRows = row.observationIds.length ? await db.select().from(warningObservations)
    .where(and(inArray(warningObservations.id, row.observationIds), eq(warningObservations.organisationId, actor.organisationId))) : [];
  const events = await db.select().from(warningAlertEvents).where(eq(warningAlertEvents.alertId, row.id)).orderBy(warningAlertEvents.at, warningAlertEvents.id);
  const people = await userNames(db, events.map((e) => e.byUser));
  return {
    ...summary!, explanation: worded(row.explanation, lang), latest: row.latest ? worded(row.latest, lang) : null,
    incidents: visible, otherIncidents: Math.max(0, row.incidentTotal - visible.length),
    observations: await observationsOut(db, actor.organisationId, observationRows, actor.userId, lang),
    events: events.map((e) => ({ kind: e.kind as Alert['events'][number]['kind'], action: (e.action as Alert['events'][number]['action']) ?? null, note: e.note, by: people.get(e.byUser) ?? '', at: e.at.toISOString() })),
  };
}

async function findAlert(db: DbOrTx, organisationId: string, id: string, lock = false): Promise<AlertRow> {
  const q = db.select().from(warningAlerts).where(and(eq(warningAlerts.id, id), eq(warningAlerts.organisationId, organisationId)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('alert');
  return row;
}

export async function getAlert(ctx: AppContext, actor: Actor, id: string, lang: LabelLanguage, ip: string | null): Promise<Alert> {
  authorize(actor, 'warnings:manage');
  const row = await findAlert(ctx.db, actor.organisationId, id);
  const out = await alertOut(ctx.db, actor, row, lang);
  // The alert names the incidents behind its figure: the log says which were shown.
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'warning.alert.read', entityType: 'warning_alert', entityId: id, details: { incidents: out.incidents.map((i) => i.reference) } });
  return out;
}

export async function addAlertEvent(ctx: AppContext, actor: Actor, id: string, body: AlertEventInput, lang: LabelLanguage, ip: string | null): Promise<Alert> {
  authorize(actor, 'warnings:manage');
  return ctx.db.transaction(async (tx) => {
    const row = await findAlert(tx, actor.organisationId, id, true);
    const status = row.status as AlertStatus;
    if (!ALERT_NEXT[status].includes(body.kind)) throw refuse(409, 'kind', 'alert_move', `cannot ${body.kind} an alert that is ${status}`);
    await tx.insert(warningAlertEvents).values({ organisationId: actor.organisationId, alertId: id, kind: body.kind, action: body.action ?? null, note: body.note?.trim() || null, byUser: actor.userId });
    const next = body.kind === 'note' ? status : ALERT_STATUS_AFTER[body.kind];
    const [updated] = await tx.update(warningAlerts).set({ status: next, updatedAt: new Date() }).where(eq(warningAlerts.id, id)).returning();
    await appendAudit(tx, auditActor(actor, ip), { action: `warning.alert.${body.kind}`, entityType: 'warning_alert', entityId: id, details: { from: status, to: next, action: body.action ?? null } });
    return alertOut(tx, actor, updated!, lang);
  });
}
