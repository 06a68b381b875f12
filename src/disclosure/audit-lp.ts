/**
 * The interval audit: for each audited cell, the smallest and largest value an attacker can deduce from
 * everything published (equalities) and non-negativity, by linear programs solved with HiGHS.
 *
 * Speed without giving up soundness:
 * - one HiGHS model per audit, re-solved with a new objective each time (warm start from the last basis);
 * - the program splits into independent components, so one solve can minimise or maximise one cell in
 *   every component at once (a separable objective: each component's part is at its own optimum);
 * - every solution is a feasible point, so each audited cell's values across all solutions (and its true
 *   value) bound its interval from inside. A cell whose values already lie `requiredWidth` apart is proven
 *   wide enough and needs no program of its own. Unless `exact` is asked for, such a cell's interval is
 *   reported as what was seen (`exact: false`: the true interval contains it).
 */
import type { Highs } from 'highs';
import { attackerProgram, createModel, type AttackerProgram, type LinearRelease } from './lp-model.ts';

export interface TargetInterval {
  readonly cell: number;
  /** Smallest deducible value (integers: rounded up from the program's optimum). */
  readonly lo: number;
  /** Largest deducible value, Infinity when unbounded. */
  readonly hi: number;
  /** False when only shown to contain [lo, hi] (enough to prove the width). */
  readonly exact: boolean;
}

export interface AuditOutcome {
  readonly intervals: readonly TargetInterval[];
  /** For each audited cell narrower than required: published cells whose equality holds it in. */
  readonly binding: ReadonlyMap<number, readonly number[]>;
  readonly solves: number;
}

const TOLERANCE = 1e-6;

interface Target {
  readonly cell: number;
  readonly constant: number;
  readonly columns: Int32Array;
  readonly components: readonly number[];
  readonly unbounded: boolean;
  seenMin: number;
  seenMax: number;
  lo: number | undefined;
  hi: number | undefined;
  /** Row duals of the solves that gave lo and hi (each row's dual reflects only its own component). */
  duals: Float64Array[];
}

function targetsOf(release: LinearRelease, program: AttackerProgram, cells: readonly number[]): Target[] {
  return cells.map((cell) => {
    let constant = 0;
    let unbounded = false;
    let part = 0;
    const columns: number[] = [];
    for (const i of release.cells[cell]!.inner) {
      const f = program.fixed[i]!;
      if (!Number.isNaN(f)) constant += f;
      else if (program.column[i]! < 0) unbounded = true;
      else { columns.push(program.column[i]!); part += release.innerValues[i]!; }
    }
    const components = [...new Set(columns.map((c) => program.component[c]!))].sort((a, b) => a - b);
    const t: Target = { cell, constant, columns: Int32Array.from(columns), components, unbounded, seenMin: part, seenMax: part, lo: undefined, hi: undefined, duals: [] };
    if (!columns.length) { t.lo = 0; t.hi = 0; }
    return t;
  });
}

