/**
 * Incident use cases: record, list, read, change. Each checks the central policy on the record it touches,
 * encrypts identifying fields before they reach the database, and audits in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../platform/context.ts';
import { appendAudit, recordAudit, type AuditActor } from '../platform/audit/audit.ts';
import { openJson, sealJson } from '../platform/crypto/envelope.ts';
import { AppError, conflict, notFound } from '../platform/http/errors.ts';
import { authorize, can, incidentScope, type Actor, type IncidentResource } from '../policy/policy.ts';
import { organisationOf } from '../identity/sessions.ts';
import { IncidentCreate, type IncidentDetail, type IncidentList, type IncidentListQuery, type IncidentPatch } from '../shared/incident.ts';
import { DECIDED_STATUSES } from '../shared/taxonomy.ts';
import { presentDetail, presentSummary, type SensitiveFields } from './presenter.ts';
import {
  findIncident, insertIncident, listIncidentRows, nextReference, replaceViolations, updateIncidentRow, usersInOrganisation,
  type IncidentInsert, type IncidentRow,
} from './store.ts';

const context = (id: string) => `incident:${id}`;
const auditActor = (a: Actor, ip: string | null): AuditActor => ({ userId: a.userId, kind: 'user', organisationId: a.organisationId, ip });
const resourceOf = (r: IncidentRow): IncidentResource => ({ organisationId: r.organisationId, createdBy: r.createdBy, assignedTo: r.assignedTo });

function sensitiveOf(input: IncidentCreate): SensitiveFields {
  return { narrative: input.narrative, locality: input.place.locality ?? null, coordinates: input.place.coordinates ?? null };
}

function decrypt(ctx: AppContext, row: IncidentRow): SensitiveFields {
  if (!row.wrappedKey || !row.sensitiveEnc) return { narrative: '', locality: null, coordinates: null };
  return openJson<SensitiveFields>(ctx.master, context(row.id), row.wrappedKey, row.sensitiveEnc);
}

/** Columns stored in clear (restricted fields) for a validated incident. */
function clearColumns(input: IncidentCreate): Omit<IncidentInsert, 'id' | 'organisationId' | 'reference' | 'createdBy'> {
  return {
    occurredFrom: input.occurredFrom,
    occurredTo: input.occurredTo ?? null,
    dateEstimated: input.dateEstimated,
    country: input.place.country,
    admin1: input.place.admin1 ?? null,
    admin2: input.place.admin2 ?? null,
    ...input.victims,
    perpetratorParty: input.perpetratorParty || null,
    verificationStatus: input.verification.status,
    notVerifiedReason: input.verification.notVerifiedReason ?? null,
    assignedTo: input.assignedTo,
  };
}

async function checkAssignees(ctx: AppContext, actor: Actor, ids: readonly string[]) {
  const known = await usersInOrganisation(ctx.db, actor.organisationId, ids);
  const i = ids.findIndex((id) => !known.has(id));
  if (i >= 0) throw new AppError(400, 'validation_failed', 'assignedTo: must list users of your organisation', [{ field: `assignedTo.${i}`, message: 'is not a user of your organisation' }]);
}

export async function createIncident(ctx: AppContext, actor: Actor, input: IncidentCreate, ip: string | null): Promise<IncidentDetail> {
  authorize(actor, 'incident:create');
  if (DECIDED_STATUSES.includes(input.verification.status)) authorize(actor, 'incident:decide');
  if (input.assignedTo.length) {
    authorize(actor, 'incident:assign');
    await checkAssignees(ctx, actor, input.assignedTo);
  }
  const org = await organisationOf(ctx.db, actor.organisationId);
  if (!org) throw notFound('organisation');
  const id = randomUUID();
  const sensitive = sensitiveOf(input);
  const { wrappedKey, sealed } = sealJson(ctx.master, context(id), sensitive);
  const decided = DECIDED_STATUSES.includes(input.verification.status);
  return ctx.db.transaction(async (tx) => {
    const reference = await nextReference(tx, org.id, org.code, Number(input.occurredFrom.slice(0, 4)));
    const row = await insertIncident(tx, {
      id, organisationId: org.id, reference, createdBy: actor.userId, ...clearColumns(input),
      decidedAt: decided ? new Date() : null, decidedBy: decided ? actor.userId : null,
      wrappedKey, sensitiveEnc: sealed,
    });
    const vs = await replaceViolations(tx, org.id, id, input.violations);
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
    details: { returned: rows.length, total, page: query.page, filters: Object.keys(query).filter((k) => !['sort', 'page', 'pageSize'].includes(k)) },
  });
  return { items: rows.map((r) => presentSummary(r, forms.get(r.id) ?? [])), total, page: query.page, pageSize: query.pageSize };
}

