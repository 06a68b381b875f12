/**
 * Reading commitments: the organisation's list (by party, by kind), one commitment with its measures and
 * evidence, and the shapes the API answers with. "Overdue" is derived here, against today, every time.
 */
import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { notFound } from '../platform/http/errors.ts';
import { refsOf } from '../parties/service.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import {
  isOverdue, today, type CommitmentDetail, type CommitmentKind, type CommitmentList, type CommitmentListQuery, type CommitmentSummary, type Measure,
  type MeasureBrief, type MeasureCounts, type MeasureKind, type MeasureStatus,
} from '../shared/commitments.ts';
import type { PartyRef } from '../shared/parties.ts';
import { filesById } from './files.ts';
import { commitmentParties, commitments, measureEvidence, measures } from './tables.ts';

export type CommitmentRow = typeof commitments.$inferSelect;
type MeasureRow = typeof measures.$inferSelect;
type EvidenceRow = typeof measureEvidence.$inferSelect;

/** A commitment of the organisation, not deleted; locked when it is about to change. */
export async function findCommitment(db: DbOrTx, organisationId: string, id: string, forUpdate = false): Promise<CommitmentRow | null> {
  const q = db.select().from(commitments).where(and(eq(commitments.id, id), eq(commitments.organisationId, organisationId), isNull(commitments.deletedAt))).limit(1);
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

/** The parties each commitment binds (each once, by name), named in the reader's language. */
async function partiesOf(db: DbOrTx, organisationId: string, ids: readonly string[], lang: string): Promise<Map<string, PartyRef[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ commitmentId: commitmentParties.commitmentId, partyId: commitmentParties.partyId }).from(commitmentParties)
    .where(inArray(commitmentParties.commitmentId, [...ids]));
  const refs = await refsOf(db, organisationId, rows.map((r) => r.partyId), lang);
  const out = new Map<string, PartyRef[]>(ids.map((id) => [id, []]));
  for (const r of rows) {
    const list = out.get(r.commitmentId)!;
    const ref = refs.get(r.partyId);
    if (ref && !list.some((p) => p.id === ref.id)) list.push(ref);
  }
  for (const list of out.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  return out;
}

async function measuresOf(db: DbOrTx, ids: readonly string[]): Promise<{ measures: MeasureRow[]; evidence: EvidenceRow[] }> {
  if (ids.length === 0) return { measures: [], evidence: [] };
  const list = await db.select().from(measures).where(inArray(measures.commitmentId, [...ids])).orderBy(asc(measures.commitmentId), asc(measures.position));
  const evidence = list.length === 0 ? [] : await db.select().from(measureEvidence)
    .where(inArray(measureEvidence.measureId, list.map((m) => m.id))).orderBy(asc(measureEvidence.date), asc(measureEvidence.recordedAt));
  return { measures: list, evidence };
}

const progressOf = (m: MeasureRow) => m.progress as MeasureStatus;

function countsOf(list: readonly MeasureRow[], day: string): MeasureCounts {
  const counts: MeasureCounts = { not_started: 0, in_progress: 0, done: 0, not_done: 0, overdue: 0 };
  for (const m of list) {
    counts[progressOf(m)]++;
    if (isOverdue({ deadline: m.deadline, progress: progressOf(m) }, day)) counts.overdue++;
  }
  return counts;
}

function summaryOf(row: CommitmentRow, parties: PartyRef[], list: readonly MeasureRow[], evidence: readonly EvidenceRow[], day: string): CommitmentSummary {
  const briefs: MeasureBrief[] = list.map((m) => ({
    id: m.id, kind: m.kind as MeasureKind, deadline: m.deadline, progress: progressOf(m), overdue: isOverdue({ deadline: m.deadline, progress: progressOf(m) }, day),
    evidenceDates: evidence.filter((e) => e.measureId === m.id && !e.withdrawnAt).map((e) => e.date),
  }));
  return {
    id: row.id, kind: row.kind as CommitmentKind, title: row.title, signedOn: row.signedOn, parties, hasFile: row.fileId !== null,
    referenceUrl: row.referenceUrl, counts: countsOf(list, day), measures: briefs, updatedAt: row.updatedAt.toISOString(),
  };
}

