/**
 * An organisation's choice of the version of a dataset it reads: written by its coordinator's load (load.ts)
 * and by its coordinator's choice on the datasets screen (datasets.ts); null goes back to the server's
 * default. Each change audited in the same transaction (the version's id and SHA-256, never its label, which
 * a user typed); choosing what is already chosen writes nothing.
 * No policy here: callers authorise.
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../platform/db/database.ts';
import { appendAudit, type AuditActor } from '../platform/audit/audit.ts';
import type { ReferenceDataset } from '../shared/reference.ts';
import { referenceCurrentVersions } from './tables.ts';
import type { VersionRow } from './versions.ts';

/** Sets the actor's organisation's version of the dataset (null: the server's default). True when it changed. */
export async function recordChoice(tx: Tx, actor: AuditActor, dataset: ReferenceDataset, version: VersionRow | null): Promise<boolean> {
  const { organisationId, userId } = actor;
  if (organisationId === null || userId === null) throw new Error('reference: only a user of an organisation chooses a version for it');
  if (version && version.dataset !== dataset) throw new Error(`reference: version ${version.id} is not of ${dataset}`);
  const mine = and(eq(referenceCurrentVersions.organisationId, organisationId), eq(referenceCurrentVersions.dataset, dataset));
  const [before] = await tx.select().from(referenceCurrentVersions).where(mine).for('update');
  if ((before?.versionId ?? null) === (version?.id ?? null)) return false;
  if (version) {
    const values = { organisationId, dataset, versionId: version.id, chosenBy: userId, chosenAt: new Date() };
    await tx.insert(referenceCurrentVersions).values(values).onConflictDoUpdate({
      target: [referenceCurrentVersions.organisationId, referenceCurrentVersions.dataset],
      set: { versionId: values.versionId, chosenBy: values.chosenBy, chosenAt: values.chosenAt },
    });
  } else {
    await tx.delete(referenceCurrentVersions).where(mine);
  }
  await appendAudit(tx, actor, {
    action: 'reference.version_chosen', entityType: 'reference_dataset_version', entityId: version?.id,
    details: version
      ? { dataset, sha256: version.sha256, before: before?.versionId ?? 'server_default' }
      : { dataset, choice: 'server_default', before: before!.versionId },
  });
  return true;
}
