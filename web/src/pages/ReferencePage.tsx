// Why: the reference datasets (SVAC, RSVAC) as the reader's organisation reads them: for each, the version it
// uses (its own choice, else the server's default), where that version came from and who chose it, its
// citation and fingerprint, and the versions it may use instead (the operator's and its own: another
// organisation's uploads are never listed). Coordinators switch between them or back to the server's
// default, load a newer version for their organisation, and match the datasets' actors to the registry.
import { useState } from 'react';
import { useMutation, useQueryClient, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { DatasetList, DatasetVersion, ReferenceDataset } from '../../../src/shared/reference.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { DatasetLoad } from '../components/DatasetLoad.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { formatDate } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { datasetName, referenceApi, referenceKeys, refreshReference } from '../reference.ts';
import { canManageParties, useMe } from '../session.tsx';
import '../reference.css';

const originWords = (t: TFunction, v: DatasetVersion): string =>
  v.origin === 'own_organisation' && v.loadedBy ? t('reference.version.origins.own_organisation_by', { email: v.loadedBy }) : t(`reference.version.origins.${v.origin}`);
const day = (iso: string) => formatDate(iso.slice(0, 10));
const sha = (v: DatasetVersion) => `SHA-256 ${v.sha256.slice(0, 12)}…`;

export function ReferencePage() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const coordinator = canManageParties(me.user.role);
  const count = new Intl.NumberFormat(currentLanguage() === 'ar' ? 'ar-u-nu-latn' : currentLanguage());
  const sizes = (v: { rows: number; actors: number }) => t('reference.version.rowsActors', { rows: count.format(v.rows), actors: count.format(v.actors) });
  const datasets = useQuery({ queryKey: referenceKeys.datasets, queryFn: referenceApi.datasets });
  const [said, setSaid] = useState('');
  const choose = useMutation({
    mutationFn: (c: { dataset: ReferenceDataset; versionId: string | null }) => referenceApi.choose(c.dataset, c.versionId),
    onSuccess: (list: DatasetList, c) => {
      qc.setQueryData(referenceKeys.datasets, list);
      void refreshReference(qc);
      const now = list.items.find((d) => d.dataset === c.dataset)?.current;
      const name = datasetName(t, c.dataset);
      setSaid(c.versionId === null ? t('reference.version.switchedDefault', { dataset: name }) : t('reference.version.switched', { dataset: name, label: now?.label ?? '' }));
    },
  });
  return (
    <div className="reference-page" data-testid="reference-page">
      <PageHeading pageName={t('reference.title')}>{t('reference.title')}</PageHeading>
      <p>{t('reference.intro')}</p>
      {coordinator && <p><Link to="/reference/matching" data-testid="to-matching">{t('reference.matching.open')}</Link></p>}
      {datasets.isError && <ApiErrorMessage error={datasets.error} onRetry={() => void datasets.refetch()} />}
      <p role="status" className="upload-status" data-testid="version-status">{said}</p>
      {choose.isError && <ApiErrorMessage error={choose.error} />}
      <div className="dataset-list">
        {datasets.data?.items.map((d) => (
          <section key={d.dataset} className="panel" aria-labelledby={`dataset-${d.dataset}`} data-testid={`dataset-${d.dataset}`}>
            <h2 id={`dataset-${d.dataset}`}>{datasetName(t, d.dataset)}</h2>
            {d.current ? (
              <>
                <dl className="detail-grid">
                  <div className="item"><dt>{t('reference.version.current')}</dt><dd><bdi data-testid="version-in-use">{d.current.label}</bdi></dd></div>
                  <div className="item"><dt>{t('reference.version.origin')}</dt><dd data-testid="version-origin">{originWords(t, d.current)}</dd></div>
                  <div className="item"><dt>{t('reference.version.years')}</dt><dd dir="ltr">{d.current.firstYear}–{d.current.lastYear}</dd></div>
                  <div className="item"><dt>{t('reference.version.rows')}</dt><dd>{sizes(d.current)}</dd></div>
                  <div className="item"><dt>{t('reference.version.loaded')}</dt><dd>{day(d.current.loadedAt)}</dd></div>
                </dl>
                <p data-testid="version-choice">{d.choice
                  ? d.choice.by ? t('reference.version.chosen', { date: day(d.choice.at), by: d.choice.by }) : t('reference.version.chosenNoBy', { date: day(d.choice.at) })
                  : t('reference.version.followsDefault')}</p>
                <p className="reference-citation" data-testid="reference-citation"><span lang="en" dir="ltr">{d.current.citation}</span></p>
                <p className="hint" dir="ltr" title={d.current.sha256}>{sha(d.current)}</p>
              </>
            ) : <p className="muted">{t('reference.version.none')}</p>}
            {(d.versions.length > 1 || d.choice) && (
              <>
                <h3 className="version-list-title">{t('reference.version.list')}</h3>
                <ul className="version-list" data-testid="version-list">
                  {d.versions.map((v) => (
                    <li key={v.id} data-testid="version-item">
                      <div>
                        <bdi className="version-label">{v.label}</bdi>
                        {v.serverDefault && <span className="badge version-default">{t('reference.version.serverDefault')}</span>}
                        {v.current && <span className="badge version-in-use">{t('reference.version.inUse')}</span>}
                      </div>
                      <div className="hint">{originWords(t, v)} · {day(v.loadedAt)} · {sizes(v)} · <span className="sha" dir="ltr" title={v.sha256}>{sha(v)}</span></div>
                      {coordinator && !v.current && (
                        <button type="button" className="secondary" disabled={choose.isPending} data-testid="version-use"
                          onClick={() => choose.mutate({ dataset: d.dataset, versionId: v.id })}>
                          {t('reference.version.use')}<span className="visually-hidden">: <bdi>{v.label}</bdi></span>
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
                {coordinator && d.choice && (
                  <button type="button" className="secondary" disabled={choose.isPending} data-testid="version-use-default"
                    onClick={() => choose.mutate({ dataset: d.dataset, versionId: null })}>{t('reference.version.useDefault')}</button>
                )}
              </>
            )}
          </section>
        ))}
      </div>
      {coordinator && <DatasetLoad />}
    </div>
  );
}
