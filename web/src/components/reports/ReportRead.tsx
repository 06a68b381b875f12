// Why: the Read tab: a version of the report as a document in the language chosen for it (not necessarily the
// reader's), as the PDF and the Word file print it, with both files to download; for coordinators first,
// whether the figures moved since the version was frozen (and a new version to report them).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { REPORT_LANGUAGES, type ReportLanguage } from '../../../../src/shared/report-document.ts';
import type { Report } from '../../../../src/shared/reports.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { languageName, reportKeys, reportsApi } from '../../reports.ts';
import { canWriteReports, useMe } from '../../session.tsx';
import { ApiErrorMessage } from '../ApiErrorMessage.tsx';
import { ChangesBanner } from './ChangesBanner.tsx';
import { ReportDocumentView } from './ReportDocumentView.tsx';
import { useAddressChoice, useChosenVersion, VersionSelect } from './VersionChoice.tsx';

export function ReportRead({ report }: { report: Report }) {
  const { t } = useTranslation();
  const me = useMe();
  const writer = canWriteReports(me.user.role);
  const [version, choose] = useChosenVersion(report);
  const [asked, setLang] = useAddressChoice('lang');
  const lang: ReportLanguage = REPORT_LANGUAGES.find((l) => l === asked) ?? currentLanguage();
  const n = version?.number ?? 0;
  const doc = useQuery({ queryKey: reportKeys.document(report.id, n, lang), queryFn: () => reportsApi.document(report.id, n, lang), enabled: version !== null, staleTime: Infinity });
  if (!version) return <p className="empty" data-testid="read-empty">{writer ? t('reports.read.noVersion') : t('reports.read.noVersionViewer')}</p>;
  return (
    <div className="report-read" data-testid="report-read">
      <div className="read-choices">
        <VersionSelect id="read-version" report={report} value={version.number} onChange={choose} />
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
