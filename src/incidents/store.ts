/** SQL for incidents and violations, and nothing else: no policy, no HTTP, no encryption. */
import { and, asc, count, desc, eq, exists, gte, ilike, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../platform/db/database.ts';
import type { IncidentScope } from '../policy/policy.ts';
import type { IncidentListQuery, VictimTally } from '../shared/incident.ts';
import { users } from '../identity/tables.ts';
import { searchCondition } from './search.ts';
import { incidents, referenceCounters, violations } from './tables.ts';

export type IncidentRow = typeof incidents.$inferSelect;
export type IncidentInsert = typeof incidents.$inferInsert;
export type ViolationRow = typeof violations.$inferSelect;
export interface ViolationInput { form: string; victims: VictimTally }

export async function nextReference(tx: DbOrTx, organisationId: string, orgCode: string, year: number): Promise<string> {
  const [row] = await tx.insert(referenceCounters).values({ organisationId, year, next: 2 })
    .onConflictDoUpdate({ target: [referenceCounters.organisationId, referenceCounters.year], set: { next: sql`${referenceCounters.next} + 1` } })
    .returning({ next: referenceCounters.next });
  return `${orgCode}-${year}-${String(row!.next - 1).padStart(4, '0')}`;
}

/** Reserves `n` consecutive references of one organisation and year in one statement (bulk imports). */
export async function reserveReferences(tx: DbOrTx, organisationId: string, orgCode: string, year: number, n: number): Promise<string[]> {
  const [row] = await tx.insert(referenceCounters).values({ organisationId, year, next: n + 1 })
    .onConflictDoUpdate({ target: [referenceCounters.organisationId, referenceCounters.year], set: { next: sql`${referenceCounters.next} + ${n}` } })
    .returning({ next: referenceCounters.next });
  const first = row!.next - n;
  return Array.from({ length: n }, (_, i) => `${orgCode}-${year}-${String(first + i).padStart(4, '0')}`);
}

/** Which of these external ids the organisation already holds (deleted records included: never recreated). */
export async function existingExternalIds(db: DbOrTx, organisationId: string, externalIds: readonly string[]): Promise<Set<string>> {
  return new Set((await importedRecords(db, organisationId, externalIds)).keys());
}

/** The records behind these external ids, with what a re-import compares (deleted records included: never recreated). */
export async function importedRecords(db: DbOrTx, organisationId: string, externalIds: readonly string[]) {
  const out = new Map<string, { id: string; reference: string; importDigest: string | null; verificationStatus: string; deleted: boolean }>();
  if (externalIds.length === 0) return out;
  // One array parameter, not one parameter per id: a batch of thousands is planned and sent as one value.
  const rows = await db.select({ id: incidents.id, externalId: incidents.externalId, reference: incidents.reference, importDigest: incidents.importDigest, verificationStatus: incidents.verificationStatus, deletedAt: incidents.deletedAt })
    .from(incidents).where(and(eq(incidents.organisationId, organisationId), sql`${incidents.externalId} = ANY(${sql.param([...externalIds])}::text[])`));
  for (const r of rows) out.set(r.externalId!, { id: r.id, reference: r.reference, importDigest: r.importDigest, verificationStatus: r.verificationStatus, deleted: r.deletedAt !== null });
  return out;
}

export async function insertIncident(tx: DbOrTx, row: IncidentInsert): Promise<IncidentRow> {
  const [inserted] = await tx.insert(incidents).values(row).returning();
  return inserted!;
}

export async function replaceViolations(tx: DbOrTx, organisationId: string, incidentId: string, list: ViolationInput[]): Promise<ViolationRow[]> {
  // Every statement names the organisation, even where the caller has already checked it: defence in depth.
  await tx.delete(violations).where(and(eq(violations.organisationId, organisationId), eq(violations.incidentId, incidentId)));
  if (list.length === 0) return [];
  return tx.insert(violations).values(list.map((v, position) => ({ organisationId, incidentId, position, form: v.form, ...v.victims }))).returning();
}

export async function findIncident(db: DbOrTx, organisationId: string, id: string, opts: { forUpdate?: boolean } = {}) {
  // Deleted records are gone for every use case; only their history and the audit log keep them.
  const q = db.select().from(incidents).where(and(eq(incidents.organisationId, organisationId), eq(incidents.id, id), isNull(incidents.deletedAt))).limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) return null;
  const vs = await db.select().from(violations)
    .where(and(eq(violations.organisationId, organisationId), eq(violations.incidentId, id))).orderBy(asc(violations.position));
  return { row, violations: vs };
}

