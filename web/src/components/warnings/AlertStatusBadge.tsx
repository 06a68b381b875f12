// Why: an alert's status as a chip, worded in the reader's language and coloured by status (warnings.css).
import { useTranslation } from 'react-i18next';
import type { AlertStatus } from '../../../../src/shared/warnings.ts';
import { alertStatusLabel } from '../../warnings.ts';

export function AlertStatusBadge({ status }: { status: AlertStatus }) {
  const { t } = useTranslation();
  return <span className={`badge alert-${status}`} data-testid="alert-status">{alertStatusLabel(t, status)}</span>;
}
