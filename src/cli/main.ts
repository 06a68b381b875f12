/** The salama command line: `salama --help` lists every command. */
import { Command } from 'commander';
import { VERSION } from '../platform/version.ts';
import { registerMaintenanceCommands } from './maintenance.ts';
import { registerReferenceCommands } from './reference.ts';
import { registerUserCommands } from './users.ts';
import { run } from './runtime.ts';
import { start } from './start.ts';

const program = new Command('salama')
  .description('Salama: monitoring, analysis and reporting of conflict-related sexual violence')
  .version(VERSION)
  .showHelpAfterError()
  .configureOutput({ outputError: (s, write) => write(`salama: ${s.replace(/^error: /, '')}`) });

program.command('start').description('serve the web app and API (embedded database unless DATABASE_URL is set)').action(run(start, { longRunning: true }));
registerMaintenanceCommands(program);
registerReferenceCommands(program);
registerUserCommands(program);

await program.parseAsync(process.argv);
