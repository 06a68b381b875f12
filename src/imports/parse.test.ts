/** Reading spreadsheets: encodings, delimiters, headers, and files that must be refused before they cost memory. */
import { describe, expect, it } from 'vitest';
import { BlobWriter, TextReader, ZipWriter } from '@zip.js/zip.js';
import { AppError } from '../platform/http/errors.ts';
import iconv from 'iconv-lite';
import { checkExpandedSize, decodeText, detectEncoding, readCsv } from './parse.ts';

describe('reading CSV', () => {
  it('reads Windows-1252 and semicolons as French Excel writes them, and names empty or repeated headers', () => {
    const t = readCsv(Buffer.from('date;forme;;forme\r\n14/03/2025;viol;x;y\r\n', 'latin1'));
    expect(t.headers).toEqual(['date', 'forme', 'Column 3', 'forme (2)']);
    expect(t.rows).toEqual([['14/03/2025', 'viol', 'x', 'y']]);
    const accents = readCsv(Buffer.from([0x70, 0x72, 0xe9, 0x66, 0x65, 0x63, 0x74, 0x75, 0x72, 0x65, 0x0a, 0x4f, 0x75, 0x68, 0x61, 0x6d]));
    expect(accents.headers).toEqual(['préfecture']);
  });
});

describe('refusing tables that would cost too much memory', () => {
  it('refuses too many columns before widening the rows to them', () => {
    const wide = Buffer.from(`${','.repeat(20_000)}\n${'x\n'.repeat(1000)}`);
    expect(() => readCsv(wide)).toThrow(/20001 columns; at most 500 are read/);
  });
});

describe('refusing XLSX zip bombs', () => {
  it('refuses a workbook that would expand beyond the limit, naming the file', async () => {
    const zip = new ZipWriter(new BlobWriter());
    await zip.add('xl/worksheets/sheet1.xml', new TextReader('0'.repeat(3 * 1024 * 1024)));
    const bytes = Buffer.from(await (await zip.close()).arrayBuffer());
    expect(bytes.length).toBeLessThan(100_000);
    await expect(checkExpandedSize(bytes, 2 * 1024 * 1024)).rejects.toMatchObject({ status: 400, issues: [{ field: 'file', code: 'file_too_large' }] });
    // The sizes a ZIP declares are not trusted: lie about them, and the bytes really inflated still count.
    const lying = Buffer.from(bytes);
    for (let i = 0; i + 4 <= lying.length; i++) {
      const sig = lying.readUInt32LE(i);
      if (sig === 0x04034b50) lying.writeUInt32LE(1000, i + 22); // local header: uncompressed size
      if (sig === 0x02014b50) lying.writeUInt32LE(1000, i + 24); // central directory: uncompressed size
    }
    await expect(checkExpandedSize(lying, 2 * 1024 * 1024)).rejects.toBeInstanceOf(AppError);
    await expect(checkExpandedSize(bytes, 4 * 1024 * 1024)).resolves.toBeUndefined();
    await expect(checkExpandedSize(Buffer.from('not a zip at all'))).rejects.toBeInstanceOf(AppError);
  });
});

describe('reading text in the right encoding', () => {
  // Windows-1252's 0x80-0x9F: the characters Node's own latin1 and windows-1252 decoders turn into invisible controls.
  const CP1252: [number, string][] = [
    [0x80, '€'], [0x82, '‚'], [0x83, 'ƒ'], [0x84, '„'], [0x85, '…'], [0x86, '†'], [0x87, '‡'], [0x88, 'ˆ'], [0x89, '‰'], [0x8a, 'Š'], [0x8b, '‹'], [0x8c, 'Œ'],
    [0x8e, 'Ž'], [0x91, '\u2018'], [0x92, '\u2019'], [0x93, '\u201c'], [0x94, '\u201d'], [0x95, '•'], [0x96, '–'], [0x97, '—'], [0x98, '˜'], [0x99, '™'], [0x9a, 'š'],
    [0x9b, '›'], [0x9c, 'œ'], [0x9e, 'ž'], [0x9f, 'Ÿ'],
  ];

  it('decodes every character of Windows-1252 from 0x80 to 0x9F, finding the encoding from the bytes', () => {
    const bytes = Buffer.concat([Buffer.from('value\r\n'), Buffer.from(CP1252.map(([b]) => b)), Buffer.from([0xe9, 0x0d, 0x0a])]);
    expect(detectEncoding(bytes)).toBe('windows-1252');
    const t = readCsv(bytes);
    expect(t.encoding).toEqual({ detected: 'windows-1252', used: 'windows-1252' });
    expect(t.rows[0]![0]).toBe(`${CP1252.map(([, c]) => c).join('')}é`);
    expect(t.rows[0]![0]).not.toMatch(/[\u0080-\u009f]/);
  });

  it('reads UTF-8 with and without a byte-order mark, UTF-16 from Excel, and refuses UTF-8 forced on bytes that are not', () => {
    const text = 'région;forme\r\nNord-Kivu;viol « collectif » – 5 €\r\n';
    expect(readCsv(Buffer.from(`\uFEFF${text}`)).rows[0]).toEqual(['Nord-Kivu', 'viol « collectif » – 5 €']);
    expect(readCsv(Buffer.from(text)).encoding?.detected).toBe('utf-8');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/;/g, '\t'), 'utf16le')]);
    expect(readCsv(utf16)).toMatchObject({ headers: ['région', 'forme'], encoding: { detected: 'utf-16le' } });
    const cp1252 = iconv.encode(text, 'windows-1252');
    expect(() => decodeText(cp1252, 'utf-8')).toThrow(expect.objectContaining({ issues: [{ field: 'encoding', code: 'not_utf8' }] }) as Error);
    expect(readCsv(cp1252, 'windows-1252').rows[0]).toEqual(['Nord-Kivu', 'viol « collectif » – 5 €']);
    // Arabic saved by Excel in Windows-1256 reads right once the user chooses it.
    const arabic = iconv.encode('المنطقة\r\nنينوى\r\n', 'windows-1256');
    expect(readCsv(arabic, 'windows-1256').rows[0]).toEqual(['نينوى']);
  });

  it('gives a corrected file of rejected rows its guarded cells back, and only such a file', () => {
    const file = 'lat,party,salama_row,salama_problems\r\n-4.3,"\'=HYPERLINK(""x"")",7,bad date\r\n\'-2+3,\'@home,8,x\r\n';
    expect(readCsv(Buffer.from(file)).rows).toEqual([['-4.3', '=HYPERLINK("x")', '7', 'bad date'], ['-2+3', '@home', '8', 'x']]);
    expect(readCsv(Buffer.from("party\r\n'=x\r\n")).rows).toEqual([["'=x"]]);
  });
});
