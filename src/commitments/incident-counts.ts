/**
 * The incidents attributed to a party, by quarter (of the date the incident began) and form, over the
 * records the reader may read (a coordinator: the organisation's; a monitor or partner: their own and
 * assigned ones): every reported incident or verified only; with `units=true`, the incidents of its units
 * too (brigades under an army). Counted by the analysis engine (src/stats/engine.ts) with its counting rules,
 * so the party page and the dashboards give the same numbers: deleted records and linked duplicates are not
 * counted, incidents found not to have occurred are not "reported" ones, and sexual exploitation and abuse by
 * UN or humanitarian personnel is its own track: under its form, never in the CRSV total.
 */
import type { AppContext } from '../platform/context.ts';
import { auditActor, recordAudit } from '../platform/audit/audit.ts';
import { notFound } from '../platform/http/errors.ts';
import { findParty } from '../parties/store.ts';
import { authorize, incidentScope, type Actor } from '../policy/policy.ts';
import { type IncidentCounts, type IncidentCountsQuery, type QuarterCount } from '../shared/compliance.ts';
import type { CountingChoice } from '../shared/stats.ts';
import { count } from '../stats/engine.ts';

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
  const choice = (track: CountingChoice['track']): CountingChoice => ({
    unit: 'incidents', date: 'occurred', records: query.verified ? 'verified' : 'reported', track, rollup: query.units,
  });
  const filters = { party: [partyId] };
  const [crsv, crsvForms, seaForms] = await Promise.all([
    count(ctx.db, { choice: choice('crsv'), filters, by: ['period'], grain: 'quarter', scope }),
    count(ctx.db, { choice: choice('crsv'), filters, by: ['period', 'form'], grain: 'quarter', scope }),
    count(ctx.db, { choice: choice('sea'), filters, by: ['period', 'form'], grain: 'quarter', scope }),
  ]);
  const byForm = [...crsvForms.rows, ...seaForms.rows];
  const known = [...new Set(byForm.map((r) => r.key[0]!))].sort();
  const quarters: QuarterCount[] = known.length === 0 ? [] : quartersBetween(known[0]!, known.at(-1)!).map((q) => ({
    quarter: q,
    incidents: crsv.rows.find((r) => r.key[0] === q)?.value ?? 0,
    byForm: Object.fromEntries(byForm.filter((r) => r.key[0] === q).map((r) => [r.key[1]!, r.value])),
  }));
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'party.incident_counts', entityType: 'party', entityId: partyId, details: { verifiedOnly: query.verified, units: query.units, quarters: quarters.length } });
  return { verifiedOnly: query.verified, units: query.units, scope: scope.all ? 'organisation' : 'own_records', quarters, total: crsv.total };
}
