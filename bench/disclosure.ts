/**
 * Disclosure control benchmark (`npx tsx bench/disclosure.ts`, also run by `npm run bench`): one release
 * of about 10,000 cells protected and audited, limit 2 s. The release is the dashboard's area x period x
 * form table (country > 10 regions > 60 districts; all > 3 years > 12 quarters; all > 8 forms: 71 x 16 x 9
 * = 10,224 cells) linked with the form x period trend table, over counts drawn like the demo's (a few hot
 * districts, rape most common, seasonal quarters). BENCH_DISCLOSURE_VIOLATIONS sets how many violations are
 * spread over the 5,760 inner cells (default 1,000,000; fewer means more small cells to protect);
 * BENCH_DISCLOSURE_RUNS how many timed runs (the median is reported). Exit code 1 when the limit is missed.
 */
import { prng } from '../src/demo/demo.ts';
import { protectRelease, type ReleaseSpec } from '../src/disclosure/index.ts';

const VIOLATIONS = Number(process.env.BENCH_DISCLOSURE_VIOLATIONS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_DISCLOSURE_RUNS ?? 3);
const LIMIT_MS = 2000;

export function benchmarkRelease(violations: number, seed = 11): ReleaseSpec {
  const r = prng(seed);
  const regions = Array.from({ length: 10 }, (_, i) => `R${i}`);
  const area = [{ code: 'CAF', parent: null as string | null }, ...regions.map((code) => ({ code, parent: 'CAF' })),
    ...regions.flatMap((region) => Array.from({ length: 6 }, (_, j) => ({ code: `${region}-${j}`, parent: region })))];
  const years = ['2023', '2024', '2025'];
  const period = [{ code: 'all', parent: null as string | null }, ...years.map((code) => ({ code, parent: 'all' })),
    ...years.flatMap((y) => [1, 2, 3, 4].map((q) => ({ code: `${y}-Q${q}`, parent: y })))];
  const forms = ['rape', 'attempted_rape', 'sexual_slavery', 'forced_marriage', 'sexual_torture', 'forced_prostitution', 'sexual_mutilation', 'other'];
  const form = [{ code: 'all', parent: null as string | null }, ...forms.map((code) => ({ code, parent: 'all' }))];
  const districtWeights = area.filter((a) => a.code.includes('-')).map((a) => [a.code, Math.exp(3 * r.next())] as const);
  const formWeights = forms.map((f, i) => [f, [50, 8, 6, 6, 4, 3, 2, 4][i]!] as const);
  const quarterWeights = period.filter((p) => p.code.includes('Q')).map((p) => [p.code, p.code.endsWith('Q3') ? 1.6 : 1] as const);
  // Multinomial draw, done per district x quarter x form with the expected share (exact draws of a million
  // violations one by one would dominate the run).
  const totalWeight = (ws: readonly (readonly [string, number])[]) => ws.reduce((a, [, w]) => a + w, 0);
  const [wd, wq, wf] = [totalWeight(districtWeights), totalWeight(quarterWeights), totalWeight(formWeights)];
  const counts = [];
  for (const [d, a] of districtWeights) for (const [q, b] of quarterWeights) for (const [f, c] of formWeights) {
    const mean = violations * (a / wd) * (b / wq) * (c / wf);
    // Poisson by inversion for small means, normal approximation above.
    let value: number;
    if (mean < 30) {
      const u = r.next();
      let p = Math.exp(-mean);
      let s = p;
      value = 0;
      while (u > s) { value++; p *= mean / value; s += p; }
    } else value = Math.max(0, Math.round(mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next())));
    if (value) counts.push({ coordinates: { area: d, period: q, form: f }, value });
  }
  return {
    dimensions: [{ name: 'area', codes: area }, { name: 'period', codes: period }, { name: 'form', codes: form }],
    tables: [{ id: 'area-period-form', dimensions: ['area', 'period', 'form'] }, { id: 'form-trend', dimensions: ['form', 'period'] }],
    counts,
  };
}

export interface DisclosureBenchResult { name: string; value: number; unit: string; limit: number }

export async function runDisclosureBench(violations = VIOLATIONS, runs = RUNS): Promise<DisclosureBenchResult[]> {
  const spec = benchmarkRelease(violations);
  await protectRelease({ dimensions: spec.dimensions, tables: [{ id: 'warm', dimensions: ['form'] }], counts: [] }); // load the solver once
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof protectRelease>> | undefined;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await protectRelease(spec);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const result = last!;
  const suppressed = result.cells.filter((c) => c.outcome.status === 'suppressed');
  const primary = suppressed.filter((c) => c.outcome.status === 'suppressed' && c.outcome.reason === 'primary').length;
  console.log(`disclosure: ${result.cells.length} cells (${violations} violations), ${primary} primary, ${suppressed.length - primary} secondary `
    + `(${result.audit.addedByAudit} added by the audit in ${result.audit.rounds} rounds), ${result.audit.linearPrograms} LP solves; `
    + `last run: elimination ${result.diagnostics.gaussMs.toFixed(0)} ms, audit ${result.diagnostics.auditMs.toFixed(0)} ms`);
  return [{ name: `protect and audit a ${result.cells.length}-cell release (median of ${runs})`, value: times[Math.floor(runs / 2)]!, unit: 'ms', limit: LIMIT_MS }];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await runDisclosureBench();
  let failed = 0;
  for (const x of results) {
    const ok = x.value <= x.limit;
    if (!ok) failed++;
    console.log(`${ok ? 'PASS' : 'FAIL'}  ${x.name.padEnd(68)} ${x.value.toFixed(0).padStart(9)} ${x.unit.padEnd(10)} limit <= ${x.limit}`);
  }
  process.exit(failed ? 1 : 0);
}
