/**
 * The dashboard's charts, written once as ECharts options: the web app draws them (canvas on screen, PNG and
 * SVG downloads) and the server can render the same options to SVG (src/stats/chart-svg.ts). Each builder takes
 * a figure (figure.ts) and the reader's words, and returns an option; nothing here touches the DOM or Node.
 * Colours follow the code (a form has the same colour in every chart); right-to-left readers get mirrored axes.
 */
import type { EChartsOption } from 'echarts';
import { SV_FORMS, VICTIM_CATEGORIES } from '../taxonomy.ts';
import { crossTab, orderCodes, periodRange, weights, type ChartWords, type CrossTab, type Figure, type FigureDimension } from './figure.ts';

/** What an exported image says about itself: the figure's title and its counting rule (lines split by "\n"). */
export interface Caption { title: string; subtitle?: string }

/** Single quotes: ECharts writes the family into an SVG style attribute without escaping it. */
export const FONT = "system-ui, 'Noto Sans', 'Noto Sans Arabic', 'Segoe UI', Arial, sans-serif";
export const TEXT = '#1d2430';
export const MUTED = '#5b6472';
const SUPPRESSED = '#d9dce1';

/** Okabe-Ito and Paul Tol's colours: told apart by most colour-blind readers. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#882255', '#332288', '#44AA99', '#999933', '#AA4499', '#117733', '#6699CC', '#888888'];
const CATEGORY_COLOURS: Record<string, string> = { women: '#882255', girls: '#CC79A7', men: '#0072B2', boys: '#56B4E9', unknown: '#999999' };

/** The colour of a code: forms and victim categories keep theirs in every chart; other codes by position. */
export function colourOf(dimension: FigureDimension, code: string, position: number): string {
  if (dimension === 'victimCategory' && CATEGORY_COLOURS[code]) return CATEGORY_COLOURS[code];
  const i = dimension === 'form' ? (SV_FORMS as readonly string[]).indexOf(code) : -1;
  return PALETTE[(i >= 0 ? i : position) % PALETTE.length]!;
}

/** Pixels the caption takes at the top (none on screen, where the page says it in HTML). */
const SUBTITLE_LINE = 16;
export const captionHeight = (caption?: Caption): number => (caption ? 40 + (caption.subtitle ? caption.subtitle.split('\n').length * SUBTITLE_LINE : 0) : 0);

/** What every chart shares: no animation, white ground, the font, the caption on the reader's side, a tooltip. */
export function frame(words: Pick<ChartWords, 'rtl'>, caption?: Caption): EChartsOption {
  const side = words.rtl ? 'right' : 'left';
  return {
    animation: false,
    backgroundColor: '#fff',
    textStyle: { fontFamily: FONT, color: TEXT },
    title: caption ? [{ text: caption.title, subtext: caption.subtitle ?? '', [side]: 8, top: 6, textStyle: { fontSize: 15, color: TEXT }, subtextStyle: { fontSize: 11, lineHeight: SUBTITLE_LINE, color: MUTED } }] : [],
    tooltip: { confine: true },
  };
}