/** Optimistic concurrency: updates only if the stored version is the one the caller edited. */
export async function updateIncidentRow(tx: DbOrTx, organisationId: string, id: string, expectedVersion: number, set: Partial<IncidentInsert>): Promise<IncidentRow | null> {
  const [row] = await tx.update(incidents).set({ ...set, version: expectedVersion + 1, updatedAt: new Date() })
    .where(and(eq(incidents.organisationId, organisationId), eq(incidents.id, id), eq(incidents.version, expectedVersion))).returning();
  return row ?? null;
}

/** The records an actor may see (not deleted), as SQL: shared by lists, exports and duplicate review. */
export function scopeCondition(scope: IncidentScope): SQL {
  const org = and(eq(incidents.organisationId, scope.organisationId), isNull(incidents.deletedAt))!;
  if (scope.all) return org;
  const own = eq(incidents.createdBy, scope.createdBy);
  const visible = scope.orAssignedTo ? or(own, sql`${scope.createdBy}::uuid = ANY(${incidents.assignedTo})`)! : own;
  return and(org, visible)!;
}

/** Verified after the end of the quarter of the incident's last day (see verification.ts, same rule). */
const LATE_VERIFICATION = sql`(${incidents.verificationStatus} = 'verified' and ${incidents.decidedAt} is not null and (${incidents.decidedAt} at time zone 'UTC')::date > (date_trunc('quarter', coalesce(${incidents.occurredTo}, ${incidents.occurredFrom})) + interval '3 months' - interval '1 day')::date)`;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const SORTS = {
  occurredFrom: [asc(incidents.occurredFrom), asc(incidents.reference)],
  '-occurredFrom': [desc(incidents.occurredFrom), desc(incidents.reference)],
  reference: [asc(incidents.reference)],
  '-reference': [desc(incidents.reference)],
  updatedAt: [asc(incidents.updatedAt), asc(incidents.id)],
  '-updatedAt': [desc(incidents.updatedAt), desc(incidents.id)],
  createdAt: [asc(incidents.createdAt), asc(incidents.id)],
  '-createdAt': [desc(incidents.createdAt), desc(incidents.id)],
} satisfies Record<IncidentListQuery['sort'], SQL[]>;

/** The filters lists and exports share (everything in a list query but paging and sorting). */
export type IncidentFilters = Omit<IncidentListQuery, 'page' | 'pageSize' | 'sort'>;

function filterCondition(db: DbOrTx, scope: IncidentScope, q: IncidentFilters): SQL {
  const where: SQL[] = [scopeCondition(scope)];
  if (q.status?.length) where.push(inArray(incidents.verificationStatus, q.status));
  if (q.country) where.push(eq(incidents.country, q.country));
  if (q.admin1) where.push(eq(incidents.admin1, q.admin1));
  // An incident overlaps the period when it started before its end and ended (or started) after its start.
  if (q.from) where.push(gte(sql`coalesce(${incidents.occurredTo}, ${incidents.occurredFrom})`, q.from));
  if (q.to) where.push(lte(incidents.occurredFrom, q.to));
  if (q.form?.length) {
    where.push(exists(db.select({ one: sql`1` }).from(violations)
      .where(and(eq(violations.incidentId, incidents.id), inArray(violations.form, q.form)))));
  }
  if (q.party) where.push(ilike(incidents.perpetratorParty, `%${likeEscape(q.party)}%`));
  if (q.partyId) where.push(sql`${q.partyId}::uuid = ANY(${incidents.partyIds})`);
  if (q.victim?.length) where.push(or(...q.victim.map((c) => sql`${incidents[c]} > 0`))!);
  if (q.sourceOrg) {
    where.push(sql`exists (select 1 from jsonb_array_elements(${incidents.sources}) s where s->>'organisation' ilike ${`%${likeEscape(q.sourceOrg)}%`})`);
  }
  const search = q.q ? searchCondition(q.q) : undefined;
  if (search) where.push(search);
  if (q.late !== undefined) where.push(q.late ? LATE_VERIFICATION : sql`not (${LATE_VERIFICATION})`);
  return and(...where)!;
}

