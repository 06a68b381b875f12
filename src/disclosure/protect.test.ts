import { describe, expect, it } from 'vitest';
import { linearlyDetermined, oracleInterval } from '../../test/helpers/disclosure-oracle.ts';
import { loadSolver } from './lp-model.ts';
import { compileRelease, type ReleaseSpec } from './model.ts';
import { protectRelease, type ProtectedRelease } from './protect.ts';

const flat = (name: string, leaves: readonly string[]) => ({ name, codes: [{ code: 'T', parent: null }, ...leaves.map((code) => ({ code, parent: 'T' }))] });
const grid = (values: Record<string, number>) => Object.entries(values).map(([rc, value]) => ({ coordinates: { row: rc[0]!, col: rc[1]! }, value }));
const outcome = (result: ProtectedRelease, coordinates: Record<string, string>) =>
  result.cells.find((c) => Object.entries(coordinates).every(([d, code]) => c.coordinates[d] === code) && Object.keys(c.coordinates).every((d) => d in coordinates || c.coordinates[d] === 'T'))!.outcome;
const suppressedKeys = (result: ProtectedRelease) => result.cells.filter((c) => c.outcome.status === 'suppressed').map((c) => c.key);
const publishedKeys = (result: ProtectedRelease) => new Set(result.cells.filter((c) => c.outcome.status === 'published').map((c) => c.key));

/** Every primary cell's interval, recomputed independently, is at least `width` wide. */
async function expectProtected(spec: ReleaseSpec, result: ProtectedRelease, width = result.parameters.minIntervalWidth) {
  const highs = await loadSolver();
  const release = compileRelease(spec);
  const published = publishedKeys(result);
  for (const cell of result.cells) {
    if (cell.outcome.status !== 'suppressed' || cell.outcome.reason !== 'primary') continue;
    expect(linearlyDetermined(release, published, cell.key), cell.key).toBe(false);
    const { lo, hi } = oracleInterval(highs, release, published, cell.key);
    expect(hi - lo, cell.key).toBeGreaterThanOrEqual(width - 1e-6);
  }
}

