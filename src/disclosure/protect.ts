/**
 * Protects a release: primary suppression, secondary suppression by Gaussian elimination, then the
 * interval audit, adding suppressions until every primary cell's interval is wide enough.
 */
import { auditIntervals, type TargetInterval } from './audit-lp.ts';
import { DisclosureInputError } from './dimensions.ts';
import { gaussSecondary, type GaussProblem } from './gauss.ts';
import { loadSolver } from './lp-model.ts';
import { cellKey, compileRelease, type CompiledRelease, type Coordinates, type ReleaseSpec } from './model.ts';
import { candidateOrder, primaryCells, singletonInner, type PrimaryRule } from './primary.ts';
import { bigintRing, ExactnessLost, numberRing } from './ring.ts';

export interface ProtectionOptions {
  /** Cells with 0 < value < threshold are primary. Default 5. */
  readonly threshold?: number;
  /** Zero cells are primary too. Default false. */
  readonly protectZeros?: boolean;
  /** Cells the caller wants suppressed whatever their value (coordinates; a dimension left out is its total). */
  readonly forcedPrimary?: readonly Coordinates[];
  /** The narrowest interval an attacker may deduce for a primary cell. Default: the threshold. */
  readonly minIntervalWidth?: number;
  /** Let zeros be chosen as secondary cells like any other (default false: zeros are published first). */
  readonly secondaryZeros?: boolean;
  /** Compute every audited interval exactly (default false: a cell proven wide enough keeps what was seen). */
  readonly exactIntervals?: boolean;
  /** Also report the intervals of secondary cells (default false). */
  readonly auditSecondary?: boolean;
  /** Force bigint arithmetic in the elimination (tests; 'auto' starts with safe integers). */
  readonly arithmetic?: 'auto' | 'bigint';
}

export type SuppressionReason = 'primary' | 'secondary';

export type CellOutcome =
  | { readonly status: 'published'; readonly value: number }
  | { readonly status: 'suppressed'; readonly reason: SuppressionReason };

export interface ProtectedCell {
  readonly key: string;
  /** A code for every dimension of the release (the root where a table does not show the dimension). */
  readonly coordinates: Coordinates;
  readonly tables: readonly string[];
  readonly outcome: CellOutcome;
}

export interface ProtectedTable {
  readonly id: string;
  readonly dimensions: readonly string[];
  readonly cells: readonly ProtectedCell[];
}

export interface CellInterval {
  readonly key: string;
  readonly reason: SuppressionReason;
  /** What an attacker can deduce from everything published: lo <= value <= hi (hi null: no upper bound). */
  readonly lo: number;
  readonly hi: number | null;
  /** False when the interval is only known to contain [lo, hi] (which already proves it wide enough). */
  readonly exact: boolean;
}

export interface ProtectedRelease {
  readonly parameters: { readonly threshold: number; readonly protectZeros: boolean; readonly minIntervalWidth: number };
  /** Every distinct cell of the release, sorted by key. */
  readonly cells: readonly ProtectedCell[];
  readonly tables: readonly ProtectedTable[];
  readonly audit: {
    readonly intervals: readonly CellInterval[];
    /** Audit rounds that added cells. */
    readonly rounds: number;
    readonly addedByAudit: number;
    readonly linearPrograms: number;
  };
  readonly diagnostics: { readonly arithmetic: 'number' | 'bigint'; readonly gaussMs: number; readonly auditMs: number };
}

function gaussProblem(release: CompiledRelease, rule: PrimaryRule, primary: Uint8Array, candidates: number[]): GaussProblem {
  const singleton = singletonInner(release, rule);
  const rowOf = new Int32Array(release.inner.length);
  let next = 0;
  for (const pass of [0, 1]) release.inner.forEach((_, i) => { if (singleton[i] === pass) rowOf[i] = next++; });
  const firstSingletonRow = release.inner.length - singleton.reduce((a, b) => a + b, 0);
  const columns = release.cells.map((cell) => Int32Array.from(cell.inner, (i) => rowOf[i]!).sort());
  const primaryList = release.cells.map((_, i) => i).filter((i) => primary[i]);
  return { rowCount: release.inner.length, firstSingletonRow, columns, candidates, primary: primaryList };
}

