/**
 * Reports' use cases: create, list, read (a viewer reads approved and submitted versions only, and never the
 * narratives being written), change the title or the annex's parties, write a narrative, move a version
 * through the workflow, comment. Every change audited; versions themselves are made by the generation job
 * (generate.ts) and never change but for their step.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { appendAudit, auditActor, recordAudit } from '../platform/audit/audit.ts';
import { AppError, badRequest, notFound } from '../platform/http/errors.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import { usableParty } from '../parties/manage.ts';
import { refsOf } from '../parties/service.ts';
import { users } from '../identity/tables.ts';
import {
  GENERATION_ERRORS, PUBLISHED_STATUSES, REPORT_FLOW, type CommentInput, type Generation, type GenerationError, type CommentList, type NarrativeInput, type Narrative, type Report, type ReportCreate, type ReportEventInput,
  type ReportKind, type ReportList, type ReportPatch, type ReportStatus, type ReportSummary, type ReportComment,
} from '../shared/reports.ts';
import { pickWording } from './document.ts';
import { reportComments, reportEvents, reportGenerations, reportNarratives, reports, reportVersions } from './tables.ts';
import { currentTemplate } from './templates.ts';

export type ReportRow = typeof reports.$inferSelect;
export type VersionRow = typeof reportVersions.$inferSelect;
export type GenerationRow = typeof reportGenerations.$inferSelect;

const isGenerationError = (e: string): e is GenerationError => (GENERATION_ERRORS as readonly string[]).includes(e);
export const presentGeneration = (g: GenerationRow): Generation => ({
  id: g.id, state: g.state as Generation['state'], progress: g.progress, step: g.step, version: g.versionNumber,
  // Generations failed before errors were codes hold English words: told as "failed".
  error: g.error === null ? null : isGenerationError(g.error) ? g.error : 'failed', createdAt: g.createdAt.toISOString(),
});

const isCoordinator = (actor: Actor) => actor.role === 'coordinator';

/** The first and last day of a period (`2026-Q3`, `2026`). */
export function periodSpan(period: string): { from: string; to: string } {
  const y = Number(period.slice(0, 4));
  const q = /-Q([1-4])$/.exec(period);
  if (!q) return { from: `${y}-01-01`, to: `${y}-12-31` };
  const n = Number(q[1]);
  return { from: new Date(Date.UTC(y, (n - 1) * 3, 1)).toISOString().slice(0, 10), to: new Date(Date.UTC(y, n * 3, 0)).toISOString().slice(0, 10) };
}

