import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CombinationParams, PartyActiveParams, RecordHighParams, SurgeParams, type RuleParams, type SeriesPoint } from '../shared/warnings.ts';
import { badRequest } from '../platform/http/errors.ts';
import type { CountRequest } from '../stats/engine.ts';
import { addDays, dayNumber, denseSeries, episodes, figures, lookbackDays, RangeMax, windowDays, type DailySeries } from './evaluate.ts';
import { dailyCounts } from './series.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const ID2 = '00000000-0000-4000-8000-000000000002';
const START = '2024-01-01';
/** A series from day counts (index 0 = START). */
const series = (values: number[]): DailySeries => ({ start: START, values });
const zeros = (n: number) => new Array<number>(n).fill(0);
const day = (i: number) => addDays(START, i);
/** The figures of every day from `first` to the last of the series. */
const run = (p: RuleParams, s: DailySeries[], first: number) => figures(p, s, day(first), day(s[0]!.values.length - 1));

describe('surge: the recent window against the average of the past window', () => {
  const p = SurgeParams.parse({ kind: 'surge', indicatorId: ID, recentDays: 7, baselineDays: 28, factor: 2, minCount: 3, minBaseline: 1 });

  it('fires when the week reaches twice the average week of the past four', () => {
    // Four quiet weeks with 2 incidents each (average 2 a week), then a week of 4.
    const values = [...zeros(28), ...zeros(7)];
    for (const w of [0, 1, 2, 3]) { values[w * 7 + 1] = 1; values[w * 7 + 4] = 1; }
    values[29] = 2; values[31] = 2;
    const f = run(p, [series(values)], 34).at(-1)!;
    expect(f).toMatchObject({ value: 4, baseline: 2, threshold: 4, firing: true });
    expect(f.window).toEqual({ from: day(28), to: day(34) });
    expect(f.pastWindow).toEqual({ from: day(0), to: day(27) });
  });

  it('does not fire just below the threshold', () => {
    const values = zeros(35);
    for (const w of [0, 1, 2, 3]) { values[w * 7 + 1] = 1; values[w * 7 + 4] = 1; }
    values[30] = 3;
    expect(run(p, [series(values)], 34).at(-1)).toMatchObject({ value: 3, baseline: 2, threshold: 4, firing: false });
  });

  it('one incident after none is not a surge: the floor and the minimum baseline', () => {
    const values = zeros(35);
    values[33] = 1;
    expect(run(p, [series(values)], 34).at(-1)).toMatchObject({ value: 1, baseline: 0, threshold: 3, firing: false });
    values[33] = 2;
    expect(run(p, [series(values)], 34).at(-1)!.firing).toBe(false);
    values[33] = 3;
    expect(run(p, [series(values)], 34).at(-1)).toMatchObject({ value: 3, threshold: 3, firing: true });
    // A larger minimum baseline asks for more after a quiet month.
    const strict = SurgeParams.parse({ ...p, minBaseline: 2 });
    expect(run(strict, [series(values)], 34).at(-1)).toMatchObject({ threshold: 4, firing: false });
  });

  it('a burst is one episode, however long the window keeps it above the threshold', () => {
    const values = [...zeros(60), 2, 2, 2, ...zeros(40)];
    const points = run(p, [series(values)], 35);
    const firing = points.filter((x) => x.firing).map((x) => x.day);
    expect(firing.length).toBeGreaterThan(3);
    expect(episodes(points, windowDays(p))).toEqual([{ start: day(61), end: firing.at(-1), peak: 6 }]);
  });

  it('two bursts further apart than the window are two episodes; closer ones are one', () => {
    const far = [...zeros(40), 5, ...zeros(30), 5, ...zeros(20)];
    expect(episodes(run(p, [series(far)], 35), 7)).toHaveLength(2);
    const near = [...zeros(40), 5, ...zeros(9), 5, ...zeros(20)];
    // The second burst meets a higher baseline (the first is in it) but still fires within the cool-down.
    const eps = episodes(run(p, [series(near)], 35), 7);
    expect(eps).toHaveLength(1);
  });

  it('an episode still within its cool-down at the last day is open', () => {
    const values = [...zeros(40), 5, ...zeros(8)];
    const eps = episodes(run(p, [series(values)], 35), 7);
    expect(eps).toHaveLength(1);
    expect(eps[0]!.end).toBeNull();
  });
});

