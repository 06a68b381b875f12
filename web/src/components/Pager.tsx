// Why: paging controls for the incident list (and other paged lists): total count, previous/next, current page,
// rows per page.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZES } from '../listQuery.ts';

interface Props {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  onPageSize: (size: number) => void;
  /** Rows-per-page choices, where the API caps the page lower than the incident list does. */
  sizes?: readonly number[];
  /** The total in words ("Incidents found: N" by default). */
  totalText?: string;
}

export function Pager({ page, pageSize, total, onPage, onPageSize, sizes = PAGE_SIZES, totalText }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <p className="total" data-testid="list-total">{totalText ?? t('list.total', { count: total })}</p>
      <div className="pager-controls">
        <button type="button" className="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          {t('pager.previous')}
        </button>
        <span aria-live="polite">{t('pager.pageOf', { page: Math.min(page, pages), pages })}</span>
        <button type="button" className="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          {t('pager.next')}
        </button>
        <label htmlFor={id}>{t('pager.pageSize')}</label>
        <select id={id} value={pageSize} onChange={(e) => onPageSize(Number(e.target.value))}>
          {sizes.map((s) => <option key={s} value={s}>{s}</option>)}
          {!sizes.some((s) => s === pageSize) && <option value={pageSize}>{pageSize}</option>}
        </select>
      </div>
    </nav>
  );
}
