/**
 * PDF reports through Typst: the same document gives the same bytes (in this process and in another), report
 * text never acts as markup (read back with pdftotext), only the npm fonts are embedded, Arabic runs right to
 * left with its first table column on the right, long tables repeat their header, and a document that cannot
 * compile is an Error naming Typst's complaint. Every page of the English, French and Arabic samples goes to
 * test-results/report-pages/ as a PNG for a person to look at.
 * The checks that read PDFs need poppler-utils: skipped where it is missing, except in CI, where they fail.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocBlock, ReportDocument, ReportLanguage } from '../../shared/report-document.ts';
import { closePdfCompiler, compileReportPdf, renderPdf } from './pdf.ts';
import { INJECTION_LINES, sampleDocument } from './sample-document.ts';

/** False where poppler-utils is missing outside CI: those checks are then skipped, loudly. In CI they run and fail. */
const readsPdfs = ((): boolean => {
  if (spawnSync('pdftotext', ['-v']).error === undefined || process.env.CI === 'true') return true;
  console.warn('\n!!! PDF READ-BACK TESTS SKIPPED: pdftotext is missing (apt-get install poppler-utils) !!!\n');
  return false;
})();

const work = mkdtempSync(join(tmpdir(), 'salama-pdf-'));
const PAGES = 'test-results/report-pages';

afterAll(() => {
  closePdfCompiler();
  rmSync(work, { recursive: true, force: true });
});

const LANGUAGES: ReportLanguage[] = ['en', 'fr', 'ar'];
const samples = new Map(LANGUAGES.map((lang) => [lang, sampleDocument(lang)]));
const sample = (lang: ReportLanguage): ReportDocument => samples.get(lang)!;

const saved = (name: string, pdf: Buffer): string => {
  const file = join(work, `${name}.pdf`);
  writeFileSync(file, pdf);
  return file;
};

/** A poppler tool's output (its stderr dropped: poppler 22 complains of Typst's valid /MarkInfo). */
const poppler$ = (tool: string, args: string[]): string => execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
const text = (file: string, ...args: string[]): string => poppler$('pdftotext', [...args, file, '-']);

/** The sample with its table's rows repeated, so the table runs over several pages. */
function withLongTable(doc: ReportDocument, times: number): ReportDocument {
  const blocks = doc.blocks.map((b): DocBlock => (b.type === 'table' ? { ...b, rows: Array.from({ length: times }, () => b.rows).flat() } : b));
  return { ...doc, blocks };
}

