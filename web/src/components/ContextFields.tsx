// Why: the Context section (setting, time of day, displacement stage, abduction, detention). Every part may
// stay "Not known": unknown is recorded as absent (null), never guessed.
import { useTranslation } from 'react-i18next';
import { DISPLACEMENT_STAGES, SETTINGS, TIMES_OF_DAY } from '../../../src/shared/taxonomy.ts';
import { displacementLabel, settingLabel, timeOfDayLabel } from '../format.ts';
import { fieldId } from '../incidentForm.ts';
import type { DisplacementStage, FormState, Setting, TimeOfDay, TriState } from '../incidentForm.ts';
import { controlProps, FieldError, Hint } from './FieldParts.tsx';
import type { Errors } from './FieldParts.tsx';

interface Props {
  form: FormState;
  set: (patch: Partial<FormState>, path: string) => void;
  errors: Errors;
}

const oneOf = <T extends string>(list: readonly T[], v: string): T | '' => list.find((x) => x === v) ?? '';
const TRI: readonly { value: TriState; key: 'form.notKnown' | 'detail.yes' | 'detail.no' }[] = [
  { value: '', key: 'form.notKnown' }, { value: 'yes', key: 'detail.yes' }, { value: 'no', key: 'detail.no' },
];

export function ContextFields({ form, set, errors }: Props) {
  const { t } = useTranslation();
  // "Not known" is the empty choice; the taxonomy's own `unknown` time is offered only to keep a stored value.
  const times = TIMES_OF_DAY.filter((x) => x !== 'unknown' || form.timeOfDay === 'unknown');

  const tri = (key: 'abduction' | 'detention') => {
    const path = `context.${key}`;
    return (
      <fieldset className="choice-group" id={fieldId(path)} tabIndex={-1}>
        <legend>{t(`incident.${key}`)}</legend>
        <div className="radio-row">
          {TRI.map((o) => {
            const id = `${fieldId(path)}-${o.value || 'unknown'}`;
            return (
              <div className="checkbox" key={o.value}>
                <input type="radio" id={id} name={fieldId(path)} checked={form[key] === o.value} onChange={() => set(key === 'abduction' ? { abduction: o.value } : { detention: o.value }, path)} />
                <label htmlFor={id}>{t(o.key)}</label>
              </div>
            );
          })}
        </div>
        <FieldError path={path} errors={errors} form={form} />
      </fieldset>
    );
  };

  return (
    <fieldset className="section" id={fieldId('context')} tabIndex={-1} aria-describedby="context-hint" data-testid="context-fields">
      <legend>{t('incident.context')}</legend>
      <Hint id="context-hint">{t('form.contextHint')}</Hint>
      <FieldError path="context" errors={errors} form={form} />
      <div className="grid">
        <div className="field">
          <label htmlFor={fieldId('context.setting')}>{t('incident.setting')}</label>
          <select value={form.setting} onChange={(e) => set({ setting: oneOf<Setting>(SETTINGS, e.target.value) }, 'context.setting')} {...controlProps('context.setting', errors)}>
            <option value="">{t('form.notKnown')}</option>
            {SETTINGS.map((s) => <option key={s} value={s}>{settingLabel(t, s)}</option>)}
          </select>
          <FieldError path="context.setting" errors={errors} form={form} />
        </div>
        <div className="field">
          <label htmlFor={fieldId('context.timeOfDay')}>{t('incident.timeOfDay')}</label>
          <select value={form.timeOfDay} onChange={(e) => set({ timeOfDay: oneOf<TimeOfDay>(TIMES_OF_DAY, e.target.value) }, 'context.timeOfDay')} {...controlProps('context.timeOfDay', errors)}>
            <option value="">{t('form.notKnown')}</option>
            {times.map((s) => <option key={s} value={s}>{timeOfDayLabel(t, s)}</option>)}
          </select>
          <FieldError path="context.timeOfDay" errors={errors} form={form} />
        </div>
        <div className="field">
          <label htmlFor={fieldId('context.displacementStage')}>{t('incident.displacementStage')}</label>
          <select
            value={form.displacementStage}
            onChange={(e) => set({ displacementStage: oneOf<DisplacementStage>(DISPLACEMENT_STAGES, e.target.value) }, 'context.displacementStage')}
            {...controlProps('context.displacementStage', errors)}
          >
            <option value="">{t('form.notKnown')}</option>
            {DISPLACEMENT_STAGES.map((s) => <option key={s} value={s}>{displacementLabel(t, s)}</option>)}
          </select>
          <FieldError path="context.displacementStage" errors={errors} form={form} />
        </div>
      </div>
      <div className="grid wide">
        {tri('abduction')}
        {tri('detention')}
      </div>
    </fieldset>
  );
}
