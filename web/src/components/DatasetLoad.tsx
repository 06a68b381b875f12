// Why: a coordinator loads a newer version of a reference dataset (SVAC or RSVAC) for their organisation only: the
// dataset, the version's name, its citation (the publication by default), the CSV; then what was loaded (rows
// read, actors linked to the registry, actors left to match) or its problems by row and column, nothing stored.
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DATASET_CITATIONS, REFERENCE_DATASETS, type ReferenceDataset } from '../../../src/shared/reference.ts';
import { currentLanguage } from '../i18n/index.ts';
import { datasetName, referenceApi, refreshReference } from '../reference.ts';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';
import { FileProblems, fileRefusal } from './AreaListUpload.tsx';

/** The server's limit (src/reference/routes.ts). */
const MAX_BYTES = 20 * 1024 * 1024;

export function DatasetLoad() {
  const { t } = useTranslation();
  const id = useId();
  const qc = useQueryClient();
  const count = new Intl.NumberFormat(currentLanguage() === 'ar' ? 'ar-u-nu-latn' : currentLanguage());
  const [dataset, setDataset] = useState<ReferenceDataset>('svac');
  const [label, setLabel] = useState('');
  const [citation, setCitation] = useState(DATASET_CITATIONS.svac);
  const [file, setFile] = useState<File | null>(null);
  const [tried, setTried] = useState(false);
  const outcome = useRef<HTMLDivElement>(null);
  const load = useMutation({
    mutationFn: (f: File) => referenceApi.load(dataset, f, label.trim(), citation.trim()),
    onSuccess: () => refreshReference(qc),
  });
  useEffect(() => { if (load.isSuccess || load.isError) outcome.current?.focus(); }, [load.isSuccess, load.isError]);
  const fileProblem = !file ? 'chooseFile' : !/\.(csv|txt)$/iu.test(file.name) ? 'wrongType' : file.size > MAX_BYTES ? 'tooBig' : null;
  const labelProblem = label.trim() ? null : 'labelRequired';
  const refused = fileRefusal(load.error, 'invalid_dataset');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (file && !fileProblem && !labelProblem) load.mutate(file);
  };
  const choose = (d: ReferenceDataset) => {
    setDataset(d);
    if (REFERENCE_DATASETS.some((x) => DATASET_CITATIONS[x] === citation)) setCitation(DATASET_CITATIONS[d]);
    load.reset();
  };
  return (
    <section className="panel reference-load" aria-labelledby={`${id}-title`} data-testid="dataset-load">
      <h2 id={`${id}-title`}>{t('reference.load.title')}</h2>
      <p>{t('reference.load.intro')}</p>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('reference.load.dataset')}</legend>
          {REFERENCE_DATASETS.map((d) => (
            <label key={d} className="choice"><input type="radio" name={`${id}-dataset`} value={d} checked={dataset === d} onChange={() => choose(d)} /> {datasetName(t, d)}</label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-label`}>{t('reference.load.label')}</label>
          <input id={`${id}-label`} value={label} maxLength={40} onChange={(e) => setLabel(e.target.value)} dir="auto" data-testid="dataset-label"
            aria-invalid={tried && labelProblem ? true : undefined} aria-describedby={tried && labelProblem ? `${id}-label-error` : undefined} />
          {tried && labelProblem && <p className="field-error" id={`${id}-label-error`}>{t('reference.load.labelRequired')}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-citation`}>{t('reference.load.citation')}</label>
          <textarea id={`${id}-citation`} value={citation} maxLength={600} onChange={(e) => setCitation(e.target.value)} dir="ltr" lang="en" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('reference.load.file')}</label>
          <input id={`${id}-file`} type="file" accept=".csv,text/csv" data-testid="dataset-file" onChange={(e) => { setFile(e.target.files?.[0] ?? null); load.reset(); }}
            aria-invalid={tried && fileProblem ? true : undefined} aria-describedby={tried && fileProblem ? `${id}-file-error` : undefined} />
          {tried && fileProblem && <p className="field-error" id={`${id}-file-error`}>{t(`areas.load.${fileProblem}`)}</p>}
        </div>
        <div className="row-actions"><button type="submit" disabled={load.isPending} data-testid="dataset-send">{load.isPending ? t('areas.load.sending') : t('reference.load.send')}</button></div>
        <p role="status" className="upload-status">{load.isPending ? t('areas.load.sending') : ''}</p>
      </form>
      <div ref={outcome} tabIndex={-1} className="load-outcome">
        {load.data && (
          <div className="alert success" data-testid="dataset-result">
            <p>{load.data.created
              ? t('reference.load.done', { dataset: datasetName(t, load.data.version.dataset), label: load.data.version.label, rows: count.format(load.data.rowsRead) })
              : t('reference.load.same', { label: load.data.version.label })}</p>
            <p>{t('reference.load.links', { actors: count.format(load.data.actors), linked: count.format(load.data.actorsLinked), unmatched: count.format(load.data.actorsUnmatched) })}</p>
            {load.data.actorsUnmatched > 0 && <p><Link to="/reference/matching">{t('reference.load.toMatching')}</Link></p>}
          </div>
        )}
        {refused && <FileProblems refused={refused} count={count} />}
        {load.isError && !refused && <ApiErrorMessage error={load.error} />}
      </div>
    </section>
  );
}
