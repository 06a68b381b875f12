// Why: creating an account (email and role); the server generates its one-time password, shown here once.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AccountCreate } from '../../../src/shared/accounts.ts';
import { ROLES, type Role } from '../../../src/shared/taxonomy.ts';
import { ACCOUNTS_KEY } from '../accounts.ts';
import { api, ApiRequestError } from '../api.ts';
import { roleLabel } from '../format.ts';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';
import { OneTimePassword } from './OneTimePassword.tsx';

export function AccountCreateForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('monitor');
  const [emailError, setEmailError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: api.createAccount,
    onSuccess: (r) => {
      setEmail('');
      void qc.invalidateQueries({ queryKey: ACCOUNTS_KEY });
      onCreated(r.account.id);
    },
    onError: (e) => {
      if (e instanceof ApiRequestError && e.code === 'email_taken') setEmailError(t('users.emailTaken'));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = AccountCreate.safeParse({ email: email.trim(), role });
    setEmailError(parsed.success ? null : t('login.emailInvalid'));
    if (parsed.success) create.mutate(parsed.data);
  };
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('users.create')}</h2>
      {create.data && <OneTimePassword email={create.data.account.email} password={create.data.oneTimePassword} onDismiss={() => create.reset()} />}
      {create.isError && !(create.error instanceof ApiRequestError && create.error.code === 'email_taken') && <ApiErrorMessage error={create.error} />}
      <form className="inline-form" onSubmit={submit} noValidate data-testid="account-create">
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('users.col.email')}</label>
          <input id={`${id}-email`} type="email" dir="ltr" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)}
            aria-invalid={emailError ? true : undefined} aria-describedby={emailError ? `${id}-email-error` : undefined} />
          {emailError && <p className="field-error" id={`${id}-email-error`} role="alert">{emailError}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('users.col.role')}</label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => <option key={r} value={r}>{roleLabel(t, r)}</option>)}
          </select>
        </div>
        <button type="submit" disabled={create.isPending}>{create.isPending ? t('users.creating') : t('users.createSubmit')}</button>
      </form>
      <p className="hint">{t('users.createHint')}</p>
    </section>
  );
}
