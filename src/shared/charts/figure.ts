/**
 * A figure as cells over named dimensions: the one shape that charts (options.ts), the web app's tables and the
 * downloads (CSV, XLSX) are made from, whichever tier the figure comes from. A restricted answer has exact
 * values; a protected table has cells that are suppressed (value null, with the reason), never zero or blank.
 * Pure: no DOM, no Node imports (the web app and the server both import it).
 */
import { csvLine, type CsvValue } from '../csv.ts';
import { TOTAL_CODE, type PeriodGrain, type ProtectedDimension, type ProtectedTableOut, type StatDimension, type StatsAnswer } from '../stats.ts';
import { SETTINGS, SV_FORMS, VERIFICATION_STATUSES, VICTIM_CATEGORIES } from '../taxonomy.ts';

export type FigureDimension = StatDimension | ProtectedDimension;
/** Why a cell is suppressed; `suppressed` alone where the reader is not told why. */
export type SuppressionReason = 'primary' | 'secondary' | 'suppressed';

export interface FigureCell { key: readonly string[]; value: number | null; suppressed: SuppressionReason | null }
export interface Figure { dimensions: readonly FigureDimension[]; cells: readonly FigureCell[]; grain: PeriodGrain }

/** Fixed words a figure writes itself (everything else is a code's name). */
export type ChartText = 'value' | 'total' | 'suppressed' | 'primary' | 'secondary' | 'primaryMark' | 'secondaryMark';

/** How a figure speaks in the reader's language: names of codes and dimensions, a few words, the direction. */
export interface ChartWords {
  label(dimension: FigureDimension, code: string): string;
  dimension(dimension: FigureDimension): string;
  text(key: ChartText): string;
  rtl: boolean;
}

export const fromAnswer = (a: Pick<StatsAnswer, 'by' | 'rows' | 'grain'>): Figure =>
  ({ dimensions: a.by, grain: a.grain, cells: a.rows.map((r) => ({ key: r.key, value: r.value, suppressed: null })) });

export const fromProtected = (t: ProtectedTableOut, grain: PeriodGrain): Figure =>
  ({ dimensions: t.dimensions, grain, cells: t.cells.map((c) => ({ key: c.key, value: c.value, suppressed: c.suppressed })) });

// ---- Periods ----

const nextPeriod = (p: string, grain: PeriodGrain): string => {
  const year = Number(p.slice(0, 4));
  if (grain === 'year') return String(year + 1);
  const n = Number(grain === 'quarter' ? p.slice(6) : p.slice(5));
  const last = grain === 'quarter' ? 4 : 12;
  if (n === last) return grain === 'quarter' ? `${year + 1}-Q1` : `${year + 1}-01`;
  return grain === 'quarter' ? `${year}-Q${n + 1}` : `${year}-${String(n + 1).padStart(2, '0')}`;
};

const LEAF_PERIOD: Record<PeriodGrain, RegExp> = { year: /^\d{4}$/, quarter: /^\d{4}-Q[1-4]$/, month: /^\d{4}-\d{2}$/ };

/** Every period from the first to the last seen (a period with nothing is a zero, not a gap), oldest first. */
export function periodRange(codes: Iterable<string>, grain: PeriodGrain): string[] {
  const seen = [...new Set(codes)].filter((c) => LEAF_PERIOD[grain].test(c)).sort();
  if (seen.length === 0) return [];
  const out: string[] = [];
  for (let p = seen[0]!; p <= seen.at(-1)! && out.length < 1000; p = nextPeriod(p, grain)) out.push(p);
  return out;
}

// ---- Order of codes ----

const TAXONOMY_ORDER: Partial<Record<FigureDimension, readonly string[]>> = {
  form: SV_FORMS, victimCategory: VICTIM_CATEGORIES, status: VERIFICATION_STATUSES, setting: SETTINGS,
};

/** Protected tables carry subtotals: a year after its quarters, a country after its areas, the total last. */
function hierarchyRank(dimension: FigureDimension, code: string): [string, number] {
  if (code === TOTAL_CODE) return ['\uffff', 2];
  if (dimension === 'period') return /^\d{4}$/.test(code) ? [code, 1] : [code.slice(0, 4), 0];
  if (dimension === 'area') return code.includes('/') ? [code.split('/')[0]!, 0] : [code, 1];
  return ['', 0];
}

/**
 * The codes of one dimension in reading order: periods in time, taxonomy lists in the taxonomy's order, other
 * codes by the value given (largest first) then by name; subtotals after what they add up, the total last.
 */
