/**
 * A report document as a PDF, through Typst compiled in this process (typst-ts-node-compiler, Typst 0.14).
 * One fixed template (report.typ) reads the document as JSON data and places every string as text, so no
 * report text is ever parsed as Typst markup: nothing is escaped by hand, and a narrative holding `#read(...)`
 * or `]` prints as written. The compiler's root lies below /dev/null, where no file can exist, so even the
 * template could not read a file of the machine; fonts come from npm only (fonts.ts). The document has no date,
 * so the same document gives the same bytes in any process.
 *
 * One compiler per process, created on first use (about 40 ms, fonts included); a page then takes a few ms.
 * The work is synchronous native code: `renderPdf` returns a promise so callers need not change if rendering
 * moves to a worker.
 */
import { readFileSync } from 'node:fs';
import { NodeCompiler, type NodeError } from '@myriaddreamin/typst-ts-node-compiler';
import type { ReportDocument } from '../../shared/report-document.ts';
import { reportFontBlobs, withoutSystemFonts } from './fonts.ts';
import { typstReport } from './typst-data.ts';

const TEMPLATE = readFileSync(new URL('./report.typ', import.meta.url), 'utf8');

/** The compiler's project root: a path below a device file, which no directory can ever be. */
const ROOT = '/dev/null/salama-report';

let compiler: NodeCompiler | undefined;

function pdfCompiler(): NodeCompiler {
  compiler ??= withoutSystemFonts(() => NodeCompiler.create({ workspace: ROOT, fontArgs: [{ fontBlobs: reportFontBlobs() }] }));
  return compiler;
}

interface Diagnostic { message?: unknown; hints?: unknown }

/** Typst's diagnostics as lines of text (message, then its hints). */
function diagnosticLines(c: NodeCompiler, error: NodeError): string[] {
  const list = c.fetchDiagnostics(error) as Diagnostic[];
  return list.map((d) => {
    const hints: unknown[] = Array.isArray(d.hints) ? d.hints : [];
    return [d.message, ...hints].map(String).join('; hint: ');
  });
}

/**
 * The report as PDF bytes, with Typst's warnings (none for a sound template: the tests hold it to that). Throws
 * an Error carrying Typst's diagnostics when the document does not compile (a chart that is not SVG, say).
 */
export function compileReportPdf(doc: ReportDocument): { pdf: Buffer; warnings: string[] } {
  const c = pdfCompiler();
  const compiled = c.compile({ mainFileContent: TEMPLATE, inputs: { report: JSON.stringify(typstReport(doc)) } });
  const error = compiled.takeError();
  const result = compiled.result;
  if (error || !result) {
    const lines = error ? diagnosticLines(c, error) : [];
    throw new Error(`The PDF report did not compile:\n${lines.length > 0 ? lines.join('\n') : 'no diagnostics'}`);
  }
  const warnings = compiled.takeWarnings();
  const pdf = c.pdf(result);
  // Drop memoised layouts no recent report used, so a long-running server does not keep every report's.
  c.evictCache(10);
  return { pdf, warnings: warnings ? diagnosticLines(c, warnings) : [] };
}

/** The report as PDF bytes (see compileReportPdf). */
export async function renderPdf(doc: ReportDocument): Promise<Buffer> {
  return compileReportPdf(doc).pdf;
}

/**
 * Lets the compiler go (and its caches). The next `renderPdf` creates another. CLI commands call this when
 * done, so nothing the native compiler holds outlives the command.
 */
export function closePdfCompiler(): void {
  compiler?.evictCache(0);
  compiler = undefined;
}
