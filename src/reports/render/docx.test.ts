/**
 * The DOCX renderer on the renderers' sample report (sample-document.ts) with one more narrative aimed at XML:
 * the package's parts as Word reads them. Arabic is right to left in every paragraph, run, table and section,
 * English and French in none; user text arrives escaped and whole; the table's header row repeats; the chart is
 * an SVG with its PNG fallback; the same document gives the same bytes.
 */
import { createRequire } from 'node:module';
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../shared/report-document.ts';
import { renderDocx } from './docx.ts';
import { INJECTION_LINES, sampleDocument } from './sample-document.ts';
import { rasterise, selfContained } from './docx-chart.ts';
import { markSectionsRtl, withoutDates } from './docx-package.ts';
import { cleanText } from './docx-text.ts';

/** What a narrative must print as written in a DOCX: WordprocessingML, a CDATA end, C0 controls, a tab. */
const XML_INJECTION = 'Tags <w:p><w:r><w:t>x</w:t></w:r></w:p> & "quotes" ]]> #heading \u0001\u0008 tab\there';
/** The same line as the DOCX carries it: control characters removed, the tab a tab stop. */
const XML_INJECTION_KEPT = 'Tags <w:p><w:r><w:t>x</w:t></w:r></w:p> & "quotes" ]]> #heading  tab\there';

/** The sample report with a narrative holding the XML injection (Windows line ends, a run of blank lines). */
function withXmlNarrative(doc: ReportDocument): ReportDocument {
  return { ...doc, blocks: [...doc.blocks, { type: 'narrative', text: `Quoted as written:\r\n${XML_INJECTION}\r\n\r\n\nAfter.`, empty: false }] };
}

interface Part { name: string; bytes: Uint8Array; date: Date }

async function unzip(docx: Buffer): Promise<Map<string, Part>> {
  const reader = new ZipReader(new Uint8ArrayReader(docx));
  const parts = new Map<string, Part>();
  for (const e of await reader.getEntries()) {
    if (e.directory) continue;
    parts.set(e.filename, { name: e.filename, bytes: await e.getData(new Uint8ArrayWriter()), date: e.lastModDate });
  }
  await reader.close();
  return parts;
}

const xmlOf = (parts: Map<string, Part>, name: string): string => new TextDecoder().decode(parts.get(name)!.bytes);
/** The parts that hold the document's text: the body, headers and footers. */
const textParts = (parts: Map<string, Part>) => [...parts.keys()].filter((n) => /^word\/(document|header\d+|footer\d+)\.xml$/.test(n));
const all = (xml: string, re: RegExp) => [...xml.matchAll(re)].map((m) => m[0]);
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
/** The text of the body's runs, tabs as tab characters, line breaks as line feeds. */
const bodyText = (xml: string) => all(xml, /<w:t(?: [^>]*)?>[^<]*<\/w:t>|<w:tab\/>|<w:br\/>|<\/w:p>/g)
  .map((t) => (t === '<w:tab/>' ? '\t' : t === '<w:br/>' ? '\n' : t === '</w:p>' ? '\n\n' : unescape(t.replace(/<[^>]+>/g, '')))).join('');

const docs = {} as Record<'en' | 'fr' | 'ar', { doc: ReportDocument; bytes: Buffer; parts: Map<string, Part> }>;

beforeAll(async () => {
  for (const lang of ['en', 'fr', 'ar'] as const) {
    const doc = withXmlNarrative(sampleDocument(lang));
    const bytes = await renderDocx(doc);
    docs[lang] = { doc, bytes, parts: await unzip(bytes) };
  }
});

