// Why: the verification decision, recorded where the record is read (its page, the queue, a partner
// reviewer's page): the decision, the reason (not verified), the standard of proof, which of the record's
// sources it relied on, a note, and, where the organisation allows the recorder to decide, a written
// justification. Four eyes and the organisation's completeness rules are said before anyone tries; the server
// enforces both, and its problems show here by field label.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../src/shared/incident.ts';
import type { RecordingRules } from '../../../src/shared/organisation.ts';
import { DECIDED_STATUSES, NOT_VERIFIED_REASONS, VERIFICATION_STANDARDS } from '../../../src/shared/taxonomy.ts';
import type { NotVerifiedReason, VerificationStandard, VerificationStatus } from '../../../src/shared/taxonomy.ts';
import { ApiRequestError } from '../api.ts';
import type { DecisionBody } from '../api.ts';
import { decisionFieldLabel, missingForVerification, sourceLine } from '../decision.ts';
import { reasonLabel, statusLabel } from '../format.ts';
import { useListLabels } from '../lookups.ts';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';
import { issueRule, withField } from '../issues.ts';

const DECISIONS = DECIDED_STATUSES;
const isReason = (v: string): v is NotVerifiedReason => NOT_VERIFIED_REASONS.some((r) => r === v);
const isStandard = (v: string): v is VerificationStandard => VERIFICATION_STANDARDS.some((s) => s === v);

interface Props {
  d: IncidentDetail;
  rules: Pick<RecordingRules, 'fourEyesMode' | 'completeness' | 'narrativeMaxLength'>;
  /** The reader recorded this incident (four eyes). */
  recorder: boolean;
  /** A partner reviewer decides (four eyes is met by the review itself). */
  reviewer?: boolean;
  /** Coordinators of the record's organisation may reopen a decision. */
  mayReopen?: boolean;
  submit: (body: DecisionBody) => Promise<unknown>;
  onDone: (what: 'decided' | 'reopened') => void;
  headingLevel?: 'h2' | 'h3';
}

