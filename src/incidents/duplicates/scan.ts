/**
 * Batch detection: every live, unlinked record of an organisation is blocked and scored (the same pure
 * functions as on entry, restricted fields only), and the likely pairs replace the organisation's previous
 * list. Runs as a job, on request of a coordinator and every night. Reviewers work through the pairs
 * org-wide; a pair decided on (linked or distinct) leaves the list.
 */
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { appendAudit, recordAudit, auditActor } from '../../platform/audit/audit.ts';
import { heldNames, notHeld, runHolding } from '../../platform/jobs/holds.ts';
import { AppError } from '../../platform/http/errors.ts';
import { ForbiddenError, incidentScope, mayAttempt, type Actor } from '../../policy/policy.ts';
import type { DuplicatePairs, DuplicateScan } from '../../shared/duplicates.ts';
import { presentSummary } from '../presenter.ts';
import { formsOf } from '../store.ts';
import { duplicateCandidates, duplicateDecisions, duplicateScans, incidents, violations } from '../tables.ts';
import { Pace } from '../../platform/jobs/pace.ts';
import { decrypt } from '../support.ts';
import { findDuplicates, type Candidate } from './blocking.ts';
import { COORDINATE_MAX_POINTS } from './distance.ts';
import { frequencies, lineBefore, LIKELY_DUPLICATE, scorePair, type MatchRecord } from './score.ts';

export const DUPLICATE_SCAN_QUEUE = 'duplicates.scan';
/** A scan just requested may wait this long in the queue before its worker holds it. */
const QUEUED_GRACE_MS = 60_000;
/** The advisory lock a running scan holds (platform/jobs/holds.ts). */
const scanHold = (scanId: string) => `salama:scan:${scanId}`;
const INTERRUPTED = 'the scan did not finish (its server stopped)';
/** Org-wide review: the right to link, over every record of the organisation (coordinators). */
function authorizeOrgWide(actor: Actor): void {
  if (!mayAttempt(actor, 'incident:link') || !incidentScope(actor)?.all) throw new ForbiddenError('incident:link');
}

const presentScan = (s: typeof duplicateScans.$inferSelect): DuplicateScan => ({
  id: s.id, state: s.state as DuplicateScan['state'], records: s.records, pairs: s.pairs, error: s.error,
  startedAt: s.startedAt.toISOString(), finishedAt: s.finishedAt?.toISOString() ?? null,
});

async function lastScan(ctx: AppContext, organisationId: string) {
  const [s] = await ctx.db.select().from(duplicateScans).where(eq(duplicateScans.organisationId, organisationId)).orderBy(desc(duplicateScans.startedAt)).limit(1);
  return s ?? null;
}

/** Queues a scan of the actor's organisation, unless one is already queued or running. */
export async function requestScan(ctx: AppContext, actor: Actor | null, organisationId: string, ip: string | null): Promise<DuplicateScan> {
  if (actor) authorizeOrgWide(actor);
  if (!ctx.jobs) throw new AppError(503, 'jobs_unavailable', 'background jobs are not running on this server; try again shortly');
  const [pending] = await ctx.db.select().from(duplicateScans)
    .where(and(eq(duplicateScans.organisationId, organisationId), inArray(duplicateScans.state, ['queued', 'running']))).orderBy(desc(duplicateScans.startedAt)).limit(1);
  if (pending) {
    // A scan is pending while its worker holds it or, just requested, it waits in the queue; otherwise it
    // died with its server and is given up.
    const waiting = pending.state === 'queued' && pending.startedAt.getTime() > Date.now() - QUEUED_GRACE_MS;
    if (waiting || (await heldNames(ctx.db, [scanHold(pending.id)])).size > 0) return presentScan(pending);
    await ctx.db.update(duplicateScans).set({ state: 'failed', error: `${INTERRUPTED}; scanned again`, finishedAt: new Date() }).where(eq(duplicateScans.id, pending.id));
  }
  const [scan] = await ctx.db.insert(duplicateScans).values({ organisationId, requestedBy: actor?.userId ?? null, state: 'queued' }).returning();
  if (actor) await recordAudit(ctx.db, auditActor(actor, ip), { action: 'duplicates.scan_requested', entityType: 'duplicate_scan', entityId: scan!.id, details: {} });
  await ctx.jobs.send(DUPLICATE_SCAN_QUEUE, { scanId: scan!.id });
  return presentScan(scan!);
}

/**
 * At start, before workers run: a scan left running that no worker holds was cut off by a stop or a crash.
 * (Queued scans stay: their job is still in the queue.)
 */
