// Why: the incident list table: sortable headers (aria-sort), one row per incident; clicking a row or
// activating its reference link opens the detail. A record linked as the same incident as another carries a
// "linked" marker (it is counted under the other record). On a narrow screen each row is a card (styles.css):
// every cell names its column (`data-label`), the roles keep the table's meaning for screen readers once
// CSS no longer lays it out as a table, and a "Sort by" choice stands in for the column headers.
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { IncidentSummary, VictimTally } from '../../../src/shared/incident.ts';
import { INCIDENT_SORTS, tallyTotal } from '../../../src/shared/incident.ts';
import { dateRange, formLabel, list, placeLabel, tallyWords, timestamp } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import type { IncidentSort } from '../listQuery.ts';
import { useAreaNames } from '../places.ts';
import { StatusBadge } from './StatusBadge.tsx';

/** The victims total with its breakdown by category in words ("1 woman, 2 girls"), never single letters. */
export function VictimsCell({ victims, unknown = false }: { victims: VictimTally; unknown?: boolean }) {
  const { t } = useTranslation();
  return (
    <td className="num" role="cell" data-label={t('list.col.victims')}>
      {/* A number not known shows as at least what is counted, never as a plain figure. */}
      <strong>{unknown ? <abbr title={t('incident.countUnknown')}>{tallyTotal(victims) > 0 ? `≥ ${tallyTotal(victims)}` : '?'}</abbr> : tallyTotal(victims)}</strong>
      <span className="breakdown">{tallyWords(t, victims)}</span>
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
      <td className="nowrap" role="cell" data-label={t('list.col.date')}>
        {dateRange(i.occurredFrom, i.occurredTo, lang)}
        {i.dateEstimated && <abbr className="est" title={t('list.estimatedFull')}> {t('list.estimated')}</abbr>}
      </td>
      <td role="cell" data-label={t('list.col.place')}>{placeLabel(t, areaNames, i.place)}</td>
      <td role="cell" data-label={t('list.col.forms')}>{list(i.forms.map((f) => formLabel(t, f)), lang)}</td>
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
/** The sorts the headers give, in the order a person looks for them (createdAt is the queue's). */
const SORT_CHOICES = ['-occurredFrom', 'occurredFrom', 'reference', '-reference', '-updatedAt', 'updatedAt'] as const satisfies readonly IncidentSort[];

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
      <th scope="col" role="columnheader" aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="sort" onClick={() => onSort(next)} data-testid={`sort-${k}`}>
          {label}
          <span aria-hidden="true" className="sort-mark">{active ? (descending ? ' ▼' : ' ▲') : ' ↕'}</span>
        </button>
      </th>
    );
  };

  return (
    <div className="table-wrap card-table">
      <table className="incidents" role="table" data-testid="incident-table">
        <thead role="rowgroup">
          <tr role="row">
            {sortable('reference', t('list.col.reference'))}
            {sortable('occurredFrom', t('list.col.date'))}
            <th scope="col" role="columnheader">{t('list.col.place')}</th>
            <th scope="col" role="columnheader">{t('list.col.forms')}</th>
            <th scope="col" role="columnheader" className="num">{t('list.col.victims')}</th>
            <th scope="col" role="columnheader">{t('list.col.party')}</th>
            <th scope="col" role="columnheader">{t('list.col.status')}</th>
            {sortable('updatedAt', t('list.col.updated'))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {items.map((i) => (
            <tr key={i.id} role="row" className="clickable" onClick={openRow(i.id)}>
              <th scope="row" role="rowheader">
                <Link to={`/incidents/${i.id}`}>{i.reference}</Link>
                {i.linkedTo && <LinkedBadge />}
              </th>
              <CoreCells incident={i} />
              <td dir="auto" role="cell" className="party" data-label={t('list.col.party')}>{i.perpetratorParty ?? ''}</td>
              <td role="cell" className="status" data-label={t('list.col.status')}><StatusBadge status={i.verification.status} late={i.verification.late} /></td>
              <td className="nowrap" role="cell" data-label={t('list.col.updated')}>{timestamp(i.updatedAt, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The order of the list as one choice: what the column headers offer, for screens where rows are cards. */
export function SortChoice({ sort, onSort }: { sort: IncidentSort; onSort: (sort: IncidentSort) => void }) {
  const { t } = useTranslation();
  return (
    <div className="field sort-choice">
      <label htmlFor="list-sort">{t('list.sortBy')}</label>
      <select id="list-sort" value={sort} onChange={(e) => onSort(INCIDENT_SORTS.find((s) => s === e.target.value) ?? sort)} data-testid="sort-choice">
        {SORT_CHOICES.map((s) => <option key={s} value={s}>{t(`list.sort.${s}`)}</option>)}
      </select>
    </div>
  );
}
