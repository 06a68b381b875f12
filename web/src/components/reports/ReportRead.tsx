// Why: the Read tab: a version of the report as a document in the language chosen for it (not necessarily the
// reader's), as the PDF and the Word file print it, with both files to download; for coordinators first,
// whether the figures moved since the version was frozen (and a new version to report them).
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { REPORT_LANGUAGES, type ReportLanguage } from '../../../../src/shared/report-document.ts';
import type { Report } from '../../../../src/shared/reports.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { languageName, reportKeys, reportsApi, reportStatusLabel } from '../../reports.ts';
import { canWriteReports, useMe } from '../../session.tsx';
import { ApiErrorMessage } from '../ApiErrorMessage.tsx';
import { ChangesBanner } from './ChangesBanner.tsx';
import { ReportDocumentView } from './ReportDocumentView.tsx';
import { useChosenVersion } from './versionChoice.ts';

export function ReportRead({ report }: { report: Report }) {
  const { t } = useTranslation();
  const me = useMe();
  const writer = canWriteReports(me.user.role);
  const [params, setParams] = useSearchParams();
  const [version, choose] = useChosenVersion(report);
  const lang: ReportLanguage = REPORT_LANGUAGES.find((l) => l === params.get('lang')) ?? currentLanguage();
  const setLang = (l: ReportLanguage) => setParams((p) => { const next = new URLSearchParams(p); next.set('lang', l); return next; }, { replace: true });
  const n = version?.number ?? 0;
  const doc = useQuery({ queryKey: reportKeys.document(report.id, n, lang), queryFn: () => reportsApi.document(report.id, n, lang), enabled: version !== null, staleTime: Infinity });
  if (!version) return <p className="empty" data-testid="read-empty">{writer ? t('reports.read.noVersion') : t('reports.read.noVersionViewer')}</p>;
  const versions = [...report.versions].sort((a, b) => b.number - a.number);
  return (
    <div className="report-read" data-testid="report-read">
      <div className="read-choices">
        <div className="field">
          <label htmlFor="read-version">{t('reports.read.version')}</label>
          <select id="read-version" value={version.number} onChange={(e) => choose(Number(e.target.value))} data-testid="read-version">
            {versions.map((v) => <option key={v.number} value={v.number}>{t('reports.read.versionOption', { version: v.number, status: reportStatusLabel(t, v.status) })}</option>)}
          </select>
        </div>
        <fieldset className="field read-languages">
          <legend className="label">{t('reports.read.language')}</legend>
          <div className="choices">
            {REPORT_LANGUAGES.map((l) => (
              <label key={l} className="checkbox">
                <input type="radio" name="read-language" value={l} checked={lang === l} onChange={() => setLang(l)} data-testid={`read-lang-${l}`} /> {languageName(t, l)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="downloads" role="group" aria-label={t('reports.read.download')}>
          <span className="label">{t('reports.read.download')}</span>
          <a className="button secondary" href={reportsApi.fileUrl(report.id, n, 'pdf', lang)} download data-testid="download-pdf">{t('reports.read.pdf', { language: languageName(t, lang) })}</a>
          <a className="button secondary" href={reportsApi.fileUrl(report.id, n, 'docx', lang)} download data-testid="download-docx">{t('reports.read.docx', { language: languageName(t, lang) })}</a>
        </div>
      </div>
      {writer && <ChangesBanner report={report} version={version} />}
      {doc.isPending && <p className="loading">{t('app.loading')}</p>}
      {doc.isError && <ApiErrorMessage error={doc.error} onRetry={() => void doc.refetch()} />}
      {doc.data && <ReportDocumentView doc={doc.data} label={t('reports.read.documentLabel', { version: n })} />}
    </div>
  );
}
