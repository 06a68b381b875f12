/**
 * The DOCX renderer's tables: the cover's facts (label, value), key figures as boxes, and a report's data tables
 * (header row repeated on every page, numbers aligned to the end, suppressed cells muted, totals bold, the
 * caption above and the notes below). A right-to-left document's tables are `bidiVisual`: the first column on
 * the right.
 */
import {
  BorderStyle, Paragraph, ShadingType, Table, TableCell, TableRow, VerticalAlignTable, WidthType,
  type ITableBordersOptions, type ITableCellOptions,
} from 'docx';
import type { DocBlock } from '../../shared/report-document.ts';
import { COLOUR, para, type Align, type Direction, type RunLook } from './docx-text.ts';

type TableBlock = Extract<DocBlock, { type: 'table' }>;
type KeyFiguresBlock = Extract<DocBlock, { type: 'keyFigures' }>;

/** The paragraph style of a data table's cells (9 points, no spacing), defined with the document's styles. */
export const TABLE_TEXT = 'TableText';

/** The width text takes on an A4 page with 2 cm margins, in twentieths of a point. */
export const TEXT_WIDTH = 11_906 - 2 * 1_134;

const line = { style: BorderStyle.SINGLE, size: 4, color: COLOUR.rule } as const;
const none = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
const RULED: ITableBordersOptions = { top: line, bottom: line, left: none, right: none, insideHorizontal: line, insideVertical: none };
const shade = (fill: string) => ({ type: ShadingType.CLEAR, color: 'auto', fill });

function table(dir: Direction, widths: readonly number[], rows: TableRow[], borders: ITableBordersOptions = RULED): Table {
  return new Table({
    rows,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: [...widths],
    borders,
    margins: { top: 50, bottom: 50, left: 100, right: 100 },
    ...(dir.rtl ? { visuallyRightToLeft: true } : {}),
  });
}

function cell(dir: Direction, text: string, width: number, opts: { align?: Align; look?: RunLook; style?: string } & Omit<ITableCellOptions, 'children' | 'width'> = {}): TableCell {
  const { align, look, style, ...rest } = opts;
  return new TableCell({
    ...rest,
    width: { size: width, type: WidthType.DXA },
    children: [para(dir, text, { align, look, ...(style ? { style } : { spacing: { before: 0, after: 0 } }) })],
  });
}

/**
 * Column widths: the first column (which names the rows) wider, the others shared equally and, up to eight
 * columns, wide enough for a 9-point "suppressed" on one line.
 */
function columnWidths(count: number): number[] {
  if (count <= 1) return [TEXT_WIDTH];
  const first = Math.round(TEXT_WIDTH * (count > 5 ? 0.22 : count > 3 ? 0.3 : 0.4));
  const rest = Math.floor((TEXT_WIDTH - first) / (count - 1));
  return [first, ...Array.from({ length: count - 1 }, () => rest)];
}

/** The cover's facts, a label and a value on each row. */
export function metaTable(dir: Direction, meta: readonly { label: string; value: string }[]): Table {
  const widths = [Math.round(TEXT_WIDTH * 0.3), TEXT_WIDTH - Math.round(TEXT_WIDTH * 0.3)];
  return table(dir, widths, meta.map((m) => new TableRow({
    cantSplit: true,
    children: [
      cell(dir, m.label, widths[0]!, { look: { bold: true, color: COLOUR.muted }, shading: shade(COLOUR.box) }),
      cell(dir, m.value, widths[1]!),
    ],
  })));
}

const BOXES_PER_ROW = 4;

/** Key figures as a row (or rows) of shaded boxes: the value large, its label, the note muted. */
export function keyFiguresTable(dir: Direction, block: KeyFiguresBlock): Table {
  const perRow = Math.max(1, Math.min(BOXES_PER_ROW, block.items.length));
  const width = Math.floor(TEXT_WIDTH / perRow);
  const gap = { style: BorderStyle.SINGLE, size: 24, color: 'FFFFFF' } as const;
  const rows: TableRow[] = [];
  for (let i = 0; i < block.items.length; i += perRow) {
    const items = block.items.slice(i, i + perRow);
    rows.push(new TableRow({
      cantSplit: true,
      children: Array.from({ length: perRow }, (_, j) => {
        const item = items[j];
        if (!item) return new TableCell({ width: { size: width, type: WidthType.DXA }, children: [new Paragraph({})] });
        return new TableCell({
          width: { size: width, type: WidthType.DXA },
          shading: shade(COLOUR.box),
          verticalAlign: VerticalAlignTable.TOP,
          children: [
            para(dir, item.value, { look: { bold: true, pt: 18 }, spacing: { before: 60, after: 0 } }),
            para(dir, item.label, { spacing: { before: 0, after: item.note ? 0 : 60 } }),
            ...(item.note ? [para(dir, item.note, { style: 'Note', spacing: { before: 0, after: 60 } })] : []),
          ],
        });
      }),
    }));
  }
  const all = { top: gap, bottom: gap, left: gap, right: gap, insideHorizontal: gap, insideVertical: gap };
  return table(dir, Array.from({ length: perRow }, () => width), rows, all);
}

/** A data table: its caption above, the table, its notes below. */
export function dataTable(dir: Direction, block: TableBlock): (Paragraph | Table)[] {
  const count = Math.max(1, block.columns.length, ...block.rows.map((r) => r.cells.length));
  const widths = columnWidths(count);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: widths.map((w, i) => {
      const column = block.columns[i];
      return cell(dir, column?.text ?? '', w, { align: column?.numeric ? 'end' : 'start', look: { bold: true }, style: TABLE_TEXT, shading: shade(COLOUR.header), verticalAlign: VerticalAlignTable.BOTTOM });
    }),
  });
  const rows = block.rows.map((row) => new TableRow({
    cantSplit: true,
    children: widths.map((w, i) => {
      const c = row.cells[i];
      // A suppressed cell is a word standing where a number would be: aligned as its column's numbers are.
      const numeric = !!c && (c.numeric || (!!c.suppressed && !!block.columns[i]?.numeric));
      const look: RunLook = {
        ...(row.total ? { bold: true } : {}),
        ...(c?.suppressed ? { italics: true, color: COLOUR.muted } : {}),
      };
      return cell(dir, c?.text ?? '', w, {
        align: numeric ? 'end' : 'start',
        look,
        style: TABLE_TEXT,
        ...(row.total ? { borders: { top: { style: BorderStyle.SINGLE, size: 8, color: COLOUR.text } } } : {}),
      });
    }),
  }));
  return [
    ...(block.caption ? [para(dir, block.caption, { style: 'Caption', keepNext: true })] : []),
    table(dir, widths, [header, ...rows]),
    ...block.notes.map((note, i) => para(dir, note, { style: 'Note', spacing: { before: i === 0 ? 80 : 0, after: 40 } })),
  ];
}
