/**
 * Regenerates src/places/admin-areas.json from the boundary files in ../shared/data/external/boundaries.
 * Run: npx tsx src/places/build-admin-areas.ts [boundariesDir]
 * The JSON keeps only what the record and the forms need (codes, names, parent); geometry stays out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

interface IndexEntry { file: string; iso3: string; level: number; source: string; license: string }
interface Feature { properties: { iso3: string; level: number; pcode: string; name: string; name_fr: string | null; name_ar: string | null; parent_pcode: string | null } }

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2] ?? join(here, '../../../shared/data/external/boundaries');
const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as IndexEntry[];
const areas = index.flatMap((entry) => {
  const geo = JSON.parse(readFileSync(join(dir, entry.file), 'utf8')) as { features: Feature[] };
  return geo.features.map(({ properties: p }) => ({
    country: p.iso3, level: p.level, code: p.pcode, name: p.name,
    nameFr: p.name_fr ?? undefined, nameAr: p.name_ar ?? undefined, parent: p.parent_pcode ?? undefined,
  }));
}).sort((a, b) => a.country.localeCompare(b.country) || a.level - b.level || a.name.localeCompare(b.name));
const sources = index.map((e) => ({ file: e.file, source: e.source, license: e.license }));
writeFileSync(join(here, 'admin-areas.json'), JSON.stringify({
  attribution: 'Natural Earth (public domain); geoBoundaries (ODbL 1.0, © OpenStreetMap contributors, or CC BY 4.0). See shared/data/external/boundaries/README.md.',
  sources, areas,
}, null, 1) + '\n');
console.log(`${areas.length} areas written`);
