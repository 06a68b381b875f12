/**
 * What the incident use cases share: the record's encryption context, how its identifying fields are
 * sealed and opened, the columns stored in clear, and loading a record the actor may see.
 */
import type { AppContext } from '../platform/context.ts';
import { auditActor, recordAudit } from '../platform/audit/audit.ts';
import { openJson, sealWithWrappedKey } from '../platform/crypto/envelope.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { authorize, can, type Action, type Actor, type IncidentResource } from '../policy/policy.ts';
import type { IncidentCreate, IncidentDetail, Perpetrator } from '../shared/incident.ts';
import type { DecisionRoute } from '../shared/taxonomy.ts';
import { fullPerpetrator, fullReferral, fullSource, fullSurvivor, type SensitiveFields } from './presenter.ts';
import { findIncident, usersInOrganisation, type IncidentInsert, type IncidentRow } from './store.ts';

/** Encryption context of a record: its key is wrapped, and its current fields sealed, under this. */
export const recordContext = (id: string) => `incident:${id}`;
export const resourceOf = (r: IncidentRow): IncidentResource => ({ organisationId: r.organisationId, createdBy: r.createdBy, assignedTo: r.assignedTo });

export function sensitiveOf(input: IncidentCreate): SensitiveFields {
  return { narrative: input.narrative, locality: input.place.locality ?? null, coordinates: input.place.coordinates ?? null, survivors: input.survivors.map(fullSurvivor) };
}

export const NO_SENSITIVE: SensitiveFields = { narrative: '', locality: null, coordinates: null, survivors: [] };

export function decrypt(ctx: AppContext, row: Pick<IncidentRow, 'id' | 'wrappedKey' | 'sensitiveEnc'>): SensitiveFields {
  if (!row.wrappedKey || !row.sensitiveEnc) return NO_SENSITIVE;
  const opened = openJson<Partial<SensitiveFields>>(ctx.master, recordContext(row.id), row.wrappedKey, row.sensitiveEnc);
  // Records sealed before individual entries existed have none.
  return { ...NO_SENSITIVE, ...opened };
}

/** The registry parties the perpetrators are linked to, each once (incidents.party_ids: filters and figures). */
export const partyIdsOf = (perpetrators: readonly Perpetrator[]): string[] =>
  [...new Set(perpetrators.map((p) => p.partyId).filter((id): id is string => !!id))];

/** The distinct parties alleged, in order, joined: the summary lists and search use. */
export function partiesOf(perpetrators: readonly Perpetrator[]): string | null {
  const parties = [...new Set(perpetrators.map((p) => p.party?.trim()).filter((p): p is string => !!p))];
  return parties.length ? parties.join('; ') : null;
}

/** Re-seals a record's identifying fields under its existing data key (one key per record, for erasure). */
export function reseal(ctx: AppContext, row: IncidentRow, sensitive: SensitiveFields): Buffer {
  if (!row.wrappedKey) throw new AppError(409, 'erased', 'the identifying part of this incident was erased');
  return sealWithWrappedKey(ctx.master, recordContext(row.id), row.wrappedKey, recordContext(row.id), sensitive);
}

/** Columns stored in clear (restricted fields) for a validated incident. */
export function clearColumns(input: IncidentCreate): Omit<IncidentInsert, 'id' | 'organisationId' | 'reference' | 'createdBy'> {
  return {
    occurredFrom: input.occurredFrom,
    occurredTo: input.occurredTo ?? null,
    dateEstimated: input.dateEstimated,
    country: input.place.country,
    admin1: input.place.admin1 ?? null,
    admin2: input.place.admin2 ?? null,
    displayLevel: input.place.displayLevel,
    ...input.victims,
    victimCountUnknown: input.victimCountUnknown,
    perpetratorParty: partiesOf(input.perpetrators),
    perpetrators: input.perpetrators.map(fullPerpetrator),
    partyIds: partyIdsOf(input.perpetrators),
    sources: input.sources.map(fullSource),
    referrals: input.referrals.map(fullReferral),
    verificationStatus: input.verification.status,
    notVerifiedReason: input.verification.notVerifiedReason ?? null,
    verificationStandard: input.verification.standard ?? null,
    reliedOnSources: [...(input.verification.reliedOnSources ?? [])],
    decisionNote: input.verification.note || null,
    selfDecisionJustification: input.verification.selfDecisionJustification || null,
    assignedTo: input.assignedTo,
    consent: input.consent,
    setting: input.context.setting ?? null,
    timeOfDay: input.context.timeOfDay ?? null,
    displacementStage: input.context.displacementStage ?? null,
    abduction: input.context.abduction ?? null,
    detention: input.context.detention ?? null,
  };
}

/** The validated shape of a presented record: the base a patch is merged onto, and a version's snapshot. */
export function asInput(d: IncidentDetail): IncidentCreate {
  return {
    occurredFrom: d.occurredFrom, occurredTo: d.occurredTo, dateEstimated: d.dateEstimated,
    place: d.place, victims: d.victims, victimCountUnknown: d.victimCountUnknown, violations: d.violations.map(({ form, victims }) => ({ form, victims })),
    survivors: d.survivors, perpetrators: d.perpetrators, sources: d.sources, referrals: d.referrals, verification: {
      status: d.verification.status, notVerifiedReason: d.verification.notVerifiedReason, standard: d.verification.standard,
      reliedOnSources: d.verification.reliedOnSources, note: d.verification.note, selfDecisionJustification: d.verification.selfDecisionJustification,
    },
    narrative: d.narrative, assignedTo: d.assignedTo, consent: d.consent, context: d.context,
  };
}

export async function checkAssignees(ctx: AppContext, actor: Actor, ids: readonly string[]) {
  const known = await usersInOrganisation(ctx.db, actor.organisationId, ids);
  const i = ids.findIndex((id) => !known.has(id));
  if (i >= 0) throw new AppError(400, 'validation_failed', 'assignedTo: must list users of your organisation', [{ field: `assignedTo.${i}`, code: 'not_org_member' }]);
}

/**
 * Loads a live (not deleted) record the actor may see, then checks the action on it. Records outside the
 * actor's scope are reported as missing (existence is itself information), and the attempt is audited:
 * probing for records is what a reviewer of the log needs to see.
 */
export async function loadVisible(ctx: AppContext, actor: Actor, id: string, action: Extract<Action, `incident:${string}`>, ip: string | null) {
  const found = await findIncident(ctx.db, actor.organisationId, id);
  if (!found || !can(actor, 'incident:read', resourceOf(found.row))) {
    await recordAudit(ctx.db, auditActor(actor, ip), { action: 'incident.access_denied', entityType: 'incident', entityId: id, details: { attempted: action } });
    throw notFound('incident');
  }
  if (action !== 'incident:read') authorize(actor, action, resourceOf(found.row));
  return found;
}

export const decisionBy = (actorId: string, decided: boolean) => ({ decidedAt: decided ? new Date() : null, decidedBy: decided ? actorId : null });

/** The columns of a decision (or of reopening one: every ground cleared). */
export function decisionColumns(actorId: string, route: DecisionRoute | null) {
  return { ...decisionBy(actorId, route !== null), decisionRoute: route };
}
