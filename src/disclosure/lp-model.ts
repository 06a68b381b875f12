/**
 * What an attacker knows, as a linear program over the inner cells: every published cell's value (one
 * equality each), and that every inner cell is non-negative. Inner cells a published cell fixes outright
 * (an inner cell published itself; every inner cell of a published zero) become constants; the remaining
 * ones are the program's variables. Variables in no equality are unbounded above.
 */
import * as highsPackage from 'highs';
import type { Highs } from 'highs';

// The package's types describe its CommonJS build (the loader under `default.default` once interop wraps
// it) while Node loads its ES module (the loader is `default`): take whichever is the function.
type Loader = () => Promise<Highs>;
const exported = (highsPackage as unknown as { default: Loader | { default: Loader } }).default;
const loadHighs: Loader = typeof exported === 'function' ? exported : exported.default;

let solver: Promise<Highs> | undefined;

/** HiGHS compiled to WebAssembly, loaded from the package's own file once per process and reused. */
export function loadSolver(): Promise<Highs> {
  return (solver ??= loadHighs());
}

export interface LinearRelease {
  readonly innerValues: ArrayLike<number>;
  readonly cells: readonly { readonly value: number; readonly inner: Int32Array }[];
}

export interface AttackerProgram {
  /** Value of each inner cell the attacker knows exactly, NaN otherwise. */
  readonly fixed: Float64Array;
  /** Program column of each inner cell (-1: fixed, or in no equality). */
  readonly column: Int32Array;
  /** Inner cell of each program column. */
  readonly innerOf: Int32Array;
  /** Published cell behind each program row, with its columns and right-hand side. */
  readonly rows: readonly { readonly cell: number; readonly columns: Int32Array; readonly rhs: number }[];
  /** Connected component of each column (columns linked through a row). */
  readonly component: Int32Array;
  readonly componentCount: number;
}

export function attackerProgram(release: LinearRelease, suppressed: Uint8Array): AttackerProgram {
  const innerCount = release.innerValues.length;
  const fixed = new Float64Array(innerCount).fill(NaN);
  release.cells.forEach((cell, c) => {
    if (suppressed[c]) return;
    if (cell.inner.length === 1) fixed[cell.inner[0]!] = cell.value;
    if (cell.value === 0) for (const i of cell.inner) fixed[i] = 0;
  });
  const column = new Int32Array(innerCount).fill(-1);
  const innerOf: number[] = [];
  const pending: { cell: number; inner: number[]; rhs: number }[] = [];
  release.cells.forEach((cell, c) => {
    if (suppressed[c]) return;
    let rhs = cell.value;
    const free: number[] = [];
    for (const i of cell.inner) {
      if (Number.isNaN(fixed[i]!)) free.push(i);
      else rhs -= fixed[i]!;
    }
    if (!free.length) return;
    for (const i of free) if (column[i] === -1) { column[i] = innerOf.length; innerOf.push(i); }
    pending.push({ cell: c, inner: free, rhs });
  });
  const rows = pending.map((r) => ({ cell: r.cell, rhs: r.rhs, columns: Int32Array.from(r.inner, (i) => column[i]!).sort() }));

  const parent = Int32Array.from(innerOf, (_, k) => k);
  const find = (x: number): number => {
    while (parent[x] !== x) { parent[x] = parent[parent[x]!]!; x = parent[x]!; }
    return x;
  };
  for (const row of rows) for (let k = 1; k < row.columns.length; k++) {
    const a = find(row.columns[0]!);
    const b = find(row.columns[k]!);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const component = new Int32Array(innerOf.length);
  const ids = new Map<number, number>();
  for (let k = 0; k < innerOf.length; k++) {
    const root = find(k);
    let id = ids.get(root);
    if (id === undefined) { id = ids.size; ids.set(root, id); }
    component[k] = id;
  }
  return { fixed, column, innerOf: Int32Array.from(innerOf), rows, component, componentCount: ids.size };
}

/** The program as a persistent HiGHS model (objective zero until set); the caller disposes it. */
export function createModel(highs: Highs, program: AttackerProgram) {
  const starts = [0];
  const indices: number[] = [];
  for (const row of program.rows) {
    for (const c of row.columns) indices.push(c);
    starts.push(indices.length);
  }
  const numCols = program.innerOf.length;
  const numRows = program.rows.length;
  const rhs = program.rows.map((r) => r.rhs);
  const model = highs.createModel({
    numCols, numRows,
    colCost: new Float64Array(numCols), colLower: new Float64Array(numCols), colUpper: new Float64Array(numCols).fill(highs.infinity),
    rowLower: rhs, rowUpper: rhs,
    matrix: { format: 'csr', numRows, numCols, starts, indices, values: new Float64Array(indices.length).fill(1) },
  });
  // Each solve changes only the objective: the last basis stays feasible, so primal simplex goes on from it.
  model.options.set({ output_flag: false, simplex_strategy: 4 });
  return model;
}
