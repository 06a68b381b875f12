// Why: the Context section (setting, time of day, displacement stage, abduction, detention). Every part may
// stay "Not known": unknown is recorded as absent (null), never guessed. Settings offer the organisation's own
// active values after the core ones.
import { useTranslation } from 'react-i18next';
import { DISPLACEMENT_STAGES, SETTINGS, TIMES_OF_DAY } from '../../../src/shared/taxonomy.ts';
import { displacementLabel, settingLabel, timeOfDayLabel } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { fieldId } from '../incidentForm.ts';
import type { DisplacementStage, FormState, Setting, TimeOfDay } from '../incidentForm.ts';
import { ownChoices, useLookups } from '../lookups.ts';
import { TriChoice } from './Controls.tsx';
import { controlProps, FieldError, Hint } from './FieldParts.tsx';
import type { Errors } from './FieldParts.tsx';

interface Props {
  form: FormState;
  set: (patch: Partial<FormState>, path: string) => void;
  errors: Errors;
}

const oneOf = <T extends string>(list: readonly T[], v: string): T | '' => list.find((x) => x === v) ?? '';

export function ContextFields({ form, set, errors }: Props) {
  const { t } = useTranslation();
  // "Not known" is the empty choice; the taxonomy's own `unknown` time is offered only to keep a stored value.
  const times = TIMES_OF_DAY.filter((x) => x !== 'unknown' || form.timeOfDay === 'unknown');
  const ownSettings = ownChoices(t, useLookups().data, 'setting', form.setting, currentLanguage());
  const toSetting = (v: string): Setting | '' => oneOf<Setting>(SETTINGS, v) || (ownSettings.find((c) => c.value === v)?.value ?? '');

  return (
    <fieldset className="section" id={fieldId('context')} tabIndex={-1} aria-describedby="context-hint" data-testid="context-fields">
      <legend>{t('incident.context')}</legend>
      <Hint id="context-hint">{t('form.contextHint')}</Hint>
      <FieldError path="context" errors={errors} form={form} />
      <div className="grid">
        <div className="field">
          <label htmlFor={fieldId('context.setting')}>{t('incident.setting')}</label>
          <select value={form.setting} onChange={(e) => set({ setting: toSetting(e.target.value) }, 'context.setting')} {...controlProps('context.setting', errors)}>
            <option value="">{t('form.notKnown')}</option>
            {SETTINGS.map((s) => <option key={s} value={s}>{settingLabel(t, s)}</option>)}
            {ownSettings.length > 0 && (
              <optgroup label={t('lookups.ownValues')}>
                {ownSettings.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
              </optgroup>
            )}
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
        <TriChoice path="context.abduction" legend={t('incident.abduction')} value={form.abduction} onChange={(abduction) => set({ abduction }, 'context.abduction')} errors={errors} form={form} />
        <TriChoice path="context.detention" legend={t('incident.detention')} value={form.detention} onChange={(detention) => set({ detention }, 'context.detention')} errors={errors} form={form} />
      </div>
    </fieldset>
  );
}
