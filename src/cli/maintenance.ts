/** salama init | migrate | places import | parties seed | audit verify | backup | restore | demo */
import type { Command } from 'commander';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../platform/config.ts';
import { createKeyFile } from '../platform/crypto/master-key.ts';
import { appliedMigrations, migrate } from '../platform/db/database.ts';
import { backupDatabase, BackupError, restoreDatabase } from '../platform/db/backup.ts';
import { recordAudit, verifyAuditChain, type ChainReport } from '../platform/audit/audit.ts';
import { checkpointProblem, verifyAuditLog } from '../platform/audit/verify.ts';
import { writeCheckpoint } from '../platform/audit/checkpoint.ts';
import { CLI_ACTOR } from '../identity/users.ts';
import { loadDemo } from '../demo/demo.ts';
import { importAreasCsv, ensureBuiltInAreas } from '../places/places.ts';
import { seedReferenceParties } from '../parties/seed.ts';
import { CliError, contextFor, printProblems, run, withDatabase } from './runtime.ts';

export function registerMaintenanceCommands(program: Command) {
  program.command('init')
    .description('create the data directory and master key (0600), start the database and apply migrations')
    .action(run(async () => {
      const cfg = loadConfig();
      mkdirSync(cfg.dataDir, { recursive: true });
      if (!cfg.masterKey) {
        const created = createKeyFile(cfg.keyFile);
        console.log(created ? `master key created: ${cfg.keyFile} (keep a copy offline: without it encrypted fields cannot be read)` : `master key exists: ${cfg.keyFile}`);
      }
      await withDatabase(async ({ db }) => console.log(`database ready, ${await appliedMigrations(db)} migrations applied`));
    }));

  program.command('migrate')
    .description('apply database migrations and load the built-in administrative areas')
    .action(run(async () => {
      await withDatabase(async ({ db }) => {
        await ensureBuiltInAreas(db);
        console.log(`${await appliedMigrations(db)} migrations applied`);
      });
    }));

  program.command('places').description('administrative areas').command('import')
    .description('import areas from a CSV (country, level, pcode, name, name_fr, name_ar, parent_pcode): all rows or none')
    .argument('<file>', 'CSV file, UTF-8, with a header row')
    .option('--source <name>', 'where the list comes from (e.g. "OCHA COD-AB 2025")', 'csv import')
    .action(run(async (file: string, o: { source: string }) => {
      if (!existsSync(file)) throw new CliError(`file: ${file} does not exist`);
      await withDatabase(async ({ db }) => {
        const outcome = await importAreasCsv(db, readFileSync(file, 'utf8'), o.source, CLI_ACTOR);
        const { imported, added, replaced } = outcome;
        if (outcome.problemCount) {
          printProblems('nothing imported', outcome);
          process.exitCode = 1;
          return;
        }
        console.log(`${imported} areas imported from ${file} (${added} new, ${replaced} replaced)`);
      });
    }));

  program.command('parties').description('the parties registry').command('seed')
    .description('load the shared reference parties (UCDP/PRIO armed conflicts 25.1, SVAC 3.2) shipped with Salama; running it again changes nothing')
    .action(run(async () => {
      await withDatabase(async ({ db }) => {
        const r = await seedReferenceParties(db, CLI_ACTOR);
        const total = r.parties.added + r.parties.updated + r.parties.unchanged;
        console.log(`${total} reference parties: ${r.parties.added} added, ${r.parties.updated} updated, ${r.parties.unchanged} unchanged; ${r.names.added} names and ${r.externalIds.added} ids added`);
        console.log(`left out: ${r.skipped.idsWithoutName} UCDP actor ids the files name ambiguously, ${r.skipped.svacRowsWithoutId} SVAC rows without an actor id, ${r.skipped.svacRowsContradicted} SVAC rows the conflict file contradicts, ${r.skipped.secondarySidesUnmatched} secondary sides matching no party`);
        console.log('sources: UCDP/PRIO Armed Conflict Dataset 25.1 (Davies et al. 2025; Gleditsch et al. 2002); SVAC 3.2 (Cohen and Nordås 2014). See src/parties/reference/README.md');
      });
    }));

  program.command('audit').description('audit log tools').command('verify')
    .description('recompute the keyed audit chain, report the first broken entry, and check the log still reaches its newest checkpoint')
    .option('--reanchor', 'after investigating a missing checkpoint file or a shortened log: anchor the log as it is now (recorded in the audit log with what was found)')
    .action(run(async (o: { reanchor?: boolean }) => {
      await withDatabase(async (database, cfg) => {
        const { db } = database;
        const master = contextFor(database, cfg).master;
        const { chain: report, checkpoint: anchor } = await verifyAuditLog(db, master, cfg.auditCheckpointFile);
        if (!report.ok) {
          console.log(`audit chain BROKEN at entry ${report.firstBrokenId}: ${report.reason} (${report.entries - 1} entries before it verified)`);
          process.exitCode = 2;
          return;
        }
        console.log(`audit chain intact: ${report.entries} entries verified`);
        const problem = checkpointProblem(anchor);
        if (anchor?.status === 'reached') console.log(`the log still reaches its newest checkpoint, of ${anchor.checkpoint.at} (entry ${anchor.checkpoint.id})`);
        else if (!problem) console.log('no earlier checkpoint to compare with (a new installation); the log is anchored from now on');
        if (!problem || !anchor) return;
        if (o.reanchor) {
          await recordAudit(db, CLI_ACTOR, { action: 'audit.reanchored', details: { found: anchor.status } });
          await writeCheckpoint(db, master, cfg.auditCheckpointFile, { reanchor: true });
          console.log(`found: ${problem}\nre-anchored at the end of the log, as decided (recorded in the audit log)`);
          return;
        }
        if (anchor.status === 'file_missing') {
          console.log(`WARNING: ${problem}`);
          process.exitCode = 4;
          return;
        }
        console.log(anchor.status === 'cut' ? `audit log CUT: ${problem}` : `audit checkpoint NOT AUTHENTIC: ${problem}`);
        process.exitCode = 2;
      });
    }));

  program.command('backup')
    .description('write a backup (pg_dump custom format); identifying fields stay encrypted in it')
    .argument('[file]', 'output file (default: <data dir>/backups/salama-<timestamp>.dump)')
    .action(run(async (file?: string) => {
      await withDatabase(async ({ db, pool, url }, cfg) => {
        const out = resolve(file ?? join(cfg.dataDir, 'backups', `salama-${new Date().toISOString().replace(/[:.]/g, '-')}.dump`));
        await recordAudit(db, CLI_ACTOR, { action: 'system.backup', details: { file: out } });
        await backupDatabase(pool, url, out).catch((e: unknown) => { throw e instanceof BackupError ? new CliError(e.message) : e; });
        chmodSync(out, 0o600);
        console.log(`backup written: ${out}\nit does not contain the master key: keep ${cfg.masterKey ? 'SALAMA_MASTER_KEY' : cfg.keyFile} safe and separate`);
      });
    }));

  program.command('restore')
    .description('replace the database with a backup, in place (all or nothing; the server must be stopped), then verify the audit chain')
    .argument('<file>', 'a file written by salama backup')
    .option('--yes', 'confirm that the current data will be replaced')
    .option('--accept-broken-audit', 'keep the restored data even if its audit chain is broken (recorded in the audit log)')
    .action(run(async (file: string, o: { yes?: boolean; acceptBrokenAudit?: boolean }) => {
      if (!o.yes) throw new CliError('restore replaces all current data: run again with --yes to confirm');
      await withDatabase(async (database, cfg) => {
        const { db, pool, url } = database;
        const master = contextFor(database, cfg).master;
        let report: ChainReport | null = null;
        const chainProblem = async () => {
          // A backup written by an older version is brought to this version's tables first, as the next start
          // would (its audit entries keep the way they were hashed); then its chain is verified.
          await migrate(db);
          report = await verifyAuditChain(db, master);
          return report.ok ? null : `the backup's audit chain is BROKEN at entry ${report.firstBrokenId} (${report.reason})`;
        };
        const restored = await restoreDatabase(pool, url, resolve(file), { problem: chainProblem, acceptProblem: o.acceptBrokenAudit === true })
          .catch((e: unknown) => { throw e instanceof BackupError ? new CliError(e.message) : e; });
        const entries = (report as ChainReport | null)?.entries ?? 0;
        await recordAudit(db, CLI_ACTOR, { action: 'system.restore', details: { file: resolve(file), auditChain: restored.problem ? 'broken, accepted by the operator' : 'intact', entries } });
        // A restore rewinds the log on purpose: anchor the restored state (the restore itself is its last entry).
        await writeCheckpoint(db, master, cfg.auditCheckpointFile, { reanchor: true });
        if (restored.problem) {
          console.error(`salama: restored from ${file} although ${restored.problem} (--accept-broken-audit)`);
          process.exitCode = 3;
        } else {
          console.log(`restored from ${file}; audit chain intact (${entries} entries)`);
        }
      }, { migrate: false });
    }));

  program.command('demo')
    .description('load synthetic demo data (organisations, users, a few hundred incidents); skips what exists')
    .option('--seed <n>', 'random seed', '1325')
    .action(run(async (o: { seed: string }) => {
      const seed = Number(o.seed);
      if (!Number.isInteger(seed)) throw new CliError('--seed: must be a whole number');
      await withDatabase(async (database, cfg) => {
        const creds = await loadDemo(contextFor(database, cfg, { createKey: true }), { seed, credentialsFile: join(cfg.dataDir, 'demo-credentials.json') });
        if (creds.length === 0) console.log('demo data already present');
        for (const c of creds) console.log(`${c.organisation.padEnd(14)} ${c.role.padEnd(12)} ${c.email}  ${c.password}`);
      });
    }));
}
