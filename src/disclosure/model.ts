/**
 * A release: the tables of counts that leave the restricted tier together, protected jointly.
 *
 * The caller gives the release's dimensions (with their hierarchies), its tables (which dimensions each
 * shows, at which codes) and the counts at the finest level: one count per combination of a leaf of every
 * dimension of the release (the joint classification; combinations left out are zero). Everything is then
 * represented as SSBtools does: a set of inner cells and the publishable cells, each cell the sum of a set
 * of inner cells (a sparse 0/1 matrix). A cell is identified by its coordinates over every dimension of the
 * release, a dimension a table does not show standing at its root (total): so a total two tables share, or
 * a cell shown by two tables, is one cell and one linear constraint.
 */
import { buildDimension, byString, DisclosureInputError, type Dimension, type DimensionSpec } from './dimensions.ts';

export type Coordinates = Readonly<Record<string, string>>;

export interface TableDimension {
  readonly name: string;
  /** The codes shown (any levels). Default: every code of the dimension, its total included. */
  readonly codes?: readonly string[];
}

export interface TableSpec {
  readonly id: string;
  readonly dimensions: readonly (string | TableDimension)[];
}

export interface InnerCount {
  /** A leaf of every dimension of the release. */
  readonly coordinates: Coordinates;
  /** A non-negative integer. Counts given twice for the same coordinates are added. */
  readonly value: number;
}

export interface ReleaseSpec {
  readonly dimensions: readonly DimensionSpec[];
  readonly tables: readonly TableSpec[];
  readonly counts: readonly InnerCount[];
}

export interface CompiledCell {
  readonly key: string;
  /** One code per release dimension, in the order of `CompiledRelease.dimensions`. */
  readonly codes: readonly string[];
  readonly tables: readonly string[];
  readonly value: number;
  /** Indices of the inner cells it sums, ascending. */
  readonly inner: Int32Array;
}

export interface CompiledRelease {
  /** Sorted by name. */
  readonly dimensions: readonly Dimension[];
  readonly tables: readonly { readonly id: string; readonly dimensions: readonly string[] }[];
  /** Inner cells sorted by key; zero cells added where a table cell would otherwise have no inner cell. */
  readonly inner: readonly { readonly key: string; readonly codes: readonly string[]; readonly value: number }[];
  /** Every distinct publishable cell, sorted by key. */
  readonly cells: readonly CompiledCell[];
}

/** The identifier of a cell: its code in every dimension (sorted by dimension name), JSON-encoded. */
export function cellKey(dimensions: readonly Dimension[], coordinates: Coordinates): string {
  return JSON.stringify(dimensions.map((d) => coordinates[d.name] ?? d.root));
}

function cartesian<T>(lists: readonly (readonly T[])[]): T[][] {
  let out: T[][] = [[]];
  for (const list of lists) out = out.flatMap((prefix) => list.map((x) => [...prefix, x]));
  return out;
}

interface ResolvedTable {
  readonly id: string;
  /** Index into the release dimensions for each shown dimension. */
  readonly dims: readonly number[];
  /** The shown codes per shown dimension, sorted. */
  readonly shown: readonly (readonly string[])[];
  readonly shownSets: readonly ReadonlySet<string>[];
  /** The shown codes that have no shown code below them (they partition what the table covers). */
  readonly finest: readonly ReadonlySet<string>[];
}

function resolveTable(spec: TableSpec, dimensions: readonly Dimension[]): ResolvedTable {
  if (!spec.id) throw new DisclosureInputError('a table needs an id');
  const dims: number[] = [];
  const shown: string[][] = [];
  const finest: Set<string>[] = [];
  for (const entry of spec.dimensions) {
    const name = typeof entry === 'string' ? entry : entry.name;
    const index = dimensions.findIndex((d) => d.name === name);
    if (index < 0) throw new DisclosureInputError(`table ${spec.id}: unknown dimension ${name}`);
    if (dims.includes(index)) throw new DisclosureInputError(`table ${spec.id}: dimension ${name} twice`);
    const dimension = dimensions[index]!;
    const codes = [...new Set(typeof entry === 'string' || !entry.codes ? dimension.codes : entry.codes)].sort(byString);
    if (codes.length === 0) throw new DisclosureInputError(`table ${spec.id}: no code shown for ${name}`);
    for (const c of codes) if (!dimension.lineage.has(c)) throw new DisclosureInputError(`table ${spec.id}: unknown code ${c} in ${name}`);
    const set = new Set(codes);
    const hasShownBelow = new Set<string>();
    for (const c of codes) for (const ancestor of dimension.lineage.get(c)!.slice(1)) if (set.has(ancestor)) hasShownBelow.add(ancestor);
    dims.push(index);
    shown.push(codes);
    finest.push(new Set(codes.filter((c) => !hasShownBelow.has(c))));
  }
  return { id: spec.id, dims, shown, shownSets: shown.map((codes) => new Set(codes)), finest };
}