/** Axis labels inside the grid's box, however long the names (ECharts 6's form of `containLabel`). */
export const CONTAIN = { outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' } as const;

export const legend = (words: Pick<ChartWords, 'rtl'>, top: number, names: string[]): EChartsOption['legend'] =>
  ({ type: 'scroll', top, [words.rtl ? 'right' : 'left']: 8, data: names, textStyle: { color: TEXT }, itemWidth: 14, itemHeight: 10 });

// ---- Trends: one small panel per form, stacked by victim category, on one scale ----

const PANEL = 170;
const PANEL_TITLE = 22;

const trendForms = (figure: Figure) => orderCodes('form', figure.cells.map((c) => c.key[figure.dimensions.indexOf('form')]!));

/** Height of the trends chart for a number of columns (the page sets the container to it). */
export const trendsHeight = (figure: Figure, columns: number, caption?: Caption): number =>
  captionHeight(caption) + 34 + Math.max(1, Math.ceil(trendForms(figure).length / trendColumns(figure, columns))) * PANEL + 8;

/** No more columns than panels: one form takes the whole width. */
const trendColumns = (figure: Figure, columns: number) => Math.max(1, Math.min(columns, trendForms(figure).length));

/** A figure by period, form and victim category (unit victims): a panel per form, bars stacked by category. */
export function trendsOption(figure: Figure, words: ChartWords, opts: { columns: number; caption?: Caption }): EChartsOption {
  const [p, f, v] = (['period', 'form', 'victimCategory'] as const).map((d) => figure.dimensions.indexOf(d));
  const periods = periodRange(figure.cells.map((c) => c.key[p!]!), figure.grain);
  const forms = trendForms(figure);
  const categories = VICTIM_CATEGORIES.filter((c) => figure.cells.some((x) => x.key[v!] === c && (x.value ?? 0) > 0));
  const value = new Map(figure.cells.map((c) => [`${c.key[p!]}|${c.key[f!]}|${c.key[v!]}`, c.value ?? 0]));
  const stackMax = Math.max(1, ...forms.flatMap((form) => periods.map((per) => VICTIM_CATEGORIES.reduce((s, c) => s + (value.get(`${per}|${form}|${c}`) ?? 0), 0))));
  const top = captionHeight(opts.caption) + 34;
  const columns = trendColumns(figure, opts.columns);
  const width = 100 / columns;
  const place = (i: number) => {
    const column = i % columns;
    const row = Math.floor(i / columns);
    const left = (words.rtl ? columns - 1 - column : column) * width;
    return { left, top: top + row * PANEL };
  };
  const base = frame(words, opts.caption);
  return {
    ...base,
    title: [...(base.title as object[]), ...forms.map((form, i) => ({
      text: words.label('form', form), top: place(i).top, [words.rtl ? 'right' : 'left']: `${(words.rtl ? 100 - place(i).left - width : place(i).left) + 1}%`,
      textStyle: { fontSize: 12, fontWeight: 600 as const, color: TEXT, width: 220, overflow: 'truncate' as const },
    }))],
    legend: legend(words, captionHeight(opts.caption) + 4, categories.map((c) => words.label('victimCategory', c))),
    tooltip: { trigger: 'axis', confine: true },
    grid: forms.map((_, i) => ({ left: `${place(i).left + 1}%`, width: `${width - 3}%`, top: place(i).top + PANEL_TITLE + 6, height: PANEL - PANEL_TITLE - 44, ...CONTAIN })),
    xAxis: forms.map((_, i) => ({
      type: 'category', gridIndex: i, data: periods.map((per) => words.label('period', per)), inverse: words.rtl,
      axisLabel: { fontSize: 10, color: MUTED, hideOverlap: true }, axisTick: { alignWithLabel: true },
    })),
    yAxis: forms.map((_, i) => ({ type: 'value', gridIndex: i, max: stackMax, minInterval: 1, position: words.rtl ? 'right' : 'left', axisLabel: { fontSize: 10, color: MUTED } })),
    series: forms.flatMap((form, i) => categories.map((c) => ({
      type: 'bar' as const, name: words.label('victimCategory', c), stack: form, xAxisIndex: i, yAxisIndex: i,
      itemStyle: { color: colourOf('victimCategory', c, 0) }, data: periods.map((per) => value.get(`${per}|${form}|${c}`) ?? 0),
    }))),
  };
}

// ---- Horizontal bars: one dimension, or stacked by a second ----

const ROW = 26;

/** Height of a horizontal bar chart with this many bars. */
export const barsHeight = (bars: number, opts: { legend?: boolean; caption?: Caption } = {}): number =>
  captionHeight(opts.caption) + (opts.legend ? 34 : 8) + Math.max(1, bars) * ROW + 36;

interface BarsOpts {
  /** The dimension the bars stand for (rows) and, when stacked, the one the stack is made of. */
  bars: FigureDimension;
  stack?: FigureDimension;
  /** The largest bars only (the rest are in the table and the downloads). */
  top?: number;
  /** The bars' order, largest first, over any other (the true sizes when a stack's parts overlap: an incident of two forms). */
  order?: ReadonlyMap<string, number>;
  caption?: Caption;
}

/** The bars a chart shows, largest first. */
export function barCodes(figure: Figure, opts: Pick<BarsOpts, 'bars' | 'top' | 'order'>, words?: ChartWords): string[] {
  const codes = figure.cells.map((c) => c.key[figure.dimensions.indexOf(opts.bars)]!);
  const order = opts.order;
  const all = order
    ? [...new Set(codes)].sort((a, b) => (order.get(b) ?? 0) - (order.get(a) ?? 0) || (words ? words.label(opts.bars, a).localeCompare(words.label(opts.bars, b)) : 0))
    : orderCodes(opts.bars, codes, { weight: weights(figure, opts.bars), words });
  return opts.top ? all.slice(0, opts.top) : all;
}

export function barsOption(figure: Figure, words: ChartWords, opts: BarsOpts): EChartsOption {
  const bars = barCodes(figure, opts, words);
  const stack = opts.stack;
  const tab: CrossTab | null = stack ? crossTab(figure, opts.bars, stack, { rows: bars, words }) : null;
  const one = new Map(figure.cells.map((c) => [c.key[figure.dimensions.indexOf(opts.bars)]!, c.value ?? 0]));
  const parts = tab ? tab.columns : [null];
  const top = captionHeight(opts.caption) + (stack ? 34 : 8);
  return {
    ...frame(words, opts.caption),
    ...(stack ? { legend: legend(words, captionHeight(opts.caption) + 4, parts.map((s) => words.label(stack, s!))) } : {}),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    grid: { top, bottom: 28, left: 12, right: 24, ...CONTAIN },
    xAxis: { type: 'value', minInterval: 1, inverse: words.rtl, axisLabel: { color: MUTED } },
    yAxis: {
      type: 'category', inverse: true, position: words.rtl ? 'right' : 'left', data: bars.map((b) => words.label(opts.bars, b)),
      axisLabel: { color: TEXT, width: 220, overflow: 'truncate' },
    },
    series: parts.map((s, i) => ({
      type: 'bar' as const, name: s === null ? words.text('value') : words.label(stack!, s), stack: 'all', barMaxWidth: 20,
      itemStyle: { color: s === null ? colourOf(opts.bars, '', 0) : colourOf(stack!, s, i) },
      label: s === null ? { show: true, position: words.rtl ? 'left' as const : 'right' as const, color: TEXT } : { show: false },
      data: bars.map((b) => (tab && s !== null ? tab.cell(b, s).value ?? 0 : one.get(b) ?? 0)),
    })),
  };
}

// ---- Heat table: rows x columns, suppressed cells hatched and marked ----

/** Height of a heat table with this many rows. */
export const heatmapHeight = (rows: number, caption?: Caption): number => captionHeight(caption) + 16 + Math.max(1, rows) * ROW + 96;

export function heatmapOption(tab: CrossTab, words: ChartWords, opts: { rows: FigureDimension; columns: FigureDimension; caption?: Caption; withReason?: boolean }): EChartsOption {
  const published: [number, number, number][] = [];
  const suppressed: { value: [number, number, number]; label: { formatter: string } }[] = [];
  tab.rows.forEach((r, y) => tab.columns.forEach((c, x) => {
    const cell = tab.cell(r, c);
    if (cell.suppressed === null) published.push([x, y, cell.value ?? 0]);
    else {
      const mark = opts.withReason === false || cell.suppressed === 'suppressed' ? '' : words.text(cell.suppressed === 'primary' ? 'primaryMark' : 'secondaryMark');
      suppressed.push({ value: [x, y, 0], label: { formatter: mark || '×' } });
    }
  }));
  const max = Math.max(1, ...published.map((d) => d[2]));
  const labels = tab.rows.length * tab.columns.length <= 600;
  return {
    ...frame(words, opts.caption),
    tooltip: { show: false },
    grid: { top: captionHeight(opts.caption) + 16, bottom: 56, left: 12, right: 16, ...CONTAIN },
    xAxis: {
      type: 'category', data: tab.columns.map((c) => words.label(opts.columns, c)), inverse: words.rtl, splitArea: { show: true },
      // A few columns (victim categories, years) are all named, on two lines if need be; many periods thin out.
      axisLabel: { color: MUTED, fontSize: 10, hideOverlap: true, ...(tab.columns.length <= 8 ? { interval: 0, width: 96, overflow: 'break' as const } : {}) },
    },
    yAxis: {
      type: 'category', inverse: true, position: words.rtl ? 'right' : 'left', data: tab.rows.map((r) => words.label(opts.rows, r)),
      axisLabel: { color: TEXT, width: 170, overflow: 'truncate' },
    },
    visualMap: [
      {
        type: 'continuous', min: 0, max, calculable: false, orient: 'horizontal', seriesIndex: 0, itemWidth: 12, itemHeight: 160,
        text: [String(max), '0'], bottom: 4, [words.rtl ? 'right' : 'left']: 12, inRange: { color: ['#f3f7fb', '#9ecae1', '#3182bd', '#08306b'] }, textStyle: { color: MUTED },
      },
      // ECharts draws heat cells through a colour scale only: the suppressed cells' is one grey.
      { type: 'continuous', show: false, min: 0, max: 1, seriesIndex: 1, inRange: { color: [SUPPRESSED, SUPPRESSED] } },
    ],
    series: [
      // Zeros unlabelled: the palest colour says it, and the numbers stand out (the table has every one).
      { type: 'heatmap', name: words.text('value'), data: published, label: { show: labels, fontSize: 10, formatter: (p: { value?: unknown }) => (Array.isArray(p.value) && p.value[2] !== 0 ? String(p.value[2]) : '') }, itemStyle: { borderColor: '#fff', borderWidth: 1 } },
      {
        type: 'heatmap', name: words.text('suppressed'), data: suppressed,
        label: { show: true, fontSize: 10, color: TEXT },
        itemStyle: { color: SUPPRESSED, borderColor: '#fff', borderWidth: 1, decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: Math.PI / 4, color: 'rgba(0,0,0,0.25)' } },
      },
    ],
  };
}
