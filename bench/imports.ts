/**
 * Import benchmark (part of npm run bench): a generated KoboToolbox-style CSV of BENCH_IMPORT_ROWS rows
 * (default 100,000; 1% with planted mistakes) goes through the same path as a user's file: upload (read,
 * check, seal), dry run, import (the job's function: batches in transactions, every record with its own data
 * key, version 1 and the batch's audit entry), then the same file again (every row skipped). The yardstick,
 * measured in the same run on the same server: PostgreSQL COPY of the same CSV into a plain table of text
 * columns, the least the database can do with these rows. Target: the import at 10,000 rows/s or more.
 * Also prints where the import's time went, the CPU each side used, and the peak heap. See docs/PERFORMANCE.md.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { from as copyFrom } from 'pg-copy-streams';
import { startEmbedded, ensureDatabase } from '../src/platform/db/embedded.ts';
import { connect, migrate } from '../src/platform/db/database.ts';
import { MasterKey } from '../src/platform/crypto/envelope.ts';
import type { AppContext } from '../src/platform/context.ts';
import type { Actor } from '../src/policy/policy.ts';
import { createUser, ensureOrganisation } from '../src/identity/users.ts';
import { ensureBuiltInAreas } from '../src/places/places.ts';
import { prng } from '../src/demo/demo.ts';
import { ImportMapping } from '../src/shared/import.ts';
import { uploadImport, startImport } from '../src/imports/service.ts';
import { runImport, type ImportTimings } from '../src/imports/job.ts';
import { imports } from '../src/imports/tables.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const IMPORT_RATE = 10_000;
const HEADER = ['_uuid', 'group_incident/incident_date', 'group_incident/sv_form', 'group_place/admin1', 'group_victims/women', 'group_victims/girls', 'group_perp/perpetrator', 'group_source/source_type', 'group_consent/consent', 'group_incident/narrative'];

function generateCsv(rows: number): { csv: Buffer; planted: number } {
  const r = prng(77);
  const areas = ['CF-BGF', 'CF-AC', 'CF-BB', 'Ouham', 'Bangui'];
  const forms = ['rape', 'rape sexual_slavery', 'attempted_rape', 'forced_marriage', 'sexual_torture'];
  const lines = [HEADER.join(',')];
  let planted = 0;
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(2024, 0, 1) + r.int(0, 600) * 86_400_000).toISOString().slice(0, 10);
    const bad = i % 100 === 99;
    if (bad) planted++;
    lines.push([
      `uuid-${i}`, bad ? 'sometime' : day, r.pick(forms), r.pick(areas), r.int(1, 3), r.int(0, 2),
      `Armed group ${r.int(1, 20)} (synthetic)`, r.pick(['survivor', 'service_provider', 'monitor']), r.pick(['aggregate_statistics', 'mara_working_group aggregate_statistics']),
      `"Synthetic account ${i}, survivor code S-${r.int(1000, 9999)}; no real person."`,
    ].join(','));
  }
  return { csv: Buffer.from(lines.join('\n')), planted };
}

/** CPU seconds used so far by the embedded server's processes (Linux /proc; null elsewhere). */
function serverCpu(pgDir: string): number | null {
  try {
    const postmaster = Number(readFileSync(join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    let ticks = 0;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        if (Number(pid) === postmaster || Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
      } catch { /* ended meanwhile */ }
    }
    return ticks / 100;
  } catch {
    return null;
  }
}
const nodeCpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

type Figure = { name: string; value: number; unit: string; limit?: { max: number } | { min: number } };
const dir = mkdtempSync(join(tmpdir(), 'salama-bench-import-'));
const server = await startEmbedded(dir);
const results: Figure[] = [];
const notes: string[] = [];
let peakHeap = 0;
const sampler = setInterval(() => { peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed); }, 50);
try {
  await ensureDatabase(server.url(), 'bench_import');
  const database = connect(server.url('bench_import'));
  await migrate(database.db);
  await ensureBuiltInAreas(database.db);
  const ctx: AppContext = { db: database.db, master: new MasterKey(randomBytes(32)), sessionIdleMs: 1e6, sessionAbsoluteMs: 1e7, jobs: { send: () => Promise.resolve(null) } };
  const org = await ensureOrganisation(ctx.db, { code: 'BENCH', name: 'Benchmark organisation', kind: 'mission' });
  const user = (await createUser(ctx.db, { organisationCode: 'BENCH', email: 'c@bench.test', role: 'coordinator', password: 'benchmark password' })).user;
  const actor: Actor = { userId: user.id, organisationId: org.id, role: 'coordinator', stage: 'active', sessionId: 'bench' };
  const { csv, planted } = generateCsv(ROWS);
  console.log(`import benchmark: ${ROWS} rows, ${(csv.length / 1e6).toFixed(1)} MB, ${planted} planted mistakes`);

  // The yardstick: the same CSV, as text, into a plain table (no constraint, index, key or audit).
  await database.pool.query(`CREATE TABLE bench_copy (${HEADER.map((_h, i) => `c${i} text`).join(', ')})`);
  const client = await database.pool.connect();
  let t = performance.now();
  try {
    const copy = client.query(copyFrom('COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)'));
    await new Promise<void>((resolve, reject) => { copy.on('error', reject); copy.on('finish', resolve); copy.end(csv); });
    if (copy.rowCount !== ROWS) throw new Error(`COPY wrote ${copy.rowCount} rows`);
  } finally {
    client.release();
  }
  const copySeconds = (performance.now() - t) / 1000;
  results.push({ name: `yardstick: COPY of the same CSV into a plain text table`, value: copySeconds, unit: 's' });
  results.push({ name: 'yardstick rate', value: ROWS / copySeconds, unit: 'rows/s' });

  const mapping = ImportMapping.parse({
    columns: {
      externalId: '_uuid', occurredFrom: 'group_incident/incident_date', forms: 'group_incident/sv_form', admin1: 'group_place/admin1',
      victimsWomen: 'group_victims/women', victimsGirls: 'group_victims/girls', perpetratorParty: 'group_perp/perpetrator',
      sourceType: 'group_source/source_type', consent: 'group_consent/consent', narrative: 'group_incident/narrative',
    },
    defaults: { country: 'CAF' }, separator: 'space',
  });
  const state = async (id: string) => (await ctx.db.select({ state: imports.state, created: imports.created, skipped: imports.skipped, rejected: imports.rejected, error: imports.error })
    .from(imports).where(eq(imports.id, id)))[0]!;

  t = performance.now();
  const up = await uploadImport(ctx, actor, csv, { name: 'bench.csv' }, null);
  results.push({ name: 'upload (read, check, seal the file)', value: (performance.now() - t) / 1000, unit: 's', limit: { max: 15 } });

  await startImport(ctx, actor, up.id, { mapping, dryRun: true, onChanged: 'leave' }, null);
  t = performance.now();
  await runImport(ctx, up.id);
  const drySeconds = (performance.now() - t) / 1000;
  const dry = await state(up.id);
  if (dry.rejected !== planted) throw new Error(`dry run rejected ${dry.rejected} rows, ${planted} were planted`);
  results.push({ name: `dry run (${dry.created} valid, ${dry.rejected} rejected)`, value: drySeconds, unit: 's', limit: { max: 30 } });
  results.push({ name: 'dry run rate', value: ROWS / drySeconds, unit: 'rows/s' });

  await startImport(ctx, actor, up.id, { mapping, dryRun: false, onChanged: 'leave' }, null);
  const phases: ImportTimings = { read: 0, convert: 0, classify: 0, seal: 0, wait: 0, write: 0 };
  const cpu = { node: nodeCpu(), server: serverCpu(join(dir, 'pg')) };
  t = performance.now();
  await runImport(ctx, up.id, phases);
  const importSeconds = (performance.now() - t) / 1000;
  const serverAfter = serverCpu(join(dir, 'pg'));
  notes.push(`import phases: ${Object.entries(phases).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`).join(', ')} (write overlaps the next batch's work)`);
  notes.push(`import CPU: node ${(nodeCpu() - cpu.node).toFixed(1)} s, PostgreSQL ${serverAfter !== null && cpu.server !== null ? `${(serverAfter - cpu.server).toFixed(1)} s` : 'not measured'}, over ${importSeconds.toFixed(1)} s`);
  const done = await state(up.id);
  if (done.state !== 'done' || done.created !== ROWS - planted) throw new Error(`import ended ${done.state} with ${done.created} created: ${done.error}`);
  results.push({ name: `import ${ROWS} rows (${done.created} created)`, value: importSeconds, unit: 's', limit: { max: ROWS / IMPORT_RATE } });
  results.push({ name: 'import rate', value: ROWS / importSeconds, unit: 'rows/s', limit: { min: IMPORT_RATE } });
  results.push({ name: 'import time / COPY time', value: importSeconds / copySeconds, unit: 'x' });

  const again = await uploadImport(ctx, actor, csv, { name: 'bench.csv' }, null);
  await startImport(ctx, actor, again.id, { mapping, dryRun: false, onChanged: 'leave' }, null);
  t = performance.now();
  await runImport(ctx, again.id);
  const againSeconds = (performance.now() - t) / 1000;
  const second = await state(again.id);
  if (second.created !== 0 || second.skipped !== ROWS - planted) throw new Error(`re-import created ${second.created}, skipped ${second.skipped}`);
  results.push({ name: 're-import of the same file (all rows skipped)', value: againSeconds, unit: 's', limit: { max: 60 * ROWS / 100_000 } });
  await database.close();
} finally {
  clearInterval(sampler);
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

let failed = 0;
console.log(`\nSalama import benchmark (node ${process.version}), peak heap ${(peakHeap / 1e6).toFixed(0)} MB`);
for (const n of notes) console.log(`      ${n}`);
for (const x of results) {
  const ok = !x.limit || ('max' in x.limit ? x.value <= x.limit.max : x.value >= x.limit.min);
  if (!ok) failed++;
  const limit = !x.limit ? '(reference)' : 'max' in x.limit ? `limit <= ${x.limit.max}` : `limit >= ${x.limit.min}`;
  const value = x.unit === 'rows/s' ? x.value.toFixed(0) : x.value.toFixed(x.value < 10 ? 2 : 1);
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${x.name.padEnd(60)} ${value.padStart(9)} ${x.unit.padEnd(7)} ${limit}`);
}
process.exit(failed ? 1 : 0);
