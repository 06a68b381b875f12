// Why: the restricted map's points (GET /api/stats/points) as MapLibre draws them: a GeoJSON source and one circle
// layer (no symbols, so no glyphs and no sprites), styled by precision so that uncertainty shows: an exact point is a
// small solid dot, an approximate or locality point a larger translucent disc (about a kilometre either way). The
// legend's marks and the PNG's are drawn from the same table, and the click popup is built with the DOM: a
// reference is data, never markup.
import type { CSSProperties } from 'react';
import type { CircleLayerSpecification, ExpressionSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { MapPoint } from '../../../../src/shared/stats.ts';

export type PointPrecision = MapPoint['precision'];
export const POINT_PRECISIONS: readonly PointPrecision[] = ['exact', 'approximate', 'locality'];

interface Mark { radius: number; fill: string; fillOpacity: number; stroke: string; strokeWidth: number }

/** How each precision is drawn (CSS pixels): orange over the areas' blues. */
export const POINT_MARKS: Readonly<Record<PointPrecision, Mark>> = {
  exact: { radius: 4.5, fill: '#a63603', fillOpacity: 1, stroke: '#ffffff', strokeWidth: 1.5 },
  approximate: { radius: 9, fill: '#f16913', fillOpacity: 0.15, stroke: '#a63603', strokeWidth: 2 },
  locality: { radius: 12, fill: '#f16913', fillOpacity: 0.4, stroke: '#a63603', strokeWidth: 0.75 },
};

const byPrecision = (key: keyof Mark) =>
  ['match', ['get', 'precision'], 'exact', POINT_MARKS.exact[key], 'approximate', POINT_MARKS.approximate[key], POINT_MARKS.locality[key]] as ExpressionSpecification;

export const POINTS_SOURCE = 'points';

/** Over the areas and their outlines; exact dots on top of the discs around uncertain ones. */
export const POINTS_LAYER: CircleLayerSpecification = {
  id: 'points', type: 'circle', source: POINTS_SOURCE,
  layout: { 'circle-sort-key': ['match', ['get', 'precision'], 'exact', 2, 'approximate', 1, 0] },
  paint: {
    'circle-radius': byPrecision('radius'), 'circle-color': byPrecision('fill'), 'circle-opacity': byPrecision('fillOpacity'),
    'circle-stroke-color': byPrecision('stroke'), 'circle-stroke-width': byPrecision('strokeWidth'),
  },
};

export const pointsGeoJson = (points: readonly MapPoint[]): FeatureCollection => ({
  type: 'FeatureCollection',
  features: points.map((p) => ({
    type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { id: p.id, reference: p.reference, precision: p.precision },
  })),
});

/** The precisions among the points, in the legend's order. */
export const precisionsOf = (points: readonly MapPoint[]): PointPrecision[] => POINT_PRECISIONS.filter((p) => points.some((x) => x.precision === p));

const rgba = (hex: string, alpha: number) => {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
};

/** The legend's mark of a precision, as the map draws it. */
export function markStyle(precision: PointPrecision): CSSProperties {
  const m = POINT_MARKS[precision];
  const size = `${2 * m.radius}px`;
  // The white ring of an exact dot would vanish on the page: outlined in its own colour there.
  const stroke = precision === 'exact' ? m.fill : m.stroke;
  return { inlineSize: size, blockSize: size, boxSizing: 'border-box', borderRadius: '50%', background: rgba(m.fill, m.fillOpacity), border: `${Math.max(1, m.strokeWidth)}px solid ${stroke}` };
}

/** The same mark on a canvas (the PNG's legend), centred on (x, y). */
export function drawMark(g: CanvasRenderingContext2D, precision: PointPrecision, x: number, y: number): void {
  const m = POINT_MARKS[precision];
  g.beginPath();
  g.arc(x, y, m.radius, 0, 2 * Math.PI);
  g.fillStyle = rgba(m.fill, m.fillOpacity);
  g.fill();
  g.lineWidth = Math.max(1, m.strokeWidth);
  g.strokeStyle = precision === 'exact' ? m.fill : m.stroke;
  g.stroke();
}

/**
 * The popup of a point: its reference as a link to the record (opened inside the app on a plain click) and its
 * precision in words. Built with the DOM API so nothing the record says is read as markup.
 */
export function pointPopup(point: { id: string; reference: string }, precisionWords: string, open: (path: string) => void): HTMLElement {
  const box = document.createElement('div');
  box.className = 'map-point-popup';
  box.dataset.testid = 'map-point-popup';
  const link = document.createElement('a');
  link.href = `/incidents/${encodeURIComponent(point.id)}`;
  link.textContent = point.reference;
  link.addEventListener('click', (e) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    open(link.pathname);
  });
  const words = document.createElement('p');
  words.textContent = precisionWords;
  box.append(link, words);
  return box;
}
