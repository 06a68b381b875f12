// Why: what a rule would have done over a past period (the last two years unless chosen): the areas (and
// parties) where it would have fired, with each episode's start, end and peak, and one area's series drawn
// day by day (the figure, the threshold, the baseline, where each episode began). Choosing an area in the
// table draws its series. The chart is the shared option (src/shared/charts/backtest.ts), so a report can draw
// the same; the table says everything the chart shows.
import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { backtestHeight, backtestOption, episodeStarts } from '../../../../src/shared/charts/backtest.ts';
import { BacktestQuery, type Backtest, type Rule, type RuleParams } from '../../../../src/shared/warnings.ts';
import { formatDate } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { areaText, figure, today, warningKeys, warningsApi, yearsBefore } from '../../warnings.ts';
import { ApiErrorMessage } from '../ApiErrorMessage.tsx';
import { EChart } from '../dashboard/EChart.tsx';
import { PeriodPicker, type Period } from './PeriodPicker.tsx';

/** The days one figure of the rule counts over (its window). */
const windowOf = (p: RuleParams): number => (p.kind === 'record_high' ? p.windowDays : p.kind === 'combination' ? p.withinDays : p.recentDays);

export function BacktestPanel({ rule }: { rule: Rule }) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<Period>(() => ({ from: yearsBefore(today(), 2), to: today() }));
  const [key, setKey] = useState<string | undefined>(undefined);
  const query = { ...period, ...(key ? { key } : {}) };
  const backtest = useQuery({ queryKey: warningKeys.backtest(rule.id, query), queryFn: () => warningsApi.backtest(rule.id, query), placeholderData: keepPreviousData });
  return (
    <section className="panel backtest" aria-labelledby="backtest-title" data-testid="backtest">
      <h2 id="backtest-title">{t('warnings.backtest.title')}</h2>
      <p className="hint">{t('warnings.backtest.intro')}</p>
      <PeriodPicker prefix="backtest" schema={BacktestQuery} initial={period} onChoose={(p) => { setPeriod(p); setKey(undefined); }} testId="backtest-run" />
      {backtest.isPending && <p className="loading">{t('app.loading')}</p>}
      {backtest.isError && <ApiErrorMessage error={backtest.error} onRetry={() => void backtest.refetch()} />}
      {backtest.data && <BacktestResult data={backtest.data} drawn={backtest.data.series?.key} onDraw={setKey} busy={backtest.isFetching} />}
    </section>
  );
}

function BacktestResult({ data, drawn, onDraw, busy }: { data: Backtest; drawn: string | undefined; onDraw: (key: string) => void; busy: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const series = data.series;
  const words = useMemo(() => ({
    rtl: lang === 'ar', value: t('warnings.backtest.value', { count: windowOf(data.rule.params) }), threshold: t('warnings.backtest.threshold'),
    baseline: t('warnings.backtest.baseline'), episodeStart: t('warnings.backtest.episodeStart'), day: (d: string) => formatDate(d, lang),
  }), [t, lang, data.rule.params]);
  const option = useMemo(() => (series ? backtestOption(series.points, words) : null), [series, words]);
  const episodes = data.areas.reduce((n, a) => n + a.episodes.length, 0);
  return (
    <div className="backtest-result" aria-busy={busy}>
      <p role="status" data-testid="backtest-summary">
        {t('warnings.backtest.summary', { count: episodes, areas: data.areas.length, from: formatDate(data.from, lang), to: formatDate(data.to, lang) })}
      </p>
      {series && option && (
        <figure className="backtest-chart">
          <figcaption><strong><bdi>{series.area.name}</bdi></strong></figcaption>
          <EChart
            option={option} height={backtestHeight()} testId="backtest-chart"
            label={t('warnings.backtest.chartLabel', { area: series.area.name, count: episodeStarts(series.points).length })}
          />
        </figure>
      )}
      {data.areas.length > 0 && (
        <div className="table-wrap">
          <table className="warnings-table" data-testid="backtest-areas">
            <caption>{t('warnings.backtest.areas')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('warnings.alerts.area')}</th>
                <th scope="col">{t('warnings.backtest.start')}</th>
                <th scope="col">{t('warnings.backtest.end')}</th>
                <th scope="col" className="num">{t('warnings.backtest.peak')}</th>
              </tr>
            </thead>
            <tbody>
              {data.areas.flatMap((a) => a.episodes.map((e, i) => (
                <tr key={`${a.key}-${e.start}`} className={a.key === drawn ? 'drawn' : undefined} data-testid="backtest-episode">
                  {i === 0 && (
                    <th scope="rowgroup" rowSpan={a.episodes.length}>
                      <button type="button" className="link-button" aria-pressed={a.key === drawn} onClick={() => onDraw(a.key)} data-testid="backtest-draw">
                        <bdi>{areaText(a.area, a.party)}</bdi>
                      </button>
                    </th>
                  )}
                  <td className="nowrap">{formatDate(e.start, lang)}</td>
                  <td className="nowrap">{e.end ? formatDate(e.end, lang) : t('warnings.backtest.ongoing')}</td>
                  <td className="num">{figure(e.peak, lang)}</td>
                </tr>
              )))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
