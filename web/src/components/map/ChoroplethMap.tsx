// Why: a choropleth of one country's admin 1 areas with MapLibre GL, offline: the style is a background and the
// shipped outlines as a GeoJSON source (fill and line layers only: no tiles, no sprite, no glyphs, so nothing is
// fetched from anywhere), and, when given, the records' points over them (a circle layer, points.ts). Suppressed
// areas are hatched (a pattern drawn here); names and values are in the legend, the click popups and the table
// beside the map. The map can be saved as a PNG with its title and legend (mapPng.ts).
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Map as MapLibreMap, NavigationControl, Popup, setWorkerUrl } from 'maplibre-gl';
import type { ExpressionSpecification, GeoJSONSource, MapLayerMouseEvent, StyleSpecification } from 'maplibre-gl';
// MapLibre's GeoJSON types (the @types/geojson package it brings).
import type { FeatureCollection } from 'geojson';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { ChartWords, FigureCell } from '../../../../src/shared/charts/figure.ts';
import type { MapPoint } from '../../../../src/shared/stats.ts';
import { extentOf, MAPPED_COUNTRIES, useBoundaries, type Boundaries } from '../../boundaries.ts';
import { mapPng, type PngLegendEntry } from './mapPng.ts';
import { markStyle, pointPopup, pointsGeoJson, POINTS_LAYER, POINTS_SOURCE, precisionsOf, type PointPrecision } from './points.ts';

// The worker is a file of the build, served from the app's own origin (the CSP allows no other).
setWorkerUrl(workerUrl);

const NONE = '#ffffff';
const COLOURS = ['#c6dbef', '#6baed6', '#2171b5', '#08306b'];
const HATCH = 'suppressed-hatch';
const NO_POINTS: readonly MapPoint[] = [];

/** The classes' lower bounds (1 and up): at most four, evenly over the largest value. */
export function classBreaks(max: number): number[] {
  if (max <= 0) return [];
  const raw = [1, Math.ceil(max / 4) + 1, Math.ceil(max / 2) + 1, Math.ceil((3 * max) / 4) + 1].filter((b) => b <= max);
  return [...new Set(raw)];
}

/** The legend's entries: a colour and the values it stands for. */
export function legendClasses(max: number): { colour: string; from: number; to: number }[] {
  const breaks = classBreaks(max);
  return breaks.map((from, i) => ({ colour: COLOURS[i + (COLOURS.length - breaks.length)]!, from, to: (breaks[i + 1] ?? max + 1) - 1 }));
}

function fillColour(max: number): ExpressionSpecification | string {
  const classes = legendClasses(max);
  if (classes.length === 0) return NONE;
  return ['step', ['get', 'value'], NONE, ...classes.flatMap((c) => [c.from, c.colour])] as ExpressionSpecification;
}

