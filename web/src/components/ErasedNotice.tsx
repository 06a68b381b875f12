// Why: the one wording of "identifying details were erased on the survivor's request", shown where the
// narrative, locality and coordinates used to be (detail page and edit form), so nobody mistakes the empty
// fields for a record that never had them, or tries to fill them in again.
import { useTranslation } from 'react-i18next';
import { day } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';

interface Props {
  erasedAt: string;
  /** The edit form adds that the fields cannot be filled in again. */
  inForm?: boolean;
  id?: string;
}

export function ErasedNotice({ erasedAt, inForm = false, id }: Props) {
  const { t } = useTranslation();
  return (
    <div className="erased-notice" id={id} tabIndex={id ? -1 : undefined} data-testid="erased-notice">
      <p><strong>{t('erased.notice', { date: day(erasedAt, currentLanguage()) })}</strong></p>
      <p>{inForm ? t('erased.inForm') : t('erased.detail')}</p>
    </div>
  );
}
