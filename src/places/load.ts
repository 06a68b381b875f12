/**
 * Writing areas, and the reference areas every server has from its first start: the boundary files shipped
 * with Salama (src/places/admin-areas.json: eight mission countries, names in three languages, some with
 * districts), then ISO 3166-2 level 1 for every other country (iso3166.ts). Both are idempotent and cheap
 * when done: one count each, then nothing. Each is one set-based statement when there is something to do.
 *
 * Who wins a code: the boundary files over the ISO list (they carry French and Arabic names); neither ever
 * overwrites an area loaded from a CSV. The ISO list only fills codes nobody else has.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db/database.ts';
import builtIn from './admin-areas.json' with { type: 'json' };
import type { AreaRow } from './csv.ts';
import { ISO_SOURCE, isoLevelOneAreas, isoLevelOneCodes } from './iso3166.ts';
import { searchKey } from './search.ts';

export const BUILTIN_SOURCE = 'builtin';
/** Sources a server loads by itself; an area from any other source was loaded by a person. */
export const REFERENCE_SOURCES: readonly string[] = [BUILTIN_SOURCE, ISO_SOURCE];

const builtInRows: readonly AreaRow[] = builtIn.areas.map((a) => ({
  code: a.code, country: a.country, level: a.level, name: a.name, nameFr: a.nameFr ?? null, nameAr: a.nameAr ?? null, parentCode: a.parent ?? null,
}));

/**
 * When a code is already in the table: `replace` it (the CLI's load), replace it only if the same source
 * loaded it (`replaceOwn`: a web load, checked again here in case another list took the code meanwhile),
 * only if it came from a reference source (`replaceReference`: the boundary files over the ISO list), or
 * `keep` it (the ISO list).
 */
export type OnConflict = 'replace' | 'replaceOwn' | 'replaceReference' | 'keep';

/** Inserts rows in one statement (arrays unnested by the server, whatever the row count). */
export async function writeAreas(db: DbOrTx, rows: readonly AreaRow[], source: string, onConflict: OnConflict): Promise<void> {
  if (rows.length === 0) return;
  const column = <K extends keyof AreaRow>(key: K) => sql.param(rows.map((r) => r[key]));
  const keys = sql.param(rows.map((r) => searchKey([r.name, r.nameFr, r.nameAr])));
  const update = sql`DO UPDATE SET country = excluded.country, level = excluded.level, name = excluded.name, name_fr = excluded.name_fr,
    name_ar = excluded.name_ar, parent_code = excluded.parent_code, search_key = excluded.search_key, source = excluded.source, updated_at = excluded.updated_at`;
  const conflict: SQL = onConflict === 'keep' ? sql`DO NOTHING`
    : onConflict === 'replace' ? update
      : onConflict === 'replaceOwn' ? sql`${update} WHERE admin_areas.source = excluded.source`
        : sql`${update} WHERE admin_areas.source IN (${sql.join(REFERENCE_SOURCES.map((s) => sql`${s}`), sql`, `)})`;
  await db.execute(sql`
    INSERT INTO admin_areas (code, country, level, name, name_fr, name_ar, parent_code, search_key, source, updated_at)
    SELECT code, country, level, name, name_fr, name_ar, parent_code, search_key, ${source}, now()
    FROM unnest(${column('code')}::text[], ${column('country')}::text[], ${column('level')}::int[], ${column('name')}::text[],
      ${column('nameFr')}::text[], ${column('nameAr')}::text[], ${column('parentCode')}::text[], ${keys}::text[])
      AS t(code, country, level, name, name_fr, name_ar, parent_code, search_key)
    ON CONFLICT (code) ${conflict}`);
}

/** How many of these codes the table has (from any source but `except`). */
async function present(db: Db, codes: readonly string[], except?: string): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM admin_areas
    WHERE code = ANY(${sql.param(codes)}::text[]) ${except ? sql`AND source <> ${except}` : sql``}`);
  return r.rows[0]?.n ?? 0;
}

const builtInCodes = builtInRows.map((r) => r.code);

/** The boundary files: written unless every code is there already from them or from a CSV. */
async function ensureBoundaryFiles(db: Db): Promise<void> {
  if (await present(db, builtInCodes, ISO_SOURCE) >= builtInRows.length) return;
  await writeAreas(db, builtInRows, BUILTIN_SOURCE, 'replaceReference');
}

/** ISO 3166-2 level 1: every code nobody else has. */
async function ensureIsoAreas(db: Db): Promise<void> {
  const rows = isoLevelOneAreas();
  if (await present(db, isoLevelOneCodes()) >= rows.length) return;
  await writeAreas(db, rows, ISO_SOURCE, 'keep');
}

/**
 * The reference areas (idempotent; run at every start, and by the import job in case the server started
 * before they were loaded). The boundary files go first so that they, not the ISO list, own shared codes.
 */
export async function ensureBuiltInAreas(db: Db): Promise<void> {
  await ensureBoundaryFiles(db);
  await ensureIsoAreas(db);
  await refreshSearchKeys(db);
}

/**
 * Search keys where they are missing (areas stored before keys existed) or stale (the folding rules in
 * fold.ts changed since): computed here, because the folding is JavaScript, and written in one statement.
 * A few thousand rows read once per start; nothing is written when every key is current.
 */
export async function refreshSearchKeys(db: Db): Promise<number> {
  const rows = await db.execute<{ code: string; name: string; name_fr: string | null; name_ar: string | null; search_key: string | null }>(
    sql`SELECT code, name, name_fr, name_ar, search_key FROM admin_areas`);
  const stale = rows.rows.map((r) => ({ code: r.code, key: searchKey([r.name, r.name_fr, r.name_ar]), was: r.search_key })).filter((r) => r.key !== r.was);
  if (stale.length === 0) return 0;
  await db.execute(sql`UPDATE admin_areas a SET search_key = t.key
    FROM unnest(${sql.param(stale.map((r) => r.code))}::text[], ${sql.param(stale.map((r) => r.key))}::text[]) AS t(code, key)
    WHERE a.code = t.code`);
  return stale.length;
}
