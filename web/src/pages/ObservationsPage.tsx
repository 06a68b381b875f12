// Why: observations of early-warning indicators: monitors and partners record what they see (displacement,
// checkpoints, hate speech, armed groups moving in...) and read their own; coordinators read everyone's, which
// combination rules weigh together. Removing one takes a reason.
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { ReasonPanel } from '../components/ReasonPanel.tsx';
import { ObservationForm } from '../components/warnings/ObservationForm.tsx';
import { ObservationTable } from '../components/warnings/ObservationTable.tsx';
import { WarningsFrame } from '../components/warnings/WarningsFrame.tsx';
import { canReadAlerts, canRecordObservations, useMe } from '../session.tsx';
import { refreshWarnings, warningKeys, warningsApi } from '../warnings.ts';

const QUERY = { limit: 200 };

export function ObservationsPage() {
  const { t } = useTranslation();
  return <WarningsFrame pageName={t('warnings.observations.title')} allowed={canRecordObservations}><ObservationsBody /></WarningsFrame>;
}

function ObservationsBody() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const all = canReadAlerts(me.user.role);
  const [saved, setSaved] = useState<'recorded' | 'removed' | null>(null);
  const indicators = useQuery({ queryKey: warningKeys.indicators(), queryFn: warningsApi.indicators });
  const observations = useQuery({ queryKey: warningKeys.observations(QUERY), queryFn: () => warningsApi.observations(QUERY) });
  const changed = (what: 'recorded' | 'removed') => { setSaved(what); void refreshWarnings(qc); };
  return (
    <div className="warnings-page" data-testid="observations-page">
      <p className="intro">{t('warnings.observations.intro')}</p>
      <p role="status" className="list-status" data-testid="observation-status">{saved && t(`warnings.observations.${saved}`)}</p>
      {indicators.isError && <ApiErrorMessage error={indicators.error} onRetry={() => void indicators.refetch()} />}
      {indicators.data && <ObservationForm indicators={indicators.data.indicators} onSaved={() => changed('recorded')} />}
      <section aria-labelledby="observations-list">
        <h2 id="observations-list">{all ? t('warnings.observations.all') : t('warnings.observations.mine')}</h2>
        {observations.isPending && <p className="loading">{t('app.loading')}</p>}
        {observations.isError && <ApiErrorMessage error={observations.error} onRetry={() => void observations.refetch()} />}
        {observations.data && (observations.data.observations.length === 0
          ? <p className="empty" data-testid="observations-empty">{t('warnings.observations.empty')}</p>
          : <>
            <ObservationTable
              observations={observations.data.observations} recorder={all}
              actions={(o) => (o.mine || all) && (
                <ReasonPanel
                  prefix={`remove-observation-${o.id}`} open={t('warnings.observations.remove')} label={t('warnings.observations.removeReason')}
                  confirm={t('warnings.observations.removeConfirm')} send={(reason) => warningsApi.removeObservation(o.id, reason)} onSaved={() => changed('removed')}
                />
              )}
            />
            {observations.data.total > observations.data.observations.length && (
              <p className="hint">{t('warnings.alerts.shownOf', { shown: observations.data.observations.length, count: observations.data.total })}</p>
            )}
          </>)}
      </section>
    </div>
  );
}
