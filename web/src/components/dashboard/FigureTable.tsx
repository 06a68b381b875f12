// Why: a figure's numbers as a table beside its chart: what screen readers read, what a person checks a bar
// against. A suppressed cell says so, with its reason as a mark (P primary, S secondary) where the reader may
// know it, never as a zero or an empty cell; subtotals and totals of protected tables stand out.
import type { ChartWords, Figure, FigureCell, FigureDimension } from '../../../../src/shared/charts/figure.ts';
import { figureRows, leafCodes } from '../../../../src/shared/charts/figure.ts';

export function SuppressedMark({ cell, words, withReason }: { cell: FigureCell; words: ChartWords; withReason: boolean }) {
  if (cell.suppressed === null) return null;
  const reason = cell.suppressed;
  return (
    <span className="suppressed-mark" data-reason={withReason ? reason : undefined} data-testid="suppressed-cell">
      {words.text('suppressed')}
      {withReason && reason !== 'suppressed' && <> <abbr title={words.text(reason)}>{words.text(reason === 'primary' ? 'primaryMark' : 'secondaryMark')}</abbr></>}
    </span>
  );
}

interface Props {
  caption: string;
  words: ChartWords;
  rowDimension: FigureDimension;
  /** null: one column of values. */
  columnDimension: FigureDimension | null;
  rows: readonly string[];
  columns: readonly string[];
  cell: (row: string, column: string) => FigureCell;
  withReason: boolean;
  testId?: string;
}

export function FigureTable({ caption, words, rowDimension, columnDimension, rows, columns, cell, withReason, testId }: Props) {
  const leafRows = new Set(leafCodes(rowDimension, rows));
  const leafColumns = new Set(columnDimension ? leafCodes(columnDimension, columns) : columns);
  const shown = (c: FigureCell) => (c.suppressed === null ? String(c.value ?? 0) : <SuppressedMark cell={c} words={words} withReason={withReason} />);
  return (
    // Scrolls when long or wide: reachable by keyboard, named by its caption.
    <div className="table-wrap figure-table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="figure-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{words.dimension(rowDimension)}</th>
            {columnDimension
              ? columns.map((c) => <th scope="col" key={c} className={`num${leafColumns.has(c) ? '' : ' subtotal'}`}>{words.label(columnDimension, c)}</th>)
              : <th scope="col" className="num">{words.text('value')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r} className={leafRows.has(r) ? undefined : 'subtotal'}>
              <th scope="row">{words.label(rowDimension, r)}</th>
              {columns.map((c) => {
                const value = cell(r, c);
                return <td key={c} className={`num${value.suppressed ? ' suppressed' : ''}${leafColumns.has(c) ? '' : ' subtotal'}`}>{shown(value)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A figure of three dimensions, one row per cell (as its CSV has it, without the codes). */
export function LongTable({ caption, figure, words }: { caption: string; figure: Figure; words: ChartWords }) {
  const [header, ...rows] = figureRows(figure, words);
  const width = figure.dimensions.length + 1;
  return (
    <div className="table-wrap figure-table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="figure-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead><tr>{header!.slice(0, width).map((h, i) => <th scope="col" key={i} className={i === width - 1 ? 'num' : undefined}>{h}</th>)}</tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.slice(width).join('|')}>
              {r.slice(0, width).map((v, i) => (i === width - 1 ? <td key={i} className="num">{v}</td> : <td key={i}>{v}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
