/**
 * Independent checks for the disclosure module's tests, written the plain way (no components, no
 * certification, no sparse tricks): what an attacker deduces from published cells, and whether a cell is a
 * linear combination of them.
 */
import type { Highs } from 'highs';
import type { CompiledRelease } from '../../src/disclosure/model.ts';

/** min and max of cell `target` over x >= 0 subject to every published cell's value, one LP each. */
export function oracleInterval(highs: Highs, release: CompiledRelease, published: ReadonlySet<string>, target: string): { lo: number; hi: number } {
  const n = release.inner.length;
  const rows = release.cells.filter((c) => published.has(c.key));
  const cell = release.cells.find((c) => c.key === target)!;
  const objective = (sign: number) => Array.from({ length: n }, (_, i) => (cell.inner.includes(i) ? sign : 0));
  const solve = (sign: number) => {
    const model = highs.createModel({
      numCols: n, numRows: rows.length, colCost: objective(sign), colLower: new Array<number>(n).fill(0), colUpper: new Array<number>(n).fill(highs.infinity),
      rowLower: rows.map((r) => r.value), rowUpper: rows.map((r) => r.value),
      matrix: { format: 'csc', numRows: rows.length, numCols: n, ...csc(rows, n) },
    });
    try {
      model.options.set({ output_flag: false });
      model.run();
      const status = model.getModelStatus();
      if (status === highs.constants.modelStatus.unbounded || status === highs.constants.modelStatus.unboundedOrInfeasible) return sign * Infinity;
      if (status !== highs.constants.modelStatus.optimal) throw new Error(`oracle LP status ${status}`);
      return model.getObjectiveValue();
    } finally {
      model.dispose();
    }
  };
  return { lo: solve(1), hi: -solve(-1) };
}

function csc(rows: readonly { inner: Int32Array }[], n: number) {
  const byColumn: number[][] = Array.from({ length: n }, () => []);
  rows.forEach((r, k) => { for (const i of r.inner) byColumn[i]!.push(k); });
  const starts = [0];
  const indices: number[] = [];
  for (const list of byColumn) { indices.push(...list); starts.push(indices.length); }
  return { starts, indices, values: new Array<number>(indices.length).fill(1) };
}

/** True when the target cell's 0/1 vector lies in the span of the published cells' vectors (exact, bigint). */
export function linearlyDetermined(release: CompiledRelease, published: ReadonlySet<string>, target: string): boolean {
  const n = release.inner.length;
  const dense = (inner: Int32Array) => { const v = new Array<bigint>(n).fill(0n); for (const i of inner) v[i] = 1n; return v; };
  const basis: { pivot: number; v: bigint[] }[] = [];
  const reduce = (v: bigint[]) => {
    for (const b of basis) {
      const x = v[b.pivot]!;
      if (x === 0n) continue;
      const p = b.v[b.pivot]!;
      for (let i = 0; i < n; i++) v[i] = v[i]! * p - b.v[i]! * x;
    }
    return v;
  };
  for (const cell of release.cells) {
    if (!published.has(cell.key)) continue;
    const v = reduce(dense(cell.inner));
    const pivot = v.findIndex((x) => x !== 0n);
    if (pivot >= 0) basis.push({ pivot, v });
  }
  return reduce(dense(release.cells.find((c) => c.key === target)!.inner)).every((x) => x === 0n);
}
