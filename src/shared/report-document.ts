/**
 * A report as a document: what the PDF (Typst), the DOCX and the web app's reading view all render, built once
 * from a frozen snapshot in one language (src/reports/document.ts). Every text here is plain text as the
 * reader should see it, never markup: a renderer escapes it for its own format (a narrative holding `#`, `<`,
 * `]` or `*` prints as written). Numbers arrive already formatted; the document is complete, so rendering it
 * needs nothing else (no database, no clock): the same document gives the same bytes.
 * Pure: no DOM, no Node imports (the web app imports it).
 */
import { z } from 'zod';

export const REPORT_LANGUAGES = ['en', 'fr', 'ar'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

const text = z.string().max(200_000);

/** A figure cell that is suppressed is a word ("suppressed"), never a number, zero or blank. */
export const DocTableCell = z.object({
  text,
  /** A number (aligned to the end of the cell), or words. */
  numeric: z.boolean(),
  /** Suppressed by disclosure control (shown muted, with the mark the table's notes explain). */
  suppressed: z.boolean().optional(),
});
export type DocTableCell = z.infer<typeof DocTableCell>;

export const DocBlock = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), level: z.union([z.literal(1), z.literal(2), z.literal(3)]), text }),
  /** Wording of the template or of the application (muted when `tone` is `note`). */
  z.object({ type: z.literal('paragraph'), text, tone: z.enum(['normal', 'note']) }),
  /**
   * What a coordinator wrote: paragraphs separated by blank lines, line breaks kept. `empty` when nothing was
   * written (the renderer shows `text`, which then says so, muted).
   */
  z.object({ type: z.literal('narrative'), text, empty: z.boolean() }),
  z.object({ type: z.literal('list'), items: z.array(text) }),
  /** A few headline figures, each with its label and an optional note (a change from the last period). */
  z.object({ type: z.literal('keyFigures'), items: z.array(z.object({ label: text, value: text, note: text.optional() })) }),
  z.object({
    type: z.literal('table'),
    caption: text,
    /** The header row; the first column names the rows. */
    columns: z.array(z.object({ text, numeric: z.boolean() })),
    rows: z.array(z.object({ cells: z.array(DocTableCell), /** A total or subtotal row. */ total: z.boolean().optional() })),
    notes: z.array(text),
  }),
  /** A chart as an SVG document (ECharts server-side rendering), with its size in CSS pixels. */
  z.object({ type: z.literal('chart'), caption: text, svg: text, width: z.number().int().positive(), height: z.number().int().positive() }),
]);
export type DocBlock = z.infer<typeof DocBlock>;

export const ReportDocument = z.object({
  lang: z.enum(REPORT_LANGUAGES),
  /** Right to left for Arabic: paragraphs, tables (first column on the right) and page layout mirrored. */
  rtl: z.boolean(),
  title: text,
  subtitle: text,
  /** The cover's facts: organisation, period, version, status, generated on, the snapshot's SHA-256. */
  meta: z.array(z.object({ label: text, value: text })),
  /** A line printed on every page (e.g. "Restricted - version 3 - draft"). */
  running: text,
  blocks: z.array(DocBlock),
});
export type ReportDocument = z.infer<typeof ReportDocument>;
