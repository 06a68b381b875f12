/**
 * The daily series a rule reads, per area (and party) it watches: incidents counted by the analysis engine
 * (src/stats: the same counting rules as every figure, over the whole organisation) or observations counted
 * here. Also what lies behind a figure: the incidents and observations of its window.
 */
import { and, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../platform/db/database.ts';
import { commitmentParties, commitments, partyListings } from '../commitments/tables.ts';
import { count, countedIncidents, type CountRequest, type CountRow } from '../stats/engine.ts';
import { AppError } from '../platform/http/errors.ts';
import type { CountingChoice, StatDimension, StatFilters } from '../shared/stats.ts';
import { NOT_KNOWN, STAT_MAX_ROWS } from '../shared/stats.ts';
import { adminAreas } from '../places/tables.ts';
import { SEVERITIES, type IndicatorCount, type RuleParams, type Severity } from '../shared/warnings.ts';
import { addDays, dayNumber, denseSeries, type DailySeries } from './evaluate.ts';
import { areaKey, type AreaCodes } from './read.ts';
import { warningIndicators, warningObservations, type RuleRow } from './tables.ts';


export interface Watched { key: string; area: AreaCodes; partyId: string | null; series: DailySeries[] }

/** Days per engine question at most; fewer when the areas (and parties) watched could fill the engine's limit. */
const CHUNK_DAYS = 180;

/**
 * Days per question such that every area (and party) watched, counted every day, stays within the engine's
 * limit: asking in halves after a refusal works too, but each refused question has read its facts for nothing.
 */
async function chunkDays(db: DbOrTx, rule: RuleRow, parties: number): Promise<number> {
  if (rule.per === 'whole') return Math.max(1, Math.min(CHUNK_DAYS, Math.floor(STAT_MAX_ROWS / Math.max(1, parties))));
  const where = rule.per === 'admin1'
    ? and(eq(adminAreas.country, rule.country), eq(adminAreas.level, 1))
    : and(eq(adminAreas.country, rule.country), eq(adminAreas.level, 2), ...(rule.admin1 ? [eq(adminAreas.parentCode, rule.admin1)] : []));
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(adminAreas).where(where);
  // One more area: records whose region or district is not known.
  return Math.max(1, Math.min(CHUNK_DAYS, Math.floor(STAT_MAX_ROWS / (Math.max(1, parties) * ((row?.n ?? 0) + 1)))));
}
/** The incidents kept behind an alert (opened one by one with the reader's rights). */
export const EVIDENCE_LIMIT = 100;

const choiceOf = (c: IndicatorCount): CountingChoice => ({ unit: c.unit, date: 'occurred', records: c.records, track: 'crsv', rollup: false });

function filtersOf(c: IndicatorCount | null, rule: Pick<RuleRow, 'country' | 'admin1' | 'admin2'>): StatFilters {
  const f: StatFilters = { country: rule.country };
  if (rule.admin1) f.admin1 = rule.admin1;
  if (rule.admin2) f.admin2 = rule.admin2;
  if (c?.form.length) f.form = c.form;
  if (c?.setting.length) f.setting = c.setting;
  if (c?.victimCategory.length) f.victimCategory = c.victimCategory;
  if (c?.partyCategory.length) f.partyCategory = c.partyCategory;
  if (c?.party.length) f.party = c.party;
  return f;
}

const ANY_CRSV: IndicatorCount = { unit: 'incidents', records: 'reported', form: [], setting: [], victimCategory: [], partyCategory: [], party: [] };

async function indicatorCount(db: DbOrTx, id: string | null | undefined): Promise<IndicatorCount> {
  if (!id) return ANY_CRSV;
  const [row] = await db.select({ count: warningIndicators.count }).from(warningIndicators).where(eq(warningIndicators.id, id));
  return (row?.count as IndicatorCount | null) ?? ANY_CRSV;
}

/** Parties a "newly active" rule watches: those named, or every party the organisation lists or holds to a commitment. */
export async function watchedParties(db: DbOrTx, rule: RuleRow): Promise<string[]> {
  const p = rule.params;
  if (p.kind !== 'party_active') return [];
  if (p.partyIds.length) return p.partyIds;
  const listed = await db.selectDistinct({ id: partyListings.partyId }).from(partyListings)
    .where(and(eq(partyListings.organisationId, rule.organisationId), inArray(partyListings.listing, ['listed', 'continued'])));
  const bound = await db.selectDistinct({ id: commitmentParties.partyId }).from(commitmentParties)
    .innerJoin(commitments, eq(commitments.id, commitmentParties.commitmentId))
    .where(and(eq(commitmentParties.organisationId, rule.organisationId), isNull(commitments.deletedAt)));
  return [...new Set([...listed, ...bound].map((r) => r.id))].sort();
}

const subArea = (rule: RuleRow, codes: { admin1?: string; admin2?: string }): AreaCodes => ({
  country: rule.country, admin1: codes.admin1 ?? rule.admin1, admin2: codes.admin2 ?? rule.admin2,
});

/**
 * The series of every area (and party) the rule watches, from `from` to `to`: the whole area always (a
 * series of noughts is a series), regions or districts and parties where anything was counted.
 */
export async function ruleSeries(db: DbOrTx, rule: RuleRow, from: string, to: string): Promise<Watched[]> {
  const p: RuleParams = rule.params;
  if (p.kind === 'combination') return observationSeries(db, rule, p.indicatorIds, p.minSeverity, from, to);
  const parties = p.kind === 'party_active' ? await watchedParties(db, rule) : [];
  if (p.kind === 'party_active' && parties.length === 0) return [];
  const c = await indicatorCount(db, p.kind === 'party_active' ? p.indicatorId : p.indicatorId);
  const filters = filtersOf(c, rule);
  if (p.kind === 'party_active') filters.party = parties;
  const per: StatDimension[] = rule.per === 'admin1' ? ['admin1'] : rule.per === 'admin2' ? ['admin1', 'admin2'] : [];
  const by: StatDimension[] = [...(p.kind === 'party_active' ? ['party' as const] : []), ...per, 'period'];
  const counts = new Map<string, { area: AreaCodes; partyId: string | null; days: [string, number][] }>();
  if (rule.per === 'whole' && p.kind !== 'party_active') counts.set(areaKey(rule), { area: subArea(rule, {}), partyId: null, days: [] });
  const req: CountRequest = { choice: choiceOf(c), filters, by, grain: 'day', scope: { organisationId: rule.organisationId, all: true } };
  const days = await chunkDays(db, rule, parties.length);
  for (let start = from; start <= to; start = addDays(start, days)) {
    const rows = await dailyCounts(db, req, start, [addDays(start, days - 1), to].sort()[0]!);
    for (const { key, value } of rows) {
      const parts = [...key];
      const day = parts.pop()!;
      const partyId = p.kind === 'party_active' ? parts.shift()! : null;
      if (partyId !== null && !parties.includes(partyId)) continue; // another party of the same incident
      const codes = rule.per === 'admin1' ? { admin1: parts[0]! } : rule.per === 'admin2' ? { admin1: parts[0]!, admin2: parts[1]! } : {};
      if (Object.values(codes).includes(NOT_KNOWN)) continue; // no region recorded: not in any region's series
      const area = subArea(rule, codes);
      const k = areaKey(area, partyId);
      const entry = counts.get(k) ?? { area, partyId, days: [] };
      entry.days.push([day, value]);
      counts.set(k, entry);
    }
  }
  return [...counts].map(([key, e]) => ({ key, area: e.area, partyId: e.partyId, series: [denseSeries(from, to, e.days)] }));
}

/**
 * The engine's day-by-day breakdown over [from, to]; a period with more cells than the engine answers at once
 * (many parties in many districts) is asked in two halves, down to a day. The refusal comes after the statement
 * ran, so the caller's transaction is unharmed.
 */
export async function dailyCounts(db: DbOrTx, req: CountRequest, from: string, to: string, ask: typeof count = count): Promise<CountRow[]> {
  try {
    return (await ask(db, { ...req, filters: { ...req.filters, from, to } })).rows;
  } catch (e) {
    if (!(e instanceof AppError && e.issues?.some((i) => i.code === 'too_many_cells')) || from === to) throw e;
    const mid = addDays(from, Math.floor((dayNumber(to) - dayNumber(from)) / 2));
    return [...await dailyCounts(db, req, from, mid, ask), ...await dailyCounts(db, req, addDays(mid, 1), to, ask)];
  }
}

function observationWhere(rule: Pick<RuleRow, 'organisationId' | 'country' | 'admin1' | 'admin2'>, indicatorIds: readonly string[], minSeverity: Severity, from: string, to: string): SQL {
  const where: SQL[] = [
    eq(warningObservations.organisationId, rule.organisationId), isNull(warningObservations.deletedAt), inArray(warningObservations.indicatorId, [...indicatorIds]),
    eq(warningObservations.country, rule.country), gte(warningObservations.observedOn, from), lte(warningObservations.observedOn, to),
    inArray(warningObservations.severity, SEVERITIES.slice(SEVERITIES.indexOf(minSeverity))),
  ];
  if (rule.admin1) where.push(eq(warningObservations.admin1, rule.admin1));
  if (rule.admin2) where.push(eq(warningObservations.admin2, rule.admin2));
  return and(...where)!;
}

/** Observations of each listed indicator per day, per area watched (observations without the area's level are left out of sub-areas). */
async function observationSeries(db: DbOrTx, rule: RuleRow, indicatorIds: readonly string[], minSeverity: Severity, from: string, to: string): Promise<Watched[]> {
  const rows = await db.select({
    indicatorId: warningObservations.indicatorId, day: warningObservations.observedOn, admin1: warningObservations.admin1, admin2: warningObservations.admin2,
    n: sql<number>`count(*)::int`,
  }).from(warningObservations).where(observationWhere(rule, indicatorIds, minSeverity, from, to))
    .groupBy(warningObservations.indicatorId, warningObservations.observedOn, warningObservations.admin1, warningObservations.admin2);
  const byKey = new Map<string, { area: AreaCodes; days: Map<string, [string, number][]> }>();
  if (rule.per === 'whole') byKey.set(areaKey(rule), { area: subArea(rule, {}), days: new Map<string, [string, number][]>() });
  for (const r of rows) {
    let area: AreaCodes;
    if (rule.per === 'admin1') { if (!r.admin1) continue; area = subArea(rule, { admin1: r.admin1 }); }
    else if (rule.per === 'admin2') { if (!r.admin1 || !r.admin2) continue; area = subArea(rule, { admin1: r.admin1, admin2: r.admin2 }); }
    else area = subArea(rule, {});
    const k = areaKey(area);
    const entry = byKey.get(k) ?? { area, days: new Map<string, [string, number][]>() };
    const list: [string, number][] = entry.days.get(r.indicatorId) ?? [];
    list.push([r.day, r.n]);
    entry.days.set(r.indicatorId, list);
    byKey.set(k, entry);
  }
  return [...byKey].map(([key, e]) => ({ key, area: e.area, partyId: null, series: indicatorIds.map((id) => denseSeries(from, to, e.days.get(id) ?? [])) }));
}

/** What lies behind a figure: the incidents its window counted (newest first, at most EVIDENCE_LIMIT) or the observations. */
export async function evidenceOf(db: DbOrTx, rule: RuleRow, w: Watched, window: { from: string; to: string }): Promise<{ incidentIds: string[]; incidentTotal: number; observationIds: string[] }> {
  const p = rule.params;
  if (p.kind === 'combination') {
    const rows = await db.select({ id: warningObservations.id }).from(warningObservations)
      .where(observationWhere({ ...rule, admin1: w.area.admin1, admin2: w.area.admin2 }, p.indicatorIds, p.minSeverity, window.from, window.to))
      .orderBy(warningObservations.observedOn);
    return { incidentIds: [], incidentTotal: 0, observationIds: rows.map((r) => r.id) };
  }
  const c = await indicatorCount(db, p.indicatorId);
  const filters = { ...filtersOf(c, { country: w.area.country, admin1: w.area.admin1, admin2: w.area.admin2 }), from: window.from, to: window.to };
  if (w.partyId) filters.party = [w.partyId];
  const found = await countedIncidents(db, { choice: choiceOf(c), filters, scope: { organisationId: rule.organisationId, all: true } }, EVIDENCE_LIMIT);
  return { incidentIds: found.ids, incidentTotal: found.total, observationIds: [] };
}

