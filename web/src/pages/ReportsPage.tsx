// Why: the organisation's reports (coordinators: all; viewers: those with an approved or submitted version):
// what each is, its period and party, where its latest version stands. Coordinators start a new one here.
import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ReportSummary } from '../../../src/shared/reports.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { ReportCreateForm } from '../components/reports/ReportCreateForm.tsx';
import { ReportsFrame } from '../components/reports/ReportsFrame.tsx';
import { ReportStatusBadge } from '../components/reports/ReportStatusBadge.tsx';
import { day } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { periodLabel, refreshReports, reportKeys, reportKindLabel, reportsApi } from '../reports.ts';
import { canReadReports, canWriteReports, useMe } from '../session.tsx';

export function ReportsPage() {
  const { t } = useTranslation();
  return <ReportsFrame pageName={t('reports.title')} allowed={canReadReports}><ReportsBody /></ReportsFrame>;
}

function ReportsBody() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const writer = canWriteReports(me.user.role);
  const [creating, setCreating] = useState(false);
  const reports = useQuery({ queryKey: reportKeys.list(), queryFn: reportsApi.list, placeholderData: keepPreviousData });
  return (
    <div className="reports-page" data-testid="reports-page">
      <p className="intro">{writer ? t('reports.list.intro') : t('reports.list.introViewer')}</p>
      {writer && !creating && (
        <div className="page-actions">
          <button type="button" onClick={() => setCreating(true)} data-testid="new-report">{t('reports.list.new')}</button>
        </div>
      )}
      {writer && creating && (
        <ReportCreateForm
          onSaved={(r) => { qc.setQueryData(reportKeys.one(r.id), r); void refreshReports(qc); void navigate(`/reports/${r.id}`); }}
          onCancel={() => setCreating(false)}
        />
      )}
      {reports.isPending && <p className="loading">{t('app.loading')}</p>}
      {reports.isError && <ApiErrorMessage error={reports.error} onRetry={() => void reports.refetch()} />}
      {reports.data && (reports.data.items.length === 0
        ? <p className="empty" data-testid="reports-empty">{writer ? t('reports.list.empty') : t('reports.list.emptyViewer')}</p>
        : <>
          <ReportTable reports={reports.data.items} />
          <p className="total" role="status">{t('reports.list.total', { count: reports.data.items.length })}</p>
        </>)}
    </div>
  );
}

function ReportTable({ reports }: { reports: readonly ReportSummary[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const parties = reports.some((r) => r.party);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('reports.title')}>
      <table className="reports-table" data-testid="reports-table">
        <thead>
          <tr>
            <th scope="col">{t('reports.list.report')}</th>
            <th scope="col">{t('reports.list.period')}</th>
            {parties && <th scope="col">{t('reports.list.party')}</th>}
            <th scope="col">{t('reports.list.latestVersion')}</th>
            <th scope="col">{t('reports.list.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={r.id} data-testid="report-row">
              <th scope="row">
                <Link to={`/reports/${r.id}`}><bdi>{r.title}</bdi></Link>
                <span className="muted sub-line">{reportKindLabel(t, r.kind)}</span>
              </th>
              <td className="nowrap">{periodLabel(t, r.period)}</td>
              {parties && <td>{r.party ? <bdi>{r.party.name}</bdi> : <span className="muted">–</span>}</td>}
              <td>
                <ReportStatusBadge status={r.status} />
                {r.latestVersion !== null && <span className="sub-line">{t('reports.versions.version', { version: r.latestVersion })}</span>}
              </td>
              <td>{day(r.updatedAt, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
