/**
 * A version's snapshot as a document in one language: pure (no database, no clock), so the same snapshot gives
 * the same document, hence the same PDF and DOCX bytes. Figures are the snapshot's protected cells, printed as
 * they are (a suppressed cell is the word, never a number); tables and charts are the dashboard's own shapes
 * (shared/charts: crossTab and the heat table the protected tier draws).
 */
import { crossTab, fromProtected, leafCodes, type ChartWords, type Figure, type FigureDimension } from '../shared/charts/figure.ts';
import { heatmapHeight, heatmapOption } from '../shared/charts/options.ts';
import { renderSvg } from '../shared/charts/render.ts';
import { chartWords } from '../shared/charts/words.ts';
import { describeRule } from '../shared/stats-words.ts';
import { TOTAL_CODE, type ProtectedTableOut } from '../shared/stats.ts';
import type { DocBlock, ReportDocument, ReportLanguage } from '../shared/report-document.ts';
import type { FigureBlock, TemplateSection, Wording } from '../shared/reports.ts';
import type { ReportSnapshot, SnapshotRelease } from './snapshot-types.ts';
import { blocksFor } from './document-blocks.ts';
import { fill, REPORT_WORDS, type ReportWords } from './words.ts';

export const CHART_WIDTH = 760;

/** What the block builders share: the snapshot, the language and its words, formatting. */
export interface DocContext {
  s: ReportSnapshot;
  lang: ReportLanguage;
  w: ReportWords;
  chart: ChartWords;
  num: (n: number) => string;
  date: (iso: string) => string;
  /** The report's own period code at the grain of a table (`2026-Q3` or `2026`), and the ones before it. */
  period: string;
  previous: (code: string, n: number) => string[];
  table: (id: string) => { release: SnapshotRelease; table: ProtectedTableOut } | null;
  cellText: (value: number | null) => string;
  notes: (release: SnapshotRelease, extra?: string[]) => string[];
  heat: (table: ProtectedTableOut, grain: SnapshotRelease['grain'], rows: FigureDimension, columns: FigureDimension, pick: { rows?: string[]; columns?: string[] }, caption: string) => DocBlock;
  grid: (table: ProtectedTableOut, grain: SnapshotRelease['grain'], rows: FigureDimension, columns: FigureDimension, pick: { rows?: string[]; columns?: string[] }, caption: string, notes: string[]) => DocBlock;
}

export const pickWording = (x: Wording, lang: ReportLanguage): string => (x[lang].trim() ? x[lang] : x.en);

const QUARTER = /^(\d{4})-Q([1-4])$/;

function previousPeriods(code: string, n: number): string[] {
  const out: string[] = [];
  const q = QUARTER.exec(code);
  let [year, quarter] = q ? [Number(q[1]), Number(q[2])] : [Number(code), 0];
  for (let i = 0; i < n; i++) {
    if (quarter) { quarter -= 1; if (quarter === 0) { quarter = 4; year -= 1; } out.unshift(`${year}-Q${quarter}`); } else { year -= 1; out.unshift(String(year)); }
  }
  return out;
}

/** The words of the snapshot's figures: codes named as the dashboard names them, areas and parties as frozen. */
export function snapshotWords(s: ReportSnapshot, lang: ReportLanguage): ChartWords {
  const regions = new Map(Object.entries(s.figures.areas).flatMap(([code, names]) => (code.includes('/') ? [[code.split('/')[1]!, names[lang]] as const] : [])));
  return chartWords(lang, { area: (code) => regions.get(code) ?? null, party: (id) => s.figures.parties[id]?.[lang] });
}

