// Why: the Comments tab (coordinators): what reviewers said about a version, section by section (the template's
// order, the whole report first), and a new comment on a section or on the whole. Comments are restricted data
// of the organisation and never go into the report.
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CommentInput, type Report, type ReportComment, type ReportVersion } from '../../../../src/shared/reports.ts';
import { timestamp } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { reportKeys, reportsApi, wordingIn } from '../../reports.ts';
import { ApiErrorMessage } from '../ApiErrorMessage.tsx';
import { useCheckedForm } from '../formIssues.tsx';
import { useChosenVersion, VersionSelect } from './VersionChoice.tsx';

const WHOLE = '';

export function ReportComments({ report }: { report: Report }) {
  const { t } = useTranslation();
  const [version, choose] = useChosenVersion(report);
  if (!version) return <p className="empty">{t('reports.read.noVersion')}</p>;
  return (
    <div className="report-comments" data-testid="report-comments">
      <div className="read-choices">
        <VersionSelect id="comments-version" report={report} value={version.number} onChange={choose} />
      </div>
      <CommentsOf key={version.number} report={report} version={version} />
    </div>
  );
}

function CommentsOf({ report, version }: { report: Report; version: ReportVersion }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const comments = useQuery({ queryKey: reportKeys.comments(report.id, version.number), queryFn: () => reportsApi.comments(report.id, version.number) });
  const sections = report.template.sections;
  const titleOf = (key: string | null) => {
    if (key === null) return t('reports.comments.wholeReport');
    const s = sections.find((x) => x.key === key);
    return s ? wordingIn(s.title, lang) : key;
  };
  // The whole report first, then the template's order; a section the template no longer has, last.
  const order = (key: string | null) => {
    const at = key === null ? -1 : sections.findIndex((s) => s.key === key);
    return key !== null && at < 0 ? sections.length : at;
  };
  const groups = new Map<string | null, ReportComment[]>();
  for (const c of [...(comments.data?.items ?? [])].sort((a, b) => order(a.section) - order(b.section) || a.at.localeCompare(b.at))) {
    groups.set(c.section, [...(groups.get(c.section) ?? []), c]);
  }
  return (
    <>
      <p className="intro">{t('reports.comments.intro', { version: version.number })}</p>
      {comments.isPending && <p className="loading">{t('app.loading')}</p>}
      {comments.isError && <ApiErrorMessage error={comments.error} onRetry={() => void comments.refetch()} />}
      {comments.data && (comments.data.items.length === 0
        ? <p className="empty" data-testid="comments-empty">{t('reports.comments.empty')}</p>
        : (
          <div className="comment-groups" data-testid="comment-list">
            <p className="muted">{t('reports.comments.count', { count: comments.data.items.length })}</p>
            {[...groups].map(([key, items]) => (
              <section key={key ?? WHOLE} className="panel comment-group" aria-label={titleOf(key)}>
                <h2>{titleOf(key)}</h2>
                <ol className="comments">
                  {items.map((c) => (
                    <li key={c.id} data-testid="comment">
                      <p className="muted"><bdi>{c.byName}</bdi> · {timestamp(c.at, lang)}</p>
                      <p className="pre-line" dir="auto">{c.text}</p>
                    </li>
                  ))}
                </ol>
              </section>
            ))}
          </div>
        ))}
      <CommentForm report={report} version={version} titleOf={titleOf} />
    </>
  );
}

function CommentForm({ report, version, titleOf }: { report: Report; version: ReportVersion; titleOf: (key: string | null) => string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [section, setSection] = useState(WHOLE);
  const [text, setText] = useState('');
  const [added, setAdded] = useState(false);
  const form = useCheckedForm({
    prefix: 'comment', schema: CommentInput, value: { section: section === WHOLE ? null : section, text },
    send: (body) => reportsApi.addComment(report.id, version.number, body),
    onSaved: (c) => {
      qc.setQueryData<{ items: ReportComment[] }>(reportKeys.comments(report.id, version.number), (l) => l && { items: [...l.items, c] });
      setText('');
      setAdded(true);
    },
  });
  return (
    <form className="reports-form" onSubmit={form.submit} noValidate data-testid="comment-form">
      <fieldset className="section">
        <legend>{t('reports.comments.legend')}</legend>
        {form.summary}
        {form.failed}
        <div className="field">
          <label htmlFor={form.id('section')}>{t('reports.comments.section')}</label>
          <select value={section} onChange={(e) => setSection(e.target.value)} {...form.props('section')} data-testid="comment-section">
            <option value={WHOLE}>{titleOf(null)}</option>
            {report.template.sections.map((s) => <option key={s.key} value={s.key}>{titleOf(s.key)}</option>)}
          </select>
          {form.message('section')}
        </div>
        <div className="field">
          <label htmlFor={form.id('text')}>{t('reports.comments.text')}</label>
          <textarea dir="auto" rows={3} maxLength={5000} value={text} onChange={(e) => { setText(e.target.value); setAdded(false); }} {...form.props('text', 'comment-hint')} data-testid="comment-text" />
          <p className="hint" id="comment-hint">{t('reports.noNames')}</p>
          {form.message('text')}
        </div>
        <div className="row-actions">
          <button type="submit" disabled={form.pending} data-testid="add-comment">{form.pending ? t('reports.write.saving') : t('reports.comments.add')}</button>
          <p role="status" className="list-status">{added && t('reports.comments.added')}</p>
        </div>
      </fieldset>
    </form>
  );
}
