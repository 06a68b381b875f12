/**
 * Recording many incidents at once (imports): the same rules as one at a time (the input is a validated
 * IncidentCreate, nothing born decided, identifying fields sealed under a data key per record, version 1
 * kept), in set-based statements, with one audit entry per batch naming the import and the references.
 * Records whose external id the organisation already holds are skipped, never changed or recreated.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../platform/context.ts';
import type { Tx } from '../platform/db/database.ts';
import { appendAudit, auditActor } from '../platform/audit/audit.ts';
import { sealJson } from '../platform/crypto/envelope.ts';
import { AppError } from '../platform/http/errors.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import type { IncidentCreate } from '../shared/incident.ts';
import { existingExternalIds, reserveReferences } from './store.ts';
import { incidents, incidentVersions, violations } from './tables.ts';
import { clearColumns, recordContext, sensitiveOf } from './support.ts';
import { isDecided } from './verification.ts';
import { versionRow } from './versions.ts';

/** One record to create; `digest` is the keyed hash of what the import gave it (a re-import compares it). */
export interface BulkItem { input: IncidentCreate; externalId: string; digest?: string }

export async function createIncidentsBulk(tx: Tx, ctx: AppContext, actor: Actor, org: { id: string; code: string }, items: BulkItem[], details: Record<string, unknown>): Promise<{ created: number; skipped: number }> {
  authorize(actor, 'incident:import');
  if (items.some((i) => isDecided(i.input.verification.status) || i.input.assignedTo.length)) {
    throw new AppError(400, 'four_eyes', 'imported incidents are reported or pending and unassigned; a coordinator decides them afterwards');
  }
  const known = await existingExternalIds(tx, org.id, items.map((i) => i.externalId));
  const fresh = items.filter((i) => !known.has(i.externalId));
  if (fresh.length === 0) return { created: 0, skipped: items.length };
  // References in sequence per year of occurrence, reserved in one statement per year.
  const byYear = new Map<number, BulkItem[]>();
  for (const i of fresh) {
    const y = Number(i.input.occurredFrom.slice(0, 4));
    byYear.set(y, [...(byYear.get(y) ?? []), i]);
  }
  const rows: (typeof incidents.$inferInsert)[] = [];
  const vs: (typeof violations.$inferInsert)[] = [];
  const versions: (typeof incidentVersions.$inferInsert)[] = [];
  const references: string[] = [];
  for (const [year, group] of [...byYear].sort((a, b) => a[0] - b[0])) {
    const refs = await reserveReferences(tx, org.id, org.code, year, group.length);
    group.forEach(({ input, externalId, digest }, k) => {
      const id = randomUUID();
      const { wrappedKey, sealed } = sealJson(ctx.master, recordContext(id), sensitiveOf(input));
      rows.push({ id, organisationId: org.id, reference: refs[k]!, createdBy: actor.userId, externalId, importDigest: digest ?? null, ...clearColumns(input), wrappedKey, sensitiveEnc: sealed });
      input.violations.forEach((v, position) => vs.push({ organisationId: org.id, incidentId: id, position, form: v.form, ...v.victims }));
      versions.push(versionRow(ctx.master, { organisationId: org.id, incidentId: id, version: 1, action: 'create', changedBy: actor.userId, changedFields: [], snapshot: input, wrappedKey }));
      references.push(refs[k]!);
    });
  }
  for (let i = 0; i < rows.length; i += 500) await tx.insert(incidents).values(rows.slice(i, i + 500));
  for (let i = 0; i < vs.length; i += 1000) await tx.insert(violations).values(vs.slice(i, i + 1000));
  for (let i = 0; i < versions.length; i += 500) await tx.insert(incidentVersions).values(versions.slice(i, i + 500));
  await appendAudit(tx, auditActor(actor, null), {
    action: 'incident.import', entityType: 'incident',
    details: { ...details, created: rows.length, skipped: known.size, references },
  });
  return { created: rows.length, skipped: items.length - rows.length };
}
