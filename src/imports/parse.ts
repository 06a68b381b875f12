/**
 * Reading a spreadsheet into a table of text cells: CSV (its encoding found from the bytes - a byte-order
 * mark, else valid UTF-8, else Windows-1252 as Excel writes it - or chosen by the user; comma, semicolon or
 * tab, found from the header) or XLSX (one sheet; date cells become YYYY-MM-DD, formulas their result).
 * Headers are made unique and non-empty, so every column has a name to map. Decoding goes through
 * iconv-lite's complete tables: Node's own 'latin1' and 'windows-1252' leave 0x80-0x9F as control characters
 * (curly quotes, dashes, the euro sign and oe would vanish without a word).
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { Uint8ArrayReader, ZipReader } from '@zip.js/zip.js';
import { AppError } from '../platform/http/errors.ts';
import { REJECTED_MARKER_COLUMNS, type TextEncoding } from '../shared/import.ts';

export interface Table {
  headers: string[];
  rows: string[][];
  /** Each row's number as the user sees it in the file (the header is row 1). */
  rowNumbers: number[];
  sheet: string | null;
  sheets: string[];
  /** CSV only: the encoding found in the bytes and the one used to read them (the user may choose another). */
  encoding: { detected: TextEncoding; used: TextEncoding } | null;
  /** XLSX: the workbook's other sheets (KoboToolbox puts repeat groups there). */
  others: Table[];
  /**
   * CSV rows (by index in `rows`) with more non-empty cells than the header, and how many: a quote or a
   * separator inside a cell split it, so its cells no longer sit under their headers. They are rejected,
   * never read shifted (a narrative's words would land in a column stored in clear).
   */
  tooWide?: Map<number, number>;
}

const unreadable = (format: string, why: string) => new AppError(400, 'unreadable_file', `file: not a readable ${format} file (${why})`, [{ field: 'file', code: 'file_unreadable', params: { format } }]);