async function loadVisible(ctx: AppContext, actor: Actor, id: string, action: 'incident:read' | 'incident:update', ip: string | null) {
  const found = await findIncident(ctx.db, actor.organisationId, id);
  // Records outside the actor's scope are reported as missing (existence is itself information), and the
  // attempt is audited: probing for records is what a reviewer of the log needs to see.
  if (!found || !can(actor, 'incident:read', resourceOf(found.row))) {
    await recordAudit(ctx.db, auditActor(actor, ip), { action: 'incident.access_denied', entityType: 'incident', entityId: id, details: { attempted: action } });
    throw notFound('incident');
  }
  if (action !== 'incident:read') authorize(actor, action, resourceOf(found.row));
  return found;
}

export async function getIncident(ctx: AppContext, actor: Actor, id: string, ip: string | null): Promise<IncidentDetail> {
  const { row, violations } = await loadVisible(ctx, actor, id, 'incident:read', ip);
  const sensitive = decrypt(ctx, row);
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'incident.read', entityType: 'incident', entityId: id, details: { reference: row.reference } });
  return presentDetail(row, violations, sensitive);
}

export async function updateIncident(ctx: AppContext, actor: Actor, id: string, patch: IncidentPatch, ip: string | null): Promise<IncidentDetail> {
  const { row, violations } = await loadVisible(ctx, actor, id, 'incident:update', ip);
  if (row.version !== patch.version) throw conflict('version_conflict', `version: the incident was changed by someone else (now version ${row.version}); reload it and apply your change again`);
  const current = presentDetail(row, violations, decrypt(ctx, row));
  const { version, ...changes } = patch;
  const base = {
    occurredFrom: current.occurredFrom, occurredTo: current.occurredTo, dateEstimated: current.dateEstimated,
    place: current.place, victims: current.victims, violations: current.violations.map(({ form, victims }) => ({ form, victims })),
    perpetratorParty: current.perpetratorParty, verification: { status: current.verification.status, notVerifiedReason: current.verification.notVerifiedReason },
    narrative: current.narrative, assignedTo: current.assignedTo,
  };
  const merged = IncidentCreate.safeParse({ ...base, ...changes });
  if (!merged.success) {
    const issues = merged.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
    throw new AppError(400, 'validation_failed', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
  }
  const next = merged.data;
  // Both sides in the validated shape (absent and null alike): compared with the presented record, which
  // carries violation ids and decision fields a patch never sends, every re-sent field counted as changed,
  // which put false entries in the audit log and asked for rights the change did not need.
  const before = IncidentCreate.safeParse(base);
  const was = (before.success ? before.data : base) as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const same = (a: unknown, b: unknown) => JSON.stringify(a, (_k, v: unknown) => v ?? undefined) === JSON.stringify(b, (_k, v: unknown) => v ?? undefined);
  const changed = Object.keys(changes).filter((k) => !same(after[k], was[k]));
  // A decided record (verified, not verified, found not to have occurred) is what reports count: once a
  // coordinator has decided, only a coordinator may change it, so a figure never shifts without review.
  if (changed.length && DECIDED_STATUSES.includes(current.verification.status) && !can(actor, 'incident:decide', resourceOf(row))) {
    throw new AppError(403, 'decided_record', 'this incident carries a verification decision: only a coordinator may change it');
  }
  const statusChanged = next.verification.status !== current.verification.status;
  const touchesDecision = statusChanged && [current.verification.status, next.verification.status].some((s) => DECIDED_STATUSES.includes(s));
  if (touchesDecision || (DECIDED_STATUSES.includes(next.verification.status) && changed.includes('verification'))) authorize(actor, 'incident:decide', resourceOf(row));
  if (changed.includes('assignedTo')) {
    authorize(actor, 'incident:assign', resourceOf(row));
    await checkAssignees(ctx, actor, next.assignedTo);
  }
  const sensitiveChanged = changed.includes('narrative') || changed.includes('place');
  const sealedParts = sensitiveChanged ? sealJson(ctx.master, context(id), sensitiveOf(next)) : null;
  return ctx.db.transaction(async (tx) => {
    const updated = await updateIncidentRow(tx, row.organisationId, id, version, {
      ...clearColumns(next),
      ...(statusChanged ? { decidedAt: DECIDED_STATUSES.includes(next.verification.status) ? new Date() : null, decidedBy: DECIDED_STATUSES.includes(next.verification.status) ? actor.userId : null } : {}),
      ...(sealedParts ? { wrappedKey: sealedParts.wrappedKey, sensitiveEnc: sealedParts.sealed } : {}),
    });
    if (!updated) throw conflict('version_conflict', 'version: the incident was changed by someone else; reload it and apply your change again');
    const vs = changed.includes('violations') ? await replaceViolations(tx, row.organisationId, id, next.violations) : violations;
    await appendAudit(tx, auditActor(actor, ip), {
      action: 'incident.update', entityType: 'incident', entityId: id,
      details: { reference: row.reference, changed, version: updated.version, ...(statusChanged ? { status: { from: current.verification.status, to: next.verification.status } } : {}) },
    });
    return presentDetail(updated, vs, sensitiveOf(next));
  });
}
