// Why: when it happened: the first (or only) day, the last day of a range, and whether the date is estimated.
import { useTranslation } from 'react-i18next';
import { fieldId } from '../incidentForm.ts';
import type { FormState } from '../incidentForm.ts';
import { DateControl } from './DateControl.tsx';
import { controlProps, FieldError } from './FieldParts.tsx';
import type { Errors } from './FieldParts.tsx';

interface Props {
  form: FormState;
  set: (patch: Partial<FormState>, path: string) => void;
  errors: Errors;
}

export function DateFields({ form, set, errors }: Props) {
  const { t } = useTranslation();
  const today = new Date().toISOString().slice(0, 10);
  return (
    <fieldset className="section" id={fieldId('date')} tabIndex={-1}>
      <legend>{t('form.sectionDate')}</legend>
      <div className="grid">
        <div className="field">
          <label htmlFor={fieldId('occurredFrom')}>{t('incident.occurredFrom')}</label>
          <DateControl required max={today} value={form.occurredFrom} onChange={(v) => set({ occurredFrom: v }, 'occurredFrom')} {...controlProps('occurredFrom', errors)} />
          <FieldError path="occurredFrom" errors={errors} form={form} />
        </div>
        <div className="field">
          <label htmlFor={fieldId('occurredTo')}>{t('incident.occurredTo')}</label>
          <DateControl min={form.occurredFrom || undefined} value={form.occurredTo} onChange={(v) => set({ occurredTo: v }, 'occurredTo')} {...controlProps('occurredTo', errors)} />
          <FieldError path="occurredTo" errors={errors} form={form} />
        </div>
      </div>
      <div className="checkbox">
        <input type="checkbox" checked={form.dateEstimated} onChange={(e) => set({ dateEstimated: e.target.checked }, 'dateEstimated')} {...controlProps('dateEstimated', errors)} />
        <label htmlFor={fieldId('dateEstimated')}>{t('incident.dateEstimated')}</label>
      </div>
      <FieldError path="dateEstimated" errors={errors} form={form} />
    </fieldset>
  );
}
