/**
 * Dimensions of a release and their hierarchies (country > admin 1 > admin 2; all periods > year > quarter;
 * all parties > parent > brigade). Every dimension has exactly one root, its total. Inner cells sit at the
 * leaves; every other code is an aggregate of the leaves below it. Codes are kept in sorted order so that
 * nothing depends on the order the caller listed them in.
 */

export class DisclosureInputError extends Error {
  override readonly name = 'DisclosureInputError';
}

export interface DimensionCode {
  readonly code: string;
  /** The code this one rolls up into; null for the root (the dimension's total). */
  readonly parent: string | null;
}

export interface DimensionSpec {
  readonly name: string;
  readonly codes: readonly DimensionCode[];
}

export interface Dimension {
  readonly name: string;
  readonly root: string;
  /** Every code, sorted. */
  readonly codes: readonly string[];
  /** Leaves (codes without children), sorted. */
  readonly leaves: readonly string[];
  /** For each code, the code itself and its ancestors up to the root (nearest first). */
  readonly lineage: ReadonlyMap<string, readonly string[]>;
  /** For each code, the leaves below it (itself when it is a leaf), sorted. */
  readonly leavesUnder: ReadonlyMap<string, readonly string[]>;
}

export const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildDimension(spec: DimensionSpec): Dimension {
  const name = spec.name;
  if (!name) throw new DisclosureInputError('a dimension needs a name');
  const parentOf = new Map<string, string | null>();
  for (const { code, parent } of spec.codes) {
    if (typeof code !== 'string' || code === '') throw new DisclosureInputError(`dimension ${name}: empty code`);
    if (parentOf.has(code)) throw new DisclosureInputError(`dimension ${name}: code ${code} listed twice`);
    parentOf.set(code, parent);
  }
  const roots = [...parentOf].filter(([, parent]) => parent === null).map(([code]) => code);
  if (roots.length !== 1) throw new DisclosureInputError(`dimension ${name}: needs exactly one root (its total), has ${roots.length}`);
  const children = new Map<string, string[]>();
  for (const [code, parent] of parentOf) {
    if (parent === null) continue;
    if (!parentOf.has(parent)) throw new DisclosureInputError(`dimension ${name}: parent ${parent} of ${code} is not a code`);
    const list = children.get(parent) ?? [];
    list.push(code);
    children.set(parent, list);
  }
  const lineage = new Map<string, string[]>();
  for (const code of parentOf.keys()) {
    const chain: string[] = [];
    const seen = new Set<string>();
    for (let c: string | null = code; c !== null; c = parentOf.get(c) ?? null) {
      if (seen.has(c)) throw new DisclosureInputError(`dimension ${name}: cycle through ${c}`);
      seen.add(c);
      chain.push(c);
    }
    lineage.set(code, chain);
  }
  const codes = [...parentOf.keys()].sort(byString);
  const leaves = codes.filter((c) => !children.has(c));
  const leavesUnder = new Map<string, string[]>(codes.map((c) => [c, []]));
  for (const leaf of leaves) for (const c of lineage.get(leaf)!) leavesUnder.get(c)!.push(leaf);
  return { name, root: roots[0]!, codes, leaves, lineage, leavesUnder };
}
