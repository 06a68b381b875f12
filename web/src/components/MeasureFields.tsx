// Why: the fields of one measure (kind, description, deadline, responsible body, status), for a new
// commitment's measures and for a measure added later. Paths are the API's ("measures.0.deadline" or
// "deadline"), so the shared labels and the server's refusals name the same fields.
import { useTranslation } from 'react-i18next';
import { MEASURE_KINDS, MEASURE_STATUSES, type MeasureKind, type MeasureStatus } from '../../../src/shared/commitments.ts';
import { measureKindLabel, progressLabel } from '../commitments.ts';
import { DateControl } from './DateControl.tsx';
import type { z } from 'zod';
import type { useFormIssues } from './formIssues.tsx';

export interface MeasureDraft { kind: MeasureKind | ''; description: string; deadline: string; responsibleBody: string; progress: MeasureStatus }
export const EMPTY_MEASURE: MeasureDraft = { kind: '', description: '', deadline: '', responsibleBody: '', progress: 'not_started' };

/** As the API takes it (empty texts and dates left out, so the shared schema words what is missing). */
export const measureBody = (m: MeasureDraft) => ({
  kind: m.kind || undefined, description: m.description, deadline: m.deadline || null, responsibleBody: m.responsibleBody || null, progress: m.progress,
});

interface Props {
  form: ReturnType<typeof useFormIssues<z.ZodType>>;
  /** "measures.0" in a new commitment, "" for a measure on its own. */
  path: string;
  value: MeasureDraft;
  onChange: (value: MeasureDraft) => void;
}

export function MeasureFields({ form, path, value, onChange }: Props) {
  const { t } = useTranslation();
  const at = (field: string) => (path ? `${path}.${field}` : field);
  const set = (patch: Partial<MeasureDraft>) => onChange({ ...value, ...patch });
  return (
    <div className="grid wide measure-fields">
      <div className="field">
        <label htmlFor={form.id(at('kind'))}>{t('commitments.measure.kind')}</label>
        <select value={value.kind} onChange={(e) => set({ kind: e.target.value as MeasureKind })} {...form.props(at('kind'))}>
          <option value="">{t('commitments.form.choose')}</option>
          {MEASURE_KINDS.map((k) => <option key={k} value={k}>{measureKindLabel(t, k)}</option>)}
        </select>
        {form.message(at('kind'))}
      </div>
      <div className="field">
        <label htmlFor={form.id(at('description'))}>{t('commitments.measure.description')}</label>
        <input type="text" dir="auto" maxLength={2000} value={value.description} onChange={(e) => set({ description: e.target.value })} {...form.props(at('description'))} />
        {form.message(at('description'))}
      </div>
      <div className="field">
        <label htmlFor={form.id(at('deadline'))}>{t('commitments.measure.deadline')} <span className="muted">({t('commitments.form.optional')})</span></label>
        <DateControl value={value.deadline} onChange={(deadline) => set({ deadline })} {...form.props(at('deadline'))} />
        {form.message(at('deadline'))}
      </div>
      <div className="field">
        <label htmlFor={form.id(at('responsibleBody'))}>{t('commitments.measure.responsibleBody')} <span className="muted">({t('commitments.form.optional')})</span></label>
        <input type="text" dir="auto" maxLength={300} value={value.responsibleBody} onChange={(e) => set({ responsibleBody: e.target.value })} {...form.props(at('responsibleBody'))} />
        {form.message(at('responsibleBody'))}
      </div>
      <div className="field">
        <label htmlFor={form.id(at('progress'))}>{t('commitments.measure.progress')}</label>
        <select value={value.progress} onChange={(e) => set({ progress: e.target.value as MeasureStatus })} {...form.props(at('progress'))}>
          {MEASURE_STATUSES.map((s) => <option key={s} value={s}>{progressLabel(t, s)}</option>)}
        </select>
        {form.message(at('progress'))}
      </div>
    </div>
  );
}