/** A report of the organisation the reader may see (a viewer: one with an approved or submitted version). */
export async function findReport(db: DbOrTx, actor: Actor, id: string, forUpdate = false): Promise<ReportRow> {
  authorize(actor, 'reports:read');
  const q = db.select().from(reports).where(and(eq(reports.id, id), eq(reports.organisationId, actor.organisationId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('report');
  if (!isCoordinator(actor)) {
    const [published] = await db.select({ id: reportVersions.id }).from(reportVersions)
      .where(and(eq(reportVersions.reportId, id), inArray(reportVersions.status, [...PUBLISHED_STATUSES]))).limit(1);
    if (!published) throw notFound('report');
  }
  return row;
}

/** A version the reader may read (a viewer: approved or submitted only). */
export async function findVersion(db: DbOrTx, actor: Actor, report: ReportRow, number: number, forUpdate = false): Promise<VersionRow> {
  const q = db.select().from(reportVersions).where(and(eq(reportVersions.reportId, report.id), eq(reportVersions.number, number)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row || (!isCoordinator(actor) && !PUBLISHED_STATUSES.includes(row.status as ReportStatus))) throw notFound('report version');
  return row;
}

async function emails(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  return new Map((await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, unique))).map((u) => [u.id, u.email]));
}

async function summaries(ctx: AppContext, actor: Actor, rows: ReportRow[], lang: string): Promise<ReportSummary[]> {
  if (rows.length === 0) return [];
  const versions = await ctx.db.select({ reportId: reportVersions.reportId, number: reportVersions.number, status: reportVersions.status }).from(reportVersions)
    .where(inArray(reportVersions.reportId, rows.map((r) => r.id))).orderBy(desc(reportVersions.number));
  const parties = await refsOf(ctx.db, actor.organisationId, rows.flatMap((r) => (r.partyId ? [r.partyId] : [])), lang);
  return rows.flatMap((r) => {
    const mine = versions.filter((v) => v.reportId === r.id && (isCoordinator(actor) || PUBLISHED_STATUSES.includes(v.status as ReportStatus)));
    if (!isCoordinator(actor) && mine.length === 0) return [];
    return [{
      id: r.id, kind: r.kind as ReportKind, title: r.title, period: r.period, periodFrom: r.periodFrom, periodTo: r.periodTo,
      party: r.partyId ? parties.get(r.partyId) ?? null : null, status: (mine[0]?.status as ReportStatus | undefined) ?? null, latestVersion: mine[0]?.number ?? null,
      updatedAt: r.updatedAt.toISOString(),
    }];
  });
}

export async function listReports(ctx: AppContext, actor: Actor, lang: string): Promise<ReportList> {
  authorize(actor, 'reports:read');
  const rows = await ctx.db.select().from(reports).where(eq(reports.organisationId, actor.organisationId)).orderBy(desc(reports.updatedAt));
  return { items: await summaries(ctx, actor, rows, lang) };
}

export async function presentReport(ctx: AppContext, actor: Actor, row: ReportRow, lang: string): Promise<Report> {
  const [summary] = await summaries(ctx, actor, [row], lang);
  if (!summary) throw notFound('report');
  const coordinator = isCoordinator(actor);
  // The generation is read before the versions: a generation is marked done only after its version committed, so
  // a page that says "done" always lists the version (read the other way round, a job ending between the two reads
  // showed "done" over an empty list).
  const [generation] = coordinator ? await ctx.db.select().from(reportGenerations).where(eq(reportGenerations.reportId, row.id)).orderBy(desc(reportGenerations.createdAt)).limit(1) : [];
  const versions = await ctx.db.select().from(reportVersions).where(eq(reportVersions.reportId, row.id)).orderBy(desc(reportVersions.number));
  const shown = versions.filter((v) => coordinator || PUBLISHED_STATUSES.includes(v.status as ReportStatus));
  const events = shown.length ? await ctx.db.select().from(reportEvents).where(inArray(reportEvents.versionId, shown.map((v) => v.id))).orderBy(asc(reportEvents.at)) : [];
  const narratives = coordinator ? await ctx.db.select().from(reportNarratives).where(eq(reportNarratives.reportId, row.id)) : [];
  const names = await emails(ctx.db, [...shown.map((v) => v.createdBy), ...events.map((e) => e.byUser), ...narratives.map((n) => n.updatedBy), row.createdBy]);
  const template = await currentTemplate(ctx.db, actor.organisationId, row.kind as ReportKind);
  const annex = await refsOf(ctx.db, actor.organisationId, row.annexParties, lang);
  const narrativeKeys = template.sections.filter((s) => s.kind === 'narrative').map((s) => s.key);
  return {
    ...summary,
    annexParties: row.annexParties.flatMap((id) => (annex.get(id) ? [annex.get(id)!] : [])),
    template: { id: template.id, version: template.version, sections: template.sections },
    narratives: coordinator ? narrativeKeys.map((key): Narrative => {
      const n = narratives.find((x) => x.key === key);
      return { key, text: n?.text ?? '', updatedAt: n?.updatedAt.toISOString() ?? null, updatedBy: n ? names.get(n.updatedBy) ?? null : null };
    }) : [],
    versions: shown.map((v) => ({
      number: v.number, status: v.status as ReportStatus, sha256: v.sha256, templateVersion: v.snapshot.template.version,
      through: v.snapshot.figures.through, threshold: v.snapshot.figures.threshold, createdAt: v.createdAt.toISOString(), createdBy: v.createdBy, createdByName: names.get(v.createdBy) ?? '',
      events: events.filter((e) => e.versionId === v.id).map((e) => ({
        // A step's note is the coordinators' own working text (restricted, like comments): never a viewer's.
        action: e.action as Report['versions'][number]['events'][number]['action'], status: e.status as ReportStatus, by: e.byUser, byName: names.get(e.byUser) ?? '', at: e.at.toISOString(), note: coordinator ? e.note : null,
      })),
    })),
    generation: generation ? presentGeneration(generation) : null,
    createdAt: row.createdAt.toISOString(),
    createdBy: names.get(row.createdBy) ?? '',
  };
}

export async function getReport(ctx: AppContext, actor: Actor, id: string, lang: string, ip: string | null): Promise<Report> {
  const row = await findReport(ctx.db, actor, id);
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'report.read', entityType: 'report', entityId: id });
  return presentReport(ctx, actor, row, lang);
}

