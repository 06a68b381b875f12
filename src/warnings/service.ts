/**
 * Early warning's records: the indicator registry (shared, and coordinators' own), monitors' observations and
 * coordinators' rules. One transaction per change with its audit entry (kinds and counts, never notes).
 */
import { and, count as countRows, desc, eq, gte, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { DbOrTx, Tx } from '../platform/db/database.ts';
import { appendAudit, auditActor } from '../platform/audit/audit.ts';
import { notFound } from '../platform/http/errors.ts';
import { refuse, usableParty } from '../parties/manage.ts';
import { adminAreas } from '../places/tables.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import { today } from '../shared/commitments.ts';
import type { LabelLanguage } from '../shared/labels.ts';
import type {
  Indicator, IndicatorCreate, IndicatorList, IndicatorPatch, Observation, ObservationCreate, ObservationDelete, ObservationList, ObservationListQuery,
  Rule, RuleInput, RuleList, RuleParams, WarningArea,
} from '../shared/warnings.ts';
import { describeRule } from '../shared/warning-words.ts';
import { lockRule } from './job.ts';
import { findIndicator, indicatorOut, observationsOut, visibleIndicator, areaNamer } from './read.ts';
import { warningAlerts, warningIndicators, warningObservations, warningRules, type RuleRow } from './tables.ts';


// --- Indicators ---------------------------------------------------------------------------------------------

export async function listIndicators(ctx: AppContext, actor: Actor, lang: LabelLanguage): Promise<IndicatorList> {
  authorize(actor, 'warnings:read');
  const rows = await ctx.db.select().from(warningIndicators).where(visibleIndicator(actor.organisationId))
    .orderBy(warningIndicators.category, sql`${warningIndicators.organisationId} NULLS FIRST`, warningIndicators.createdAt, warningIndicators.code);
  return { indicators: rows.map((r) => indicatorOut(r, lang)) };
}

async function checkCountParties(tx: Tx, actor: Actor, ids: readonly string[] | undefined): Promise<void> {
  for (const [i, id] of (ids ?? []).entries()) await usableParty(tx, actor, id, `count.party.${i}`);
}

export async function createIndicator(ctx: AppContext, actor: Actor, body: IndicatorCreate, lang: LabelLanguage, ip: string | null): Promise<Indicator> {
  authorize(actor, 'warnings:manage');
  return ctx.db.transaction(async (tx) => {
    await checkCountParties(tx, actor, body.count?.party);
    const [row] = await tx.insert(warningIndicators).values({
      organisationId: actor.organisationId, category: body.category, kind: body.kind, names: body.name, descriptions: body.description,
      count: body.kind === 'computed' ? body.count! : null, createdBy: actor.userId,
    }).returning();
    await appendAudit(tx, auditActor(actor, ip), { action: 'warning.indicator.create', entityType: 'warning_indicator', entityId: row!.id, details: { kind: body.kind, category: body.category } });
    return indicatorOut(row!, lang);
  });
}

export async function updateIndicator(ctx: AppContext, actor: Actor, id: string, body: IndicatorPatch, lang: LabelLanguage, ip: string | null): Promise<Indicator> {
  authorize(actor, 'warnings:manage');
  return ctx.db.transaction(async (tx) => {
    const row = await findIndicator(tx, actor.organisationId, id);
    if (!row) throw notFound('indicator');
    if (row.organisationId === null) throw refuse(409, '', 'indicator_shared', 'the shared indicators cannot be changed: add your own');
    if (body.count && row.kind !== 'computed') throw refuse(400, 'count', 'observed_has_no_count', 'an observed indicator counts no incidents');
    await checkCountParties(tx, actor, body.count?.party);
    const changes = Object.fromEntries(Object.entries({ category: body.category, names: body.name, descriptions: body.description, count: body.count }).filter(([, v]) => v !== undefined));
    const retired = body.retired === undefined ? {} : { retiredAt: body.retired ? (row.retiredAt ?? new Date()) : null };
    const [out] = await tx.update(warningIndicators).set({ ...changes, ...retired, updatedAt: new Date() }).where(eq(warningIndicators.id, id)).returning();
    await appendAudit(tx, auditActor(actor, ip), {
      action: 'warning.indicator.update', entityType: 'warning_indicator', entityId: id, details: { changed: [...Object.keys(changes), ...(body.retired === undefined ? [] : ['retired'])] },
    });
    return indicatorOut(out!, lang);
  });
}

/** An indicator a rule or an observation may use: visible, not retired, of the kind wanted. */
async function usableIndicator(db: DbOrTx, actor: Actor, id: string, kind: 'computed' | 'observed', field: string) {
  const row = await findIndicator(db, actor.organisationId, id);
  if (!row) throw refuse(400, field, 'indicator_unknown', 'is not an indicator your organisation can see');
  if (row.retiredAt) throw refuse(400, field, 'indicator_retired', 'was retired: choose another');
  if (row.kind !== kind) throw refuse(400, field, kind === 'computed' ? 'indicator_not_computed' : 'indicator_not_observed', `must be an indicator ${kind === 'computed' ? 'counted from incidents' : 'monitors observe'}`);
  return row;
}

/** The area's codes must be areas of the reference list: a region of the country, a district of the region. */
async function checkArea(db: DbOrTx, area: WarningArea, field: string): Promise<void> {
  const level = async (code: string, lvl: number, parent: string | null): Promise<boolean> => {
    const where: SQL[] = [eq(adminAreas.code, code), eq(adminAreas.country, area.country), eq(adminAreas.level, lvl)];
    if (parent) where.push(eq(adminAreas.parentCode, parent));
    return (await db.select({ code: adminAreas.code }).from(adminAreas).where(and(...where))).length > 0;
  };
  if (area.admin1 && !(await level(area.admin1, 1, null))) throw refuse(400, `${field}.admin1`, 'area_unknown', 'is not a region of the country in the list of areas');
  if (area.admin2 && !(await level(area.admin2, 2, area.admin1 ?? null))) throw refuse(400, `${field}.admin2`, 'area_unknown', 'is not a district of the region in the list of areas');
}

// --- Observations -------------------------------------------------------------------------------------------

/** Coordinators read every observation of the organisation; monitors and partners their own. */
const observationScope = (actor: Actor): SQL => (actor.role === 'coordinator'
  ? eq(warningObservations.organisationId, actor.organisationId)
  : and(eq(warningObservations.organisationId, actor.organisationId), eq(warningObservations.recordedBy, actor.userId))!);

export async function createObservation(ctx: AppContext, actor: Actor, body: ObservationCreate, lang: LabelLanguage, ip: string | null): Promise<Observation> {
  authorize(actor, 'warnings:observe');
  if (body.observedOn > today()) throw refuse(400, 'observedOn', 'in_future', 'cannot be later than today');
  return ctx.db.transaction(async (tx) => {
    await usableIndicator(tx, actor, body.indicatorId, 'observed', 'indicatorId');
    await checkArea(tx, body.area, 'area');
    if (body.partyId) await usableParty(tx, actor, body.partyId, 'partyId');
    const [row] = await tx.insert(warningObservations).values({
      organisationId: actor.organisationId, indicatorId: body.indicatorId, observedOn: body.observedOn, country: body.area.country,
      admin1: body.area.admin1 ?? null, admin2: body.area.admin2 ?? null, partyId: body.partyId ?? null, severity: body.severity, note: body.note,
      recordedBy: actor.userId,
    }).returning();
    await appendAudit(tx, auditActor(actor, ip), {
      action: 'warning.observation.create', entityType: 'warning_observation', entityId: row!.id, details: { severity: body.severity, party: !!body.partyId },
    });
    return (await observationsOut(tx, actor.organisationId, [row!], actor.userId, lang))[0]!;
  });
}

export async function listObservations(ctx: AppContext, actor: Actor, q: ObservationListQuery, lang: LabelLanguage): Promise<ObservationList> {
  authorize(actor, 'warnings:observe');
  const where: SQL[] = [observationScope(actor), isNull(warningObservations.deletedAt)];
  if (q.indicatorId) where.push(eq(warningObservations.indicatorId, q.indicatorId));
  if (q.country) where.push(eq(warningObservations.country, q.country));
  if (q.admin1) where.push(eq(warningObservations.admin1, q.admin1));
  if (q.from) where.push(gte(warningObservations.observedOn, q.from));
  if (q.to) where.push(lte(warningObservations.observedOn, q.to));
  const [total] = await ctx.db.select({ n: countRows() }).from(warningObservations).where(and(...where));
  const rows = await ctx.db.select().from(warningObservations).where(and(...where))
    .orderBy(desc(warningObservations.observedOn), desc(warningObservations.recordedAt)).limit(q.limit);
  return { observations: await observationsOut(ctx.db, actor.organisationId, rows, actor.userId, lang), total: Number(total?.n ?? 0) };
}

export async function deleteObservation(ctx: AppContext, actor: Actor, id: string, body: ObservationDelete, ip: string | null): Promise<void> {
  authorize(actor, 'warnings:observe');
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(warningObservations).where(and(eq(warningObservations.id, id), observationScope(actor), isNull(warningObservations.deletedAt))).for('update');
    if (!row) throw notFound('observation');
    await tx.update(warningObservations).set({ deletedAt: new Date(), deletedBy: actor.userId, deletionReason: body.reason }).where(eq(warningObservations.id, id));
    await appendAudit(tx, auditActor(actor, ip), { action: 'warning.observation.delete', entityType: 'warning_observation', entityId: id, details: { own: row.recordedBy === actor.userId } });
  });
}

