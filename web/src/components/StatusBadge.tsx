// Why: a verification status shown as text on a coloured badge (colour is never the only signal).
import { useTranslation } from 'react-i18next';
import type { VerificationStatus } from '../../../src/shared/taxonomy.ts';
import { statusLabel } from '../format.ts';

export function StatusBadge({ status }: { status: VerificationStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{statusLabel(t, status)}</span>;
}