describe('renderPdf', () => {
  it('gives a PDF, and the same bytes for the same document, also from a new compiler', async () => {
    const first = await renderPdf(sample('en'));
    expect(first.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await renderPdf(sample('en'))).equals(first)).toBe(true);
    closePdfCompiler();
    expect((await renderPdf(sampleDocument('en'))).equals(first)).toBe(true);
  });

  it('gives the same bytes in another process', async () => {
    const pdf = join(fileURLToPath(new URL('.', import.meta.url)), 'pdf.ts');
    const fixture = join(fileURLToPath(new URL('.', import.meta.url)), 'sample-document.ts');
    const script = `const { renderPdf, closePdfCompiler } = await import(${JSON.stringify(pdf)});
      const { sampleDocument } = await import(${JSON.stringify(fixture)});
      const { createHash } = await import('node:crypto');
      process.stdout.write(createHash('sha256').update(await renderPdf(sampleDocument('ar'))).digest('hex'));
      closePdfCompiler();`;
    // Run from elsewhere: fonts and template are found from the code's place, not the working directory.
    const tsx = import.meta.resolve('tsx');
    const other = execFileSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], { encoding: 'utf8', cwd: tmpdir() });
    expect(other).toBe(createHash('sha256').update(await renderPdf(sample('ar'))).digest('hex'));
  });

  it('compiles the samples without a warning', () => {
    for (const lang of LANGUAGES) expect(compileReportPdf(sample(lang)).warnings).toEqual([]);
  });

  it('throws an Error with Typst\'s diagnostics when the document does not compile, and renders again after', async () => {
    const broken: ReportDocument = { ...sample('en'), blocks: [{ type: 'chart', caption: 'x', svg: '<svg broken', width: 10, height: 10 }] };
    await expect(renderPdf(broken)).rejects.toThrow(/did not compile:\nfailed to parse SVG/);
    // A chart's SVG cannot reach a file either: the compiler's root is below /dev/null.
    const linked = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="../etc/passwd" width="5" height="5"/></svg>';
    await expect(renderPdf({ ...broken, blocks: [{ type: 'chart', caption: 'x', svg: linked, width: 10, height: 10 }] })).rejects.toThrow(/access denied/);
    expect((await renderPdf(sample('fr'))).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('renders text that is not well-formed UTF-16 (half a surrogate pair) instead of failing', async () => {
    const odd: ReportDocument = { ...sample('en'), blocks: [{ type: 'paragraph', text: 'before \uD800 after', tone: 'normal' }] };
    expect((await renderPdf(odd)).length).toBeGreaterThan(1000);
  });
});

describe.runIf(readsPdfs)('the PDF as read back', () => {
  const files = new Map<ReportLanguage, string>();
  beforeAll(async () => {
    for (const lang of LANGUAGES) files.set(lang, saved(lang, await renderPdf(sample(lang))));
  });
  const file = (lang: ReportLanguage) => files.get(lang)!;

  it('prints every injection attempt exactly as written, and nothing of /etc/passwd', () => {
    for (const lang of ['en', 'fr'] as const) {
      const lines = text(file(lang)).split('\n');
      for (const line of INJECTION_LINES) expect(lines, `${lang}: ${line}`).toContain(line);
      expect(lines.join('\n')).not.toMatch(/root:x?:0:0/);
    }
  });

  it('carries the title in its metadata and the language', () => {
    for (const lang of LANGUAGES) {
      expect(/^Title:\s+(.*)$/m.exec(poppler$('pdfinfo', [file(lang)]))?.[1]).toBe(sample(lang).title);
      expect(readFileSync(file(lang)).toString('latin1')).toContain(`/Lang (${lang})`);
    }
  });

  it('embeds only subsets of Noto Sans and Noto Naskh Arabic', () => {
    for (const lang of LANGUAGES) {
      const fonts = poppler$('pdffonts', [file(lang)]).split('\n').slice(2).filter((l) => l.trim() !== '');
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) expect(font, lang).toMatch(/^[A-Z]{6}\+(NotoSans-(Regular|Bold|Italic)|NotoNaskhArabic-(Regular|Bold)) .* yes yes yes /);
      expect(fonts.some((f) => f.includes('NotoNaskhArabic'))).toBe(lang === 'ar');
    }
  });

  it('writes the Arabic words', () => {
    // Words whose letters keep their dots: Noto Naskh draws some dots as glyphs of their own, and Typst maps
    // those to the letter too, so pdftotext doubles such letters (the page itself is right: see the images).
    const arabic = text(file('ar')).replace(/[\u200e\u200f\u202a-\u202e]/g, '');
    for (const word of ['الإصدار', 'مسودة', 'الحالة', 'ملخص', 'الحوادث', 'الجدول', 'المصدر', 'الشمال', 'الحوار', 'القسم']) {
      expect(arabic, word).toContain(word);
    }
  });

  it('puts a table\'s first column on the start side: left in English, right in Arabic', () => {
    for (const [lang, rtl] of [['en', false], ['ar', true]] as const) {
      const words = [...text(file(lang), '-bbox', '-f', '1', '-l', '1').matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g)]
        .map(([, x0, y, x1, word]) => ({ x0: Number(x0), y: Number(y), x1: Number(x1), word: word! }));
      const at = (word: string) => words.find((w) => w.word === word)!;
      // Ouaka's row (its reported figure, 18): the words from the start side, the name first.
      const row = words.filter((w) => Math.abs(w.y - at('18').y) < 1).sort((a, b) => (rtl ? b.x1 - a.x1 : a.x0 - b.x0));
      expect(row[0]!.word, lang).toMatch(rtl ? /[\u0621-\u064A]/ : /^Ouaka$/);
      expect(row.map((w) => w.word).filter((w) => /^\d+$/.test(w)), lang).toEqual(['18', '12', '7', '4']);
      // The total row: reported (91) before women (29) in reading order.
      expect(at('91').x0 < at('29').x0, lang).toBe(!rtl);
    }
  });

  it('repeats a long table\'s header on each page it runs onto', async () => {
    const long = saved('long', await renderPdf(withLongTable(sample('en'), 6)));
    const pages = Number(/Pages:\s+(\d+)/.exec(poppler$('pdfinfo', [long]))![1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    for (let page = 1; page <= pages - 1; page++) {
      const words = text(long, '-f', String(page), '-l', String(page));
      expect(words, `page ${page}`).toMatch(/Prefecture\s+Reported\s+Verified/);
      expect(words).toContain(`Page ${page} / ${pages}`);
      expect(words).toContain(sample('en').running);
    }
  });

  it('renders every page as a picture for a person to look at', () => {
    for (const lang of LANGUAGES) {
      const dir = join(PAGES, lang);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      poppler$('pdftoppm', ['-r', '60', '-png', file(lang), join(dir, 'page')]);
      expect(readdirSync(dir).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(2);
    }
  });
});
