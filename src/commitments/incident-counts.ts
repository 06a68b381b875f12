/**
 * The incidents attributed to a party, by quarter (of the date the incident began) and form, over the
 * records the reader may read (a coordinator: the organisation's; a monitor or partner: their own and
 * assigned ones): alleged (every record) or verified only. Deleted records and linked duplicates are not
 * counted. Sexual exploitation and abuse by UN or humanitarian personnel is its own track: under its form,
 * never in the CRSV total.
 *
 * TO BE REPLACED BY THE ANALYSIS ENGINE (issue: analysis). This is a plain SQL query standing in until the
 * aggregation engine exists; when it lands, these counts must come from it, so the party page and the
 * dashboards give the same numbers (and the engine's disclosure rules apply).
 *
 * Attribution is the derived `incidents.party_ids` (every party a perpetrator links to; GIN-indexed): the
 * party itself, not its units (a brigade's incidents are the brigade's).
 */
import { and, arrayContains, eq, isNull, ne, sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import { auditActor, recordAudit } from '../platform/audit/audit.ts';
import { notFound } from '../platform/http/errors.ts';
import { scopeCondition } from '../incidents/store.ts';
import { incidents, violations } from '../incidents/tables.ts';
import { findParty } from '../parties/store.ts';
import { authorize, incidentScope, type Actor } from '../policy/policy.ts';
import { type IncidentCounts, type IncidentCountsQuery, type QuarterCount } from '../shared/compliance.ts';
import type { SvForm } from '../shared/taxonomy.ts';

const SEA: SvForm = 'sea_un_humanitarian';

/** Every quarter from the first to the last, inclusive ("2023-Q4", "2024-Q1", ...). */
export function quartersBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [year, q] = [Number(first.slice(0, 4)), Number(first.slice(6))];
  const end = Number(last.slice(0, 4)) * 4 + Number(last.slice(6));
  while (year * 4 + q <= end) {
    out.push(`${year}-Q${q}`);
    q = q === 4 ? 1 : q + 1;
    if (q === 1) year++;
  }
  return out;
}

export async function incidentCounts(ctx: AppContext, actor: Actor, partyId: string, query: IncidentCountsQuery, ip: string | null): Promise<IncidentCounts> {
  authorize(actor, 'commitments:incident_counts');
  const scope = incidentScope(actor);
  if (!scope || !(await findParty(ctx.db, actor.organisationId, partyId))) throw notFound('party');
  const where = and(
    scopeCondition(scope), isNull(incidents.canonicalId),
    arrayContains(incidents.partyIds, [partyId]),
    query.verified ? eq(incidents.verificationStatus, 'verified') : undefined,
  );
  const quarter = sql<string>`to_char(${incidents.occurredFrom}, 'YYYY-"Q"Q')`;
  const [byForm, crsv] = await Promise.all([
    ctx.db.select({ quarter, form: violations.form, n: sql<number>`count(DISTINCT ${incidents.id})::int` }).from(incidents)
      .innerJoin(violations, eq(violations.incidentId, incidents.id)).where(where).groupBy(sql`1`, violations.form),
    ctx.db.select({ quarter, n: sql<number>`count(DISTINCT ${incidents.id})::int` }).from(incidents)
      .innerJoin(violations, eq(violations.incidentId, incidents.id)).where(and(where, ne(violations.form, SEA))).groupBy(sql`1`),
  ]);
  const known = [...new Set(byForm.map((r) => r.quarter))].sort();
  const quarters: QuarterCount[] = known.length === 0 ? [] : quartersBetween(known[0]!, known.at(-1)!).map((q) => ({
    quarter: q,
    incidents: crsv.find((r) => r.quarter === q)?.n ?? 0,
    byForm: Object.fromEntries(byForm.filter((r) => r.quarter === q).map((r) => [r.form, r.n])),
  }));
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'party.incident_counts', entityType: 'party', entityId: partyId, details: { verifiedOnly: query.verified, quarters: quarters.length } });
  return { verifiedOnly: query.verified, scope: scope.all ? 'organisation' : 'own_records', quarters, total: quarters.reduce((n, q) => n + q.incidents, 0) };
}
