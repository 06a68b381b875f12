/**
 * The parties an import's mapping chooses for the values of its perpetrator party columns: checked before a
 * run (each one a party the organisation can use: one it sees, not merged into another), and given to the
 * perpetrators whose party is written that way. A value without a choice stays a name, which the registry's
 * names and the organisation's decisions link when the batch is recorded (incidents/party-links/link.ts).
 */
import { AppError } from '../platform/http/errors.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { current } from '../parties/links.ts';
import { cellValue, isPartyChoice, type ImportMapping } from '../shared/import.ts';
import type { Perpetrator } from '../shared/incident.ts';

/** The link a written party takes from the mapping: a party, an explicit choice, or nothing (left to the registry). */
export function mappedParty(mapping: ImportMapping, written: string): Pick<Perpetrator, 'partyId' | 'partyChoice'> {
  if (!written) return {};
  const target = mapping.parties[written] ?? mapping.parties[cellValue(written)];
  if (target === undefined) return {};
  return isPartyChoice(target) ? { partyChoice: target } : { partyId: target };
}

/** Refuses, naming each value, a mapping whose chosen parties the organisation cannot see or that were merged away. */
export async function checkMappedParties(db: DbOrTx, organisationId: string, mapping: ImportMapping): Promise<void> {
  const chosen = Object.entries(mapping.parties).filter(([, target]) => !isPartyChoice(target));
  if (chosen.length === 0) return;
  const now = await current(db, organisationId, chosen.map(([, id]) => id));
  const issues = chosen.flatMap(([value, id]) => {
    const at = now.get(id);
    if (at === id) return [];
    return [at === undefined
      ? { field: `mapping.parties.${value}`, code: 'party_unknown' as const, message: 'is not a party your organisation can see' }
      : { field: `mapping.parties.${value}`, code: 'party_merged' as const, message: 'was merged into another party: use that one' }];
  });
  if (issues.length) {
    throw new AppError(400, 'validation_failed', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues.map(({ field, code }) => ({ field, code })));
  }
}
