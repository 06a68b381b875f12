/**
 * A catalogue release, counted by the engine and protected by the disclosure module: the only way a figure
 * reaches the protected tier. The counts are taken once at the release's finest level over the whole
 * organisation (never a reader's scope: the protected tier is the same for everyone who reads it), then every
 * table of the release is protected jointly (primary, secondary, interval audit). Releases are kept in memory
 * per organisation, purpose, threshold and data version (stat_versions), so a dashboard does not repeat the
 * work while nothing changed.
 */
import { sql } from 'drizzle-orm';
import { protectRelease, type DimensionSpec, type InnerCount, type TableSpec } from '../disclosure/index.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import type { DisclosureSettings } from '../shared/organisation.ts';
import { SV_FORMS, VICTIM_CATEGORIES } from '../shared/taxonomy.ts';
import { TOTAL_CODE, type ProtectedDimension, type ProtectedPurpose, type ProtectedTableOut, type StatDimension } from '../shared/stats.ts';
import type { CatalogueRelease, CatalogueTable } from './catalogue.ts';
import { count } from './engine.ts';
import { SEA_FORM } from './rules.ts';


export interface ComputedRelease {
  tables: ProtectedTableOut[];
  /** Registry parties named in the tables (their names are looked up by the caller, in the reader's language). */
  partyIds: string[];
  version: number;
  asOf: string;
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

export async function computeRelease(db: DbOrTx, organisationId: string, release: CatalogueRelease, purpose: ProtectedPurpose, settings: DisclosureSettings): Promise<ComputedRelease> {
  const [version] = (await db.execute<{ version: string; changed_at: string }>(sql`SELECT version, changed_at FROM stat_versions WHERE organisation_id = ${organisationId}`)).rows;
  const by = release.dimensions.flatMap((d) => LEAVES[d]);
  const counted = await count(db, {
    choice: release.choice, filters: {}, by, grain: release.grain,
    scope: { organisationId, all: true }, outside: purpose === 'outside',
  });
  const column = (name: StatDimension) => by.indexOf(name);
  const codeOf = (d: ProtectedDimension, key: readonly string[]): string =>
    d === 'area' ? `${key[column('country')]}/${key[column('admin1')]}` : key[column(LEAVES[d][0]!)]!;

  const specs: DimensionSpec[] = release.dimensions.map((d) => {
    const seen = counted.rows.map((r) => codeOf(d, r.key));
    switch (d) {
      case 'period': return { name: d, codes: periodCodes(seen, release.grain) };
      case 'form': return { name: d, codes: flat(SV_FORMS.filter((f) => (release.choice.track === 'sea') === (f === SEA_FORM))) };
      case 'victimCategory': return { name: d, codes: flat(VICTIM_CATEGORIES) };
      case 'party': return { name: d, codes: flat(seen) };
      case 'area': {
        const countries = [...new Set(seen.map((c) => c.split('/')[0]!))].sort();
        return { name: d, codes: [{ code: TOTAL_CODE, parent: null }, ...countries.map((c) => ({ code: c, parent: TOTAL_CODE })),
          ...[...new Set(seen)].sort().map((code) => ({ code, parent: code.split('/')[0]! }))] };
      }
    }
  });
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
  const protectedRelease = await protectRelease({ dimensions: specs, tables, counts }, {
    threshold: settings.threshold, protectZeros: settings.protectZeros,
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
    version: Number(version?.version ?? 0),
    asOf: new Date().toISOString(),
  };
}

/** Releases kept per organisation, release, purpose and settings, while the organisation's data version holds. */
const cache = new Map<string, ComputedRelease>();
const CACHE_LIMIT = 200;

export async function cachedRelease(db: DbOrTx, organisationId: string, release: CatalogueRelease, purpose: ProtectedPurpose, settings: DisclosureSettings): Promise<ComputedRelease> {
  const [row] = (await db.execute<{ version: string }>(sql`SELECT version FROM stat_versions WHERE organisation_id = ${organisationId}`)).rows;
  const key = JSON.stringify([organisationId, release.id, purpose, settings.threshold, settings.protectZeros]);
  const hit = cache.get(key);
  if (hit && hit.version === Number(row?.version ?? 0)) return hit;
  const computed = await computeRelease(db, organisationId, release, purpose, settings);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, computed);
  return computed;
}
