/**
 * What an organisation adds around a party: names (aliases and spellings, in any language), crosswalk ids
 * and relations. On its own parties, anything; on a reference party, its own aliases, ids and relations only
 * (kept with its organisation id: nobody else sees them, and the reference data stays as seeded). Removing
 * touches only the organisation's own rows.
 */
import { and, eq, or } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { Tx } from '../platform/db/database.ts';
import { appendAudit, auditActor } from '../platform/audit/audit.ts';
import { notFound } from '../platform/http/errors.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import type { PartyDetail, PartyExternalIdInput, PartyNameInput, PartyRelationInput, PartySource } from '../shared/parties.ts';
import { nameRow, refuse, usableParty } from './manage.ts';
import { partyKeys } from './search-key.ts';
import { partyDetail } from './service.ts';
import { namesOf, visibleTo } from './store.ts';
import { partyExternalIds, partyNames, partyRelations } from './tables.ts';

type Change = (tx: Tx) => Promise<{ partyId: string; audit: { action: string; details: Record<string, unknown> } }>;

/** Runs a change to a party's surroundings in one transaction, audited, and answers with the party. */
async function change(ctx: AppContext, actor: Actor, ip: string | null, lang: string, fn: Change): Promise<PartyDetail> {
  authorize(actor, 'parties:manage');
  return ctx.db.transaction(async (tx) => {
    const { partyId, audit } = await fn(tx);
    await appendAudit(tx, auditActor(actor, ip), { ...audit, entityType: 'party', entityId: partyId });
    return partyDetail(tx, actor.organisationId, (await usableParty(tx, actor, partyId)), lang);
  });
}

/**
 * Adds a name the organisation uses for a party (the importer's learnt aliases come this way too), in the
 * caller's transaction; unaudited here: the caller audits its whole change. Null when the party already has
 * the name (in any spelling).
 */
export async function addOwnName(tx: Tx, organisationId: string, partyId: string, input: PartyNameInput, source: PartySource, createdBy: string | null): Promise<string | null> {
  const key = partyKeys(input.name).exactKey;
  if ((await namesOf(tx, organisationId, [partyId])).some((n) => n.exactKey === key)) return null;
  const [row] = await tx.insert(partyNames).values(nameRow(partyId, organisationId, input, source, createdBy)).returning({ id: partyNames.id });
  return row!.id;
}

export function addPartyName(ctx: AppContext, actor: Actor, id: string, body: PartyNameInput, lang: string, ip: string | null): Promise<PartyDetail> {
  return change(ctx, actor, ip, lang, async (tx) => {
    const party = await usableParty(tx, actor, id);
    const own = party.organisationId === actor.organisationId;
    if (!own && body.kind !== 'alias') throw refuse(400, 'kind', 'reference_alias_only', 'your organisation adds aliases to a reference party, not its own names');
    const names = await namesOf(tx, actor.organisationId, [id]);
    if (body.kind !== 'alias' && names.some((n) => n.kind === body.kind && n.language === (body.language ?? null))) {
      throw refuse(409, 'kind', 'name_kind_exists', 'the party already has a name of this kind in this language: change that one');
    }
    const added = await addOwnName(tx, actor.organisationId, id, body, 'organisation', actor.userId);
    if (!added) throw refuse(409, 'name', 'name_exists', 'the party already has this name');
    return { partyId: id, audit: { action: 'party.name_add', details: { name: added, kind: body.kind, language: body.language ?? null, scope: own ? 'own' : 'reference' } } };
  });
}

export function removePartyName(ctx: AppContext, actor: Actor, id: string, nameId: string, lang: string, ip: string | null): Promise<PartyDetail> {
  return change(ctx, actor, ip, lang, async (tx) => {
    const party = await usableParty(tx, actor, id);
    const [name] = await tx.select().from(partyNames).where(and(eq(partyNames.id, nameId), eq(partyNames.partyId, id), eq(partyNames.organisationId, actor.organisationId)));
    if (!name) throw notFound('name');
    if (name.kind === 'canonical' && name.exactKey === partyKeys(party.name).exactKey) throw refuse(409, 'name', 'name_required', 'this is the party’s name: rename the party instead');
    if (name.kind === 'short' && party.shortName === name.name) throw refuse(409, 'name', 'name_required', 'this is the party’s short name: change it on the party instead');
    await tx.delete(partyNames).where(eq(partyNames.id, nameId));
    return { partyId: id, audit: { action: 'party.name_remove', details: { name: nameId, kind: name.kind } } };
  });
}

