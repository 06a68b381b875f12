/**
 * A report document as the data the Typst template reads (report.typ). The template receives it as one JSON
 * string and only ever places its strings as text, so nothing here needs escaping for Typst: this module only
 * settles what is easier to settle in TypeScript (line endings, a narrative's paragraphs, each table cell's look,
 * the footer's word) and refuses a table whose rows do not match its columns. Pure.
 */
import type { DocBlock, ReportDocument, ReportLanguage } from '../../shared/report-document.ts';

/** A table cell as the template draws it. */
export interface TypstCell { text: string; end: boolean; muted: boolean }

export type TypstBlock =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string; note: boolean }
  | { type: 'narrative'; paragraphs: string[]; empty: boolean }
  | { type: 'list'; items: string[] }
  | { type: 'keyFigures'; items: { label: string; value: string; note: string | null }[] }
  | {
    type: 'table'; caption: string; columns: { text: string; end: boolean }[];
    rows: { cells: TypstCell[]; total: boolean }[]; notes: string[];
  }
  | { type: 'chart'; caption: string; svg: string; width: number; height: number };

export interface TypstReport {
  lang: ReportLanguage;
  rtl: boolean;
  title: string;
  subtitle: string;
  meta: { label: string; value: string }[];
  running: string;
  /** The footer's word before "N / M". */
  page: string;
  blocks: TypstBlock[];
}

const PAGE_WORD: Record<ReportLanguage, string> = { en: 'Page', fr: 'Page', ar: 'صفحة' };

/**
 * Plain text the template can take: one kind of line ending, and half a surrogate pair (which JSON can carry but
 * Typst's JSON reader refuses) turned into the replacement character, so no text can make a report fail.
 */
export function plain(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** A narrative's paragraphs: separated by blank lines (spaces allowed), the line breaks inside each kept. */
export function narrativeParagraphs(text: string): string[] {
  return plain(text).split(/\n(?:[ \t]*\n)+/).map((p) => p.replace(/^(?:[ \t]*\n)+|(?:\n[ \t]*)+$/g, '')).filter((p) => p.trim() !== '');
}

function block(b: DocBlock): TypstBlock {
  switch (b.type) {
    case 'heading': return { type: 'heading', level: b.level, text: plain(b.text) };
    case 'paragraph': return { type: 'paragraph', text: plain(b.text), note: b.tone === 'note' };
    case 'narrative': return { type: 'narrative', paragraphs: narrativeParagraphs(b.text), empty: b.empty };
    case 'list': return { type: 'list', items: b.items.map(plain) };
    case 'keyFigures':
      return { type: 'keyFigures', items: b.items.map((i) => ({ label: plain(i.label), value: plain(i.value), note: i.note === undefined ? null : plain(i.note) })) };
    case 'table': {
      const columns = b.columns.map((c) => ({ text: plain(c.text), end: c.numeric }));
      const rows = b.rows.map((r, n) => {
        // A cell under another column's header would misstate a figure: a report with such a row is not drawn.
        if (r.cells.length !== columns.length) throw new Error(`Table "${b.caption}": row ${n + 1} has ${r.cells.length} cells for ${columns.length} columns`);
        return {
          total: r.total === true,
          cells: r.cells.map((cell, i): TypstCell => ({ text: plain(cell.text), end: cell.numeric || columns[i]!.end, muted: cell.suppressed === true })),
        };
      });
      return { type: 'table', caption: plain(b.caption), columns, rows, notes: b.notes.map(plain) };
    }
    case 'chart': return { type: 'chart', caption: plain(b.caption), svg: plain(b.svg), width: b.width, height: b.height };
  }
}

export function typstReport(doc: ReportDocument): TypstReport {
  return {
    lang: doc.lang,
    rtl: doc.rtl,
    title: plain(doc.title),
    subtitle: plain(doc.subtitle),
    meta: doc.meta.map((m) => ({ label: plain(m.label), value: plain(m.value) })),
    running: plain(doc.running),
    page: PAGE_WORD[doc.lang],
    blocks: doc.blocks.map(block),
  };
}
