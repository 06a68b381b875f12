/**
 * Import benchmark (part of npm run bench): a generated KoboToolbox-style CSV of BENCH_IMPORT_ROWS rows
 * (default 100,000; 1% with planted mistakes) goes through the same path as a user's file: upload (read,
 * check, seal), dry run, import (the job's function, batches of 1,000 in transactions, every record with
 * its own data key, version 1 and the batch's audit entry), then the same file again (every row skipped).
 * Target: 100k rows imported in under 60 s. Also prints the peak heap. Method and results: docs/PERFORMANCE.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
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
import { runImport } from '../src/imports/job.ts';
import { imports } from '../src/imports/tables.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const LIMIT_S = 60;

function generateCsv(rows: number): { csv: Buffer; planted: number } {
  const r = prng(77);
  const areas = ['CF-BGF', 'CF-AC', 'CF-BB', 'Ouham', 'Bangui'];
  const forms = ['rape', 'rape sexual_slavery', 'attempted_rape', 'forced_marriage', 'sexual_torture'];
  const lines = ['_uuid,group_incident/incident_date,group_incident/sv_form,group_place/admin1,group_victims/women,group_victims/girls,group_perp/perpetrator,group_source/source_type,group_consent/consent,group_incident/narrative'];
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

const dir = mkdtempSync(join(tmpdir(), 'salama-bench-import-'));
const server = await startEmbedded(dir);
const results: { name: string; value: number; unit: string; limit: number }[] = [];
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

  const mapping = ImportMapping.parse({
    columns: {
      externalId: '_uuid', occurredFrom: 'group_incident/incident_date', forms: 'group_incident/sv_form', admin1: 'group_place/admin1',
      victimsWomen: 'group_victims/women', victimsGirls: 'group_victims/girls', perpetratorParty: 'group_perp/perpetrator',
      sourceType: 'group_source/source_type', consent: 'group_consent/consent', narrative: 'group_incident/narrative',
    },
    defaults: { country: 'CAF' }, separator: 'space',
  });
  const state = async (id: string) => (await ctx.db.select().from(imports).where(eq(imports.id, id)))[0]!;

  let t = performance.now();
  const up = await uploadImport(ctx, actor, csv, { name: 'bench.csv' }, null);
  results.push({ name: 'upload (read, check, seal the file)', value: (performance.now() - t) / 1000, unit: 's', limit: 15 });

  await startImport(ctx, actor, up.id, { mapping, dryRun: true, onChanged: 'leave' }, null);
  t = performance.now();
  await runImport(ctx, up.id);
  const dry = await state(up.id);
  results.push({ name: `dry run (${dry.created} valid, ${dry.rejected} rejected)`, value: (performance.now() - t) / 1000, unit: 's', limit: 30 });
  if (dry.rejected !== planted) throw new Error(`dry run rejected ${dry.rejected} rows, ${planted} were planted`);

  await startImport(ctx, actor, up.id, { mapping, dryRun: false, onChanged: 'leave' }, null);
  t = performance.now();
  await runImport(ctx, up.id);
  const done = await state(up.id);
  const importSeconds = (performance.now() - t) / 1000;
  if (done.state !== 'done' || done.created !== ROWS - planted) throw new Error(`import ended ${done.state} with ${done.created} created: ${done.error}`);
  results.push({ name: `import ${ROWS} rows (${done.created} created)`, value: importSeconds, unit: 's', limit: LIMIT_S * ROWS / 100_000 });
  results.push({ name: 'import rate', value: ROWS / importSeconds, unit: 'rows/s', limit: 0 });

  const again = await uploadImport(ctx, actor, csv, { name: 'bench.csv' }, null);
  await startImport(ctx, actor, again.id, { mapping, dryRun: false, onChanged: 'leave' }, null);
  t = performance.now();
  await runImport(ctx, again.id);
  const second = await state(again.id);
  if (second.created !== 0 || second.skipped !== ROWS - planted) throw new Error(`re-import created ${second.created}, skipped ${second.skipped}`);
  results.push({ name: 're-import of the same file (all rows skipped)', value: (performance.now() - t) / 1000, unit: 's', limit: LIMIT_S * ROWS / 100_000 });
  await database.close();
} finally {
  clearInterval(sampler);
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

let failed = 0;
console.log(`\nSalama import benchmark (node ${process.version}), peak heap ${(peakHeap / 1e6).toFixed(0)} MB`);
for (const x of results) {
  const ok = x.value <= x.limit || x.limit === 0;
  if (!ok) failed++;
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${x.name.padEnd(60)} ${x.value.toFixed(1).padStart(9)} ${x.unit.padEnd(7)} ${x.limit ? `limit <= ${x.limit}` : '(reference)'}`);
}
process.exit(failed ? 1 : 0);
