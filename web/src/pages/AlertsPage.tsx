// Why: early warning's alerts (coordinators), newest first: which rule fired, where (and about which party), the
// figure against the threshold it reached, when it was raised and where its workflow stands. The status filter
// is kept in the address; open alerts (new, acknowledged, action taken) by default.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ALERT_STATUSES, type AlertStatus, type AlertSummary } from '../../../src/shared/warnings.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { AlertStatusBadge } from '../components/warnings/AlertStatusBadge.tsx';
import { WarningsFrame } from '../components/warnings/WarningsFrame.tsx';
import { day } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { canReadAlerts } from '../session.tsx';
import { COUNTS_EVERY, figure, OPEN_STATUSES, alertStatusLabel, ruleKindLabel, warningKeys, warningsApi } from '../warnings.ts';

const FILTERS = ['open', ...ALERT_STATUSES, 'all'] as const;
type Filter = (typeof FILTERS)[number];
const statusesOf = (f: Filter): readonly AlertStatus[] => (f === 'open' ? OPEN_STATUSES : f === 'all' ? ALERT_STATUSES : [f]);
const LIMIT = 200;

export function AlertsPage() {
  const { t } = useTranslation();
  return <WarningsFrame pageName={t('warnings.title')} allowed={canReadAlerts}><AlertsBody /></WarningsFrame>;
}

function AlertsBody() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter: Filter = FILTERS.find((f) => f === params.get('status')) ?? 'open';
  // From the rules list: one rule's alerts.
  const ruleId = params.get('rule') ?? undefined;
  const query = { status: statusesOf(filter), limit: LIMIT, ...(ruleId ? { ruleId } : {}) };
  const choose = (f: string) => setParams({ ...(f === 'open' ? {} : { status: f }), ...(ruleId ? { rule: ruleId } : {}) });
  const alerts = useQuery({ queryKey: warningKeys.alerts(query), queryFn: () => warningsApi.alerts(query), placeholderData: keepPreviousData, refetchInterval: COUNTS_EVERY });
  return (
    <div className="warnings-page" data-testid="alerts-page">
      <h2 className="visually-hidden">{t('warnings.alerts.title')}</h2>
      <p className="intro">{t('warnings.alerts.intro')}</p>
      <div className="filters compact">
        <div className="field">
          <label htmlFor="alert-status-filter">{t('warnings.alerts.status')}</label>
          <select id="alert-status-filter" value={filter} onChange={(e) => choose(e.target.value)} data-testid="alert-status-filter">
            {FILTERS.map((f) => <option key={f} value={f}>{f === 'open' || f === 'all' ? t(`warnings.alerts.filter.${f}`) : alertStatusLabel(t, f)}</option>)}
          </select>
        </div>
      </div>
      {ruleId && <p className="note">{t('warnings.alerts.oneRule')} <Link to={filter === 'open' ? '/warnings' : `/warnings?status=${filter}`}>{t('warnings.alerts.allRules')}</Link></p>}
      {alerts.isPending && <p className="loading">{t('app.loading')}</p>}
      {alerts.isError && <ApiErrorMessage error={alerts.error} onRetry={() => void alerts.refetch()} />}
      {alerts.data && (alerts.data.alerts.length === 0
        ? <p className="empty" data-testid="alerts-empty">{t('warnings.alerts.empty')}</p>
        : <>
          <AlertTable alerts={alerts.data.alerts} />
          <p className="total" role="status">{alerts.data.total > alerts.data.alerts.length
            ? t('warnings.alerts.shownOf', { shown: alerts.data.alerts.length, count: alerts.data.total })
            : t('warnings.alerts.total', { count: alerts.data.total })}</p>
        </>)}
    </div>
  );
}

export function AlertTable({ alerts }: { alerts: readonly AlertSummary[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const parties = alerts.some((a) => a.party);
  return (
    <div className="table-wrap">
      <table className="warnings-table" data-testid="alerts-table">
        <thead>
          <tr>
            <th scope="col">{t('warnings.alerts.rule')}</th>
            <th scope="col">{t('warnings.alerts.area')}</th>
            {parties && <th scope="col">{t('warnings.alerts.party')}</th>}
            <th scope="col" className="num">{t('warnings.alerts.valueOfThreshold')}</th>
            <th scope="col">{t('warnings.alerts.raised')}</th>
            <th scope="col">{t('warnings.alerts.status')}</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((a) => (
            <tr key={a.id} data-testid="alert-row">
              <th scope="row">
                <Link to={`/warnings/alerts/${a.id}`}><bdi>{a.rule.name}</bdi></Link>
                <span className="muted sub-line">{ruleKindLabel(t, a.rule.kind)}</span>
              </th>
              <td><bdi>{a.area.name}</bdi></td>
              {parties && <td>{a.party ? <bdi>{a.party.name}</bdi> : <span className="muted">–</span>}</td>}
              <td className="num nowrap">{t('warnings.alerts.valueVsThreshold', { value: figure(a.value), threshold: figure(a.threshold) })}</td>
              <td className="nowrap">{day(a.raisedAt, lang)}</td>
              <td><AlertStatusBadge status={a.status} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
