// Why: when it happened: the first (or only) day, the last day of a range, and whether the date is estimated.
import { useTranslation } from 'react-i18next';
import { fieldId } from '../incidentForm.ts';
import type { FormState } from '../incidentForm.ts';
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
          <input type="date" required max={today} value={form.occurredFrom} onChange={(e) => set({ occurredFrom: e.target.value }, 'occurredFrom')} {...controlProps('occurredFrom', errors)} />
          <FieldError path="occurredFrom" errors={errors} form={form} />
        </div>
        <div className="field">
          <label htmlFor={fieldId('occurredTo')}>{t('incident.occurredTo')}</label>
          <input type="date" min={form.occurredFrom || undefined} value={form.occurredTo} onChange={(e) => set({ occurredTo: e.target.value }, 'occurredTo')} {...controlProps('occurredTo', errors)} />
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
