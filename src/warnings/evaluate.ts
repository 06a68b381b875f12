/**
 * The rules, pure: daily series in, the figure of each day (value, what it was compared with, the threshold,
 * whether the condition held) and the episodes out. The background job and the backtest both call these,
 * so what the backtest says would have fired is what the job raises.
 *
 * An episode is a run of days on which the condition held. It ends only after the condition has not held for
 * a cool-down as long as the rule's own window (a surge hovering about its threshold is one episode, not one a
 * day); an alert is raised once per episode.
 */
import type { CombinationParams, Episode, PartyActiveParams, RecordHighParams, RuleParams, SeriesPoint, SurgeParams } from '../shared/warnings.ts';

const DAY_MS = 86_400_000;
/** Days since 1970-01-01 of an ISO day. */
export const dayNumber = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
export const isoDay = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
export const addDays = (iso: string, n: number): string => isoDay(dayNumber(iso) + n);

/** Counts per day from `start` (dense; a day without a count is 0). */
export interface DailySeries { start: string; values: number[] }

/** A dense series from sparse day counts over [from, to]. */
export function denseSeries(from: string, to: string, counts: Iterable<[string, number]>): DailySeries {
  const f = dayNumber(from);
  const values = new Array<number>(Math.max(0, dayNumber(to) - f + 1)).fill(0);
  for (const [day, n] of counts) {
    const i = dayNumber(day) - f;
    if (i >= 0 && i < values.length) values[i] = (values[i] ?? 0) + n;
  }
  return { start: from, values };
}

/** Prefix sums: the sum of days [a, b] (indices, clamped to the series; before it counts as nothing). */
class Sums {
  private readonly prefix: number[];
  constructor(values: readonly number[]) {
    this.prefix = [0];
    for (const v of values) this.prefix.push(this.prefix[this.prefix.length - 1]! + v);
  }
  between(a: number, b: number): number {
    const lo = Math.max(0, a);
    const hi = Math.min(this.prefix.length - 2, b);
    return hi < lo ? 0 : this.prefix[hi + 1]! - this.prefix[lo]!;
  }
}

/** A threshold from a product of decimals, without 2.0000000001 becoming 3. */
const ceil = (x: number): number => Math.ceil(x - 1e-9);

export interface DayFigure extends SeriesPoint {
  window: { from: string; to: string };
  pastWindow: { from: string; to: string } | null;
}

/** How many days before the first evaluated day the series must reach back for a rule's figures. */
export function lookbackDays(p: RuleParams): number {
  switch (p.kind) {
    case 'surge': return p.recentDays + p.baselineDays;
    case 'record_high': return p.years * 365 + p.windowDays;
    case 'combination': return p.withinDays;
    case 'party_active': return p.recentDays + p.quietDays;
  }
}

/** The rule's own window: also the cool-down after which an episode ends. */
export function windowDays(p: RuleParams): number {
  switch (p.kind) {
    case 'surge': return p.recentDays;
    case 'record_high': return p.windowDays;
    case 'combination': return p.withinDays;
    case 'party_active': return p.recentDays;
  }
}

const range = (series: DailySeries, i: number, from: number, to: number) => ({ from: isoDay(dayNumber(series.start) + i - from), to: isoDay(dayNumber(series.start) + i - to) });

/** Surge: the recent window against the average window of the past before it, with a floor. */
export function surgeFigure(p: SurgeParams, series: DailySeries, sums: Sums, i: number): DayFigure {
  const r = p.recentDays;
  const value = sums.between(i - r + 1, i);
  const past = sums.between(i - r - p.baselineDays + 1, i - r);
  const baseline = (past * r) / p.baselineDays;
  const threshold = Math.max(p.minCount, ceil(p.factor * Math.max(baseline, p.minBaseline)));
  return {
    day: isoDay(dayNumber(series.start) + i), value, baseline: Math.round(baseline * 100) / 100, threshold, firing: value >= threshold,
    window: range(series, i, r - 1, 0), pastWindow: range(series, i, r + p.baselineDays - 1, r),
  };
}

/**
 * The largest of fixed values over any range of indices, in constant time after n log n work (a sparse table):
 * the highest window of the years before each day, without going through them day by day.
 */
export class RangeMax {
  private readonly levels: number[][];
  constructor(values: readonly number[]) {
    this.levels = [[...values]];
    for (let k = 1; 1 << k <= values.length; k++) {
      const prev = this.levels[k - 1]!;
      const half = 1 << (k - 1);
      this.levels.push(Array.from({ length: values.length - (1 << k) + 1 }, (_, i) => Math.max(prev[i]!, prev[i + half]!)));
    }
  }
  /** The largest value with index in [a, b] (clamped); 0 for an empty range. */
  max(a: number, b: number): number {
    const lo = Math.max(0, a);
    const hi = Math.min(this.levels[0]!.length - 1, b);
    if (hi < lo) return 0;
    const k = Math.floor(Math.log2(hi - lo + 1));
    return Math.max(this.levels[k]![lo]!, this.levels[k]![hi - (1 << k) + 1]!);
  }
}

