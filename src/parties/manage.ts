/**
 * Changing the registry: proposing a party (anyone who records: the organisation's own, unconfirmed),
 * creating, editing and confirming the organisation's own parties (coordinators). Reference parties are
 * read-only for organisations: an organisation adds its own aliases, ids and relations to them (names.ts),
 * never changes theirs. Every change is one transaction with its audit entry.
 */
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { Tx } from '../platform/db/database.ts';
import { appendAudit, auditActor } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import type { IssueParams, MessageCode } from '../shared/messages.ts';
import { periodEnd, periodStart, type PartyCreate, type PartyDetail, type PartyNameInput, type PartyPatch, type PartyPropose } from '../shared/parties.ts';
import { partyKeys } from './search-key.ts';
import { partyDetail } from './service.ts';
import { displayNames, findParty, partiesNamed, type PartyRow } from './store.ts';
import { parties, partyExternalIds, partyNames } from './tables.ts';

/** A refusal naming the field and the rule (worded by the catalogue in the reader's language). */
export const refuse = (status: number, field: string, code: MessageCode, message: string, params?: IssueParams) =>
  new AppError(status, code, `${field}: ${message}`, [{ field, code, ...(params ? { params } : {}) }]);

/** A party the organisation sees, locked for the change; merged ones refused (their data moved on). */
export async function usableParty(tx: Tx, actor: Actor, id: string, field = 'id'): Promise<PartyRow> {
  const row = await findParty(tx, actor.organisationId, id);
  if (!row) {
    if (field === 'id') throw notFound('party');
    throw refuse(400, field, 'party_unknown', 'is not a party your organisation can see');
  }
  await tx.select({ id: parties.id }).from(parties).where(eq(parties.id, id)).for('update');
  if (row.mergedInto) throw refuse(409, field, 'party_merged', 'was merged into another party: use that one');
  return row;
}

/** One of the organisation's own parties (reference parties are read-only). */
export async function ownParty(tx: Tx, actor: Actor, id: string): Promise<PartyRow> {
  const row = await usableParty(tx, actor, id);
  if (row.organisationId !== actor.organisationId) throw refuse(409, '', 'party_reference', 'reference parties are shared by every organisation and cannot be changed');
  return row;
}

/** Refuses a party of the same name (any spelling) that shares a country, or where either names none. */
async function refuseDuplicate(tx: Tx, actor: Actor, name: string, countries: readonly string[], except?: string): Promise<void> {
  const ids = ((await partiesNamed(tx, actor.organisationId, [name])).get(name) ?? []).filter((id) => id !== except);
  for (const id of ids) {
    const other = (await findParty(tx, actor.organisationId, id))!;
    const overlap = countries.length === 0 || other.countries.length === 0 || other.countries.some((c) => countries.includes(c));
    if (!overlap) continue;
    const shown = (await displayNames(tx, actor.organisationId, [other], 'en')).get(id)!.name;
    throw refuse(409, 'name', 'party_exists', `a party of this name already exists (${shown}): choose it instead`, { party: shown });
  }
}

/** Parent must be a usable party whose own parents never lead back to this one. */
async function checkParent(tx: Tx, actor: Actor, parentId: string | null | undefined, self?: string): Promise<void> {
  if (!parentId) return;
  if (parentId === self) throw refuse(400, 'parentId', 'same_party', 'cannot be the party itself');
  let row: PartyRow | null = await usableParty(tx, actor, parentId, 'parentId');
  for (let hops = 0; row?.parentId && hops < 100; hops++) {
    if (row.parentId === self) throw refuse(400, 'parentId', 'party_cycle', 'is already under this party');
    row = await findParty(tx, actor.organisationId, row.parentId);
  }
}

type NameInsert = typeof partyNames.$inferInsert;
export const nameRow = (partyId: string, organisationId: string | null, n: { name: string; language?: string | null; kind: string }, source: string, createdBy: string | null): NameInsert =>
  ({ partyId, organisationId, name: n.name, language: n.language ?? null, kind: n.kind, source, createdBy, ...partyKeys(n.name) });

/** The party's names as given, each once (the first spelling of a name is kept). */
function initialNames(partyId: string, actor: Actor, body: { name: string; language?: string | null; shortName?: string | null; names?: PartyNameInput[] }): NameInsert[] {
  const seen = new Set<string>();
  const all = [
    { name: body.name, language: body.language ?? null, kind: 'canonical' },
    ...(body.shortName ? [{ name: body.shortName, language: null, kind: 'short' }] : []),
    ...(body.names ?? []),
  ];
  return all.map((n) => nameRow(partyId, actor.organisationId, n, 'organisation', actor.userId)).filter((n) => !seen.has(n.exactKey) && !!seen.add(n.exactKey));
}

async function insertParty(tx: Tx, actor: Actor, body: PartyPropose & Partial<PartyCreate>, status: 'confirmed' | 'unconfirmed'): Promise<PartyRow> {
  await refuseDuplicate(tx, actor, body.name, body.countries);
  await checkParent(tx, actor, body.parentId);
  const [row] = await tx.insert(parties).values({
    organisationId: actor.organisationId, name: body.name, shortName: body.shortName ?? null, category: body.category, countries: [...new Set(body.countries)],
    parentId: body.parentId ?? null, activeFrom: body.activeFrom ?? null, activeTo: body.activeTo ?? null, status, source: 'organisation',
    note: body.note ?? null, createdBy: actor.userId,
  }).returning();
  await tx.insert(partyNames).values(initialNames(row!.id, actor, body));
  const ids = body.externalIds ?? [];
  if (ids.length) await tx.insert(partyExternalIds).values(ids.map((x) => ({ partyId: row!.id, organisationId: actor.organisationId, ...x, source: 'organisation', createdBy: actor.userId })));
  return row!;
}

