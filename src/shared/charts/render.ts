/**
 * ECharts with only what the charts of options.ts use (tree-shaken: bars, heat tables, titles, legends, tooltips,
 * the colour scale; backtest.ts registers its own lines and marks, so the dashboard does not carry them), and the
 * one way a chart becomes SVG text: ECharts' server-side rendering, which needs no DOM. The server
 * (src/stats/chart-svg.ts) and the web app's SVG downloads both call `renderSvg`, so a downloaded SVG is what the
 * server would render. No Node imports.
 */
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

echarts.use([BarChart, HeatmapChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export { echarts };

export interface ChartSize { width: number; height: number }

/**
 * zrender numbers the ids and classes it writes (`zr3-cls-17`, `zr3-p0`) with counters that live as long as the
 * process, so the same chart drawn twice would differ; renumbered here in order of first use (`s0`, `s1`, ...),
 * the same option always gives the same text, and a report the same bytes.
 */
function standalone(svg: string): string {
  const names = new Map<string, string>();
  return svg.replace(/\bzr\d+-[A-Za-z]+(?:-\d+|\d+)/g, (name) => {
    let short = names.get(name);
    if (!short) names.set(name, (short = `zr-s${names.size}`));
    return short;
  });
}

/** The chart as a standalone SVG document: the same option gives the same text. */
export function renderSvg(option: EChartsOption, size: ChartSize): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ ...option, animation: false });
    return standalone(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}
