// Why: editing a report kind's template (coordinators): the report's title and its sections in order (add,
// remove, move up and down; a key, a kind, the figures a figures section shows, a title and guidance in the
// three languages). Checked in the browser with the contract's schema and templateProblems, as the server checks
// it; saving makes a new version of the template, which reports use from their next generated version.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_LANGUAGES } from '../../../../src/shared/report-document.ts';
import { MAX_SECTIONS, type ReportKind, type Template, type Wording } from '../../../../src/shared/reports.ts';
import { languageName, reportKindLabel, reportsApi } from '../../reports.ts';
import { useCheckedForm } from '../formIssues.tsx';
import { draftOf, emptySection, inputOf, moved, templateSchema, type DraftSection, type TemplateDraft } from './templateDraft.ts';
import { TemplateSectionFields } from './TemplateSectionFields.tsx';

interface Props { kind: ReportKind; template: Template; onSaved: (t: Template) => void }

export function TemplateEditor({ kind, template, onSaved }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<TemplateDraft>(() => draftOf(template));
  const schema = useMemo(() => templateSchema(kind), [kind]);
  const form = useCheckedForm({ prefix: 'template', schema, value: inputOf(draft), send: (body) => reportsApi.saveTemplate(kind, body), onSaved });
  const setTitle = (title: Wording) => setDraft((d) => ({ ...d, title }));
  const setSections = (f: (s: DraftSection[]) => DraftSection[]) => setDraft((d) => ({ ...d, sections: f(d.sections) }));
  const count = draft.sections.length;
  return (
    <form className="reports-form template-editor" onSubmit={form.submit} noValidate data-testid="template-editor">
      <fieldset className="section">
        <legend>{t('reports.templates.legend', { kind: reportKindLabel(t, kind) })}</legend>
        {form.summary}
        {form.failed}
        <fieldset className="inner">
          <legend className="label">{t('reports.templates.reportTitle')}</legend>
          <p className="hint">{t('reports.templates.reportTitleHint')}</p>
          <div className="language-grid">
            {REPORT_LANGUAGES.map((l) => (
              <div className="field" key={l}>
                <label htmlFor={form.id(`title.${l}`)}>{languageName(t, l)}</label>
                <input type="text" lang={l} dir={l === 'ar' ? 'rtl' : 'ltr'} maxLength={2000} value={draft.title[l]} onChange={(e) => setTitle({ ...draft.title, [l]: e.target.value })} {...form.props(`title.${l}`)} data-testid={`template-title-${l}`} />
                {form.message(`title.${l}`)}
              </div>
            ))}
          </div>
        </fieldset>
        <h3 id="template-sections">{t('reports.templates.sections')} <span className="muted">({t('reports.templates.sectionCount', { count })})</span></h3>
        <p className="hint">{t('reports.templates.guidanceHint')}</p>
        {form.message('sections')}
        <ol className="template-sections" aria-labelledby="template-sections">
          {draft.sections.map((s, i) => (
            <li key={s.uid}>
              <TemplateSectionFields
                form={form} kind={kind} section={s} index={i} count={count}
                onChange={(next) => setSections((all) => all.map((x) => (x.uid === s.uid ? next : x)))}
                onMove={(by) => setSections((all) => moved(all, i, by))}
                onRemove={() => setSections((all) => all.filter((x) => x.uid !== s.uid))}
              />
            </li>
          ))}
        </ol>
        <p>
          <button type="button" className="secondary" onClick={() => setSections((all) => [...all, emptySection()])} disabled={count >= MAX_SECTIONS} data-testid="add-section">
            {t('reports.templates.add')}
          </button>
        </p>
        <div className="row-actions">
          <button type="submit" disabled={form.pending} aria-describedby="template-save-hint" data-testid="save-template">
            {form.pending ? t('reports.write.saving') : t('reports.templates.save', { version: template.version + 1 })}
          </button>
          <p className="hint" id="template-save-hint">{t('reports.templates.saveHint')}</p>
        </div>
      </fieldset>
    </form>
  );
}
