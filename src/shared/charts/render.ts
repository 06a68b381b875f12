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

/** The chart as a standalone SVG document. */
export function renderSvg(option: EChartsOption, size: ChartSize): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
