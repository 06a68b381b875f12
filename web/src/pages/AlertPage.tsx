// Why: one early-warning alert (coordinators): why it was raised, what is behind the figure (the incidents the
// reader may open, and how many others; the observations), what has been done about it, and the next step of
// its workflow.
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../src/shared/warnings.ts';
import { AlertExplanation } from '../components/warnings/AlertExplanation.tsx';
import { AlertStatusBadge } from '../components/warnings/AlertStatusBadge.tsx';
import { AlertEvents, AlertWorkflow } from '../components/warnings/AlertWorkflow.tsx';
import { ObservationTable } from '../components/warnings/ObservationTable.tsx';
import { WarningsFrame } from '../components/warnings/WarningsFrame.tsx';
import { day } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { canReadAlerts, useMe } from '../session.tsx';
import { warningKeys, warningsApi } from '../warnings.ts';

export function AlertPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  const alert = useQuery({ queryKey: warningKeys.alert(id), queryFn: () => warningsApi.alert(id), enabled: canReadAlerts(me.user.role) });
  return (
    <WarningsFrame pageName={t('warnings.alert.pageName')} heading={alert.data && <bdi>{alert.data.rule.name}</bdi>} allowed={canReadAlerts} query={alert}>
      {alert.data && <AlertBody alert={alert.data} />}
    </WarningsFrame>
  );
}

function AlertBody({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  // The rule in words, as the rules list words it (read once for the section, shared with the rules page).
  const rules = useQuery({ queryKey: warningKeys.rules(), queryFn: warningsApi.rules, staleTime: 60_000 });
  const rule = rules.data?.rules.find((r) => r.id === alert.rule.id);
  return (
    <div className="warnings-page alert-page" data-testid="alert-page">
      <p className="alert-heading">
        <AlertStatusBadge status={alert.status} />{' '}
        <span className="muted">{t('warnings.alert.raisedOn', { date: day(alert.raisedAt, lang), area: alert.area.name })}</span>
      </p>
      <div className="alert-columns">
        <AlertExplanation alert={alert} ruleDescription={rule?.description} />
        <AlertWorkflow alert={alert} />
      </div>
      <section className="panel" aria-labelledby="alert-incidents" data-testid="alert-incidents">
        <h2 id="alert-incidents">{t('warnings.alert.incidents')}</h2>
        {alert.incidents.length === 0 && alert.otherIncidents === 0 && <p className="muted">{t('warnings.alert.noIncidents')}</p>}
        {alert.incidents.length > 0 && (
          <ul className="incident-links">
            {alert.incidents.map((i) => <li key={i.id}><Link to={`/incidents/${i.id}`} dir="ltr">{i.reference}</Link></li>)}
          </ul>
        )}
        {alert.otherIncidents > 0 && <p className="hint" data-testid="other-incidents">{t('warnings.alert.otherIncidents', { count: alert.otherIncidents })}</p>}
      </section>
      {(alert.observations.length > 0 || alert.rule.kind === 'combination') && (
        <section className="panel" aria-labelledby="alert-observations">
          <h2 id="alert-observations">{t('warnings.alert.observations')}</h2>
          {alert.observations.length === 0
            ? <p className="muted">{t('warnings.observations.empty')}</p>
            : <ObservationTable observations={alert.observations} recorder />}
        </section>
      )}
      <AlertEvents alert={alert} />
      <p><Link to="/warnings">{t('warnings.alert.back')}</Link></p>
    </div>
  );
}
