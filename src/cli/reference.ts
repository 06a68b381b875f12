/** salama reference import: load a version of SVAC or RSVAC (the bundled files, or a newer file). */
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { CLI_ACTOR } from '../identity/users.ts';
import { BUNDLED, loadBundled, loadDatasetVersion, type LoadOutcome } from '../reference/load.ts';
import { REFERENCE_DATASETS, type ReferenceDataset } from '../shared/reference.ts';
import { CliError, printProblems, run, withDatabase } from './runtime.ts';

interface Options { dataset?: string; file?: string; label?: string; citation?: string }

function report(dataset: ReferenceDataset, outcome: LoadOutcome): void {
  if (!outcome.ok) {
    printProblems(`${dataset}: nothing loaded`, outcome);
    process.exitCode = 1;
    return;
  }
  const v = outcome.version;
  console.log(outcome.created
    ? `${dataset} ${v.label}: ${outcome.rowsRead} rows and ${v.actorCount} actors loaded (${v.firstYear}-${v.lastYear}); now the server's default (read by every organisation that has not chosen another version)`
    : `${dataset} ${v.label}: this file is already loaded (same SHA-256)${v.current ? '; it is the server\'s default' : '; nothing changed (it is not the server\'s default)'}`);
  console.log(`  cite: ${v.citation}`);
}

export function registerReferenceCommands(program: Command) {
  program.command('reference').description('reference datasets (SVAC, RSVAC)').command('import')
    .description('load a version of a reference dataset, all rows or none, and make it the server\'s default for every organisation that has not chosen another version (without --file: the files shipped with Salama); the same file again changes nothing, unless an organisation uploaded it first: it then becomes the default under this label and citation')
    .option('--dataset <name>', `${REFERENCE_DATASETS.join(' or ')} (without it: both bundled files)`)
    .option('--file <path>', 'a CSV of that dataset, with the published header (needs --dataset)')
    .option('--label <version>', 'the version\'s name, e.g. "3.3" (needed with --file)')
    .option('--citation <text>', 'how to cite this version (default: the dataset\'s publication)')
    .action(run(async (o: Options) => {
      const dataset = o.dataset as ReferenceDataset | undefined;
      if (dataset !== undefined && !REFERENCE_DATASETS.includes(dataset)) throw new CliError(`--dataset: must be ${REFERENCE_DATASETS.join(' or ')}`);
      if (o.file && !dataset) throw new CliError('--file: say which dataset it is with --dataset');
      if (o.file && !existsSync(o.file)) throw new CliError(`--file: ${o.file} does not exist`);
      if (o.file && !o.label?.trim()) throw new CliError('--label: name the version of the file (e.g. "3.3")');
      await withDatabase(async ({ db }) => {
        if (o.file && dataset) {
          report(dataset, await loadDatasetVersion(db, CLI_ACTOR, { dataset, file: readFileSync(o.file), label: o.label!.trim(), citation: o.citation }));
          return;
        }
        for (const d of dataset ? [dataset] : REFERENCE_DATASETS) report(d, await loadBundled(db, CLI_ACTOR, d));
        console.log(`bundled files: ${Object.values(BUNDLED).map((b) => b.file.pathname.split('/src/')[1]).join(', ')} (provenance: src/reference/data/README.md)`);
      });
    }));
}
