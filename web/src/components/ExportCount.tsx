// Why: "N records will be exported" before anything is downloaded, for the list's current filters and the
// chosen purpose (working-group sharing keeps only records whose consent allows it, which the list's own
// total does not know), so a coordinator sees at once when a filter or consent leaves out more than expected.
// The server counts exactly what the export would hold (GET /api/incidents/export/count, audited).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { exportCountQuery, type ExportOptions, type ListFilters } from '../listQuery.ts';

interface Props extends Pick<ExportOptions, 'purpose' | 'rows'> { filters: ListFilters }

export function ExportCount({ filters, purpose, rows }: Props) {
  const { t } = useTranslation();
  const query = exportCountQuery(filters, { purpose, rows });
  // Under the 'incidents' key, so whatever refreshes the list after a change refreshes the count too.
  const count = useQuery({ queryKey: ['incidents', 'export-count', query.toString()], queryFn: () => api.exportCount(query), staleTime: 0 });
  return (
    <p className="export-count" role="status" data-testid="export-count">
      {count.isPending ? t('export.counting')
        : count.isError ? t('export.countFailed')
          : (
            <>
              <strong>{t('export.count', { count: count.data.records })}</strong>
              {rows === 'violation' && <> {t('export.rowsCount', { count: count.data.rows })}</>}
            </>
          )}
    </p>
  );
}
