/**
 * What the early-warning routes answer, shaped from rows: words in the reader's language, areas named,
 * parties named through the registry, people by display name. Reads only.
 */
import { localAreaName } from '../shared/places.ts';
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { DbOrTx } from '../platform/db/database.ts';
import { users } from '../identity/tables.ts';
import { refsOf } from '../parties/service.ts';
import { areaNames } from '../places/places.ts';
import { countryName, type LabelLanguage } from '../shared/labels.ts';
import type { AreaOut, Indicator, IndicatorCategory, IndicatorKind, Observation, Words } from '../shared/warnings.ts';
import { warningIndicators, warningObservations } from './tables.ts';

export type IndicatorRow = typeof warningIndicators.$inferSelect;
export type ObservationRow = typeof warningObservations.$inferSelect;

/** A text in the reader's language, else English, else French, else Arabic. */
export const pick = (w: Words, lang: LabelLanguage): string => w[lang] || w.en || w.fr || w.ar || '';

/** Indicators the organisation sees: the shared registry and its own. */
export const visibleIndicator = (organisationId: string) => or(isNull(warningIndicators.organisationId), eq(warningIndicators.organisationId, organisationId))!;

export async function findIndicator(db: DbOrTx, organisationId: string, id: string): Promise<IndicatorRow | null> {
  const [row] = await db.select().from(warningIndicators).where(and(eq(warningIndicators.id, id), visibleIndicator(organisationId)));
  return row ?? null;
}

export function indicatorOut(row: IndicatorRow, lang: LabelLanguage): Indicator {
  return {
    id: row.id, code: row.code, category: row.category as IndicatorCategory, kind: row.kind as IndicatorKind,
    name: pick(row.names, lang), description: pick(row.descriptions, lang), names: row.names, descriptions: row.descriptions,
    count: row.count ?? null, own: row.organisationId !== null, retired: row.retiredAt !== null,
  };
}

export interface AreaCodes { country: string; admin1: string | null; admin2: string | null }
/** The area's key: `COD`, `COD/CD-NK`, `COD/CD-NK/<district>`; a party watched in it adds `#<party id>`. */
export const areaKey = (a: AreaCodes, partyId?: string | null): string =>
  [a.country, a.admin1, a.admin2].filter((x) => x).join('/') + (partyId ? `#${partyId}` : '');

/** Names for areas, in the reader's language: the deepest level named, with its country. */
export async function areaNamer(db: DbOrTx, areas: readonly AreaCodes[], lang: LabelLanguage): Promise<(a: AreaCodes) => AreaOut> {
  const names = await areaNames(db, areas.flatMap((a) => [a.admin1, a.admin2].filter((x): x is string => !!x)));
  const named = (code: string) => {
    const n = names.get(code);
    return n ? localAreaName(n, lang) : code;
  };
  return (a) => {
    const parts = [a.admin2, a.admin1].filter((x): x is string => !!x).map(named);
    return { country: a.country, admin1: a.admin1, admin2: a.admin2, name: [...parts, countryName(lang, a.country)].join(lang === 'ar' ? '، ' : ', ') };
  };
}

/** Users as people see them named: their sign-in address (who recorded or acted). */
export async function userNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.email }).from(users).where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Observations as the API shows them (the caller has chosen the rows the reader may see). */
export async function observationsOut(db: DbOrTx, organisationId: string, rows: readonly ObservationRow[], readerId: string, lang: LabelLanguage): Promise<Observation[]> {
  if (rows.length === 0) return [];
  const indicators = new Map((await db.select().from(warningIndicators).where(inArray(warningIndicators.id, [...new Set(rows.map((r) => r.indicatorId))])))
    .map((r) => [r.id, r]));
  const parties = await refsOf(db, organisationId, rows.flatMap((r) => (r.partyId ? [r.partyId] : [])), lang);
  const name = await areaNamer(db, rows, lang);
  const people = await userNames(db, rows.map((r) => r.recordedBy));
  return rows.map((r) => {
    const ind = indicators.get(r.indicatorId)!;
    const party = r.partyId ? parties.get(r.partyId) : undefined;
    return {
      id: r.id, indicator: { id: ind.id, name: pick(ind.names, lang), category: ind.category as IndicatorCategory }, observedOn: r.observedOn,
      area: name(r), party: party ? { id: party.id, name: party.name } : null, severity: r.severity as Observation['severity'], note: r.note,
      recordedBy: people.get(r.recordedBy) ?? '', recordedAt: r.recordedAt.toISOString(), mine: r.recordedBy === readerId, removed: r.deletedAt !== null,
    };
  });
}
