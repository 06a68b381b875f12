/**
 * Checking a CSV of administrative areas (the CLI's and the web app's list loading). Pure: the file is
 * checked whole before anything is written, and its first problems are reported by row, column, value and
 * rule, with how many were found (../platform/checked-csv.ts).
 */
import { iso31661 } from 'iso-3166';
import { onlyProblem, ProblemList, readCsvRecords } from '../platform/checked-csv.ts';
import type { MessageCode } from '../shared/messages.ts';
import { AREA_LIST_COLUMNS as AREA_COLUMNS, type AreaListProblem, type FileProblems } from '../shared/places.ts';

export interface AreaRow { code: string; country: string; level: number; name: string; nameFr: string | null; nameAr: string | null; parentCode: string | null }
export type RowProblem = AreaListProblem;

const REQUIRED = ['country', 'level', 'pcode', 'name'] as const;

/** Assigned ISO 3166-1 alpha-3 codes, and Kosovo's XKX, which OCHA and UN lists use though ISO has not assigned it. */
const COUNTRIES = new Set([...iso31661.map((c) => c.alpha3), 'XKX']);

/**
 * What a load may not replace: codes already in the table from another source, with that source, and the
 * wording that says where they came from. Empty for the CLI, which may replace anything (the operator's tool).
 */
export interface Locked { sources: ReadonlyMap<string, string>; describe: (source: string) => string }
const NOTHING_LOCKED: Locked = { sources: new Map(), describe: (s) => s };

/** Parses and checks a CSV of areas against the codes already known; returns the rows, or its problems (how many, the first ones). */
export function checkAreasCsv(text: string, known: ReadonlySet<string>, locked: Locked = NOTHING_LOCKED): FileProblems & { rows: AreaRow[]; problems: RowProblem[] } {
  const problems = new ProblemList();
  const codes = new Set(known);
  const inFile = new Set<string>();
  const rows: AreaRow[] = [];
  const reading = readCsvRecords(text, problems, {
    trim: true,
    header: (header) => {
      for (const c of REQUIRED) if (!header.includes(c)) problems.add({ row: 1, column: c, value: '', code: 'missing_column', params: { columns: AREA_COLUMNS.join(', ') }, rule: `required column missing (expected ${AREA_COLUMNS.join(', ')})` });
    },
  }, (r, row) => {
    const bad = (column: string, code: MessageCode, rule: string) => problems.add({ row, column, value: r[column] ?? '', code, rule });
    const country = r.country ?? '';
    const level = Number(r.level);
    const code = r.pcode ?? '';
    if (!/^[A-Z]{3}$/.test(country)) bad('country', 'country_code', 'must be an ISO 3166 alpha-3 code such as CAF');
    else if (!COUNTRIES.has(country)) bad('country', 'not_a_country', 'is not an ISO 3166 alpha-3 country code');
    if (!Number.isInteger(level) || level < 1 || level > 4) bad('level', 'area_level', 'must be 1, 2, 3 or 4');
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{1,49}$/.test(code)) bad('pcode', 'pcode_format', 'must be 2-50 letters, digits, dots, dashes or underscores');
    if (!r.name) bad('name', 'required', 'is required');
    const parent = r.parent_pcode || null;
    if (level > 1 && !parent) bad('parent_pcode', 'parent_required', 'is required below level 1');
    if (parent && !codes.has(parent)) bad('parent_pcode', 'parent_unknown', 'is not a known area (list parents before their children, or import them first)');
    if (inFile.has(code)) bad('pcode', 'repeated_in_file', 'appears twice in the file');
    const owner = locked.sources.get(code);
    if (owner !== undefined) bad('pcode', 'area_locked', `already loaded from ${locked.describe(owner)}: leave this row out (its code can still be a parent_pcode); only the server's administrator can replace it, with salama places import`);
    inFile.add(code);
    codes.add(code);
    if (problems.count === 0) rows.push({ code, country, level, name: r.name ?? '', nameFr: r.name_fr || null, nameAr: r.name_ar || null, parentCode: parent });
  });
  if ('unreadable' in reading) return onlyProblem(reading.unreadable);
  if (problems.count) return problems.refused();
  if (reading.records === 0) return onlyProblem({ row: 1, column: '', value: '', code: 'no_areas', params: { columns: AREA_COLUMNS.join(', ') }, rule: `no areas: the file needs a header row (${AREA_COLUMNS.join(', ')}) and one line per area` });
  return { rows, problems: [], problemCount: 0, complete: true };
}
