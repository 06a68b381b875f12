/**
 * Administrative areas: reference data shared by every organisation of a server (no survivor information).
 * Loaded at start from the boundary files and, for every other country, from ISO 3166-2 level 1 (the
 * `iso-3166` package, MIT, © Titus Wormer, scraped from Wikipedia's ISO 3166-2 articles; see load.ts and
 * iso3166.ts), and from CSV lists with P-codes, by the server's administrator (`salama places import`) or
 * by a coordinator in the web app. A list is checked whole: every row is stored or none is.
 */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { Db, DbOrTx } from '../platform/db/database.ts';
import { appendAudit, auditActor, type AuditActor } from '../platform/audit/audit.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import type { AreaListLoaded, FileProblems, PlaceCountry, PlaceSourceKind } from '../shared/places.ts';
import { checkAreasCsv, type Locked, type RowProblem } from './csv.ts';
import { ISO_SOURCE, isoLevelOneCodes } from './iso3166.ts';
import { BUILTIN_SOURCE, REFERENCE_SOURCES, writeAreas } from './load.ts';
import { buildAreaMatcher, type AreaMatcher } from './match.ts';
import { adminAreas } from './tables.ts';

export { checkAreasCsv, type AreaRow, type RowProblem } from './csv.ts';
export { ensureBuiltInAreas } from './load.ts';

/**
 * The ISO list stands in for a country only until the boundary files, or a list with codes of its own, give
 * it level-1 areas: OCHA P-codes name the same provinces under other codes, and both lists at once would
 * offer every province twice and make every name ambiguous. A list that only renames ISO codes (the CLI
 * may) leaves the rest of the ISO list in place. Stood-aside rows stay (records may carry their codes) but
 * leave the pickers, the counts and the matcher.
 */
function visible(): SQL {
  return sql`(${adminAreas.source} <> ${ISO_SOURCE} OR ${adminAreas.country} NOT IN (SELECT o.country FROM admin_areas o
    WHERE o.level = 1 AND o.source <> ${ISO_SOURCE} AND (o.source = ${BUILTIN_SOURCE} OR NOT o.code = ANY(${sql.param(isoLevelOneCodes())}::text[]))))`;
}

/** The source of the lists an organisation loads from the web app: it may replace only what it loaded itself. */
export const organisationSource = (organisationId: string): string => `organisation:${organisationId}`;

function sourceKind(source: string, organisationId: string | null): PlaceSourceKind {
  if (source === BUILTIN_SOURCE) return 'builtin';
  if (source === ISO_SOURCE) return 'iso';
  return organisationId && source === organisationSource(organisationId) ? 'own' : 'other';
}

const describeSource = (source: string): string =>
  source === BUILTIN_SOURCE ? 'the boundary files shipped with Salama'
    : source === ISO_SOURCE ? 'the ISO 3166-2 list'
      : source.startsWith('organisation:') ? "another organisation's list" : `the list "${source}" loaded on the server`;

/** A list loaded, or refused with its first problems (`problems`) and how many were found (FileProblems). */
export interface AreaImport extends AreaListLoaded, FileProblems { problems: RowProblem[] }

/**
 * Checks a CSV of areas and stores all of its rows or none, with its audit entry in the same transaction.
 * `onlyOwn`: codes already loaded from another source are problems instead of being replaced (the web
 * app's rule); without it (the CLI) any code is replaced.
 */
export async function importAreasCsv(db: Db, text: string, source: string, actor: AuditActor, opts: { onlyOwn?: boolean } = {}): Promise<AreaImport> {
  if (REFERENCE_SOURCES.includes(source)) throw new Error(`source: "${source}" is reserved for the lists Salama loads itself`);
  const existing = await db.select({ code: adminAreas.code, source: adminAreas.source }).from(adminAreas);
  const known = new Set(existing.map((r) => r.code));
  const locked: Locked | undefined = opts.onlyOwn
    ? { sources: new Map(existing.filter((r) => r.source !== source).map((r) => [r.code, r.source])), describe: describeSource }
    : undefined;
  const { rows, problems, problemCount, complete } = checkAreasCsv(text, known, locked);
  if (problemCount) {
    await db.transaction((tx) => appendAudit(tx, actor, { action: 'places.import_refused', details: { problems: problemCount, complete } }));
    return { imported: 0, added: 0, replaced: 0, countries: [], problems, problemCount, complete };
  }
  const replaced = rows.filter((r) => known.has(r.code)).length;
  const perCountry = new Map<string, number>();
  for (const r of rows) perCountry.set(r.country, (perCountry.get(r.country) ?? 0) + 1);
  const countries = [...perCountry].sort(([a], [b]) => a.localeCompare(b)).map(([country, areas]) => ({ country, areas }));
  await db.transaction(async (tx) => {
    await writeAreas(tx, rows, source, opts.onlyOwn ? 'replaceOwn' : 'replace');
    await appendAudit(tx, actor, { action: 'places.import', details: { source, rows: rows.length, added: rows.length - replaced, replaced, countries: countries.map((c) => c.country) } });
  });
  return { imported: rows.length, added: rows.length - replaced, replaced, countries, problems: [], problemCount: 0, complete: true };
}

