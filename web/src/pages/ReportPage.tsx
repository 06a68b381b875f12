// Why: one report: what it is (kind, period, party, where its latest version stands) and its four tabs: Write
// (coordinators: the narrative sections of the template), Versions (generate a new one, the frozen versions,
// their history and workflow), Read (a version as a document in one of the three languages, its files, and for
// coordinators whether the data moved since), Comments (coordinators, per section of a version). Viewers have
// Read and Versions, over approved and submitted versions only. The report is read again every 700 ms while a
// version is being made.
import { useQuery } from '@tanstack/react-query';
import { sameThing } from '../commitments.ts';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Report } from '../../../src/shared/reports.ts';
import { ReportComments } from '../components/reports/ReportComments.tsx';
import { ReportRead } from '../components/reports/ReportRead.tsx';
import { ReportsFrame } from '../components/reports/ReportsFrame.tsx';
import { ReportStatusBadge } from '../components/reports/ReportStatusBadge.tsx';
import { ReportVersions } from '../components/reports/ReportVersions.tsx';
import { ReportWrite } from '../components/reports/ReportWrite.tsx';
import { list } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { GENERATION_POLL, isGenerating, periodLabel, reportKeys, reportKindLabel, reportsApi } from '../reports.ts';
import { canReadReports, canWriteReports, useMe } from '../session.tsx';

const TABS = ['write', 'versions', 'read', 'comments'] as const;
type Tab = (typeof TABS)[number];

export function ReportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  const report = useQuery({
    queryKey: reportKeys.one(id),
    queryFn: () => reportsApi.get(id),
    enabled: canReadReports(me.user.role),
    refetchInterval: (q) => (isGenerating(q.state.data) ? GENERATION_POLL : false),
    // Read again in another language, the report stays on the page meanwhile.
    placeholderData: sameThing(id),
  });
  return (
    <ReportsFrame pageName={t('reports.report.pageName')} heading={report.data && <bdi>{report.data.title}</bdi>} allowed={canReadReports} query={report} sectionTabs={false}>
      {report.data && <ReportBody report={report.data} />}
    </ReportsFrame>
  );
}

function ReportBody({ report }: { report: Report }) {
  const { t } = useTranslation();
  const me = useMe();
  const { tab: asked } = useParams();
  const { search } = useLocation();
  const writer = canWriteReports(me.user.role);
  const tabs: readonly Tab[] = writer ? TABS : ['read', 'versions'];
  const tab: Tab = tabs.find((x) => x === asked) ?? tabs[0]!;
  // Read and Comments are about one version: the choice (in the address) goes with them.
  const keep = (x: Tab) => (x === 'read' || x === 'comments' ? search : '');
  return (
    <div className="reports-page report-page" data-testid="report-page">
      <p className="report-facts" data-testid="report-facts">
        <span>{reportKindLabel(t, report.kind)}</span>
        <span>{periodLabel(t, report.period)}</span>
        {report.party && <span><bdi>{report.party.name}</bdi></span>}
        <ReportStatusBadge status={report.status} />
        {report.latestVersion !== null && <span className="muted">{t('reports.report.latest', { version: report.latestVersion })}</span>}
      </p>
      {report.annexParties.length > 0 && (
        <p className="muted">{t('reports.report.annexParties')}: <bdi>{list(report.annexParties.map((p) => p.name), currentLanguage())}</bdi></p>
      )}
      <nav aria-label={t('reports.report.pageName')} className="reports-tabs">
        <ul>
          {tabs.map((x) => (
            <li key={x}>
              <Link to={`/reports/${report.id}/${x}${keep(x)}`} aria-current={x === tab ? 'page' : undefined} data-testid={`tab-${x}`}>{t(`reports.report.tabs.${x}`)}</Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'write' && <ReportWrite report={report} />}
      {tab === 'versions' && <ReportVersions report={report} />}
      {tab === 'read' && <ReportRead report={report} />}
      {tab === 'comments' && <ReportComments report={report} />}
      <p><Link to="/reports">{t('reports.report.back')}</Link></p>
    </div>
  );
}
