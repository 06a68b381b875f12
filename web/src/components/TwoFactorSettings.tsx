// Why: the account page's two-factor panel once it is on: how many recovery codes are left, new codes (with
// the password), and turning it off (the password and a current or recovery code), which the organisation
// may forbid. Wrong secrets are shown on their fields; the session stays.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isRecoveryCode } from '../../../src/shared/auth.ts';
import { api, ApiRequestError } from '../api.ts';
import { acceptMe, ME_KEY, useMe } from '../session.tsx';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';

const errorCode = (e: unknown) => (e instanceof ApiRequestError ? e.code : null);

export function TwoFactorSettings() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <p data-testid="totp-status">{t('account.twoFactorOn')}</p>
      <p data-testid="recovery-left">{t('recovery.left', { count: me.user.recoveryCodesLeft })}</p>
      <NewRecoveryCodes />
      {me.organisation.requireTotp
        ? <p className="note">{t('twoFactor.requiredByOrganisation')}</p>
        : <TurnOff />}
    </>
  );
}

function NewRecoveryCodes() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const [password, setPassword] = useState('');
  const regenerate = useMutation({ mutationFn: api.regenerateRecoveryCodes, onSettled: () => setPassword('') });
  if (regenerate.data) {
    return <RecoveryCodes codes={regenerate.data.recoveryCodes} doneLabel={t('recovery.close')} onDone={() => { regenerate.reset(); void qc.invalidateQueries({ queryKey: ME_KEY }); }} />;
  }
  const wrong = errorCode(regenerate.error) === 'wrong_password';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password) regenerate.mutate(password);
  };
  return (
    <details className="sub-panel">
      <summary>{t('recovery.regenerate')}</summary>
      <form className="stack-form" onSubmit={submit} noValidate>
        <p className="hint">{t('recovery.regenerateHint')}</p>
        {regenerate.isError && !wrong && <ApiErrorMessage error={regenerate.error} />}
        <div className="field">
          <label htmlFor={`${id}-pw`}>{t('enrol.password')}</label>
          <input id={`${id}-pw`} type="password" dir="ltr" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)}
            aria-invalid={wrong || undefined} aria-describedby={wrong ? `${id}-pw-error` : undefined} />
          {wrong && <p className="field-error" id={`${id}-pw-error`} role="alert">{t('password.wrong')}</p>}
        </div>
        <button type="submit" className="secondary" disabled={!password || regenerate.isPending}>{t('recovery.regenerate')}</button>
      </form>
    </details>
  );
}

function TurnOff() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [formatError, setFormatError] = useState(false);
  const disable = useMutation({
    mutationFn: ({ p, c }: { p: string; c: string }) => api.disableTotp(p, c),
    onSuccess: (me) => acceptMe(qc, me),
    onSettled: () => { setPassword(''); setCode(''); },
  });
  const err = errorCode(disable.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ok = /^\d{6}$/.test(code.trim()) || isRecoveryCode(code);
    setFormatError(!ok);
    if (ok && password) disable.mutate({ p: password, c: code.trim() });
  };
  const codeMessage = formatError ? t('twoFactor.codeFormat') : err === 'invalid_code' ? t('twoFactor.codeWrong') : null;
  return (
    <details className="sub-panel">
      <summary>{t('twoFactor.turnOff')}</summary>
      <form className="stack-form" onSubmit={submit} noValidate data-testid="totp-disable-form">
        <p className="hint">{t('twoFactor.turnOffHint')}</p>
        {disable.isError && err !== 'wrong_password' && err !== 'invalid_code' && <ApiErrorMessage error={disable.error} />}
        <div className="field">
          <label htmlFor={`${id}-pw`}>{t('enrol.password')}</label>
          <input id={`${id}-pw`} type="password" dir="ltr" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)}
            aria-invalid={err === 'wrong_password' || undefined} aria-describedby={err === 'wrong_password' ? `${id}-pw-error` : undefined} />
          {err === 'wrong_password' && <p className="field-error" id={`${id}-pw-error`} role="alert">{t('password.wrong')}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-code`}>{t('twoFactor.code')}</label>
          <input id={`${id}-code`} className="code-input" dir="ltr" autoComplete="one-time-code" maxLength={12} value={code} onChange={(e) => setCode(e.target.value)}
            aria-invalid={codeMessage ? true : undefined} aria-describedby={codeMessage ? `${id}-code-error` : undefined} />
          {codeMessage && <p className="field-error" id={`${id}-code-error`} role="alert">{codeMessage}</p>}
        </div>
        <button type="submit" className="danger" disabled={disable.isPending || !password || !code}>{t('twoFactor.turnOff')}</button>
      </form>
    </details>
  );
}
