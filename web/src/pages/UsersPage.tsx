// Why: the administrators' page for the organisation's accounts: who they are, their role and state
// (active, locked, disabled; two-factor; last sign-in), creating an account (its one-time password shown
// once) and, per account, changing the role, disabling or enabling, a new one-time password, resetting
// two-factor and ending sessions. Other roles are told it is not theirs.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ACCOUNTS_KEY } from '../accounts.ts';
import { api } from '../api.ts';
import { AccountActions } from '../components/AccountActions.tsx';
import { AccountCreateForm } from '../components/AccountCreateForm.tsx';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { roleLabel, timestamp } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { canManageAccounts, useMe } from '../session.tsx';
import '../admin.css';

export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeading pageName={t('users.title')}>{t('users.title')}</PageHeading>
      {canManageAccounts(me.user.role) ? <UsersBody /> : <p className="note" data-testid="role-note">{t('users.notAllowed')}</p>}
    </>
  );
}

function UsersBody() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const accounts = useQuery({ queryKey: ACCOUNTS_KEY, queryFn: api.listAccounts, select: (d) => d.items });
  const [selected, setSelected] = useState<string | null>(null);
  const chosen = accounts.data?.find((a) => a.id === selected) ?? null;
  return (
    <div className="admin-page" data-testid="users-page">
      <p>{t('users.intro')}</p>
      <AccountCreateForm onCreated={(id) => setSelected(id)} />
      {accounts.isPending && <p className="loading">{t('app.loading')}</p>}
      {accounts.isError && <ApiErrorMessage error={accounts.error} onRetry={() => void accounts.refetch()} />}
      {accounts.data && (
        <div className="table-wrap">
          <table className="accounts" data-testid="accounts-table">
            <caption className="visually-hidden">{t('users.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.col.email')}</th>
                <th scope="col">{t('users.col.role')}</th>
                <th scope="col">{t('users.col.status')}</th>
                <th scope="col">{t('users.col.twoFactor')}</th>
                <th scope="col">{t('users.col.lastSignIn')}</th>
                <th scope="col"><span className="visually-hidden">{t('users.col.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {accounts.data.map((a) => (
                <tr key={a.id} aria-current={a.id === selected ? 'true' : undefined} data-testid="account-row">
                  <th scope="row" dir="ltr">{a.email}</th>
                  <td>{roleLabel(t, a.role)}</td>
                  <td>
                    <span className={`badge account-${a.status}`}>{t(`users.status.${a.status}`)}</span>
                    {a.mustChangePassword && <span className="badge account-pending">{t('users.mustChange')}</span>}
                  </td>
                  <td>{a.totpEnabled ? t('users.twoFactorOn', { count: a.recoveryCodesLeft }) : t('users.twoFactorOff')}</td>
                  <td className="nowrap">{a.lastSignInAt ? timestamp(a.lastSignInAt, lang) : t('users.never')}</td>
                  <td>
                    <button type="button" className="secondary" onClick={() => setSelected(a.id === selected ? null : a.id)} aria-expanded={a.id === selected}>
                      {t('users.manage')}<span className="visually-hidden"> {a.email}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {chosen && <AccountActions key={chosen.id} account={chosen} onClose={() => setSelected(null)} />}
    </div>
  );
}
