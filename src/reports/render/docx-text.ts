/**
 * Paragraphs and runs for the DOCX renderer, each carrying the document's direction: a right-to-left document
 * marks every paragraph `bidi` and every run `rtl`, and aligns by start and end (which a `bidi` paragraph
 * mirrors; Word reads them from Word 2010 on, LibreOffice too) rather than by left and right. Text is plain text:
 * the docx package escapes it for XML; what XML 1.0 cannot carry at all (C0 control characters other than tab and
 * line feed, U+FFFE, U+FFFF, lone surrogates) is removed here, tabs become tab stops and line feeds line breaks.
 */
import { AlignmentType, Paragraph, Tab, TextRun, type IParagraphOptions, type ParagraphChild } from 'docx';

/** How the document reads: what every paragraph and run of it is given. */
export interface Direction { rtl: boolean }

export const COLOUR = { text: '1D2430', muted: '5B6472', rule: 'C9CED6', header: 'E8ECF1', box: 'F3F5F8' } as const;

/** Latin text in Noto Sans, complex script (Arabic) in Noto Naskh Arabic; neither is embedded. */
export const FONT = { ascii: 'Noto Sans', hAnsi: 'Noto Sans', eastAsia: 'Noto Sans', cs: 'Noto Naskh Arabic' } as const;

/**
 * A size in points as half-points, Latin and complex script: Naskh is drawn smaller than Noto Sans at the same
 * size, so Arabic is set a point larger to read alike.
 */
export const size = (pt: number) => ({ size: pt * 2, sizeComplexScript: pt * 2 + 2 });

/** How a run looks beyond its paragraph's style. */
export interface RunLook { bold?: boolean; italics?: boolean; color?: string; pt?: number }

// XML 1.0 forbids these outright; with the `u` flag the surrogate range matches only unpaired halves.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu;

/** Text as XML can carry it: line ends as `\n`, characters XML forbids removed. */
export const cleanText = (text: string): string => text.replace(/\r\n?/g, '\n').replace(NOT_XML, '');

/** A run's properties in this direction (the look given, `rtl` in a right-to-left document). */
export function runProps(dir: Direction, look: RunLook = {}) {
  return {
    ...(look.bold ? { bold: true } : {}),
    ...(look.italics ? { italics: true } : {}),
    ...(look.color ? { color: look.color } : {}),
    ...(look.pt ? size(look.pt) : {}),
    ...(dir.rtl ? { rightToLeft: true } : {}),
  };
}

/** Text as runs: one per line (a line break before each but the first), tabs as tab characters. */
export function textRuns(dir: Direction, text: string, look: RunLook = {}): TextRun[] {
  return cleanText(text).split('\n').map((line, i) => {
    const parts = line.split('\t');
    const children = parts.flatMap((part, j) => (j === 0 ? [part] : [new Tab(), part])).filter((c) => c !== '');
    return new TextRun({ ...runProps(dir, look), ...(i > 0 ? { break: 1 } : {}), children });
  });
}

export type Align = 'start' | 'center' | 'end';

const ALIGNMENT = { start: AlignmentType.START, center: AlignmentType.CENTER, end: AlignmentType.END } as const;

/** Options every paragraph of the document takes: its direction and an alignment by start and end. */
export function paragraphProps(dir: Direction, align?: Align): Pick<IParagraphOptions, 'bidirectional' | 'alignment'> {
  return { ...(dir.rtl ? { bidirectional: true } : {}), ...(align ? { alignment: ALIGNMENT[align] } : {}) };
}

/** A paragraph in the document's direction, of runs already made or of plain text. */
export function para(dir: Direction, content: string | readonly ParagraphChild[], opts: Omit<IParagraphOptions, 'children' | 'text' | 'bidirectional' | 'alignment'> & { align?: Align; look?: RunLook } = {}): Paragraph {
  const { align, look, ...rest } = opts;
  const children = typeof content === 'string' ? textRuns(dir, content, look) : content;
  return new Paragraph({ ...rest, ...paragraphProps(dir, align), children });
}
