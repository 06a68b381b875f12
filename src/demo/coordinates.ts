/**
 * Synthetic coordinates for some demo incidents, so the restricted map shows points of every kind: a point drawn at
 * random inside the incident's admin 1 outline (the shipped boundary files, src/places/boundaries) at a precision
 * drawn at random (exact, approximate, locality, or no finer than a district, which the map does not draw). The
 * outline is the only real thing: no real event is placed. A random stream of its own, so the rest of the demo is
 * the same with or without it.
 */
import { readFileSync } from 'node:fs';
import type { IncidentCreate } from '../shared/incident.ts';

type Coordinates = NonNullable<IncidentCreate['place']['coordinates']>;
type Ring = [number, number][];
interface Outline { type: 'Feature'; properties: { code: string }; geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] } }

/** Share of the demo incidents that carry coordinates (many real records have none). */
const SHARE = 0.4;
const PRECISIONS: readonly [Coordinates['precision'], number][] = [['exact', 0.35], ['approximate', 0.3], ['locality', 0.25], ['admin2', 0.1]];

const outlines = new Map<string, ReadonlyMap<string, Ring[][]>>();

/** The polygons (each its rings) of an admin 1 area, from its country's boundary file; none for other countries. */
function polygonsOf(country: string, code: string): Ring[][] | undefined {
  let byCode = outlines.get(country);
  if (!byCode) {
    const file = new URL(`../places/boundaries/${country}.geojson`, import.meta.url);
    let features: Outline[] = [];
    try {
      features = (JSON.parse(readFileSync(file, 'utf8')) as { features: Outline[] }).features;
    } catch {
      // No outlines for this country: its incidents get no coordinates.
    }
    byCode = new Map(features.map((f) => [f.properties.code, f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates]));
    outlines.set(country, byCode);
  }
  return byCode.get(code);
}

/** Even-odd rule over a polygon's rings: inside the outer ring and outside its holes. */
function inside(polygons: readonly Ring[][], x: number, y: number): boolean {
  return polygons.some((rings) => rings.reduce((odd, ring) => {
    let crossings = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) crossings = !crossings;
    }
    return odd !== crossings;
  }, false));
}

const round = (v: number) => Math.round(v * 1e5) / 1e5;

/** Coordinates for an incident placed in this admin 1 area, or none (most often, as in real records). */
export function demoCoordinates(random: () => number, place: IncidentCreate['place']): Coordinates | null {
  if (!place.admin1 || random() >= SHARE) return null;
  const polygons = polygonsOf(place.country, place.admin1);
  if (!polygons) return null;
  let [w, s, e, n] = [180, 90, -180, -90];
  for (const rings of polygons) for (const [x, y] of rings[0] ?? []) [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
  let pick = random();
  const precision = PRECISIONS.find(([, share]) => (pick -= share) < 0)?.[0] ?? 'exact';
  for (let tries = 0; tries < 200; tries++) {
    const lon = w + random() * (e - w);
    const lat = s + random() * (n - s);
    if (inside(polygons, lon, lat)) return { lat: round(lat), lon: round(lon), precision };
  }
  return null;
}
