// Why: how the values step pages through a column's distinct values, shared by coded columns (ValuesStep) and
// party columns (PartyValues): the typed search (debounced, back to the first page), and the pager.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../debounce.ts';
import { useCount } from './ImportParts.tsx';

/** Values shown per page. */
export const PAGE = 50;

export function useValuesPaging() {
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed);
  const [offset, setOffset] = useState(0);
  return { typed, search: (text: string) => { setTyped(text); setOffset(0); }, q, offset, setOffset };
}

export function ValuesSearch({ id, column, value, onSearch, testId }: { id: string; column: string; value: string; onSearch: (text: string) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="field value-search">
      <label htmlFor={id}>{t('import.paging.search', { column })}</label>
      <input id={id} type="search" dir="auto" value={value} onChange={(e) => onSearch(e.target.value)} data-testid={testId} />
    </div>
  );
}

export function ValuesPager({ offset, total, onOffset, testId }: { offset: number; total: number; onOffset: (offset: number) => void; testId?: string }) {
  const { t } = useTranslation();
  const count = useCount();
  if (total <= PAGE) return null;
  return (
    <div className="pager row-actions" data-testid={testId}>
      <button type="button" className="secondary" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - PAGE))}>{t('import.paging.previous')}</button>
      <span role="status">{t('import.paging.shown', { from: count(offset + 1), to: count(Math.min(offset + PAGE, total)), total: count(total) })}</span>
      <button type="button" className="secondary" disabled={offset + PAGE >= total} onClick={() => onOffset(offset + PAGE)}>{t('import.paging.next')}</button>
    </div>
  );
}