export async function protectRelease(spec: ReleaseSpec, options: ProtectionOptions = {}): Promise<ProtectedRelease> {
  const threshold = options.threshold ?? 5;
  const protectZeros = options.protectZeros ?? false;
  const minIntervalWidth = options.minIntervalWidth ?? threshold;
  if (!Number.isSafeInteger(threshold) || threshold < 1) throw new DisclosureInputError('threshold must be a positive integer');
  if (!Number.isFinite(minIntervalWidth) || minIntervalWidth < 0) throw new DisclosureInputError('minIntervalWidth must be a non-negative number');
  const highs = await loadSolver();
  const release = compileRelease(spec);
  const rule: PrimaryRule = { threshold, protectZeros };
  const keys = new Set(release.cells.map((c) => c.key));
  const forced = new Set((options.forcedPrimary ?? []).map((coordinates) => {
    const key = cellKey(release.dimensions, coordinates);
    if (!keys.has(key)) throw new DisclosureInputError(`forced primary ${JSON.stringify(coordinates)} is not a cell of the release`);
    return key;
  }));

  const gaussStart = performance.now();
  const primary = primaryCells(release, rule, forced);
  const candidates = candidateOrder(release, primary, options.secondaryZeros ?? false);
  const problem = gaussProblem(release, rule, primary, candidates);
  let arithmetic: 'number' | 'bigint' = options.arithmetic === 'bigint' ? 'bigint' : 'number';
  let secondary: number[];
  try {
    secondary = arithmetic === 'number' ? gaussSecondary(numberRing, problem) : gaussSecondary(bigintRing, problem);
  } catch (error) {
    if (!(error instanceof ExactnessLost)) throw error;
    arithmetic = 'bigint';
    secondary = gaussSecondary(bigintRing, problem);
  }
  const reason = new Array<SuppressionReason | null>(release.cells.length).fill(null);
  release.cells.forEach((_, i) => { if (primary[i]) reason[i] = 'primary'; });
  for (const s of secondary) reason[s] = 'secondary';
  const gaussMs = performance.now() - gaussStart;

  // The audit: add the least valuable published cell holding a too-narrow primary cell in, until none is.
  const auditStart = performance.now();
  const linear = { innerValues: release.inner.map((x) => x.value), cells: release.cells };
  const rank = new Int32Array(release.cells.length);
  candidates.forEach((c, k) => { rank[c] = k; });
  const suppressed = Uint8Array.from(reason, (r) => (r ? 1 : 0));
  let rounds = 0;
  let addedByAudit = 0;
  let linearPrograms = 0;
  // A cell found wide enough stays so when more is suppressed (fewer equalities: every point that was
  // feasible still is), so later rounds audit only the cells that failed; the others keep their interval,
  // no longer exact once a round has added cells after it was computed.
  const latest = new Map<number, { interval: TargetInterval; round: number }>();
  let targets: readonly number[] = problem.primary;
  const exactIntervals = options.exactIntervals ?? false;
  for (;;) {
    const outcome = auditIntervals(highs, linear, suppressed, targets, minIntervalWidth, exactIntervals);
    linearPrograms += outcome.solves;
    for (const interval of outcome.intervals) latest.set(interval.cell, { interval, round: rounds });
    if (!outcome.binding.size) break;
    rounds++;
    // One cell per failing primary, and none for a primary whose bounds a pick this round already loosened
    // (it is audited again next round): suppressing only what is needed.
    const picked = new Set<number>();
    for (const cells of outcome.binding.values()) {
      if (cells.some((c) => picked.has(c))) continue;
      const pick = cells.reduce((a, b) => (rank[b]! > rank[a]! ? b : a));
      picked.add(pick);
      suppressed[pick] = 1;
      reason[pick] = 'secondary';
      addedByAudit++;
    }
    targets = [...outcome.binding.keys()];
  }
  if (rounds > 0 && exactIntervals) {
    const outcome = auditIntervals(highs, linear, suppressed, problem.primary, minIntervalWidth, true);
    linearPrograms += outcome.solves;
    for (const interval of outcome.intervals) latest.set(interval.cell, { interval, round: rounds });
  }
  let intervals: readonly TargetInterval[] = [...latest.values()]
    .map(({ interval, round }) => (round === rounds ? interval : { ...interval, exact: false }))
    .sort((a, b) => a.cell - b.cell);
  if (options.auditSecondary) {
    const secondaryCells = release.cells.map((_, i) => i).filter((i) => reason[i] === 'secondary');
    const outcome = auditIntervals(highs, linear, suppressed, secondaryCells, 0, options.exactIntervals ?? false);
    linearPrograms += outcome.solves;
    intervals = [...intervals, ...outcome.intervals];
  }
  const auditMs = performance.now() - auditStart;

  const cells = release.cells.map((cell, i): ProtectedCell => {
    const r = reason[i];
    return {
      key: cell.key,
      coordinates: Object.fromEntries(release.dimensions.map((d, k) => [d.name, cell.codes[k]!])),
      tables: cell.tables,
      outcome: r ? { status: 'suppressed', reason: r } : { status: 'published', value: cell.value },
    };
  });
  const tables = release.tables.map((t) => ({ id: t.id, dimensions: t.dimensions, cells: cells.filter((c) => c.tables.includes(t.id)) }));
  return {
    parameters: { threshold, protectZeros, minIntervalWidth },
    cells,
    tables,
    audit: {
      intervals: intervals.map((x) => ({ key: release.cells[x.cell]!.key, reason: reason[x.cell]!, lo: x.lo, hi: Number.isFinite(x.hi) ? x.hi : null, exact: x.exact })),
      rounds, addedByAudit, linearPrograms,
    },
    diagnostics: { arithmetic, gaussMs, auditMs },
  };
}
