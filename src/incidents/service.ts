/**
 * Incident use cases: record, list, read, history, delete (changes are in update.ts). Each checks the
 * central policy on the record it touches, encrypts identifying fields before they reach the database,
 * keeps a version, and audits in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../platform/context.ts';
import { appendAudit, recordAudit, auditActor } from '../platform/audit/audit.ts';
import { sealJson } from '../platform/crypto/envelope.ts';
import { AppError, conflict, notFound, validationFailed } from '../platform/http/errors.ts';
import { authorize, incidentScope, maySeeFields, type Actor } from '../policy/policy.ts';
import { organisationOf } from '../identity/sessions.ts';
import type { IncidentCreate, IncidentDelete, IncidentDetail, IncidentList, IncidentListQuery, IncidentVersion } from '../shared/incident.ts';
import { presentDetail, presentSummary, withholdIdentifying } from './presenter.ts';
import { searchTerms } from './search.ts';
import { insertIncident, listIncidentRows, nextReference, replaceViolations, updateIncidentRow } from './store.ts';
import { asInput, checkAssignees, clearColumns, decrypt, loadVisible, NO_SENSITIVE, recordContext, resourceOf, sensitiveOf } from './support.ts';
import { isDecided } from './verification.ts';
import { checkOrgCodes } from '../lookups/service.ts';
import { readVersions, writeVersion } from './versions.ts';
import { completenessIssues } from '../shared/organisation.ts';
import { loadRules } from '../organisation/settings.ts';
import { openReviewOf } from './reviews/store.ts';
import { linkPerpetrators } from './party-links/link.ts';

export async function createIncident(ctx: AppContext, actor: Actor, input: IncidentCreate, ip: string | null): Promise<IncidentDetail> {
  authorize(actor, 'incident:create');
  if (isDecided(input.verification.status)) {
    authorize(actor, 'incident:decide');
    // Four eyes: whoever records an incident cannot also decide it, so no record is born decided.
    throw new AppError(403, 'four_eyes', 'verification: a new incident is reported or pending; another coordinator records the decision');
  }
  if (input.assignedTo.length) {
    authorize(actor, 'incident:assign');
    await checkAssignees(ctx, actor, input.assignedTo);
  }
  const org = await organisationOf(ctx.db, actor.organisationId);
  if (!org) throw notFound('organisation');
  await checkOrgCodes(ctx.db, org.id, input);
  input = (await linkPerpetrators(ctx.db, org.id, [input]))[0]!;
  // The organisation's minimum completeness (region required, narrative limit).
  const incomplete = completenessIssues(input, await loadRules(ctx.db, org.id), false);
  if (incomplete.length) throw validationFailed(incomplete);
  const id = randomUUID();
  const sensitive = sensitiveOf(input);
  const { wrappedKey, sealed } = sealJson(ctx.master, recordContext(id), sensitive);
  return ctx.db.transaction(async (tx) => {
    const reference = await nextReference(tx, org.id, org.code, Number(input.occurredFrom.slice(0, 4)));
    const row = await insertIncident(tx, {
      id, organisationId: org.id, reference, createdBy: actor.userId, ...clearColumns(input), wrappedKey, sensitiveEnc: sealed,
    });
    const vs = await replaceViolations(tx, org.id, id, input.violations);
    await writeVersion(tx, ctx.master, { organisationId: org.id, incidentId: id, version: 1, action: 'create', changedBy: actor.userId, changedFields: [], snapshot: input, wrappedKey });
    await appendAudit(tx, auditActor(actor, ip), {
      action: 'incident.create', entityType: 'incident', entityId: id,
      details: { reference, violations: vs.length, status: input.verification.status },
    });
    return presentDetail(row, vs, sensitive);
  });
}

export async function listIncidents(ctx: AppContext, actor: Actor, query: IncidentListQuery, ip: string | null): Promise<IncidentList> {
  authorize(actor, 'incident:list');
  const scope = incidentScope(actor)!;
  const { rows, total, forms } = await listIncidentRows(ctx.db, scope, query);
  await recordAudit(ctx.db, auditActor(actor, ip), {
    action: 'incident.list', entityType: 'incident',
    // Filter names and the number of search words, never the text: a user may type a name into a search box.
    details: { returned: rows.length, total, page: query.page, filters: Object.keys(query).filter((k) => !['sort', 'page', 'pageSize'].includes(k)), ...(query.q ? { searchWords: searchTerms(query.q).length } : {}) },
  });
  return { items: rows.map((r) => presentSummary(r, forms.get(r.id) ?? [])), total, page: query.page, pageSize: query.pageSize };
}

export async function getIncident(ctx: AppContext, actor: Actor, id: string, ip: string | null): Promise<IncidentDetail> {
  const { row, violations } = await loadVisible(ctx, actor, id, 'incident:read', ip);
  // Decrypted only for a reader whose role may see identifying fields; the audit says which read it was.
  const identifying = maySeeFields(actor, 'identifying', resourceOf(row));
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'incident.read', entityType: 'incident', entityId: id, details: { reference: row.reference, identifying } });
  const review = await openReviewOf(ctx.db, row.organisationId, id);
  return identifying ? presentDetail(row, violations, decrypt(ctx, row), review) : withholdIdentifying(presentDetail(row, violations, NO_SENSITIVE, review));
}

/** Every version of a record the actor may read, oldest first; the read is audited like the record's. */
export async function incidentHistory(ctx: AppContext, actor: Actor, id: string, ip: string | null): Promise<IncidentVersion[]> {
  const { row } = await loadVisible(ctx, actor, id, 'incident:read', ip);
  const identifying = maySeeFields(actor, 'identifying', resourceOf(row));
  const versions = await readVersions(ctx.db, ctx.master, row.organisationId, id, identifying ? row.wrappedKey : null);
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'incident.history_read', entityType: 'incident', entityId: id, details: { reference: row.reference, versions: versions.length } });
  return versions;
}

/**
 * Soft deletion, by a coordinator, with a reason: the record leaves every list, read and count, while its
 * history and the audit trail keep it. (Erasing identifying data on a survivor's request is a different
 * operation: crypto-shredding.)
 */
export async function deleteIncident(ctx: AppContext, actor: Actor, id: string, body: IncidentDelete, ip: string | null): Promise<void> {
  const { row, violations } = await loadVisible(ctx, actor, id, 'incident:delete', ip);
  if (row.version !== body.version) throw conflict('version_conflict', `version: the incident was changed by someone else (now version ${row.version}); reload it first`);
  const snapshot = asInput(presentDetail(row, violations, decrypt(ctx, row)));
  await ctx.db.transaction(async (tx) => {
    const deleted = await updateIncidentRow(tx, row.organisationId, id, body.version, { deletedAt: new Date(), deletedBy: actor.userId, deletionReason: body.reason });
    if (!deleted) throw conflict('version_conflict', 'version: the incident was changed by someone else; reload it first');
    await writeVersion(tx, ctx.master, { organisationId: row.organisationId, incidentId: id, version: deleted.version, action: 'delete', changedBy: actor.userId, changedFields: ['deleted'], snapshot, wrappedKey: row.wrappedKey });
    await appendAudit(tx, auditActor(actor, ip), { action: 'incident.delete', entityType: 'incident', entityId: id, details: { reference: row.reference, version: deleted.version } });
  });
}
