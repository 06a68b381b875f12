/**
 * A catalogue release, counted by the engine and protected by the disclosure module: the only way a figure
 * reaches the protected tier. The counts are taken once at the release's finest level over the whole
 * organisation (never a reader's scope: the protected tier is the same for everyone who reads it), over the
 * records whose consent allows figures beyond the organisation, and over closed quarters only; then every
 * table of the release is protected jointly (primary, secondary, interval audit). A cell made of fewer
 * incidents than the threshold is primary whatever its value (six victims of one incident are one incident).
 * Each release is published once a day (stat_releases) and served unchanged until the next day, so figures
 * cannot be differenced write by write.
 */
import { and, eq } from 'drizzle-orm';
import { protectRelease, type Coordinates, type DimensionSpec, type InnerCount, type TableSpec } from '../disclosure/index.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import type { DisclosureSettings } from '../shared/organisation.ts';
import { SV_FORMS, VICTIM_CATEGORIES } from '../shared/taxonomy.ts';
import { TOTAL_CODE, type PeriodGrain, type ProtectedDimension, type ProtectedTableOut, type StatDimension, type StatFilters } from '../shared/stats.ts';
import type { CatalogueRelease, CatalogueTable } from './catalogue.ts';
import { listAreas } from '../places/places.ts';
import { count } from './engine.ts';
import { statReleases } from './tables.ts';
import { SEA_FORM } from './rules.ts';


export interface ComputedRelease {
  tables: ProtectedTableOut[];
  /** Registry parties named in the tables (their names are looked up by the caller, in the reader's language). */
  partyIds: string[];
  /** The last day counted (the end of the last closed quarter) and when the release was published. */
  through: string;
  computedAt: string;
  threshold: number;
}

/** The last day of the quarter before the one `day` falls in. */
export function lastClosedQuarterEnd(day: string): string {
  const y = Number(day.slice(0, 4));
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3);
  return new Date(Date.UTC(y, q * 3, 0)).toISOString().slice(0, 10);
}

/** Leaf dimensions the engine counts for each release dimension. */
const LEAVES: Record<ProtectedDimension, StatDimension[]> = {
  period: ['period'], form: ['form'], area: ['country', 'admin1'], victimCategory: ['victimCategory'], party: ['party'],
};

const quarterAfter = (q: string): string => {
  const [y, n] = [Number(q.slice(0, 4)), Number(q.slice(6))];
  return n === 4 ? `${y + 1}-Q1` : `${y}-Q${n + 1}`;
};

function periodCodes(observed: readonly string[], grain: 'quarter' | 'year'): DimensionSpec['codes'] {
  const sorted = [...new Set(observed)].sort();
  if (sorted.length === 0) return [{ code: TOTAL_CODE, parent: null }];
  const codes: { code: string; parent: string | null }[] = [{ code: TOTAL_CODE, parent: null }];
  if (grain === 'year') {
    for (let y = Number(sorted[0]); y <= Number(sorted.at(-1)); y++) codes.push({ code: String(y), parent: TOTAL_CODE });
    return codes;
  }
  // Every quarter from the first to the last, under its year, so a quarter with nothing is a published zero.
  const years = new Set<string>();
  for (let q = sorted[0]!; q <= sorted.at(-1)!; q = quarterAfter(q)) {
    if (!years.has(q.slice(0, 4))) { years.add(q.slice(0, 4)); codes.push({ code: q.slice(0, 4), parent: TOTAL_CODE }); }
    codes.push({ code: q, parent: q.slice(0, 4) });
  }
  return codes;
}

const flat = (codes: readonly string[]): DimensionSpec['codes'] =>
  [{ code: TOTAL_CODE, parent: null }, ...[...new Set(codes)].sort().map((code) => ({ code, parent: TOTAL_CODE }))];

function levelCodes(spec: DimensionSpec, dimension: ProtectedDimension, table: CatalogueTable): string[] | undefined {
  const levels = dimension === 'period' || dimension === 'area' ? table.levels?.[dimension] : undefined;
  const withTotal = table.totals !== false;
  if (!levels && withTotal) return undefined;
  return spec.codes.filter(({ code, parent }) => {
    if (parent === null) return withTotal;
    if (!levels) return true;
    const level = dimension === 'period' ? (code.includes('-Q') ? 'quarter' : 'year') : (code.includes('/') ? 'admin1' : 'country');
    return (levels as readonly string[]).includes(level);
  }).map((c) => c.code);
}