/** Every window's count, by the index of its last day. */
const windowCounts = (sums: Sums, length: number, w: number): number[] => Array.from({ length }, (_, e) => sums.between(e - w + 1, e));

/** Highest in N years: the window above every window of its length that ended before it began, in the years before. */
export function recordHighFigure(p: RecordHighParams, series: DailySeries, sums: Sums, i: number, windows: RangeMax): DayFigure {
  const w = p.windowDays;
  const value = sums.between(i - w + 1, i);
  const previous = windows.max(i - p.years * 365, i - w);
  const threshold = Math.max(p.minCount, previous + 1);
  return {
    day: isoDay(dayNumber(series.start) + i), value, baseline: previous, threshold, firing: value >= threshold,
    window: range(series, i, w - 1, 0), pastWindow: range(series, i, p.years * 365 + w - 1, w),
  };
}

/** New activity: at least `minCount` in the recent window, none in the quiet period before it. */
export function partyActiveFigure(p: PartyActiveParams, series: DailySeries, sums: Sums, i: number): DayFigure {
  const r = p.recentDays;
  const value = sums.between(i - r + 1, i);
  const before = sums.between(i - r - p.quietDays + 1, i - r);
  return {
    day: isoDay(dayNumber(series.start) + i), value, baseline: before, threshold: p.minCount, firing: value >= p.minCount && before === 0,
    window: range(series, i, r - 1, 0), pastWindow: range(series, i, r + p.quietDays - 1, r),
  };
}

/** Signals together: how many of the listed indicators were observed in the window; fires when all were. */
export function combinationFigure(p: CombinationParams, perIndicator: readonly Sums[], start: string, i: number): DayFigure {
  const w = p.withinDays;
  const value = perIndicator.filter((s) => s.between(i - w + 1, i) > 0).length;
  const series: DailySeries = { start, values: [] };
  return {
    day: isoDay(dayNumber(start) + i), value, baseline: null, threshold: p.indicatorIds.length, firing: value === p.indicatorIds.length,
    window: range(series, i, w - 1, 0), pastWindow: null,
  };
}

/**
 * A rule's figure for each day from `from` to `to` over one area's series (for a combination, one series per
 * listed indicator, in the rule's order). The series must start `lookbackDays` before `from` at the latest.
 */
export function figures(p: RuleParams, series: readonly DailySeries[], from: string, to: string): DayFigure[] {
  const start = series[0]?.start ?? from;
  const all = series.map((s) => new Sums(s.values));
  const first = dayNumber(from) - dayNumber(start);
  const last = dayNumber(to) - dayNumber(start);
  const out: DayFigure[] = [];
  const windows = p.kind === 'record_high' ? new RangeMax(windowCounts(all[0]!, last + 1, p.windowDays)) : null;
  for (let i = first; i <= last; i++) {
    switch (p.kind) {
      case 'surge': out.push(surgeFigure(p, series[0]!, all[0]!, i)); break;
      case 'record_high': out.push(recordHighFigure(p, series[0]!, all[0]!, i, windows!)); break;
      case 'party_active': out.push(partyActiveFigure(p, series[0]!, all[0]!, i)); break;
      case 'combination': out.push(combinationFigure(p, all, start, i)); break;
    }
  }
  return out;
}

/**
 * Episodes over consecutive days' figures: a run of days on which the condition held, runs less than
 * `coolDown` days apart joined. The last episode is open (end null) when the condition held within the
 * last `coolDown` days of the figures.
 */
export function episodes(points: readonly SeriesPoint[], coolDown: number): Episode[] {
  const out: Episode[] = [];
  let current: { start: string; lastFiring: number; peak: number } | null = null;
  points.forEach((pt, i) => {
    if (pt.firing) {
      if (current && i - current.lastFiring <= coolDown) {
        current.lastFiring = i;
        current.peak = Math.max(current.peak, pt.value);
      } else {
        if (current) out.push({ start: current.start, end: points[current.lastFiring]!.day, peak: current.peak });
        current = { start: pt.day, lastFiring: i, peak: pt.value };
      }
    }
  });
  if (current !== null) {
    const c: { start: string; lastFiring: number; peak: number } = current;
    const ended = points.length - 1 - c.lastFiring >= coolDown;
    out.push({ start: c.start, end: ended ? points[c.lastFiring]!.day : null, peak: c.peak });
  }
  return out;
}