/** From a form: the organisation's own party, unconfirmed until a coordinator confirms or merges it. */
export async function proposeParty(ctx: AppContext, actor: Actor, body: PartyPropose, lang: string, ip: string | null): Promise<PartyDetail> {
  authorize(actor, 'parties:propose');
  return ctx.db.transaction(async (tx) => {
    const row = await insertParty(tx, actor, body, 'unconfirmed');
    await appendAudit(tx, auditActor(actor, ip), { action: 'party.propose', entityType: 'party', entityId: row.id, details: { category: row.category, countries: row.countries.length } });
    return partyDetail(tx, actor.organisationId, row, lang);
  });
}

export async function createParty(ctx: AppContext, actor: Actor, body: PartyCreate, lang: string, ip: string | null): Promise<PartyDetail> {
  authorize(actor, 'parties:manage');
  return ctx.db.transaction(async (tx) => {
    const row = await insertParty(tx, actor, body, 'confirmed');
    await appendAudit(tx, auditActor(actor, ip), {
      action: 'party.create', entityType: 'party', entityId: row.id,
      details: { category: row.category, countries: row.countries.length, names: body.names.length, externalIds: body.externalIds.length, parent: row.parentId !== null },
    });
    return partyDetail(tx, actor.organisationId, row, lang);
  });
}

/** The canonical and short names follow the party's own fields. */
async function renameRows(tx: Tx, actor: Actor, before: PartyRow, body: PartyPatch): Promise<void> {
  const own = and(eq(partyNames.partyId, before.id), eq(partyNames.organisationId, actor.organisationId));
  if (body.name !== undefined || body.language !== undefined) {
    const [current] = await tx.select().from(partyNames).where(and(own, eq(partyNames.kind, 'canonical'), eq(partyNames.exactKey, partyKeys(before.name).exactKey))).limit(1);
    const next = { name: body.name ?? before.name, language: body.language === undefined ? current?.language ?? null : body.language, kind: 'canonical' };
    if (current) await tx.update(partyNames).set({ name: next.name, language: next.language, ...partyKeys(next.name) }).where(eq(partyNames.id, current.id));
    else await tx.insert(partyNames).values(nameRow(before.id, actor.organisationId, next, 'organisation', actor.userId));
  }
  if (body.shortName !== undefined && body.shortName !== before.shortName) {
    const old = before.shortName ? partyKeys(before.shortName).exactKey : null;
    if (old) await tx.delete(partyNames).where(and(own, eq(partyNames.kind, 'short'), eq(partyNames.exactKey, old)));
    if (body.shortName) await tx.insert(partyNames).values(nameRow(before.id, actor.organisationId, { name: body.shortName, language: null, kind: 'short' }, 'organisation', actor.userId));
  }
}

export async function updateParty(ctx: AppContext, actor: Actor, id: string, body: PartyPatch, lang: string, ip: string | null): Promise<PartyDetail> {
  authorize(actor, 'parties:manage');
  return ctx.db.transaction(async (tx) => {
    const before = await ownParty(tx, actor, id);
    if (body.name !== undefined && partyKeys(body.name).exactKey !== partyKeys(before.name).exactKey) await refuseDuplicate(tx, actor, body.name, body.countries ?? before.countries, id);
    if (body.parentId !== undefined) await checkParent(tx, actor, body.parentId, id);
    const from = body.activeFrom === undefined ? before.activeFrom : body.activeFrom;
    const to = body.activeTo === undefined ? before.activeTo : body.activeTo;
    if (from && to && periodEnd(to) < periodStart(from)) throw refuse(400, 'activeTo', 'before_start', 'cannot be earlier than the start', { otherField: 'activeFrom' });
    await renameRows(tx, actor, before, body);
    const changes = Object.fromEntries(Object.entries({
      name: body.name, shortName: body.shortName, category: body.category, countries: body.countries && [...new Set(body.countries)],
      parentId: body.parentId, activeFrom: body.activeFrom, activeTo: body.activeTo, note: body.note,
    }).filter(([, v]) => v !== undefined));
    const [row] = await tx.update(parties).set({ ...changes, updatedAt: new Date() }).where(eq(parties.id, id)).returning();
    await appendAudit(tx, auditActor(actor, ip), { action: 'party.update', entityType: 'party', entityId: id, details: { changed: Object.keys(changes) } });
    return partyDetail(tx, actor.organisationId, row!, lang);
  });
}

export async function confirmParty(ctx: AppContext, actor: Actor, id: string, lang: string, ip: string | null): Promise<PartyDetail> {
  authorize(actor, 'parties:manage');
  return ctx.db.transaction(async (tx) => {
    const before = await ownParty(tx, actor, id);
    if (before.status === 'confirmed') throw refuse(409, '', 'already_confirmed', 'this party is already confirmed');
    const [row] = await tx.update(parties).set({ status: 'confirmed', updatedAt: new Date() }).where(eq(parties.id, id)).returning();
    await appendAudit(tx, auditActor(actor, ip), { action: 'party.confirm', entityType: 'party', entityId: id, details: { category: row!.category } });
    return partyDetail(tx, actor.organisationId, row!, lang);
  });
}