function context(s: ReportSnapshot, lang: ReportLanguage): DocContext {
  const w = REPORT_WORDS[lang];
  // Day month year in English as in French ("31 March 2025"), as the web app writes dates; Latin digits in Arabic.
  const locale = lang === 'ar' ? 'ar-u-nu-latn' : lang === 'en' ? 'en-GB' : lang;
  const numbers = new Intl.NumberFormat(locale);
  const dates = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const chart = snapshotWords(s, lang);
  const ctx: DocContext = {
    s, lang, w, chart,
    num: (n) => numbers.format(n),
    date: (iso) => dates.format(new Date(`${iso}T00:00:00Z`)),
    period: s.report.period,
    previous: previousPeriods,
    table: (id) => {
      for (const release of s.figures.releases) {
        const table = release.tables.find((t) => t.id === id);
        if (table) return { release, table };
      }
      return null;
    },
    cellText: (value) => (value === null ? w.suppressed : numbers.format(value)),
    notes: (release, extra = []) => [
      fill(w.notes.rule, { rule: describeRule(release.rule, lang) }),
      ...extra,
      fill(w.notes.threshold, { n: s.figures.threshold }),
      w.notes.consent,
      fill(w.notes.through, { date: dates.format(new Date(`${s.figures.through}T00:00:00Z`)) }),
    ],
    heat: (table, grain, rows, columns, pick, caption) => {
      const figure: Figure = fromProtected(table, grain);
      const all = crossTab(figure, rows, columns, { words: chart });
      const tab = crossTab(figure, rows, columns, { words: chart, rows: pick.rows ?? leafCodes(rows, all.rows), columns: pick.columns ?? leafCodes(columns, all.columns) });
      const height = heatmapHeight(tab.rows.length);
      return { type: 'chart', caption, svg: renderSvg(heatmapOption(tab, chart, { rows, columns, withReason: false }), { width: CHART_WIDTH, height }), width: CHART_WIDTH, height };
    },
    grid: (table, grain, rows, columns, pick, caption, notes) => {
      const figure: Figure = fromProtected(table, grain);
      const tab = crossTab(figure, rows, columns, { words: chart, ...pick });
      return {
        type: 'table', caption, notes,
        columns: [{ text: chart.dimension(rows), numeric: false }, ...tab.columns.map((c) => ({ text: chart.label(columns, c), numeric: true }))],
        rows: tab.rows.map((r) => ({
          total: r === TOTAL_CODE || (rows === 'area' && !r.includes('/')) || (rows === 'period' && !r.includes('-')),
          cells: [{ text: chart.label(rows, r), numeric: false }, ...tab.columns.map((c) => {
            const cell = tab.cell(r, c);
            return { text: ctx.cellText(cell.value), numeric: true, ...(cell.value === null ? { suppressed: true } : {}) };
          })],
        })),
      };
    },
  };
  return ctx;
}

function periodWords(ctx: DocContext): string {
  const { s, w } = ctx;
  const span = fill(w.fromTo, { from: ctx.date(s.report.periodFrom), to: ctx.date(s.report.periodTo) });
  const q = QUARTER.exec(s.report.period);
  return q ? `${fill(w.quarter, { q: q[2]!, year: q[1]! })} (${span})` : `${s.report.period} (${span})`;
}

function section(ctx: DocContext, sec: TemplateSection): DocBlock[] {
  const title: DocBlock = { type: 'heading', level: 2, text: pickWording(sec.title, ctx.lang) };
  const guidance = pickWording(sec.guidance, ctx.lang).trim();
  if (sec.kind === 'narrative') {
    const text = ctx.s.narratives[sec.key]?.trim() ?? '';
    return [title, text ? { type: 'narrative', text, empty: false } : { type: 'narrative', text: ctx.w.notWritten, empty: true }];
  }
  return [title, ...(guidance ? [{ type: 'paragraph', text: guidance, tone: 'note' } as const] : []), ...blocksFor(ctx, sec.block as FigureBlock)];
}

export function buildDocument(s: ReportSnapshot, lang: ReportLanguage, sha256: string): ReportDocument {
  const ctx = context(s, lang);
  const { w } = ctx;
  const templateTitle = pickWording(s.template.title, lang);
  const party = s.report.party?.names[lang];
  return {
    lang, rtl: lang === 'ar',
    title: s.report.title,
    subtitle: [templateTitle, party, periodWords(ctx)].filter(Boolean).join(' · '),
    meta: [
      { label: w.meta.organisation, value: s.report.organisation },
      { label: w.meta.period, value: periodWords(ctx) },
      ...(party ? [{ label: w.meta.party, value: party }] : []),
      { label: w.meta.version, value: String(s.version) },
      { label: w.meta.generated, value: ctx.date(s.generatedAt.slice(0, 10)) },
      { label: w.meta.through, value: ctx.date(s.figures.through) },
      { label: w.meta.threshold, value: String(s.figures.threshold) },
      { label: w.meta.template, value: `${templateTitle} (${fill(s.template.builtIn ? w.meta.builtIn : w.meta.own, { n: s.template.version })})` },
      { label: w.meta.sha, value: sha256 },
    ],
    running: fill(w.running, { title: s.report.title, version: s.version, sha: sha256.slice(0, 12) }),
    blocks: [{ type: 'heading', level: 1, text: templateTitle }, ...s.template.sections.flatMap((sec) => section(ctx, sec))],
  };
}
