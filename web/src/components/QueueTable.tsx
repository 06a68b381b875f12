// Why: the verification queue's table: what waits for a decision, oldest first, how long it has waited, a
// plain marker on records the coordinator recorded (four eyes), and a Decide button that opens the decision
// panel on the queue itself. Rows become cards on a narrow screen, like the incident list's (IncidentTable.tsx).
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { IncidentSummary } from '../../../src/shared/incident.ts';
import { timestamp } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { CoreCells, useOpenIncidentRow } from './IncidentTable.tsx';
import { StatusBadge } from './StatusBadge.tsx';

const DAY_MS = 86_400_000;

/** "12 days" since the record was made; under a day reads "less than a day". */
export function waitingFor(t: TFunction, createdAt: string, now = Date.now()): string {
  const days = Math.floor((now - Date.parse(createdAt)) / DAY_MS);
  return Number.isFinite(days) && days >= 1 ? t('queue.days', { count: days }) : t('queue.waitingToday');
}

export function QueueTable({ items, meId, onDecide }: { items: IncidentSummary[]; meId: string; onDecide: (i: IncidentSummary) => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const openRow = useOpenIncidentRow();
  return (
    <div className="table-wrap card-table">
      <table className="incidents queue" role="table" data-testid="queue-table">
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader">{t('list.col.reference')}</th>
            <th scope="col" role="columnheader">{t('list.col.date')}</th>
            <th scope="col" role="columnheader">{t('list.col.place')}</th>
            <th scope="col" role="columnheader">{t('list.col.forms')}</th>
            <th scope="col" role="columnheader" className="num">{t('list.col.victims')}</th>
            <th scope="col" role="columnheader">{t('list.col.status')}</th>
            <th scope="col" role="columnheader">{t('queue.recorded')}</th>
            <th scope="col" role="columnheader">{t('queue.waiting')}</th>
            <th scope="col" role="columnheader"><span className="visually-hidden">{t('verify.panel.decide')}</span></th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {items.map((i) => {
            const own = i.createdBy === meId;
            return (
              <tr key={i.id} role="row" className={own ? 'clickable own' : 'clickable'} data-testid={`queue-row-${i.reference}`} onClick={openRow(i.id)}>
                <th scope="row" role="rowheader"><Link to={`/incidents/${i.id}`}>{i.reference}</Link></th>
                <CoreCells incident={i} />
                <td role="cell" className="status" data-label={t('list.col.status')}>
                  <StatusBadge status={i.verification.status} late={i.verification.late} />
                  {own && <p className="four-eyes" data-testid="four-eyes">{t('queue.ownRecord')}</p>}
                </td>
                <td className="nowrap" role="cell" data-label={t('queue.recorded')}>{timestamp(i.createdAt, lang)}</td>
                <td className="nowrap" role="cell" data-label={t('queue.waiting')}>{waitingFor(t, i.createdAt)}</td>
                <td role="cell">
                  <button type="button" className="secondary" onClick={() => onDecide(i)} aria-label={`${t('verify.panel.decide')} ${i.reference}`} data-testid="queue-decide">
                    {t('verify.panel.decide')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
