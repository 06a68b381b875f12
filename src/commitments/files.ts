/**
 * Files of commitments: the text of a commitment, a piece of evidence. Uploaded on their own (the body is the
 * file, as imports do), sealed at once with the platform's envelope encryption under the file's own id, name
 * and content alike, then attached to a commitment or an evidence entry. Uploads and downloads are audited
 * (sizes and types, never names). An upload nobody attached is its uploader's alone, and is dropped after a
 * day; an attached file is read by whoever reads commitments.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, getTableColumns, inArray, lt, notExists, or, sql } from 'drizzle-orm';
import { escapeLiteral } from 'pg';
import type { AppContext } from '../platform/context.ts';
import type { Db, DbOrTx, Tx } from '../platform/db/database.ts';
import { readBytes } from '../platform/db/copy.ts';
import { appendAudit, auditActor, recordAudit } from '../platform/audit/audit.ts';
import { openPacked, openPackedBytes, sealPacked, sealPackedBytes, type MasterKey } from '../platform/crypto/envelope.ts';
import { AppError, badRequest, notFound } from '../platform/http/errors.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import type { CommitmentFile } from '../shared/commitments.ts';
import { commitmentFiles, commitments, measureEvidence } from './tables.ts';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** What a commitment's text or its evidence comes as; anything else is stored as a plain download. */
export const FILE_TYPES = [
  'application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.oasis.opendocument.text', 'application/octet-stream',
];
/** Uploads never attached are dropped after this long. */
export const UNATTACHED_FILE_HOURS = 24;

const contentContext = (id: string) => `commitment_file:${id}:content`;
const nameContext = (id: string) => `commitment_file:${id}:name`;
const { contentSealed: _content, ...fileColumns } = getTableColumns(commitmentFiles);
type FileRow = Omit<typeof commitmentFiles.$inferSelect, 'contentSealed'>;

export function presentFile(master: MasterKey, r: FileRow): CommitmentFile {
  return { id: r.id, name: openPacked<string>(master, nameContext(r.id), r.nameSealed), size: r.size, contentType: r.contentType, uploadedAt: r.uploadedAt.toISOString() };
}

/** Files by id, presented (names opened). */
export async function filesById(db: DbOrTx, master: MasterKey, organisationId: string, ids: readonly (string | null)[]): Promise<Map<string, CommitmentFile>> {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select(fileColumns).from(commitmentFiles).where(and(eq(commitmentFiles.organisationId, organisationId), inArray(commitmentFiles.id, wanted)));
  return new Map(rows.map((r) => [r.id, presentFile(master, r)]));
}

const typeOf = (contentType: string | undefined) => {
  const bare = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return FILE_TYPES.includes(bare) ? bare : 'application/octet-stream';
};

export async function uploadFile(ctx: AppContext, actor: Actor, bytes: Buffer, name: string, contentType: string | undefined, ip: string | null): Promise<CommitmentFile> {
  authorize(actor, 'commitments:manage');
  if (bytes.length === 0) throw badRequest('file', 'file_empty', 'is empty');
  const id = randomUUID();
  const type = typeOf(contentType);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(commitmentFiles).values({
      id, organisationId: actor.organisationId, nameSealed: sealPacked(ctx.master, nameContext(id), name),
      contentSealed: sealPackedBytes(ctx.master, contentContext(id), bytes), contentType: type, size: bytes.length, uploadedBy: actor.userId,
    }).returning(fileColumns);
    // Never the name: it can say more than it should.
    await appendAudit(tx, auditActor(actor, ip), { action: 'commitment_file.upload', entityType: 'commitment_file', entityId: id, details: { size: bytes.length, contentType: type } });
    return presentFile(ctx.master, row!);
  });
}

/** Where a file is attached: a commitment (not deleted) or an evidence entry of one. */
const attachedSql = (fileId: string) => or(
  sql`EXISTS (SELECT 1 FROM ${commitments} WHERE ${commitments.fileId} = ${fileId} AND ${commitments.deletedAt} IS NULL)`,
  sql`EXISTS (SELECT 1 FROM ${measureEvidence} WHERE ${measureEvidence.fileId} = ${fileId})`,
)!;

/**
 * A file about to be attached (`field` names it in the request): the organisation's, uploaded by a member
 * who may still attach it (not attached anywhere yet). Locked for the transaction.
 */
export async function attachableFile(tx: Tx, actor: Actor, fileId: string, field: string): Promise<void> {
  const [row] = await tx.select({ id: commitmentFiles.id }).from(commitmentFiles)
    .where(and(eq(commitmentFiles.id, fileId), eq(commitmentFiles.organisationId, actor.organisationId))).for('update');
  if (!row) throw badRequest(field, 'file_unknown', 'is not a file uploaded to your organisation');
  const used = await tx.execute<{ yes: boolean }>(sql`SELECT ${attachedSql(fileId)} AS yes`);
  if (used.rows[0]?.yes) throw new AppError(409, 'file_in_use', `${field}: is already attached elsewhere`, [{ field, code: 'file_in_use' }]);
}

/** Drops a file no longer attached anywhere (a commitment's text replaced or removed). */
export async function dropIfUnattached(tx: Tx, organisationId: string, fileId: string | null): Promise<void> {
  if (!fileId) return;
  await tx.delete(commitmentFiles).where(and(eq(commitmentFiles.id, fileId), eq(commitmentFiles.organisationId, organisationId), sql`NOT ${attachedSql(fileId)}`));
}

/** The file, opened: attached ones for whoever reads commitments, unattached ones for their uploader only. Audited. */
export async function downloadFile(ctx: AppContext, actor: Actor, id: string, ip: string | null): Promise<{ name: string; contentType: string; bytes: Buffer }> {
  authorize(actor, 'commitments:read');
  const [row] = await ctx.db.select({ ...fileColumns, attached: sql<boolean>`${attachedSql(id)}` }).from(commitmentFiles)
    .where(and(eq(commitmentFiles.id, id), eq(commitmentFiles.organisationId, actor.organisationId))).limit(1);
  if (!row || (!row.attached && row.uploadedBy !== actor.userId)) throw notFound('file');
  const sealed = await readBytes(ctx.db, `SELECT content_sealed FROM commitment_files WHERE id = ${escapeLiteral(id)}`);
  if (!sealed) throw notFound('file');
  const bytes = openPackedBytes(ctx.master, contentContext(id), sealed);
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'commitment_file.download', entityType: 'commitment_file', entityId: id, details: { size: row.size, contentType: row.contentType } });
  return { name: presentFile(ctx.master, row).name, contentType: row.contentType, bytes };
}

/** The job: uploads nobody attached within a day are dropped. */
export async function purgeUnattachedFiles(db: Db): Promise<number> {
  const cutoff = new Date(Date.now() - UNATTACHED_FILE_HOURS * 3_600_000);
  const dropped = await db.delete(commitmentFiles).where(and(
    lt(commitmentFiles.uploadedAt, cutoff),
    notExists(db.select({ one: sql`1` }).from(commitments).where(eq(commitments.fileId, commitmentFiles.id))),
    notExists(db.select({ one: sql`1` }).from(measureEvidence).where(eq(measureEvidence.fileId, commitmentFiles.id))),
  )).returning({ id: commitmentFiles.id });
  return dropped.length;
}

