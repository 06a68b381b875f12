// Why: the narrative (identifying, encrypted), with a counter against the organisation's length limit (the
// server enforces the same limit). Once erased on the survivor's request the field is gone for
// good and a notice says so (the server refuses it too).
import { useTranslation } from 'react-i18next';
import { fieldId } from '../incidentForm.ts';
import type { FormState } from '../incidentForm.ts';
import { ErasedNotice } from './ErasedNotice.tsx';
import { controlProps, FieldError, Hint, IdentifyingMark } from './FieldParts.tsx';
import type { Errors } from './FieldParts.tsx';

interface Props {
  form: FormState;
  set: (patch: Partial<FormState>, path: string) => void;
  errors: Errors;
  erasedAt: string | null;
  /** The organisation's narrative limit (characters). */
  max: number;
}

export function NarrativeFields({ form, set, errors, erasedAt, max }: Props) {
  const { t } = useTranslation();
  const over = form.narrative.length - max;
  return (
    <fieldset className="section">
      <legend>{t('form.sectionNarrative')}</legend>
      {erasedAt ? <ErasedNotice erasedAt={erasedAt} inForm /> : (
        <div className="field">
          <label htmlFor={fieldId('narrative')}>{t('incident.narrative')}<IdentifyingMark /></label>
          {/* spellCheck off: some browsers send text to an online spelling service. */}
          <textarea rows={8} dir="auto" spellCheck={false} autoComplete="off" value={form.narrative} onChange={(e) => set({ narrative: e.target.value }, 'narrative')} {...controlProps('narrative', errors, 'narrative-hint narrative-count')} />
          <Hint id="narrative-hint">{t('form.narrativeHint')}</Hint>
          <p id="narrative-count" className={over > 0 ? 'counter over' : 'counter'} data-testid="narrative-count">
            {t('verify.form.narrativeCount', { count: form.narrative.length, max })}
            {over > 0 && <> · {t('verify.form.narrativeOver', { over })}</>}
          </p>
          <FieldError path="narrative" errors={errors} form={form} />
        </div>
      )}
    </fieldset>
  );
}
