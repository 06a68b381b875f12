// Why: the narrative (identifying, encrypted). Once erased on the survivor's request the field is gone for
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
}

export function NarrativeFields({ form, set, errors, erasedAt }: Props) {
  const { t } = useTranslation();
  return (
    <fieldset className="section">
      <legend>{t('form.sectionNarrative')}</legend>
      {erasedAt ? <ErasedNotice erasedAt={erasedAt} inForm /> : (
        <div className="field">
          <label htmlFor={fieldId('narrative')}>{t('incident.narrative')}<IdentifyingMark /></label>
          {/* spellCheck off: some browsers send text to an online spelling service. */}
          <textarea rows={8} dir="auto" spellCheck={false} autoComplete="off" value={form.narrative} onChange={(e) => set({ narrative: e.target.value }, 'narrative')} {...controlProps('narrative', errors, 'narrative-hint')} />
          <Hint id="narrative-hint">{t('form.narrativeHint')}</Hint>
          <FieldError path="narrative" errors={errors} form={form} />
        </div>
      )}
    </fieldset>
  );
}
