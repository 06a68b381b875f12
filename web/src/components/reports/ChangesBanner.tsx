// Why: whether the data moved since a version was frozen (coordinators): the same figures counted again now and
// compared, so a report is never submitted unknowingly out of date. When they moved, which ones (table, row,
// column, before and after, as printed) and a new version offered; when not, a quiet line saying when it was
// checked.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Report, ReportVersion } from '../../../../src/shared/reports.ts';
import { timestamp } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { reportKeys, reportsApi } from '../../reports.ts';
import { apiErrorText } from '../ApiErrorMessage.tsx';
import { GenerateVersion } from './GenerateVersion.tsx';

export function ChangesBanner({ report, version }: { report: Report; version: ReportVersion }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const changes = useQuery({ queryKey: reportKeys.changes(report.id, version.number), queryFn: () => reportsApi.changes(report.id, version.number) });
  if (changes.isPending) return <p className="muted changes-quiet" role="status">{t('app.loading')}</p>;
  if (changes.isError) return <p className="muted changes-quiet" role="status">{apiErrorText(t, changes.error)}</p>;
  const c = changes.data;
  if (!c.changed) return <p className="muted changes-quiet" data-testid="changes-unchanged">{t('reports.changes.unchanged', { when: timestamp(c.checkedAt, lang) })}</p>;
  return (
    <section className="alert warning changes" aria-labelledby="changes-title" data-testid="changes-banner">
      <h2 id="changes-title">{t('reports.changes.changed')}</h2>
      <p>{t('reports.changes.changedHint', { version: version.number })}</p>
      {c.thresholdChanged && <p data-testid="threshold-changed"><strong>{t('reports.changes.thresholdChanged')}</strong></p>}
      {c.moved.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('reports.changes.moved', { count: c.moved.length })}>
          <table className="reports-table moved" data-testid="moved-figures">
            <caption>{t('reports.changes.moved', { count: c.moved.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.changes.table')}</th>
                <th scope="col">{t('reports.changes.row')}</th>
                <th scope="col">{t('reports.changes.column')}</th>
                <th scope="col" className="num">{t('reports.changes.before')}</th>
                <th scope="col" className="num">{t('reports.changes.after')}</th>
              </tr>
            </thead>
            <tbody>
              {c.moved.map((m, i) => (
                <tr key={i} data-testid="moved-figure">
                  <td><bdi>{m.table}</bdi></td>
                  <td><bdi>{m.row}</bdi></td>
                  <td><bdi>{m.column}</bdi></td>
                  <td className="num">{m.before}</td>
                  <td className="num"><span aria-hidden="true">{lang === 'ar' ? '← ' : '→ '}</span>{m.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {c.truncated && <p>{t('reports.changes.truncated')}</p>}
      <p className="muted">{t('reports.changes.checkedAt', { when: timestamp(c.checkedAt, lang) })}</p>
      <GenerateVersion report={report} />
    </section>
  );
}
