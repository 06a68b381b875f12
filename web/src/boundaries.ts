// Why: the admin 1 outlines the map draws (src/places/boundaries, shipped with Salama: no tiles, nothing from
// another server). Each country's file is a hashed asset of the build, fetched from the app's own origin only
// when its map is drawn, and kept for the session.
import { useQuery } from '@tanstack/react-query';
import caf from '../../src/places/boundaries/CAF.geojson?url';
import cod from '../../src/places/boundaries/COD.geojson?url';
import irq from '../../src/places/boundaries/IRQ.geojson?url';
import lby from '../../src/places/boundaries/LBY.geojson?url';
import mli from '../../src/places/boundaries/MLI.geojson?url';
import sdn from '../../src/places/boundaries/SDN.geojson?url';
import som from '../../src/places/boundaries/SOM.geojson?url';
import ssd from '../../src/places/boundaries/SSD.geojson?url';

const FILES: Readonly<Record<string, string>> = { CAF: caf, COD: cod, IRQ: irq, LBY: lby, MLI: mli, SDN: sdn, SOM: som, SSD: ssd };

/** Countries the app can map. */
export const MAPPED_COUNTRIES: readonly string[] = Object.keys(FILES);

type Position = [number, number];
export interface AreaFeature {
  type: 'Feature';
  properties: { code: string };
  geometry: { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };
}
export interface Boundaries { type: 'FeatureCollection'; features: AreaFeature[] }

export function useBoundaries(country: string) {
  return useQuery({
    queryKey: ['boundaries', country],
    queryFn: async (): Promise<Boundaries> => {
      const res = await fetch(FILES[country]!, { credentials: 'same-origin' });
      if (!res.ok) throw new Error(`boundaries ${res.status}`);
      return await res.json() as Boundaries;
    },
    enabled: country in FILES,
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/** The outlines' extent: [west, south, east, north]. */
export function extentOf(b: Boundaries): [number, number, number, number] {
  let [w, s, e, n] = [180, 90, -180, -90];
  const visit = (p: Position) => { w = Math.min(w, p[0]); e = Math.max(e, p[0]); s = Math.min(s, p[1]); n = Math.max(n, p[1]); };
  for (const f of b.features) {
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const polygon of polygons) for (const ring of polygon) ring.forEach(visit);
  }
  return [w, s, e, n];
}
