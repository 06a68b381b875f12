/**
 * The server renders the dashboard's own chart options to SVG (ECharts SSR): the labels, the counting rule and
 * the values are in the SVG text, in English and in Arabic, and suppressed cells carry their mark.
 */
import { describe, expect, it } from 'vitest';
import { fromAnswer, fromProtected, crossTab } from '../shared/charts/figure.ts';
import { barsHeight, barsOption, heatmapOption } from '../shared/charts/options.ts';
import { ruleWords } from '../shared/charts/words.ts';
import type { StatsAnswer } from '../shared/stats.ts';
import { chartSvg, serverWords } from './chart-svg.ts';

const rule = { unit: 'violations', records: 'verified', date: 'occurred', track: 'crsv', rollup: false } as const;
const bySetting: StatsAnswer = {
  tier: 'restricted', rule, by: ['setting'], grain: 'quarter', total: 19, parties: {}, coverage: 'organisation', selfDecided: 0, asOf: '2025-01-01T00:00:00Z',
  rows: [{ key: ['home'], value: 12 }, { key: ['market'], value: 4 }, { key: ['not_known'], value: 3 }],
};

describe('charts rendered to SVG on the server', () => {
  it('renders a bar chart with its labels, values and counting rule', () => {
    const words = serverWords('en');
    const caption = { title: 'Violations by setting', subtitle: ruleWords('en', rule) };
    const svg = chartSvg(barsOption(fromAnswer(bySetting), words, { bars: 'setting', caption }), { width: 640, height: barsHeight(3, { caption }) });
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of ['Violations by setting', 'violations, verified only, by date of occurrence', 'Home', 'Market', 'Not known', '>12<']) expect(svg).toContain(text);
  });

  it('speaks Arabic', () => {
    const svg = chartSvg(barsOption(fromAnswer(bySetting), serverWords('ar'), { bars: 'setting', caption: { title: 'x', subtitle: ruleWords('ar', rule) } }));
    expect(svg).toContain('المنزل');
    expect(svg).toContain('الانتهاكات، المتحقق منها فقط، حسب تاريخ الوقوع');
  });

  it('marks suppressed cells of a protected table, never as zero', () => {
    const table = {
      id: 't', dimensions: ['area', 'victimCategory'] as ('area' | 'victimCategory')[],
      cells: [
        { key: ['CAF/CF-UK', 'women'], value: 14, suppressed: null },
        { key: ['CAF/CF-UK', 'girls'], value: null, suppressed: 'primary' as const },
        { key: ['CAF/CF-HK', 'women'], value: null, suppressed: 'secondary' as const },
        { key: ['CAF/CF-HK', 'girls'], value: 7, suppressed: null },
      ],
    };
    const figure = fromProtected(table, 'quarter');
    const words = serverWords('en');
    const svg = chartSvg(heatmapOption(crossTab(figure, 'area', 'victimCategory', { words }), words, { rows: 'area', columns: 'victimCategory' }));
    expect(svg).toContain('Ouaka');
    expect(svg).toContain('Haute-Kotto');
    expect(svg).toContain('>P<');
    expect(svg).toContain('>S<');
    expect(svg).toContain('>14<');
    // The one zero is the colour scale's lower end: no suppressed cell reads as zero.
    expect(svg.match(/>0</g)).toHaveLength(1);
  });
});