/** A coordinator's list from the web app: UTF-8 text, added to the server's areas (only its own organisation's replaced). */
export async function uploadAreaList(ctx: AppContext, actor: Actor, file: Buffer, ip: string | null): Promise<AreaImport> {
  authorize(actor, 'places:import');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return { imported: 0, added: 0, replaced: 0, countries: [], problems: [{ row: 0, column: '', value: '', code: 'not_utf8_list', rule: 'not UTF-8 text: save the list as "CSV UTF-8" and load it again' }], problemCount: 1, complete: true };
  }
  return importAreasCsv(ctx.db, text, organisationSource(actor.organisationId), auditActor(actor, ip), { onlyOwn: true });
}

/** The areas of one country (every level, or one), in full: a country's list is bounded by nature. */
export async function listAreas(db: DbOrTx, q: { country: string; level?: number | undefined; parent?: string | undefined }) {
  const where: SQL[] = [eq(adminAreas.country, q.country), visible()];
  if (q.level) where.push(eq(adminAreas.level, q.level));
  if (q.parent) where.push(eq(adminAreas.parentCode, q.parent));
  return db.select({ code: adminAreas.code, country: adminAreas.country, level: adminAreas.level, name: adminAreas.name, nameFr: adminAreas.nameFr, nameAr: adminAreas.nameAr, parent: adminAreas.parentCode })
    .from(adminAreas).where(and(...where)).orderBy(asc(adminAreas.level), asc(adminAreas.name));
}

/** Every country with areas: how many, at which levels, and where they came from (one row per country). */
export async function listCountries(db: Db, organisationId: string | null = null): Promise<PlaceCountry[]> {
  const rows = await db.select({
    country: adminAreas.country,
    areas: sql<number>`count(*)::int`,
    levels: sql<number[]>`array_agg(DISTINCT ${adminAreas.level} ORDER BY ${adminAreas.level})`,
    sources: sql<string[]>`array_agg(DISTINCT ${adminAreas.source} ORDER BY ${adminAreas.source})`,
  }).from(adminAreas).where(visible()).groupBy(adminAreas.country).orderBy(asc(adminAreas.country));
  return rows.map((r) => ({ ...r, sources: [...new Set(r.sources.map((s) => sourceKind(s, organisationId)))].sort() }));
}

/** The matcher over every area the pickers offer (match.ts), for the spreadsheet importer. */
export async function loadAreaMatcher(db: Db): Promise<AreaMatcher> {
  const rows = await db.select({ code: adminAreas.code, country: adminAreas.country, level: adminAreas.level, name: adminAreas.name, nameFr: adminAreas.nameFr, nameAr: adminAreas.nameAr, parent: adminAreas.parentCode })
    .from(adminAreas).where(visible());
  return buildAreaMatcher(rows);
}

/** Names (en, fr, ar) of the given area codes; codes not in the table (free text, another country) are absent. */
export async function areaNames(db: DbOrTx, codes: readonly string[]): Promise<Map<string, { name: string; nameFr: string | null; nameAr: string | null }>> {
  if (codes.length === 0) return new Map();
  const rows = await db.select({ code: adminAreas.code, name: adminAreas.name, nameFr: adminAreas.nameFr, nameAr: adminAreas.nameAr })
    .from(adminAreas).where(inArray(adminAreas.code, [...new Set(codes)]));
  return new Map(rows.map(({ code, ...names }) => [code, names]));
}
