// Why: the Versions tab: for coordinators, making a new version; then every version newest first, frozen with
// what it counted (through which day, under which suppression threshold, which template) and the SHA-256 of
// its snapshot (copied whole), its history, and for coordinators the next steps REPORT_FLOW allows from its
// status (the server's rule too). Approving and submitting are asked twice: an approved version never changes.
import { useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { REPORT_ACTIONS, REPORT_FLOW, ReportEventInput, type Report, type ReportAction, type ReportVersion } from '../../../../src/shared/reports.ts';
import { formatDate, timestamp } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { refreshReports, reportActionLabel, reportKeys, reportsApi, reportStatusLabel, shortSha } from '../../reports.ts';
import { canWriteReports, useMe } from '../../session.tsx';
import { commitmentErrorText } from '../../commitments.ts';
import { useFormIssues } from '../formIssues.tsx';
import { GenerateVersion } from './GenerateVersion.tsx';
import { ReportStatusBadge } from './ReportStatusBadge.tsx';

export function ReportVersions({ report }: { report: Report }) {
  const { t } = useTranslation();
  const me = useMe();
  const writer = canWriteReports(me.user.role);
  const versions = [...report.versions].sort((a, b) => b.number - a.number);
  return (
    <div className="report-versions" data-testid="report-versions">
      {writer && <section className="panel" aria-label={t('reports.generate.button')}><GenerateVersion report={report} /></section>}
      <p className="intro">{t('reports.versions.intro')}</p>
      {versions.length === 0 && <p className="empty" data-testid="versions-empty">{writer ? t('reports.versions.empty') : t('reports.versions.emptyViewer')}</p>}
      {versions.map((v) => <VersionCard key={v.number} report={report} version={v} writer={writer} />)}
    </div>
  );
}

function VersionCard({ report, version: v, writer }: { report: Report; version: ReportVersion; writer: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const headingId = `version-${v.number}`;
  return (
    <section className="panel version-card" aria-labelledby={headingId} data-testid={`version-${v.number}`}>
      <div className="version-head">
        <h2 id={headingId}>{t('reports.versions.version', { version: v.number })}</h2>
        <ReportStatusBadge status={v.status} />
        <Link to={`/reports/${report.id}/read?version=${v.number}`}>{t('reports.versions.read')}</Link>
        {writer && <Link to={`/reports/${report.id}/comments?version=${v.number}`}>{t('reports.versions.comments')}</Link>}
      </div>
      <dl className="version-facts">
        <div className="item"><dt>{t('reports.versions.generated')}</dt><dd><bdi>{v.createdByName}</bdi>, {timestamp(v.createdAt, lang)}</dd></div>
        <div className="item"><dt>{t('reports.versions.through')}</dt><dd>{formatDate(v.through, lang)}</dd></div>
        <div className="item"><dt>{t('reports.versions.threshold')}</dt><dd>{t('reports.versions.thresholdValue', { threshold: v.threshold })}</dd></div>
        <div className="item"><dt>{t('reports.versions.template')}</dt><dd>{t('reports.versions.templateVersion', { version: v.templateVersion })}</dd></div>
        <div className="item"><dt>{t('reports.versions.sha')}</dt><dd><Sha sha={v.sha256} version={v.number} /></dd></div>
      </dl>
      <h3>{t('reports.versions.events')}</h3>
      <ol className="version-events" data-testid="version-events">
        {v.events.map((e, i) => (
          <li key={i} data-testid="version-event">
            <strong>{t(`reports.events.${e.action}`)}</strong>
            <span className="muted"> – <bdi>{e.byName}</bdi> · {timestamp(e.at, lang)}</span>
            {e.note && <p className="pre-line" dir="auto">{e.note}</p>}
          </li>
        ))}
      </ol>
      {writer && <VersionWorkflow report={report} version={v} />}
    </section>
  );
}

function Sha({ sha, version }: { sha: string; version: number }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(sha);
      setCopied(true);
    } catch {
      // Clipboard unavailable: the whole value stays in the title and can be selected from the document's cover.
    }
  };
  return (
    <span className="sha">
      <code dir="ltr" title={sha} data-testid="version-sha">{shortSha(sha)}…</code>{' '}
      <button type="button" className="link-button" onClick={() => void copy()} aria-label={t('reports.versions.copyLabel', { version })}>
        {copied ? t('reports.versions.copied') : t('reports.versions.copy')}
      </button>
    </span>
  );
}

const CONFIRMED: readonly ReportAction[] = ['approve', 'submit'];

function VersionWorkflow({ report, version: v }: { report: Report; version: ReportVersion }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [asking, setAsking] = useState<ReportAction | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const yes = useRef<HTMLButtonElement>(null);
  const actions = REPORT_ACTIONS.filter((a) => REPORT_FLOW[a].from.includes(v.status));
  const prefix = `version-${v.number}-event`;
  const form = useFormIssues(prefix, ReportEventInput, { action: asking ?? actions[0], ...(note.trim() ? { note } : {}) });
  const move = useMutation({
    mutationFn: (action: ReportAction) => reportsApi.addEvent(report.id, v.number, { action, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: (r, action) => {
      qc.setQueryData(reportKeys.one(r.id), r);
      void refreshReports(qc);
      form.reset();
      setNote('');
      setAsking(null);
      setDone(t('reports.versions.done', { version: v.number, status: reportStatusLabel(t, REPORT_FLOW[action].to) }));
    },
    // Refused (another coordinator moved it meanwhile): said in words above the buttons, and the report read again.
    onError: () => { setAsking(null); void refreshReports(qc); },
  });
  useEffect(() => { if (asking) yes.current?.focus(); }, [asking]);
  const go = (action: ReportAction) => {
    if (CONFIRMED.includes(action) && asking !== action) { setAsking(action); return; }
    if (form.check()) move.mutate(action);
  };
  return (
    <div className="version-workflow" data-testid={`workflow-${v.number}`}>
      <p role="status" className="list-status">{done}</p>
      {actions.length > 0 && (
        <>
          <h3>{t('reports.versions.workflow')}</h3>
          {form.summary}
          {move.isError && <p className="alert error" role="alert">{commitmentErrorText(t, move.error)}</p>}
          <div className="field">
            <label htmlFor={form.id('note')}>{t('reports.versions.note')} <span className="muted">({t('reports.optional')})</span></label>
            <textarea dir="auto" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} {...form.props('note', `${prefix}-hint`)} data-testid={`note-${v.number}`} />
            <p className="hint" id={`${prefix}-hint`}>{t('reports.versions.noteHint')}</p>
            {form.message('note')}
          </div>
          {asking && (
            <div className="confirm" role="group" aria-label={reportActionLabel(t, asking)} data-testid="confirm">
              <p>{t(`reports.versions.confirm.${asking === 'approve' ? 'approve' : 'submit'}`, { version: v.number })}</p>
              <div className="row-actions">
                <button type="button" ref={yes} onClick={() => go(asking)} disabled={move.isPending} data-testid="confirm-yes">{t('reports.versions.confirm.yes')}</button>
                <button type="button" className="secondary" onClick={() => setAsking(null)}>{t('reports.versions.confirm.no')}</button>
              </div>
            </div>
          )}
          {!asking && (
            <div className="row-actions">
              {actions.map((a) => (
                <button key={a} type="button" className={a === 'return_to_draft' ? 'secondary' : undefined} onClick={() => go(a)} disabled={move.isPending} data-testid={`action-${a}`}>
                  {reportActionLabel(t, a)}
                </button>
              ))}
            </div>
          )}
        </>
      )}
    </div>
  );
}