export async function recoverInterruptedScans(ctx: AppContext): Promise<number> {
  const running = await ctx.db.select({ id: duplicateScans.id }).from(duplicateScans).where(eq(duplicateScans.state, 'running'));
  const orphans = await notHeld(ctx.db, running.map((r) => r.id), scanHold);
  if (orphans.length === 0) return 0;
  await ctx.db.update(duplicateScans).set({ state: 'failed', error: INTERRUPTED, finishedAt: new Date() })
    .where(and(inArray(duplicateScans.id, orphans), eq(duplicateScans.state, 'running')));
  return orphans.length;
}

/** Runs a queued scan unless another worker runs it already. */
export async function runScan(ctx: AppContext, scanId: string): Promise<void> {
  await runHolding(ctx.db, scanHold(scanId), () => runHeldScan(ctx, scanId));
}

async function runHeldScan(ctx: AppContext, scanId: string): Promise<void> {
  const [scan] = await ctx.db.update(duplicateScans).set({ state: 'running' }).where(and(eq(duplicateScans.id, scanId), eq(duplicateScans.state, 'queued'))).returning();
  if (!scan) return;
  const org = scan.organisationId;
  try {
    const rows = await ctx.db.select({
      id: incidents.id, occurredFrom: incidents.occurredFrom, occurredTo: incidents.occurredTo, country: incidents.country, admin1: incidents.admin1, admin2: incidents.admin2,
      women: incidents.women, girls: incidents.girls, men: incidents.men, boys: incidents.boys, unknown: incidents.unknown,
      party: incidents.perpetratorParty, setting: incidents.setting, timeOfDay: incidents.timeOfDay,
    }).from(incidents).where(and(eq(incidents.organisationId, org), isNull(incidents.deletedAt), isNull(incidents.canonicalId)));
    const forms = new Map<string, string[]>();
    const vs = await ctx.db.select({ incidentId: violations.incidentId, forms: sql<string[]>`array_agg(distinct ${violations.form})` }).from(violations)
      .where(eq(violations.organisationId, org)).groupBy(violations.incidentId);
    for (const v of vs) forms.set(v.incidentId, v.forms);
    const records: MatchRecord[] = rows.map((r) => ({
      id: r.id, occurredFrom: r.occurredFrom, occurredTo: r.occurredTo, country: r.country, admin1: r.admin1, admin2: r.admin2, forms: forms.get(r.id) ?? [],
      victims: { women: r.women, girls: r.girls, men: r.men, boys: r.boys, unknown: r.unknown }, party: r.party, setting: r.setting, timeOfDay: r.timeOfDay,
    }));
    const distinct = new Set((await ctx.db.select({ a: duplicateDecisions.incidentId, b: duplicateDecisions.otherId }).from(duplicateDecisions)
      .where(and(eq(duplicateDecisions.organisationId, org), eq(duplicateDecisions.decision, 'distinct'), isNull(duplicateDecisions.undoneAt))))
      .map((d) => (d.a < d.b ? `${d.a}|${d.b}` : `${d.b}|${d.a}`)));
    const pairs = (await scoreWithCoordinates(ctx, org, records)).map((c) => {
      const [a, b] = c.a.id < c.b.id ? [c.a.id, c.b.id] : [c.b.id, c.a.id];
      return { organisationId: org, incidentA: a, incidentB: b, score: c.result.score, fields: c.result.fields.map((f) => ({ ...f, points: Math.round(f.points * 100) / 100 })) };
    }).filter((p) => !distinct.has(`${p.incidentA}|${p.incidentB}`));
    await ctx.db.transaction(async (tx) => {
      await tx.delete(duplicateCandidates).where(eq(duplicateCandidates.organisationId, org));
      for (let i = 0; i < pairs.length; i += 1000) await tx.insert(duplicateCandidates).values(pairs.slice(i, i + 1000));
      await tx.update(duplicateScans).set({ state: 'done', records: records.length, pairs: pairs.length, finishedAt: new Date() }).where(eq(duplicateScans.id, scanId));
      await appendAudit(tx, { userId: null, kind: 'system', organisationId: org, ip: null }, { action: 'duplicates.scan', entityType: 'duplicate_scan', entityId: scanId, details: { records: records.length, pairs: pairs.length } });
    });
  } catch (e) {
    await ctx.db.update(duplicateScans).set({ state: 'failed', error: 'the scan stopped on an internal error (the server log has the details)', finishedAt: new Date() }).where(eq(duplicateScans.id, scanId));
    throw e;
  }
}

