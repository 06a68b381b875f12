/**
 * A report as a DOCX that headquarters can edit in Word or LibreOffice: real heading styles (Heading 1-3, so the
 * navigation pane and a table of contents work), a bullet list on a numbering definition, Word tables with a
 * repeating header row, charts as SVG pictures with a PNG fallback. Noto Sans for Latin text, Noto Naskh Arabic
 * for Arabic (named, not embedded). Arabic reads right to left throughout: paragraphs, runs, tables (first column
 * on the right), alignment by start and end, the page layout; English and French carry none of that.
 * The same document gives the same bytes (docx-package.ts). Everything in the document is plain text.
 */
import {
  Document, Footer, Header, HeadingLevel, LevelFormat, LineRuleType, Packer, PageNumber, SectionType, TextRun,
  type FileChild, type ILevelsOptions, type IParagraphStyleOptions, type ISectionOptions,
} from 'docx';
import type { DocBlock, ReportDocument } from '../../shared/report-document.ts';
import { chartParagraphs } from './docx-chart.ts';
import { reproducible } from './docx-package.ts';
import { dataTable, keyFiguresTable, metaTable, TABLE_TEXT, TEXT_WIDTH } from './docx-tables.ts';
import { cleanText, COLOUR, FONT, para, runProps, size, type Direction } from './docx-text.ts';

const PAGE = { width: 11_906, height: 16_838, margin: 1_134 } as const;
/** Room for a picture: the text's width, and the page's height less margins, header, footer and a caption. */
const PICTURE_BOX = { width: TEXT_WIDTH, height: PAGE.height - 2 * PAGE.margin - 1_600 } as const;

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
const LANGUAGE = { en: { value: 'en-GB' }, fr: { value: 'fr-FR' }, ar: { value: 'ar-SA', bidirectional: 'ar-SA' } } as const;
const BULLETS = 'bullets';

/** Styles named as Word's built-in ones, so Word treats them as its own (navigation pane, table of contents). */
function paragraphStyles(): IParagraphStyleOptions[] {
  const muted = { color: COLOUR.muted };
  return [
    { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { ...size(14), ...muted }, paragraph: { spacing: { after: 360 } } },
    { id: 'Caption', name: 'caption', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { ...size(10), bold: true }, paragraph: { keepNext: true, spacing: { before: 200, after: 80 } } },
    { id: TABLE_TEXT, name: 'Table Text', basedOn: 'Normal', quickFormat: true, run: size(9), paragraph: { spacing: { before: 0, after: 0 } } },
    { id: 'Note', name: 'Note', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { ...size(8.5), ...muted }, paragraph: { spacing: { after: 80 } } },
    { id: 'Header', name: 'header', basedOn: 'Normal', run: { ...size(8), ...muted }, paragraph: { spacing: { after: 0 } } },
    { id: 'Footer', name: 'footer', basedOn: 'Normal', run: { ...size(8), ...muted }, paragraph: { spacing: { after: 0 } } },
  ];
}

function heading(level: 0 | 1 | 2, pt: number, before: number) {
  return {
    run: { ...size(pt), bold: true, color: COLOUR.text },
    paragraph: { keepNext: true, keepLines: true, outlineLevel: level, spacing: { before, after: 120 } },
  };
}

function bulletLevels(dir: Direction): ILevelsOptions[] {
  return ['•', '◦', '▪'].map((text, level) => ({
    level,
    format: LevelFormat.BULLET,
    text,
    style: {
      paragraph: { indent: { left: 360 * (level + 1), hanging: 360 }, ...(dir.rtl ? { bidirectional: true } : {}) },
      run: { font: FONT, ...(dir.rtl ? { rightToLeft: true } : {}) },
    },
  }));
}

/** Narrative: paragraphs split on blank lines, single line breaks kept; nothing written is said so, muted. */
function narrative(dir: Direction, block: Extract<DocBlock, { type: 'narrative' }>): FileChild[] {
  if (block.empty) return [para(dir, block.text, { look: { italics: true, color: COLOUR.muted } })];
  return cleanText(block.text).split(/\n[ \t]*\n\s*/).map((p) => p.replace(/^\n+|\n+$/g, '')).filter((p) => p.trim() !== '')
    .map((p) => para(dir, p));
}