export function compileRelease(spec: ReleaseSpec): CompiledRelease {
  const dimensions = spec.dimensions.map(buildDimension).sort((a, b) => byString(a.name, b.name));
  for (let i = 1; i < dimensions.length; i++) {
    if (dimensions[i]!.name === dimensions[i - 1]!.name) throw new DisclosureInputError(`dimension ${dimensions[i]!.name} twice`);
  }
  const tableIds = new Set<string>();
  const tables = spec.tables.map((t) => {
    if (tableIds.has(t.id)) throw new DisclosureInputError(`table ${t.id} twice`);
    tableIds.add(t.id);
    return resolveTable(t, dimensions);
  }).sort((a, b) => byString(a.id, b.id));

  // Inner cells from the counts, keyed by their leaf codes.
  const innerByKey = new Map<string, { codes: string[]; value: number }>();
  for (const count of spec.counts) {
    if (!Number.isSafeInteger(count.value) || count.value < 0) throw new DisclosureInputError(`count ${JSON.stringify(count.coordinates)}: not a non-negative integer`);
    const codes = dimensions.map((d) => {
      const code = count.coordinates[d.name];
      if (code === undefined || !d.lineage.has(code)) throw new DisclosureInputError(`count ${JSON.stringify(count.coordinates)}: no known code for ${d.name}`);
      if (d.leavesUnder.get(code)!.length !== 1 || d.leavesUnder.get(code)![0] !== code) {
        throw new DisclosureInputError(`count ${JSON.stringify(count.coordinates)}: ${code} is not a leaf of ${d.name}`);
      }
      return code;
    });
    if (Object.keys(count.coordinates).length !== dimensions.length) throw new DisclosureInputError(`count ${JSON.stringify(count.coordinates)}: unknown dimension`);
    const key = JSON.stringify(codes);
    const existing = innerByKey.get(key);
    if (existing) existing.value += count.value;
    else innerByKey.set(key, { codes, value: count.value });
  }

  // A zero inner cell under every combination of a table's finest codes that no count falls under, so that
  // every table cell sums at least one inner cell (an empty cell could not be protected). Any subset of the
  // joint classification is a sound model: a cell left out is one the attacker is assumed to know is zero.
  for (const table of tables) {
    const covered = new Set<string>();
    for (const { codes } of innerByKey.values()) {
      const finestCodes = table.dims.map((d, k) => dimensions[d]!.lineage.get(codes[d]!)!.find((c) => table.finest[k]!.has(c)));
      if (finestCodes.every((c) => c !== undefined)) covered.add(JSON.stringify(finestCodes));
    }
    for (const combination of cartesian(table.finest.map((s) => [...s].sort(byString)))) {
      if (covered.has(JSON.stringify(combination))) continue;
      const codes = dimensions.map((d) => d.leavesUnder.get(d.root)![0]!);
      table.dims.forEach((d, k) => { codes[d] = dimensions[d]!.leavesUnder.get(combination[k]!)![0]!; });
      const key = JSON.stringify(codes);
      if (!innerByKey.has(key)) innerByKey.set(key, { codes, value: 0 });
    }
  }
  const inner = [...innerByKey].sort(([a], [b]) => byString(a, b)).map(([key, x]) => ({ key, codes: x.codes, value: x.value }));

  // Publishable cells: each inner cell adds itself to every table cell above it. Cells are found by a
  // number (mixed radix over each dimension's sorted codes), strings are made once per cell.
  const codeIndex = dimensions.map((d) => new Map(d.codes.map((c, k) => [c, k])));
  const stride: number[] = [];
  let radix = 1;
  for (const d of dimensions) { stride.push(radix); radix *= d.codes.length; }
  if (!Number.isSafeInteger(radix)) throw new DisclosureInputError('too many code combinations in one release');
  const numberOf = (codes: readonly string[]) => codes.reduce((n, c, d) => n + codeIndex[d]!.get(c)! * stride[d]!, 0);
  const cellByNumber = new Map<number, { codes: string[]; tables: Set<string>; inner: number[]; seen: number }>();
  for (const table of tables) {
    for (const combination of cartesian(table.shown)) {
      const codes = dimensions.map((d) => d.root);
      table.dims.forEach((d, k) => { codes[d] = combination[k]!; });
      const n = numberOf(codes);
      const cell = cellByNumber.get(n) ?? { codes, tables: new Set<string>(), inner: [], seen: -1 };
      cell.tables.add(table.id);
      cellByNumber.set(n, cell);
    }
  }
  const rootNumber = numberOf(dimensions.map((d) => d.root));
  // For each table, shown dimension and leaf: what each shown code above the leaf adds to the cell number,
  // relative to the root's.
  const offsets = tables.map((table) => table.dims.map((d, k) => {
    const dim = dimensions[d]!;
    const rootPart = codeIndex[d]!.get(dim.root)! * stride[d]!;
    return new Map(dim.leaves.map((leaf) => [leaf, dim.lineage.get(leaf)!.filter((c) => table.shownSets[k]!.has(c)).map((c) => codeIndex[d]!.get(c)! * stride[d]! - rootPart)]));
  }));
  let numbers = new Float64Array(64);
  let next = new Float64Array(64);
  inner.forEach(({ codes }, i) => {
    tables.forEach((table, t) => {
      numbers[0] = rootNumber;
      let count = 1;
      table.dims.forEach((d, k) => {
        const add = offsets[t]![k]!.get(codes[d]!)!;
        if (next.length < count * add.length) { next = new Float64Array(count * add.length * 2); }
        let m = 0;
        for (let a = 0; a < count; a++) for (const x of add) next[m++] = numbers[a]! + x;
        [numbers, next] = [next, numbers];
        count = m;
      });
      for (let a = 0; a < count; a++) {
        const cell = cellByNumber.get(numbers[a]!)!;
        if (cell.seen === i) continue; // the same cell reached through another table
        cell.seen = i;
        cell.inner.push(i);
      }
    });
  });
  const cellByKey = new Map([...cellByNumber.values()].map((c) => [JSON.stringify(c.codes), c]));
  const cells = [...cellByKey].sort(([a], [b]) => byString(a, b)).map(([key, c]) => {
    const members = Int32Array.from(c.inner).sort();
    let value = 0;
    for (const i of members) value += inner[i]!.value;
    return { key, codes: c.codes, tables: [...c.tables].sort(byString), value, inner: members };
  });
  return { dimensions, tables: tables.map((t) => ({ id: t.id, dimensions: t.dims.map((d) => dimensions[d]!.name) })), inner, cells };
}
