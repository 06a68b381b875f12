// Why: turns an API or network error into a translated, user-facing message (never a stack trace or body).
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../api.ts';

const KNOWN = ['network_error', 'bad_response', 'forbidden', 'not_found', 'rate_limited', 'validation_failed', 'csrf_failed', 'decided_record', 'four_eyes', 'version_conflict', 'erased', 'already_linked', 'already_undone'] as const;
type Known = (typeof KNOWN)[number];
const isKnown = (c: string): c is Known => KNOWN.some((k) => k === c);

export function ApiErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const code = error instanceof ApiRequestError ? error.code : 'unknown';
  return (
    <div className="alert error" role="alert">
      <p>{isKnown(code) ? t(`errors.${code}`) : t('errors.generic', { code })}</p>
      {/* Validation messages name the field and the rule (never a value); they are in English. */}
      {code === 'validation_failed' && error instanceof ApiRequestError && <p lang="en">{error.message}</p>}
      {onRetry && <button type="button" className="secondary" onClick={onRetry}>{t('errors.retry')}</button>}
    </div>
  );
}
