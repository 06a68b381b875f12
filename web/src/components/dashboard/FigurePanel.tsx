// Why: the frame every figure of the dashboard shares: its title, what it counts in words (the counting rule as
// applied, whose records, when computed, decisions taken by their recorder), its chart, its table, and its
// downloads (PNG and SVG with those words drawn in, CSV and XLSX with them in a second sheet).
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EChartsOption } from 'echarts';
import type { ChartWords } from '../../../../src/shared/charts/figure.ts';
import type { Caption } from '../../../../src/shared/charts/options.ts';
import { ruleWords } from '../../../../src/shared/charts/words.ts';
import type { CsvValue } from '../../../../src/shared/csv.ts';
import type { CountingChoice } from '../../../../src/shared/stats.ts';
import { downloadCsv, downloadPng, downloadSvg, downloadXlsx, type DownloadFormat } from '../../downloads.ts';
import { formatDate, timestamp } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { ApiErrorMessage } from '../ApiErrorMessage.tsx';
import { EChart } from './EChart.tsx';

export interface FigureMeta {
  rule: CountingChoice;
  asOf: string;
  coverage?: 'organisation' | 'own';
  selfDecided?: number;
  /** The protected tier: the organisation's threshold and the last day counted (end of the last closed quarter). */
  protection?: { threshold: number; through: string };
}

export interface ChartAt { option: EChartsOption; height: number }

interface Props {
  id: string;
  title: string;
  meta: FigureMeta | undefined;
  state: { isPending: boolean; error: unknown; refetch: () => unknown };
  /** Nothing to count: the panel says so instead of drawing an empty chart. */
  empty: boolean;
  /** The chart for a width; with a caption (title and rule drawn in) for the downloaded pictures. */
  chart?: (width: number, caption?: Caption) => ChartAt;
  /** Or another picture (the map), which saves itself as a PNG with the caption. */
  visual?: ReactNode;
  savePng?: (caption: Caption, fileName: string) => Promise<void>;
  /** The figure's rows for CSV and XLSX (figureRows). */
  rows: () => CsvValue[][];
  table: ReactNode;
  words: ChartWords;
  note?: ReactNode;
}

/** Pictures leave at one width, whatever the screen. */
const EXPORT_WIDTH = 960;

/** The lines that say what a figure counts, in the reader's language. */
export function useMetaLines(meta: FigureMeta | undefined): string[] {
  const { t } = useTranslation();
  const lang = currentLanguage();
  if (!meta) return [];
  return [
    t('dashboard.meta.rule', { rule: ruleWords(lang, meta.rule) }),
    ...(meta.coverage ? [t(`dashboard.meta.coverage.${meta.coverage}`)] : []),
    ...(meta.protection ? [t('dashboard.meta.protected', { threshold: meta.protection.threshold, through: formatDate(meta.protection.through, lang) })] : []),
    t('dashboard.meta.asOf', { time: timestamp(meta.asOf, lang) }),
  ];
}

export function FigurePanel({ id, title, meta, state, empty, chart, visual, savePng, rows, table, words, note }: Props) {
  const { t } = useTranslation();
  const lines = useMetaLines(meta);
  const box = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry?.contentRect.width ?? 0)));
    observer.observe(box.current!);
    return () => observer.disconnect();
  }, []);
  const shown = useMemo(() => (chart && width > 0 && !empty ? chart(width) : null), [chart, width, empty]);
  const formats: DownloadFormat[] = chart ? ['png', 'svg', 'csv', 'xlsx'] : savePng ? ['png', 'csv', 'xlsx'] : ['csv', 'xlsx'];
  const [busy, setBusy] = useState<DownloadFormat | null>(null);
  const fileName = (ext: DownloadFormat) => `salama-${id}-${(meta?.asOf ?? '').slice(0, 10)}.${ext}`;
  const download = async (format: DownloadFormat) => {
    const caption: Caption = { title, subtitle: lines.join('\n') };
    setBusy(format);
    try {
      if (format === 'png' && savePng) {
        await savePng(caption, fileName(format));
      } else if ((format === 'png' || format === 'svg') && chart) {
        const { option, height } = chart(EXPORT_WIDTH, caption);
        (format === 'png' ? downloadPng : downloadSvg)(option, { width: EXPORT_WIDTH, height }, fileName(format));
      } else if (format === 'csv') {
        downloadCsv(rows(), fileName(format));
      } else if (format === 'xlsx') {
        const about: [string, string][] = [[t('dashboard.download.title'), title], ...lines.map((l): [string, string] => ['', l])];
        await downloadXlsx({ sheet: t('dashboard.download.dataSheet'), aboutSheet: t('dashboard.download.aboutSheet'), rows: rows(), about, fileName: fileName(format), rtl: words.rtl });
      }
    } finally {
      setBusy(null);
    }
  };
  const headingId = `${id}-title`;
  return (
    <section className="panel figure" aria-labelledby={headingId} ref={box} data-testid={`figure-${id}`}>
      <div className="figure-head">
        <h2 id={headingId}>{title}</h2>
        {meta && !empty && (
          <div className="figure-downloads" role="group" aria-label={t('dashboard.download.label', { title })}>
            {formats.map((f) => (
              <button key={f} type="button" className="secondary" disabled={busy !== null} onClick={() => void download(f)} data-testid={`${id}-download-${f}`}>
                {t(`dashboard.download.${f}`)}
              </button>
            ))}
          </div>
        )}
      </div>
      {lines.length > 0 && (
        <ul className="figure-meta" data-testid={`${id}-meta`}>
          {lines.map((l) => <li key={l}>{l}</li>)}
        </ul>
      )}
      {(meta?.selfDecided ?? 0) > 0 && <p className="note figure-note" data-testid={`${id}-self-decided`}>{t('dashboard.meta.selfDecided', { count: meta!.selfDecided })}</p>}
      {note}
      {state.isPending && <p className="loading" role="status">{t('app.loading')}</p>}
      {state.error ? <ApiErrorMessage error={state.error} onRetry={() => void state.refetch()} /> : null}
      {meta && empty && <p className="empty" data-testid={`${id}-empty`}>{t('dashboard.empty')}</p>}
      {shown && <EChart option={shown.option} height={shown.height} label={`${title}. ${lines.join(' ')}`} testId={`${id}-chart`} />}
      {!empty && visual}
      {meta && !empty && (
        <details className="figure-data">
          <summary>{t('dashboard.table')}</summary>
          {table}
        </details>
      )}
    </section>
  );
}
