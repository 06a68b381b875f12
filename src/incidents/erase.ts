/**
 * Erasure when a survivor withdraws consent: the record's data key is destroyed (crypto-shredding), so its
 * narrative, locality and coordinates, in this and every earlier version, can no longer be read from the
 * database by anyone; the ciphertext goes too. A backup taken before the erasure still holds the wrapped
 * key until it is rotated out (see docs/SECURITY.md). What remains is the restricted part, kept only
 * within the consent that remains. A coordinator does it, with a reason; it is audited.
 */
import type { AppContext } from '../platform/context.ts';
import { appendAudit, auditActor } from '../platform/audit/audit.ts';
import { AppError, conflict } from '../platform/http/errors.ts';
import type { Actor } from '../policy/policy.ts';
import type { IncidentDetail, IncidentErase } from '../shared/incident.ts';
import { narrowingProblem } from './consent.ts';
import { presentDetail } from './presenter.ts';
import { updateIncidentRow } from './store.ts';
import { asInput, decrypt, loadVisible, NO_SENSITIVE } from './support.ts';
import { sealedChanges } from './history-diff.ts';
import { eraseVersions, writeVersion } from './versions.ts';


export async function eraseIncident(ctx: AppContext, actor: Actor, id: string, body: IncidentErase, ip: string | null): Promise<IncidentDetail> {
  const { row, violations } = await loadVisible(ctx, actor, id, 'incident:erase', ip);
  if (row.erasedAt) throw new AppError(409, 'erased', 'the identifying part of this incident was already erased');
  if (row.version !== body.version) throw conflict('version_conflict', `version: the incident was changed by someone else (now version ${row.version}); reload it first`);
  const problem = narrowingProblem(row.consent, body.remainingConsent);
  if (problem) throw new AppError(400, 'validation_failed', problem, [{ field: 'remainingConsent', code: 'consent_widened' }]);
  const before = asInput(presentDetail(row, violations, decrypt(ctx, row)));
  return ctx.db.transaction(async (tx) => {
    const erased = await updateIncidentRow(tx, row.organisationId, id, body.version, {
      wrappedKey: null, sensitiveEnc: null, erasedAt: new Date(), erasedBy: actor.userId, consent: body.remainingConsent,
      // The import's digest covered the erased content too: it goes with it (a re-import then compares field by field).
      importDigest: null,
    });
    if (!erased) throw conflict('version_conflict', 'version: the incident was changed by someone else; reload it first');
    await eraseVersions(tx, row.organisationId, id);
    const detail = presentDetail(erased, violations, NO_SENSITIVE);
    await writeVersion(tx, ctx.master, {
      organisationId: row.organisationId, incidentId: id, version: erased.version, action: 'erase', changedBy: actor.userId,
      changedFields: ['narrative', 'place', 'survivors', 'consent'], snapshot: asInput(detail), wrappedKey: null,
      sealedChanges: sealedChanges(before, asInput(detail)),
    });
    await appendAudit(tx, auditActor(actor, ip), {
      action: 'incident.erase', entityType: 'incident', entityId: id,
      details: { reference: row.reference, version: erased.version, remainingConsent: body.remainingConsent },
    });
    return detail;
  });
}
