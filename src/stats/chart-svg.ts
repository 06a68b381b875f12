/**
 * The dashboard's charts as SVG on the server: the same options the web app draws (src/shared/charts/options.ts),
 * rendered by ECharts' server-side renderer (no DOM, no browser), for what carries figures as images (reports,
 * statistics packages). The words are the shared label files'; area names are those of the boundary files shipped
 * with Salama (src/places/admin-areas.json), party names those of the answer.
 */
import { localAreaName } from '../shared/places.ts';
import type { EChartsOption } from 'echarts';
import adminAreas from '../places/admin-areas.json' with { type: 'json' };
import type { ChartWords } from '../shared/charts/figure.ts';
import { renderSvg, type ChartSize } from '../shared/charts/render.ts';
import { chartWords } from '../shared/charts/words.ts';
import type { LabelLanguage } from '../shared/labels.ts';

export const DEFAULT_CHART_SIZE: ChartSize = { width: 800, height: 420 };

const AREAS = new Map(adminAreas.areas.map((a) => [a.code, a]));

/** The words of a chart rendered by the server, in the language asked for. */
export function serverWords(lang: LabelLanguage, parties: Readonly<Record<string, string>> = {}): ChartWords {
  return chartWords(lang, {
    area: (code) => {
      const a = AREAS.get(code);
      if (!a) return null;
      return localAreaName(a, lang);
    },
    party: (id) => parties[id],
  });
}

/** A chart option as an SVG document. */
export const chartSvg = (option: EChartsOption, size: ChartSize = DEFAULT_CHART_SIZE): string => renderSvg(option, size);