// --- Rules --------------------------------------------------------------------------------------------------

async function checkRule(tx: Tx, actor: Actor, body: RuleInput): Promise<void> {
  await checkArea(tx, body.area, 'area');
  const p: RuleParams = body.params;
  switch (p.kind) {
    case 'surge': case 'record_high': await usableIndicator(tx, actor, p.indicatorId, 'computed', 'params.indicatorId'); break;
    case 'combination':
      for (const [i, id] of p.indicatorIds.entries()) await usableIndicator(tx, actor, id, 'observed', `params.indicatorIds.${i}`);
      break;
    case 'party_active':
      if (p.indicatorId) await usableIndicator(tx, actor, p.indicatorId, 'computed', 'params.indicatorId');
      for (const [i, id] of p.partyIds.entries()) await usableParty(tx, actor, id, `params.partyIds.${i}`);
      break;
  }
}

export async function rulesOut(db: DbOrTx, rows: readonly RuleRow[], lang: LabelLanguage): Promise<Rule[]> {
  if (rows.length === 0) return [];
  const name = await areaNamer(db, rows, lang);
  const open = new Map((await db.select({ ruleId: warningAlerts.ruleId, n: countRows() }).from(warningAlerts)
    .where(and(eq(warningAlerts.organisationId, rows[0]!.organisationId), sql`${warningAlerts.status} <> 'closed'`)).groupBy(warningAlerts.ruleId))
    .map((r) => [r.ruleId, Number(r.n)]));
  const indicators = new Map((await db.select().from(warningIndicators).where(visibleIndicator(rows[0]!.organisationId))).map((r) => [r.id, r]));
  return rows.map((r) => {
    const area = name(r);
    return {
      id: r.id, name: r.name, kind: r.kind as Rule['kind'], area, per: r.per as Rule['per'], params: r.params, active: r.active,
      description: describeRule(lang, { params: r.params, per: r.per as Rule['per'], area: area.name, indicator: (id) => { const i = indicators.get(id); return i ? (i.names[lang] || i.names.en || i.names.fr || i.names.ar || '') : '?'; } }),
      openAlerts: open.get(r.id) ?? 0, lastEvaluatedOn: r.lastEvaluatedOn, updatedAt: r.updatedAt.toISOString(),
    };
  });
}

