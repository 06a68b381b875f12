/**
 * The datasets' versions as the reference screen shows them to one organisation: the version it reads (its
 * own choice, else the server's default), where each came from, and the versions it may choose (the
 * operator's and its own; another organisation's uploads are not listed). A coordinator's upload of a
 * version becomes current for their organisation only, then is linked for it to say how many of its actors
 * the registry knows; a coordinator may choose another listed version, or go back to the server's default.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { auditActor } from '../platform/audit/audit.ts';
import { notFound } from '../platform/http/errors.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import { users } from '../identity/tables.ts';
import type { FileProblems } from '../shared/places.ts';
import { REFERENCE_DATASETS, type DatasetList, type DatasetLoaded, type DatasetProblem, type ReferenceDataset } from '../shared/reference.ts';
import { recordChoice } from './choice.ts';
import { linkActors } from './links.ts';
import { loadDatasetVersion } from './load.ts';
import { referenceDatasetVersions } from './tables.ts';
import { actorsOf, allVersions, choicesOf, currentVersions, mayUse, presentVersion } from './versions.ts';

/** The emails of these users of the organisation (a user of another organisation is never named). */
async function emailsOf(db: DbOrTx, organisationId: string, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: users.id, email: users.email }).from(users).where(and(inArray(users.id, wanted), eq(users.organisationId, organisationId)));
  return new Map(rows.map((r) => [r.id, r.email]));
}

export async function listDatasets(ctx: AppContext, actor: Actor): Promise<DatasetList> {
  authorize(actor, 'reference:read');
  const org = actor.organisationId;
  const [versions, current, choices] = [await allVersions(ctx.db), await currentVersions(ctx.db, org), await choicesOf(ctx.db, org)];
  const emails = await emailsOf(ctx.db, org, [
    ...REFERENCE_DATASETS.flatMap((d) => versions[d].filter((v) => v.loadedByOrganisation === org).map((v) => v.loadedBy)),
    ...Object.values(choices).map((c) => c.chosenBy),
  ]);
  return {
    items: REFERENCE_DATASETS.map((dataset) => {
      const view = { organisationId: org, currentId: current[dataset]?.id ?? null, emails };
      const choice = choices[dataset];
      const list = versions[dataset].filter((v) => mayUse(v, org, choice)).map((v) => presentVersion(v, view));
      return {
        dataset, current: list.find((v) => v.current) ?? null,
        choice: choice ? { by: emails.get(choice.chosenBy) ?? null, at: choice.chosenAt.toISOString() } : null,
        versions: list,
      };
    }),
  };
}

export type Upload = { ok: true; loaded: DatasetLoaded } | ({ ok: false; problems: DatasetProblem[] } & FileProblems);

export async function uploadVersion(ctx: AppContext, actor: Actor, dataset: ReferenceDataset, file: Buffer, query: { label: string; citation?: string | undefined }, ip: string | null): Promise<Upload> {
  authorize(actor, 'reference:load');
  const outcome = await loadDatasetVersion(ctx.db, auditActor(actor, ip), { dataset, file, label: query.label, citation: query.citation });
  if (!outcome.ok) return outcome;
  const actors = await actorsOf(ctx.db, [outcome.version]);
  const links = await linkActors(ctx.db, actor.organisationId, actors);
  const linked = actors.filter((a) => links.get(a.key)?.partyId).length;
  const emails = await emailsOf(ctx.db, actor.organisationId, [outcome.version.loadedBy]);
  return {
    ok: true,
    loaded: {
      version: presentVersion(outcome.version, { organisationId: actor.organisationId, currentId: outcome.version.id, emails }),
      created: outcome.created, rowsRead: outcome.rowsRead,
      actors: actors.length, actorsLinked: linked, actorsUnmatched: actors.filter((a) => !links.has(a.key)).length,
    },
  };
}

/**
 * A coordinator's choice of the version their organisation reads: one it may see (mayUse: a version another
 * organisation uploaded answers 404, as if it did not exist), or null for the server's default. Audited.
 */
export async function chooseVersion(ctx: AppContext, actor: Actor, dataset: ReferenceDataset, versionId: string | null, ip: string | null): Promise<DatasetList> {
  authorize(actor, 'reference:load');
  const org = actor.organisationId;
  await ctx.db.transaction(async (tx) => {
    const version = versionId === null ? null : (await tx.select().from(referenceDatasetVersions)
      .where(and(eq(referenceDatasetVersions.id, versionId), eq(referenceDatasetVersions.dataset, dataset))).limit(1))[0];
    if (version === undefined || (version && !mayUse(version, org, (await choicesOf(tx, org))[dataset]))) throw notFound('version');
    await recordChoice(tx, auditActor(actor, ip), dataset, version);
  });
  return listDatasets(ctx, actor);
}
