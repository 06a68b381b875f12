/**
 * The datasets' versions as the reference screen shows them, and a coordinator's upload of a newer version:
 * loaded for the whole server (public-source data, one copy), then linked for the loader's organisation to
 * say how many of its actors the registry knows.
 */
import type { AppContext } from '../platform/context.ts';
import { auditActor } from '../platform/audit/audit.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import { REFERENCE_DATASETS, type DatasetList, type DatasetLoaded, type DatasetProblem, type ReferenceDataset } from '../shared/reference.ts';
import { linkActors } from './links.ts';
import { loadDatasetVersion } from './load.ts';
import { actorsOf, allVersions, presentVersion } from './versions.ts';

export async function listDatasets(ctx: AppContext, actor: Actor): Promise<DatasetList> {
  authorize(actor, 'reference:read');
  const versions = await allVersions(ctx.db);
  return {
    items: REFERENCE_DATASETS.map((dataset) => {
      const list = versions[dataset].map(presentVersion);
      return { dataset, current: list.find((v) => v.current) ?? null, versions: list };
    }),
  };
}

export type Upload = { ok: true; loaded: DatasetLoaded } | { ok: false; problems: DatasetProblem[] };

export async function uploadVersion(ctx: AppContext, actor: Actor, dataset: ReferenceDataset, file: Buffer, query: { label: string; citation?: string | undefined }, ip: string | null): Promise<Upload> {
  authorize(actor, 'reference:load');
  const outcome = await loadDatasetVersion(ctx.db, auditActor(actor, ip), { dataset, file, label: query.label, citation: query.citation });
  if (!outcome.ok) return outcome;
  const actors = await actorsOf(ctx.db, [outcome.version]);
  const links = await linkActors(ctx.db, actor.organisationId, actors);
  const linked = actors.filter((a) => links.get(a.key)?.partyId).length;
  return {
    ok: true,
    loaded: {
      version: presentVersion(outcome.version), created: outcome.created, rowsRead: outcome.rowsRead,
      actors: actors.length, actorsLinked: linked, actorsUnmatched: actors.filter((a) => !links.has(a.key)).length,
    },
  };
}