/** A diagonal hatch drawn into pixels: MapLibre fill patterns are images, and none may come from elsewhere. */
function hatch(): { width: number; height: number; data: Uint8Array } {
  const size = 8;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const line = (x + y) % size < 2;
      data.set(line ? [91, 100, 114, 255] : [217, 220, 225, 255], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}

const withValues = (b: Boundaries, cells: ReadonlyMap<string, FigureCell>): Boundaries => ({
  ...b,
  features: b.features.map((f) => {
    const cell = cells.get(f.properties.code);
    return { ...f, properties: { ...f.properties, value: cell?.value ?? 0, suppressed: cell?.suppressed != null, reason: cell?.suppressed ?? '' } };
  }),
});

/** Our outlines are GeoJSON; MapLibre's type for it comes from a package the app does not import. */
const asGeoJson = (b: Boundaries) => b as unknown as FeatureCollection;

function style(data: Boundaries, max: number, points: readonly MapPoint[]): StyleSpecification {
  return {
    version: 8,
    sources: { areas: { type: 'geojson', data: asGeoJson(data) }, [POINTS_SOURCE]: { type: 'geojson', data: pointsGeoJson(points) } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef2f6' } },
      { id: 'areas', type: 'fill', source: 'areas', filter: ['!=', ['get', 'suppressed'], true], paint: { 'fill-color': fillColour(max) } },
      { id: 'suppressed', type: 'fill', source: 'areas', filter: ['==', ['get', 'suppressed'], true], paint: { 'fill-pattern': HATCH } },
      { id: 'outlines', type: 'line', source: 'areas', paint: { 'line-color': '#5b6472', 'line-width': 0.8 } },
      POINTS_LAYER,
    ],
  };
}

export interface MapHandle { toPng(title: string, lines: readonly string[]): Promise<Blob | null> }

interface Props {
  country: string;
  cells: ReadonlyMap<string, FigureCell>;
  words: ChartWords;
  label: string;
  withReason: boolean;
  /** The records' points (restricted map only), each at the precision it allows. */
  points?: readonly MapPoint[];
  onReady?: (handle: MapHandle | null) => void;
}

export function ChoroplethMap({ country, cells, words, label, withReason, points = NO_POINTS, onReady }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const boundaries = useBoundaries(country);
  const [failed, setFailed] = useState(false);
  const max = useMemo(() => Math.max(0, ...[...cells.values()].map((c) => c.value ?? 0)), [cells]);
  const data = useMemo(() => (boundaries.data ? withValues(boundaries.data, cells) : null), [boundaries.data, cells]);
  const classes = legendClasses(max);
  const anySuppressed = [...cells.values()].some((c) => c.suppressed !== null);
  const precisions = useMemo(() => precisionsOf(points), [points]);
  const precisionWords = (p: PointPrecision) => t(`dashboard.map.points.precision.${p}`);

  // The values as they are now, for a map made later than they arrived (a change of language remakes it), and
  // what a point's popup needs when it opens.
  const latest = useRef({ data, max, points });
  latest.current = { data, max, points };
  const popupNeeds = useRef({ precisionWords, navigate });
  popupNeeds.current = { precisionWords, navigate };
  const [made, setMade] = useState(0);
  const loaded = useRef<MapLibreMap | null>(null);

  // One map per country's outlines; values change through the source's data and the fill's colours.
  useEffect(() => {
    if (!boundaries.data || !element.current) return;
    let m: MapLibreMap;
    try {
      m = new MapLibreMap({
        container: element.current, style: style(latest.current.data ?? boundaries.data, latest.current.max, latest.current.points), bounds: extentOf(boundaries.data),
        fitBoundsOptions: { padding: 16 }, attributionControl: false, dragRotate: false, pitchWithRotate: false, renderWorldCopies: false,
        canvasContextAttributes: { preserveDrawingBuffer: true },
      });
    } catch {
      setFailed(true);
      return;
    }
    m.setMissingStyleImageResolver((id) => { if (id === HATCH && !m.hasImage(HATCH)) m.addImage(HATCH, hatch()); });
    m.touchZoomRotate.disableRotation();
    m.addControl(new NavigationControl({ showCompass: false }), words.rtl ? 'top-left' : 'top-right');
    const popup = new Popup({ closeButton: true, closeOnClick: true });
    m.on('click', 'areas', (e) => showPopup(e));
    m.on('click', 'suppressed', (e) => showPopup(e));
    m.on('click', POINTS_LAYER.id, (e) => showPoint(e));
    for (const layer of ['areas', POINTS_LAYER.id]) {
      m.on('mouseenter', layer, () => { m.getCanvas().style.cursor = 'pointer'; });
      m.on('mouseleave', layer, () => { m.getCanvas().style.cursor = ''; });
    }
    // What a test (and a curious reader) can check: how many points the map has drawn, once it is still.
    const container = element.current;
    m.on('idle', () => {
      if (!m.getLayer(POINTS_LAYER.id)) return;
      container.dataset.pointsDrawn = String(new Set(m.queryRenderedFeatures({ layers: [POINTS_LAYER.id] }).map((f) => f.properties.id as string)).size);
    });
    function showPopup(e: MapLayerMouseEvent) {
      // A click on a point is the point's: its popup, not its area's.
      if (m.queryRenderedFeatures(e.point, { layers: [POINTS_LAYER.id] }).length > 0) return;
      const p = e.features?.[0]?.properties ?? {};
      const reason = withReason && (p.reason === 'primary' || p.reason === 'secondary') ? ` (${words.text(p.reason as 'primary' | 'secondary')})` : '';
      const shown = p.suppressed === true ? `${words.text('suppressed')}${reason}` : String(p.value ?? 0);
      popup.setLngLat(e.lngLat).setText(`${words.label('admin1', String(p.code ?? ''))}: ${shown}`).addTo(m);
    }
    function showPoint(e: MapLayerMouseEvent) {
      // The exact point on top when several overlap (the layer's sort key).
      const f = e.features?.find((x) => x.properties.precision === 'exact') ?? e.features?.[0];
      if (!f) return;
      const p = f.properties as { id: string; reference: string; precision: PointPrecision };
      const { precisionWords: say, navigate: go } = popupNeeds.current;
      const at = (f.geometry.type === 'Point' ? f.geometry.coordinates : [e.lngLat.lng, e.lngLat.lat]) as [number, number];
      popup.setLngLat(at).setDOMContent(pointPopup(p, say(p.precision), (path) => { popup.remove(); void go(path); })).addTo(m);
    }
    map.current = m;
    // Once its style has loaded, a map takes new values at once: a change that arrives while a source is still
    // loading (isStyleLoaded() is false then) must not wait for a 'load' that has already fired.
    m.once('load', () => {
      loaded.current = m;
      setMade((n) => n + 1);
    });
    return () => {
      popup.remove();
      m.remove();
      map.current = null;
    };
  // The words (and so the direction) are read when the map is made: the map is made again when they change.
  }, [boundaries.data, words, withReason]);

  useEffect(() => {
    const m = map.current;
    if (!m || m !== loaded.current || !data) return;
    void m.getSource<GeoJSONSource>('areas')?.setData(asGeoJson(data));
    void m.getSource<GeoJSONSource>(POINTS_SOURCE)?.setData(pointsGeoJson(points));
    m.setPaintProperty('areas', 'fill-color', fillColour(max));
  }, [data, max, points, made]);

  // The PNG's legend as the page's is now; the handle itself changes only when a map is made (a new handle on
  // every render would re-render the page that keeps it, and so this map, without end).
  const pngLegend = useRef<{ legend: PngLegendEntry[]; rtl: boolean }>({ legend: [], rtl: false });
  pngLegend.current = {
    rtl: words.rtl,
    legend: [
      { kind: 'fill', colour: NONE, text: '0' },
      ...classes.map((c): PngLegendEntry => ({ kind: 'fill', colour: c.colour, text: c.from === c.to ? String(c.from) : `${c.from}–${c.to}` })),
      ...(anySuppressed ? [{ kind: 'hatch', text: words.text('suppressed') } as const] : []),
      ...precisions.map((p): PngLegendEntry => ({ kind: 'point', precision: p, text: precisionWords(p) })),
    ],
  };
  useEffect(() => {
    const toPng = async (title: string, lines: readonly string[]) =>
      (map.current ? mapPng(map.current, title, lines, pngLegend.current.legend, pngLegend.current.rtl) : null);
    onReady?.(made > 0 && !failed ? { toPng } : null);
  }, [made, failed, onReady]);

  if (!MAPPED_COUNTRIES.includes(country)) return null;
  return (
    <div className="map-frame">
      {failed
        ? <p className="note" data-testid="map-no-webgl">{t('dashboard.map.noWebgl')}</p>
        : <div ref={element} className="map" role="region" aria-label={label} data-testid="map" dir="ltr" />}
      <ul className="map-legend" aria-label={t('dashboard.map.legend')} data-testid="map-legend">
        <li><span className="swatch" style={{ background: NONE }} />{t('dashboard.map.none')}</li>
        {classes.map((c) => <li key={c.from}><span className="swatch" style={{ background: c.colour }} />{c.from === c.to ? c.from : `${c.from}–${c.to}`}</li>)}
        {anySuppressed && <li data-testid="map-legend-suppressed"><span className="swatch hatched" />{t('dashboard.map.suppressed')}</li>}
        {precisions.map((p) => <li key={p} data-testid={`map-legend-points-${p}`}><span className="point-mark" style={markStyle(p)} />{precisionWords(p)}</li>)}
      </ul>
    </div>
  );
}
