// Why: the coordinators' plain-language assessment of a party, beside the data it reads. Each save is a new
// version with who wrote it and when; earlier versions stay readable. A save over a version written in the
// meantime is refused, and the newer text is shown to start from.
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AssessmentInput, type Assessment, type AssessmentVersion } from '../../../src/shared/compliance.ts';
import { commitmentKeys, commitmentsApi } from '../commitments.ts';
import { timestamp } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { personName, useMembers } from '../members.ts';
import { useMe } from '../session.tsx';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';
import { useCheckedForm } from './formIssues.tsx';

function Written({ v }: { v: AssessmentVersion }) {
  const { t } = useTranslation();
  const me = useMe();
  const members = useMembers();
  return <p className="hint">{t('commitments.assessment.written', { version: v.version, who: personName(t, v.writtenBy, me.user.id, members.data), when: timestamp(v.writtenAt, currentLanguage()) })}</p>;
}

export function PartyAssessment({ partyId, canManage }: { partyId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const assessment = useQuery({ queryKey: commitmentKeys.assessment(partyId), queryFn: () => commitmentsApi.assessment(partyId) });
  const [writing, setWriting] = useState(false);
  // The version just saved, worded at each render (so in the language chosen since).
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const current = assessment.data?.current ?? null;
  return (
    <section className="panel party-assessment" aria-labelledby="party-assessment-title" data-testid="party-assessment">
      <h2 id="party-assessment-title">{t('commitments.assessment.title')}</h2>
      <p role="status" className="list-status">{savedVersion !== null && t('commitments.assessment.saved', { version: savedVersion })}</p>
      {assessment.isError && <ApiErrorMessage error={assessment.error} onRetry={() => void assessment.refetch()} />}
      {assessment.data && (current
        ? <><div className="assessment-text" dir="auto" data-testid="assessment-current">{current.text}</div><Written v={current} /></>
        : <p className="muted">{t('commitments.assessment.none')}</p>)}
      {canManage && assessment.data && (writing
        ? <AssessmentForm partyId={partyId} current={current} onSaved={(a) => { qc.setQueryData(commitmentKeys.assessment(partyId), a); setWriting(false); setSavedVersion(a.current!.version); }} onCancel={() => setWriting(false)} onStale={() => void assessment.refetch()} />
        : <button type="button" className="secondary" onClick={() => setWriting(true)} data-testid="assessment-write">{current ? t('commitments.assessment.newVersion') : t('commitments.assessment.write')}</button>)}
      {assessment.data && assessment.data.versions.length > 1 && (
        <details className="sub-panel" data-testid="assessment-history">
          <summary>{t('commitments.assessment.history', { count: assessment.data.versions.length - 1 })}</summary>
          <ol className="assessment-versions">
            {assessment.data.versions.slice(1).map((v) => <li key={v.id}><div className="assessment-text" dir="auto">{v.text}</div><Written v={v} /></li>)}
          </ol>
        </details>
      )}
    </section>
  );
}

interface FormProps { partyId: string; current: AssessmentVersion | null; onSaved: (a: Assessment) => void; onCancel: () => void; onStale: () => void }

function AssessmentForm({ partyId, current, onSaved, onCancel, onStale }: FormProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(current?.text ?? '');
  const form = useCheckedForm({
    prefix: 'assessment', schema: AssessmentInput, value: { text, previousId: current?.id ?? null }, send: (body) => commitmentsApi.saveAssessment(partyId, body), onSaved, onRefused: onStale,
  });
  return (
    <form onSubmit={form.submit} noValidate className="assessment-form">
      {form.summary}
      {form.failed}
      <div className="field">
        <label htmlFor={form.id('text')}>{t('commitments.assessment.text')}</label>
        <textarea dir="auto" rows={8} maxLength={20000} value={text} onChange={(e) => setText(e.target.value)} {...form.props('text', 'assessment-hint')} />
        <p className="hint" id="assessment-hint">{t('commitments.assessment.hint')}</p>
        {form.message('text')}
      </div>
      <div className="row-actions">
        <button type="submit" disabled={form.pending}>{t('commitments.assessment.save')}</button>
        <button type="button" className="secondary" onClick={onCancel}>{t('commitments.form.cancel')}</button>
      </div>
    </form>
  );
}
