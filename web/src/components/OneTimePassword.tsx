// Why: a password the server generated for an account, shown once to the administrator, who hands it over
// in person; the account must replace it at its next sign-in. Kept in memory only, gone when dismissed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function OneTimePassword({ email, password, onDismiss }: { email: string; password: string; onDismiss: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      setCopied(true);
    } catch {
      // Clipboard unavailable: the password stays selectable.
    }
  };
  return (
    <div className="alert success one-time" role="status" data-testid="one-time-password">
      <p>{t('users.oneTime', { email })}</p>
      <p className="secret"><code dir="ltr">{password}</code></p>
      <p className="hint">{t('users.oneTimeHint')}</p>
      <div className="copy-row">
        <button type="button" className="secondary" onClick={() => void copy()}>{copied ? t('enrol.copied') : t('enrol.copy')}</button>
        <button type="button" onClick={onDismiss}>{t('users.oneTimeDone')}</button>
      </div>
    </div>
  );
}
