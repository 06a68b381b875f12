// Why: the detail page's "Consent and context" card: what the survivor agreed to (which governs where the
// record may go) and the circumstances, translated, with "Not known" wherever nothing was recorded.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../src/shared/incident.ts';
import { consentLabel, displacementLabel, timeOfDayLabel } from '../format.ts';
import { useListLabels } from '../lookups.ts';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (<div className="item"><dt>{label}</dt><dd>{children}</dd></div>);
}

export function ConsentContextCard({ d }: { d: IncidentDetail }) {
  const { t } = useTranslation();
  const labels = useListLabels();
  const unknown = <span className="muted">{t('form.notKnown')}</span>;
  const c = d.context;
  const yesNo = (b: boolean | null) => (b === null ? unknown : b ? t('detail.yes') : t('detail.no'));
  return (
    <section className="panel consent-card" aria-labelledby="d-consent" data-testid="consent-card">
      <h2 id="d-consent">{t('detail.consentContext')}</h2>
      <dl>
        <Item label={t('incident.consent')}>
          <ul className="people" data-testid="consent-list">
            {d.consent.map((s) => <li key={s}>{consentLabel(t, s)}</li>)}
          </ul>
        </Item>
        <Item label={t('incident.setting')}>{c.setting ? labels.setting(c.setting) : unknown}</Item>
        <Item label={t('incident.timeOfDay')}>{c.timeOfDay ? timeOfDayLabel(t, c.timeOfDay) : unknown}</Item>
        <Item label={t('incident.displacementStage')}>{c.displacementStage ? displacementLabel(t, c.displacementStage) : unknown}</Item>
        <Item label={t('incident.abduction')}>{yesNo(c.abduction)}</Item>
        <Item label={t('incident.detention')}>{yesNo(c.detention)}</Item>
      </dl>
    </section>
  );
}
