/**
 * Lookups: list (every signed-in member, for forms and labels), add and change (coordinators), and the
 * check that an incident uses only codes its organisation has (active ones, for a new value).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { recordAudit, auditActor } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/http/errors.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import type { IncidentCreate } from '../shared/incident.ts';
import { codeFromLabel, ORG_CODE, type ExtensibleList, type Lookup, type LookupCreate, type LookupPatch } from '../shared/lookup.ts';
import type { Issue } from '../shared/messages.ts';
import { lookups } from './tables.ts';

const present = (r: typeof lookups.$inferSelect): Lookup => ({
  id: r.id, list: r.list as ExtensibleList, code: r.code, labels: { en: r.labels.en, fr: r.labels.fr ?? null, ar: r.labels.ar ?? null }, active: r.active, updatedAt: r.updatedAt.toISOString(),
});

export async function listLookups(ctx: AppContext, actor: Actor): Promise<Lookup[]> {
  authorize(actor, 'lookups:read');
  const rows = await ctx.db.select().from(lookups).where(eq(lookups.organisationId, actor.organisationId)).orderBy(asc(lookups.list), asc(lookups.code));
  return rows.map(present);
}

export async function createLookup(ctx: AppContext, actor: Actor, body: LookupCreate, ip: string | null): Promise<Lookup> {
  authorize(actor, 'lookups:manage');
  const code = body.code ?? codeFromLabel(body.labels.en);
  const [row] = await ctx.db.insert(lookups).values({ organisationId: actor.organisationId, list: body.list, code, labels: { en: body.labels.en, fr: body.labels.fr ?? null, ar: body.labels.ar ?? null }, createdBy: actor.userId })
    .onConflictDoNothing().returning();
  if (!row) throw new AppError(409, 'duplicate_code', `code: ${code} already exists in ${body.list}; change its labels instead`, [{ field: 'code', code: 'code_exists', params: { code } }]);
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'lookup.create', entityType: 'lookup', entityId: row.id, details: { list: body.list, code } });
  return present(row);
}

export async function updateLookup(ctx: AppContext, actor: Actor, id: string, body: LookupPatch, ip: string | null): Promise<Lookup> {
  authorize(actor, 'lookups:manage');
  const [current] = await ctx.db.select().from(lookups).where(and(eq(lookups.organisationId, actor.organisationId), eq(lookups.id, id))).limit(1);
  if (!current) throw notFound('lookup');
  const labels = body.labels ? { en: body.labels.en, fr: body.labels.fr ?? null, ar: body.labels.ar ?? null } : current.labels;
  const [row] = await ctx.db.update(lookups).set({ labels, active: body.active ?? current.active, updatedAt: new Date() }).where(eq(lookups.id, id)).returning();
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'lookup.update', entityType: 'lookup', entityId: id, details: { list: current.list, code: current.code, changed: Object.keys(body) } });
  return present(row!);
}

/** The organisation's codes per list: all of them, and the active ones. */
export async function orgCodes(db: DbOrTx, organisationId: string): Promise<Record<ExtensibleList, { all: Set<string>; active: Set<string> }>> {
  const out = { setting: { all: new Set<string>(), active: new Set<string>() }, sourceType: { all: new Set<string>(), active: new Set<string>() }, service: { all: new Set<string>(), active: new Set<string>() } };
  for (const r of await db.select({ list: lookups.list, code: lookups.code, active: lookups.active }).from(lookups).where(eq(lookups.organisationId, organisationId))) {
    const l = out[r.list as ExtensibleList];
    if (!l) continue;
    l.all.add(r.code);
    if (r.active) l.active.add(r.code);
  }
  return out;
}

/** The labels of every value of the organisation (retired ones too: records keep them), by list and code. */
export async function orgLabels(db: DbOrTx, organisationId: string): Promise<Map<string, Lookup['labels']>> {
  const rows = await db.select({ list: lookups.list, code: lookups.code, labels: lookups.labels }).from(lookups).where(eq(lookups.organisationId, organisationId));
  return new Map(rows.map((r) => [`${r.list}:${r.code}`, { en: r.labels.en, fr: r.labels.fr ?? null, ar: r.labels.ar ?? null }]));
}

/**
 * Organisation codes ("x_...") an incident uses that its organisation does not have, by field path. A code
 * kept from before (`previous`) may stay after it was retired; a newly chosen one must be active.
 */
export function orgCodeProblems(codes: Awaited<ReturnType<typeof orgCodes>>, input: IncidentCreate, previous?: IncidentCreate): (Issue & { message: string })[] {
  const problems: (Issue & { message: string })[] = [];
  const check = (list: ExtensibleList, code: string | null | undefined, field: string, before: (string | null | undefined)[]) => {
    if (!code || !ORG_CODE.test(code)) return;
    const ok = codes[list].active.has(code) || (codes[list].all.has(code) && before.includes(code));
    if (ok) return;
    const retired = codes[list].all.has(code);
    problems.push({ field, code: retired ? 'org_code_retired' : 'org_code_unknown', params: { value: code }, message: retired ? `${code} was retired by your organisation; choose another` : `${code} is not one of your organisation's ${list} values` });
  };
  check('setting', input.context.setting, 'context.setting', [previous?.context.setting]);
  input.sources.forEach((s, i) => check('sourceType', s.type, `sources.${i}.type`, previous?.sources.map((p) => p.type) ?? []));
  input.referrals.forEach((r, i) => check('service', r.service, `referrals.${i}.service`, previous?.referrals.map((p) => p.service) ?? []));
  return problems;
}

export async function checkOrgCodes(db: DbOrTx, organisationId: string, input: IncidentCreate, previous?: IncidentCreate): Promise<void> {
  const uses = [input.context.setting, ...input.sources.map((s) => s.type), ...input.referrals.map((r) => r.service)].some((c) => c && ORG_CODE.test(c));
  if (!uses) return;
  const problems = orgCodeProblems(await orgCodes(db, organisationId), input, previous);
  if (problems.length) throw new AppError(400, 'validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems.map(({ field, code, params }) => ({ field, code, ...(params ? { params } : {}) })));
}
