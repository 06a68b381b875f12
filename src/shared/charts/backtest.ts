/**
 * An early-warning rule's backtest as an ECharts option: one area's series day by day (the figure as a line,
 * the threshold it had to reach, the baseline it was compared with dashed) and a mark where each episode began.
 * Pure like options.ts: the web app draws it on a canvas, and a report can render the same option to SVG
 * (render.ts: renderSvg). Right-to-left readers get time running from the right, the values' axis on the right.
 * Lines and marks are registered here, with the one chart that draws them: the dashboard's chunk stays without them.
 */
import type { EChartsOption } from 'echarts';
import { LineChart, ScatterChart } from 'echarts/charts';
import { echarts } from './render.ts';
import type { SeriesPoint } from '../warnings.ts';
import { captionHeight, CONTAIN, frame, legend, MUTED, TEXT, type Caption } from './options.ts';

export interface BacktestWords {
  rtl: boolean;
  value: string;
  threshold: string;
  baseline: string;
  episodeStart: string;
  /** A day (ISO) in the reader's words, for the time axis and the tooltip. */
  day: (iso: string) => string;
}

echarts.use([LineChart, ScatterChart]);

const VALUE = '#0072B2';
const THRESHOLD = '#D55E00';
const BASELINE = '#5b6472';

/** Height of the chart (the page sets its container to it). */
export const backtestHeight = (caption?: Caption): number => captionHeight(caption) + 360;

/** The days an episode began: the rule fires there and did not fire the day before. */
export function episodeStarts(points: readonly SeriesPoint[]): SeriesPoint[] {
  return points.filter((p, i) => p.firing && !(points[i - 1]?.firing ?? false));
}

export function backtestOption(points: readonly SeriesPoint[], words: BacktestWords, opts: { caption?: Caption } = {}): EChartsOption {
  const top = captionHeight(opts.caption) + 34;
  const days = points.map((p) => p.day);
  const starts = episodeStarts(points);
  const hasBaseline = points.some((p) => p.baseline !== null);
  const names = [words.value, words.threshold, ...(hasBaseline ? [words.baseline] : []), ...(starts.length ? [words.episodeStart] : [])];
  const line = (name: string, colour: string, data: (number | null)[], style: object = {}) => ({
    type: 'line' as const, name, data, showSymbol: false, connectNulls: false, step: 'middle' as const,
    itemStyle: { color: colour }, lineStyle: { color: colour, width: 1.5, ...style }, emphasis: { disabled: true },
  });
  return {
    ...frame(words, opts.caption),
    legend: legend(words, captionHeight(opts.caption) + 4, names),
    tooltip: { trigger: 'axis', confine: true },
    grid: { top, bottom: 28, left: 12, right: 16, ...CONTAIN },
    xAxis: {
      type: 'category', data: days, inverse: words.rtl, boundaryGap: false,
      axisLabel: { color: MUTED, fontSize: 10, hideOverlap: true, formatter: (d: string) => words.day(d) },
      axisPointer: { label: { formatter: (p: { value?: unknown }) => words.day(String(p.value)) } },
    },
    yAxis: { type: 'value', minInterval: 1, position: words.rtl ? 'right' : 'left', axisLabel: { color: MUTED } },
    series: [
      { ...line(words.value, VALUE, points.map((p) => p.value), { width: 2 }), areaStyle: { color: VALUE, opacity: 0.08 } },
      line(words.threshold, THRESHOLD, points.map((p) => p.threshold)),
      ...(hasBaseline ? [line(words.baseline, BASELINE, points.map((p) => p.baseline), { type: 'dashed' })] : []),
      ...(starts.length ? [{
        type: 'scatter' as const, name: words.episodeStart, symbol: 'triangle', symbolSize: 13, z: 5,
        itemStyle: { color: THRESHOLD, borderColor: TEXT, borderWidth: 1 },
        data: starts.map((p) => [p.day, p.value]),
      }] : []),
    ],
  };
}
