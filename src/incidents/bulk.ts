/**
 * Recording many incidents at once (imports): the same rules as one at a time (the input is a validated
 * IncidentCreate, nothing born decided, identifying fields sealed under a data key per record, version 1
 * kept), in set-based statements, with one audit entry per batch naming the import and the references.
 * Records whose external id the organisation already holds are skipped, never changed or recreated.
 *
 * Two steps, so that an import can seal the next batch while the database writes this one: a `BulkSealer`
 * is CPU only (keys, sealing, rows), `createIncidentsBulk` runs in the batch's transaction (the known ids
 * again, references, COPY of the three tables, the audit entry). Either all of a batch is written or none.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../platform/context.ts';
import type { Tx } from '../platform/db/database.ts';
import { CopyRows, type CopyIn } from '../platform/db/copy.ts';
import { appendAudit, auditActor } from '../platform/audit/audit.ts';
import { withNewDataKey } from '../platform/crypto/envelope.ts';
import { AppError } from '../platform/http/errors.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import type { IncidentCreate } from '../shared/incident.ts';
import { existingExternalIds, reserveReferences } from './store.ts';
import { incidents, incidentVersions, violations } from './tables.ts';
import { clearColumns, recordContext, sensitiveOf } from './support.ts';
import { isDecided } from './verification.ts';
import { versionRow } from './versions.ts';

/** One record to create; `digest` is the keyed hash of what the import gave it (a re-import compares it). */
export interface BulkItem { input: IncidentCreate; externalId: string; digest?: string }

/** A batch sealed by a `BulkSealer`, for `createIncidentsBulk`: per record its external id and year, rows encoded. */
export interface SealedBatch {
  organisationId: string;
  actor: Actor;
  externalIds: string[];
  years: number[];
  /** Where each record's violations end among the violation rows (they start where the record before's end). */
  violationEnds: number[];
  rows: { incidents: CopyRows<typeof incidents>; violations: CopyRows<typeof violations>; versions: CopyRows<typeof incidentVersions> } | null;
}

/**
 * Seals records one at a time as an import converts them, each under its own new data key, and encodes
 * their rows for COPY (CPU only: no database). Nothing of a record stays as objects but its external id and
 * year: the rest is bytes, in a few buffers per batch.
 */
export class BulkSealer {
  readonly batch: SealedBatch;

  constructor(private readonly ctx: AppContext, actor: Actor, private readonly org: { id: string }) {
    authorize(actor, 'incident:import');
    this.batch = { organisationId: org.id, actor, externalIds: [], years: [], violationEnds: [], rows: null };
  }

  get size(): number { return this.batch.externalIds.length; }

  add({ input, externalId, digest }: BulkItem): void {
    const { ctx, org, batch } = this;
    const { actor } = batch;
    if (isDecided(input.verification.status) || input.assignedTo.length) {
      throw new AppError(400, 'four_eyes', 'imported incidents are reported or pending and unassigned; a coordinator decides them afterwards');
    }
    const id = randomUUID();
    // The record's identifying fields and its version 1 sealed under its one key, used while still open.
    const { wrappedKey, result } = withNewDataKey(ctx.master, recordContext(id), (sealer, wrapped) => ({
      sensitiveEnc: sealer(recordContext(id), sensitiveOf(input)),
      version: versionRow(ctx.master, { organisationId: org.id, incidentId: id, version: 1, action: 'create', changedBy: actor.userId, changedFields: [], snapshot: input, wrappedKey: wrapped }, sealer),
    }));
    const incident = { id, organisationId: org.id, createdBy: actor.userId, externalId, importDigest: digest ?? null, ...clearColumns(input), wrappedKey, sensitiveEnc: result.sensitiveEnc };
    // Ids given here rather than by the columns' default (gen_random_uuid(), volatile): with a volatile
    // default to fill, COPY inserts row by row instead of in multi-row groups.
    const vs = input.violations.map((v, position) => ({ id: randomUUID(), organisationId: org.id, incidentId: id, position, form: v.form, ...v.victims }));
    const version = { id: randomUUID(), ...result.version };
    const rows = batch.rows ??= {
      incidents: CopyRows.of(incidents, incident, 'reference'), violations: CopyRows.of(violations, vs[0]!), versions: CopyRows.of(incidentVersions, version),
    };
    rows.incidents.add(incident);
    for (const v of vs) rows.violations.add(v);
    rows.versions.add(version);
    batch.externalIds.push(externalId);
    batch.years.push(Number(input.occurredFrom.slice(0, 4)));
    batch.violationEnds.push(rows.violations.count);
  }
}

export async function createIncidentsBulk(tx: Tx, copy: CopyIn, org: { id: string; code: string }, batch: SealedBatch, details: Record<string, unknown>): Promise<{ created: number; skipped: number }> {
  const { actor, rows, externalIds } = batch;
  authorize(actor, 'incident:import');
  if (batch.organisationId !== org.id) throw new Error('a batch is written for the organisation it was sealed for');
  // Known ids again, inside the transaction: another import may have recorded some since the batch was read.
  const known = await existingExternalIds(tx, org.id, externalIds);
  const fresh = externalIds.flatMap((e, i) => (known.has(e) ? [] : [i]));
  if (fresh.length === 0 || !rows) return { created: 0, skipped: externalIds.length };
  // References in sequence per year of occurrence, reserved in one statement per year; rows written in that order.
  const byYear = new Map<number, number[]>();
  for (const i of fresh) {
    const group = byYear.get(batch.years[i]!);
    if (group) group.push(i);
    else byYear.set(batch.years[i]!, [i]);
  }
  const order: number[] = [];
  const references: string[] = [];
  for (const [year, group] of [...byYear].sort((a, b) => a[0] - b[0])) {
    references.push(...await reserveReferences(tx, org.id, org.code, year, group.length));
    order.push(...group);
  }
  // One COPY per table, incidents first (the other two refer to them).
  await copy(rows.incidents.data(order, references));
  await copy(rows.violations.data(order.flatMap((i) => range(i ? batch.violationEnds[i - 1]! : 0, batch.violationEnds[i]!))));
  await copy(rows.versions.data(order));
  await appendAudit(tx, auditActor(actor, null), {
    action: 'incident.import', entityType: 'incident',
    details: { ...details, created: order.length, skipped: known.size, references },
  });
  return { created: order.length, skipped: externalIds.length - order.length };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
