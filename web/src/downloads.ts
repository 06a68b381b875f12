// Why: a figure leaves the page as a picture (PNG, SVG) with its title and counting rule drawn in, or as its
// data (CSV, XLSX) with the same words in a second sheet. Everything is made here in the browser from what the
// page already holds: no request, nothing kept. The spreadsheet library loads only when an XLSX is asked for.
import type { EChartsOption } from 'echarts';
import { csvLine, type CsvValue } from '../../src/shared/csv.ts';
import { renderSvg, type ChartSize } from '../../src/shared/charts/render.ts';
import { echarts } from './charts.ts';

export type DownloadFormat = 'png' | 'svg' | 'csv' | 'xlsx';

export function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The chart drawn off screen at twice the resolution, as a PNG file. */
export function downloadPng(option: EChartsOption, size: ChartSize, fileName: string): void {
  const chart = echarts.init(document.createElement('div'), null, { renderer: 'canvas', width: size.width, height: size.height });
  try {
    chart.setOption({ ...option, animation: false });
    const dataUrl = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    const bytes = Uint8Array.from(atob(dataUrl.slice(dataUrl.indexOf(',') + 1)), (c) => c.charCodeAt(0));
    save(new Blob([bytes], { type: 'image/png' }), fileName);
  } finally {
    chart.dispose();
  }
}

/** The chart as SVG, rendered as the server renders it (ECharts' server-side renderer). */
export function downloadSvg(option: EChartsOption, size: ChartSize, fileName: string): void {
  save(new Blob([renderSvg(option, size)], { type: 'image/svg+xml' }), fileName);
}

/** CSV with a byte-order mark, so spreadsheets read French and Arabic right. */
export function downloadCsv(rows: readonly (readonly CsvValue[])[], fileName: string): void {
  save(new Blob(['\uFEFF', ...rows.map(csvLine)], { type: 'text/csv;charset=utf-8' }), fileName);
}

export interface XlsxFile {
  sheet: string;
  rows: readonly (readonly CsvValue[])[];
  /** The second sheet: what the figure counts, whose records, when (pairs of a name and its words). */
  aboutSheet: string;
  about: readonly (readonly [string, string])[];
  fileName: string;
  rtl: boolean;
}

/** An XLSX workbook: the data, then what it counts. Cells are typed text or numbers, never formulas. */
export async function downloadXlsx(file: XlsxFile): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet(file.sheet.slice(0, 31), { views: [{ rightToLeft: file.rtl, state: 'frozen', ySplit: 1 }] });
  for (const row of file.rows) data.addRow(row.map((v) => (typeof v === 'boolean' ? String(v) : v)));
  data.getRow(1).font = { bold: true };
  data.columns.forEach((c) => { c.width = 18; });
  const about = workbook.addWorksheet(file.aboutSheet.slice(0, 31), { views: [{ rightToLeft: file.rtl }] });
  for (const pair of file.about) about.addRow([...pair]);
  about.getColumn(1).width = 24;
  about.getColumn(2).width = 100;
  const buffer = await workbook.xlsx.writeBuffer();
  save(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), file.fileName);
}
