// Why: the signed-in user's account: who they are, when this session ends, two-factor authentication (turn
// it on, recovery codes, turn it off), changing the password, and ending every session ("log out everywhere").
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { PasswordChangeForm } from '../components/PasswordChangeForm.tsx';
import { TotpEnrolment } from '../components/TotpEnrolment.tsx';
import { TwoFactorSettings } from '../components/TwoFactorSettings.tsx';
import { roleLabel, timestamp } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { acceptMe, useLogout, useMe } from '../session.tsx';

export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const lang = currentLanguage();
  const logoutAll = useLogout(true);

  // Refresh the session times (the idle expiry moves with activity).
  useEffect(() => {
    void api.me().then((fresh) => { if (fresh) acceptMe(qc, fresh); }, () => {});
  }, [qc]);

  return (
    <>
      <PageHeading pageName={t('account.title')}>{t('account.title')}</PageHeading>
      <div className="detail-grid">
        <section className="panel" aria-labelledby="a-user">
          <h2 id="a-user">{t('account.user')}</h2>
          <dl>
            <div className="item"><dt>{t('account.email')}</dt><dd dir="ltr">{me.user.email}</dd></div>
            <div className="item"><dt>{t('account.role')}</dt><dd>{roleLabel(t, me.user.role)}</dd></div>
            <div className="item"><dt>{t('account.organisation')}</dt><dd>{me.organisation.name}</dd></div>
          </dl>
        </section>
        <section className="panel" aria-labelledby="a-session">
          <h2 id="a-session">{t('account.session')}</h2>
          <dl>
            <div className="item"><dt>{t('account.idleExpires')}</dt><dd>{timestamp(me.session.idleExpiresAt, lang)}</dd></div>
            <div className="item"><dt>{t('account.absoluteExpires')}</dt><dd>{timestamp(me.session.absoluteExpiresAt, lang)}</dd></div>
          </dl>
        </section>
      </div>
      <section className="panel" aria-labelledby="a-2fa">
        <h2 id="a-2fa">{t('account.twoFactor')}</h2>
        {me.user.totpEnabled
          ? <TwoFactorSettings />
          : <TotpEnrolment intro={<p data-testid="totp-status">{t('account.twoFactorOff')}</p>} />}
      </section>
      <section className="panel" aria-labelledby="a-password">
        <h2 id="a-password">{t('password.title')}</h2>
        <PasswordChangeForm />
      </section>
      <section className="panel" aria-labelledby="a-logout">
        <h2 id="a-logout">{t('account.logoutAll')}</h2>
        <p id="logout-all-hint">{t('account.logoutAllHint')}</p>
        <button type="button" className="danger" aria-describedby="logout-all-hint" disabled={logoutAll.isPending} onClick={() => logoutAll.mutate()}>
          {logoutAll.isPending ? t('account.loggingOut') : t('account.logoutAll')}
        </button>
      </section>
    </>
  );
}
