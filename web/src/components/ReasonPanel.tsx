// Why: an act that needs a reason said out loud (withdrawing evidence, removing a commitment): folded away
// until opened, the reason checked with the shared schema, the act done on a danger button.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommitmentDelete } from '../../../src/shared/commitments.ts';
import { useCheckedForm } from './formIssues.tsx';

interface Props<R> {
  /** Makes the ids of this panel's controls unique on the page. */
  prefix: string;
  className?: string;
  open: string;
  hint?: string;
  label: string;
  confirm: string;
  send: (reason: string) => Promise<R>;
  onSaved: (answer: R) => unknown;
}

export function ReasonPanel<R>({ prefix, className = '', open, hint, label, confirm, send, onSaved }: Props<R>) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  // Every reason of the capability has the same rule (a removal's and a withdrawal's): required, 1,000 at most.
  const form = useCheckedForm({ prefix, schema: CommitmentDelete, value: { reason }, send: (body) => send(body.reason), onSaved });
  return (
    <details className={`sub-panel ${className}`}>
      <summary>{open}</summary>
      <form onSubmit={form.submit} noValidate>
        {hint && <p className="hint">{hint}</p>}
        {form.summary}
        {form.failed}
        <div className="field">
          <label htmlFor={form.id('reason')}>{label}</label>
          <input type="text" dir="auto" maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} {...form.props('reason')} />
          {form.message('reason')}
        </div>
        <button type="submit" className="danger" disabled={form.pending}>{form.pending ? t('commitments.form.saving') : confirm}</button>
      </form>
    </details>
  );
}
