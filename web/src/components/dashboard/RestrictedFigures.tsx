// Why: the exact figures (restricted tier) of the dashboard, over the records the reader may read: victims by
// form over quarters, the parties most alleged with their forms, areas over quarters, from allegation to
// verification, and settings. Each is one or more counts of the engine under the page's choices.
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartWords, Figure } from '../../../../src/shared/charts/figure.ts';
import { crossTab, figureRows, fromAnswer, weights } from '../../../../src/shared/charts/figure.ts';
import { barCodes, barsHeight, barsOption, heatmapHeight, heatmapOption, trendsHeight, trendsOption, type Caption } from '../../../../src/shared/charts/options.ts';
import type { StatsAnswer } from '../../../../src/shared/stats.ts';
import { countsQuery, type DashboardState, type FigureRequest } from '../../dashboardQuery.ts';
import { useChartWords, useCounts } from '../../stats.ts';
import { FigurePanel, type FigureMeta } from './FigurePanel.tsx';
import { FigureTable, LongTable } from './FigureTable.tsx';

const meta = (a: StatsAnswer | undefined): FigureMeta | undefined =>
  a && { rule: a.rule, asOf: a.asOf, coverage: a.coverage, selfDecided: a.selfDecided };

function useFigure(state: DashboardState, request: FigureRequest) {
  const answer = useCounts(countsQuery(state, request));
  const figure = useMemo(() => (answer.data ? fromAnswer(answer.data) : null), [answer.data]);
  return { answer, figure };
}

/** The funnel's bars in their order, whatever their sizes. */
const FUNNEL = { bars: 'status' as const, order: new Map([['all', 3], ['verified', 2], ['late', 1]]) };

const NO_PARTIES: Readonly<Record<string, string>> = {};

