// Why: turns an API or network error into a translated, user-facing message (never a stack trace or body).
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { fieldLabel } from '../../../src/shared/messages.ts';
import { ApiRequestError } from '../api.ts';
import { issueRule, translate, withField } from '../issues.ts';

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
      {/* Each problem by its field's label and its rule, in the reader's language (never a value). */}
      {code === 'validation_failed' && error instanceof ApiRequestError && error.issues.length > 0 && (
        <ul>{error.issues.map((i, n) => <li key={`${i.field}-${n}`}>{withField(t, fieldLabel(translate(t), i.field), issueRule(t, i))}</li>)}</ul>
      )}
      {onRetry && <button type="button" className="secondary" onClick={onRetry}>{t('errors.retry')}</button>}
    </div>
  );
}
