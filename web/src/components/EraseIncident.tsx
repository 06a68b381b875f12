// Why: when a survivor withdraws consent, a coordinator erases the record's identifying part (narrative,
// locality, coordinates, in every version, for ever) and records what the survivor still agrees to. It is
// confirmed in place like deletion, with a required reason; what remains can only be narrower than before.
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../src/shared/incident.ts';
import type { ConsentScope } from '../../../src/shared/taxonomy.ts';
import { api, ApiRequestError } from '../api.ts';
import { AGENCY_ONLY, remainingChoices } from '../consent.ts';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';
import { ReasonField, reasonProblem as reasonBreaksRule } from './ReasonField.tsx';
import { DangerPanel, ReloadAlert } from './DangerPanel.tsx';
import { ConsentChoices } from './ConsentChoices.tsx';

/** Where the detail page shows the erased notice; focus goes there once the erasure is done. */
export const ERASED_NOTICE_ID = 'erased-notice';

/**
 * Focus an element once React has rendered it: the cache notifies on a timer of its own, so under load the
 * next frame can come before the render (then the notice would never get focus). A few frames at most.
 */
function focusWhenShown(id: string, frames = 30): void {
  requestAnimationFrame(() => {
    const el = document.getElementById(id);
    if (el) el.focus();
    else if (frames > 1) focusWhenShown(id, frames - 1);
  });
}

/** The "Erase identifying details…" button and, once pressed, its confirmation panel (inside `.page-actions`). */
export function EraseIncident({ d }: { d: IncidentDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  // The most protective choice until the coordinator records what the survivor still agrees to.
  const [remaining, setRemaining] = useState<ConsentScope[]>([AGENCY_ONLY]);
  const [tried, setTried] = useState(false);
  const openerRef = useRef<HTMLButtonElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const trimmed = reason.trim();
  const reasonProblem = reasonBreaksRule(reason);
  const consentProblem = remaining.length === 0;

  useEffect(() => { if (open) reasonRef.current?.focus(); }, [open]);

  const erase = useMutation({
    mutationFn: () => api.eraseIncident(d.id, { version: d.version, reason: trimmed, remainingConsent: remaining }),
    onSuccess: (saved) => {
      qc.setQueryData(['incident', saved.id], saved);
      void qc.invalidateQueries({ queryKey: ['incidents'] });
      void qc.invalidateQueries({ queryKey: ['history', saved.id] });
      // This button goes with the panel (the record is erased): the notice that replaces the narrative takes focus.
      focusWhenShown(ERASED_NOTICE_ID);
    },
  });

  const close = () => {
    setOpen(false);
    setReason('');
    setRemaining([AGENCY_ONLY]);
    setTried(false);
    erase.reset();
    requestAnimationFrame(() => openerRef.current?.focus());
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (reasonProblem) reasonRef.current?.focus();
    else if (consentProblem) document.getElementById(`erase-consent-${AGENCY_ONLY}`)?.focus();
    else erase.mutate();
  };
  const reload = () => { erase.reset(); void qc.invalidateQueries({ queryKey: ['incident', d.id] }); };

  const error = erase.error instanceof ApiRequestError ? erase.error : null;
  const serverField = (f: string) => error?.code === 'validation_failed' && error.issues.some((i) => i.field === f);
  const reasonInvalid = (tried && reasonProblem) || serverField('reason');
  const consentInvalid = (tried && consentProblem) || serverField('remainingConsent');
  const shownInline = reasonInvalid || consentInvalid;

  return (
    <DangerPanel id="erase" open={open} onOpen={() => setOpen(true)} onClose={close} openerRef={openerRef}
      openLabel={t('erase.open')} title={t('erase.title', { reference: d.reference })} onSubmit={onSubmit}
      pending={erase.isPending} confirmLabel={t('erase.confirm')} pendingLabel={t('erase.erasing')} cancelLabel={t('delete.cancel')}>
      <p>{t('erase.explain')}</p>
      <p><strong>{t('erase.irreversible')}</strong></p>
      {erase.error !== null && !shownInline && (error?.code === 'version_conflict' || error?.code === 'erased'
        ? <ReloadAlert message={error.code === 'erased' ? t('erase.already') : t('erase.conflict')} reloadLabel={t('delete.reload')} onReload={reload} />
        : <ApiErrorMessage error={erase.error} />)}
      <ReasonField id="erase-reason" label={t('erase.reason')} hint={t('erase.reasonHint')} inputRef={reasonRef}
        error={reasonInvalid ? t('delete.reasonRequired') : null} value={reason}
        onChange={(v) => { setReason(v); if (erase.isError) erase.reset(); }} />
      <fieldset className="choice-group" aria-describedby="erase-consent-hint">
        <legend>{t('erase.remaining')}</legend>
        <p className="hint" id="erase-consent-hint">{t('erase.remainingHint')}</p>
        <ConsentChoices
          idPrefix="erase-consent"
          scopes={remainingChoices(d.consent)}
          value={remaining}
          onChange={(next) => { setRemaining(next); if (erase.isError) erase.reset(); }}
          invalid={consentInvalid}
          errorId="erase-consent-error"
        />
        {consentInvalid && (
          <p className="field-error" id="erase-consent-error">{consentProblem ? t('erase.remainingRequired') : t('erase.remainingWidened')}</p>
        )}
      </fieldset>
    </DangerPanel>
  );
}
