// Why: the sign-in screen (email + password). A successful answer says what comes next: a two-factor code,
// two-factor enrolment, or the app; App.tsx renders the matching screen from the stored `Me`.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LoginBody } from '../../../src/shared/auth.ts';
import { api, ApiRequestError } from '../api.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { AuthFrame } from '../components/AuthFrame.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { acceptMe } from '../session.tsx';

type FieldErrors = { email?: string; password?: string };

export function LoginPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const login = useMutation({
    mutationFn: api.login,
    onSuccess: (me) => acceptMe(qc, me),
    onError: () => setPassword(''),
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = LoginBody.safeParse({ email: email.trim(), password });
    if (!parsed.success) {
      const errs: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'email') errs.email = t('login.emailInvalid');
        if (issue.path[0] === 'password') errs.password = t('login.passwordRequired');
      }
      setFieldErrors(errs);
      document.getElementById(errs.email ? 'login-email' : 'login-password')?.focus();
      return;
    }
    setFieldErrors({});
    login.mutate(parsed.data);
  };

  const err = login.error;
  const code = err instanceof ApiRequestError ? err.code : null;
  return (
    <AuthFrame>
      <PageHeading pageName={t('login.title')}>{t('login.title')}</PageHeading>
      <p>{t('login.intro')}</p>
      {code === 'invalid_credentials' && <div className="alert error" role="alert"><p>{t('login.invalid_credentials')}</p></div>}
      {code === 'account_locked' && err && (
        <div className="alert error" role="alert"><p>{t('login.account_locked')}</p><p lang="en">{err.message}</p></div>
      )}
      {err && code !== 'invalid_credentials' && code !== 'account_locked' && <ApiErrorMessage error={err} />}
      <form onSubmit={onSubmit} noValidate data-testid="login-form">
        <div className="field">
          <label htmlFor="login-email">{t('login.email')}</label>
          <input
            id="login-email" type="email" autoComplete="username" required dir="ltr" value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={fieldErrors.email ? true : undefined}
            aria-describedby={fieldErrors.email ? 'login-email-error' : undefined}
          />
          {fieldErrors.email && <p className="field-error" id="login-email-error">{fieldErrors.email}</p>}
        </div>
        <div className="field">
          <label htmlFor="login-password">{t('login.password')}</label>
          <input
            id="login-password" type="password" autoComplete="current-password" required dir="ltr" value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={fieldErrors.password ? true : undefined}
            aria-describedby={fieldErrors.password ? 'login-password-error' : undefined}
          />
          {fieldErrors.password && <p className="field-error" id="login-password-error">{fieldErrors.password}</p>}
        </div>
        <button type="submit" disabled={login.isPending}>{login.isPending ? t('login.submitting') : t('login.submit')}</button>
      </form>
    </AuthFrame>
  );
}
