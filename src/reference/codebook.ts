/**
 * Reading a SVAC or RSVAC file strictly against the codebook (the README in ./data says where it comes
 * from). Pure: text in, rows or its first problems out (how many: ../platform/checked-csv.ts), by row,
 * column, value and rule; a file with any problem gives no rows. `-99`, `NA` and blanks are "no report" and read as null, never 0. RSVAC's narrative notes
 * columns are never read.
 */
import { onlyProblem, ProblemList, readCsvRecords, type Cells } from '../platform/checked-csv.ts';
import type { MessageCode } from '../shared/messages.ts';
import type { FileProblems } from '../shared/places.ts';
import type { DatasetProblem, ReferenceDataset, ReferenceForm } from '../shared/reference.ts';
import { partyKeys } from '../parties/search-key.ts';

export interface ReferenceRow {
  rowNumber: number;
  year: number;
  conflictId: string | null;
  actor: string;
  ucdpActorId: string | null;
  actorKey: string;
  actorType: number | null;
  location: string | null;
  gwno: string[];
  conflictYear: number | null;
  interim: number | null;
  postConflict: number | null;
  statePrev: number | null;
  aiPrev: number | null;
  hrwPrev: number | null;
  childPrev: number | null;
  forms: ReferenceForm[] | null;
  multiplePerpetrators: number | null;
}

/** SVAC's `form` codes. */
export const SVAC_FORM_CODES: Readonly<Record<string, ReferenceForm>> = {
  1: 'rape', 2: 'sexual_slavery', 3: 'forced_prostitution', 4: 'forced_pregnancy', 5: 'forced_sterilization_abortion', 6: 'sexual_mutilation', 7: 'sexual_torture',
};
/** RSVAC's `form` names (the RSVAC package's documentation lists eight; forced pregnancy has no row). */
export const RSVAC_FORM_NAMES: Readonly<Record<string, ReferenceForm>> = {
  'rape': 'rape', 'sexual slavery and forced marriage': 'sexual_slavery_forced_marriage', 'forced prostitution': 'forced_prostitution',
  'forced pregnancy': 'forced_pregnancy', 'forced abortion and forced sterilization': 'forced_sterilization_abortion',
  'sexual mutilation': 'sexual_mutilation', 'sexual torture': 'sexual_torture', 'sexual abuse': 'sexual_abuse',
};

/** The columns each dataset must have (by the file's own header names), in the order of the published files. */
export const DATASET_COLUMNS: Readonly<Record<ReferenceDataset, readonly string[]>> = {
  svac: ['year', 'conflictid', 'actor', 'actorid', 'actor_type', 'location', 'gwnoloc', 'gwnoloc2', 'conflictyear', 'interm', 'postc', 'state_prev', 'ai_prev', 'hrw_prev', 'child_prev', 'form'],
  rsvac: ['year', 'conflictid_new', 'actor', 'actorid_new', 'actor_type', 'location', 'gwnoloc', 'conflictyear', 'interm', 'postc', 'form', 'state_prev', 'ai_prev', 'hrw_prev', 'mp'],
};

/** "No report": the codebook's -99, R's NA, or nothing. */
export const isNoReport = (cell: string): boolean => cell === '' || cell === '-99' || cell.toUpperCase() === 'NA';

/** The key an actor links by: its UCDP id and its name folded (accents, case, spacing and punctuation aside). */
export const actorKey = (ucdpActorId: string | null, actor: string): string => `${ucdpActorId ?? ''}:${partyKeys(actor).exactKey}`;

