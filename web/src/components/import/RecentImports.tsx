// Why: the user's own recent imports (the server lists only the uploader's), with their state and counts,
// each reopenable: to check it again, import it after a dry run, or read a finished import's report.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportSummary } from '../../../../src/shared/import.ts';
import { api } from '../../api.ts';
import { timestamp } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { ImportError, useCount } from './ImportParts.tsx';

export function RecentImports({ currentId, onOpen }: { currentId: string | undefined; onOpen: (item: ImportSummary) => void }) {
  const { t } = useTranslation();
  const count = useCount();
  const lang = currentLanguage();
  // Read again whenever shown: states and counts change while a job runs.
  const list = useQuery({ queryKey: ['imports'], queryFn: api.listImports, staleTime: 0 });
  return (
    <section className="recent-imports" aria-labelledby="recent-imports-title" data-testid="recent-imports">
      <h3 id="recent-imports-title">{t('import.recent.title')}</h3>
      {list.isPending && <p className="loading">{t('app.loading')}</p>}
      {list.isError && <ImportError error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && <p className="muted">{t('import.recent.empty')}</p>}
      {list.data && list.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="recent-table">
            <thead>
              <tr>
                <th scope="col">{t('import.recent.file')}</th>
                <th scope="col">{t('import.recent.uploaded')}</th>
                <th scope="col">{t('import.recent.state')}</th>
                <th scope="col" className="num">{t('import.recent.rows')}</th>
                <th scope="col" className="num">{t('import.counts.created')}</th>
                <th scope="col" className="num">{t('import.counts.skipped')}</th>
                <th scope="col" className="num">{t('import.counts.rejected')}</th>
                <th scope="col"><span className="visually-hidden">{t('import.recent.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.slice(0, 10).map((item) => (
                <tr key={item.id} aria-current={item.id === currentId ? 'true' : undefined}>
                  <th scope="row" dir="auto" className="file-name">{item.fileName}</th>
                  <td className="nowrap">{timestamp(item.createdAt, lang)}</td>
                  <td>{t(`import.states.${item.state}`)}{item.mode === 'dry_run' && item.state !== 'uploaded' ? ` (${t('import.recent.dryRun')})` : ''}</td>
                  <td className="num">{count(item.rows)}</td>
                  <td className="num">{item.mode ? count(item.created) : '–'}</td>
                  <td className="num">{item.mode ? count(item.skipped) : '–'}</td>
                  <td className="num">{item.mode ? count(item.rejected) : '–'}</td>
                  <td>
                    <button type="button" className="secondary" onClick={() => onOpen(item)} aria-label={t('import.recent.openNamed', { name: item.fileName, date: timestamp(item.createdAt, lang) })}>
                      {t('import.recent.open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