export async function listRules(ctx: AppContext, actor: Actor, lang: LabelLanguage): Promise<RuleList> {
  authorize(actor, 'warnings:manage');
  const rows = await ctx.db.select().from(warningRules).where(eq(warningRules.organisationId, actor.organisationId)).orderBy(desc(warningRules.active), warningRules.name);
  return { rules: await rulesOut(ctx.db, rows, lang) };
}

export async function findRule(db: DbOrTx, organisationId: string, id: string, lock = false): Promise<RuleRow> {
  const q = db.select().from(warningRules).where(and(eq(warningRules.id, id), eq(warningRules.organisationId, organisationId)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('rule');
  return row;
}

export async function getRule(ctx: AppContext, actor: Actor, id: string, lang: LabelLanguage): Promise<Rule> {
  authorize(actor, 'warnings:manage');
  return (await rulesOut(ctx.db, [await findRule(ctx.db, actor.organisationId, id)], lang))[0]!;
}

const ruleColumns = (body: RuleInput) => ({
  name: body.name, kind: body.params.kind, country: body.area.country, admin1: body.area.admin1 ?? null, admin2: body.area.admin2 ?? null,
  per: body.per, params: body.params, active: body.active,
});

export async function createRule(ctx: AppContext, actor: Actor, body: RuleInput, lang: LabelLanguage, ip: string | null): Promise<Rule> {
  authorize(actor, 'warnings:manage');
  const row = await ctx.db.transaction(async (tx) => {
    await checkRule(tx, actor, body);
    const [row] = await tx.insert(warningRules).values({ organisationId: actor.organisationId, ...ruleColumns(body), createdBy: actor.userId, updatedBy: actor.userId }).returning();
    await appendAudit(tx, auditActor(actor, ip), { action: 'warning.rule.create', entityType: 'warning_rule', entityId: row!.id, details: { kind: body.params.kind, per: body.per, active: body.active } });
    return row!;
  });
  return (await rulesOut(ctx.db, [row], lang))[0]!;
}

/**
 * A rule replaced whole: a new version. Episodes of the old version end today (their alerts stay, with their
 * workflow); the next evaluation raises again where the new rule holds.
 */
export async function replaceRule(ctx: AppContext, actor: Actor, id: string, body: RuleInput, lang: LabelLanguage, ip: string | null): Promise<Rule> {
  authorize(actor, 'warnings:manage');
  const row = await ctx.db.transaction(async (tx) => {
    await findRule(tx, actor.organisationId, id, true);
    // Waits for an evaluation of this rule under way: it must not raise an alert under the old version after this.
    await lockRule(tx, id);
    await checkRule(tx, actor, body);
    const [row] = await tx.update(warningRules).set({ ...ruleColumns(body), version: sql`${warningRules.version} + 1`, updatedBy: actor.userId, updatedAt: new Date() })
      .where(eq(warningRules.id, id)).returning();
    const ended = await tx.update(warningAlerts).set({ episodeEnd: today(), updatedAt: new Date() })
      .where(and(eq(warningAlerts.ruleId, id), isNull(warningAlerts.episodeEnd))).returning({ id: warningAlerts.id });
    await appendAudit(tx, auditActor(actor, ip), {
      action: 'warning.rule.update', entityType: 'warning_rule', entityId: id, details: { kind: body.params.kind, per: body.per, active: body.active, episodesEnded: ended.length },
    });
    return row!;
  });
  return (await rulesOut(ctx.db, [row], lang))[0]!;
}