describe('DOCX renderer', () => {
  it('lays Arabic out right to left: every paragraph bidi, every run rtl, every table visually mirrored, sections bidi', () => {
    const { parts } = docs.ar;
    for (const name of textParts(parts)) {
      const xml = xmlOf(parts, name);
      const paragraphs = all(xml, /<w:p\b[^>]*>[\s\S]*?<\/w:p>/g);
      expect(paragraphs.length, name).toBeGreaterThan(0);
      for (const p of paragraphs) expect(p, name).toMatch(/<w:pPr>(?:(?!<\/w:pPr>).)*<w:bidi\/>/s);
      const runs = all(xml, /<w:r>[\s\S]*?<\/w:r>/g);
      for (const r of runs) expect(r, name).toMatch(/^<w:r><w:rPr>(?:(?!<\/w:rPr>).)*<w:rtl\/>/s);
    }
    const body = xmlOf(parts, 'word/document.xml');
    expect(all(body, /<w:tbl>/g)).toHaveLength(3);
    expect(all(body, /<w:tblPr><w:bidiVisual\/>/g)).toHaveLength(3);
    expect(all(body, /<w:sectPr\b[\s\S]*?<\/w:sectPr>/g).map((s) => s.includes('<w:bidi/><w:docGrid'))).toEqual([true, true]);
    // Numbers sit at the end of their cells (the left, in a bidi paragraph), Arabic-text cells at the start.
    expect(body).toContain('<w:jc w:val="end"/>');
    // New paragraphs typed in Word read right to left too; the list's bullets stand on the right.
    expect(xmlOf(parts, 'word/styles.xml')).toMatch(/<w:rPrDefault><w:rPr>.*<w:rtl\/>.*<w:pPrDefault><w:pPr><w:bidi\/>/s);
    expect(xmlOf(parts, 'word/numbering.xml')).toContain('<w:bidi/>');
  });

  it('carries no right-to-left mark in English or French', () => {
    for (const lang of ['en', 'fr'] as const) {
      const { parts } = docs[lang];
      for (const name of [...textParts(parts), 'word/styles.xml', 'word/numbering.xml']) {
        const xml = xmlOf(parts, name);
        for (const mark of ['<w:bidi/>', '<w:rtl/>', '<w:bidiVisual/>']) expect(xml, `${lang} ${name}`).not.toContain(mark);
      }
    }
  });

  it('prints user text as written: XML escaped, nothing injected, control characters removed, tab and breaks kept', () => {
    for (const lang of ['en', 'ar'] as const) {
      const xml = xmlOf(docs[lang].parts, 'word/document.xml');
      expect(xml).toContain('Tags &lt;w:p&gt;&lt;w:r&gt;&lt;w:t&gt;x&lt;/w:t&gt;&lt;/w:r&gt;&lt;/w:p&gt; &amp; &quot;quotes&quot; ]]&gt; #heading');
      expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
      // One paragraph: the quote after a line break; the blank lines end it and leave no empty paragraph.
      expect(bodyText(xml)).toContain(`\n\nQuoted as written:\n${XML_INJECTION_KEPT}\n\nAfter.\n\n`);
      expect(bodyText(xml)).toContain(INJECTION_LINES.join('\n'));
    }
  });

  it('uses Word heading styles, a bullet list, the title in the core properties and no clock', () => {
    const { parts, doc } = docs.fr;
    const xml = xmlOf(parts, 'word/document.xml');
    for (const style of ['Title', 'Subtitle', 'Heading1', 'Heading2', 'Heading3', 'Caption', 'Note']) expect(xml).toContain(`<w:pStyle w:val="${style}"/>`);
    expect(xmlOf(parts, 'word/styles.xml')).toMatch(/w:styleId="Heading2">.*?<w:outlineLvl w:val="1"\/>/);
    expect(all(xml, /<w:numPr><w:ilvl w:val="0"\/><w:numId w:val="\d+"\/><\/w:numPr>/g)).toHaveLength(3);
    expect(xmlOf(parts, 'word/numbering.xml')).toContain('<w:numFmt w:val="bullet"/><w:lvlText w:val="•"/>');
    const core = xmlOf(parts, 'docProps/core.xml');
    expect(core).toContain(`<dc:title>${doc.title}</dc:title>`);
    expect(core).not.toContain('dcterms:created');
    expect(xmlOf(parts, 'word/header1.xml')).toContain(doc.running);
    expect(xmlOf(parts, 'word/footer1.xml')).toMatch(/PAGE<\/w:instrText>.* \/ .*NUMPAGES<\/w:instrText>/s);
  });

  it('marks the header row to repeat, shades it, bolds the total row and mutes suppressed cells', () => {
    const xml = xmlOf(docs.en.parts, 'word/document.xml');
    const table = all(xml, /<w:tbl>[\s\S]*?<\/w:tbl>/g).find((t) => t.includes('Bangui'))!;
    const rows = all(table, /<w:tr>[\s\S]*?<\/w:tr>/g);
    expect(rows).toHaveLength(14);
    expect(rows[0]).toContain('<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>');
    expect(rows[0]).toContain('w:fill="E8ECF1"');
    expect(rows.slice(1).some((r) => r.includes('<w:tblHeader/>'))).toBe(false);
    expect(all(xml, /<w:tblHeader\/>/g)).toHaveLength(1);
    expect(rows[13]).toMatch(/<w:b\/>.*>Total<\/w:t>/s);
    expect(rows[13]).toMatch(/<w:jc w:val="end"\/>.*<w:b\/>.*>91<\/w:t>/s);
    // A suppressed cell stands where its column's numbers do, muted.
    expect(rows[1]).toMatch(/<w:jc w:val="end"\/><\/w:pPr><w:r><w:rPr><w:i\/><w:iCs\/><w:color w:val="5B6472"\/><\/w:rPr><w:t xml:space="preserve">suppressed/);
    // The caption above the table, the notes below it.
    expect(xml.indexOf('Table 1. Violations by prefecture')).toBeLessThan(xml.indexOf(table));
    expect(xml.indexOf('Source: Salama, snapshot')).toBeGreaterThan(xml.indexOf(table) + table.length);
  });

  it('embeds the chart as SVG with a PNG fallback, sized to the text width', () => {
    const { parts, doc } = docs.ar;
    const chart = doc.blocks.find((b) => b.type === 'chart')!;
    const names = [...parts.keys()];
    const svg = names.find((n) => /^word\/media\/.+\.svg$/.test(n))!;
    const png = names.find((n) => /^word\/media\/.+\.png$/.test(n))!;
    expect(new TextDecoder().decode(parts.get(svg)!.bytes)).toBe(chart.type === 'chart' ? chart.svg : '');
    expect([...parts.get(png)!.bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const xml = xmlOf(parts, 'word/document.xml');
    expect(xml).toMatch(/<a:blip r:embed="rId\d+"[^>]*>.*<asvg:svgBlip [^>]*r:embed="rId\d+"\/>/s);
    // 9,638 twips of text width is 642.5 pixels; EMUs are 9,525 to the pixel.
    const [, cx, cy] = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(xml)!;
    expect(Number(cx)).toBe(642 * 9525);
    if (chart.type === 'chart') expect(Number(cy) / Number(cx)).toBeCloseTo(chart.height / chart.width, 2);
    expect(xmlOf(parts, '[Content_Types].xml')).toContain('Extension="svg"');
  });

  it('gives the same bytes for the same document, entries dated 1980-01-01 and the content types first', async () => {
    for (const lang of ['en', 'ar'] as const) expect((await renderDocx(docs[lang].doc)).equals(docs[lang].bytes)).toBe(true);
    const parts = [...docs.en.parts.values()];
    expect(parts[0]!.name).toBe('[Content_Types].xml');
    for (const p of parts) expect([p.date.getFullYear(), p.date.getMonth(), p.date.getDate(), p.date.getHours()]).toEqual([1980, 0, 1, 0]);
  });

  it('renders a document with nothing but a title', async () => {
    const bare: ReportDocument = { lang: 'en', rtl: false, title: 'T', subtitle: '', meta: [], running: '', blocks: [] };
    const xml = xmlOf(await unzip(await renderDocx(bare)), 'word/document.xml');
    expect(xml).toContain('<w:pStyle w:val="Title"/>');
  });
});

describe('DOCX text and package helpers', () => {
  it('removes what XML cannot carry and keeps the rest', () => {
    expect(cleanText('a\u0000b\u0007c\td\r\ne\rf\u000Bg\uFFFEh\uD800i\u{1F600}')).toBe('abc\td\ne\nfghi\u{1F600}');
  });

  it('marks every section right to left in schema order', () => {
    const xml = '<w:p><w:pPr><w:sectPr><w:pgSz/><w:docGrid w:linePitch="360"/></w:sectPr></w:pPr></w:p><w:sectPr><w:pgSz/></w:sectPr>';
    expect(markSectionsRtl(xml)).toBe('<w:p><w:pPr><w:sectPr><w:pgSz/><w:bidi/><w:docGrid w:linePitch="360"/></w:sectPr></w:pPr></w:p><w:sectPr><w:pgSz/><w:bidi/></w:sectPr>');
    expect(markSectionsRtl(markSectionsRtl(xml))).toBe(markSectionsRtl(xml));
  });

  it('rasterises nothing from outside the SVG', () => {
    const png = createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf.png');
    const open = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:l="http://www.w3.org/1999/xlink" width="40" height="40">';
    const blank = rasterise(`${open}</svg>`, 40);
    for (const image of [`<image href="${png}" width="40" height="40"/>`, `<image xlink:href='file://${png}' width="40" height="40"/>`, `<image l:href="${png}" width="40" height="40"/>`]) {
      expect(rasterise(`${open}${image}</svg>`, 40).equals(blank), image).toBe(true);
    }
    expect(selfContained('<use href="#bar"/><image href="data:image/png;base64,AA"/><image HREF = "http://x/y.png"/>'))
      .toBe('<use href="#bar"/><image href="data:image/png;base64,AA"/><image HREF = ""/>');
  });

  it('drops the core properties’ dates', () => {
    const core = '<cp:coreProperties><dc:title>T</dc:title><dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>';
    expect(withoutDates(core)).toBe('<cp:coreProperties><dc:title>T</dc:title></cp:coreProperties>');
  });
});
