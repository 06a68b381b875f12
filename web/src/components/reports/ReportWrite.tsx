// Why: the Write tab (coordinators): the template's sections in order; each narrative section a text to write,
// with the template's guidance in the reader's language, saved on its own (what the next generated version
// freezes); each figures section a reminder that the protected tables fill it. Leaving the page with unsaved
// text is warned about by the browser.
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MAX_NARRATIVE, NarrativeInput, type Narrative, type Report, type TemplateSection } from '../../../../src/shared/reports.ts';
import { timestamp } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { figureBlockLabel, reportKeys, reportsApi, wordingIn } from '../../reports.ts';
import { useCheckedForm } from '../formIssues.tsx';
import { ReportDetails } from './ReportDetails.tsx';

export function ReportWrite({ report }: { report: Report }) {
  const { t } = useTranslation();
  const [dirty, setDirty] = useState<ReadonlySet<string>>(new Set());
  const mark = (key: string, on: boolean) => setDirty((d) => {
    if (d.has(key) === on) return d;
    const next = new Set(d);
    if (on) next.add(key); else next.delete(key);
    return next;
  });
  useEffect(() => {
    if (dirty.size === 0) return undefined;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty.size]);
  return (
    <div className="report-write" data-testid="report-write">
      <p className="intro">{t('reports.write.intro', { version: report.template.version })}</p>
      <ReportDetails report={report} />
      {dirty.size > 0 && <p className="alert warning" role="status" data-testid="unsaved-warning">{t('reports.write.leave')}</p>}
      {report.template.sections.map((s, i) => (s.kind === 'narrative'
        ? <NarrativeEditor key={s.key} report={report} section={s} n={i + 1} onDirty={(on) => mark(s.key, on)} />
        : <FiguresSection key={s.key} section={s} n={i + 1} />))}
    </div>
  );
}

function FiguresSection({ section, n }: { section: TemplateSection; n: number }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const guidance = wordingIn(section.guidance, lang);
  return (
    <section className="panel write-section figures" aria-labelledby={`section-${section.key}`} data-testid={`section-${section.key}`}>
      <h2 id={`section-${section.key}`}><span className="section-n">{n}.</span> {wordingIn(section.title, lang)}</h2>
      {guidance && <p className="pre-line" dir="auto">{guidance}</p>}
      <p className="muted">{section.block && <>{figureBlockLabel(t, section.block)} · </>}{t('reports.write.figures')}</p>
    </section>
  );
}

interface EditorProps { report: Report; section: TemplateSection; n: number; onDirty: (dirty: boolean) => void }

function NarrativeEditor({ report, section, n, onDirty }: EditorProps) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const qc = useQueryClient();
  const [saved, setSaved] = useState<Narrative | null>(() => report.narratives.find((x) => x.key === section.key) ?? null);
  const [text, setText] = useState(saved?.text ?? '');
  const [justSaved, setJustSaved] = useState(false);
  const dirty = text !== (saved?.text ?? '');
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  const form = useCheckedForm({
    prefix: `narrative-${section.key}`, schema: NarrativeInput, value: { text },
    send: (body) => reportsApi.saveNarrative(report.id, section.key, body.text),
    onSaved: (narrative) => {
      setSaved(narrative);
      // The server keeps the text trimmed: the field shows what was kept, unless it was typed on meanwhile.
      setText((now) => (now.trim() === narrative.text ? narrative.text : now));
      setJustSaved(true);
      qc.setQueryData<Report>(reportKeys.one(report.id), (r) => r && { ...r, narratives: [...r.narratives.filter((x) => x.key !== narrative.key), narrative] });
    },
  });
  const guidance = wordingIn(section.guidance, lang);
  const headingId = `section-${section.key}`;
  const hintId = `${headingId}-guidance`;
  return (
    <section className="panel write-section" aria-labelledby={headingId} data-testid={`section-${section.key}`}>
      <h2 id={headingId}><span className="section-n">{n}.</span> {wordingIn(section.title, lang)}</h2>
      <form onSubmit={(e) => { setJustSaved(false); form.submit(e); }} noValidate>
        {form.summary}
        {form.failed}
        {guidance && <p className="hint pre-line" id={hintId} dir="auto">{guidance}</p>}
        <label htmlFor={form.id('text')} className="visually-hidden">{wordingIn(section.title, lang)}</label>
        <textarea
          dir="auto" rows={8} maxLength={MAX_NARRATIVE} value={text}
          onChange={(e) => { setText(e.target.value); setJustSaved(false); }}
          {...form.props('text', guidance ? hintId : undefined)}
          data-testid={`narrative-${section.key}`}
        />
        {form.message('text')}
        <div className="row-actions">
          <button type="submit" disabled={form.pending || !dirty} data-testid={`save-${section.key}`}>{form.pending ? t('reports.write.saving') : t('reports.write.save')}</button>
          <p className="save-state" role="status" data-testid={`state-${section.key}`}>
            {dirty
              ? <span className="unsaved">{t('reports.write.unsaved')}</span>
              : justSaved ? t('reports.write.savedNow')
                : saved?.updatedAt ? <span className="muted">{t('reports.write.saved', { when: timestamp(saved.updatedAt, lang) })}</span>
                  : <span className="muted">{t('reports.write.notWritten')}</span>}
          </p>
        </div>
      </form>
    </section>
  );
}
