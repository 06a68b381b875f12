/**
 * The data the Typst template reads: narratives split into paragraphs on blank lines with their line breaks,
 * line endings and broken surrogate pairs made plain, and a table whose rows do not match its columns refused.
 */
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../shared/report-document.ts';
import { narrativeParagraphs, plain, typstReport } from './typst-data.ts';

const doc = (blocks: ReportDocument['blocks']): ReportDocument => ({ lang: 'fr', rtl: false, title: 'T', subtitle: 'S', meta: [], running: 'R', blocks });

describe('typst data', () => {
  it('splits a narrative on blank lines (spaces allowed) and keeps its line breaks', () => {
    expect(narrativeParagraphs('one\r\ntwo\n\n  \nthree\n \t\nfour\n\n\n')).toEqual(['one\ntwo', 'three', 'four']);
    expect(narrativeParagraphs('\n\n')).toEqual([]);
  });

  it('turns half a surrogate pair into the replacement character and keeps whole pairs', () => {
    expect(plain('a\uD800b\uDC00c\uD83D\uDE00')).toBe('a\uFFFDb\uFFFDc\uD83D\uDE00');
  });

  it('names the footer\'s page in the document\'s language, and marks suppressed cells and end-aligned figures', () => {
    const data = typstReport(doc([{
      type: 'table', caption: 'c', columns: [{ text: 'Zone', numeric: false }, { text: 'N', numeric: true }],
      rows: [{ cells: [{ text: 'Ouaka', numeric: false }, { text: 'masqué', numeric: false, suppressed: true }], total: true }], notes: [],
    }]));
    expect(data.page).toBe('Page');
    expect(data.blocks[0]).toMatchObject({ rows: [{ total: true, cells: [{ text: 'Ouaka', end: false, muted: false }, { text: 'masqué', end: true, muted: true }] }] });
  });

  it('refuses a table row with more or fewer cells than columns', () => {
    const table = (cells: number) => doc([{
      type: 'table', caption: 'Tableau 1', columns: [{ text: 'A', numeric: false }, { text: 'B', numeric: true }],
      rows: [{ cells: Array.from({ length: cells }, () => ({ text: '1', numeric: true })) }], notes: [],
    }]);
    expect(() => typstReport(table(1))).toThrow('Table "Tableau 1": row 1 has 1 cells for 2 columns');
    expect(() => typstReport(table(3))).toThrow(/row 1 has 3 cells/);
    expect(() => typstReport(table(2))).not.toThrow();
  });
});
