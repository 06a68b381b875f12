/**
 * What the benchmarks share: timing a call many times, and printing figures beside their limits (PASS/FAIL, a
 * figure without a finite limit is for reference) with an exit code that fails when one misses its limit.
 */
export interface BenchResult { name: string; value: number; unit: string; limit: number; better: 'lower' | 'higher' }

/** p50 and p95 in milliseconds over `runs` calls, one after another. */
export async function timeMany(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(runs * 0.5)]!, p95: times[Math.min(runs - 1, Math.floor(runs * 0.95))]! };
}

/** Prints the figures under `title`; returns the exit code (1 when a figure misses its limit). */
export function report(title: string, results: readonly BenchResult[], width = 68): number {
  let failed = 0;
  console.log(`\n${title} (node ${process.version})`);
  for (const x of results) {
    const ok = !Number.isFinite(x.limit) || (x.better === 'lower' ? x.value <= x.limit : x.value >= x.limit);
    if (!ok) failed++;
    const limit = Number.isFinite(x.limit) ? `${x.better === 'lower' ? '<=' : '>='} ${x.limit.toFixed(0)}` : '(reference)';
    console.log(`${ok ? 'PASS' : 'FAIL'}  ${x.name.padEnd(width)} ${x.value.toFixed(1).padStart(9)} ${x.unit.padEnd(10)} limit ${limit}`);
  }
  return failed ? 1 : 0;
}
