/**
 * Links the perpetrators of records being written to the parties registry, in the writer's transaction:
 * a party id sent by a form is checked (one the organisation can see; a merged duplicate becomes the party
 * it was merged into) and keeps its name beside it; a name sent without a link (imports, older clients,
 * drafts) is linked when the registry or the organisation's decisions know it (parties/links.ts), and
 * otherwise stays a name, listed for a coordinator to resolve (texts.ts). One look-up per batch.
 */
import type { DbOrTx } from '../../platform/db/database.ts';
import { badRequest } from '../../platform/http/errors.ts';
import type { Perpetrator } from '../../shared/incident.ts';
import { canonicalNames, current, linksForTexts } from '../../parties/links.ts';

const unlinkedText = (p: Perpetrator): string | null => (!p.partyId && !p.partyChoice && p.party?.trim() ? p.party.trim() : null);

/** The records with their perpetrators linked; throws 400 naming the perpetrator whose party id is not usable. */
export async function linkPerpetrators<T extends { perpetrators: Perpetrator[] }>(db: DbOrTx, organisationId: string, records: readonly T[]): Promise<T[]> {
  const all = records.flatMap((r) => r.perpetrators);
  const ids = await current(db, organisationId, all.flatMap((p) => (p.partyId ? [p.partyId] : [])));
  const names = await canonicalNames(db, [...ids.values()]);
  const links = await linksForTexts(db, organisationId, all.flatMap((p) => { const t = unlinkedText(p); return t ? [t] : []; }));
  return records.map((r, ri) => ({
    ...r,
    perpetrators: r.perpetrators.map((p, i) => {
      if (p.partyId) {
        const id = ids.get(p.partyId);
        if (!id) {
          const at = records.length > 1 ? `record ${ri + 1}, ` : '';
          throw badRequest(`perpetrators.${i}.partyId`, 'party_unknown', `${at}is not a party your organisation can see`);
        }
        return { ...p, partyId: id, party: p.party?.trim() || names.get(id) || null };
      }
      const text = unlinkedText(p);
      const link = text ? links.get(text) : undefined;
      return link ? { ...p, partyId: link.partyId, partyChoice: link.choice } : p;
    }),
  }));
}
