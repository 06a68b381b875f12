// Why: the map saved as a PNG: the canvas's pixels (areas, outlines and points are all in it) with the title, the
// counting lines and the legend written in a band above, so the picture says what it shows away from the page.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { drawMark, POINT_MARKS, type PointPrecision } from './points.ts';

/** A legend entry: a fill colour, the hatch of suppressed areas, or a point's mark; and its words. */
export type PngLegendEntry = { kind: 'fill'; colour: string; text: string } | { kind: 'hatch'; text: string } | { kind: 'point'; precision: PointPrecision; text: string };

/** The width of an entry's mark: a swatch, or a point's circle. */
const markWidth = (e: PngLegendEntry) => (e.kind === 'point' ? 2 * POINT_MARKS[e.precision].radius : 16);

export async function mapPng(m: MapLibreMap, title: string, lines: readonly string[], legend: readonly PngLegendEntry[], rtl: boolean): Promise<Blob | null> {
  const source = m.getCanvas();
  const scale = source.width / source.clientWidth || 1;
  const width = source.clientWidth;
  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) return null;
  measure.font = '12px system-ui, sans-serif';
  // The legend wraps onto as many rows as the width needs.
  const rows: PngLegendEntry[][] = [[]];
  let used = 12;
  for (const e of legend) {
    const w = markWidth(e) + 16 + measure.measureText(e.text).width;
    if (used + w > width - 12 && rows[rows.length - 1]!.length > 0) {
      rows.push([]);
      used = 12;
    }
    rows[rows.length - 1]!.push(e);
    used += w;
  }
  const legendTop = 48 + lines.length * 18;
  const band = legendTop + rows.length * 28 + 8;
  const canvas = document.createElement('canvas');
  canvas.width = source.width;
  canvas.height = source.height + band * scale;
  const g = canvas.getContext('2d');
  if (!g) return null;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.scale(scale, scale);
  g.direction = rtl ? 'rtl' : 'ltr';
  const x = rtl ? width - 12 : 12;
  g.fillStyle = '#1d2430';
  g.font = '600 16px system-ui, sans-serif';
  g.fillText(title, x, 26);
  g.font = '12px system-ui, sans-serif';
  g.fillStyle = '#5b6472';
  lines.forEach((l, i) => g.fillText(l, x, 48 + i * 18));
  g.drawImage(source, 0, band, width, source.clientHeight);
  g.direction = 'ltr';
  rows.forEach((row, r) => {
    let lx = 12;
    const ly = legendTop + r * 28;
    for (const e of row) {
      if (e.kind === 'point') {
        drawMark(g, e.precision, lx + markWidth(e) / 2, ly + 6);
      } else {
        g.fillStyle = e.kind === 'hatch' ? '#b9bec6' : e.colour;
        g.fillRect(lx, ly, 16, 12);
        g.lineWidth = 1;
        g.strokeStyle = '#5b6472';
        g.strokeRect(lx, ly, 16, 12);
      }
      g.fillStyle = '#1d2430';
      g.fillText(e.text, lx + markWidth(e) + 4, ly + 11);
      lx += markWidth(e) + 16 + g.measureText(e.text).width;
    }
  });
  return await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}