function uniqueHeaders(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    const base = h.trim() || `Column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** What the bytes say: a byte-order mark, else UTF-8 when every sequence is valid, else Windows-1252. */
export function detectEncoding(buffer: Buffer): TextEncoding {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return 'utf-8';
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return 'utf-16le';
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** The file's text in the chosen encoding; UTF-8 chosen for bytes that are not UTF-8 is refused, never patched with replacement characters. */
export function decodeText(buffer: Buffer, chosen?: TextEncoding): { text: string; detected: TextEncoding; used: TextEncoding } {
  const detected = detectEncoding(buffer);
  const used = chosen ?? detected;
  let text: string;
  if (used === 'utf-8') {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    } catch {
      throw new AppError(400, 'validation_failed', 'encoding: the file is not valid UTF-8; choose the encoding it was saved in (Windows-1252 for most Excel files in English or French, Windows-1256 for Arabic)',
        [{ field: 'encoding', code: 'not_utf8' }]);
    }
  } else {
    text = iconv.decode(buffer, used);
  }
  return { text: text.replace(/^\uFEFF/, ''), detected, used };
}

/**
 * A file of rejected rows that Salama handed back (its two marker columns are there): cells it guarded
 * against spreadsheet formulas ('=..., '-..., '+..., '@...) get their own first character back, so the file,
 * once corrected, imports exactly what it held.
 */
function unguard(headers: readonly string[], rows: string[][]): void {
  if (!REJECTED_MARKER_COLUMNS.every((c) => headers.includes(c))) return;
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) if (/^'[=+\-@\t\r]/.test(row[i]!)) row[i] = row[i]!.slice(1);
  }
}

export function readCsv(buffer: Buffer, encoding?: TextEncoding): Table {
  const { text, detected, used } = decodeText(buffer, encoding);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  let records: string[][];
  try {
    // Stray quotes inside an unquoted cell (5" tall, a name in "quotes") are text, as spreadsheets read them.
    records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true });
  } catch (e) {
    throw unreadable('CSV', (e as Error).message.split('\n')[0]!);
  }
  if (records.length === 0) throw unreadable('CSV', 'it is empty');
  checkShape(records[0]!.length, records.length - 1);
  const headers = uniqueHeaders(records[0]!);
  const rows = records.slice(1).map((r) => headers.map((_, i) => (r[i] ?? '').trim()));
  const tooWide = new Map<number, number>();
  records.slice(1).forEach((r, i) => { if (r.length > headers.length && r.slice(headers.length).some((c) => c.trim() !== '')) tooWide.set(i, r.length); });
  unguard(headers, rows);
  return { headers, rows, rowNumbers: rows.map((_, i) => i + 2), sheet: null, sheets: [], encoding: { detected, used }, others: [], tooWide };
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return isoDay(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
    return '';
  }
  return String(v);
}

/** An XLSX is a ZIP: refuse one that expands beyond this (a "zip bomb" would exhaust the server's memory). */
export const MAX_XLSX_EXPANDED_BYTES = 150 * 1024 * 1024;
/** Bounds on the table itself, checked before rows are padded to the header's width. */
export const MAX_COLUMNS = 500;
export const MAX_CELLS = 20_000_000;

function checkShape(columns: number, rows: number): void {
  if (columns > MAX_COLUMNS) throw new AppError(400, 'validation_failed', `file: has ${columns} columns; at most ${MAX_COLUMNS} are read`, [{ field: 'file', code: 'file_too_many_columns', params: { max: MAX_COLUMNS } }]);
  if (columns * rows > MAX_CELLS) throw new AppError(400, 'validation_failed', `file: has ${columns * rows} cells; split it into files of at most ${MAX_CELLS}`, [{ field: 'file', code: 'file_too_many_cells', params: { max: MAX_CELLS } }]);
}

/**
 * Inflates every entry, counting the bytes really produced (the sizes a ZIP declares are the attacker's to
 * write), and stops at the limit: the check costs at most `limit` bytes of work, never memory.
 */
export async function checkExpandedSize(buffer: Buffer, limit = MAX_XLSX_EXPANDED_BYTES): Promise<void> {
  let entries;
  try {
    entries = await new ZipReader(new Uint8ArrayReader(buffer)).getEntries();
  } catch (e) {
    throw unreadable('XLSX', (e as Error).message.split('\n')[0]!);
  }
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  const tooBig = () => new AppError(400, 'validation_failed', `file: expands to more than ${mb(limit)}; export it as CSV or split it`,
    [{ field: 'file', code: 'file_too_large' }]);
  let total = 0;
  for (const entry of entries) {
    if (entry.directory) continue;
    const counter = new WritableStream<Uint8Array>({
      write(chunk) {
        total += chunk.byteLength;
        if (total > limit) throw tooBig();
      },
    });
    try {
      await entry.getData(counter);
    } catch (e) {
      if (total > limit) throw tooBig();
      throw unreadable('XLSX', (e as Error).message.split('\n')[0]!);
    }
  }
}

function sheetTable(ws: ExcelJS.Worksheet, sheets: string[]): Table | null {
  const raw: string[][] = [];
  const numbers: number[] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as ExcelJS.CellValue[]; // 1-based
    raw.push(values.slice(1).map((v) => cellText(v).trim()));
    numbers.push(row.number);
  });
  if (raw.length === 0) return null;
  const width = raw.reduce((w, r) => Math.max(w, r.length), 0);
  checkShape(width, raw.length - 1);
  const headers = uniqueHeaders(Array.from({ length: width }, (_, i) => raw[0]![i] ?? ''));
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  raw.forEach((r, i) => {
    if (i === 0 || !r.some((c) => c !== '')) return;
    rows.push(headers.map((_, j) => r[j] ?? ''));
    rowNumbers.push(numbers[i]!);
  });
  return { headers, rows, rowNumbers, sheet: ws.name, sheets, encoding: null, others: [] };
}

/** The chosen sheet (the first by default) and, read alongside, every other sheet (KoboToolbox repeat groups). */
export async function readXlsx(buffer: Buffer, sheetName?: string): Promise<Table> {
  await checkExpandedSize(buffer);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (e) {
    throw unreadable('XLSX', (e as Error).message.split('\n')[0]!);
  }
  const sheets = wb.worksheets.map((w) => w.name);
  const ws = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets[0];
  if (!ws) {
    throw new AppError(400, 'validation_failed', `sheet: no sheet named "${sheetName}" (the file has ${sheets.join(', ')})`, [{ field: 'sheet', code: 'no_such_sheet', params: { sheet: sheetName ?? '', sheets: sheets.join(', ') } }]);
  }
  const main = sheetTable(ws, sheets);
  if (!main) throw unreadable('XLSX', `sheet "${ws.name}" is empty`);
  main.others = wb.worksheets.filter((w) => w !== ws).map((w) => sheetTable(w, sheets)).filter((t): t is Table => t !== null);
  return main;
}

export async function readTable(buffer: Buffer, format: 'csv' | 'xlsx', sheet?: string, encoding?: TextEncoding): Promise<Table> {
  return format === 'csv' ? readCsv(buffer, encoding) : readXlsx(buffer, sheet);
}
