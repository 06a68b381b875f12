/**
 * Loading administrative areas: the built-in boundary files, or a CSV with P-codes. A CSV is checked whole
 * before anything is written: every problem is reported by row, column, value and rule, and either every
 * row is stored (codes already known are updated) or none is.
 */
import { parse } from 'csv-parse/sync';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../platform/db/database.ts';
import { recordAudit, type AuditActor } from '../platform/audit/audit.ts';
import { adminAreas } from './tables.ts';
import builtIn from './admin-areas.json' with { type: 'json' };

export interface AreaRow { code: string; country: string; level: number; name: string; nameFr: string | null; nameAr: string | null; parentCode: string | null }
export interface RowProblem { row: number; column: string; value: string; rule: string }

async function upsert(db: Db | Parameters<Parameters<Db['transaction']>[0]>[0], rows: AreaRow[], source: string) {
  for (let i = 0; i < rows.length; i += 500) {
    await db.insert(adminAreas).values(rows.slice(i, i + 500).map((r) => ({ ...r, source, updatedAt: new Date() })))
      .onConflictDoUpdate({
        target: adminAreas.code,
        set: { country: sql`excluded.country`, level: sql`excluded.level`, name: sql`excluded.name`, nameFr: sql`excluded.name_fr`, nameAr: sql`excluded.name_ar`, parentCode: sql`excluded.parent_code`, source: sql`excluded.source`, updatedAt: sql`excluded.updated_at` },
      });
  }
}

/** The boundary files shipped with Salama (idempotent; run at every start). */
export async function ensureBuiltInAreas(db: Db): Promise<void> {
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(adminAreas).where(eq(adminAreas.source, 'builtin'));
  if (n >= builtIn.areas.length) return;
  await upsert(db, builtIn.areas.map((a) => ({ code: a.code, country: a.country, level: a.level, name: a.name, nameFr: a.nameFr ?? null, nameAr: a.nameAr ?? null, parentCode: a.parent ?? null })), 'builtin');
}

const COLUMNS = ['country', 'level', 'pcode', 'name', 'name_fr', 'name_ar', 'parent_pcode'] as const;

/** Parses and checks a CSV of areas; returns the rows, or every problem found. */
export function checkAreasCsv(text: string, known: ReadonlySet<string>): { rows: AreaRow[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true });
  } catch (e) {
    return { rows: [], problems: [{ row: 0, column: '', value: '', rule: `not a readable CSV file: ${(e as Error).message.split('\n')[0]}` }] };
  }
  const header = records.length ? Object.keys(records[0]!) : [];
  for (const c of ['country', 'level', 'pcode', 'name']) if (!header.includes(c)) problems.push({ row: 1, column: c, value: '', rule: `required column missing (expected ${COLUMNS.join(', ')})` });
  if (problems.length) return { rows: [], problems };
  const codes = new Set(known);
  const rows: AreaRow[] = [];
  records.forEach((r, i) => {
    const row = i + 2; // the header is row 1
    const bad = (column: string, rule: string) => problems.push({ row, column, value: r[column] ?? '', rule });
    const country = r.country ?? '';
    const level = Number(r.level);
    const code = r.pcode ?? '';
    if (!/^[A-Z]{3}$/.test(country)) bad('country', 'must be an ISO 3166 alpha-3 code such as CAF');
    if (!Number.isInteger(level) || level < 1 || level > 4) bad('level', 'must be 1, 2, 3 or 4');
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{1,49}$/.test(code)) bad('pcode', 'must be 2-50 letters, digits, dots, dashes or underscores');
    if (!r.name) bad('name', 'is required');
    const parent = r.parent_pcode || null;
    if (level > 1 && !parent) bad('parent_pcode', 'is required below level 1');
    if (parent && !codes.has(parent)) bad('parent_pcode', 'is not a known area (list parents before their children, or import them first)');
    if (rows.some((x) => x.code === code)) bad('pcode', 'appears twice in the file');
    codes.add(code);
    rows.push({ code, country, level, name: r.name ?? '', nameFr: r.name_fr || null, nameAr: r.name_ar || null, parentCode: parent });
  });
  return { rows: problems.length ? [] : rows, problems };
}

export async function importAreasCsv(db: Db, text: string, source: string, actor: AuditActor) {
  const known = new Set((await db.select({ code: adminAreas.code }).from(adminAreas)).map((r) => r.code));
  const { rows, problems } = checkAreasCsv(text, known);
  if (problems.length) return { imported: 0, problems };
  await db.transaction(async (tx) => {
    await upsert(tx, rows, source);
  });
  await recordAudit(db, actor, { action: 'places.import', details: { source, rows: rows.length } });
  return { imported: rows.length, problems };
}

/** The areas of one country (every level, or one), in full: a country's list is bounded by nature. */
export async function listAreas(db: Db, q: { country: string; level?: number | undefined; parent?: string | undefined }) {
  const where: SQL[] = [eq(adminAreas.country, q.country)];
  if (q.level) where.push(eq(adminAreas.level, q.level));
  if (q.parent) where.push(eq(adminAreas.parentCode, q.parent));
  return db.select({ code: adminAreas.code, country: adminAreas.country, level: adminAreas.level, name: adminAreas.name, nameFr: adminAreas.nameFr, nameAr: adminAreas.nameAr, parent: adminAreas.parentCode })
    .from(adminAreas).where(and(...where)).orderBy(asc(adminAreas.level), asc(adminAreas.name));
}

/** Every country the table has areas for, with how many (a handful of rows: one per country). */
export async function listCountries(db: Db) {
  return db.select({ country: adminAreas.country, areas: sql<number>`count(*)::int` })
    .from(adminAreas).groupBy(adminAreas.country).orderBy(asc(adminAreas.country));
}

/** Names (en, fr, ar) of the given area codes; codes not in the table (free text, another country) are absent. */
export async function areaNames(db: DbOrTx, codes: readonly string[]): Promise<Map<string, { name: string; nameFr: string | null; nameAr: string | null }>> {
  if (codes.length === 0) return new Map();
  const rows = await db.select({ code: adminAreas.code, name: adminAreas.name, nameFr: adminAreas.nameFr, nameAr: adminAreas.nameAr })
    .from(adminAreas).where(inArray(adminAreas.code, [...new Set(codes)]));
  return new Map(rows.map(({ code, ...names }) => [code, names]));
}
