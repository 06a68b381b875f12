/**
 * Secondary suppression by Gaussian elimination (Langsrud; SSBtools' GaussSuppression).
 *
 * Candidates are taken in priority order (those most worth publishing first). Each is reduced against
 * the cells published so far; a candidate that adds nothing new (reduces to zero) is published. Otherwise
 * it is published unless it would make a primary cell a linear combination of published cells, which is
 * the case exactly when the primary cell's residual is a multiple of the candidate's residual: then it is
 * suppressed (secondary). Residuals of primary cells are kept reduced as cells are published.
 *
 * Singletons and zeros ("anySum", SSBtools' default): inner rows that need more than linear protection
 * (ones when zeros are published, where a single contributor knows their own count; zeros when zeros are
 * protected, where a published sum of zeros shows every term is zero) come last in the row order. A
 * candidate whose residual lies on those rows only would publish a sum of them and is suppressed, unless its
 * coefficients differ (not a plain sum) and its rows overlap no such exception granted before. Primary
 * cells lying on those rows only are then safe by construction and leave the primary set.
 */
import { eliminate, positionOf, primitive, proportional, type Ring, type SparseVector } from './ring.ts';

export interface GaussProblem {
  readonly rowCount: number;
  /** Rows from this index on are singleton rows. */
  readonly firstSingletonRow: number;
  /** Each cell's rows, ascending. */
  readonly columns: readonly Int32Array[];
  /** Cells that may be published, most worth publishing first. */
  readonly candidates: readonly number[];
  readonly primary: readonly number[];
}

class MinHeap {
  private items: number[] = [];
  get size() { return this.items.length; }
  push(x: number) {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= x) break;
      a[i] = a[parent]!;
      i = parent;
    }
    a[i] = x;
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const c = l + 1 < a.length && a[l + 1]! < a[l]! ? l + 1 : l;
        if (a[c]! >= last) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

interface Pivot<T> {
  readonly vector: SparseVector<T>;
  /** Position of the pivot row in the vector. */
  readonly at: number;
  /** Creation order: a pivot vector is zero on the rows of every pivot created before it. */
  readonly order: number;
}

/**
 * Reduces columns against the published pivots on a dense accumulator, eliminating pivot rows in the order
 * the pivots were created: eliminating with one pivot only brings in rows of later pivots (or of none), so
 * each pivot row is visited once. The pivot row of a vector can therefore be any of its rows.
 */
class Reducer<T> {
  readonly pivots: (Pivot<T> | undefined)[];
  private readonly rowOfOrder: number[] = [];
  private readonly acc: T[];
  private readonly state: Uint8Array; // 1 touched, 2 queued
  constructor(private readonly ring: Ring<T>, rowCount: number) {
    this.pivots = new Array<Pivot<T> | undefined>(rowCount);
    this.acc = new Array<T>(rowCount).fill(ring.zero);
    this.state = new Uint8Array(rowCount);
  }

  get count() { return this.rowOfOrder.length; }

  add(vector: SparseVector<T>, at: number) {
    const row = vector.rows[at]!;
    this.pivots[row] = { vector, at, order: this.rowOfOrder.length };
    this.rowOfOrder.push(row);
  }

  reduce(column: Int32Array): SparseVector<T> | null {
    const { ring, acc, state, pivots, rowOfOrder } = this;
    const touched: number[] = [];
    const heap = new MinHeap();
    for (const r of column) {
      acc[r] = ring.one;
      state[r] = 1;
      touched.push(r);
      const pivot = pivots[r];
      if (pivot) { heap.push(pivot.order); state[r] = 2; }
    }
    while (heap.size) {
      const r = rowOfOrder[heap.pop()]!;
      const a = acc[r]!;
      if (ring.isZero(a)) continue;
      const { vector: p, at } = pivots[r]!;
      const p0 = p.values[at]!;
      let factor: T;
      if (ring.isUnit(p0)) factor = ring.mul(a, p0);
      else {
        const g = ring.gcd(a, p0);
        const scale = ring.div(p0, g);
        for (const t of touched) acc[t] = ring.mul(acc[t]!, scale);
        factor = ring.div(a, g);
      }
      for (let k = 0; k < p.rows.length; k++) {
        const row = p.rows[k]!;
        if (state[row] === 0) { state[row] = 1; touched.push(row); acc[row] = ring.zero; }
        const pivot = pivots[row];
        if (state[row] === 1 && row !== r && pivot) { state[row] = 2; heap.push(pivot.order); }
        acc[row] = ring.sub(acc[row]!, ring.mul(factor, p.values[k]!));
      }
    }
    touched.sort((x, y) => x - y);
    const rows: number[] = [];
    const values: T[] = [];
    for (const t of touched) {
      if (!ring.isZero(acc[t]!)) { rows.push(t); values.push(acc[t]!); }
      acc[t] = ring.zero;
      state[t] = 0;
    }
    return rows.length ? primitive(ring, { rows: Int32Array.from(rows), values }) : null;
  }
}