export async function computeRelease(db: DbOrTx, organisationId: string, release: CatalogueRelease, settings: DisclosureSettings, through: string): Promise<ComputedRelease> {
  const by = release.dimensions.flatMap((d) => LEAVES[d]);
  const scope = { organisationId, all: true } as const;
  const filters: StatFilters = { ...release.filters, to: through };
  const counted = await count(db, { choice: release.choice, filters, by, grain: release.grain, scope, outside: true });
  const column = (name: StatDimension) => by.indexOf(name);
  const codeOf = (d: ProtectedDimension, key: readonly string[]): string =>
    d === 'area' ? `${key[column('country')]}/${key[column('admin1')]}` : key[column(LEAVES[d][0]!)]!;

  const countries = release.dimensions.includes('area') ? [...new Set(counted.rows.map((r) => r.key[column('country')]!))] : [];
  const regionsOf = new Map<string, string[]>(await Promise.all(countries.map(async (c): Promise<[string, string[]]> =>
    [c, (await listAreas(db, { country: c, level: 1 })).map((a) => a.code)])));
  const specs: DimensionSpec[] = release.dimensions.map((d) => {
    const seen = counted.rows.map((r) => codeOf(d, r.key));
    switch (d) {
      case 'period': return { name: d, codes: periodCodes(seen, release.grain) };
      case 'form': return { name: d, codes: flat(SV_FORMS.filter((f) => (release.choice.track === 'sea') === (f === SEA_FORM))) };
      case 'victimCategory': return { name: d, codes: flat(VICTIM_CATEGORIES) };
      case 'party': return { name: d, codes: flat(seen) };
      case 'area': {
        // Every region of a country counted in, not only those with incidents: a region left out of a table
        // would say "none here" even where zeros are protected.
        const countries = [...new Set(seen.map((c) => c.split('/')[0]!))].sort();
        const regions = [...new Set([...seen, ...countries.flatMap((c) => (regionsOf.get(c) ?? []).map((r) => `${c}/${r}`))])];
        return { name: d, codes: [{ code: TOTAL_CODE, parent: null }, ...countries.map((c) => ({ code: c, parent: TOTAL_CODE })),
          ...regions.sort().map((code) => ({ code, parent: code.split('/')[0]! }))] };
      }
    }
  });
  // Nothing counted on a dimension shown without its total (parties: none named yet): the release's tables
  // have no cell, which says nothing about anyone (the disclosure module refuses a table without codes).
  const onlyTotal = (name: string) => specs.find((s) => s.name === name)!.codes.every((c) => c.code === TOTAL_CODE);
  if (release.tables.some((t) => t.totals === false && t.dimensions.some(onlyTotal))) {
    return {
      tables: release.tables.map((t) => ({ id: t.id, dimensions: [...t.dimensions], cells: [] })),
      partyIds: [], through, computedAt: new Date().toISOString(), threshold: settings.threshold,
    };
  }
  const counts: InnerCount[] = counted.rows.map((r) => ({
    coordinates: Object.fromEntries(release.dimensions.map((d) => [d, codeOf(d, r.key)])), value: r.value,
  }));
  const tables: TableSpec[] = release.tables.map((t) => ({
    id: t.id,
    dimensions: t.dimensions.map((name) => {
      const codes = levelCodes(specs.find((s) => s.name === name)!, name, t);
      return codes ? { name, codes } : name;
    }),
  }));
  const few = release.choice.unit === 'incidents' ? [] : await fewIncidents(db, release, filters, scope, settings.threshold);
  const protectedRelease = await protectRelease({ dimensions: specs, tables, counts }, {
    threshold: settings.threshold, protectZeros: settings.protectZeros, forcedPrimary: few,
  });
  return {
    tables: protectedRelease.tables.map((t) => {
      const table = release.tables.find((x) => x.id === t.id)!;
      return {
        id: t.id,
        dimensions: [...table.dimensions],
        cells: t.cells.map((c) => ({
          key: table.dimensions.map((d) => c.coordinates[d]!),
          value: c.outcome.status === 'published' ? c.outcome.value : null,
          suppressed: c.outcome.status === 'suppressed' ? c.outcome.reason : null,
        })),
      };
    }),
    partyIds: release.dimensions.includes('party') ? [...new Set(counted.rows.map((r) => codeOf('party', r.key)))].filter((c) => /^[0-9a-f-]{36}$/.test(c)) : [],
    through,
    computedAt: new Date().toISOString(),
    threshold: settings.threshold,
  };
}

/**
 * A level a table shows a dimension at. `fine` is the breakdown asked of the engine for it; `code` gives the
 * cell's code from a row of that breakdown or of a finer one of the same dimension (a quarter's row gives its
 * year, a region's row its country).
 */
type Level = { name: string; by: StatDimension[]; grain?: PeriodGrain; code: (key: readonly string[], at: number) => string; width: number };

/** The levels a table may show a dimension at, coarsest first. */
function levelsOf(d: ProtectedDimension, release: CatalogueRelease): Level[] {
  const total: Level = { name: 'total', by: [], code: () => TOTAL_CODE, width: 0 };
  switch (d) {
    case 'period': return [total, { name: 'year', by: ['period'], grain: 'year', code: (k, i) => k[i]!.slice(0, 4), width: 1 },
      ...(release.grain === 'quarter' ? [{ name: 'quarter', by: ['period'] as StatDimension[], grain: 'quarter' as const, code: (k: readonly string[], i: number) => k[i]!, width: 1 }] : [])];
    case 'area': return [total, { name: 'country', by: ['country'], code: (k, i) => k[i]!, width: 1 }, { name: 'admin1', by: ['country', 'admin1'], code: (k, i) => `${k[i]}/${k[i + 1]}`, width: 2 }];
    case 'form': return [total, { name: 'value', by: ['form'], code: (k, i) => k[i]!, width: 1 }];
    case 'party': return [total, { name: 'value', by: ['party'], code: (k, i) => k[i]!, width: 1 }];
    // Incidents with any victim of the category: one breakdown per category, as a filter.
    case 'victimCategory': return [total];
  }
}

