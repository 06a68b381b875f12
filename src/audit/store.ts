/** SQL only: one organisation's audit entries, newest first, paged by id (keyset), with the acting member's email. */
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import { auditLog } from '../platform/audit/tables.ts';
import { users } from '../identity/tables.ts';
import type { AuditQuery } from '../shared/audit.ts';

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000);

export async function auditPage(db: Db, organisationId: string, q: AuditQuery) {
  const where: SQL[] = [eq(auditLog.organisationId, organisationId)];
  if (q.before) where.push(lt(auditLog.id, q.before));
  if (q.action) where.push(sql`starts_with(${auditLog.action}, ${q.action})`);
  if (q.actor) where.push(eq(auditLog.actorUserId, q.actor));
  if (q.from) where.push(gte(auditLog.at, new Date(`${q.from}T00:00:00Z`)));
  if (q.to) where.push(lt(auditLog.at, nextDay(q.to)));
  const rows = await db.select({
    id: auditLog.id, at: auditLog.at, actorKind: auditLog.actorKind, actorUserId: auditLog.actorUserId, actorEmail: users.email,
    action: auditLog.action, entityType: auditLog.entityType, entityId: auditLog.entityId, ip: auditLog.ip, details: auditLog.details,
  }).from(auditLog)
    // Only members of the same organisation are named (an entry's actor is always one, but never trust it).
    .leftJoin(users, and(eq(users.id, auditLog.actorUserId), eq(users.organisationId, organisationId)))
    .where(and(...where)).orderBy(desc(auditLog.id)).limit(q.pageSize + 1);
  const more = rows.length > q.pageSize;
  const items = rows.slice(0, q.pageSize).map((r) => ({ ...r, at: r.at.toISOString(), actorEmail: r.actorEmail ?? null }));
  return { items, nextBefore: more ? items[items.length - 1]!.id : null };
}
