// Why: changing one's own password (the account page, and the first sign-in with a password an administrator
// handed out). The rule is the shared schema's; a wrong current password is shown on its field, never as a
// sign-out; the server ends the user's other sessions.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH, PasswordChange } from '../../../src/shared/auth.ts';
import { api, ApiRequestError } from '../api.ts';
import { acceptMe } from '../session.tsx';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';

type Errors = { currentPassword?: string; newPassword?: string; confirm?: string };

export function PasswordChangeForm({ onChanged }: { onChanged?: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState(false);
  const change = useMutation({
    mutationFn: api.changePassword,
    onSuccess: (me) => {
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
      acceptMe(qc, me);
      onChanged?.();
    },
    onError: (e) => {
      if (e instanceof ApiRequestError && e.code === 'wrong_password') setErrors({ currentPassword: t('password.wrong') });
      else if (e instanceof ApiRequestError && e.issues.some((i) => i.field === 'newPassword')) setErrors({ newPassword: t('password.rule', { min: PASSWORD_MIN_LENGTH }) });
      setCurrent('');
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const found: Errors = {};
    const parsed = PasswordChange.safeParse({ currentPassword: current, newPassword: next });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'currentPassword') found.currentPassword = t('password.currentRequired');
        if (issue.path[0] === 'newPassword') found.newPassword = t('password.rule', { min: PASSWORD_MIN_LENGTH });
      }
    }
    if (!found.newPassword && next === current && next) found.newPassword = t('password.same');
    if (next !== confirm) found.confirm = t('password.mismatch');
    setErrors(found);
    if (Object.keys(found).length) {
      document.getElementById(`${id}-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    change.mutate({ currentPassword: current, newPassword: next });
  };

  const field = (name: keyof Errors, label: string, value: string, set: (v: string) => void, autoComplete: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input id={`${id}-${name}`} type="password" dir="ltr" autoComplete={autoComplete} value={value} onChange={(e) => set(e.target.value)}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={[hint ? `${id}-${name}-hint` : '', errors[name] ? `${id}-${name}-error` : ''].filter(Boolean).join(' ') || undefined} />
      {hint && <p className="hint" id={`${id}-${name}-hint`}>{hint}</p>}
      {errors[name] && <p className="field-error" id={`${id}-${name}-error`} role="alert">{errors[name]}</p>}
    </div>
  );

  const known = change.error instanceof ApiRequestError && (change.error.code === 'wrong_password' || change.error.code === 'validation_failed');
  return (
    <form className="stack-form" onSubmit={onSubmit} noValidate data-testid="password-form">
      {done && <p className="alert success" role="status">{t('password.changed')}</p>}
      {change.isError && !known && <ApiErrorMessage error={change.error} />}
      {field('currentPassword', t('password.current'), current, setCurrent, 'current-password')}
      {field('newPassword', t('password.new'), next, setNext, 'new-password', t('password.rule', { min: PASSWORD_MIN_LENGTH }))}
      {field('confirm', t('password.confirm'), confirm, setConfirm, 'new-password')}
      <p className="hint">{t('password.otherSessions')}</p>
      <button type="submit" disabled={change.isPending}>{change.isPending ? t('password.saving') : t('password.submit')}</button>
    </form>
  );
}
