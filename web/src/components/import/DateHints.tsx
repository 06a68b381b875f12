// Why: dates are where a file changes data without a word. Beside the date columns: a warning (and a
// one-click fix) when the chosen column holds only years or months while another holds full dates, what the
// file's own dates say about the order of day and month, and how the first values read in the order chosen.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { orderOf, readDate, type DateReading } from '../../../../src/shared/dates.ts';
import type { ImportDetail } from '../../../../src/shared/import.ts';
import { api } from '../../api.ts';
import { formatDate } from '../../format.ts';
import { currentLanguage, type Language } from '../../i18n/index.ts';
import type { MappingDraft } from '../../importMapping.ts';

const day = (iso: string, lang: Language) => formatDate(iso, lang);

export function useReading(): (r: DateReading) => string {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (r) => {
    if (r.precision === 'day') return day(r.from, lang);
    return t(r.precision === 'month' ? 'import.dates.rangeMonth' : 'import.dates.rangeYear', { from: day(r.from, lang), to: day(r.to!, lang) });
  };
}

export function DateHints({ detail, draft, onChange }: { detail: ImportDetail; draft: MappingDraft; onChange: (next: MappingDraft) => void }) {
  const { t } = useTranslation();
  const reading = useReading();
  const column = draft.columns.occurredFrom;
  const profile = detail.profile.dateColumns.find((d) => d.column === column);
  const finer = detail.profile.dateColumns.find((d) => d.precision === 'day' && d.column !== column && d.column !== draft.columns.occurredTo);
  const samples = useQuery({ queryKey: ['import-values', detail.id, column, '', '', 0, 5], queryFn: () => api.importValues(detail.id, column!, { limit: 5 }), enabled: column !== undefined });
  if (!column) return null;
  const order = profile ? orderOf(profile) : null;
  return (
    <div className="date-hints" data-testid="date-hints">
      {profile && profile.precision !== 'day' && finer && (
        <div className="alert warn" role="status" data-testid="coarse-date">
          <p>{t('import.dates.coarse', { column, finer: finer.column })}</p>
          <button type="button" className="secondary" onClick={() => onChange({ ...draft, columns: { ...draft.columns, occurredFrom: finer.column } })} data-testid="use-finer-date">
            {t('import.dates.useFiner', { finer: finer.column })}
          </button>
          <p className="hint">{t('import.dates.keepCoarse')}</p>
        </div>
      )}
      {profile && profile.ambiguous > 0 && (
        <p className={order ? 'hint' : 'alert warn'} data-testid="date-order-evidence">
          {order ? t('import.dates.orderFromFile', { column, order: t(`import.dateOrders.${order}`) }) : t('import.dates.orderAmbiguous', { column })}
        </p>
      )}
      {samples.data && samples.data.items.length > 0 && (
        <div className="date-readings">
          <span>{t('import.dates.readings')}</span>
          <ul data-testid="date-readings">
            {samples.data.items.map((s) => {
              const r = readDate(s.value, draft.dateOrder);
              return <li key={s.value}><bdi dir="auto">{r ? t('import.dates.reading', { value: s.value, date: reading(r) }) : t('import.dates.notADate', { value: s.value })}</bdi></li>;
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
