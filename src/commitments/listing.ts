/**
 * A party's listing in the Secretary-General's annual reports, year by year, with the report's citation.
 * Salama records what the reports say; it never decides or suggests a listing. Readers of commitments read
 * it; coordinators record, correct and remove entries (one per party and report year), each audited.
 */
import { and, asc, eq, ne } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { DbOrTx, Tx } from '../platform/db/database.ts';
import { appendAudit, auditActor } from '../platform/audit/audit.ts';
import { notFound } from '../platform/http/errors.ts';
import { refuse, usableParty } from '../parties/manage.ts';
import { findParty } from '../parties/store.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import type { ListingEntry, ListingHistory, ListingInput, ListingPatch, ListingStatus } from '../shared/compliance.ts';
import { orNull } from './service.ts';
import { partyListings } from './tables.ts';

type ListingRow = typeof partyListings.$inferSelect;

const present = (r: ListingRow): ListingEntry => ({
  id: r.id, partyId: r.partyId, reportYear: r.reportYear, listing: r.listing as ListingStatus, reportSymbol: r.reportSymbol,
  paragraph: r.paragraph, note: r.note, recordedBy: r.recordedBy, updatedAt: r.updatedAt.toISOString(),
});

async function historyOf(db: DbOrTx, organisationId: string, partyId: string): Promise<ListingHistory> {
  const rows = await db.select().from(partyListings)
    .where(and(eq(partyListings.organisationId, organisationId), eq(partyListings.partyId, partyId))).orderBy(asc(partyListings.reportYear), asc(partyListings.createdAt));
  return { items: rows.map(present) };
}

export async function listingHistory(ctx: AppContext, actor: Actor, partyId: string): Promise<ListingHistory> {
  authorize(actor, 'commitments:read');
  if (!(await findParty(ctx.db, actor.organisationId, partyId))) throw notFound('party');
  return historyOf(ctx.db, actor.organisationId, partyId);
}

async function refuseSecondYear(tx: Tx, organisationId: string, partyId: string, year: number, except?: string): Promise<void> {
  const [other] = await tx.select({ id: partyListings.id }).from(partyListings).where(and(
    eq(partyListings.organisationId, organisationId), eq(partyListings.partyId, partyId), eq(partyListings.reportYear, year), except ? ne(partyListings.id, except) : undefined,
  )).limit(1);
  if (other) throw refuse(409, 'reportYear', 'listing_exists', 'this party already has an entry for this report: change that one', { year });
}

/** The party locked (usable: not merged away), so two entries for one year cannot race in. */
const lockedParty = (tx: Tx, actor: Actor, partyId: string) => usableParty(tx, actor, partyId);

export async function addListing(ctx: AppContext, actor: Actor, partyId: string, body: ListingInput, ip: string | null): Promise<ListingHistory> {
  authorize(actor, 'commitments:manage');
  return ctx.db.transaction(async (tx) => {
    await lockedParty(tx, actor, partyId);
    await refuseSecondYear(tx, actor.organisationId, partyId, body.reportYear);
    const [row] = await tx.insert(partyListings).values({
      organisationId: actor.organisationId, partyId, reportYear: body.reportYear, listing: body.listing, reportSymbol: body.reportSymbol,
      paragraph: orNull(body.paragraph), note: orNull(body.note), recordedBy: actor.userId,
    }).returning();
    await appendAudit(tx, auditActor(actor, ip), { action: 'party.listing_add', entityType: 'party', entityId: partyId, details: { entry: row!.id, year: body.reportYear, listing: body.listing } });
    return historyOf(tx, actor.organisationId, partyId);
  });
}

async function lockedEntry(tx: Tx, actor: Actor, partyId: string, entryId: string): Promise<ListingRow> {
  await lockedParty(tx, actor, partyId);
  const [row] = await tx.select().from(partyListings)
    .where(and(eq(partyListings.id, entryId), eq(partyListings.partyId, partyId), eq(partyListings.organisationId, actor.organisationId))).for('update');
  if (!row) throw notFound('listing entry');
  return row;
}

export async function updateListing(ctx: AppContext, actor: Actor, partyId: string, entryId: string, body: ListingPatch, ip: string | null): Promise<ListingHistory> {
  authorize(actor, 'commitments:manage');
  return ctx.db.transaction(async (tx) => {
    const before = await lockedEntry(tx, actor, partyId, entryId);
    if (body.reportYear !== undefined && body.reportYear !== before.reportYear) await refuseSecondYear(tx, actor.organisationId, partyId, body.reportYear, entryId);
    const changes = Object.fromEntries(Object.entries({
      reportYear: body.reportYear, listing: body.listing, reportSymbol: body.reportSymbol,
      paragraph: body.paragraph === undefined ? undefined : orNull(body.paragraph), note: body.note === undefined ? undefined : orNull(body.note),
    }).filter(([, v]) => v !== undefined));
    await tx.update(partyListings).set({ ...changes, updatedAt: new Date() }).where(eq(partyListings.id, entryId));
    await appendAudit(tx, auditActor(actor, ip), { action: 'party.listing_update', entityType: 'party', entityId: partyId, details: { entry: entryId, changed: Object.keys(changes) } });
    return historyOf(tx, actor.organisationId, partyId);
  });
}

export async function removeListing(ctx: AppContext, actor: Actor, partyId: string, entryId: string, ip: string | null): Promise<ListingHistory> {
  authorize(actor, 'commitments:manage');
  return ctx.db.transaction(async (tx) => {
    const before = await lockedEntry(tx, actor, partyId, entryId);
    await tx.delete(partyListings).where(eq(partyListings.id, entryId));
    await appendAudit(tx, auditActor(actor, ip), { action: 'party.listing_remove', entityType: 'party', entityId: partyId, details: { entry: entryId, year: before.reportYear, listing: before.listing } });
    return historyOf(tx, actor.organisationId, partyId);
  });
}
