// Why: observations of early-warning indicators as a table (the observations page, an alert's page): the day,
// the indicator, where, the party if one, how severe, what was seen; who recorded it when the reader sees
// others' too. A removal (with a reason) is offered where the page allows it.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Observation } from '../../../../src/shared/warnings.ts';
import { formatDate } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { severityLabel } from '../../warnings.ts';

interface Props {
  observations: readonly Observation[];
  /** Show who recorded each (a coordinator reads everyone's). */
  recorder?: boolean;
  caption?: string;
  /** What may be done with one (remove it), in its last column. */
  actions?: (o: Observation) => ReactNode;
}

export function ObservationTable({ observations, recorder = false, caption, actions }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <div className="table-wrap">
      <table className="warnings-table" data-testid="observations-table">
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            <th scope="col">{t('warnings.observations.observedOn')}</th>
            <th scope="col">{t('warnings.observations.indicator')}</th>
            <th scope="col">{t('warnings.alerts.area')}</th>
            <th scope="col">{t('warnings.alerts.party')}</th>
            <th scope="col">{t('warnings.observations.severity')}</th>
            <th scope="col">{t('warnings.observations.note')}</th>
            {recorder && <th scope="col">{t('warnings.observations.recordedBy')}</th>}
            {actions && <th scope="col"><span className="visually-hidden">{t('warnings.observations.actions')}</span></th>}
          </tr>
        </thead>
        <tbody>
          {observations.map((o) => (
            <tr key={o.id} data-testid="observation-row">
              <td className="nowrap">{formatDate(o.observedOn, lang)}</td>
              <th scope="row"><bdi>{o.indicator.name}</bdi></th>
              <td><bdi>{o.area.name}</bdi></td>
              <td>{o.party ? <bdi>{o.party.name}</bdi> : <span className="muted">–</span>}</td>
              <td><span className={`badge severity-${o.severity}`}>{severityLabel(t, o.severity)}</span></td>
              <td className="pre-line" dir="auto">{o.note}{o.removed && <> <span className="badge">{t('warnings.observations.removedMark')}</span></>}</td>
              {recorder && <td>{o.recordedBy}</td>}
              {actions && <td>{actions(o)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
