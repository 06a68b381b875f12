/**
 * Writing the shared reference layer (reference.ts) into the registry, keyed on the UCDP actor id: parties
 * missing are added, parties whose data the files now say otherwise are updated, names and ids missing are
 * added; nothing is ever removed (an organisation's records may name a party), and a second run changes
 * nothing. One transaction, under a lock, audited with its counts. Also: search keys kept current at start.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../platform/db/database.ts';
import { appendAudit, type AuditActor } from '../platform/audit/audit.ts';
import type { PartySeedReport } from '../shared/parties.ts';
import { referenceParties, type ReferenceData, type ReferenceParty } from './reference.ts';
import { partyKeys } from './search-key.ts';
import { parties, partyExternalIds, partyNames } from './tables.ts';

type PartyRow = typeof parties.$inferSelect;

/** Inserts in slices well under PostgreSQL's 65,535 parameters per statement. */
async function insertAll<T>(rows: readonly T[], write: (slice: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await write(rows.slice(i, i + 1000));
}

const fields = (p: ReferenceParty) => ({
  name: p.name, shortName: p.shortName, category: p.category, countries: p.countries, activeFrom: p.activeFrom, activeTo: p.activeTo, source: p.source,
});
const same = (row: PartyRow, p: ReferenceParty) => {
  const want = fields(p);
  return row.name === want.name && row.shortName === want.shortName && row.category === want.category && row.activeFrom === want.activeFrom
    && row.activeTo === want.activeTo && row.source === want.source && row.countries.join(',') === want.countries.join(',');
};

async function writeParties(tx: Tx, data: ReferenceData): Promise<{ ids: Map<string, string>; added: number; updated: number }> {
  const known = await tx.select({ ucdp: partyExternalIds.value, party: parties }).from(partyExternalIds)
    .innerJoin(parties, eq(parties.id, partyExternalIds.partyId))
    .where(and(eq(partyExternalIds.scheme, 'ucdp_actor'), isNull(partyExternalIds.organisationId)));
  const byUcdp = new Map(known.map((k) => [k.ucdp, k.party]));
  const ids = new Map<string, string>();
  const fresh: (typeof parties.$inferInsert)[] = [];
  let updated = 0;
  for (const p of data.parties) {
    const row = byUcdp.get(p.ucdpId);
    if (!row) {
      const id = randomUUID();
      ids.set(p.ucdpId, id);
      fresh.push({ id, organisationId: null, status: 'confirmed', ...fields(p) });
      continue;
    }
    ids.set(p.ucdpId, row.id);
    if (same(row, p)) continue;
    await tx.update(parties).set({ ...fields(p), updatedAt: new Date() }).where(eq(parties.id, row.id));
    updated++;
  }
  await insertAll(fresh, (slice) => tx.insert(parties).values(slice));
  return { ids, added: fresh.length, updated };
}

async function writeNames(tx: Tx, data: ReferenceData, ids: Map<string, string>): Promise<number> {
  const have = new Set((await tx.select({ party: partyNames.partyId, key: partyNames.exactKey }).from(partyNames).where(isNull(partyNames.organisationId)))
    .map((r) => `${r.party} ${r.key}`));
  const rows = data.parties.flatMap((p) => p.names.map((n) => ({ partyId: ids.get(p.ucdpId)!, organisationId: null, ...n, ...partyKeys(n.name) })))
    .filter((r) => !have.has(`${r.partyId} ${r.exactKey}`));
  await insertAll(rows, (slice) => tx.insert(partyNames).values(slice));
  return rows.length;
}

async function writeIds(tx: Tx, data: ReferenceData, ids: Map<string, string>): Promise<number> {
  const have = new Set((await tx.select({ party: partyExternalIds.partyId, scheme: partyExternalIds.scheme, value: partyExternalIds.value })
    .from(partyExternalIds).where(isNull(partyExternalIds.organisationId))).map((r) => `${r.party} ${r.scheme} ${r.value}`));
  const rows = data.parties.flatMap((p) => p.ids.map((x) => ({ partyId: ids.get(p.ucdpId)!, organisationId: null, ...x })))
    .filter((r) => !have.has(`${r.partyId} ${r.scheme} ${r.value}`));
  await insertAll(rows, (slice) => tx.insert(partyExternalIds).values(slice));
  return rows.length;
}

/** Seeds (or brings up to date) the reference parties; `actor` is who asked (a coordinator, the CLI, the demo). */
export async function seedReferenceParties(db: Db, actor: AuditActor, data: ReferenceData = referenceParties()): Promise<PartySeedReport> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('salama:parties-seed'))`);
    const { ids, added, updated } = await writeParties(tx, data);
    const report: PartySeedReport = {
      parties: { added, updated, unchanged: data.parties.length - added - updated },
      names: { added: await writeNames(tx, data, ids) },
      externalIds: { added: await writeIds(tx, data, ids) },
      skipped: data.skipped,
    };
    await appendAudit(tx, actor, { action: 'parties.seed', entityType: 'party', details: { ...report }, organisationId: actor.organisationId });
    return report;
  });
}

/**
 * Search keys where they are stale (the folding rules in places/fold.ts or search-key.ts changed since they
 * were written): recomputed in JavaScript, written in one statement; nothing is written when all are current.
 */
export async function refreshPartySearchKeys(db: Db): Promise<number> {
  const rows = await db.select({ id: partyNames.id, name: partyNames.name, searchKey: partyNames.searchKey, exactKey: partyNames.exactKey }).from(partyNames);
  const stale = rows.map((r) => ({ id: r.id, ...partyKeys(r.name), was: r })).filter((r) => r.searchKey !== r.was.searchKey || r.exactKey !== r.was.exactKey);
  if (stale.length === 0) return 0;
  await db.execute(sql`UPDATE party_names n SET search_key = t.search_key, exact_key = t.exact_key
    FROM unnest(${sql.param(stale.map((r) => r.id))}::uuid[], ${sql.param(stale.map((r) => r.searchKey))}::text[], ${sql.param(stale.map((r) => r.exactKey))}::text[])
      AS t(id, search_key, exact_key)
    WHERE n.id = t.id`);
  return stale.length;
}