/** The parties a report names: each one the organisation can use (not merged away), refused by its field. */
async function checkParties(ctx: AppContext, actor: Actor, ids: readonly string[], field: (i: number) => string): Promise<void> {
  if (ids.length === 0) return;
  await ctx.db.transaction(async (tx) => {
    for (const [i, id] of ids.entries()) await usableParty(tx, actor, id, field(i));
  });
}

export async function createReport(ctx: AppContext, actor: Actor, body: ReportCreate, lang: string, ip: string | null): Promise<Report> {
  authorize(actor, 'reports:manage');
  if (body.partyId) await checkParties(ctx, actor, [body.partyId], () => 'partyId');
  await checkParties(ctx, actor, body.annexParties ?? [], (i) => `annexParties.${i}`);
  const span = periodSpan(body.period);
  const template = await currentTemplate(ctx.db, actor.organisationId, body.kind);
  const party = body.partyId ? (await refsOf(ctx.db, actor.organisationId, [body.partyId], lang)).get(body.partyId)?.name : undefined;
  const title = body.title?.trim() || [pickWording(template.title, lang === 'fr' || lang === 'ar' ? lang : 'en'), party, body.period].filter(Boolean).join(' · ');
  const row = await ctx.db.transaction(async (tx) => {
    const [r] = await tx.insert(reports).values({
      organisationId: actor.organisationId, kind: body.kind, title, period: body.period, periodFrom: span.from, periodTo: span.to,
      partyId: body.partyId ?? null, annexParties: [...new Set(body.annexParties ?? [])], createdBy: actor.userId,
    }).returning();
    await appendAudit(tx, auditActor(actor, ip), { action: 'report.create', entityType: 'report', entityId: r!.id, details: { kind: body.kind, period: body.period } });
    return r!;
  });
  return presentReport(ctx, actor, row, lang);
}

export async function patchReport(ctx: AppContext, actor: Actor, id: string, body: ReportPatch, lang: string, ip: string | null): Promise<Report> {
  authorize(actor, 'reports:manage');
  if (body.annexParties) await checkParties(ctx, actor, body.annexParties, (i) => `annexParties.${i}`);
  const row = await ctx.db.transaction(async (tx) => {
    const found = await findReport(tx, actor, id, true);
    if (body.annexParties && found.kind !== 'annual') throw badRequest('annexParties', 'not_for_kind', 'only the annual input proposes parties for the annex');
    const [r] = await tx.update(reports).set({
      ...(body.title !== undefined ? { title: body.title } : {}), ...(body.annexParties ? { annexParties: [...new Set(body.annexParties)] } : {}), updatedAt: new Date(),
    }).where(eq(reports.id, id)).returning();
    await appendAudit(tx, auditActor(actor, ip), { action: 'report.update', entityType: 'report', entityId: id, details: { fields: Object.keys(body) } });
    return r!;
  });
  return presentReport(ctx, actor, row, lang);
}

export async function writeNarrative(ctx: AppContext, actor: Actor, id: string, key: string, body: NarrativeInput, ip: string | null): Promise<Narrative> {
  authorize(actor, 'reports:manage');
  return ctx.db.transaction(async (tx) => {
    const report = await findReport(tx, actor, id, true);
    const template = await currentTemplate(tx, actor.organisationId, report.kind as ReportKind);
    if (!template.sections.some((s) => s.kind === 'narrative' && s.key === key)) throw badRequest('key', 'unknown_section', `no narrative section ${key}`);
    const now = new Date();
    await tx.insert(reportNarratives).values({ reportId: id, key, text: body.text, updatedBy: actor.userId, updatedAt: now })
      .onConflictDoUpdate({ target: [reportNarratives.reportId, reportNarratives.key], set: { text: body.text, updatedBy: actor.userId, updatedAt: now } });
    await tx.update(reports).set({ updatedAt: now }).where(eq(reports.id, id));
    // The text is restricted: the audit keeps its length, never its words.
    await appendAudit(tx, auditActor(actor, ip), { action: 'report.narrative', entityType: 'report', entityId: id, details: { key, length: body.text.length } });
    const [me] = await tx.select({ email: users.email }).from(users).where(eq(users.id, actor.userId));
    return { key, text: body.text, updatedAt: now.toISOString(), updatedBy: me?.email ?? null };
  });
}

