/**
 * The history of an incident: one row per version, written in the same transaction as the change. The
 * snapshot is the validated incident (the shape of IncidentCreate): restricted fields in clear, identifying
 * ones (narrative, locality, coordinates) sealed under the record's own data key with the version in the
 * authenticated data, so a sealed snapshot cannot be moved to another version or record.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../platform/db/database.ts';
import type { MasterKey } from '../platform/crypto/envelope.ts';
import { openWithWrappedKey, sealWithWrappedKey, type KeySealer } from '../platform/crypto/envelope.ts';
import type { IncidentCreate, IncidentVersion } from '../shared/incident.ts';
import { diffVersions, type SealedFieldPath } from './history-diff.ts';
import { incidentVersions } from './tables.ts';

export type VersionAction = 'create' | 'update' | 'delete' | 'erase' | 'decide';

const keyContext = (incidentId: string) => `incident:${incidentId}`;
const versionContext = (incidentId: string, version: number) => `incident:${incidentId}:version:${version}`;

interface Identifying { narrative: string; locality: string | null; coordinates: IncidentCreate['place']['coordinates'] | null; survivors: IncidentCreate['survivors'] }

function split(snapshot: IncidentCreate): { restricted: Record<string, unknown>; identifying: Identifying } {
  const { narrative, place, survivors, ...rest } = snapshot;
  const { locality, coordinates, ...clearPlace } = place;
  return { restricted: { ...rest, place: clearPlace }, identifying: { narrative, locality: locality ?? null, coordinates: coordinates ?? null, survivors } };
}

export interface VersionWrite {
  organisationId: string; incidentId: string; version: number; action: VersionAction; changedBy: string;
  changedFields: string[]; snapshot: IncidentCreate;
  /** The record's wrapped data key; null once erased (the version then keeps restricted fields only). */
  wrappedKey: Buffer | null;
  /** Which identifying fields this version changed (names only; history-diff.ts: sealedChanges). */
  sealedChanges?: readonly SealedFieldPath[];
}

/**
 * The row of one version (restricted part in clear, identifying part sealed); bulk writers insert many.
 * A writer that has just created the record's data key passes its sealer (same format, no second unwrap).
 */
export function versionRow(master: MasterKey, v: VersionWrite, sealer?: KeySealer): typeof incidentVersions.$inferInsert {
  const { restricted, identifying } = split(v.snapshot);
  const context = versionContext(v.incidentId, v.version);
  return {
    organisationId: v.organisationId, incidentId: v.incidentId, version: v.version, action: v.action, changedBy: v.changedBy,
    changedFields: v.changedFields, restricted, sealedChanges: v.sealedChanges ? [...v.sealedChanges] : [],
    identifyingEnc: !v.wrappedKey ? null : sealer ? sealer(context, identifying) : sealWithWrappedKey(master, keyContext(v.incidentId), v.wrappedKey, context, identifying),
  };
}

export async function writeVersion(tx: DbOrTx, master: MasterKey, v: VersionWrite): Promise<void> {
  await tx.insert(incidentVersions).values(versionRow(master, v));
}

/** Every version, oldest first; identifying parts opened only when the record's key still exists. */
/** Crypto-shredding's companion: the sealed identifying parts of every version go too (unreadable anyway). */
export async function eraseVersions(tx: DbOrTx, organisationId: string, incidentId: string): Promise<void> {
  await tx.update(incidentVersions).set({ identifyingEnc: null })
    .where(and(eq(incidentVersions.organisationId, organisationId), eq(incidentVersions.incidentId, incidentId)));
}

export async function readVersions(db: DbOrTx, master: MasterKey, organisationId: string, incidentId: string, wrappedKey: Buffer | null): Promise<IncidentVersion[]> {
  const rows = await db.select().from(incidentVersions)
    .where(and(eq(incidentVersions.organisationId, organisationId), eq(incidentVersions.incidentId, incidentId)))
    .orderBy(asc(incidentVersions.version));
  const versions = rows.map((r) => {
    const none: Identifying = { narrative: '', locality: null, coordinates: null, survivors: [] };
    // Versions sealed before individual entries existed have none.
    const identifying: Identifying = wrappedKey && r.identifyingEnc
      ? { ...none, ...openWithWrappedKey<Partial<Identifying>>(master, keyContext(incidentId), wrappedKey, versionContext(incidentId, r.version), r.identifyingEnc) }
      : none;
    const restricted = r.restricted as Omit<IncidentCreate, 'narrative' | 'survivors'> & { place: Omit<IncidentCreate['place'], 'locality' | 'coordinates'> };
    return {
      version: r.version,
      action: r.action as VersionAction,
      changedBy: r.changedBy,
      changedAt: r.changedAt.toISOString(),
      changedFields: r.changedFields,
      sealed: r.sealedChanges,
      snapshot: {
        ...restricted,
        place: { ...restricted.place, locality: identifying.locality, coordinates: identifying.coordinates },
        narrative: identifying.narrative,
        survivors: identifying.survivors,
      },
    };
  });
  // Old -> new against the version before; identifying values only when they were opened for this reader.
  return versions.map(({ sealed, ...v }, i) => {
    const before = versions[i - 1];
    const changes = before ? diffVersions(before.snapshot, v.snapshot, { identifying: wrappedKey !== null, sealed, changedFields: v.changedFields }) : [];
    return { ...v, changes };
  });
}
