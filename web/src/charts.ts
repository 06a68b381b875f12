// Why: ECharts in the browser: the modules the shared charts register (src/shared/charts/render.ts) plus the
// canvas renderer the screen draws with. Imported by the dashboard's lazy chunk only.
import { CanvasRenderer } from 'echarts/renderers';
import { echarts } from '../../src/shared/charts/render.ts';

echarts.use([CanvasRenderer]);

export { echarts };
