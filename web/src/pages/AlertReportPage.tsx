// Why: the alert summary that may leave the organisation (coordinators, and viewers such as headquarters): for
// the alerts whose episode began in a period (the last 90 days unless chosen), what fired where and what was
// done, with no figure at all. A region is named only where the published protected figures name it; elsewhere
// the alert is told for its country, with a mark and the reason. The CSV is made here from the same rows, in the
// reader's language, with no request and nothing kept.
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { csvLine, type CsvValue } from '../../../src/shared/csv.ts';
import { AlertReportQuery, type AlertReport } from '../../../src/shared/warnings.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { AlertStatusBadge } from '../components/warnings/AlertStatusBadge.tsx';
import { PeriodPicker, type Period } from '../components/warnings/PeriodPicker.tsx';
import { WarningsFrame } from '../components/warnings/WarningsFrame.tsx';
import { saveFile } from '../exportPackage.ts';
import { formatDate, formatMonth, list } from '../format.ts';
import { currentLanguage, type Language } from '../i18n/index.ts';
import { canReadAlertSummary } from '../session.tsx';
import { alertActionLabel, alertStatusLabel, daysBefore, ruleKindLabel, today, warningKeys, warningsApi } from '../warnings.ts';

const DAYS = 90;

export function AlertReportPage() {
  const { t } = useTranslation();
  return <WarningsFrame pageName={t('warnings.report.title')} allowed={canReadAlertSummary}><ReportBody /></WarningsFrame>;
}

function ReportBody() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [period, setPeriod] = useState<Period>(() => ({ from: daysBefore(today(), DAYS), to: today() }));
  const report = useQuery({ queryKey: warningKeys.report(period), queryFn: () => warningsApi.report(period), placeholderData: keepPreviousData });
  return (
    <div className="warnings-page report-page" data-testid="report-page">
      {report.data && (
        <p className="intro" data-testid="report-about">
          {t('warnings.report.about', { threshold: report.data.threshold, through: formatDate(report.data.through, lang) })}
        </p>
      )}
      <PeriodPicker prefix="report" schema={AlertReportQuery} initial={period} onChoose={setPeriod} testId="report-run" />
      {report.isPending && <p className="loading">{t('app.loading')}</p>}
      {report.isError && <ApiErrorMessage error={report.error} onRetry={() => void report.refetch()} />}
      {report.data && <ReportResult report={report.data} busy={report.isFetching} />}
    </div>
  );
}

function ReportResult({ report, busy }: { report: AlertReport; busy: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { rows } = report;
  const parties = rows.some((r) => r.party);
  const folded = rows.some((r) => r.folded);
  const download = () => {
    const lines = csvRows(t, report, lang);
    saveFile(new Blob(['\uFEFF', ...lines.map(csvLine)], { type: 'text/csv;charset=utf-8' }), `salama-alert-summary-${report.from}-${report.to}.csv`);
  };
  return (
    <div className="report-result" aria-busy={busy}>
      <div className="report-head">
        <p role="status" data-testid="report-summary">
          {t('warnings.report.summary', { count: rows.length, from: formatDate(report.from, lang), to: formatDate(report.to, lang) })}
          {report.withheld > 0 && <> {t('warnings.report.withheld', { count: report.withheld })}</>}
        </p>
        {rows.length > 0 && <button type="button" className="secondary" onClick={download} data-testid="report-download-csv">{t('warnings.report.download')}</button>}
      </div>
      {rows.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('warnings.report.title')}>
          <table className="warnings-table report-table" data-testid="report-table">
            <thead>
              <tr>
                <th scope="col">{t('warnings.alerts.area')}</th>
                <th scope="col">{t('warnings.report.kind')}</th>
                <th scope="col">{t('warnings.report.indicators')}</th>
                {parties && <th scope="col">{t('warnings.alerts.party')}</th>}
                <th scope="col">{t('warnings.report.began')}</th>
                <th scope="col">{t('warnings.report.ended')}</th>
                <th scope="col">{t('warnings.alerts.status')}</th>
                <th scope="col">{t('warnings.report.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                // The rows carry no id (nothing that points back to the alert): their order is the server's.
                <tr key={i} data-testid="report-row">
                  <th scope="row">
                    <bdi>{r.area.name}</bdi>
                    {r.folded && <span className="sub-line"><span className="badge folded-badge" aria-describedby="report-folded-note" data-testid="report-folded">{t('warnings.report.foldedMark')}</span></span>}
                  </th>
                  <td>{ruleKindLabel(t, r.kind)}</td>
                  <td>{r.indicators.length ? list(r.indicators, lang) : <span className="muted">–</span>}</td>
                  {parties && <td>{r.party ? <bdi>{r.party}</bdi> : <span className="muted">–</span>}</td>}
                  <td className="day">{formatMonth(r.episodeStart, lang)}</td>
                  <td className="day">{r.episodeEnd ? formatMonth(r.episodeEnd, lang) : t('warnings.backtest.ongoing')}</td>
                  <td><AlertStatusBadge status={r.status} /></td>
                  <td>{r.actions.length ? list(r.actions.map((a) => alertActionLabel(t, a)), lang) : <span className="muted">–</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {folded && <p className="note" id="report-folded-note" data-testid="report-folded-note">{t('warnings.report.foldedNote')}</p>}
    </div>
  );
}

/** The table as CSV rows: the screen's words in the reader's language, months as YYYY-MM (a spreadsheet sorts them). */
export function csvRows(t: TFunction, report: AlertReport, lang: Language): CsvValue[][] {
  return [
    [t('warnings.alerts.area'), t('warnings.report.note'), t('warnings.report.kind'), t('warnings.report.indicators'), t('warnings.alerts.party'),
      t('warnings.report.began'), t('warnings.report.ended'), t('warnings.alerts.status'), t('warnings.report.actions')],
    ...report.rows.map((r) => [
      r.area.name, r.folded ? t('warnings.report.foldedNote') : '', ruleKindLabel(t, r.kind), list(r.indicators, lang), r.party ?? '',
      r.episodeStart, r.episodeEnd ?? t('warnings.backtest.ongoing'), alertStatusLabel(t, r.status), list(r.actions.map((a) => alertActionLabel(t, a)), lang),
    ]),
  ];
}