describe('protectRelease, examples with known answers', () => {
  it('a 3x3 table with one small cell: three secondary cells completing a rectangle, totals published', async () => {
    const spec: ReleaseSpec = {
      dimensions: [flat('row', ['a', 'b', 'c']), flat('col', ['x', 'y', 'z'])],
      tables: [{ id: 't', dimensions: ['row', 'col'] }],
      counts: grid({ ax: 2, ay: 20, az: 30, bx: 25, by: 40, bz: 35, cx: 45, cy: 50, cz: 60 }),
    };
    const result = await protectRelease(spec, { exactIntervals: true });
    const suppressed = result.cells.filter((c) => c.outcome.status === 'suppressed');
    expect(suppressed).toHaveLength(4);
    expect(suppressed.every((c) => c.coordinates.row !== 'T' && c.coordinates.col !== 'T')).toBe(true);
    const rows = new Set(suppressed.map((c) => c.coordinates.row));
    const cols = new Set(suppressed.map((c) => c.coordinates.col));
    expect([rows.size, cols.size]).toEqual([2, 2]); // a rectangle
    expect(outcome(result, { row: 'a', col: 'x' })).toEqual({ status: 'suppressed', reason: 'primary' });
    expect(suppressed.filter((c) => c.outcome.status === 'suppressed' && c.outcome.reason === 'secondary')).toHaveLength(3);
    expect(outcome(result, { row: 'T', col: 'T' })).toEqual({ status: 'published', value: 307 });
    // Larger cells are kept: the secondary cells are the smallest that complete a rectangle with a-x.
    expect(suppressedKeys(result).sort()).toEqual(['["x","a"]', '["x","b"]', '["z","a"]', '["z","b"]']);
    const interval = result.audit.intervals.find((x) => x.key === '["x","a"]')!;
    expect(interval).toMatchObject({ reason: 'primary', lo: 0, hi: 27, exact: true });
    await expectProtected(spec, result);
  });

  it('a hierarchy: a small admin 2 takes its sibling with it, and its admin 1 total stays published', async () => {
    const area = { name: 'area', codes: [
      { code: 'CAF', parent: null }, { code: 'A1', parent: 'CAF' }, { code: 'A2', parent: 'CAF' },
      { code: 'A1-a', parent: 'A1' }, { code: 'A1-b', parent: 'A1' }, { code: 'A2-c', parent: 'A2' }, { code: 'A2-d', parent: 'A2' },
    ] };
    const counts = [['A1-a', 3], ['A1-b', 12], ['A2-c', 20], ['A2-d', 30]].map(([code, value]) => ({ coordinates: { area: code as string }, value: value as number }));
    const spec: ReleaseSpec = { dimensions: [area], tables: [{ id: 'areas', dimensions: ['area'] }], counts };
    const result = await protectRelease(spec);
    expect(result.cells.map((c) => [c.coordinates.area, c.outcome])).toEqual([
      ['A1', { status: 'published', value: 15 }],
      ['A1-a', { status: 'suppressed', reason: 'primary' }],
      ['A1-b', { status: 'suppressed', reason: 'secondary' }],
      ['A2', { status: 'published', value: 50 }],
      ['A2-c', { status: 'published', value: 20 }],
      ['A2-d', { status: 'published', value: 30 }],
      ['CAF', { status: 'published', value: 65 }],
    ]);
    await expectProtected(spec, result);
  });

  it('a parent with a single child carries the child\'s value: a forced child takes its parent with it', async () => {
    const area = { name: 'area', codes: [{ code: 'CAF', parent: null }, { code: 'A1', parent: 'CAF' }, { code: 'A1-a', parent: 'A1' }, { code: 'A2', parent: 'CAF' }, { code: 'A2-b', parent: 'A2' }, { code: 'A2-c', parent: 'A2' }] };
    const spec: ReleaseSpec = {
      dimensions: [area], tables: [{ id: 'areas', dimensions: ['area'] }],
      counts: [{ coordinates: { area: 'A1-a' }, value: 40 }, { coordinates: { area: 'A2-b' }, value: 25 }, { coordinates: { area: 'A2-c' }, value: 35 }],
    };
    const result = await protectRelease(spec, { forcedPrimary: [{ area: 'A1-a' }] });
    expect(outcome(result, { area: 'A1-a' })).toEqual({ status: 'suppressed', reason: 'primary' });
    expect(outcome(result, { area: 'A1' })).toEqual({ status: 'suppressed', reason: 'secondary' });
    await expectProtected(spec, result);
  });

  it('singletons: two cells of one person each are not left as the only unknowns of a published total', async () => {
    // x + y would be published as total - z: each of the two people counted alone would learn the other's count.
    const spec: ReleaseSpec = {
      dimensions: [flat('col', ['x', 'y', 'z', 'w'])], tables: [{ id: 't', dimensions: ['col'] }],
      counts: [['x', 1], ['y', 1], ['z', 20], ['w', 30]].map(([code, value]) => ({ coordinates: { col: code as string }, value: value as number })),
    };
    const result = await protectRelease(spec);
    expect(outcome(result, { col: 'x' })).toEqual({ status: 'suppressed', reason: 'primary' });
    expect(outcome(result, { col: 'y' })).toEqual({ status: 'suppressed', reason: 'primary' });
    expect(outcome(result, { col: 'z' })).toEqual({ status: 'suppressed', reason: 'secondary' });
    expect(outcome(result, { col: 'w' })).toEqual({ status: 'published', value: 30 });
    expect(outcome(result, { col: 'T' })).toEqual({ status: 'published', value: 52 });
    await expectProtected(spec, result);
  });

  it('protected zeros: a zero is primary and a published sum of zeros is not allowed to show it', async () => {
    const spec: ReleaseSpec = {
      dimensions: [flat('row', ['a', 'b']), flat('col', ['x', 'y', 'z'])], tables: [{ id: 't', dimensions: ['row', 'col'] }],
      counts: grid({ ax: 0, ay: 0, az: 40, bx: 30, by: 25, bz: 50 }),
    };
    const result = await protectRelease(spec, { protectZeros: true });
    expect(outcome(result, { row: 'a', col: 'x' })).toEqual({ status: 'suppressed', reason: 'primary' });
    expect(outcome(result, { row: 'a', col: 'y' })).toEqual({ status: 'suppressed', reason: 'primary' });
    await expectProtected(spec, result);
    const unprotected = await protectRelease(spec, { protectZeros: false });
    expect(suppressedKeys(unprotected)).toEqual([]);
  });

  it('two tables: protected one by one they leak by differencing; protected as one release they do not', async () => {
    const area = { name: 'area', codes: [
      { code: 'CAF', parent: null }, { code: 'A1', parent: 'CAF' }, { code: 'A2', parent: 'CAF' },
      { code: 'a', parent: 'A1' }, { code: 'b', parent: 'A1' }, { code: 'c', parent: 'A2' }, { code: 'd', parent: 'A2' },
    ] };
    const values: Record<string, [number, number]> = { a: [1, 40], b: [2, 45], c: [30, 50], d: [35, 60] };
    const counts = Object.entries(values).flatMap(([code, [f, g]]) => [{ coordinates: { area: code, form: 'f' }, value: f }, { coordinates: { area: code, form: 'g' }, value: g }]);
    const dimensions = [area, flat('form', ['f', 'g'])];
    const regions = { id: 'regions', dimensions: [{ name: 'area', codes: ['CAF', 'A1', 'A2'] }, 'form'] };
    const districts = { id: 'districts', dimensions: [{ name: 'area', codes: ['CAF', 'a', 'b', 'c', 'd'] }, 'form'] };
    const joint: ReleaseSpec = { dimensions, tables: [regions, districts], counts };
    const release = compileRelease(joint);
    const highs = await loadSolver();
    const target = JSON.stringify(['A1', 'f']); // 3 violations: primary in the regions table

    const alone = [await protectRelease({ dimensions, tables: [regions], counts }), await protectRelease({ dimensions, tables: [districts], counts })];
    const publishedAlone = new Set(alone.flatMap((r) => [...publishedKeys(r)]));
    const leaked = oracleInterval(highs, release, publishedAlone, target);
    expect(leaked.hi - leaked.lo).toBeLessThan(5); // a-f + b-f = (CAF,f) - c-f - d-f, published by the districts table

    const together = await protectRelease(joint);
    expect(outcome(together, { area: 'A1', form: 'f' })).toEqual({ status: 'suppressed', reason: 'primary' });
    await expectProtected(joint, together);
  });

  it('the audit catches what linear algebra misses: non-negativity pins two small cells in a hierarchy', async () => {
    // Found by the property test with the audit turned off. Linear elimination leaves b0 + b2 = 9 - 6 = 3
    // published (neither cell alone is a combination), so an attacker knows b0 and b2 lie in [0, 3]:
    // narrower than 5. The audit suppresses b1 as well, and b0 then lies in [0, 9].
    const b = { name: 'b', codes: [{ code: 'b', parent: null }, { code: 'b0', parent: 'b' }, { code: 'b1', parent: 'b' }, { code: 'b1.0', parent: 'b1' }, { code: 'b1.1', parent: 'b1' }, { code: 'b2', parent: 'b' }] };
    const counts = [['b0', 1], ['b1.0', 1], ['b1.1', 5], ['b2', 2]].map(([code, value]) => ({ coordinates: { b: code as string }, value: value as number }));
    const spec: ReleaseSpec = { dimensions: [b], tables: [{ id: 't', dimensions: ['b'] }], counts };
    const linearOnly = await protectRelease(spec, { minIntervalWidth: 0, exactIntervals: true });
    expect(linearOnly.audit.intervals.find((x) => x.key === '["b0"]')).toMatchObject({ lo: 0, hi: 3 });
    const result = await protectRelease(spec, { exactIntervals: true });
    expect(result.audit).toMatchObject({ rounds: 1, addedByAudit: 1 });
    expect(outcome(result, { b: 'b1' })).toEqual({ status: 'suppressed', reason: 'secondary' });
    expect(outcome(result, { b: 'b' })).toEqual({ status: 'published', value: 9 });
    expect(result.audit.intervals.map((x) => [x.key, x.lo, x.hi])).toEqual([['["b0"]', 0, 9], ['["b1.0"]', 0, 9], ['["b2"]', 0, 9]]);
    await expectProtected(spec, result);
  });

  it('nothing to protect: nothing suppressed', async () => {
    const spec: ReleaseSpec = {
      dimensions: [flat('row', ['a', 'b']), flat('col', ['x', 'y'])], tables: [{ id: 't', dimensions: ['row', 'col'] }],
      counts: grid({ ax: 5, ay: 0, bx: 17, by: 9 }),
    };
    const result = await protectRelease(spec);
    expect(suppressedKeys(result)).toEqual([]);
    expect(result.audit).toMatchObject({ intervals: [], rounds: 0, addedByAudit: 0 });
  });

  it('refuses what it cannot protect soundly: unknown codes, non-leaf counts, negative or fractional counts', async () => {
    const dimensions = [flat('col', ['x', 'y'])];
    const tables = [{ id: 't', dimensions: ['col'] }];
    await expect(protectRelease({ dimensions, tables, counts: [{ coordinates: { col: 'q' }, value: 1 }] })).rejects.toThrow(/no known code/);
    await expect(protectRelease({ dimensions, tables, counts: [{ coordinates: { col: 'T' }, value: 1 }] })).rejects.toThrow(/not a leaf/);
    await expect(protectRelease({ dimensions, tables, counts: [{ coordinates: { col: 'x' }, value: -1 }] })).rejects.toThrow(/non-negative integer/);
    await expect(protectRelease({ dimensions, tables, counts: [{ coordinates: { col: 'x' }, value: 1.5 }] })).rejects.toThrow(/non-negative integer/);
    await expect(protectRelease({ dimensions: [{ name: 'd', codes: [{ code: 'a', parent: null }, { code: 'b', parent: null }] }], tables: [], counts: [] })).rejects.toThrow(/exactly one root/);
    await expect(protectRelease({ dimensions, tables, counts: [] }, { forcedPrimary: [{ col: 'nowhere' }] })).rejects.toThrow(/not a cell/);
  });
});
