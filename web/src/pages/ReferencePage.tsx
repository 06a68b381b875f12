// Why: the reference datasets (SVAC, RSVAC): each dataset's current version with its citation and every
// version loaded before, for everyone who reads parties; coordinators load a newer version and match the
// datasets' actors to the registry.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { DatasetLoad } from '../components/DatasetLoad.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { formatDate } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { datasetName, referenceApi, referenceKeys } from '../reference.ts';
import { canManageParties, useMe } from '../session.tsx';
import '../reference.css';

export function ReferencePage() {
  const { t } = useTranslation();
  const me = useMe();
  const coordinator = canManageParties(me.user.role);
  const count = new Intl.NumberFormat(currentLanguage() === 'ar' ? 'ar-u-nu-latn' : currentLanguage());
  const sizes = (v: { rows: number; actors: number }) => t('reference.version.rowsActors', { rows: count.format(v.rows), actors: count.format(v.actors) });
  const datasets = useQuery({ queryKey: referenceKeys.datasets, queryFn: referenceApi.datasets });
  return (
    <div className="reference-page" data-testid="reference-page">
      <PageHeading pageName={t('reference.title')}>{t('reference.title')}</PageHeading>
      <p>{t('reference.intro')}</p>
      {coordinator && <p><Link to="/reference/matching" data-testid="to-matching">{t('reference.matching.open')}</Link></p>}
      {datasets.isError && <ApiErrorMessage error={datasets.error} onRetry={() => void datasets.refetch()} />}
      <div className="dataset-list">
        {datasets.data?.items.map((d) => (
          <section key={d.dataset} className="panel" aria-labelledby={`dataset-${d.dataset}`} data-testid={`dataset-${d.dataset}`}>
            <h2 id={`dataset-${d.dataset}`}>{datasetName(t, d.dataset)}</h2>
            {d.current ? (
              <>
                <dl className="detail-grid">
                  <div className="item"><dt>{t('reference.version.current')}</dt><dd><bdi>{d.current.label}</bdi></dd></div>
                  <div className="item"><dt>{t('reference.version.years')}</dt><dd dir="ltr">{d.current.firstYear}–{d.current.lastYear}</dd></div>
                  <div className="item"><dt>{t('reference.version.rows')}</dt><dd>{sizes(d.current)}</dd></div>
                  <div className="item"><dt>{t('reference.version.loaded')}</dt><dd>{formatDate(d.current.loadedAt.slice(0, 10))}{d.current.loadedBy ? '' : ` (${t('reference.version.byOperator')})`}</dd></div>
                </dl>
                <p className="reference-citation" data-testid="reference-citation"><span lang="en" dir="ltr">{d.current.citation}</span></p>
                <p className="hint" dir="ltr">SHA-256 {d.current.sha256.slice(0, 16)}…</p>
              </>
            ) : <p className="muted">{t('reference.version.none')}</p>}
            {d.versions.length > 1 && (
              <details>
                <summary>{t('reference.version.earlier', { count: d.versions.length - 1 })}</summary>
                <ul>{d.versions.filter((v) => !v.current).map((v) => <li key={v.id}><bdi>{v.label}</bdi> · {formatDate(v.loadedAt.slice(0, 10))} · {sizes(v)}</li>)}</ul>
              </details>
            )}
          </section>
        ))}
      </div>
      {coordinator && <DatasetLoad />}
    </div>
  );
}
