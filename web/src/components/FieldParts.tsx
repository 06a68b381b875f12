// Why: the small accessibility plumbing every form control shares: ids, aria-invalid, aria-describedby
// and the inline error text (translated label + the schema's message).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { labelFor } from '../formLabels.ts';
import { withField } from '../issues.ts';
import { errorId, fieldId } from '../incidentForm.ts';
import type { FormState } from '../incidentForm.ts';

/** Messages to show now, by dotted path (already filtered to touched fields or after a save attempt). */
export type Errors = ReadonlyMap<string, readonly string[]>;

export function controlProps(path: string, errors: Errors, hintId?: string) {
  const invalid = (errors.get(path)?.length ?? 0) > 0;
  const describedBy = [hintId, invalid ? errorId(path) : undefined].filter(Boolean).join(' ');
  return {
    id: fieldId(path),
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy || undefined,
  };
}

export function FieldError({ path, errors, form }: { path: string; errors: Errors; form?: FormState }) {
  const { t } = useTranslation();
  const messages = errors.get(path);
  if (!messages || messages.length === 0) return null;
  return (
    <p className="field-error" id={errorId(path)}>
      {messages.map((m) => withField(t, labelFor(t, path, form), m)).join(' · ')}
    </p>
  );
}

export function Hint({ id, children }: { id: string; children: ReactNode }) {
  return <p className="hint" id={id}>{children}</p>;
}

/** The "identifying – encrypted" marker placed in the label of fields that can identify a person. */
export function IdentifyingMark() {
  const { t } = useTranslation();
  return <span className="identifying"> ({t('form.identifying')})</span>;
}
