/**
 * Brings stored records up to what the registry and the organisation's decisions now know: every
 * perpetrator that names a party only by its written name gets the link that name has (a party, or "not
 * known" / "unidentified armed men"). Run at each start (records from before the registry, or imported while
 * a name was still undecided), after a coordinator decides a name, and after the registry is seeded.
 *
 * The written name stays beside the link, and every kept version keeps the text it was written with: the
 * history is not rewritten; a version's name is linked through the same decisions when it is read. Linking is
 * not a change of the record's content, so it makes no new version; it is audited per organisation with its
 * counts. Records are updated in pages, each in its own transaction.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { appendAudit, type AuditActor } from '../../platform/audit/audit.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import { organisations } from '../../identity/tables.ts';
import { incidents } from '../tables.ts';
import { partiesOf, partyIdsOf } from '../support.ts';
import { linkPerpetrators } from './link.ts';

const PAGE = 2000;

/** Records of the organisation with at least one perpetrator named only by text. */
export const hasUnlinkedParty = sql`jsonb_path_exists(${incidents.perpetrators},
  '$[*] ? (@.party != null && @.party != "" && (!exists(@.partyId) || @.partyId == null) && (!exists(@.partyChoice) || @.partyChoice == null))')`;

export interface RelinkResult { records: number }

/** Links what can be linked in one organisation's records; answers how many records changed. */
export async function relinkOrganisation(db: DbOrTx, organisationId: string, actor: AuditActor, reason: string): Promise<RelinkResult> {
  let after = '00000000-0000-0000-0000-000000000000';
  let records = 0;
  for (;;) {
    const rows = await db.select({ id: incidents.id, perpetrators: incidents.perpetrators }).from(incidents)
      .where(and(eq(incidents.organisationId, organisationId), gt(incidents.id, after), hasUnlinkedParty))
      .orderBy(asc(incidents.id)).limit(PAGE);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const linked = await linkPerpetrators(db, organisationId, rows.map((r) => ({ perpetrators: r.perpetrators })));
    const changed = rows.flatMap((r, i) => {
      const next = linked[i]!.perpetrators;
      return JSON.stringify(next) === JSON.stringify(r.perpetrators) ? [] : [{ id: r.id, perpetrators: next }];
    });
    if (changed.length === 0) continue;
    await db.transaction(async (tx) => {
      for (const c of changed) {
        await tx.update(incidents).set({ perpetrators: c.perpetrators, partyIds: partyIdsOf(c.perpetrators), perpetratorParty: partiesOf(c.perpetrators) })
          .where(and(eq(incidents.id, c.id), eq(incidents.organisationId, organisationId)));
      }
      await appendAudit(tx, actor, { action: 'party.records_linked', organisationId, details: { records: changed.length, reason } });
    });
    records += changed.length;
  }
  return { records };
}

const SYSTEM: AuditActor = { userId: null, kind: 'system', organisationId: null, ip: null };

/** At start: every organisation's records, linked as far as the registry and its decisions allow; answers how many changed. */
export async function relinkAll(ctx: AppContext): Promise<number> {
  let total = 0;
  for (const org of await ctx.db.select({ id: organisations.id }).from(organisations)) {
    total += (await relinkOrganisation(ctx.db, org.id, { ...SYSTEM, organisationId: org.id }, 'start')).records;
  }
  return total;
}
