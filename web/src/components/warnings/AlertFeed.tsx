// Why: the dashboard's small feed of early-warning alerts (coordinators): the newest open ones, five at most,
// each leading to its page. Loaded lazily beside the figures, so the dashboard's chunk does not grow; read
// every minute like the navigation's count.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { day } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { areaText, COUNTS_EVERY, OPEN_STATUSES, warningKeys, warningsApi } from '../../warnings.ts';
import { AlertStatusBadge } from './AlertStatusBadge.tsx';
import '../../warnings.css';

const QUERY = { status: OPEN_STATUSES, limit: 5 };

export default function AlertFeed() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const alerts = useQuery({ queryKey: warningKeys.alerts(QUERY), queryFn: () => warningsApi.alerts(QUERY), refetchInterval: COUNTS_EVERY });
  if (!alerts.data) return null;
  return (
    <section className="panel alert-feed" aria-labelledby="alert-feed-title" data-testid="alert-feed">
      <h2 id="alert-feed-title">{t('warnings.feed.title')}</h2>
      {alerts.data.alerts.length === 0
        ? <p className="muted">{t('warnings.feed.none')}</p>
        : (
          <ul>
            {alerts.data.alerts.map((a) => (
              <li key={a.id}>
                <Link to={`/warnings/alerts/${a.id}`}><bdi>{a.rule.name}</bdi></Link>{' '}
                <span className="muted">– <bdi>{areaText(a.area, a.party)}</bdi> · {day(a.raisedAt, lang)}</span>{' '}
                <AlertStatusBadge status={a.status} />
              </li>
            ))}
          </ul>
        )}
      <p><Link to="/warnings">{t('warnings.feed.all', { count: alerts.data.total })}</Link></p>
    </section>
  );
}