/** Number of entries of the ascending `rows` below `row`. */
function lowerBound(rows: Int32Array, row: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]! < row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Returns the cells to suppress as secondary, in the order they were decided. */
export function gaussSecondary<T>(ring: Ring<T>, problem: GaussProblem): number[] {
  const { rowCount, firstSingletonRow, columns } = problem;
  const reducer = new Reducer(ring, rowCount);
  const residual: (SparseVector<T> | null)[] = [];
  const holders: (Set<number> | undefined)[] = new Array<Set<number> | undefined>(rowCount);
  const byFirstRow = new Map<number, Set<number>>();
  const index = (b: number, v: SparseVector<T>) => {
    for (const r of v.rows) (holders[r] ??= new Set()).add(b);
    const set = byFirstRow.get(v.rows[0]!) ?? new Set<number>();
    set.add(b);
    byFirstRow.set(v.rows[0]!, set);
  };
  /** Moves b's entries in the indexes from its old rows to its new ones, touching only what changed. */
  const reindex = (b: number, old: SparseVector<T>, next: SparseVector<T>) => {
    const o = old.rows;
    const n = next.rows;
    let i = 0;
    let j = 0;
    while (i < o.length || j < n.length) {
      const ro = i < o.length ? o[i]! : Infinity;
      const rn = j < n.length ? n[j]! : Infinity;
      if (ro === rn) { i++; j++; }
      else if (ro < rn) { holders[ro]!.delete(b); i++; }
      else { (holders[rn] ??= new Set()).add(b); j++; }
    }
    if (o[0] !== n[0]) {
      byFirstRow.get(o[0]!)!.delete(b);
      const set = byFirstRow.get(n[0]!) ?? new Set<number>();
      set.add(b);
      byFirstRow.set(n[0]!, set);
    }
  };
  for (const p of problem.primary) {
    const column = columns[p]!;
    // Empty primary cells cannot be protected; those on singleton rows only are protected by the rule above.
    if (column.length === 0 || column[0]! >= firstSingletonRow) { residual.push(null); continue; }
    const v: SparseVector<T> = { rows: column, values: new Array<T>(column.length).fill(ring.one) };
    residual.push(v);
    index(residual.length - 1, v);
  }

  const secondary: number[] = [];
  const exceptionUsed = new Uint8Array(rowCount);
  for (const candidate of problem.candidates) {
    if (reducer.count === rowCount) break; // everything is determined: the rest adds nothing
    const v = reducer.reduce(columns[candidate]!);
    if (!v) continue;
    const first = v.rows[0]!;
    let suppress = false;
    if (first >= firstSingletonRow) {
      const plainSum = v.values.every((x) => ring.equal(x, v.values[0]!));
      if (!plainSum && v.rows.every((r) => !exceptionUsed[r])) for (const r of v.rows) exceptionUsed[r] = 1;
      else suppress = true;
    }
    if (!suppress) {
      for (const b of byFirstRow.get(first) ?? []) {
        if (proportional(ring, v, residual[b]!)) { suppress = true; break; }
      }
    }
    if (suppress) { secondary.push(candidate); continue; }
    // Any row of v can be its pivot. A row that is not a singleton row when v has one (so the published
    // span never holds a sum of singleton rows alone, as above), and among those one that no primary
    // residual holds (nothing to update), else the one held by the fewest.
    let at = 0;
    let fewest = Infinity;
    const end = first < firstSingletonRow ? lowerBound(v.rows, firstSingletonRow) - 1 : v.rows.length - 1;
    for (let k = 0; k <= end && fewest > 0; k++) {
      const n = holders[v.rows[k]!]?.size ?? 0;
      if (n < fewest) { fewest = n; at = k; }
    }
    const pivotRow = v.rows[at]!;
    reducer.add(v, at);
    for (const b of [...(holders[pivotRow] ?? [])]) {
      const old = residual[b]!;
      const next = eliminate(ring, old, v, at, positionOf(old.rows, pivotRow));
      if (next.rows.length === 0) throw new Error('a primary cell became computable: elimination invariant broken');
      residual[b] = next;
      reindex(b, old, next);
    }
  }
  return secondary;
}
