// Why: the frame the early-warning forms share (an observation, an indicator, a rule): a titled section with the
// summary of problems (each leading to its field) or the refusal in words at its top, the fields, and the send
// button (with cancel where the form was opened from a page).
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** The form's checks and sending (formIssues.tsx: useCheckedForm). */
  form: { submit: (e: FormEvent) => void; summary: ReactNode; failed: ReactNode; pending: boolean };
  legend: string;
  testId: string;
  send: { label: string; testId: string };
  onCancel?: () => void;
  children: ReactNode;
}

export function WarningsForm({ form, legend, testId, send, onCancel, children }: Props) {
  const { t } = useTranslation();
  return (
    <form className="warnings-form" onSubmit={form.submit} noValidate data-testid={testId}>
      <fieldset className="section">
        <legend>{legend}</legend>
        {form.summary}
        {form.failed}
        {children}
        <div className="row-actions">
          <button type="submit" disabled={form.pending} data-testid={send.testId}>{form.pending ? t('commitments.form.saving') : send.label}</button>
          {onCancel && <button type="button" className="secondary" onClick={onCancel}>{t('commitments.form.cancel')}</button>}
        </div>
      </fieldset>
    </form>
  );
}