export function orderCodes(dimension: FigureDimension, codes: Iterable<string>, opts: { weight?: ReadonlyMap<string, number>; words?: ChartWords } = {}): string[] {
  const order = TAXONOMY_ORDER[dimension];
  const name = (c: string) => opts.words?.label(dimension, c) ?? c;
  return [...new Set(codes)].sort((a, b) => {
    const [ga, ra] = hierarchyRank(dimension, a);
    const [gb, rb] = hierarchyRank(dimension, b);
    if (ga !== gb) return ga < gb ? -1 : 1;
    if (ra !== rb) return ra - rb;
    if (dimension === 'period' || dimension === 'area') return a < b ? -1 : a > b ? 1 : 0;
    if (order) {
      const [ia, ib] = [order.indexOf(a), order.indexOf(b)];
      if (ia !== ib) return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
    }
    const w = (opts.weight?.get(b) ?? 0) - (opts.weight?.get(a) ?? 0);
    return w !== 0 ? w : name(a).localeCompare(name(b));
  });
}

/**
 * The finest codes only, for charts: a protected table's total, its years where it shows their quarters and its
 * countries where it shows their areas are subtotals, which would squash the colour scale (tables keep them).
 */
export function leafCodes(dimension: FigureDimension, codes: readonly string[]): string[] {
  const rest = codes.filter((c) => c !== TOTAL_CODE);
  if (dimension === 'period' && rest.some((c) => c.includes('-'))) return rest.filter((c) => c.includes('-'));
  if (dimension === 'area' && rest.some((c) => c.includes('/'))) return rest.filter((c) => c.includes('/'));
  return rest;
}

/** Sum of the published values per code of one dimension (for ordering by size). */
export function weights(figure: Figure, dimension: FigureDimension): Map<string, number> {
  const i = figure.dimensions.indexOf(dimension);
  const out = new Map<string, number>();
  for (const c of figure.cells) out.set(c.key[i]!, (out.get(c.key[i]!) ?? 0) + (c.value ?? 0));
  return out;
}

// ---- Cross tabulation ----

export interface CrossTab {
  rows: string[];
  columns: string[];
  /** The cell at a row and a column; a restricted figure leaves out cells with nothing, which are zeros. */
  cell: (row: string, column: string) => FigureCell;
}

const ZERO = (key: readonly string[]): FigureCell => ({ key, value: 0, suppressed: null });

/** Two dimensions of a figure as rows x columns; other dimensions must stand at one code. */
export function crossTab(figure: Figure, rowDim: FigureDimension, columnDim: FigureDimension, opts: { rows?: string[]; columns?: string[]; words?: ChartWords } = {}): CrossTab {
  const [r, c] = [figure.dimensions.indexOf(rowDim), figure.dimensions.indexOf(columnDim)];
  const byKey = new Map(figure.cells.map((cell) => [`${cell.key[r]}\u0000${cell.key[c]}`, cell]));
  const seen = (i: number, d: FigureDimension) => {
    const codes = figure.cells.map((cell) => cell.key[i]!);
    if (d === 'period' && figure.cells.every((cell) => cell.suppressed === null) && codes.every((p) => LEAF_PERIOD[figure.grain].test(p))) return periodRange(codes, figure.grain);
    return orderCodes(d, codes, { weight: weights(figure, d), words: opts.words });
  };
  return {
    rows: opts.rows ?? seen(r, rowDim),
    columns: opts.columns ?? seen(c, columnDim),
    cell: (row, column) => byKey.get(`${row}\u0000${column}`) ?? ZERO([row, column]),
  };
}

// ---- Downloads: the figure as rows of a sheet ----

/** What a suppressed cell says where a number would be: never a zero or a blank. */
export function cellText(cell: FigureCell, words: ChartWords, withReason: boolean): string | number {
  if (cell.suppressed === null) return cell.value ?? 0;
  return withReason && cell.suppressed !== 'suppressed' ? `${words.text('suppressed')} (${words.text(cell.suppressed)})` : words.text('suppressed');
}

/**
 * The figure in long form, one row per cell: the name of each code, the value (or the word "suppressed"), and
 * the codes (for tools), headed by the dimensions' names.
 */
export function figureRows(figure: Figure, words: ChartWords, opts: { withReason?: boolean } = {}): CsvValue[][] {
  const dims = figure.dimensions;
  const ordered = dims.map((d, i) => orderCodes(d, figure.cells.map((c) => c.key[i]!), { weight: weights(figure, d), words }));
  const rank = (i: number, code: string) => ordered[i]!.indexOf(code);
  const cells = [...figure.cells].sort((a, b) => {
    for (let i = 0; i < dims.length; i++) {
      const d = rank(i, a.key[i]!) - rank(i, b.key[i]!);
      if (d !== 0) return d;
    }
    return 0;
  });
  const header: CsvValue[] = [...dims.map((d) => words.dimension(d)), words.text('value'), ...dims.map((d) => `${d}_code`)];
  return [header, ...cells.map((c) => [...dims.map((d, i) => words.label(d, c.key[i]!)), cellText(c, words, opts.withReason ?? true), ...c.key])];
}

/** The same rows as CSV text (the caller adds the byte-order mark spreadsheets need for Arabic). */
export const figureCsv = (figure: Figure, words: ChartWords, opts: { withReason?: boolean } = {}): string =>
  figureRows(figure, words, opts).map(csvLine).join('');
