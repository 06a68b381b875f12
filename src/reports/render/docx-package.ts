/**
 * The DOCX file as the docx package writes it, made reproducible and finished: the same document gives the same
 * bytes. The package stamps the ZIP entries and the core properties with the time of writing and has no option
 * against it; here the archive is written again with every entry dated 1980-01-01 00:00 (the ZIP format's first
 * day, as reproducible builds do), the core properties lose their created and modified dates (a report document
 * carries no clock; Word sets them when someone saves the file), and a right-to-left document's sections are
 * marked `bidi` (page layout mirrored), which the package has no option for either.
 *
 * The archive is the package's own (fflate: no ZIP64, no data descriptors, no encryption), so reading it takes
 * only the central directory; entries left alone keep their compressed bytes, the two parts changed here are
 * deflated again with node:zlib. A general ZIP library (zip.js) took 100-200 ms for this; this takes about 1 ms.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/** Section properties marked right to left, the mark placed where the schema orders it (before `w:docGrid`). */
export function markSectionsRtl(xml: string): string {
  return xml.replace(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g, (sect) => {
    if (sect.includes('<w:bidi/>')) return sect;
    const at = sect.search(/<w:(rtlGutter|docGrid|printerSettings|sectPrChange)\b/);
    const i = at === -1 ? sect.lastIndexOf('</w:sectPr>') : at;
    return `${sect.slice(0, i)}<w:bidi/>${sect.slice(i)}`;
  });
}

/** Core properties without the time they were written. */
export const withoutDates = (xml: string): string => xml.replace(/<dcterms:(created|modified)\b[^>]*>[^<]*<\/dcterms:\1>/g, '');

interface Entry { name: Buffer; method: number; crc: number; size: number; raw: Buffer }

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const DEFLATE = 8;
/** 1980-01-01 00:00 as a ZIP entry's date and time (MS-DOS format: years from 1980, month and day from 1). */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

/** The entries of an archive, in the order of its central directory. */
export function readEntries(zip: Buffer): Entry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || zip.readUInt32LE(end) !== END) throw new Error('Not a ZIP archive');
  const count = zip.readUInt16LE(end + 10);
  const entries: Entry[] = [];
  for (let i = 0, at = zip.readUInt32LE(end + 16); i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL) throw new Error('Broken ZIP central directory');
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(local) !== LOCAL) throw new Error('Broken ZIP local header');
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    entries.push({
      name: zip.subarray(at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      size: zip.readUInt32LE(at + 24),
      raw: zip.subarray(data, data + zip.readUInt32LE(at + 20)),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** An archive of these entries, each dated 1980-01-01 00:00, with no extra fields or comments. */
export function writeEntries(entries: readonly Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.raw.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(e.name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    local.copy(central, 10, 8, 28); // method, time, date, CRC, sizes, name length
    central.writeUInt32LE(offset, 42);
    locals.push(local, e.name, e.raw);
    centrals.push(central, e.name);
    offset += 30 + e.name.length + e.raw.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** An entry whose content is replaced by this text, deflated. */
function rewritten(e: Entry, change: (xml: string) => string): Entry {
  const xml = (e.method === DEFLATE ? inflateRawSync(e.raw) : e.raw).toString('utf8');
  const data = Buffer.from(change(xml), 'utf8');
  return { name: e.name, method: DEFLATE, crc: crc32(data), size: data.length, raw: deflateRawSync(data, { level: 6 }) };
}

// Tools that sniff a file's type expect the content types first, then the package's relationships; the other
// parts keep the order the docx package wrote them in.
const FIRST = ['[Content_Types].xml', '_rels/.rels'];
const rank = (name: string) => (FIRST.includes(name) ? FIRST.indexOf(name) : FIRST.length);

/** The DOCX written again, reproducibly dated and finished. */
export function reproducible(docx: Buffer, opts: { rtl: boolean }): Buffer {
  const entries = readEntries(docx).map((e) => {
    const name = e.name.toString('utf8');
    if (name === 'docProps/core.xml') return rewritten(e, withoutDates);
    if (name === 'word/document.xml' && opts.rtl) return rewritten(e, markSectionsRtl);
    return e;
  });
  entries.sort((a, b) => rank(a.name.toString('utf8')) - rank(b.name.toString('utf8')));
  return writeEntries(entries);
}
