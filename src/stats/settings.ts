/** The organisation's disclosure-control settings (organisation_settings; the defaults when it has none). */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../platform/db/database.ts';
import { organisationSettings } from '../organisation/tables.ts';
import type { ProtectionSettings } from './protected.ts';

export const DEFAULT_PROTECTION: ProtectionSettings = { threshold: 5, protectZeros: false };

export async function protectionSettings(db: DbOrTx, organisationId: string): Promise<ProtectionSettings> {
  const [row] = await db.select({ threshold: organisationSettings.suppressionThreshold, protectZeros: organisationSettings.protectZeros })
    .from(organisationSettings).where(eq(organisationSettings.organisationId, organisationId)).limit(1);
  return row ?? DEFAULT_PROTECTION;
}
