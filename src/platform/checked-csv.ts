/**
 * Reading an uploaded CSV file to check it whole (lists of areas, reference datasets) with bounded work and
 * memory: records are checked one by one as the parser gives them (never all held at once); the first
 * MAX_LISTED_PROBLEMS problems are kept, and once a row takes the count past them the reading stops (the
 * count is then "at least": enough to correct the file by, and a file of bad rows costs no more than its
 * first few hundred); a record longer than MAX_CSV_RECORD_CHARS (one enormous cell, or a quotation mark
 * never closed) stops the reading with a problem naming its row. Pure.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { MAX_LISTED_PROBLEMS, type AreaListProblem, type FileProblems } from '../shared/places.ts';

/** Far above any real line of these files (RSVAC's longest, with its notes, is under 1,500 characters). */
export const MAX_CSV_RECORD_CHARS = 64 * 1024;

/** A file's problems as they are found: counted, the first MAX_LISTED_PROBLEMS kept. */
export class ProblemList {
  readonly listed: AreaListProblem[] = [];
  count = 0;
  /** False once the reading stopped early: `count` is then a minimum. */
  complete = true;

  add(problem: AreaListProblem): void {
    this.count += 1;
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
  }

  /** More problems than are listed: reading on would only count. */
  get full(): boolean {
    return this.count > MAX_LISTED_PROBLEMS;
  }

  /** The outcome of a file with these problems: no rows, the problems kept and how many were found. */
  refused(): FileProblems & { rows: never[]; problems: AreaListProblem[] } {
    return { rows: [], problems: this.listed, problemCount: this.count, complete: this.complete };
  }
}

/** One problem for the whole file (or its header): the file refused with it alone. */
export const onlyProblem = (problem: AreaListProblem) => {
  const list = new ProblemList();
  list.add(problem);
  return list.refused();
};

export type Cells = Record<string, string>;

export type CsvReading = { header: string[]; records: number } | { unreadable: AreaListProblem };

/** Thrown from the parser's callbacks to stop reading (csv-parse hands it back as is). */
const STOP = new Error('reading stopped');

/**
 * Reads the records after the header (its names trimmed and lower-cased), giving each to `each` with its
 * row number (the header is row 1) and keeping none. `header` decides first whether to read on; the reading
 * stops after the record that fills `problems` (marked incomplete). The file's header and how many records
 * were read, or why it could not be read (its row: the line the parser stopped at).
 */
export function readCsvRecords(text: string, problems: ProblemList, opts: { trim?: boolean; header: (columns: string[]) => void }, each: (record: Cells, row: number) => void): CsvReading {
  let header: string[] = [];
  let records = 0;
  try {
    parse(text, {
      columns: (h: string[]) => {
        header = h.map((c) => c.trim().toLowerCase());
        opts.header(header);
        if (problems.count) throw STOP;
        return header;
      },
      skip_empty_lines: true, bom: true, trim: opts.trim ?? false, max_record_size: MAX_CSV_RECORD_CHARS,
      on_record: (record: Cells) => {
        records += 1;
        each(record, records + 1);
        if (problems.full) {
          problems.complete = false;
          throw STOP;
        }
        return null;
      },
    });
  } catch (e) {
    if (e === STOP) return { header, records };
    if (!(e instanceof CsvError)) throw e;
    if (e.code === 'CSV_MAX_RECORD_SIZE') {
      // The record after the last one read: where the long cell, or the quote never closed, begins.
      return { unreadable: { row: records + 2, column: '', value: '', code: 'record_too_long', params: { max: MAX_CSV_RECORD_CHARS }, rule: `line longer than ${MAX_CSV_RECORD_CHARS} characters (a cell far too long, or a quotation mark never closed)` } };
    }
    // csv-parse says on which line it stopped: the row to look at.
    const lines = (e as { lines?: unknown }).lines;
    return { unreadable: { row: typeof lines === 'number' ? lines : 0, column: '', value: '', code: 'csv_unreadable', rule: `not a readable CSV file: ${e.message.split('\n')[0]}` } };
  }
  return { header, records };
}
