/**
 * Reading the dates real files carry, the same way on the server (imports) and in the web app (the reading
 * shown beside sample values): ISO dates with or without a time, `9-May-20`, `09-May-2020`, `9 May 2020`,
 * `May 9, 2020`, `1er mai 2020` (English and French month names, full or short), `May 2020`, a bare year,
 * Excel serial numbers saved into a CSV (43960), and numeric day/month dates whose order the file decides
 * (`dmy` or `mdy`) when both readings are possible. A reading says how precise it is: a year or a month is
 * a range, never a made-up day. No Node imports: the web bundle imports this file.
 */

export const DATE_ORDERS = ['dmy', 'mdy'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];
export type DatePrecision = 'day' | 'month' | 'year';

export interface DateReading { from: string; to: string | null; precision: DatePrecision }

// No prototype: "constructor" or "toString" is not a month.
const MONTHS: Record<string, number> = Object.create(null) as Record<string, number>;
const add = (n: number, ...names: string[]) => { for (const name of names) MONTHS[name] = n; };
add(1, 'january', 'jan', 'janvier', 'janv');
add(2, 'february', 'feb', 'fevrier', 'fev', 'fevr');
add(3, 'march', 'mar', 'mars');
add(4, 'april', 'apr', 'avril', 'avr');
add(5, 'may', 'mai');
add(6, 'june', 'jun', 'juin');
add(7, 'july', 'jul', 'juillet', 'juil');
add(8, 'august', 'aug', 'aout');
add(9, 'september', 'sep', 'sept', 'septembre');
add(10, 'october', 'oct', 'octobre');
add(11, 'november', 'nov', 'novembre');
add(12, 'december', 'dec', 'decembre');

const monthOf = (word: string): number | null => MONTHS[word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\.$/, '')] ?? null;
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Two-digit years: the most recent year with those digits that is not in the future (20 -> 2020, 95 -> 1995). */
function fullYear(y: string, today: Date): number {
  if (y.length === 4) return Number(y);
  const n = Number(y);
  const thisYear = today.getUTCFullYear();
  return 2000 + n <= thisYear ? 2000 + n : 1900 + n;
}

function day(y: number, m: number, d: number): DateReading | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > lastDay(y, m)) return null;
  return { from: `${y}-${pad(m)}-${pad(d)}`, to: null, precision: 'day' };
}
function month(y: number, m: number): DateReading | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12) return null;
  return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(lastDay(y, m))}`, precision: 'month' };
}
function year(y: number): DateReading | null {
  return y >= 1900 && y <= 2100 ? { from: `${y}-01-01`, to: `${y}-12-31`, precision: 'year' } : null;
}

/** Excel's day count (1900 system, with its fictitious 29 February 1900): 43960 is 2020-05-09. */
function excelSerial(n: number): DateReading | null {
  const ms = Date.UTC(1899, 11, 30) + Math.floor(n) * 86_400_000;
  const d = new Date(ms);
  return day(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const TIME = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const ISO = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`);
const YEAR_MONTH = /^(\d{4})-(\d{1,2})$/;
const NUMERIC = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})${TIME}$`);
const DAY_NAMED = /^(\d{1,2})(?:er|st|nd|rd|th)?[\s.-]+([\p{L}]+\.?)[\s.,-]+(\d{4}|\d{2})$/u;
const NAMED_DAY = /^([\p{L}]+\.?)[\s.-]+(\d{1,2})(?:st|nd|rd|th)?,?[\s.-]+(\d{4})$/u;
const NAMED_MONTH = /^([\p{L}]+\.?)[\s.-]+(\d{4})$/u;
const SERIAL = /^(\d{5})(?:\.\d+)?$/;

/** How a numeric date reads in each order: the file's order decides only when both are possible. */
export function numericReadings(value: string, today = new Date()): { dmy: DateReading | null; mdy: DateReading | null } | null {
  const m = NUMERIC.exec(value.trim());
  if (!m) return null;
  const y = fullYear(m[3]!, today);
  const a = Number(m[1]);
  const b = Number(m[2]);
  return { dmy: day(y, b, a), mdy: day(y, a, b) };
}

/** The date a cell holds, read in the file's order of day and month, or null when it is not a date. */
export function readDate(raw: string, order: DateOrder, today = new Date()): DateReading | null {
  const v = raw.trim().replace(/\s+/g, ' ');
  if (v === '') return null;
  let m = ISO.exec(v);
  if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = YEAR_MONTH.exec(v))) return month(Number(m[1]), Number(m[2]));
  if (/^\d{4}$/.test(v)) return year(Number(v));
  if ((m = SERIAL.exec(v))) return excelSerial(Number(v));
  const numeric = numericReadings(v, today);
  if (numeric) return numeric[order];
  if ((m = DAY_NAMED.exec(v))) {
    const mo = monthOf(m[2]!);
    return mo ? day(fullYear(m[3]!, today), mo, Number(m[1])) : null;
  }
  if ((m = NAMED_DAY.exec(v))) {
    const mo = monthOf(m[1]!);
    return mo ? day(Number(m[3]), mo, Number(m[2])) : null;
  }
  if ((m = NAMED_MONTH.exec(v))) {
    const mo = monthOf(m[1]!);
    return mo ? month(Number(m[2]), mo) : null;
  }
  return null;
}

/** What a column's values say about its dates: how many read, how precisely, and which order they need. */
export interface DateProfile {
  /** Non-empty values looked at, and how many of them read as a date in at least one order. */
  values: number;
  dates: number;
  /** The finest precision most of the dates have. */
  precision: DatePrecision | null;
  /** Numeric dates readable only day first, only month first, or either way. */
  dayFirst: number;
  monthFirst: number;
  ambiguous: number;
}

export function profileDates(values: Iterable<string>, today = new Date()): DateProfile {
  const p: DateProfile = { values: 0, dates: 0, precision: null, dayFirst: 0, monthFirst: 0, ambiguous: 0 };
  const precisions: Record<DatePrecision, number> = { day: 0, month: 0, year: 0 };
  for (const raw of values) {
    const v = raw.trim();
    if (v === '') continue;
    p.values += 1;
    const numeric = numericReadings(v, today);
    if (numeric) {
      if (numeric.dmy && numeric.mdy && numeric.dmy.from !== numeric.mdy.from) p.ambiguous += 1;
      else if (numeric.dmy && !numeric.mdy) p.dayFirst += 1;
      else if (numeric.mdy && !numeric.dmy) p.monthFirst += 1;
    }
    const reading = readDate(v, 'dmy', today) ?? readDate(v, 'mdy', today);
    if (reading) {
      p.dates += 1;
      precisions[reading.precision] += 1;
    }
  }
  p.precision = p.dates === 0 ? null : (['day', 'month', 'year'] as const).reduce((best, k) => (precisions[k] > precisions[best] ? k : best), 'day' as DatePrecision);
  return p;
}

/** The order a profile asks for: the one its unambiguous dates use, or null when nothing tells (the user chooses). */
export function orderOf(p: DateProfile): DateOrder | null {
  if (p.dayFirst > 0 && p.monthFirst === 0) return 'dmy';
  if (p.monthFirst > 0 && p.dayFirst === 0) return 'mdy';
  return null;
}

export const PRECISION_RANK: Record<DatePrecision, number> = { day: 3, month: 2, year: 1 };
