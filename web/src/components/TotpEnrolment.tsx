// Why: turning on two-factor authentication: ask the server for a secret, show it as a QR code (made by the
// server, no outside service), as text grouped in blocks of 4 and as its otpauth:// address, confirm with a
// first code, then show the one-time recovery codes once. Used at sign-in and on Account. The new session
// (the server may have moved it to a new token) is taken up only once the codes are put away, so the
// enrolment screen stays until then.
import { useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { Me } from '../../../src/shared/auth.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TotpCode } from '../../../src/shared/auth.ts';
import { api, ApiRequestError, setCsrfToken } from '../api.ts';
import { acceptMe } from '../session.tsx';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';

const group = (secret: string): string => secret.replace(/\s+/g, '').match(/.{1,4}/g)?.join(' ') ?? secret;

/** `intro` is shown until two-factor is on (the account page's "Off" status). */
export function TotpEnrolment({ onEnabled, intro }: { onEnabled?: () => void; intro?: ReactNode }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const [code, setCode] = useState('');
  // Asked again before a secret is issued, so a borrowed or stolen session cannot bind another authenticator.
  const [password, setPassword] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [enabled, setEnabled] = useState<{ me: Me; codes: string[] } | null>(null);
  const setup = useMutation({ mutationFn: api.setupTotp });
  const enable = useMutation({
    mutationFn: api.enableTotp,
    onSuccess: ({ recoveryCodes, ...me }) => {
      // The session may live under a new CSRF token now; the screen changes once the codes are put away.
      setCsrfToken(me.csrfToken);
      setEnabled({ me, codes: recoveryCodes });
    },
    onError: (e) => {
      if (e instanceof ApiRequestError && e.code === 'invalid_code') setCodeError(t('totp.invalid_code'));
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = TotpCode.safeParse({ code: code.trim() });
    if (!parsed.success) {
      setCodeError(t('totp.codeFormat'));
      return;
    }
    setCodeError(null);
    enable.mutate(parsed.data.code);
  };

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      // Clipboard unavailable (insecure context): the text stays selectable.
    }
  };

  if (enabled) {
    return (
      <div className="totp-enrolment">
        <p className="alert success" role="status">{t('enrol.enabled')}</p>
        <RecoveryCodes codes={enabled.codes} onDone={() => { acceptMe(qc, enabled.me); onEnabled?.(); }} />
      </div>
    );
  }

  if (!setup.data) {
    const wrongPassword = setup.error instanceof ApiRequestError && setup.error.code === 'wrong_password';
    const start = (e: FormEvent) => {
      e.preventDefault();
      if (password) setup.mutate(password);
    };
    return (
      <form className="totp-enrolment" onSubmit={start} noValidate>
        {intro}
        {setup.isError && !wrongPassword && <ApiErrorMessage error={setup.error} />}
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('enrol.password')}</label>
          <input id={`${id}-password`} type="password" autoComplete="current-password" value={password}
            onChange={(e) => setPassword(e.target.value)} aria-invalid={wrongPassword || undefined}
            aria-describedby={`${id}-password-hint`} data-testid="totp-password" />
          <p id={`${id}-password-hint`} className={wrongPassword ? 'field-error' : 'hint'} role={wrongPassword ? 'alert' : undefined}>
            {wrongPassword ? t('enrol.passwordWrong') : t('enrol.passwordHint')}
          </p>
        </div>
        <button type="submit" disabled={setup.isPending || !password} data-testid="totp-setup">
          {setup.isPending ? t('enrol.starting') : t('enrol.start')}
        </button>
      </form>
    );
  }

  const { secret, otpauthUrl, qrCode } = setup.data;
  return (
    <div className="totp-enrolment">
      {intro}
      <p>{t('enrol.step1Qr')}</p>
      <img className="qr-code" src={qrCode} alt={t('enrol.qrAlt')} width={200} height={200} data-testid="totp-qr" />
      <p>{t('enrol.step1Key')}</p>
      <p className="secret">
        <span className="visually-hidden">{t('enrol.secret')}: </span>
        <code dir="ltr" data-testid="totp-secret">{group(secret)}</code>
      </p>
      <p>{t('enrol.step1Url')}</p>
      <div className="copy-row">
        <label htmlFor={`${id}-url`} className="visually-hidden">{t('enrol.otpauthUrl')}</label>
        <input id={`${id}-url`} type="text" dir="ltr" readOnly value={otpauthUrl} onFocus={(e) => e.target.select()} />
        <button type="button" className="secondary" onClick={() => void copy(otpauthUrl)}>{copied ? t('enrol.copied') : t('enrol.copy')}</button>
      </div>
      <p className="hint">{t('enrol.keepSecret')}</p>
      <form onSubmit={onSubmit} noValidate>
        <p>{t('enrol.step2')}</p>
        <div className="field">
          <label htmlFor={`${id}-code`}>{t('totp.code')}</label>
          <input
            id={`${id}-code`}
            className="code-input"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            dir="ltr"
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
            aria-invalid={codeError ? true : undefined}
            aria-describedby={codeError ? `${id}-error` : undefined}
          />
          {codeError && <p className="field-error" id={`${id}-error`} role="alert">{codeError}</p>}
        </div>
        {enable.isError && !(enable.error instanceof ApiRequestError && enable.error.code === 'invalid_code') && <ApiErrorMessage error={enable.error} />}
        <button type="submit" disabled={enable.isPending}>{enable.isPending ? t('enrol.enabling') : t('enrol.enable')}</button>
      </form>
    </div>
  );
}