describe('highest level in N years', () => {
  const p = RecordHighParams.parse({ kind: 'record_high', indicatorId: ID, windowDays: 30, years: 1, minCount: 3 });

  it('fires above every earlier 30-day window of the year, and not at the same level', () => {
    const values = zeros(400);
    values[100] = 4; // an earlier high of 4
    values[390] = 4;
    expect(run(p, [series(values)], 399).at(-1)).toMatchObject({ value: 4, baseline: 4, threshold: 5, firing: false });
    values[395] = 1;
    expect(run(p, [series(values)], 399).at(-1)).toMatchObject({ value: 5, baseline: 4, threshold: 5, firing: true });
  });

  it('an earlier high older than N years no longer counts; the floor still does', () => {
    const values = zeros(800);
    values[10] = 9;
    values[795] = 3;
    expect(run(p, [series(values)], 799).at(-1)).toMatchObject({ value: 3, baseline: 0, threshold: 3, firing: true });
    values[795] = 2;
    expect(run(p, [series(values)], 799).at(-1)!.firing).toBe(false);
  });
});

describe('observed signals together', () => {
  const p = CombinationParams.parse({ kind: 'combination', indicatorIds: [ID, ID2], withinDays: 14 });

  it('fires when both were observed within 14 days, not when 20 days apart', () => {
    const a = zeros(60);
    const b = zeros(60);
    a[30] = 1; b[40] = 1;
    const points = run(p, [series(a), series(b)], 20);
    expect(points.find((x) => x.day === day(40))).toMatchObject({ value: 2, threshold: 2, firing: true });
    expect(points.find((x) => x.day === day(44))!.firing).toBe(false);
    expect(episodes(points, 14)).toEqual([{ start: day(40), end: day(43), peak: 2 }]);
    const c = zeros(60);
    c[20] = 1;
    expect(run(p, [series(c), series(b)], 20).some((x) => x.firing)).toBe(false);
  });
});

describe('a party newly active in an area', () => {
  const p = PartyActiveParams.parse({ kind: 'party_active', recentDays: 30, quietDays: 365 });

  it('fires on the first incident after a quiet year, not when it was active in the year before', () => {
    const values = zeros(500);
    values[490] = 1;
    expect(run(p, [series(values)], 499).at(-1)).toMatchObject({ value: 1, baseline: 0, threshold: 1, firing: true });
    values[300] = 1;
    expect(run(p, [series(values)], 499).at(-1)).toMatchObject({ value: 1, baseline: 1, firing: false });
  });
});

