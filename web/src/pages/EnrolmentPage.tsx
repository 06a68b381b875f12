// Why: shown at sign-in when the organisation requires two-factor authentication and the user has none.
import { useTranslation } from 'react-i18next';
import { AuthFrame } from '../components/AuthFrame.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { TotpEnrolment } from '../components/TotpEnrolment.tsx';
import { useLogout } from '../session.tsx';

export function EnrolmentPage() {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <AuthFrame>
      <PageHeading pageName={t('enrol.title')}>{t('enrol.title')}</PageHeading>
      <p>{t('enrol.required')}</p>
      <TotpEnrolment />
      <p>
        <button type="button" className="link-button" onClick={() => logout.mutate()}>{t('totp.useOtherAccount')}</button>
      </p>
    </AuthFrame>
  );
}
