// Why: second sign-in step for users with two-factor authentication: the 6-digit code from their app, or,
// when the phone is lost, one of their one-time recovery codes.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isRecoveryCode, TotpCode } from '../../../src/shared/auth.ts';
import { api, ApiRequestError } from '../api.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { AuthFrame } from '../components/AuthFrame.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { acceptMe, useLogout } from '../session.tsx';

export function TotpPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const logout = useLogout();
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState(false);
  const [formatError, setFormatError] = useState(false);
  const verify = useMutation({
    mutationFn: api.verifyTotp,
    onSuccess: (me) => acceptMe(qc, me),
    onError: () => setCode(''),
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const ok = recovery ? isRecoveryCode(code) : TotpCode.safeParse({ code }).success;
    setFormatError(!ok);
    if (ok) verify.mutate(code.trim());
  };
  const switchMode = () => {
    setRecovery(!recovery);
    setCode('');
    setFormatError(false);
    verify.reset();
  };

  const invalid = verify.error instanceof ApiRequestError && verify.error.code === 'invalid_code';
  const message = formatError
    ? t(recovery ? 'totp.recoveryFormat' : 'totp.codeFormat')
    : invalid ? t(recovery ? 'totp.recoveryInvalid' : 'totp.invalid_code') : null;
  return (
    <AuthFrame>
      <PageHeading pageName={t('totp.title')}>{t('totp.title')}</PageHeading>
      <p>{t(recovery ? 'totp.recoveryIntro' : 'totp.intro')}</p>
      {verify.isError && !invalid && <ApiErrorMessage error={verify.error} />}
      <form onSubmit={onSubmit} noValidate data-testid="totp-form">
        <div className="field">
          {recovery
            ? (
              <>
                <label htmlFor="totp-code">{t('totp.recoveryCode')}</label>
                <input
                  id="totp-code" className="code-input recovery" autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={12} dir="ltr"
                  value={code} onChange={(e) => setCode(e.target.value)}
                  aria-invalid={message ? true : undefined} aria-describedby={message ? 'totp-hint totp-error' : 'totp-hint'}
                />
                <p className="hint" id="totp-hint">{t('totp.recoveryHint')}</p>
              </>
            )
            : (
              <>
                <label htmlFor="totp-code">{t('totp.code')}</label>
                <input
                  id="totp-code" className="code-input" inputMode="numeric" autoComplete="one-time-code" maxLength={6} dir="ltr"
                  value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
                  aria-invalid={message ? true : undefined} aria-describedby={message ? 'totp-hint totp-error' : 'totp-hint'}
                />
                <p className="hint" id="totp-hint">{t('totp.codeHint')}</p>
              </>
            )}
          {message && <p className="field-error" id="totp-error" role="alert">{message}</p>}
        </div>
        <div className="form-actions">
          <button type="submit" disabled={verify.isPending}>{verify.isPending ? t('totp.submitting') : t('totp.submit')}</button>
          <button type="button" className="link-button" onClick={switchMode} data-testid="totp-mode">
            {t(recovery ? 'totp.useApp' : 'totp.useRecovery')}
          </button>
          <button type="button" className="link-button" onClick={() => logout.mutate()}>{t('totp.useOtherAccount')}</button>
        </div>
      </form>
    </AuthFrame>
  );
}