export function DecisionPanel({ d, rules, recorder, reviewer = false, mayReopen = false, submit, onDone, headingLevel = 'h2' }: Props) {
  const { t } = useTranslation();
  const labels = useListLabels();
  const id = useId();
  const decided = DECISIONS.includes(d.verification.status);
  const [status, setStatus] = useState<VerificationStatus | ''>('');
  const [reason, setReason] = useState<NotVerifiedReason | ''>('');
  const [standard, setStandard] = useState<VerificationStandard | ''>('');
  const [relied, setRelied] = useState<number[]>([]);
  const [note, setNote] = useState('');
  const [justification, setJustification] = useState('');
  // A decided record shows its decision above; a different one is asked for, not offered by default.
  const [changing, setChanging] = useState(false);
  const missing = missingForVerification(t, d, rules);
  const selfDecision = recorder && !reviewer && rules.fourEyesMode === 'recorder_justified';
  const blocked = recorder && !reviewer && !selfDecision;
  const Heading = headingLevel;

  const save = useMutation({
    mutationFn: (body: DecisionBody) => submit(body),
    onSuccess: (_r, body) => onDone(DECISIONS.includes(body.status) ? 'decided' : 'reopened'),
  });
  const issues = save.error instanceof ApiRequestError ? save.error.issues : [];
  const issueOf = (field: string) => issues.filter((i) => i.field === field || i.field.startsWith(`${field}.`)).map((i) => issueRule(t, i)).join(' · ');
  const describe = (field: string, hint?: string) => [hint, issueOf(field) ? `${id}-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const problem = (field: string) => (issueOf(field)
    ? <p className="field-error" id={`${id}-${field}-error`}>{withField(t, decisionFieldLabel(t, field), issueOf(field))}</p> : null);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (status === '') return;
    save.mutate({
      version: d.version, status,
      notVerifiedReason: status === 'not_verified' && reason ? reason : null,
      standard: standard || null,
      reliedOnSources: relied,
      note: note.trim() || null,
      selfDecisionJustification: selfDecision ? justification.trim() || null : null,
    });
  };
  const toggle = (i: number, on: boolean) => setRelied((r) => (on ? [...r, i].sort((a, b) => a - b) : r.filter((x) => x !== i)));

  return (
    <section className="panel decision-panel" aria-labelledby={`${id}-title`} data-testid="decision-panel">
      <Heading id={`${id}-title`} tabIndex={-1}>{t('verify.panel.title')}</Heading>
      <p className="muted">{t('verify.panel.intro')}</p>
      {blocked && (
        <p className="note" data-testid="decision-four-eyes">
          {rules.fourEyesMode === 'partner_reviewer' ? t('verify.panel.fourEyesPartner') : t('verify.panel.fourEyesStrict')}
        </p>
      )}
      {mayReopen && decided && (
        <div className="reopen">
          <button type="button" className="secondary" disabled={save.isPending} onClick={() => save.mutate({ version: d.version, status: 'pending', note: note.trim() || null })} data-testid="decision-reopen">
            {t('verify.panel.reopen')}
          </button>
          <p className="hint">{t('verify.panel.reopenHint')}</p>
        </div>
      )}
      {!blocked && decided && !changing && (
        <button type="button" className="secondary" onClick={() => setChanging(true)} data-testid="decision-change">{t('verify.panel.change')}</button>
      )}
      {!blocked && (!decided || changing) && (
        <form onSubmit={onSubmit} onChange={() => { if (save.isError) save.reset(); }} noValidate data-testid="decision-form">
          {missing.length > 0 && (
            <div className="note" data-testid="decision-missing">
              <p>{t('verify.panel.missing')}</p>
              <ul>{missing.map((m) => <li key={m}>{m}</li>)}</ul>
            </div>
          )}
          {save.error !== null && (issues.length > 0
            ? <div className="alert error" role="alert" data-testid="decision-problems"><p>{t('verify.panel.problems')}</p>
              <ul>{issues.map((i) => <li key={`${i.field}${i.code}`}>{withField(t, decisionFieldLabel(t, i.field), issueRule(t, i))}</li>)}</ul></div>
            : <ApiErrorMessage error={save.error} />)}
          <fieldset className="choices" aria-describedby={describe('status')}>
            <legend>{t('verify.panel.decision')}</legend>
            {DECISIONS.map((s) => (
              <div className="choice" key={s}>
                <input type="radio" id={`${id}-status-${s}`} name={`${id}-status`} value={s} checked={status === s}
                  disabled={s === 'verified' && missing.length > 0} onChange={() => setStatus(s)} />
                <label htmlFor={`${id}-status-${s}`}>{statusLabel(t, s)}</label>
              </div>
            ))}
            {problem('status')}
          </fieldset>
          {status === 'not_verified' && (
            <div className="field">
              <label htmlFor={`${id}-reason`}>{t('incident.notVerifiedReason')}</label>
              <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(isReason(e.target.value) ? e.target.value : '')} aria-describedby={describe('notVerifiedReason')} aria-invalid={!!issueOf('notVerifiedReason') || undefined}>
                <option value="">{t('form.chooseReason')}</option>
                {NOT_VERIFIED_REASONS.map((r) => <option key={r} value={r}>{reasonLabel(t, r)}</option>)}
              </select>
              {problem('notVerifiedReason')}
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-standard`}>{t('verify.panel.standard')}</label>
            <select id={`${id}-standard`} value={standard} onChange={(e) => setStandard(isStandard(e.target.value) ? e.target.value : '')} aria-describedby={describe('standard', `${id}-standard-hint`)} aria-invalid={!!issueOf('standard') || undefined}>
              <option value="">{t('verify.panel.chooseStandard')}</option>
              {VERIFICATION_STANDARDS.map((s) => <option key={s} value={s}>{t(`taxonomy.standards.${s}`)}</option>)}
            </select>
            <p className="hint" id={`${id}-standard-hint`}>{t('verify.panel.standardHint')}</p>
            {problem('standard')}
          </div>
          <fieldset className="choices" aria-describedby={describe('reliedOnSources', `${id}-sources-hint`)}>
            <legend>{t('verify.panel.sources')}</legend>
            {d.sources.length === 0
              ? <p className="muted">{t('verify.panel.noSources')}</p>
              : d.sources.map((s, i) => (
                <div className="checkbox" key={i}>
                  <input type="checkbox" id={`${id}-source-${i}`} checked={relied.includes(i)} onChange={(e) => toggle(i, e.target.checked)} />
                  <label htmlFor={`${id}-source-${i}`} dir="auto">{sourceLine(t, labels.sourceType, s, i)}</label>
                </div>
              ))}
            <p className="hint" id={`${id}-sources-hint`}>{t('verify.panel.sourcesHint')}</p>
            {problem('reliedOnSources')}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('verify.panel.note')}</label>
            <textarea id={`${id}-note`} rows={3} dir="auto" spellCheck={false} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby={describe('note', `${id}-note-hint`)} />
            <p className="hint" id={`${id}-note-hint`}>{t('verify.panel.noteHint')}</p>
            {problem('note')}
          </div>
          {selfDecision && (
            <div className="field">
              <label htmlFor={`${id}-justification`}>{t('verify.panel.justification')}</label>
              <textarea id={`${id}-justification`} rows={3} dir="auto" spellCheck={false} maxLength={2000} value={justification} onChange={(e) => setJustification(e.target.value)} aria-describedby={describe('selfDecisionJustification', `${id}-justification-hint`)} aria-invalid={!!issueOf('selfDecisionJustification') || undefined} />
              <p className="hint" id={`${id}-justification-hint`}>{t('verify.panel.justificationHint')}</p>
              {problem('selfDecisionJustification')}
            </div>
          )}
          <button type="submit" disabled={status === '' || save.isPending} data-testid="decision-submit">
            {save.isPending ? t('verify.panel.saving') : t('verify.panel.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
