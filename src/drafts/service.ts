/**
 * Drafts: save (create or replace), list, open, discard. Strictly the owner's: another user's draft
 * answers 404 like one that does not exist. Creating, opening and discarding are audited; the autosaves
 * in between are not (one entry per keystroke pause would bury the log), and the audit never holds content.
 */
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { appendAudit, recordAudit, auditActor } from '../platform/audit/audit.ts';
import { openPacked, sealPacked } from '../platform/crypto/envelope.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import { DRAFT_RETENTION_DAYS, DRAFTS_PER_USER, type Draft, type DraftSave, type DraftSummary } from '../shared/draft.ts';
import { incidentDrafts } from './tables.ts';

const context = (id: string, userId: string) => `draft:${id}:user:${userId}`;
const mine = (a: Actor, id?: string) => and(eq(incidentDrafts.organisationId, a.organisationId), eq(incidentDrafts.userId, a.userId), id ? eq(incidentDrafts.id, id) : undefined);
const summary = (r: typeof incidentDrafts.$inferSelect): DraftSummary => ({ id: r.id, step: r.step, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() });

export async function saveDraft(ctx: AppContext, actor: Actor, id: string, body: DraftSave, ip: string | null): Promise<DraftSummary> {
  authorize(actor, 'draft:own');
  const sealed = sealPacked(ctx.master, context(id, actor.userId), body.data);
  return ctx.db.transaction(async (tx) => {
    // Serialise one user's saves, so the per-user limit holds under parallel requests.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`draft:${actor.userId}`}))`);
    const [existing] = await tx.select({ userId: incidentDrafts.userId }).from(incidentDrafts).where(eq(incidentDrafts.id, id)).limit(1);
    if (existing && existing.userId !== actor.userId) throw notFound('draft');
    if (existing) {
      const [row] = await tx.update(incidentDrafts).set({ step: body.step, sealed, updatedAt: new Date() }).where(mine(actor, id)).returning();
      return summary(row!);
    }
    const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(incidentDrafts).where(mine(actor));
    if (n >= DRAFTS_PER_USER) throw new AppError(409, 'too_many_drafts', `drafts: you already keep ${DRAFTS_PER_USER}; finish or discard one first`);
    const [row] = await tx.insert(incidentDrafts).values({ id, organisationId: actor.organisationId, userId: actor.userId, step: body.step, sealed }).returning();
    await appendAudit(tx, auditActor(actor, ip), { action: 'draft.create', entityType: 'draft', entityId: id, details: {} });
    return summary(row!);
  });
}

export async function listDrafts(ctx: AppContext, actor: Actor): Promise<DraftSummary[]> {
  authorize(actor, 'draft:own');
  const rows = await ctx.db.select().from(incidentDrafts).where(mine(actor)).orderBy(desc(incidentDrafts.updatedAt));
  return rows.map(summary);
}

export async function openDraft(ctx: AppContext, actor: Actor, id: string, ip: string | null): Promise<Draft> {
  authorize(actor, 'draft:own');
  const [row] = await ctx.db.select().from(incidentDrafts).where(mine(actor, id)).limit(1);
  if (!row) throw notFound('draft');
  const data = openPacked<Record<string, unknown>>(ctx.master, context(id, actor.userId), row.sealed);
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'draft.read', entityType: 'draft', entityId: id, details: {} });
  return { ...summary(row), data };
}

export async function discardDraft(ctx: AppContext, actor: Actor, id: string, ip: string | null): Promise<void> {
  authorize(actor, 'draft:own');
  await ctx.db.transaction(async (tx) => {
    const gone = await tx.delete(incidentDrafts).where(mine(actor, id)).returning({ id: incidentDrafts.id });
    if (gone.length === 0) throw notFound('draft');
    await appendAudit(tx, auditActor(actor, ip), { action: 'draft.discard', entityType: 'draft', entityId: id, details: {} });
  });
}

/** Deletes drafts untouched for the retention period (run by the periodic job). */
export async function purgeStaleDrafts(db: DbOrTx, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - DRAFT_RETENTION_DAYS * 86_400_000);
  const gone = await db.delete(incidentDrafts).where(lt(incidentDrafts.updatedAt, cutoff)).returning({ id: incidentDrafts.id });
  return gone.length;
}