/** What rendering a block needs beyond the block: the direction, and the next picture's number. */
interface Context { dir: Direction; pictureId: () => number }

function renderBlock({ dir, pictureId }: Context, block: DocBlock): FileChild[] {
  switch (block.type) {
    case 'heading': return [para(dir, block.text, { heading: HEADINGS[block.level] })];
    case 'paragraph': return [para(dir, block.text, block.tone === 'note' ? { style: 'Note' } : {})];
    case 'narrative': return narrative(dir, block);
    case 'list': return block.items.map((item) => para(dir, item, { numbering: { reference: BULLETS, level: 0 }, spacing: { after: 60 } }));
    case 'keyFigures': return block.items.length === 0 ? [] : [keyFiguresTable(dir, block), para(dir, '', { spacing: { after: 120 } })];
    case 'table': return dataTable(dir, block);
    case 'chart': return chartParagraphs(dir, block, PICTURE_BOX, pictureId());
  }
}

/** The running line at the top of every page, the page number ("3 / 12") at the foot. */
function pageFurniture(dir: Direction, running: string): Pick<ISectionOptions, 'headers' | 'footers'> {
  const number = new TextRun({ ...runProps(dir), children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES] });
  return {
    headers: { default: new Header({ children: [para(dir, running, { style: 'Header', align: 'start' })] }) },
    footers: { default: new Footer({ children: [para(dir, [number], { style: 'Footer', align: 'center' })] }) },
  };
}

/** An A4 section with 2 cm margins; the body's starts on a new page, after the cover. */
function section(dir: Direction, running: string, children: FileChild[], opts: { newPage: boolean }): ISectionOptions {
  const margin = { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, header: 567, footer: 567 };
  return {
    properties: { ...(opts.newPage ? { type: SectionType.NEXT_PAGE } : {}), page: { size: { width: PAGE.width, height: PAGE.height }, margin } },
    ...pageFurniture(dir, running),
    children,
  };
}

/** The report as the bytes of a DOCX file. */
export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  const dir: Direction = { rtl: doc.rtl };
  const rtl = dir.rtl ? { rightToLeft: true } : {};
  let pictures = 0;
  const context: Context = { dir, pictureId: () => ++pictures };
  const cover: FileChild[] = [
    para(dir, doc.title, { heading: HeadingLevel.TITLE }),
    ...(doc.subtitle ? [para(dir, doc.subtitle, { style: 'Subtitle' })] : []),
    ...(doc.meta.length > 0 ? [metaTable(dir, doc.meta)] : []),
  ];
  const file = new Document({
    title: cleanText(doc.title),
    subject: cleanText(doc.subtitle),
    creator: 'Salama',
    lastModifiedBy: 'Salama',
    styles: {
      default: {
        document: {
          run: { font: FONT, ...size(10), color: COLOUR.text, language: LANGUAGE[doc.lang], ...rtl },
          paragraph: { spacing: { after: 140, line: 276, lineRule: LineRuleType.AUTO }, ...(dir.rtl ? { bidirectional: true } : {}) },
        },
        title: { run: { ...size(24), bold: true, color: COLOUR.text }, paragraph: { spacing: { before: 1_200, after: 160 } } },
        heading1: heading(0, 16, 360),
        heading2: heading(1, 13, 280),
        heading3: heading(2, 11, 200),
      },
      paragraphStyles: paragraphStyles(),
    },
    numbering: { config: [{ reference: BULLETS, levels: bulletLevels(dir) }] },
    sections: [
      section(dir, doc.running, cover, { newPage: false }),
      section(dir, doc.running, doc.blocks.flatMap((b) => renderBlock(context, b)), { newPage: true }),
    ],
  });
  return reproducible(await Packer.toBuffer(file), { rtl: dir.rtl });
}
