// Why: a choropleth of one country's admin 1 areas with MapLibre GL, offline: the style is a background and the
// shipped outlines as a GeoJSON source (fill and line layers only: no tiles, no sprite, no glyphs, so nothing is
// fetched from anywhere). Suppressed areas are hatched (a pattern drawn here); names and values are in the
// legend, the click popup and the table beside the map. The map can be saved as a PNG with its title and legend.
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Map as MapLibreMap, NavigationControl, Popup, setWorkerUrl } from 'maplibre-gl';
import type { ExpressionSpecification, GeoJSONSource, MapLayerMouseEvent, StyleSpecification } from 'maplibre-gl';
// MapLibre's GeoJSON types (the @types/geojson package it brings).
import type { FeatureCollection } from 'geojson';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { ChartWords, FigureCell } from '../../../../src/shared/charts/figure.ts';
import { extentOf, MAPPED_COUNTRIES, useBoundaries, type Boundaries } from '../../boundaries.ts';

// The worker is a file of the build, served from the app's own origin (the CSP allows no other).
setWorkerUrl(workerUrl);

const NONE = '#ffffff';
const COLOURS = ['#c6dbef', '#6baed6', '#2171b5', '#08306b'];
const HATCH = 'suppressed-hatch';

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

function style(data: Boundaries, max: number): StyleSpecification {
  return {
    version: 8,
    sources: { areas: { type: 'geojson', data: asGeoJson(data) } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef2f6' } },
      { id: 'areas', type: 'fill', source: 'areas', filter: ['!=', ['get', 'suppressed'], true], paint: { 'fill-color': fillColour(max) } },
      { id: 'suppressed', type: 'fill', source: 'areas', filter: ['==', ['get', 'suppressed'], true], paint: { 'fill-pattern': HATCH } },
      { id: 'outlines', type: 'line', source: 'areas', paint: { 'line-color': '#5b6472', 'line-width': 0.8 } },
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
  onReady?: (handle: MapHandle | null) => void;
}

export function ChoroplethMap({ country, cells, words, label, withReason, onReady }: Props) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const boundaries = useBoundaries(country);
  const [failed, setFailed] = useState(false);
  const max = useMemo(() => Math.max(0, ...[...cells.values()].map((c) => c.value ?? 0)), [cells]);
  const data = useMemo(() => (boundaries.data ? withValues(boundaries.data, cells) : null), [boundaries.data, cells]);
  const classes = legendClasses(max);
  const anySuppressed = [...cells.values()].some((c) => c.suppressed !== null);

  // The values as they are now, for a map made later than they arrived (a change of language remakes it).
  const latest = useRef({ data, max });
  latest.current = { data, max };
  const [made, setMade] = useState(0);

  // One map per country's outlines; values change through the source's data and the fill's colours.
  useEffect(() => {
    if (!boundaries.data || !element.current) return;
    let m: MapLibreMap;
    try {
      m = new MapLibreMap({
        container: element.current, style: style(latest.current.data ?? boundaries.data, latest.current.max), bounds: extentOf(boundaries.data),
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
    m.on('mouseenter', 'areas', () => { m.getCanvas().style.cursor = 'pointer'; });
    m.on('mouseleave', 'areas', () => { m.getCanvas().style.cursor = ''; });
    function showPopup(e: MapLayerMouseEvent) {
      const p = e.features?.[0]?.properties ?? {};
      const reason = withReason && (p.reason === 'primary' || p.reason === 'secondary') ? ` (${words.text(p.reason as 'primary' | 'secondary')})` : '';
      const shown = p.suppressed === true ? `${words.text('suppressed')}${reason}` : String(p.value ?? 0);
      popup.setLngLat(e.lngLat).setText(`${words.label('admin1', String(p.code ?? ''))}: ${shown}`).addTo(m);
    }
    map.current = m;
    setMade((n) => n + 1);
    return () => {
      popup.remove();
      m.remove();
      map.current = null;
    };
  // The words (and so the direction) are read when the map is made: the map is made again when they change.
  }, [boundaries.data, words, withReason]);

  useEffect(() => {
    const m = map.current;
    if (!m || !data) return;
    const apply = () => {
      void m.getSource<GeoJSONSource>('areas')?.setData(asGeoJson(data));
      m.setPaintProperty('areas', 'fill-color', fillColour(max));
    };
    if (m.isStyleLoaded()) apply();
    else m.on('load', apply);
    return () => { m.off('load', apply); };
  }, [data, max, made]);

  useEffect(() => {
    onReady?.(map.current && !failed ? { toPng: (title, lines) => mapPng(map.current!, title, lines, classes, anySuppressed, words) } : null);
  });

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
      </ul>
    </div>
  );
}

/** The map's pixels with the title, the counting lines and the legend written under them. */
async function mapPng(m: MapLibreMap, title: string, lines: readonly string[], classes: ReturnType<typeof legendClasses>, suppressed: boolean, words: ChartWords): Promise<Blob | null> {
  const source = m.getCanvas();
  const scale = source.width / source.clientWidth || 1;
  const band = (60 + lines.length * 18 + 34) * scale;
  const canvas = document.createElement('canvas');
  canvas.width = source.width;
  canvas.height = source.height + band;
  const g = canvas.getContext('2d');
  if (!g) return null;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.scale(scale, scale);
  g.direction = words.rtl ? 'rtl' : 'ltr';
  const x = words.rtl ? source.clientWidth - 12 : 12;
  g.fillStyle = '#1d2430';
  g.font = '600 16px system-ui, sans-serif';
  g.fillText(title, x, 26);
  g.font = '12px system-ui, sans-serif';
  g.fillStyle = '#5b6472';
  lines.forEach((l, i) => g.fillText(l, x, 48 + i * 18));
  g.drawImage(source, 0, band / scale, source.clientWidth, source.clientHeight);
  // The legend along the bottom of the band.
  let lx = 12;
  const ly = band / scale - 24;
  const entries: [string, string][] = [[NONE, '0'], ...classes.map((c): [string, string] => [c.colour, c.from === c.to ? String(c.from) : `${c.from}–${c.to}`]), ...(suppressed ? [['hatch', words.text('suppressed')] as [string, string]] : [])];
  g.direction = 'ltr';
  for (const [colour, text] of entries) {
    g.fillStyle = colour === 'hatch' ? '#b9bec6' : colour;
    g.fillRect(lx, ly, 16, 12);
    g.strokeStyle = '#5b6472';
    g.strokeRect(lx, ly, 16, 12);
    g.fillStyle = '#1d2430';
    g.fillText(text, lx + 20, ly + 11);
    lx += 28 + g.measureText(text).width;
  }
  return await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}
