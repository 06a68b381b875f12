// Why: a coordinator loads a list of administrative areas with their P-codes (CSV) for the whole server: the
// columns explained with an example, the file picker, then what was loaded, or every problem by row, column,
// value and rule (the rule's code worded in the reader's language), with nothing stored.
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AREA_LIST_COLUMNS, AreaListRejected, MAX_LISTED_PROBLEMS } from '../../../src/shared/places.ts';
import type { FileProblems as Refusal } from '../../../src/shared/places.ts';
import { api, ApiRequestError } from '../api.ts';
import { issueRule } from '../issues.ts';
import { countryName } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { PLACES_KEY } from '../places.ts';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';

/** The server's limit (src/places/routes.ts), checked here before sending a large file over a slow link. */
const MAX_BYTES = 10 * 1024 * 1024;
const REQUIRED: readonly string[] = ['country', 'level', 'pcode', 'name'];
const SAMPLE = `country,level,pcode,name,name_fr,name_ar,parent_pcode
TCD,1,TD01,Batha,Batha,البطحاء,
TCD,2,TD0101,Batha Est,Batha Est,,TD01`;

type FileProblem = 'chooseFile' | 'wrongType' | 'tooBig';
function fileProblem(file: File | null): FileProblem | null {
  if (!file) return 'chooseFile';
  if (!/\.(csv|txt)$/iu.test(file.name)) return 'wrongType';
  return file.size > MAX_BYTES ? 'tooBig' : null;
}

/**
 * A refused file's problems (the server lists the first MAX_LISTED_PROBLEMS) and how many were found, or
 * null for any other error (`code`: the refusal's, for areas or a reference dataset).
 */
export function fileRefusal(error: unknown, code: string): Refusal | null {
  if (!(error instanceof ApiRequestError) || error.code !== code) return null;
  const body = AreaListRejected.safeParse(error.body).data;
  const problems = body?.problems ?? [];
  return { problems, problemCount: Math.max(body?.problemCount ?? 0, problems.length), complete: body?.complete ?? true };
}

export function AreaListUpload() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const count = new Intl.NumberFormat(lang === 'ar' ? 'ar-u-nu-latn' : lang);
  const headingId = useId();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [tried, setTried] = useState(false);
  const outcome = useRef<HTMLDivElement>(null);
  const load = useMutation({
    mutationFn: (f: File) => api.loadAreaList(f),
    // The pickers, labels and counts everywhere read the server's lists: all of them are fetched again.
    onSuccess: () => qc.invalidateQueries({ queryKey: PLACES_KEY }),
  });
  const problem = tried ? fileProblem(file) : null;
  const refused = fileRefusal(load.error, 'invalid_area_list');
  useEffect(() => {
    if (load.isSuccess || load.isError) outcome.current?.focus();
  }, [load.isSuccess, load.isError]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (file && fileProblem(file) === null) load.mutate(file);
    else document.getElementById('area-file')?.focus();
  };

  return (
    <section className="panel area-upload" aria-labelledby={headingId} data-testid="area-upload">
      <h2 id={headingId}>{t('areas.load.title')}</h2>
      <p>{t('areas.load.intro')}</p>
      <h3 id={`${headingId}-columns`}>{t('areas.load.columnsTitle')}</h3>
      <div className="table-wrap">
        <table className="column-table" aria-labelledby={`${headingId}-columns`}>
          <tbody>
            {AREA_LIST_COLUMNS.map((c) => (
              <tr key={c}>
                <th scope="row"><code dir="ltr">{c}</code></th>
                <td>{REQUIRED.includes(c) ? t('areas.load.required') : t('areas.load.optional')}</td>
                <td>{t(`areas.load.columns.${c}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 id={`${headingId}-sample`}>{t('areas.load.sampleTitle')}</h3>
      <pre className="sample" dir="ltr" lang="en" aria-labelledby={`${headingId}-sample`} data-testid="area-sample"><code>{SAMPLE}</code></pre>
      <ul className="load-rules">
        <li>{t('areas.load.ruleWhole')}</li>
        <li>{t('areas.load.ruleParents')}</li>
        <li>{t('areas.load.ruleShared')}</li>
        <li>{t('areas.load.ruleUtf8')}</li>
      </ul>
      <form onSubmit={submit} noValidate className="area-form">
        <div className="field">
          <label htmlFor="area-file">{t('areas.load.file')}</label>
          <input
            id="area-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => { setFile(e.target.files?.[0] ?? null); load.reset(); }}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'area-file-error' : undefined}
            data-testid="area-file"
          />
          {problem && <p className="field-error" id="area-file-error">{t(`areas.load.${problem}`)}</p>}
        </div>
        <div className="row-actions">
          <button type="submit" disabled={load.isPending} data-testid="load-areas">{load.isPending ? t('areas.load.sending') : t('areas.load.send')}</button>
        </div>
        <p role="status" className="upload-status">{load.isPending ? t('areas.load.sending') : ''}</p>
      </form>
      <div ref={outcome} tabIndex={-1} className="load-outcome">
        {load.data && (
          <div className="alert success" data-testid="load-result">
            <p>{t('areas.load.done', { imported: count.format(load.data.imported), added: count.format(load.data.added), replaced: count.format(load.data.replaced) })}</p>
            <ul>{load.data.countries.map((c) => <li key={c.country}>{t('areas.load.doneCountry', { country: countryName(t, c.country), areas: count.format(c.areas) })}</li>)}</ul>
          </div>
        )}
        {refused && <FileProblems refused={refused} count={count} />}
        {load.isError && !refused && <ApiErrorMessage error={load.error} />}
      </div>
    </section>
  );
}

/** A refused file's problems by row, column, value and rule (areas here, reference datasets too), and how many were found. */
export function FileProblems({ refused, count }: { refused: Refusal; count: Intl.NumberFormat }) {
  const { t } = useTranslation();
  const shown = refused.problems.slice(0, MAX_LISTED_PROBLEMS);
  return (
    <div className="alert error" data-testid="load-problems">
      <p>{t(refused.complete ? 'areas.load.refused' : 'areas.load.refusedAtLeast', { problems: count.format(refused.problemCount) })}</p>
      <div className="table-wrap">
        <table className="problem-table">
          <caption className="visually-hidden">{t('areas.load.problemsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">{t('areas.load.col.row')}</th>
              <th scope="col">{t('areas.load.col.column')}</th>
              <th scope="col">{t('areas.load.col.value')}</th>
              <th scope="col">{t('areas.load.col.rule')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p, i) => (
              <tr key={i}>
                <td className="num">{p.row > 0 ? count.format(p.row) : t('areas.load.wholeFile')}</td>
                <td><code dir="ltr">{p.column || '–'}</code></td>
                <td className="problem-value" title={p.value}><bdi>{p.value}</bdi></td>
                <td>{issueRule(t, { field: p.column, code: p.code, ...(p.params ? { params: p.params } : {}) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
