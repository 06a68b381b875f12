/**
 * Regenerates src/places/boundaries/<ISO3>.geojson (admin 1 outlines for the web app's map) from the boundary
 * files in ../shared/data/external/boundaries, the same files build-admin-areas.ts reads for the names.
 * Run: npx tsx src/places/build-boundaries.ts [boundariesDir]
 * Kept: each feature's area code (the code records store) and its geometry, coordinates rounded to 0.001 degree
 * (about 110 m: the files were simplified at 200 m) with repeated points dropped. The licences of the sources
 * (boundaries/README.md) apply to these derived files.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface IndexEntry { file: string; iso3: string; level: number }
type Ring = [number, number][];
interface Feature { properties: { pcode: string }; geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] } }

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2] ?? join(here, '../../../shared/data/external/boundaries');
const out = join(here, 'boundaries');
const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as IndexEntry[];

const round = (n: number) => Math.round(n * 1000) / 1000;
function ring(points: Ring): Ring {
  const kept: Ring = [];
  for (const [x, y] of points) {
    const p: [number, number] = [round(x), round(y)];
    const last = kept.at(-1);
    if (!last || last[0] !== p[0] || last[1] !== p[1]) kept.push(p);
  }
  return kept;
}

mkdirSync(out, { recursive: true });
for (const entry of index.filter((e) => e.level === 1)) {
  const geo = JSON.parse(readFileSync(join(dir, entry.file), 'utf8')) as { features: Feature[] };
  const features = geo.features.map(({ properties, geometry }) => ({
    type: 'Feature',
    properties: { code: properties.pcode },
    geometry: geometry.type === 'Polygon'
      ? { type: 'Polygon', coordinates: geometry.coordinates.map(ring) }
      : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map(ring)) },
  }));
  writeFileSync(join(out, `${entry.iso3}.geojson`), JSON.stringify({ type: 'FeatureCollection', features }) + '\n');
  console.log(`${entry.iso3}: ${features.length} areas`);
}
