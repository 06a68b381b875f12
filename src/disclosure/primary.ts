/**
 * Primary suppression and the order in which the other cells are offered for publication.
 */
import { byString } from './dimensions.ts';
import type { CompiledRelease } from './model.ts';

export interface PrimaryRule {
  /** Cells with 0 < value < threshold are primary. */
  readonly threshold: number;
  /** Zero cells are primary too. */
  readonly protectZeros: boolean;
}

/** Primary flag per cell: the small-count rule, or forced by the caller. */
export function primaryCells(release: CompiledRelease, rule: PrimaryRule, forced: ReadonlySet<string>): Uint8Array {
  const flags = new Uint8Array(release.cells.length);
  release.cells.forEach((cell, i) => {
    const small = cell.value > 0 ? cell.value < rule.threshold : rule.protectZeros;
    if (small || forced.has(cell.key)) flags[i] = 1;
  });
  return flags;
}

/**
 * Inner cells needing more than linear protection (SSBtools' SingletonDefault): zeros when zeros are
 * protected, ones otherwise (a person counted alone knows their own count). None when no count is small.
 */
export function singletonInner(release: CompiledRelease, rule: PrimaryRule): Uint8Array {
  const flags = new Uint8Array(release.inner.length);
  const singletonValue = rule.protectZeros ? 0 : rule.threshold >= 2 ? 1 : -1;
  release.inner.forEach((x, i) => { if (x.value === singletonValue) flags[i] = 1; });
  return flags;
}

/**
 * Candidates for publication, most worth publishing first (SSBtools' CandidatesDefault): larger counts
 * first, so the cells given up as secondary are the small ones (least information lost); among equal counts,
 * cells summing more of the table first (totals before their parts); zeros first of all unless
 * `secondaryZeros` (a published zero costs nothing and protects nothing); then by key, for determinism.
 */
export function candidateOrder(release: CompiledRelease, primary: Uint8Array, secondaryZeros: boolean): number[] {
  const { cells, inner } = release;
  const weight = new Float64Array(inner.length);
  for (const cell of cells) for (const i of cell.inner) weight[i]! += cell.value + 1;
  const spread = cells.map((cell) => {
    let s = 0;
    for (const i of cell.inner) s += weight[i]!;
    return s;
  });
  const order = cells.map((_, i) => i).filter((i) => !primary[i]);
  const zeroFirst = (i: number) => (!secondaryZeros && cells[i]!.value === 0 ? 0 : 1);
  return order.sort((a, b) =>
    zeroFirst(a) - zeroFirst(b) || cells[b]!.value - cells[a]!.value || spread[b]! - spread[a]! || byString(cells[a]!.key, cells[b]!.key));
}