export function addPartyExternalId(ctx: AppContext, actor: Actor, id: string, body: PartyExternalIdInput, lang: string, ip: string | null): Promise<PartyDetail> {
  return change(ctx, actor, ip, lang, async (tx) => {
    await usableParty(tx, actor, id);
    const [same] = await tx.select({ id: partyExternalIds.id }).from(partyExternalIds)
      .where(and(eq(partyExternalIds.partyId, id), eq(partyExternalIds.scheme, body.scheme), eq(partyExternalIds.value, body.value), visibleTo(partyExternalIds.organisationId, actor.organisationId)));
    if (same) throw refuse(409, 'value', 'external_id_exists', 'the party already has this id');
    const [row] = await tx.insert(partyExternalIds).values({ partyId: id, organisationId: actor.organisationId, ...body, source: 'organisation', createdBy: actor.userId }).returning();
    return { partyId: id, audit: { action: 'party.external_id_add', details: { externalId: row!.id, scheme: body.scheme } } };
  });
}

export function removePartyExternalId(ctx: AppContext, actor: Actor, id: string, externalId: string, lang: string, ip: string | null): Promise<PartyDetail> {
  return change(ctx, actor, ip, lang, async (tx) => {
    await usableParty(tx, actor, id);
    const gone = await tx.delete(partyExternalIds)
      .where(and(eq(partyExternalIds.id, externalId), eq(partyExternalIds.partyId, id), eq(partyExternalIds.organisationId, actor.organisationId))).returning();
    if (gone.length === 0) throw notFound('id');
    return { partyId: id, audit: { action: 'party.external_id_remove', details: { externalId, scheme: gone[0]!.scheme } } };
  });
}

export function addPartyRelation(ctx: AppContext, actor: Actor, id: string, body: PartyRelationInput, lang: string, ip: string | null): Promise<PartyDetail> {
  return change(ctx, actor, ip, lang, async (tx) => {
    await usableParty(tx, actor, id);
    if (body.otherPartyId === id) throw refuse(400, 'otherPartyId', 'same_party', 'cannot be the party itself');
    await usableParty(tx, actor, body.otherPartyId, 'otherPartyId');
    const [same] = await tx.select({ id: partyRelations.id }).from(partyRelations).where(and(
      eq(partyRelations.fromPartyId, id), eq(partyRelations.toPartyId, body.otherPartyId), eq(partyRelations.kind, body.kind), visibleTo(partyRelations.organisationId, actor.organisationId)));
    if (same) throw refuse(409, 'otherPartyId', 'relation_exists', 'this relation is already recorded');
    const [row] = await tx.insert(partyRelations).values({
      organisationId: actor.organisationId, fromPartyId: id, toPartyId: body.otherPartyId, kind: body.kind,
      validFrom: body.validFrom ?? null, validTo: body.validTo ?? null, source: 'organisation', createdBy: actor.userId,
    }).returning();
    return { partyId: id, audit: { action: 'party.relation_add', details: { relation: row!.id, kind: body.kind, other: body.otherPartyId } } };
  });
}

export function removePartyRelation(ctx: AppContext, actor: Actor, id: string, relationId: string, lang: string, ip: string | null): Promise<PartyDetail> {
  return change(ctx, actor, ip, lang, async (tx) => {
    await usableParty(tx, actor, id);
    const gone = await tx.delete(partyRelations).where(and(
      eq(partyRelations.id, relationId), or(eq(partyRelations.fromPartyId, id), eq(partyRelations.toPartyId, id)), eq(partyRelations.organisationId, actor.organisationId))).returning();
    if (gone.length === 0) throw notFound('relation');
    return { partyId: id, audit: { action: 'party.relation_remove', details: { relation: relationId, kind: gone[0]!.kind } } };
  });
}

