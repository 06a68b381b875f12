// Why: the count of new alerts beside "Early warning" in the navigation (coordinators), read every minute and
// after every step of an alert's workflow (refreshWarnings). Loaded lazily, so the first download does not
// carry the early-warning contract; nothing shows while it loads, or when there is nothing new.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { COUNTS_EVERY, warningKeys, warningsApi } from '../../warnings.ts';
import '../../warnings.css';

export default function AlertBadge() {
  const { t } = useTranslation();
  const counts = useQuery({ queryKey: warningKeys.counts, queryFn: warningsApi.alertCounts, refetchInterval: COUNTS_EVERY, staleTime: 30_000 });
  const fresh = counts.data?.new ?? 0;
  if (fresh === 0) return null;
  return (
    <span className="badge nav-count" data-testid="alert-count">
      <span aria-hidden="true">{fresh}</span>
      <span className="visually-hidden">{t('warnings.newCount', { count: fresh })}</span>
    </span>
  );
}
