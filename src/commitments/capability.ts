/**
 * Commitments and compliance: commitments parties made (joint communiqués, declarations, action plans,
 * command orders), their measures with deadlines and evidence, each party's listing in the annual reports,
 * the coordinators' assessment, and the incidents attributed to a party by quarter and form. Its rows about
 * a party follow that party when duplicates are merged. Uploads never attached are dropped hourly.
 */
import type { Capability } from '../platform/capability.ts';
import { purgeUnattachedFiles } from './files.ts';
import { registerCommitmentMergeSteps } from './merge-steps.ts';
import { partyComplianceRoutes } from './party-routes.ts';
import { commitmentRoutes } from './routes.ts';

registerCommitmentMergeSteps();

export const commitments: Capability = {
  name: 'commitments',
  routes: [{ prefix: '/api/commitments', routes: commitmentRoutes }, { prefix: '/api/parties', routes: partyComplianceRoutes }],
  jobs: [{
    queue: 'commitments.purge_files',
    schedule: '17 * * * *',
    work: async (ctx, _data, log) => log.info({ files: await purgeUnattachedFiles(ctx.db) }, 'unattached commitment files purged'),
  }],
  actions: ['commitments:read', 'commitments:manage', 'commitments:incident_counts'],
};
