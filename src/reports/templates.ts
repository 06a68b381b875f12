/**
 * Templates as data, versioned. The built-in ones are written at start (a new built-in version only when this
 * release's wording differs from the last one stored); an organisation's change to a kind's template is a new
 * row, version n + 1, and never edits an older one: a report version remembers the template row it used.
 */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { Db, DbOrTx } from '../platform/db/database.ts';
import { appendAudit, auditActor } from '../platform/audit/audit.ts';
import { validationFailed } from '../platform/http/errors.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import { canonicalJson } from '../shared/canonical.ts';
import { REPORT_KINDS, templateProblems, type ReportKind, type Template, type TemplateInput, type TemplateList } from '../shared/reports.ts';
import { BUILT_IN_TEMPLATES } from './builtin-templates.ts';
import { reportTemplates } from './tables.ts';

export type TemplateRow = typeof reportTemplates.$inferSelect;

export const presentTemplate = (r: TemplateRow): Template => ({
  id: r.id, kind: r.kind as ReportKind, version: r.version, builtIn: r.organisationId === null, title: r.title, sections: r.sections,
  createdAt: r.createdAt.toISOString(), createdBy: r.createdBy,
});

const latestBuiltIn = async (db: DbOrTx, kind: ReportKind) => (await db.select().from(reportTemplates)
  .where(and(isNull(reportTemplates.organisationId), eq(reportTemplates.kind, kind))).orderBy(desc(reportTemplates.version)).limit(1))[0];

/** At start: this release's built-in templates stored (a kind whose wording changed gets a new version). */
export async function seedTemplates(db: Db): Promise<number> {
  let written = 0;
  for (const kind of REPORT_KINDS) {
    const wanted = BUILT_IN_TEMPLATES[kind];
    const last = await latestBuiltIn(db, kind);
    if (last && canonicalJson({ title: last.title, sections: last.sections }) === canonicalJson(wanted)) continue;
    const inserted = await db.insert(reportTemplates).values({ organisationId: null, kind, version: last ? last.version + 1 : 0, title: wanted.title, sections: wanted.sections })
      .onConflictDoNothing().returning({ id: reportTemplates.id });
    written += inserted.length;
  }
  return written;
}

/** The template new versions of a kind use: the organisation's latest, else the latest built-in one. */
export async function currentTemplate(db: DbOrTx, organisationId: string, kind: ReportKind): Promise<TemplateRow> {
  const [own] = await db.select().from(reportTemplates)
    .where(and(eq(reportTemplates.organisationId, organisationId), eq(reportTemplates.kind, kind))).orderBy(desc(reportTemplates.version)).limit(1);
  const found = own ?? await latestBuiltIn(db, kind);
  if (!found) throw new Error(`no ${kind} template: the built-in templates are written at start`);
  return found;
}

export async function listTemplates(ctx: AppContext, actor: Actor): Promise<TemplateList> {
  authorize(actor, 'reports:manage');
  return { items: await Promise.all(REPORT_KINDS.map(async (kind) => presentTemplate(await currentTemplate(ctx.db, actor.organisationId, kind)))) };
}

/** Every version of a kind's template the organisation can see, newest first (its own, then the built-in ones). */
export async function templateVersions(ctx: AppContext, actor: Actor, kind: ReportKind): Promise<TemplateList> {
  authorize(actor, 'reports:manage');
  const own = await ctx.db.select().from(reportTemplates)
    .where(and(eq(reportTemplates.organisationId, actor.organisationId), eq(reportTemplates.kind, kind))).orderBy(desc(reportTemplates.version));
  const builtIn = await ctx.db.select().from(reportTemplates)
    .where(and(isNull(reportTemplates.organisationId), eq(reportTemplates.kind, kind))).orderBy(desc(reportTemplates.version));
  return { items: [...own, ...builtIn].map(presentTemplate) };
}

/** A change to a kind's template: a new version of the organisation's own (reports made earlier keep theirs). */
export async function saveTemplate(ctx: AppContext, actor: Actor, kind: ReportKind, input: TemplateInput, ip: string | null): Promise<Template> {
  authorize(actor, 'reports:manage');
  const problems = templateProblems(kind, input);
  if (problems.length) throw validationFailed(problems.map((p) => ({ field: p.path.join('.'), code: p.message })));
  return ctx.db.transaction(async (tx) => {
    // One writer at a time per organisation and kind: the next version number is read under the lock.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`report_templates:${actor.organisationId}:${kind}`}))`);
    const [own] = await tx.select({ version: reportTemplates.version }).from(reportTemplates)
      .where(and(eq(reportTemplates.organisationId, actor.organisationId), eq(reportTemplates.kind, kind))).orderBy(desc(reportTemplates.version)).limit(1);
    const [row] = await tx.insert(reportTemplates).values({
      organisationId: actor.organisationId, kind, version: (own?.version ?? 0) + 1, title: input.title, sections: input.sections, createdBy: actor.userId,
    }).returning();
    await appendAudit(tx, auditActor(actor, ip), {
      action: 'report.template', entityType: 'report_template', entityId: row!.id, details: { kind, version: row!.version, sections: input.sections.length },
    });
    return presentTemplate(row!);
  });
}
