// Why: friendly answer for an address that matches no screen.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/PageHeading.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading pageName={t('app.notFoundTitle')}>{t('app.notFoundTitle')}</PageHeading>
      <p>{t('app.notFoundText')}</p>
      <p><Link to="/incidents">{t('app.backToIncidents')}</Link></p>
    </>
  );
}
