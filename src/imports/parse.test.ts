/** Reading spreadsheets: encodings, delimiters, headers, and files that must be refused before they cost memory. */
import { describe, expect, it } from 'vitest';
import { BlobWriter, TextReader, ZipWriter } from '@zip.js/zip.js';
import { AppError } from '../platform/http/errors.ts';
import { checkExpandedSize, readCsv } from './parse.ts';

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
    await expect(checkExpandedSize(bytes, 2 * 1024 * 1024)).rejects.toMatchObject({ status: 400, issues: [{ field: 'file', message: 'must not expand beyond 2 MB' }] });
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
