// Why: the report templates (coordinators): for a kind of report, the template in use (built in, or the
// organisation's own version), its editor (saving makes a new version) and every version before it. The kind
// is kept in the address (?kind=).
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { REPORT_KINDS, type ReportKind, type Template } from '../../../src/shared/reports.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { ReportsFrame } from '../components/reports/ReportsFrame.tsx';
import { TemplateEditor } from '../components/reports/TemplateEditor.tsx';
import { timestamp } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { reportKeys, reportKindLabel, reportsApi } from '../reports.ts';
import { canWriteReports } from '../session.tsx';

export function ReportTemplatesPage() {
  const { t } = useTranslation();
  return <ReportsFrame pageName={t('reports.templates.pageName')} allowed={canWriteReports}><TemplatesBody /></ReportsFrame>;
}

function TemplatesBody() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const kind: ReportKind = REPORT_KINDS.find((k) => k === params.get('kind')) ?? 'quarterly';
  const [saved, setSaved] = useState<number | null>(null);
  const templates = useQuery({ queryKey: reportKeys.templates(), queryFn: reportsApi.templates });
  const current = templates.data?.items.find((x) => x.kind === kind);
  const afterSave = (template: Template) => {
    setSaved(template.version);
    void qc.invalidateQueries({ queryKey: reportKeys.templates() });
    // Reports being written show the new template's sections.
    void qc.invalidateQueries({ queryKey: ['reports', 'one'] });
  };
  return (
    <div className="reports-page templates-page" data-testid="templates-page">
      <p className="intro">{t('reports.templates.intro')}</p>
      <div className="field narrow">
        <label htmlFor="template-kind">{t('reports.templates.kind')}</label>
        <select id="template-kind" value={kind} onChange={(e) => { setSaved(null); setParams({ kind: e.target.value }, { replace: true }); }} data-testid="template-kind">
          {REPORT_KINDS.map((k) => <option key={k} value={k}>{reportKindLabel(t, k)}</option>)}
        </select>
      </div>
      <div role="status" className="list-status">{saved !== null && <p className="alert success" data-testid="template-saved">{t('reports.templates.saved', { version: saved })}</p>}</div>
      {templates.isPending && <p className="loading">{t('app.loading')}</p>}
      {templates.isError && <ApiErrorMessage error={templates.error} onRetry={() => void templates.refetch()} />}
      {current && (
        <>
          <p className="template-current" data-testid="template-current">
            <strong>{t('reports.templates.current')}:</strong> {current.builtIn ? t('reports.templates.builtIn') : t('reports.templates.own', { version: current.version })}
            {!current.builtIn && <span className="muted"> · {t('reports.templates.since', { when: timestamp(current.createdAt, currentLanguage()) })}</span>}
          </p>
          <TemplateEditor key={current.id} kind={kind} template={current} onSaved={afterSave} />
          <TemplateHistory kind={kind} />
        </>
      )}
    </div>
  );
}

function TemplateHistory({ kind }: { kind: ReportKind }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const versions = useQuery({ queryKey: reportKeys.templateVersions(kind), queryFn: () => reportsApi.templateVersions(kind) });
  return (
    <section className="panel" aria-labelledby="template-history" data-testid="template-history">
      <h2 id="template-history">{t('reports.templates.history')}</h2>
      {versions.isPending && <p className="loading">{t('app.loading')}</p>}
      {versions.isError && <ApiErrorMessage error={versions.error} onRetry={() => void versions.refetch()} />}
      {versions.data && (
        <ol className="template-versions">
          {versions.data.items.map((v) => (
            <li key={v.id} data-testid="template-version">
              <strong>{v.builtIn ? t('reports.templates.historyBuiltIn') : t('reports.templates.historyVersion', { version: v.version })}</strong>
              {!v.builtIn && <span className="muted"> · {timestamp(v.createdAt, lang)}</span>}
              <span className="muted"> · {t('reports.templates.sectionCount', { count: v.sections.length })}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
