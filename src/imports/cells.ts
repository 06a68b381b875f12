/**
 * Reading the cells of one row for one field: coded values through the mapping (an explicit choice, the
 * code as written, a country or area name, or the "all unmatched" choice), several values in one cell, whole
 * numbers (with "unknown" as a real value), yes/no, dates in the file's order. Every problem is reported
 * against the column and the value as the user sees them, with a code the web app words in their language.
 */
import countries from 'i18n-iso-countries';
import { countryCode } from '../shared/country.ts';
import { readDate, type DateReading } from '../shared/dates.ts';
import {
  autoCode, CODED_FIELDS, cellValue, VALUE_SEPARATORS, type CodedField, type ImportField, type ImportMapping, type ProblemCode, type RowProblem,
} from '../shared/import.ts';
import { problem } from './problems.ts';

/** Resolves an area written in a file (a code or a name) for a country and level. */
export interface AreaLookup {
  resolve(country: string, level: 1 | 2, value: string, parent: string | null): { code: string } | { ambiguous: string[] } | null;
}

/** How files say that a number is not known. */
const UNKNOWN_NUMBER = new Set(['unknown', 'inconnu', 'inconnue', 'non connu', 'nk', 'n/k', 'na', 'n/a', '?', '-', '-99', 'غير معروف', 'unk']);

const isUnknownNumber = (raw: string) => UNKNOWN_NUMBER.has(raw.trim().toLowerCase());

/** Short, a few words, letters, at most a code's worth of digits: "Nord-Kivu", "Sud-Ubangi", "Ninewa Governorate". */
export function looksLikeAreaName(s: string): boolean {
  return s.length <= 60 && s.split(/\s+/).length <= 6 && /\p{L}/u.test(s) && (s.match(/\p{N}/gu)?.length ?? 0) <= 4 && !/[@:;!?"«»“”]/.test(s);
}

/** The codes values stood for, by field and value: a file repeats its few values on every row. */
export type CodeMemo = Map<string, string | null>;

export class RowCells {
  readonly problems: RowProblem[] = [];
  readonly faulty = new Set<ImportField>();

  constructor(private readonly cells: readonly string[], readonly row: number, private readonly mapping: ImportMapping,
    private readonly indexOf: (column: string) => number, private readonly areas: AreaLookup, private readonly memo: CodeMemo = new Map()) {}

  /** The cell of a column ('' when the column is not mapped or the file has none). */
  at(column: string | undefined): string {
    if (column === undefined) return '';
    const i = this.indexOf(column);
    return i >= 0 ? (this.cells[i] ?? '').trim() : '';
  }

  bad(field: ImportField, column: string | undefined, code: ProblemCode, params: Record<string, string | number> = {}, value = this.at(column)): void {
    this.faulty.add(field);
    this.problems.push(problem(this.row, column ?? `(${field})`, value, field, code, params));
  }

  /** The code one value stands for, '' when it is left empty on purpose, null when nothing maps it. */
  code(field: CodedField, value: string): string | null {
    // The same for every row of a mapping, and not cheap (accents and punctuation folded): looked up once.
    const key = `${field}\u0000${value}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const found = this.lookup(field, value);
    this.memo.set(key, found);
    return found;
  }

  private lookup(field: CodedField, value: string): string | null {
    const v = cellValue(value);
    const chosen = this.mapping.values[field]?.[value] ?? this.mapping.values[field]?.[v];
    if (chosen !== undefined) return chosen;
    const auto = autoCode(field, v);
    if (auto) return auto;
    if (field === 'country') return countryCode(countries, v);
    return this.mapping.unmatched[field] ?? null;
  }

  /** One coded value from a column. */
  one(field: CodedField, column: string | undefined): string | null {
    const raw = this.at(column);
    if (raw === '') return null;
    const code = this.code(field, raw);
    if (code === null) {
      const list = CODED_FIELDS[field];
      this.bad(field, column, 'unknown_value', { value: raw, ...(list ? { codes: (list as readonly string[]).join(', ') } : {}) });
    }
    return code || null;
  }

  /** Several coded values from one cell (the whole cell may itself be mapped: "rape; sexual slavery" -> one code). */
  many(field: CodedField, column: string | undefined): string[] {
    const raw = this.at(column);
    if (raw === '') return [];
    const whole = this.mapping.values[field]?.[raw];
    if (whole !== undefined) return whole ? [whole] : [];
    const out: string[] = [];
    for (const part of raw.split(VALUE_SEPARATORS[this.mapping.separator]).map((x) => x.trim()).filter(Boolean)) {
      const code = this.code(field, part);
      if (code === null) this.bad(field, column, 'unknown_value', { value: part });
      else if (code && !out.includes(code)) out.push(code);
    }
    return out;
  }

  /** An area: its code, or its name as written when no list knows it (kept, searchable, shown, exported). */
  area(level: 1 | 2, column: string | undefined, country: string, parent: string | null): { value: string | null; kept: boolean } {
    const field = level === 1 ? 'admin1' : 'admin2';
    const raw = cellValue(this.at(column));
    if (raw === '') return { value: null, kept: false };
    const chosen = this.mapping.values[field]?.[raw];
    if (chosen) {
      // A code typed in the values step must be an area of the row's country at that level.
      const known = country ? this.areas.resolve(country, level, chosen, null) : null;
      if (!known || !('code' in known) || known.code !== chosen) {
        this.bad(field, column, 'invalid', { message: `"${chosen}" (chosen for "${raw}") is not a level ${level} area of ${country || 'the row\'s country'}: choose a code of its list, or load the country's areas` });
      }
      return { value: chosen, kept: false };
    }
    if (chosen === '') return { value: null, kept: false };
    const found = country ? this.areas.resolve(country, level, raw, parent) : null;
    if (found && 'code' in found) return { value: found.code, kept: false };
    const fallback = this.mapping.unmatched[field];
    if (fallback !== undefined) return { value: fallback || null, kept: false };
    // A name is kept only if it looks like one: whatever else (a narrative's words, a number) would sit in
    // a column stored in clear, so it is a problem of the row instead.
    if (!looksLikeAreaName(raw)) { this.bad(field, column, 'not_an_area', { value: raw }); return { value: null, kept: false }; }
    return { value: raw, kept: true };
  }

  /** A whole number: null when empty; `unknown` when the file says the number is not known. */
  count(field: ImportField, column: string | undefined): number | 'unknown' | null {
    const raw = this.at(column);
    if (raw === '') return null;
    if (isUnknownNumber(raw)) return 'unknown';
    const n = Number(raw.replace(',', '.'));
    if (!Number.isInteger(n) || n < 0) { this.bad(field, column, 'whole_number'); return null; }
    return n;
  }

  number(field: ImportField, column: string | undefined): number | null {
    const raw = this.at(column);
    if (raw === '') return null;
    const n = Number(raw.replace(',', '.'));
    if (!Number.isFinite(n)) { this.bad(field, column, 'not_a_number'); return null; }
    return n;
  }

  /** Yes/no through the values step (yes, no, or left empty on purpose). */
  bool(field: CodedField, column: string | undefined): boolean | null {
    const raw = this.at(column);
    if (raw === '') return null;
    const code = this.code(field, raw);
    if (code === null) { this.bad(field, column, 'yes_no'); return null; }
    return code === '' ? null : code === 'yes';
  }

  date(field: ImportField, column: string | undefined): DateReading | null {
    const raw = this.at(column);
    if (raw === '') return null;
    const d = readDate(raw, this.mapping.dateOrder);
    if (!d) this.bad(field, column, 'not_a_date', { order: this.mapping.dateOrder });
    return d;
  }
}
