/**
 * A chart in the DOCX: the SVG itself (Word 2016 and later draw it) with the PNG fallback Word requires of every
 * SVG picture (older Word, and what other editors show). The PNG is the SVG rasterised by resvg, without a
 * browser, with the reports' Noto fonts from npm (fonts.ts) and no system fonts, so it looks the same on every
 * server. The picture takes the width of the text, keeping its aspect ratio (and no more than a page's height),
 * in whole pixels rounded down so it never overflows the text.
 */
import { ImageRun, type Paragraph } from 'docx';
import { Resvg } from '@resvg/resvg-js';
import type { DocBlock } from '../../shared/report-document.ts';
import { cleanText, para, type Direction } from './docx-text.ts';
import { reportFontFiles } from './fonts.ts';

type ChartBlock = Extract<DocBlock, { type: 'chart' }>;

const FONT_FILES = reportFontFiles();

/** Pixels at 96 to the inch, as the docx package measures pictures. */
const TWIPS_PER_PIXEL = 15;
/** The PNG has twice the pixels it is shown at, to stay sharp when printed. */
const PNG_SCALE = 2;

/**
 * The SVG with every link to something outside it emptied (`href` other than `#fragment` or a `data:` URL). resvg
 * would otherwise read an image at a local path into the PNG, and an editor opening the DOCX might fetch an
 * address: a chart from ECharts links to nothing, so this changes nothing that should be there.
 */
export const selfContained = (svg: string): string =>
  svg.replace(/(\s(?:[\w.-]+:)?href\s*=\s*)(?:"(?!#|data:)[^"]*"|'(?!#|data:)[^']*')/gi, '$1""');

/** The chart's SVG rasterised to a PNG this many pixels wide. */
export function rasterise(svg: string, width: number): Buffer {
  const resvg = new Resvg(selfContained(svg), {
    fitTo: { mode: 'width', value: width },
    background: '#ffffff',
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: 'Noto Sans', sansSerifFamily: 'Noto Sans' },
    logLevel: 'off',
  });
  return resvg.render().asPng();
}

/** The picture's size in pixels: the text's width, or less when that would make it taller than the page's text. */
export function pictureSize(chart: Pick<ChartBlock, 'width' | 'height'>, box: { width: number; height: number }): { width: number; height: number } {
  const scale = Math.min(box.width / TWIPS_PER_PIXEL / chart.width, box.height / TWIPS_PER_PIXEL / chart.height);
  return { width: Math.floor(chart.width * scale), height: Math.floor(chart.height * scale) };
}

/**
 * The chart's caption and its picture (SVG, PNG fallback), for a text box of this size in twips. `id` numbers the
 * document's pictures (unique in it): given, so that it does not come from the docx package's counter, which runs
 * on across documents and would make the same document's bytes differ.
 */
export function chartParagraphs(dir: Direction, block: ChartBlock, box: { width: number; height: number }, id: number): Paragraph[] {
  const shown = pictureSize(block, box);
  const svg = selfContained(block.svg);
  const picture = new ImageRun({
    type: 'svg',
    data: Buffer.from(svg, 'utf8'),
    fallback: { type: 'png', data: rasterise(svg, shown.width * PNG_SCALE) },
    transformation: shown,
    altText: { id: String(id), name: `Chart ${id}`, title: cleanText(block.caption), description: cleanText(block.caption) },
    ...(dir.rtl ? { run: { rightToLeft: true } } : {}),
  });
  return [
    ...(block.caption ? [para(dir, block.caption, { style: 'Caption', keepNext: true })] : []),
    para(dir, [picture], { align: 'center', spacing: { after: 200 } }),
  ];
}
