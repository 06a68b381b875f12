// Why: the one date input of the app (entry form, sources and referrals, list filters). The browser's date
// picker writes the day in the browser's own format, which may not be the app's language; beside it, the day
// chosen is said in the form every page shows dates in ("9 May 2020", "9 mai 2020"), and read out with it.
import { useTranslation } from 'react-i18next';
import { formatDate } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';

interface Props {
  id: string;
  value: string;
  onChange: (value: string) => void;
  min?: string | undefined;
  max?: string | undefined;
  required?: boolean;
  'aria-invalid'?: boolean | undefined;
  'aria-describedby'?: string | undefined;
}

export function DateControl({ id, value, onChange, min, max, required, ...aria }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const wordsId = `${id}-words`;
  const shown = value ? formatDate(value, lang) : '';
  const describedBy = [aria['aria-describedby'], shown ? wordsId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <span className="date-control">
      <input
        type="date" id={id} lang={lang} value={value} min={min} max={max} required={required}
        onChange={(e) => onChange(e.target.value)} aria-invalid={aria['aria-invalid']} aria-describedby={describedBy}
      />
      {shown && shown !== value && <span className="date-words" id={wordsId} data-testid={`${id}-words`}>{t('words.dateInput.chosen', { date: shown })}</span>}
    </span>
  );
}
