/**
 * Property-based tests over random releases: 1 to 3 dimensions with random hierarchies, one or two tables
 * (linked: they share dimensions and totals), small and large counts. Each property is checked against an
 * independent oracle (test/helpers/disclosure-oracle.ts), not against the module's own audit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearlyDetermined, oracleInterval } from '../../test/helpers/disclosure-oracle.ts';
import type { DimensionSpec } from './dimensions.ts';
import { loadSolver } from './lp-model.ts';
import { compileRelease, type ReleaseSpec } from './model.ts';
import { protectRelease, type ProtectedRelease } from './protect.ts';

const dimensionArb = (name: string): fc.Arbitrary<DimensionSpec> =>
  fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }).map((grandchildren) => {
    const codes = [{ code: `${name}`, parent: null as string | null }];
    grandchildren.forEach((n, i) => {
      codes.push({ code: `${name}${i}`, parent: name });
      for (let j = 0; j < n; j++) codes.push({ code: `${name}${i}.${j}`, parent: `${name}${i}` });
    });
    return { name, codes };
  });

const countArb = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 4, arbitrary: fc.integer({ min: 5, max: 60 }) });

const leaves = (d: DimensionSpec) => d.codes.filter((c) => !d.codes.some((x) => x.parent === c.code)).map((c) => c.code);

function cross(dimensions: readonly DimensionSpec[]): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const d of dimensions) out = out.flatMap((prefix) => leaves(d).map((leaf) => ({ ...prefix, [d.name]: leaf })));
  return out;
}

/** A release and its options; the second table, when there is one, shares the first dimension. */
const releaseArb = fc.integer({ min: 1, max: 3 }).chain((n) =>
  fc.tuple(...['a', 'b', 'c'].slice(0, n).map(dimensionArb)).chain((dimensions) => {
    const names = dimensions.map((d) => d.name);
    const combos = cross(dimensions);
    const second = names.length > 1 ? fc.option(fc.subarray(names.slice(1), { minLength: 1 }).map((rest) => [names[0]!, ...rest])) : fc.constant(null);
    return fc.record({
      dimensions: fc.constant(dimensions),
      first: fc.subarray(names, { minLength: 1 }),
      second,
      values: fc.array(countArb, { minLength: combos.length, maxLength: combos.length }),
      threshold: fc.constantFrom(3, 5),
      protectZeros: fc.boolean(),
    }).map(({ first, second: other, values, threshold, protectZeros }) => ({
      spec: {
        dimensions,
        tables: [{ id: 'one', dimensions: first }, ...(other ? [{ id: 'two', dimensions: other }] : [])],
        counts: combos.map((coordinates, i) => ({ coordinates, value: values[i]! })),
      } satisfies ReleaseSpec,
      options: { threshold, protectZeros },
    }));
  }));

const pattern = (result: ProtectedRelease) => result.cells.map((c) => `${c.key} ${c.outcome.status === 'published' ? c.outcome.value : c.outcome.reason}`);

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const RUNS = 60;
/** Generous: 60 random releases with their LP audits take ~25 s alone, several times that on a loaded CI machine. */
const PROPERTY_TIMEOUT = 300_000;

describe('protectRelease properties', () => {
  it('no primary cell is a linear combination of published cells, nor deducible by LP to within the threshold', async () => {
    const highs = await loadSolver();
    await fc.assert(fc.asyncProperty(releaseArb, async ({ spec, options }) => {
      const result = await protectRelease(spec, options);
      const release = compileRelease(spec);
      const published = new Set(result.cells.filter((c) => c.outcome.status === 'published').map((c) => c.key));
      for (const cell of result.cells) {
        if (cell.outcome.status !== 'suppressed' || cell.outcome.reason !== 'primary') continue;
        expect(linearlyDetermined(release, published, cell.key)).toBe(false);
        const { lo, hi } = oracleInterval(highs, release, published, cell.key);
        expect(hi - lo).toBeGreaterThanOrEqual(options.threshold - 1e-6);
      }
    }), { numRuns: RUNS });
  }, PROPERTY_TIMEOUT);

  it('published cells are the sums of the counts below them, and suppressed cells carry no value', async () => {
    await fc.assert(fc.asyncProperty(releaseArb, async ({ spec, options }) => {
      const result = await protectRelease(spec, options);
      const under = (d: DimensionSpec, code: string, leaf: string) => {
        for (let c: string | null = leaf; c !== null; c = d.codes.find((x) => x.code === c)!.parent) if (c === code) return true;
        return false;
      };
      for (const cell of result.cells) {
        const expected = spec.counts.filter((count) => spec.dimensions.every((d) => under(d, cell.coordinates[d.name]!, count.coordinates[d.name]!))).reduce((a, c) => a + c.value, 0);
        if (cell.outcome.status === 'published') expect(cell.outcome.value).toBe(expected);
        else expect(Object.keys(cell.outcome).sort()).toEqual(['reason', 'status']);
      }
    }), { numRuns: RUNS });
  }, PROPERTY_TIMEOUT);

  it('the same input gives the same pattern, whatever the order of codes, tables and counts, and whatever the arithmetic', async () => {
    await fc.assert(fc.asyncProperty(releaseArb, fc.integer({ min: 1, max: 1e9 }), async ({ spec, options }, seed) => {
      const first = await protectRelease(spec, options);
      const reordered: ReleaseSpec = {
        dimensions: shuffled(spec.dimensions.map((d) => ({ ...d, codes: shuffled(d.codes, seed + 1) })), seed),
        tables: shuffled(spec.tables, seed + 2),
        // A count split in two is the same count.
        counts: shuffled(spec.counts.flatMap((c) => (c.value > 1 ? [{ ...c, value: 1 }, { ...c, value: c.value - 1 }] : [c])), seed + 3),
      };
      const second = await protectRelease(reordered, { ...options, arithmetic: 'bigint' });
      expect(pattern(second)).toEqual(pattern(first));
      expect(second.diagnostics.arithmetic).toBe('bigint');
    }), { numRuns: RUNS });
  }, PROPERTY_TIMEOUT);

  it('nothing is suppressed when nothing needs protecting', async () => {
    const largeOrZero = releaseArb.map(({ spec, options }) => ({
      spec: { ...spec, counts: spec.counts.map((c) => ({ ...c, value: c.value === 0 ? 0 : c.value + options.threshold })) },
      options: { ...options, protectZeros: false },
    }));
    await fc.assert(fc.asyncProperty(largeOrZero, async ({ spec, options }) => {
      const result = await protectRelease(spec, options);
      expect(result.cells.filter((c) => c.outcome.status === 'suppressed')).toEqual([]);
    }), { numRuns: RUNS });
  }, PROPERTY_TIMEOUT);
});