describe('figures and episodes, whatever the series', () => {
  it('every value is the sum of its window; every firing day lies in exactly one episode; episodes do not overlap', () => {
    fc.assert(fc.property(
      fc.array(fc.nat({ max: 4 }), { minLength: 60, maxLength: 200 }), fc.integer({ min: 1, max: 14 }), fc.integer({ min: 14, max: 40 }),
      fc.integer({ min: 1, max: 5 }),
      (values, recent, baseline, minCount) => {
        const p = SurgeParams.parse({ kind: 'surge', indicatorId: ID, recentDays: recent, baselineDays: Math.max(baseline, recent), minCount });
        const first = Math.min(values.length - 1, lookbackDays(p));
        const points = run(p, [series(values)], first);
        points.forEach((pt, k) => {
          const i = first + k;
          const sum = values.slice(Math.max(0, i - recent + 1), i + 1).reduce((a, b) => a + b, 0);
          expect(pt.value).toBe(sum);
          expect(pt.firing).toBe(pt.value >= pt.threshold);
          expect(pt.threshold).toBeGreaterThanOrEqual(minCount);
        });
        const eps = episodes(points, recent);
        const inEpisode = (d: string) => eps.filter((e) => d >= e.start && (e.end === null || d <= e.end)).length;
        for (const pt of points as SeriesPoint[]) if (pt.firing) expect(inEpisode(pt.day)).toBe(1);
        for (let k = 1; k < eps.length; k++) expect(eps[k]!.start > eps[k - 1]!.end!).toBe(true);
      },
    ), { numRuns: 200 });
  });

  it('the highest earlier window is the largest over every window of the years before, as counted one by one', () => {
    fc.assert(fc.property(fc.array(fc.nat({ max: 3 }), { minLength: 40, maxLength: 900 }), fc.integer({ min: 7, max: 40 }), fc.integer({ min: 1, max: 2 }), (values, w, years) => {
      const p = RecordHighParams.parse({ kind: 'record_high', indicatorId: ID, windowDays: w, years, minCount: 1 });
      const points = run(p, [series(values)], 0);
      const sum = (a: number, b: number) => values.slice(Math.max(0, a), b + 1).reduce((x, y) => x + y, 0);
      points.forEach((pt, i) => {
        let previous = 0;
        for (let e = i - w; e >= i - years * 365 && e >= 0; e--) previous = Math.max(previous, sum(e - w + 1, e));
        expect(pt.baseline).toBe(previous);
      });
    }), { numRuns: 60 });
    const m = new RangeMax([3, 1, 4, 1, 5, 9, 2, 6]);
    expect([m.max(0, 7), m.max(0, 3), m.max(6, 7), m.max(-5, 1), m.max(5, 4), m.max(3, 3)]).toEqual([9, 4, 6, 3, 0, 1]);
  });

  it('denseSeries puts sparse counts on their days and ignores days outside', () => {
    expect(denseSeries('2024-01-01', '2024-01-05', [['2024-01-02', 3], ['2024-01-05', 1], ['2023-12-31', 9], ['2024-01-02', 1]]).values).toEqual([0, 4, 0, 0, 1]);
  });
});

describe('a day-by-day breakdown too large for one question', () => {
  it('is asked in halves until each part fits, every day once', async () => {
    // The engine refuses a breakdown of more than its cells after running it; here a period of more than 16 days stands for that.
    const asked: [string, string][] = [];
    const ask = (_db: unknown, req: CountRequest) => {
      const { from, to } = req.filters as { from: string; to: string };
      asked.push([from, to]);
      if (dayNumber(to) - dayNumber(from) + 1 > 16) return Promise.reject(badRequest('by', 'too_many_cells', 'too many'));
      const rows = [];
      for (let d = dayNumber(from); d <= dayNumber(to); d++) rows.push({ key: [addDays('1970-01-01', d)], value: 1 });
      return Promise.resolve({ rows, total: rows.length, selfDecided: 0 });
    };
    const req = { choice: { unit: 'incidents', date: 'occurred', records: 'reported', track: 'crsv', rollup: false }, filters: {}, by: ['period'], grain: 'day', scope: { organisationId: 'o', all: true } } as CountRequest;
    const rows = await dailyCounts(null as never, req, '2024-01-01', '2024-06-28', ask);
    expect(rows.map((r) => r.key[0])).toEqual(Array.from({ length: 180 }, (_, i) => addDays('2024-01-01', i)));
    expect(asked.length).toBeGreaterThan(1);
    // Any other refusal is not a matter of size: it goes up as it came.
    const other = () => Promise.reject(badRequest('by', 'invalid', 'no'));
    await expect(dailyCounts(null as never, req, '2024-01-01', '2024-01-31', other as never)).rejects.toThrow('no');
  });
});
