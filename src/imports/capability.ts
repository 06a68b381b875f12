/** Imports: spreadsheets into records, through a dry run, in the background. */
import type { Capability } from '../platform/capability.ts';
import { importMappingRoutes, importRoutes } from './routes.ts';
import { IMPORT_QUEUE, purgeOldImportFiles, recoverInterruptedImports, sealLegacyNames } from './service.ts';
import { runImport } from './job.ts';

export const imports: Capability = {
  name: 'imports',
  routes: [
    { prefix: '/api/imports', routes: importRoutes },
    { prefix: '/api/import-mappings', routes: importMappingRoutes },
  ],
  jobs: [
    // One import at a time per worker; a failed run is not retried blindly (the importer sees why and reruns).
    { queue: IMPORT_QUEUE, work: (ctx, data: { importId: string }) => runImport(ctx, data.importId) },
    {
      queue: 'imports.purge-files',
      schedule: '*/10 * * * *',
      work: async (ctx, _data, log) => log.info({ importFiles: await purgeOldImportFiles(ctx.db) }, 'old import files purged'),
    },
  ],
  atStart: async (ctx) => (await sealLegacyNames(ctx)) + (await recoverInterruptedImports(ctx)),
  actions: ['incident:import'],
};