export async function moveVersion(ctx: AppContext, actor: Actor, id: string, number: number, body: ReportEventInput, lang: string, ip: string | null): Promise<Report> {
  authorize(actor, 'reports:manage');
  const row = await ctx.db.transaction(async (tx) => {
    const report = await findReport(tx, actor, id, true);
    const version = await findVersion(tx, actor, report, number, true);
    const flow = REPORT_FLOW[body.action];
    if (!flow.from.includes(version.status as ReportStatus)) {
      throw new AppError(409, 'validation_failed', `version ${number} is ${version.status}`, [{ field: 'action', code: 'report_step', params: { status: version.status } }]);
    }
    await tx.update(reportVersions).set({ status: flow.to }).where(eq(reportVersions.id, version.id));
    await tx.insert(reportEvents).values({ versionId: version.id, action: body.action, status: flow.to, note: body.note?.trim() || null, byUser: actor.userId });
    await tx.update(reports).set({ updatedAt: new Date() }).where(eq(reports.id, id));
    await appendAudit(tx, auditActor(actor, ip), { action: `report.${body.action}`, entityType: 'report', entityId: id, details: { version: number, from: version.status, to: flow.to, sha256: version.sha256 } });
    return report;
  });
  return presentReport(ctx, actor, row, lang);
}

export async function listComments(ctx: AppContext, actor: Actor, id: string, number: number, ip: string | null): Promise<CommentList> {
  authorize(actor, 'reports:manage');
  const report = await findReport(ctx.db, actor, id);
  const version = await findVersion(ctx.db, actor, report, number);
  const rows = await ctx.db.select().from(reportComments).where(eq(reportComments.versionId, version.id)).orderBy(asc(reportComments.at));
  // Comments are restricted text: reading them is audited like reading the narratives (never their words).
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'report.comments', entityType: 'report', entityId: id, details: { version: number, comments: rows.length } });
  const names = await emails(ctx.db, rows.map((r) => r.byUser));
  return { items: rows.map((r) => ({ id: r.id, section: r.section, text: r.text, by: r.byUser, byName: names.get(r.byUser) ?? '', at: r.at.toISOString() })) };
}

export async function addComment(ctx: AppContext, actor: Actor, id: string, number: number, body: CommentInput, ip: string | null): Promise<ReportComment> {
  authorize(actor, 'reports:manage');
  return ctx.db.transaction(async (tx) => {
    const report = await findReport(tx, actor, id);
    const version = await findVersion(tx, actor, report, number);
    if (body.section !== null && !version.snapshot.template.sections.some((s) => s.key === body.section)) throw badRequest('section', 'unknown_section', `no section ${body.section}`);
    const [r] = await tx.insert(reportComments).values({ versionId: version.id, section: body.section, text: body.text, byUser: actor.userId }).returning();
    await appendAudit(tx, auditActor(actor, ip), { action: 'report.comment', entityType: 'report', entityId: id, details: { version: number, section: body.section } });
    const [me] = await tx.select({ email: users.email }).from(users).where(eq(users.id, actor.userId));
    return { id: r!.id, section: r!.section, text: r!.text, by: actor.userId, byName: me?.email ?? '', at: r!.at.toISOString() };
  });
}

/** The next version's number, read under the report's row lock. */
export async function nextVersionNumber(db: DbOrTx, reportId: string): Promise<number> {
  const [r] = await db.select({ n: sql<number>`coalesce(max(${reportVersions.number}), 0)::int` }).from(reportVersions).where(eq(reportVersions.reportId, reportId));
  return (r?.n ?? 0) + 1;
}