export function auditIntervals(highs: Highs, release: LinearRelease, suppressed: Uint8Array, cells: readonly number[], requiredWidth: number, exact: boolean): AuditOutcome {
  const program = attackerProgram(release, suppressed);
  const targets = targetsOf(release, program, cells);
  const width = (t: Target) => (t.unbounded ? Infinity : (t.hi ?? t.seenMax) - (t.lo ?? t.seenMin));
  const settled = (t: Target) => (t.lo !== undefined && (t.hi !== undefined || t.unbounded)) || (!exact && width(t) >= requiredWidth - TOLERANCE);
  const columnCount = program.innerOf.length;
  let solves = 0;
  const binding = new Map<number, number[]>();
  if (columnCount > 0 && targets.some((t) => !settled(t))) {
    const model = createModel(highs, program);
    try {
      const solve = (cost: Float64Array) => {
        model.changeColsCost({ kind: 'range', from: 0, to: columnCount - 1 }, cost);
        model.run();
        solves++;
        if (model.getModelStatus() !== highs.constants.modelStatus.optimal) throw new Error('disclosure audit: a linear program did not solve to optimality');
        const x = model.getSolution().colValue;
        for (const t of targets) {
          let v = 0;
          for (const c of t.columns) v += x[c]!;
          if (v < t.seenMin) t.seenMin = v;
          if (v > t.seenMax) t.seenMax = v;
        }
        return x;
      };
      if (!exact) {
        // Solves that push every unproven cell up or down at random, all together: each is a feasible point
        // for all, and a few of them prove most cells wide enough. Stop when they stop paying.
        let random = 0x9e3779b9;
        let left = targets.filter((t) => !settled(t)).length;
        while (left > 0) {
          const cost = new Float64Array(columnCount);
          for (const t of targets) {
            if (settled(t)) continue;
            random = (Math.imul(random, 1103515245) + 12345) >>> 0;
            const sign = random & 0x10000 ? 1 : -1;
            for (const c of t.columns) cost[c]! += sign;
          }
          solve(cost);
          const now = targets.filter((t) => !settled(t)).length;
          if (left - now < Math.max(2, left / 10)) break;
          left = now;
        }
      }
      type Task = { target: Target; sense: 1 | -1 };
      let pending: Task[] = targets.filter((t) => !settled(t)).flatMap((target) => [{ target, sense: 1 as const }, ...(target.unbounded ? [] : [{ target, sense: -1 as const }])]);
      while (pending.length) {
        const busy = new Set<number>();
        const batch: Task[] = [];
        const rest: Task[] = [];
        for (const task of pending) {
          if (task.target.components.some((c) => busy.has(c))) { rest.push(task); continue; }
          for (const c of task.target.components) busy.add(c);
          batch.push(task);
        }
        const cost = new Float64Array(columnCount);
        for (const { target, sense } of batch) for (const c of target.columns) cost[c] = sense;
        const x = solve(cost);
        const dual = model.getSolution().rowDual;
        for (const { target, sense } of batch) {
          target.duals.push(dual);
          let v = 0;
          for (const c of target.columns) v += x[c]!;
          if (sense === 1) target.lo = v;
          else target.hi = v;
        }
        pending = rest.filter((task) => !settled(task.target));
      }
      for (const t of targets) {
        if (width(t) >= requiredWidth - TOLERANCE || !t.columns.length || t.lo === undefined || t.hi === undefined) continue;
        binding.set(t.cell, bindingCells(program, t));
      }
    } finally {
      model.dispose();
    }
  }
  const intervals = targets.map((t): TargetInterval => {
    const isExact = t.lo !== undefined && (t.hi !== undefined || t.unbounded);
    const lo = t.constant + Math.max(0, Math.ceil((t.lo ?? t.seenMin) - TOLERANCE));
    const hi = t.unbounded ? Infinity : t.constant + Math.floor((t.hi ?? t.seenMax) + TOLERANCE);
    return { cell: t.cell, lo, hi, exact: isExact };
  });
  for (const t of targets) {
    if (t.unbounded || width(t) >= requiredWidth - TOLERANCE || binding.get(t.cell)?.length) continue;
    binding.set(t.cell, touchingCells(release, program, suppressed, t.cell));
  }
  return { intervals, binding, solves };
}

/** Published cells whose equalities carry a non-zero dual in the cell's minimisation or maximisation. */
function bindingCells(program: AttackerProgram, t: Target): number[] {
  const found = new Set<number>();
  const mine = new Set(t.components);
  program.rows.forEach((row, r) => {
    if (!mine.has(program.component[row.columns[0]!]!)) return;
    if (t.duals.some((dual) => Math.abs(dual[r]!) > 1e-9)) found.add(row.cell);
  });
  return [...found];
}

/**
 * When no equality binds (the cell's parts are fixed outright): the published cells that fix them, or
 * failing that every published cell sharing an inner cell with it.
 */
function touchingCells(release: LinearRelease, program: AttackerProgram, suppressed: Uint8Array, cell: number): number[] {
  const parts = new Set(release.cells[cell]!.inner);
  const fixing: number[] = [];
  const sharing: number[] = [];
  release.cells.forEach((c, k) => {
    if (suppressed[k] || !c.inner.some((i) => parts.has(i))) return;
    sharing.push(k);
    if (c.inner.some((i) => parts.has(i) && !Number.isNaN(program.fixed[i]!))) fixing.push(k);
  });
  return fixing.length ? fixing : sharing;
}
