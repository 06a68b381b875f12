/**
 * The backtest chart is a pure option: it renders to SVG without a DOM (as a report would), names its lines in
 * the reader's words, marks each episode's first day once, and runs right to left in Arabic.
 */
import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../warnings.ts';
import { backtestHeight, backtestOption, episodeStarts, type BacktestWords } from './backtest.ts';
import { renderSvg } from './render.ts';

const day = (n: number) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10);
// Quiet, a surge of five days, quiet, a second one of two days.
const points: SeriesPoint[] = Array.from({ length: 40 }, (_, i) => {
  const firing = (i >= 10 && i < 15) || (i >= 30 && i < 32);
  return { day: day(i), value: firing ? 6 : 1, baseline: i < 3 ? null : 1.5, threshold: 3, firing };
});
const english: BacktestWords = { rtl: false, value: 'Incidents in 7 days', threshold: 'Threshold', baseline: 'Baseline', episodeStart: 'Episode began', day: (d) => d };

describe('the backtest chart', () => {
  it('finds where each episode began', () => {
    expect(episodeStarts(points).map((p) => p.day)).toEqual([day(10), day(30)]);
  });

  it('renders to SVG with its lines named and the baseline dashed', () => {
    const option = backtestOption(points, english, { caption: { title: 'Surge in Nord-Kivu', subtitle: 'Rule: 7 days against the 28 before' } });
    const svg = renderSvg(option, { width: 800, height: backtestHeight({ title: 'x', subtitle: 'y' }) });
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of ['Surge in Nord-Kivu', 'Incidents in 7 days', 'Threshold', 'Baseline', 'Episode began']) expect(svg).toContain(text);
    expect(svg).toMatch(/stroke-dasharray/);
    const series = option.series as { type: string; data: unknown[] }[];
    expect(series.map((s) => s.type)).toEqual(['line', 'line', 'line', 'scatter']);
    expect(series[3]!.data).toEqual([[day(10), 6], [day(30), 6]]);
  });

  it('leaves out the baseline and the marks when there are none', () => {
    const flat = points.map((p) => ({ ...p, baseline: null, firing: false }));
    const series = backtestOption(flat, english).series as { name: string }[];
    expect(series.map((s) => s.name)).toEqual(['Incidents in 7 days', 'Threshold']);
  });

  it('runs right to left in Arabic', () => {
    const option = backtestOption(points, { ...english, rtl: true, value: 'الحوادث', threshold: 'العتبة', baseline: 'خط الأساس', episodeStart: 'بداية نوبة' });
    expect((option.xAxis as { inverse: boolean }).inverse).toBe(true);
    expect((option.yAxis as { position: string }).position).toBe('right');
    const svg = renderSvg(option, { width: 600, height: backtestHeight() });
    expect(svg).toContain('العتبة');
  });
});
