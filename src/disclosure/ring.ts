/**
 * Exact integer arithmetic for the Gaussian elimination. Coefficients start as 0/1 and stay small in
 * practice, so plain numbers are used while every product and difference stays a safe integer; the first
 * one that would not throws `ExactnessLost`, and the caller runs the whole elimination again on bigints.
 * Either way no coefficient is ever rounded: a decision never rests on floating-point error.
 */

export interface Ring<T> {
  readonly zero: T;
  readonly one: T;
  isZero(a: T): boolean;
  equal(a: T, b: T): boolean;
  mul(a: T, b: T): T;
  sub(a: T, b: T): T;
  /** Exact division (b divides a). */
  div(a: T, b: T): T;
  /** Greatest common divisor, positive. */
  gcd(a: T, b: T): T;
  isUnit(a: T): boolean;
}

export class ExactnessLost extends Error {
  override readonly name = 'ExactnessLost';
}

function safe(x: number): number {
  if (!Number.isSafeInteger(x)) throw new ExactnessLost('an elimination coefficient left the safe integer range');
  return x;
}

export const numberRing: Ring<number> = {
  zero: 0,
  one: 1,
  isZero: (a) => a === 0,
  equal: (a, b) => a === b,
  mul: (a, b) => safe(a * b),
  sub: (a, b) => safe(a - b),
  div: (a, b) => a / b,
  gcd: (a, b) => {
    a = Math.abs(a);
    b = Math.abs(b);
    while (b) [a, b] = [b, a % b];
    return a;
  },
  isUnit: (a) => a === 1 || a === -1,
};

export const bigintRing: Ring<bigint> = {
  zero: 0n,
  one: 1n,
  isZero: (a) => a === 0n,
  equal: (a, b) => a === b,
  mul: (a, b) => a * b,
  sub: (a, b) => a - b,
  div: (a, b) => a / b,
  gcd: (a, b) => {
    a = a < 0n ? -a : a;
    b = b < 0n ? -b : b;
    while (b) [a, b] = [b, a % b];
    return a;
  },
  isUnit: (a) => a === 1n || a === -1n,
};

/** A sparse vector over the inner cells: ascending row indices and their non-zero coefficients. */
export interface SparseVector<T> {
  readonly rows: Int32Array;
  readonly values: T[];
}

/** Divides a vector by the gcd of its coefficients (keeps them small; proportionality is unchanged). */
export function primitive<T>(ring: Ring<T>, v: SparseVector<T>): SparseVector<T> {
  let g = ring.zero;
  for (const x of v.values) {
    g = ring.gcd(g, x);
    if (ring.isUnit(g)) return v;
  }
  if (ring.isZero(g) || ring.isUnit(g)) return v;
  return { rows: v.rows, values: v.values.map((x) => ring.div(x, g)) };
}

/** True when b is a multiple of a (same support, same ratios). */
export function proportional<T>(ring: Ring<T>, a: SparseVector<T>, b: SparseVector<T>): boolean {
  const n = a.rows.length;
  if (n !== b.rows.length) return false;
  for (let k = 0; k < n; k++) if (a.rows[k] !== b.rows[k]) return false;
  const a0 = a.values[0]!;
  const b0 = b.values[0]!;
  for (let k = 1; k < n; k++) if (!ring.equal(ring.mul(a.values[k]!, b0), ring.mul(b.values[k]!, a0))) return false;
  return true;
}

/**
 * b without its entry at a's pivot row: (a_r/g)·b − (b_r/g)·a, made primitive. `pivotInA` and `at` are the
 * positions of the pivot row in a and in b.
 */
export function eliminate<T>(ring: Ring<T>, b: SparseVector<T>, a: SparseVector<T>, pivotInA: number, at: number): SparseVector<T> {
  const a0 = a.values[pivotInA]!;
  const br = b.values[at]!;
  const g = ring.gcd(a0, br);
  const fb = ring.div(a0, g);
  const fa = ring.div(br, g);
  const rows: number[] = [];
  const values: T[] = [];
  let i = 0;
  let j = 0;
  const nb = b.rows.length;
  const na = a.rows.length;
  while (i < nb || j < na) {
    const rb = i < nb ? b.rows[i]! : Infinity;
    const ra = j < na ? a.rows[j]! : Infinity;
    let x: T;
    let r: number;
    if (rb < ra) { x = ring.mul(fb, b.values[i]!); r = rb; i++; }
    else if (ra < rb) { x = ring.sub(ring.zero, ring.mul(fa, a.values[j]!)); r = ra; j++; }
    else { x = ring.sub(ring.mul(fb, b.values[i]!), ring.mul(fa, a.values[j]!)); r = rb; i++; j++; }
    if (!ring.isZero(x)) { rows.push(r); values.push(x); }
  }
  return primitive(ring, { rows: Int32Array.from(rows), values });
}

/** Position of `row` in the ascending `rows`, or -1. */
export function positionOf(rows: Int32Array, row: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = rows[mid]!;
    if (r === row) return mid;
    if (r < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
