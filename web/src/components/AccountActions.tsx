// Why: what an administrator can do to one account: change its role, disable or enable it, give it a new
// one-time password, reset its two-factor, end its sessions. Each step that locks someone out asks to be
// confirmed first; the server's refusals (the last administrator, one's own account) are said in words.
import { useId, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../src/shared/accounts.ts';
import { ROLES, type Role } from '../../../src/shared/taxonomy.ts';
import { ACCOUNTS_KEY } from '../accounts.ts';
import { api } from '../api.ts';
import { roleLabel } from '../format.ts';
import { useMe } from '../session.tsx';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';
import { OneTimePassword } from './OneTimePassword.tsx';

type Step = 'disable' | 'password' | 'twoFactor' | 'sessions';

export function AccountActions({ account, onClose }: { account: Account; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const id = useId();
  const self = account.id === me.user.id;
  const [role, setRole] = useState<Role>(account.role);
  const [confirming, setConfirming] = useState<Step | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [password, setPassword] = useState<string | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: ACCOUNTS_KEY });
  const act = useMutation({
    mutationFn: async (step: Step | 'role' | 'enable'): Promise<string> => {
      switch (step) {
        case 'role': await api.updateAccount(account.id, { role }); return t('users.done.role');
        case 'disable': await api.updateAccount(account.id, { disabled: true }); return t('users.done.disable');
        case 'enable': await api.updateAccount(account.id, { disabled: false }); return t('users.done.enable');
        case 'password': setPassword((await api.issuePassword(account.id)).oneTimePassword); return t('users.done.password');
        case 'twoFactor': await api.resetAccountTwoFactor(account.id); return t('users.done.twoFactor');
        case 'sessions': await api.endAccountSessions(account.id); return t('users.done.sessions');
      }
    },
    onMutate: () => { setDone(null); setConfirming(null); },
    onSuccess: (message) => { setDone(message); refresh(); },
  });

  const confirmable = (step: Step, label: string, warning: string, danger = false) => (
    confirming === step
      ? (
        <div className="confirm" role="group" aria-labelledby={`${id}-${step}`}>
          <p id={`${id}-${step}`}>{warning}</p>
          <button type="button" className={danger ? 'danger' : undefined} onClick={() => act.mutate(step)} data-testid={`confirm-${step}`}>{t('users.confirm')}</button>
          <button type="button" className="secondary" onClick={() => setConfirming(null)}>{t('users.cancel')}</button>
        </div>
      )
      : <button type="button" className={danger ? 'danger' : 'secondary'} disabled={act.isPending} onClick={() => setConfirming(step)} data-testid={`action-${step}`}>{label}</button>
  );

  return (
    <section className="panel account-actions" aria-labelledby={`${id}-title`} data-testid="account-actions">
      <h2 id={`${id}-title`}>{t('users.manageTitle')} <span dir="ltr">{account.email}</span></h2>
      {done && <p className="alert success" role="status">{done}</p>}
      {password && <OneTimePassword email={account.email} password={password} onDismiss={() => setPassword(null)} />}
      {act.isError && <ApiErrorMessage error={act.error} />}
      {self && <p className="note">{t('users.selfNote')}</p>}
      <div className="action-row">
        <label htmlFor={`${id}-role`}>{t('users.col.role')}</label>
        <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => <option key={r} value={r}>{roleLabel(t, r)}</option>)}
        </select>
        <button type="button" disabled={role === account.role || act.isPending} onClick={() => act.mutate('role')}>{t('users.changeRole')}</button>
      </div>
      <div className="action-list">
        {!self && (account.status === 'disabled'
          ? <button type="button" className="secondary" disabled={act.isPending} onClick={() => act.mutate('enable')} data-testid="action-enable">{t('users.enable')}</button>
          : confirmable('disable', t('users.disable'), t('users.disableWarning'), true))}
        {!self && confirmable('password', t('users.newPassword'), t('users.newPasswordWarning'))}
        {!self && account.totpEnabled && confirmable('twoFactor', t('users.resetTwoFactor'), t('users.resetTwoFactorWarning'), true)}
        {confirmable('sessions', t('users.endSessions', { count: account.sessions }), t('users.endSessionsWarning'))}
      </div>
      <button type="button" className="link-button" onClick={onClose}>{t('users.close')}</button>
    </section>
  );
}