/**
 * Dimensions along which incidents add up: an incident has one date and one place, so a year's incidents are
 * its quarters' and a country's its regions'. Not forms or parties (an incident of two forms counts under
 * each, once in their total).
 */
const ADDITIVE: ReadonlySet<ProtectedDimension> = new Set(['period', 'area']);

/**
 * The cells of the release's tables made of fewer incidents than the threshold (and more than none): primary
 * whatever their value. Distinct incidents per cell, from the engine: for each table, victim category, and level
 * of the dimensions that do not add up (forms, parties), one breakdown at the finest level the table shows of
 * those that do (period, area), summed up to the coarser levels it shows.
 */
export async function fewIncidents(db: DbOrTx, release: CatalogueRelease, filters: StatFilters, scope: { organisationId: string; all: true }, threshold: number): Promise<Coordinates[]> {
  const choice = { ...release.choice, unit: 'incidents' as const };
  const forced = new Map<string, Coordinates>();
  for (const table of release.tables) {
    // Only the levels the table shows (its levels, its totals).
    const shown = (d: ProtectedDimension, l: Level) => (l.name === 'total' ? table.totals !== false
      : l.name === 'value' || !(d === 'period' || d === 'area') || !table.levels?.[d] || (table.levels[d] as readonly string[]).includes(l.name));
    const levels = table.dimensions.map((d) => levelsOf(d, release).filter((l) => shown(d, l)));
    if (levels.some((l) => l.length === 0)) continue;
    // Asked of the engine: each level of a dimension that does not add up; the finest shown of one that does.
    const asked = table.dimensions.map((d, i) => (ADDITIVE.has(d) ? [levels[i]!.at(-1)!] : levels[i]!));
    const askedCombos = asked.reduce<Level[][]>((acc, ls) => acc.flatMap((combo) => ls.map((l) => [...combo, l])), [[]]);
    const categories = table.dimensions.includes('victimCategory') ? [null, ...VICTIM_CATEGORIES.map((c) => [c] as const)] : [null];
    for (const fine of askedCombos) {
      // Shown combinations this breakdown answers: the same levels where they do not add up, any coarser where they do.
      const answered = table.dimensions.reduce<Level[][]>((acc, d, i) =>
        acc.flatMap((combo) => (ADDITIVE.has(d) ? levels[i]! : [fine[i]!]).map((l) => [...combo, l])), [[]]);
      for (const category of categories) {
        const grain = fine.find((l) => l.grain)?.grain ?? release.grain;
        const by = fine.flatMap((l) => l.by);
        const result = await count(db, { choice, filters: category ? { ...filters, victimCategory: [...category] } : filters, by, grain, scope, outside: true });
        const rows = by.length === 0 ? [{ key: [] as string[], value: result.total }] : result.rows;
        for (const combo of answered) {
          const cells = new Map<string, { coordinates: Coordinates; incidents: number }>();
          for (const r of rows) {
            let at = 0;
            const coordinates: Record<string, string> = {};
            table.dimensions.forEach((d, i) => {
              coordinates[d] = d === 'victimCategory' ? (category?.[0] ?? TOTAL_CODE) : combo[i]!.code(r.key, at);
              at += fine[i]!.width;
            });
            const id = JSON.stringify(coordinates);
            const cell = cells.get(id) ?? { coordinates, incidents: 0 };
            cell.incidents += r.value;
            cells.set(id, cell);
          }
          for (const [id, { coordinates, incidents }] of cells) if (incidents > 0 && incidents < threshold) forced.set(id, coordinates);
        }
      }
    }
  }
  return [...forced.values()];
}

/**
 * Today's publication of a release for the organisation: computed at the first request of the day (with the
 * threshold of that moment) and kept; a second process asking at the same moment gets the one stored first.
 */
export async function publishedRelease(db: DbOrTx, organisationId: string, release: CatalogueRelease, settings: DisclosureSettings, today = new Date().toISOString().slice(0, 10)): Promise<ComputedRelease> {
  const stored = async () => {
    const [row] = await db.select().from(statReleases)
      .where(and(eq(statReleases.organisationId, organisationId), eq(statReleases.release, release.id), eq(statReleases.day, today))).limit(1);
    return row ? {
      tables: row.tables as ProtectedTableOut[], partyIds: row.partyIds, through: row.through, computedAt: row.computedAt.toISOString(), threshold: row.threshold,
    } : null;
  };
  const found = await stored();
  if (found) return found;
  const computed = await computeRelease(db, organisationId, release, settings, lastClosedQuarterEnd(today));
  await db.insert(statReleases).values({
    organisationId, release: release.id, day: today, through: computed.through, threshold: settings.threshold, protectZeros: settings.protectZeros,
    tables: computed.tables, partyIds: computed.partyIds, computedAt: new Date(computed.computedAt),
  }).onConflictDoNothing();
  return (await stored())!;
}
