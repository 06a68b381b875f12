// Why: the "Survivor's consent" section, opening the form's consent step beside the referrals it governs;
// consent decides where the whole record may ever go. A new incident starts at "agency only", the most
// protective scope.
import { useTranslation } from 'react-i18next';
import { CONSENT_SCOPES } from '../../../src/shared/taxonomy.ts';
import { errorId, fieldId } from '../incidentForm.ts';
import type { FormState } from '../incidentForm.ts';
import { ConsentChoices } from './ConsentChoices.tsx';
import { FieldError, Hint } from './FieldParts.tsx';
import type { Errors } from './FieldParts.tsx';

interface Props {
  form: FormState;
  set: (patch: Partial<FormState>, path: string) => void;
  errors: Errors;
}

export function ConsentFields({ form, set, errors }: Props) {
  const { t } = useTranslation();
  const invalid = (errors.get('consent')?.length ?? 0) > 0;
  return (
    <fieldset
      className="section consent-section"
      id={fieldId('consent')}
      tabIndex={-1}
      aria-describedby={invalid ? `consent-hint ${errorId('consent')}` : 'consent-hint'}
      data-testid="consent-fields"
    >
      <legend>{t('incident.consent')} <span className="required">({t('form.required')})</span></legend>
      <Hint id="consent-hint">{t('consent.hint')}</Hint>
      <ConsentChoices
        idPrefix={fieldId('consent')}
        scopes={CONSENT_SCOPES}
        value={form.consent}
        onChange={(consent) => set({ consent }, 'consent')}
        invalid={invalid}
        errorId={errorId('consent')}
      />
      <FieldError path="consent" errors={errors} form={form} />
    </fieldset>
  );
}
