// Why: shown at sign-in when the password was handed out by an administrator (a new account, or a reset):
// it is replaced before anything else, so whoever handed it over cannot use it.
import { useTranslation } from 'react-i18next';
import { AuthFrame } from '../components/AuthFrame.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { PasswordChangeForm } from '../components/PasswordChangeForm.tsx';
import { useLogout } from '../session.tsx';

export function PasswordChangePage() {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <AuthFrame>
      <PageHeading pageName={t('password.requiredTitle')}>{t('password.requiredTitle')}</PageHeading>
      <p>{t('password.requiredIntro')}</p>
      <PasswordChangeForm />
      <p>
        <button type="button" className="link-button" onClick={() => logout.mutate()}>{t('totp.useOtherAccount')}</button>
      </p>
    </AuthFrame>
  );
}