/** One row read, or its problems added: every problem of the row in one pass. */
function readRow(dataset: ReferenceDataset, r: Cells, rowNumber: number, problems: ProblemList): ReferenceRow | null {
  const before = problems.count;
  const bad = (column: string, code: MessageCode, rule: string, params?: DatasetProblem['params']) =>
    problems.add({ row: rowNumber, column, value: r[column] ?? '', code, rule, ...(params ? { params } : {}) });
  const cell = (column: string) => (r[column] ?? '').trim();
  /** An ordinal code from 0 to max, or null for no report. */
  const level = (column: string, max: number): number | null => {
    const v = cell(column);
    if (isNoReport(v)) return null;
    if (!/^\d$/.test(v) || Number(v) > max) {
      bad(column, 'codebook_value', `is not a value of the codebook here (expected 0 to ${max}, or -99/NA for no report)`, { expected: `0–${max}, -99, NA` });
      return null;
    }
    return Number(v);
  };
  const id = (column: string): string | null => {
    const v = cell(column);
    if (isNoReport(v)) return null;
    if (!/^\d{1,9}$/.test(v)) bad(column, 'codebook_value', 'is not a UCDP id (digits)', { expected: 'digits' });
    return v;
  };
  const yearText = cell('year');
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < 1946 || year > 2100) bad('year', 'year_value', 'must be a year from 1946 to 2100', { min: 1946, max: 2100 });
  const actor = cell('actor');
  if (!actor) bad('actor', 'required', 'is required');
  const svac = dataset === 'svac';
  const ucdpActorId = id(svac ? 'actorid' : 'actorid_new');
  const conflictId = id(svac ? 'conflictid' : 'conflictid_new');
  const actorType = level('actor_type', 6);
  if (actorType === 0) bad('actor_type', 'codebook_value', 'is not a value of the codebook here (expected 1 to 6)', { expected: '1–6' });
  const gwno: string[] = [];
  for (const column of ['gwnoloc', 'gwnoloc2', 'gwnoloc3', 'gwnoloc4']) {
    const v = cell(column);
    if (isNoReport(v)) continue;
    const codes = v.split(',').map((s) => s.trim()).filter(Boolean);
    if (codes.some((c) => !/^\d{1,4}$/.test(c))) bad(column, 'codebook_value', 'is not a Gleditsch-Ward country code', { expected: 'digits' });
    for (const c of codes) if (c !== '0' && !gwno.includes(c)) gwno.push(c);
  }
  const out: ReferenceRow = {
    rowNumber, year, conflictId, actor, ucdpActorId, actorKey: actorKey(ucdpActorId, actor), actorType,
    location: cell('location') || null, gwno,
    conflictYear: level('conflictyear', 1), interim: level('interm', 1), postConflict: level('postc', 1),
    statePrev: level('state_prev', 3), aiPrev: level('ai_prev', 3), hrwPrev: level('hrw_prev', 3),
    childPrev: svac ? level('child_prev', 3) : null,
    forms: null,
    multiplePerpetrators: svac ? null : level('mp', 2),
  };
  const form = cell('form');
  if (svac && !isNoReport(form)) {
    const codes = form.split(',').map((s) => s.trim()).filter(Boolean);
    if (codes.length === 0 || codes.some((c) => !SVAC_FORM_CODES[c])) bad('form', 'codebook_value', 'is not a list of form codes 1 to 7 (or -99 for none reported)', { expected: '1–7, -99' });
    else out.forms = Object.keys(SVAC_FORM_CODES).filter((c) => codes.includes(c)).map((c) => SVAC_FORM_CODES[c]!);
  }
  if (!svac) {
    const named = RSVAC_FORM_NAMES[form.toLowerCase()];
    if (!named) bad('form', 'codebook_value', `is not one of RSVAC's forms (${Object.keys(RSVAC_FORM_NAMES).join(', ')})`, { expected: Object.keys(RSVAC_FORM_NAMES).join(', ') });
    else out.forms = [named];
  }
  return problems.count === before ? out : null;
}

export interface ReadDataset extends FileProblems { rows: ReferenceRow[]; problems: DatasetProblem[] }

/**
 * Reads a whole file: its rows when it has no problem at all, else its first problems (how many were found:
 * checked-csv.ts) and no rows. A missing column stops at the header; once a row has a problem, no row is kept.
 */
export function readDataset(dataset: ReferenceDataset, text: string): ReadDataset {
  const columns = DATASET_COLUMNS[dataset];
  const problems = new ProblemList();
  const rows: ReferenceRow[] = [];
  const reading = readCsvRecords(text, problems, {
    header: (header) => {
      for (const c of columns.filter((c) => !header.includes(c))) {
        problems.add({ row: 1, column: c, value: '', code: 'missing_column', params: { columns: columns.join(', ') }, rule: `required column missing (expected ${columns.join(', ')})` });
      }
    },
  }, (r, rowNumber) => {
    const row = readRow(dataset, r, rowNumber, problems);
    if (row && problems.count === 0) rows.push(row);
  });
  if ('unreadable' in reading) return onlyProblem(reading.unreadable);
  if (problems.count) return problems.refused();
  if (reading.records === 0) return onlyProblem({ row: 1, column: '', value: '', code: 'file_no_rows', rule: 'the file has a header but no rows' });
  return { rows, problems: [], problemCount: 0, complete: true };
}