/** Distinct forms of each incident, in one query. */
export async function formsOf(db: DbOrTx, organisationId: string, ids: string[]): Promise<Map<string, string[]>> {
  const forms = new Map<string, string[]>();
  if (ids.length === 0) return forms;
  const vs = await db.selectDistinct({ incidentId: violations.incidentId, form: violations.form }).from(violations)
    .where(and(eq(violations.organisationId, organisationId), inArray(violations.incidentId, ids))).orderBy(asc(violations.form));
  for (const v of vs) forms.set(v.incidentId, [...(forms.get(v.incidentId) ?? []), v.form]);
  return forms;
}

export async function listIncidentRows(db: DbOrTx, scope: IncidentScope, q: IncidentListQuery) {
  const condition = filterCondition(db, scope, q);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(incidents).where(condition);
  const rows = await db.select().from(incidents).where(condition).orderBy(...SORTS[q.sort])
    .limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  return { rows, total, forms: await formsOf(db, scope.organisationId, rows.map((r) => r.id)) };
}

export async function countIncidents(db: DbOrTx, scope: IncidentScope, q: IncidentFilters, extra?: SQL): Promise<number> {
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(incidents).where(and(filterCondition(db, scope, q), extra));
  return total;
}

/**
 * One batch of everything matching, in a stable order, after the given row (keyset paging: no offset, so
 * an export of a million rows costs the same per batch as the first one, and there is no cap).
 */
export async function incidentBatch(db: DbOrTx, scope: IncidentScope, q: IncidentFilters, after: { occurredFrom: string; id: string } | null, limit: number, extra?: SQL) {
  // Keyed on (date, id): both compare exactly (a timestamp parameter would lose microseconds).
  const keyset = after ? sql`(${incidents.occurredFrom}, ${incidents.id}) > (${after.occurredFrom}::date, ${after.id}::uuid)` : undefined;
  const rows = await db.select().from(incidents).where(and(filterCondition(db, scope, q), extra, keyset))
    .orderBy(asc(incidents.occurredFrom), asc(incidents.id)).limit(limit);
  return { rows, forms: await formsOf(db, scope.organisationId, rows.map((r) => r.id)) };
}

/**
 * How many violations the matching incidents hold: the rows of a per-violation export. When the filter names
 * forms, only violations of those forms count (and are exported), so a form's rows add up to that form.
 */
export async function countViolations(db: DbOrTx, scope: IncidentScope, q: IncidentFilters, extra?: SQL): Promise<number> {
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(violations)
    .innerJoin(incidents, and(eq(violations.organisationId, incidents.organisationId), eq(violations.incidentId, incidents.id)))
    .where(and(filterCondition(db, scope, q), extra, q.form?.length ? inArray(violations.form, q.form) : undefined));
  return total;
}

/** The violations of the given incidents in their recorded order (only of these forms, when given). */
export async function violationsOf(db: DbOrTx, organisationId: string, ids: readonly string[], forms?: readonly string[]): Promise<Map<string, ViolationRow[]>> {
  const out = new Map<string, ViolationRow[]>();
  if (ids.length === 0) return out;
  const rows = await db.select().from(violations)
    .where(and(eq(violations.organisationId, organisationId), inArray(violations.incidentId, [...ids]), forms?.length ? inArray(violations.form, [...forms]) : undefined))
    .orderBy(asc(violations.incidentId), asc(violations.position));
  for (const v of rows) out.set(v.incidentId, [...(out.get(v.incidentId) ?? []), v]);
  return out;
}

/** References of the given records of one organisation (for exports naming the record a row is linked to). */
export async function referencesOf(db: DbOrTx, organisationId: string, ids: readonly string[], extra?: SQL): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: incidents.id, reference: incidents.reference }).from(incidents)
    .where(and(eq(incidents.organisationId, organisationId), inArray(incidents.id, [...new Set(ids)]), extra));
  return new Map(rows.map((r) => [r.id, r.reference]));
}

/** Only records whose consent allows sharing with the MARA working group. */
export const sharedWithWorkingGroup = sql`'mara_working_group' = ANY(${incidents.consent})`;

export async function usersInOrganisation(db: DbOrTx, organisationId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: users.id }).from(users).where(and(eq(users.organisationId, organisationId), inArray(users.id, [...ids])));
  return new Set(rows.map((r) => r.id));
}