/**
 * Blocking and scoring on the restricted fields, then, for the pairs that could reach the line once a
 * distance is known (or could fall below it), the coordinates of both records - identifying, sealed - are
 * opened here, server-side and in memory only, and the pair scored again. Nothing identifying is stored:
 * the pair keeps the evidence (points and a distance band), which only coordinators, who may read those
 * records' identifying fields, are shown. Erased records (no key) have none.
 */
async function scoreWithCoordinates(ctx: AppContext, org: string, records: MatchRecord[]): Promise<Candidate[]> {
  const freq = frequencies(records);
  const candidates = findDuplicates(records, lineBefore(LIKELY_DUPLICATE, COORDINATE_MAX_POINTS), freq);
  const ids = [...new Set(candidates.flatMap((c) => [c.a.id, c.b.id]))];
  const coordinates = new Map<string, NonNullable<MatchRecord['coordinates']>>();
  const pace = new Pace();
  for (let i = 0; i < ids.length; i += 2000) {
    const sealed = await ctx.db.select({ id: incidents.id, wrappedKey: incidents.wrappedKey, sensitiveEnc: incidents.sensitiveEnc }).from(incidents)
      .where(and(eq(incidents.organisationId, org), inArray(incidents.id, ids.slice(i, i + 2000))));
    for (const row of sealed) {
      const point = decrypt(ctx, row).coordinates;
      if (point) coordinates.set(row.id, point);
      await pace.breathe();
    }
  }
  const found: Candidate[] = [];
  for (const c of candidates) {
    const [pa, pb] = [coordinates.get(c.a.id), coordinates.get(c.b.id)];
    const result = pa && pb ? scorePair({ ...c.a, coordinates: pa }, { ...c.b, coordinates: pb }, freq) : c.result;
    if (result.score >= LIKELY_DUPLICATE) found.push({ ...c, result });
  }
  return found;
}

/** The undecided pairs of the last scan, likeliest first, both records present, live and unlinked. */
export async function listPairs(ctx: AppContext, actor: Actor, q: { page: number; pageSize: number }, ip: string | null): Promise<DuplicatePairs> {
  authorizeOrgWide(actor);
  const org = actor.organisationId;
  const live = sql`exists (select 1 from ${incidents} ia where ia.id = ${duplicateCandidates.incidentA} and ia.deleted_at is null and ia.canonical_id is null)
    and exists (select 1 from ${incidents} ib where ib.id = ${duplicateCandidates.incidentB} and ib.deleted_at is null and ib.canonical_id is null)
    and not exists (select 1 from ${duplicateDecisions} d where d.organisation_id = ${org} and d.undone_at is null
      and ((d.incident_id = ${duplicateCandidates.incidentA} and d.other_id = ${duplicateCandidates.incidentB}) or (d.incident_id = ${duplicateCandidates.incidentB} and d.other_id = ${duplicateCandidates.incidentA})))`;
  const where = and(eq(duplicateCandidates.organisationId, org), live);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(duplicateCandidates).where(where);
  const [{ found } = { found: 0 }] = await ctx.db.select({ found: count() }).from(duplicateCandidates).where(eq(duplicateCandidates.organisationId, org));
  const pairs = await ctx.db.select().from(duplicateCandidates).where(where)
    .orderBy(desc(duplicateCandidates.score), duplicateCandidates.incidentA, duplicateCandidates.incidentB).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  const ids = [...new Set(pairs.flatMap((p) => [p.incidentA, p.incidentB]))];
  const rows = ids.length ? await ctx.db.select().from(incidents).where(and(eq(incidents.organisationId, org), inArray(incidents.id, ids))) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const forms = await formsOf(ctx.db, org, ids);
  const scan = await lastScan(ctx, org);
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'duplicates.list', entityType: 'duplicate_scan', entityId: scan?.id, details: { returned: pairs.length, total } });
  return {
    scan: scan ? presentScan(scan) : null,
    items: pairs.map((p) => ({
      a: presentSummary(byId.get(p.incidentA)!, forms.get(p.incidentA) ?? []), b: presentSummary(byId.get(p.incidentB)!, forms.get(p.incidentB) ?? []),
      score: p.score, fields: p.fields,
    })),
    total, settled: found - total, page: q.page, pageSize: q.pageSize,
  };
}

export async function scanStatus(ctx: AppContext, actor: Actor): Promise<DuplicateScan | null> {
  authorizeOrgWide(actor);
  const s = await lastScan(ctx, actor.organisationId);
  return s ? presentScan(s) : null;
}
