// Why: one section of a template being edited: its key, kind and (figures) block, its title and guidance in the
// three languages, and moving or removing it. Problems are named by the section's number and field
// ("Section 3 – Key"), from the shared catalogue's labels.
import { useTranslation } from 'react-i18next';
import { REPORT_LANGUAGES, type ReportLanguage } from '../../../../src/shared/report-document.ts';
import { FIGURE_BLOCKS_BY_KIND, SECTION_KINDS, type FigureBlock, type ReportKind, type SectionKind } from '../../../../src/shared/reports.ts';
import { figureBlockLabel, languageName, wordingIn } from '../../reports.ts';
import type { useFormIssues } from '../formIssues.tsx';
import { withKind, type DraftSection } from './templateDraft.ts';

interface Props {
  form: Pick<ReturnType<typeof useFormIssues>, 'id' | 'props' | 'message'>;
  kind: ReportKind;
  section: DraftSection;
  index: number;
  count: number;
  onChange: (s: DraftSection) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

export function TemplateSectionFields({ form, kind, section: s, index: i, count, onChange, onMove, onRemove }: Props) {
  const { t } = useTranslation();
  const path = (field: string) => `sections.${i}.${field}`;
  const n = i + 1;
  const name = wordingIn(s.title) || s.key;
  const inLanguage = (field: string, l: ReportLanguage) => t('reports.templates.inLanguage', { field, language: languageName(t, l) });
  const text = (l: ReportLanguage) => ({ lang: l, dir: l === 'ar' ? 'rtl' : 'ltr' }) as const;
  return (
    <fieldset className="inner template-section" data-testid={`template-section-${i}`}>
      <legend className="label">{t('reports.templates.sectionN', { n })}{name && <> – <bdi>{name}</bdi></>}</legend>
      <div className="section-grid">
        <div className="field">
          <label htmlFor={form.id(path('key'))}>{t('reports.templates.key')}</label>
          <input type="text" dir="ltr" maxLength={40} spellCheck={false} autoComplete="off" value={s.key} onChange={(e) => onChange({ ...s, key: e.target.value })} {...form.props(path('key'), `${form.id(path('key'))}-hint`)} data-testid={`section-key-${i}`} />
          <p className="hint" id={`${form.id(path('key'))}-hint`}>{t('reports.templates.keyHint')}</p>
          {form.message(path('key'))}
        </div>
        <div className="field">
          <label htmlFor={form.id(path('kind'))}>{t('reports.templates.sectionKind')}</label>
          <select value={s.kind} onChange={(e) => onChange(withKind(s, e.target.value as SectionKind, kind))} {...form.props(path('kind'))} data-testid={`section-kind-${i}`}>
            {SECTION_KINDS.map((k) => <option key={k} value={k}>{t(`reports.sectionKinds.${k}`)}</option>)}
          </select>
          {form.message(path('kind'))}
        </div>
        {s.kind === 'figures' && (
          <div className="field">
            <label htmlFor={form.id(path('block'))}>{t('reports.templates.block')}</label>
            <select value={s.block ?? ''} onChange={(e) => onChange({ ...s, block: (e.target.value || null) as FigureBlock | null })} {...form.props(path('block'))} data-testid={`section-block-${i}`}>
              <option value="">{t('commitments.form.choose')}</option>
              {FIGURE_BLOCKS_BY_KIND[kind].map((b) => <option key={b} value={b}>{figureBlockLabel(t, b)}</option>)}
            </select>
            {form.message(path('block'))}
          </div>
        )}
      </div>
      {(['title', 'guidance'] as const).map((field) => (
        <div className="language-grid" key={field}>
          {REPORT_LANGUAGES.map((l) => {
            const control = {
              ...text(l), maxLength: 2000, value: s[field][l], ...form.props(path(`${field}.${l}`)), 'data-testid': `section-${field}-${i}-${l}`,
              onChange: (e: { target: { value: string } }) => onChange({ ...s, [field]: { ...s[field], [l]: e.target.value } }),
            };
            return (
              <div className="field" key={l}>
                <label htmlFor={form.id(path(`${field}.${l}`))}>{inLanguage(t(field === 'title' ? 'reports.templates.sectionTitle' : 'reports.templates.guidance'), l)}</label>
                {field === 'title' ? <input type="text" {...control} /> : <textarea rows={3} {...control} />}
                {form.message(path(`${field}.${l}`))}
              </div>
            );
          })}
        </div>
      ))}
      <div className="row-actions" role="group" aria-label={t('reports.templates.sectionActions', { n, title: name })}>
        <button type="button" className="secondary" onClick={() => onMove(-1)} disabled={i === 0} data-testid={`section-up-${i}`}>{t('reports.templates.moveUp')}</button>
        <button type="button" className="secondary" onClick={() => onMove(1)} disabled={i === count - 1} data-testid={`section-down-${i}`}>{t('reports.templates.moveDown')}</button>
        <button type="button" className="secondary" onClick={onRemove} disabled={count <= 1} data-testid={`section-remove-${i}`}>{t('reports.templates.remove')}</button>
      </div>
    </fieldset>
  );
}