/** One commitment as its page shows it. */
export async function commitmentDetail(ctx: AppContext, db: DbOrTx, organisationId: string, row: CommitmentRow, lang: string): Promise<CommitmentDetail> {
  const day = today();
  const parties = (await partiesOf(db, organisationId, [row.id], lang)).get(row.id) ?? [];
  const { measures: list, evidence } = await measuresOf(db, [row.id]);
  const files = await filesById(db, ctx.master, organisationId, [row.fileId, ...evidence.map((e) => e.fileId)]);
  const { measures: _briefs, ...summary } = summaryOf(row, parties, list, evidence, day);
  const full: Measure[] = list.map((m) => ({
    id: m.id, commitmentId: m.commitmentId, position: m.position, kind: m.kind as MeasureKind, description: m.description, deadline: m.deadline,
    responsibleBody: m.responsibleBody, progress: progressOf(m), overdue: isOverdue({ deadline: m.deadline, progress: progressOf(m) }, day),
    updatedBy: m.updatedBy, updatedAt: m.updatedAt.toISOString(),
    evidence: evidence.filter((e) => e.measureId === m.id).map((e) => ({
      id: e.id, date: e.date, text: e.text, file: e.fileId ? files.get(e.fileId) ?? null : null, recordedBy: e.recordedBy, recordedAt: e.recordedAt.toISOString(),
      progress: (e.progress as MeasureStatus | null) ?? null,
      withdrawal: e.withdrawnAt && e.withdrawnBy ? { by: e.withdrawnBy, at: e.withdrawnAt.toISOString(), reason: e.withdrawalReason ?? '' } : null,
    })),
  }));
  return {
    ...summary, signatories: row.signatories, file: row.fileId ? files.get(row.fileId) ?? null : null, measures: full,
    createdBy: row.createdBy, createdAt: row.createdAt.toISOString(), today: day,
  };
}

export async function getCommitment(ctx: AppContext, actor: Actor, id: string, lang: string): Promise<CommitmentDetail> {
  authorize(actor, 'commitments:read');
  const row = await findCommitment(ctx.db, actor.organisationId, id);
  if (!row) throw notFound('commitment');
  return commitmentDetail(ctx, ctx.db, actor.organisationId, row, lang);
}

/** The organisation's commitments, newest signature first; those binding a party, or of a kind, when asked. */
export async function listCommitments(ctx: AppContext, actor: Actor, query: CommitmentListQuery, lang: string): Promise<CommitmentList> {
  authorize(actor, 'commitments:read');
  const conditions: SQL[] = [eq(commitments.organisationId, actor.organisationId), isNull(commitments.deletedAt)];
  if (query.kind) conditions.push(eq(commitments.kind, query.kind));
  if (query.partyId) conditions.push(sql`EXISTS (SELECT 1 FROM ${commitmentParties} WHERE ${commitmentParties.commitmentId} = ${commitments.id} AND ${commitmentParties.partyId} = ${query.partyId})`);
  const where = and(...conditions);
  const [total] = await ctx.db.select({ n: count() }).from(commitments).where(where);
  const rows = await ctx.db.select().from(commitments).where(where)
    .orderBy(desc(commitments.signedOn), desc(commitments.createdAt)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  const ids = rows.map((r) => r.id);
  const day = today();
  const parties = await partiesOf(ctx.db, actor.organisationId, ids, lang);
  const { measures: list, evidence } = await measuresOf(ctx.db, ids);
  return {
    items: rows.map((r) => summaryOf(r, parties.get(r.id) ?? [], list.filter((m) => m.commitmentId === r.id), evidence, day)),
    total: total?.n ?? 0, page: query.page, pageSize: query.pageSize, today: day,
  };
}
