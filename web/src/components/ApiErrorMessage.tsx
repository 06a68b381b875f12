// Why: turns an API or network error into a translated, user-facing message (never a stack trace or body).
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../api.ts';

const KNOWN = [
  'network_error', 'bad_response', 'forbidden', 'not_found', 'rate_limited', 'validation_failed', 'csrf_failed', 'decided_record', 'four_eyes',
  'version_conflict', 'erased', 'already_linked', 'already_undone', 'too_many_drafts',
  'wrong_password', 'invalid_code', 'last_admin', 'own_account', 'email_taken', 'totp_required_by_organisation', 'totp_not_enabled',
  'password_change_required', 'jobs_unavailable',
] as const;
type Known = (typeof KNOWN)[number];
const isKnown = (c: string): c is Known => KNOWN.some((k) => k === c);

/** The translated sentence for an API or network error (for short status lines). */
export function apiErrorText(t: TFunction, error: unknown): string {
  const code = error instanceof ApiRequestError ? error.code : 'unknown';
  return isKnown(code) ? t(`errors.${code}`) : t('errors.generic', { code });
}

export function ApiErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const code = error instanceof ApiRequestError ? error.code : 'unknown';
  return (
    <div className="alert error" role="alert">
      <p>{apiErrorText(t, error)}</p>
      {/* Validation messages name the field and the rule (never a value); they are in English. */}
      {code === 'validation_failed' && error instanceof ApiRequestError && <p lang="en">{error.message}</p>}
      {onRetry && <button type="button" className="secondary" onClick={onRetry}>{t('errors.retry')}</button>}
    </div>
  );
}
