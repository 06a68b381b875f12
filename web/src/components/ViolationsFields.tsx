// Why: the repeatable list of violations (form of sexual violence + its own victim counts); at least one.
import { useTranslation } from 'react-i18next';
import { SV_FORMS } from '../../../src/shared/taxonomy.ts';
import type { SvForm } from '../../../src/shared/taxonomy.ts';
import { formLabel } from '../format.ts';
import { newKey } from '../formRows.ts';
import { emptyTally, fieldId } from '../incidentForm.ts';
import type { FormState, ViolationState } from '../incidentForm.ts';
import { controlProps, FieldError, Hint } from './FieldParts.tsx';
import type { Errors } from './FieldParts.tsx';
import { TallyInputs } from './TallyInputs.tsx';

interface Props {
  form: FormState;
  onChange: (violations: ViolationState[], path: string) => void;
  errors: Errors;
}

const isForm = (v: string): v is SvForm => SV_FORMS.some((f) => f === v);

export function ViolationsFields({ form, onChange, errors }: Props) {
  const { t } = useTranslation();
  const list = form.violations;
  const replace = (i: number, v: ViolationState, path: string) => onChange(list.map((x, j) => (j === i ? v : x)), path);
  const add = () => {
    onChange([...list, { key: newKey(), form: '', victims: emptyTally() }], 'violations');
    // Move focus to the new entry's first control once it exists.
    requestAnimationFrame(() => document.getElementById(fieldId(`violations.${list.length}.form`))?.focus());
  };
  const remove = (i: number) => {
    onChange(list.filter((_, j) => j !== i), 'violations');
    requestAnimationFrame(() => document.getElementById('add-violation')?.focus());
  };

  return (
    <fieldset className="section" id={fieldId('violations')} tabIndex={-1} aria-describedby="violations-hint">
      <legend>{t('form.sectionViolations')}</legend>
      <Hint id="violations-hint">{t('form.violationsHint')}</Hint>
      <FieldError path="violations" errors={errors} form={form} />
      <ol className="violations">
        {list.map((v, i) => {
          const base = `violations.${i}`;
          return (
            <li key={v.key} className="violation" data-testid={`violation-${i}`}>
              <TallyInputs
                path={`${base}.victims`}
                legend={t('incident.violationN', { n: i + 1 })}
                value={v.victims}
                onChange={(victims, path) => replace(i, { ...v, victims }, path)}
                errors={errors}
                form={form}
                lead={(
                  <div className="field violation-form">
                    <label htmlFor={fieldId(`${base}.form`)}>{t('incident.form')}</label>
                    <select
                      value={v.form}
                      onChange={(e) => replace(i, { ...v, form: isForm(e.target.value) ? e.target.value : '' }, `${base}.form`)}
                      data-testid={`${base}.form`}
                      {...controlProps(`${base}.form`, errors)}
                    >
                      <option value="">{t('form.chooseForm')}</option>
                      {SV_FORMS.map((f) => <option key={f} value={f}>{formLabel(t, f)}</option>)}
                    </select>
                    <FieldError path={`${base}.form`} errors={errors} form={form} />
                  </div>
                )}
              >
                <div className="row-actions">
                  <button type="button" className="secondary" onClick={() => replace(i, { ...v, victims: { ...form.victims } }, `${base}.victims`)}>
                    {t('form.copyVictims')}
                  </button>
                  {list.length > 1 && (
                    <button type="button" className="danger" onClick={() => remove(i)}>
                      {t('form.removeViolation', { n: i + 1 })}
                    </button>
                  )}
                </div>
              </TallyInputs>
              <FieldError path={base} errors={errors} form={form} />
            </li>
          );
        })}
      </ol>
      <button type="button" id="add-violation" className="secondary" onClick={add}>{t('form.addViolation')}</button>
    </fieldset>
  );
}