export function RestrictedFigures({ state }: { state: DashboardState }) {
  const { t } = useTranslation();
  // Regions: their codes (ISO 3166-2, P-codes) are unique across countries, so no country needs choosing first.
  const area = 'admin1' as const;
  const trends = useFigure(state, { by: ['period', 'form', 'victimCategory'], unit: 'victims' });
  const parties = useFigure(state, { by: ['party', 'form'] });
  const partyTotals = useFigure(state, { by: ['party'] });
  const areas = useFigure(state, { by: [area, 'period'] });
  const settings = useFigure(state, { by: ['setting'] });
  const all = useFigure(state, { by: [], records: 'reported' });
  const verified = useFigure(state, { by: [], records: 'verified' });
  const late = useFigure(state, { by: [], records: 'verified', late: true });
  const words = useChartWords(state.country ? [state.country] : [], partyTotals.answer.data?.parties ?? NO_PARTIES);

  const trendsChart = useCallback((width: number, caption?: Caption) => {
    const columns = width >= 720 ? 2 : 1;
    return { option: trendsOption(trends.figure!, words, { columns, caption }), height: trendsHeight(trends.figure!, columns, caption) };
  }, [trends.figure, words]);

  const order = useMemo(() => (partyTotals.figure ? weights(partyTotals.figure, 'party') : undefined), [partyTotals.figure]);
  const partyOpts = useMemo(() => ({ bars: 'party' as const, stack: 'form' as const, top: 10, order }), [order]);
  const partiesChart = useCallback((_: number, caption?: Caption) => ({
    option: barsOption(parties.figure!, words, { ...partyOpts, caption }),
    height: barsHeight(barCodes(parties.figure!, partyOpts).length, { legend: true, caption }),
  }), [parties.figure, words, partyOpts]);

  const areaTab = useMemo(() => (areas.figure ? crossTab(areas.figure, area, 'period', { words }) : null), [areas.figure, area, words]);
  const areasChart = useCallback((_: number, caption?: Caption) => ({
    option: heatmapOption(areaTab!, words, { rows: area, columns: 'period', caption }), height: heatmapHeight(areaTab!.rows.length, caption),
  }), [areaTab, words, area]);

  const settingsChart = useCallback((_: number, caption?: Caption) => ({
    option: barsOption(settings.figure!, words, { bars: 'setting', caption }), height: barsHeight(barCodes(settings.figure!, { bars: 'setting' }).length, { caption }),
  }), [settings.figure, words]);

  // The funnel: three totals of the same counting, every allegation, verified ones, verified late.
  const stages = useMemo((): Figure | null => {
    if (!all.answer.data || !verified.answer.data || !late.answer.data) return null;
    return { dimensions: ['status'], grain: 'quarter', cells: [
      { key: ['all'], value: all.answer.data.total, suppressed: null },
      { key: ['verified'], value: verified.answer.data.total, suppressed: null },
      { key: ['late'], value: late.answer.data.total, suppressed: null },
    ] };
  }, [all.answer.data, verified.answer.data, late.answer.data]);
  const stageWords = useMemo((): ChartWords => ({
    ...words, label: (d, code) => (d === 'status' && (code === 'all' || code === 'verified' || code === 'late') ? t(`dashboard.funnel.${code}`) : words.label(d, code)),
  }), [words, t]);
  const funnelChart = useCallback((_: number, caption?: Caption) => ({
    option: barsOption(stages!, stageWords, { ...FUNNEL, caption }), height: barsHeight(3, { caption }),
  }), [stages, stageWords]);
  const funnelState = { isPending: all.answer.isPending || verified.answer.isPending || late.answer.isPending, error: all.answer.error ?? verified.answer.error ?? late.answer.error, refetch: () => Promise.all([all.answer.refetch(), verified.answer.refetch(), late.answer.refetch()]) };

  const oneColumn = (figure: Figure, dimension: 'setting' | 'status', w: ChartWords, codes: string[]) => (
    <FigureTable caption={w.dimension(dimension)} words={w} rowDimension={dimension} columnDimension={null} rows={codes} columns={['value']}
      cell={(r) => figure.cells.find((c) => c.key[0] === r) ?? { key: [r], value: 0, suppressed: null }} withReason={false} />
  );
  const crossTable = (figure: Figure, rows: 'party' | 'admin1', columns: 'form' | 'period', title: string) => {
    const tab = crossTab(figure, rows, columns, { words });
    return <FigureTable caption={title} words={words} rowDimension={rows} columnDimension={columns} rows={tab.rows} columns={tab.columns} cell={tab.cell} withReason={false} />;
  };

  return (
    <div className="figures-grid">
      <FigurePanel
        id="trends" title={t('dashboard.figures.trends')} meta={meta(trends.answer.data)} state={trends.answer} words={words}
        empty={!trends.figure?.cells.length} chart={trendsChart} rows={() => figureRows(trends.figure!, words)}
        note={<p className="hint">{t('dashboard.notes.trends')}</p>}
        table={trends.figure && <LongTable caption={t('dashboard.figures.trends')} figure={trends.figure} words={words} />}
      />
      <FigurePanel
        id="parties" title={t('dashboard.figures.parties')} meta={meta(parties.answer.data)} state={parties.answer} words={words}
        empty={!parties.figure?.cells.length} chart={partiesChart} rows={() => figureRows(parties.figure!, words)}
        note={<p className="hint">{t('dashboard.notes.parties')}</p>}
        table={parties.figure && crossTable(parties.figure, 'party', 'form', t('dashboard.figures.parties'))}
      />
      <FigurePanel
        id="areas" title={t('dashboard.figures.areas')} meta={meta(areas.answer.data)} state={areas.answer} words={words}
        empty={!areas.figure?.cells.length} chart={areasChart} rows={() => figureRows(areas.figure!, words)}
        table={areas.figure && crossTable(areas.figure, area, 'period', t('dashboard.figures.areas'))}
      />
      <FigurePanel
        id="funnel" title={t('dashboard.figures.funnel')} meta={meta(all.answer.data)} state={funnelState} words={stageWords}
        empty={!stages || stages.cells[0]!.value === 0} chart={funnelChart} rows={() => figureRows(stages!, stageWords)}
        note={<p className="hint">{t('dashboard.notes.funnel')}</p>}
        table={stages && oneColumn(stages, 'status', stageWords, barCodes(stages, FUNNEL))}
      />
      <FigurePanel
        id="settings" title={t('dashboard.figures.settings')} meta={meta(settings.answer.data)} state={settings.answer} words={words}
        empty={!settings.figure?.cells.length} chart={settingsChart} rows={() => figureRows(settings.figure!, words)}
        table={settings.figure && oneColumn(settings.figure, 'setting', words, barCodes(settings.figure, { bars: 'setting' }, words))}
      />
    </div>
  );
}
