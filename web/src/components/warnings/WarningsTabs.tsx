// Why: the early-warning section's own navigation for coordinators (alerts, rules, indicators, observations and
// the summary for headquarters); monitors and partners have the observations only, viewers the summary only, so
// they see no tabs.
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { canReadAlerts, useMe } from '../../session.tsx';

export function WarningsTabs() {
  const { t } = useTranslation();
  const me = useMe();
  if (!canReadAlerts(me.user.role)) return null;
  return (
    <nav aria-label={t('warnings.nav')} className="tabs warnings-tabs">
      <ul>
        <li><NavLink to="/warnings" end>{t('warnings.alerts.title')}</NavLink></li>
        <li><NavLink to="/warnings/rules">{t('warnings.rules.title')}</NavLink></li>
        <li><NavLink to="/warnings/indicators">{t('warnings.indicators.title')}</NavLink></li>
        <li><NavLink to="/warnings/observations">{t('warnings.observations.title')}</NavLink></li>
        <li><NavLink to="/warnings/report">{t('warnings.report.tab')}</NavLink></li>
      </ul>
    </nav>
  );
}
