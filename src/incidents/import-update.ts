/**
 * A re-import that brings changes to records already here: each changed record gets a new version with the
 * fields the file fills, through the same rules as a change by hand - validated whole, a decided record
 * changed only by a coordinator and its decision never touched, identifying fields left alone when the
 * importer's role may not see them or the survivor had them erased - and one audit entry per batch.
 */
import type { AppContext } from '../platform/context.ts';
import type { Tx } from '../platform/db/database.ts';
import { appendAudit, auditActor } from '../platform/audit/audit.ts';
import { authorize, can, maySeeFields, type Actor } from '../policy/policy.ts';
import { narrowingProblem } from './consent.ts';
import { IncidentCreate } from '../shared/incident.ts';
import { issueMessage, issuesFromZod, translator } from '../shared/messages.ts';
import { presentDetail } from './presenter.ts';
import { findIncident, replaceViolations, updateIncidentRow } from './store.ts';
import { asInput, clearColumns, decrypt, reseal, resourceOf, sensitiveOf } from './support.ts';
import { isDecided, remapReliedOn } from './verification.ts';
import { writeVersion } from './versions.ts';
import { sealedChanges } from './history-diff.ts';

/** What to compare and apply, from the imports capability (pure rules live there). */
export interface ImportChangeRules<F extends string> {
  changedFields(current: IncidentCreate, next: IncidentCreate): F[];
  apply(current: IncidentCreate, next: IncidentCreate, fields: readonly F[]): IncidentCreate;
  identifying: ReadonlySet<F>;
}

export interface LoadedRecord {
  id: string; reference: string; current: IncidentCreate; decided: boolean; mayChange: boolean;
  /** Whether the importer may see the record's identifying fields (otherwise they are neither compared nor changed). */
  seesIdentifying: boolean;
  row: NonNullable<Awaited<ReturnType<typeof findIncident>>>;
}

/**
 * The current record behind a known external id, as an import compares it: null when deleted since, and
 * 'out_of_scope' when the importer may not change it (another monitor's record) - then nothing about it
 * is compared or reported, so a file cannot probe records its importer cannot see.
 */
export async function loadForImport(ctx: AppContext, actor: Actor, organisationId: string, id: string): Promise<LoadedRecord | 'out_of_scope' | null> {
  const found = await findIncident(ctx.db, organisationId, id);
  if (!found) return null;
  const resource = resourceOf(found.row);
  if (!can(actor, 'incident:update', resource)) return 'out_of_scope';
  // Decrypted whatever the role: a new version's snapshot keeps the identifying part as it is.
  const detail = presentDetail(found.row, found.violations, decrypt(ctx, found.row));
  const decided = isDecided(detail.verification.status);
  const seesIdentifying = maySeeFields(actor, 'identifying', resource) && found.row.erasedAt === null;
  return { id, reference: found.row.reference, current: asInput(detail), decided, mayChange: !decided || can(actor, 'incident:decide', resource), seesIdentifying, row: found };
}

/**
 * The fields an import would change on this record: never identifying ones the importer may not see (nor
 * after erasure), and never consent wider than the record holds - a file cannot undo a survivor's
 * withdrawal; a narrower consent in the file is applied.
 */
export function importChanges<F extends string>(record: LoadedRecord, next: IncidentCreate, rules: ImportChangeRules<F>): F[] {
  return rules.changedFields(record.current, next).filter((f) => {
    if (rules.identifying.has(f)) return record.seesIdentifying;
    if (f === 'consent') return record.row.row.erasedAt === null && narrowingProblem(record.current.consent, next.consent) === null;
    return true;
  });
}

/** Applies one row's changes as a new version; returns the fields changed, or a reason it was left. */
export async function updateFromImport<F extends string>(tx: Tx, ctx: AppContext, actor: Actor, record: LoadedRecord, next: IncidentCreate, rules: ImportChangeRules<F>, digest: string): Promise<{ fields: F[] } | { left: string }> {
  const { row } = record.row;
  authorize(actor, 'incident:import');
  authorize(actor, 'incident:update', resourceOf(row));
  if (!record.mayChange) return { left: 'decided' };
  const fields = importChanges(record, next, rules);
  if (fields.length === 0) return { fields };
  const applied = rules.apply(record.current, next, fields);
  // The decision stays as it was (an import never decides, nor undoes one); its sources follow their entries.
  const verification = { ...record.current.verification, reliedOnSources: remapReliedOn(record.current.sources, applied.sources, record.current.verification.reliedOnSources ?? []) };
  const merged = IncidentCreate.safeParse({ ...applied, verification });
  if (!merged.success) return { left: issuesFromZod(merged.error.issues).map((i) => issueMessage(translator('en'), i)).join('; ') };
  const result = merged.data;
  const sealed = fields.some((f) => rules.identifying.has(f)) && !row.erasedAt ? reseal(ctx, row, sensitiveOf(result)) : null;
  const updated = await updateIncidentRow(tx, row.organisationId, row.id, row.version, {
    ...clearColumns(result), importDigest: digest, ...(sealed ? { sensitiveEnc: sealed } : {}),
  });
  if (!updated) return { left: 'changed meanwhile' };
  if (fields.includes('violations' as F)) await replaceViolations(tx, row.organisationId, row.id, result.violations);
  await writeVersion(tx, ctx.master, { organisationId: row.organisationId, incidentId: row.id, version: updated.version, action: 'update', changedBy: actor.userId, changedFields: fields, snapshot: result, wrappedKey: row.wrappedKey, sealedChanges: record.seesIdentifying ? sealedChanges(record.current, result) : [] });
  return { fields };
}

export async function auditImportUpdates(tx: Tx, actor: Actor, details: { importId: string; references: string[]; fields: string[] }): Promise<void> {
  await appendAudit(tx, auditActor(actor, null), { action: 'incident.import_update', entityType: 'incident', details: { ...details, updated: details.references.length } });
}
