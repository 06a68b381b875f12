// Why: what a coordinator does about an alert, step by step, and what was done: acknowledge it, record an action
// (what was done and by whom), close it, add a note. Only the moves the alert's status allows are offered
// (ALERT_NEXT, the server's rule too); each is checked with the shared schema and refusals are named by field.
// Notes are restricted and never name survivors or witnesses: every note field says so.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ALERT_ACTIONS, ALERT_NEXT, AlertEventInput, type Alert, type AlertAction, type AlertEventKind } from '../../../../src/shared/warnings.ts';
import { timestamp } from '../../format.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { alertActionLabel, refreshWarnings, warningKeys, warningsApi } from '../../warnings.ts';
import { commitmentErrorText } from '../../commitments.ts';
import { useCheckedForm } from '../formIssues.tsx';

type Done = 'acknowledge' | 'action' | 'close' | 'note';

export function AlertWorkflow({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [done, setDone] = useState<Done | null>(null);
  const allowed = ALERT_NEXT[alert.status];
  const saved = (a: Alert, what: Done) => {
    qc.setQueryData(warningKeys.alert(a.id), a);
    void refreshWarnings(qc);
    setDone(what);
  };
  // Refused (another coordinator moved it meanwhile): said by field and rule, and the alert read again.
  const acknowledge = useMutation({
    mutationFn: () => warningsApi.addAlertEvent(alert.id, { kind: 'acknowledge' }), onSuccess: (a) => saved(a, 'acknowledge'), onError: () => refreshWarnings(qc),
  });
  return (
    <section className="panel workflow" aria-labelledby="alert-workflow" data-testid="alert-workflow">
      <h2 id="alert-workflow">{t('warnings.workflow.title')}</h2>
      <p role="status" className="list-status" data-testid="workflow-status">{done && t(`warnings.workflow.done.${done}`)}</p>
      {acknowledge.isError && <p className="alert error" role="alert">{commitmentErrorText(t, acknowledge.error)}</p>}
      {allowed.includes('acknowledge') && (
        <p><button type="button" onClick={() => acknowledge.mutate()} disabled={acknowledge.isPending} data-testid="acknowledge">{t('warnings.workflow.acknowledge')}</button></p>
      )}
      {allowed.includes('action') && <EventForm alert={alert} kind="action" onSaved={(a) => saved(a, 'action')} />}
      {allowed.includes('close') && <EventForm alert={alert} kind="close" onSaved={(a) => saved(a, 'close')} />}
      {allowed.includes('note') && <EventForm alert={alert} kind="note" onSaved={(a) => saved(a, 'note')} />}
    </section>
  );
}

function EventForm({ alert, kind, onSaved }: { alert: Alert; kind: Exclude<AlertEventKind, 'acknowledge'>; onSaved: (a: Alert) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [action, setAction] = useState<AlertAction | ''>('');
  const [note, setNote] = useState('');
  const [open, setOpen] = useState(false);
  const prefix = `alert-${kind}`;
  const form = useCheckedForm({
    prefix, schema: AlertEventInput, value: { kind, ...(kind === 'action' ? { action: action || null } : {}), note: note.trim() || null },
    send: (body) => warningsApi.addAlertEvent(alert.id, body),
    onSaved: (a) => { setAction(''); setNote(''); setOpen(false); onSaved(a); },
    onRefused: () => void refreshWarnings(qc),
  });
  const hintId = `${prefix}-note-hint`;
  return (
    <details className="sub-panel" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid={`workflow-${kind}`}>
      <summary>{t(`warnings.workflow.open.${kind}`)}</summary>
      <form onSubmit={form.submit} noValidate>
        {form.summary}
        {form.failed}
        {kind === 'action' && (
          <div className="field">
            <label htmlFor={form.id('action')}>{t('warnings.workflow.action')}</label>
            <select value={action} onChange={(e) => setAction(e.target.value as AlertAction | '')} {...form.props('action')}>
              <option value="">{t('commitments.form.choose')}</option>
              {ALERT_ACTIONS.map((a) => <option key={a} value={a}>{alertActionLabel(t, a)}</option>)}
            </select>
            {form.message('action')}
          </div>
        )}
        <div className="field">
          <label htmlFor={form.id('note')}>
            {t(`warnings.workflow.note.${kind}`)}{kind !== 'note' && <> <span className="muted">({t('warnings.optional')})</span></>}
          </label>
          <textarea dir="auto" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} {...form.props('note', hintId)} />
          <p className="hint" id={hintId}>{t(kind === 'action' ? 'warnings.workflow.actionHint' : 'warnings.noNames')}</p>
          {form.message('note')}
        </div>
        <button type="submit" className={kind === 'close' ? 'secondary' : undefined} disabled={form.pending}>{t(`warnings.workflow.submit.${kind}`)}</button>
      </form>
    </details>
  );
}

/** The alert's history, oldest first: each step, who took it and when, with its note. */
export function AlertEvents({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <section className="panel" aria-labelledby="alert-history" data-testid="alert-events">
      <h2 id="alert-history">{t('warnings.workflow.history')}</h2>
      {alert.events.length === 0
        ? <p className="muted">{t('warnings.workflow.noEvents')}</p>
        : (
          <ol className="alert-events">
            {alert.events.map((e, i) => (
              <li key={i} data-testid="alert-event">
                <strong>{e.kind === 'action' && e.action ? t('warnings.workflow.actionTaken', { action: alertActionLabel(t, e.action) }) : t(`warnings.workflow.event.${e.kind}`)}</strong>
                <span className="muted"> – <bdi>{e.by}</bdi> · {timestamp(e.at, lang)}</span>
                {e.note && <p className="pre-line" dir="auto">{e.note}</p>}
              </li>
            ))}
          </ol>
        )}
    </section>
  );
}
