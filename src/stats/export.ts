/**
 * Statistics exports: a protected release as CSV or XLSX, for figures that leave the organisation (only
 * records whose consent allows it are counted; small counts and what would reveal them are suppressed and
 * say so). One row per cell, long format, with the HXL hashtag row under the header (HXL 1.1), codes beside
 * labels in the chosen language, and the counting rule and the threshold in the file itself.
 */
import { localAreaName } from '../shared/places.ts';
import ExcelJS from 'exceljs';
import { areaNames } from '../places/places.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { codeLabel, countryName, type LabelLanguage } from '../shared/labels.ts';
import { PROTECTED_DIMENSIONS, TOTAL_CODE, type ProtectedDimension, type ProtectedRelease } from '../shared/stats.ts';

export const STATS_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type StatsExportFormat = (typeof STATS_EXPORT_FORMATS)[number];

const HXL: Record<ProtectedDimension, string> = {
  period: '#date+period', form: '#event+type', area: '#adm1+code', victimCategory: '#affected+category', party: '#group+perpetrator+code',
};
const WORDS: Record<LabelLanguage, { total: string; suppressed: string; header: string[] }> = {
  en: { total: 'All', suppressed: 'suppressed', header: ['table', 'value', 'suppressed'] },
  fr: { total: 'Ensemble', suppressed: 'masqué', header: ['tableau', 'valeur', 'masqué'] },
  ar: { total: 'الكل', suppressed: 'محجوب', header: ['الجدول', 'القيمة', 'محجوب'] },
};

export interface ExportTable { columns: string[]; hxl: string[]; rows: (string | number | null)[][] }

/** The release as one long table: table id, each dimension's code and label, value, suppression. */
export async function releaseTable(db: DbOrTx, release: ProtectedRelease, lang: LabelLanguage): Promise<ExportTable> {
  const shown = new Set(release.tables.flatMap((t) => t.dimensions));
  const dims = PROTECTED_DIMENSIONS.filter((d) => shown.has(d));
  const areaCodes = release.tables.flatMap((t) => t.cells.flatMap((c) => t.dimensions.flatMap((d, i) => (d === 'area' && c.key[i]!.includes('/') ? [c.key[i]!.split('/')[1]!] : []))));
  const areas = await areaNames(db, [...new Set(areaCodes)]);
  const w = WORDS[lang];
  const label = (d: ProtectedDimension, code: string): string => {
    if (code === TOTAL_CODE) return w.total;
    switch (d) {
      case 'form': return codeLabel(lang, 'forms', code) ?? code;
      case 'victimCategory': return codeLabel(lang, 'victims', code) ?? code;
      case 'party': return release.parties[code] ?? codeLabel(lang, 'perpetratorCategories', code) ?? code;
      case 'area': {
        if (!code.includes('/')) return countryName(lang, code);
        const a = areas.get(code.split('/')[1]!);
        return a ? localAreaName(a, lang) : code.split('/')[1]!;
      }
      // Periods are their own names (2024, 2024-Q1).
      case 'period': return code;
    }
  };
  const columns = [w.header[0]!, ...dims.flatMap((d) => [d, `${d}_label`]), w.header[1]!, w.header[2]!];
  const hxl = ['#meta+table', ...dims.flatMap((d) => [HXL[d], `${HXL[d]}+name`]), '#affected+num', '#meta+suppressed'];
  const rows = release.tables.flatMap((t) => t.cells.map((c) => [
    t.id,
    ...dims.flatMap((d) => {
      const i = t.dimensions.indexOf(d);
      const code = i < 0 ? TOTAL_CODE : c.key[i]!;
      return [d === 'area' && code.includes('/') ? code.split('/')[1]! : code, label(d, code)];
    }),
    c.value,
    // Never the reason: a file that leaves the organisation says only that the cell is suppressed.
    c.suppressed ? w.suppressed : null,
  ]));
  return { columns, hxl, rows };
}

const csvCell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  // A leading =, +, - or @ would be a formula in a spreadsheet: quoted and prefixed (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function toCsv(t: ExportTable, notes: readonly string[]): string {
  const lines = [t.columns, t.hxl, ...t.rows].map((r) => r.map(csvCell).join(','));
  return `\ufeff${[...lines, '', ...notes.map((n) => csvCell(`# ${n}`))].join('\r\n')}\r\n`;
}

export async function toXlsx(t: ExportTable, notes: readonly string[], rtl: boolean): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('figures', { views: [{ rightToLeft: rtl, state: 'frozen', ySplit: 2 }] });
  sheet.addRow(t.columns).font = { bold: true };
  sheet.addRow(t.hxl);
  for (const r of t.rows) sheet.addRow(r);
  const about = book.addWorksheet('about', { views: [{ rightToLeft: rtl }] });
  for (const n of notes) about.addRow([n]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
