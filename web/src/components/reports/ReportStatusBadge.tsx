// Why: a report version's step as a chip, worded in the reader's language and coloured by step (reports.css);
// "no version yet" before a first one.
import { useTranslation } from 'react-i18next';
import type { ReportStatus } from '../../../../src/shared/reports.ts';
import { reportStatusLabel } from '../../reports.ts';

export function ReportStatusBadge({ status }: { status: ReportStatus | null }) {
  const { t } = useTranslation();
  if (status === null) return <span className="badge report-none" data-testid="report-status">{t('reports.list.noVersion')}</span>;
  return <span className={`badge report-${status}`} data-testid="report-status">{reportStatusLabel(t, status)}</span>;
}
