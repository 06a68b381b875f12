/** The organisation's disclosure-control settings, from the one module every capability asks (organisation/settings.ts). */
import type { DbOrTx } from '../platform/db/database.ts';
import { loadRules } from '../organisation/settings.ts';
import type { DisclosureSettings } from '../shared/organisation.ts';

export async function protectionSettings(db: DbOrTx, organisationId: string): Promise<DisclosureSettings> {
  return (await loadRules(db, organisationId)).disclosure;
}
