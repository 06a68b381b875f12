// Why: the incident list table: sortable headers (aria-sort), one row per incident; clicking a row or
// activating its reference link opens the detail. A record linked as the same incident as another carries a
// "linked" marker (it is counted under the other record).
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { IncidentSummary, VictimTally } from '../../../src/shared/incident.ts';
import { tallyTotal } from '../../../src/shared/incident.ts';
import { VICTIM_CATEGORIES } from '../../../src/shared/taxonomy.ts';
import { dateRange, formLabel, list, placeLabel, timestamp, victimLabel, victimShort } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import type { IncidentSort } from '../listQuery.ts';
import { useAreaNames } from '../places.ts';
import { StatusBadge } from './StatusBadge.tsx';

/** The victims total with its breakdown by category (abbreviations explained in tooltips). */
export function VictimsCell({ victims, unknown = false }: { victims: VictimTally; unknown?: boolean }) {
  const { t } = useTranslation();
  return (
    <td className="num">
      {/* A number not known shows as at least what is counted, never as a plain figure. */}
      <strong>{unknown ? <abbr title={t('incident.countUnknown')}>{tallyTotal(victims) > 0 ? `≥ ${tallyTotal(victims)}` : '?'}</abbr> : tallyTotal(victims)}</strong>
      <span className="breakdown">
        {VICTIM_CATEGORIES.map((c) => (
          <abbr key={c} title={victimLabel(t, c)}>{victimShort(t, c)} {victims[c]}</abbr>
        ))}
      </span>
    </td>
  );
}

/** Date (with the "estimated" mark), place, forms and victims: the cells every incident table shows. */
export function CoreCells({ incident: i }: { incident: IncidentSummary }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const areaNames = useAreaNames([i.place.country]);
  return (
    <>
      <td className="nowrap">
        {dateRange(i.occurredFrom, i.occurredTo)}
        {i.dateEstimated && <abbr className="est" title={t('list.estimatedFull')}> {t('list.estimated')}</abbr>}
      </td>
      <td>{placeLabel(t, areaNames, i.place)}</td>
      <td>{list(i.forms.map((f) => formLabel(t, f)), lang)}</td>
      <VictimsCell victims={i.victims} unknown={i.victimCountUnknown} />
    </>
  );
}

/** A row click opens the incident, unless the click was on a link inside the row (it navigates itself). */
export function useOpenIncidentRow() {
  const navigate = useNavigate();
  return (id: string) => (e: { target: EventTarget }) => {
    if (!(e.target instanceof Element && e.target.closest('a, button'))) void navigate(`/incidents/${id}`);
  };
}

/** Short visible word; the meaning is in the tooltip and, for screen readers, in hidden text (like "Late"). */
function LinkedBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge linked" title={t('duplicates.linkedFull')} data-testid="linked-badge">
      {t('duplicates.linkedBadge')}<span className="visually-hidden">{`: ${t('duplicates.linkedFull')}`}</span>
    </span>
  );
}

type SortKey = 'occurredFrom' | 'reference' | 'updatedAt';

interface Props {
  items: IncidentSummary[];
  sort: IncidentSort;
  onSort: (sort: IncidentSort) => void;
}

export function IncidentTable({ items, sort, onSort }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const openRow = useOpenIncidentRow();
  const key = sort.replace(/^-/, '') as SortKey;
  const descending = sort.startsWith('-');

  const sortable = (k: SortKey, label: string): ReactNode => {
    const active = key === k;
    const next: IncidentSort = active && !descending ? `-${k}` : active ? k : k === 'reference' ? k : `-${k}`;
    return (
      <th scope="col" aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="sort" onClick={() => onSort(next)} data-testid={`sort-${k}`}>
          {label}
          <span aria-hidden="true" className="sort-mark">{active ? (descending ? ' ▼' : ' ▲') : ' ↕'}</span>
        </button>
      </th>
    );
  };

  return (
    <div className="table-wrap">
      <table className="incidents" data-testid="incident-table">
        <thead>
          <tr>
            {sortable('reference', t('list.col.reference'))}
            {sortable('occurredFrom', t('list.col.date'))}
            <th scope="col">{t('list.col.place')}</th>
            <th scope="col">{t('list.col.forms')}</th>
            <th scope="col" className="num">{t('list.col.victims')}</th>
            <th scope="col">{t('list.col.party')}</th>
            <th scope="col">{t('list.col.status')}</th>
            {sortable('updatedAt', t('list.col.updated'))}
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} className="clickable" onClick={openRow(i.id)}>
              <th scope="row">
                <Link to={`/incidents/${i.id}`}>{i.reference}</Link>
                {i.linkedTo && <LinkedBadge />}
              </th>
              <CoreCells incident={i} />
              <td dir="auto">{i.perpetratorParty ?? ''}</td>
              <td><StatusBadge status={i.verification.status} late={i.verification.late} /></td>
              <td className="nowrap">{timestamp(i.updatedAt, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
