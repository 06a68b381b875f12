/**
 * Administrative areas as an import reads them: a code of the area list, or an area's name in English or
 * French (without case or accents), within the row's country and level.
 */
import type { Db } from '../platform/db/database.ts';
import { adminAreas } from '../places/tables.ts';
import { ensureBuiltInAreas } from '../places/places.ts';
import { normaliseKey } from '../shared/import.ts';
import type { AreaLookup } from './cells.ts';

export async function loadAreaLookup(db: Db): Promise<AreaLookup> {
  await ensureBuiltInAreas(db); // a server started before the boundary files were loaded still resolves them
  const rows = await db.select({ code: adminAreas.code, country: adminAreas.country, level: adminAreas.level, name: adminAreas.name, nameFr: adminAreas.nameFr }).from(adminAreas);
  const codes = new Map<string, { country: string; level: number }>();
  const names = new Map<string, string>();
  const key = (country: string, level: number, name: string) => `${country}:${level}:${normaliseKey(name)}`;
  for (const r of rows) {
    codes.set(r.code, { country: r.country, level: r.level });
    names.set(key(r.country, r.level, r.name), r.code);
    if (r.nameFr) names.set(key(r.country, r.level, r.nameFr), r.code);
  }
  return {
    resolve(country, level, value) {
      const known = codes.get(value);
      if (known && known.country === country && known.level === level) return { code: value };
      const code = names.get(key(country, level, value));
      return code ? { code } : null;
    },
  };
}
