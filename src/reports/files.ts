/**
 * What a version gives its readers: the document (the web app's reading view), the PDF and the DOCX, each
 * made again from the frozen snapshot on every request (the same snapshot gives the same bytes, so nothing
 * rendered needs keeping), and the figures that moved since the version was frozen. Reads audited.
 */
import type { AppContext } from '../platform/context.ts';
import { auditActor, recordAudit } from '../platform/audit/audit.ts';
import { authorize, type Actor } from '../policy/policy.ts';
import { reportFigures } from '../stats/service.ts';
import type { FigureDimension } from '../shared/charts/figure.ts';
import type { ReportDocument, ReportLanguage } from '../shared/report-document.ts';
import { MAX_MOVED, type MovedFigure, type VersionChanges } from '../shared/reports.ts';
import type { ProtectedTableOut } from '../shared/stats.ts';
import { buildDocument, snapshotWords } from './document.ts';
import { renderDocx } from './render/docx.ts';
import { renderPdf } from './render/pdf.ts';
import { findReport, findVersion, type VersionRow } from './service.ts';
import type { ReportSnapshot } from './snapshot-types.ts';
import { REPORT_WORDS } from './words.ts';

async function readable(ctx: AppContext, actor: Actor, id: string, number: number): Promise<VersionRow> {
  const report = await findReport(ctx.db, actor, id);
  return findVersion(ctx.db, actor, report, number);
}

export async function versionDocument(ctx: AppContext, actor: Actor, id: string, number: number, lang: ReportLanguage, ip: string | null): Promise<ReportDocument> {
  const version = await readable(ctx, actor, id, number);
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'report.document', entityType: 'report', entityId: id, details: { version: number, lang } });
  return buildDocument(version.snapshot, lang, version.sha256);
}

const slug = (s: string) => s.normalize('NFKD').replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').slice(0, 60).toLowerCase() || 'report';

export async function versionFile(ctx: AppContext, actor: Actor, id: string, number: number, format: 'pdf' | 'docx', lang: ReportLanguage, ip: string | null): Promise<{ body: Buffer; contentType: string; filename: string }> {
  const version = await readable(ctx, actor, id, number);
  const doc = buildDocument(version.snapshot, lang, version.sha256);
  const body = format === 'pdf' ? await renderPdf(doc) : await renderDocx(doc);
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'report.download', entityType: 'report', entityId: id, details: { version: number, format, lang, sha256: version.sha256 } });
  const s = version.snapshot.report;
  return {
    body,
    contentType: format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    filename: `salama-${slug(`${s.kind}-${s.period}`)}-v${number}-${lang}.${format}`,
  };
}

/** Every cell of the frozen tables against the same tables counted now: the ones whose printed value differs. */
export function movedFigures(before: ReportSnapshot, now: readonly ProtectedTableOut[], lang: ReportLanguage): MovedFigure[] {
  const w = REPORT_WORDS[lang];
  const words = snapshotWords(before, lang);
  const print = (v: number | null | undefined) => (v === undefined ? '-' : v === null ? w.suppressed : String(v));
  const out: MovedFigure[] = [];
  const frozen = new Map(before.figures.releases.flatMap((r) => r.tables.map((t) => [t.id, t] as const)));
  for (const table of now) {
    const old = frozen.get(table.id);
    if (!old) continue;
    const key = (k: readonly string[]) => k.join('\u0000');
    const was = new Map(old.cells.map((c) => [key(c.key), c.value]));
    const is = new Map(table.cells.map((c) => [key(c.key), c.value]));
    for (const k of new Set([...was.keys(), ...is.keys()])) {
      if (was.get(k) === is.get(k)) continue;
      const codes = k.split('\u0000');
      const label = (i: number) => words.label(table.dimensions[i] as FigureDimension, codes[i]!);
      const across = table.dimensions.indexOf('period') >= 0 ? table.dimensions.indexOf('period') : table.dimensions.length - 1;
      out.push({
        table: w.tables[table.id] ?? table.id,
        row: table.dimensions.map((_, i) => i).filter((i) => i !== across).map(label).join(' · '),
        column: label(across),
        before: print(was.get(k)), after: print(is.get(k)),
      });
    }
  }
  return out;
}

export async function versionChanges(ctx: AppContext, actor: Actor, id: string, number: number, lang: ReportLanguage, ip: string | null): Promise<VersionChanges> {
  authorize(actor, 'reports:manage');
  const report = await findReport(ctx.db, actor, id);
  const version = await findVersion(ctx.db, actor, report, number);
  const s = version.snapshot;
  const now = await reportFigures(ctx, report.organisationId, { through: s.figures.through, partyId: report.partyId ?? undefined });
  const moved = movedFigures(s, now.releases.flatMap((r) => r.tables), lang);
  const thresholdChanged = now.threshold !== s.figures.threshold || now.protectZeros !== s.figures.protectZeros;
  await recordAudit(ctx.db, auditActor(actor, ip), { action: 'report.changes', entityType: 'report', entityId: id, details: { version: number, moved: moved.length } });
  return { changed: moved.length > 0 || thresholdChanged, thresholdChanged, moved: moved.slice(0, MAX_MOVED), truncated: moved.length > MAX_MOVED, checkedAt: new Date().toISOString() };
}
