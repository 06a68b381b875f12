// Why: a verification status shown as text on a coloured badge (colour is never the only signal), with a
// "late" badge beside a verification made after the quarter in which the incident occurred.
import { useTranslation } from 'react-i18next';
import type { VerificationStatus } from '../../../src/shared/taxonomy.ts';
import { statusLabel } from '../format.ts';

export function StatusBadge({ status, late = false }: { status: VerificationStatus; late?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <span className={`badge status-${status}`}>{statusLabel(t, status)}</span>
      {late && status === 'verified' && <LateBadge />}
    </>
  );
}

/** Short visible word; the full meaning is in the tooltip and, for screen readers, in hidden text. */
export function LateBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge late" title={t('late.full')} data-testid="late-badge">
      {t('late.badge')}<span className="visually-hidden">{`: ${t('late.full')}`}</span>
    </span>
  );
}
