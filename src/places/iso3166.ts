/**
 * Level-1 administrative areas of every country ISO 3166-2 subdivides, from the `iso-3166` package (MIT,
 * © Titus Wormer), which scrapes the codes and names from Wikipedia's ISO 3166-2 articles (ISO does not
 * publish them in a free machine-readable form; the package does not use Debian's iso-codes). Bundled with
 * the package: nothing is fetched at run time. Pure: no I/O.
 *
 * Which ISO tier is "level 1": the top-level subdivisions (parent = the country's alpha-2 code), because
 * that is what conflict-event data and OCHA call admin 1 where the two differ (France's regions, Burkina
 * Faso's regions, Bangladesh's divisions, Uganda's regions, not their departments, provinces or districts).
 * Two exceptions, both where ISO's top tier is not one kind of area:
 * - a country where only a few top-level subdivisions (under a quarter) have subdivisions of their own
 *   puts a grouping above some of its peers: Iraq's Kurdistan Region above Erbil, Duhok and Sulaymaniyah,
 *   Serbia's two autonomous provinces above their districts, Azerbaijan's Nakhchivan above its rayons. The
 *   children take the grouping's place, so every level-1 area is of the same kind as its neighbours;
 * - the United Kingdom's list carries the whole kingdom and two unions of its nations "for completeness"
 *   (GB-UKM, GB-GBN, GB-EAW): they are the country or several nations, not areas within it, and are left out.
 * The second tier (French departments, Italian provinces, ...) is not loaded: admin 2 comes from boundary
 * files or a CSV with P-codes, where its codes and parents are those the field uses.
 */
import { iso31661Alpha2ToAlpha3, iso31662, type ISO31662Entry } from 'iso-3166';
import type { AreaRow } from './csv.ts';

export const ISO_SOURCE = 'iso3166-2';

const NOT_AREAS = new Set(['GB-UKM', 'GB-GBN', 'GB-EAW']);
/** Below this share of top-level subdivisions having children, those few are a layer above their peers. */
const GROUPING_SHARE = 0.25;
const ALPHA2 = /^[A-Z]{2}$/;

function childrenByParent(entries: readonly ISO31662Entry[]): Map<string, ISO31662Entry[]> {
  const out = new Map<string, ISO31662Entry[]>();
  for (const e of entries) {
    const list = out.get(e.parent);
    if (list) list.push(e);
    else out.set(e.parent, [e]);
  }
  return out;
}

/** The level-1 areas of one country's ISO 3166-2 list (see the module comment for the choice of tier). */
function levelOne(top: readonly ISO31662Entry[], children: ReadonlyMap<string, ISO31662Entry[]>): ISO31662Entry[] {
  const groupings = top.filter((e) => children.has(e.code));
  if (groupings.length === 0 || groupings.length >= top.length * GROUPING_SHARE) return [...top];
  return top.flatMap((e) => children.get(e.code) ?? [e]);
}

let cached: readonly AreaRow[] | undefined;
let cachedCodes: readonly string[] | undefined;

/** Every country's level-1 areas as rows of `admin_areas` (parent: the country's alpha-2 code, as the boundary files have it). */
export function isoLevelOneAreas(): readonly AreaRow[] {
  if (cached) return cached;
  const children = childrenByParent(iso31662);
  const rows: AreaRow[] = [];
  for (const [alpha2, top] of children) {
    if (!ALPHA2.test(alpha2)) continue;
    const country = iso31661Alpha2ToAlpha3[alpha2];
    if (!country) continue; // every parent is an assigned country today; a future odd entry is skipped, not guessed
    for (const e of levelOne(top, children)) {
      if (NOT_AREAS.has(e.code)) continue;
      rows.push({ code: e.code, country, level: 1, name: e.name, nameFr: null, nameAr: null, parentCode: alpha2 });
    }
  }
  cached = rows;
  return rows;
}

/** Their codes. */
export function isoLevelOneCodes(): readonly string[] {
  cachedCodes ??= isoLevelOneAreas().map((r) => r.code);
  return cachedCodes;
}
