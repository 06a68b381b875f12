// Why: one measure of a commitment as a page shows it: what it asks, its deadline, the responsible body, its
// status (overdue when its deadline passed and it is still open: read against today, never stored), and its
// dated evidence with who recorded it. Coordinators change it, record evidence, withdraw an entry with a
// reason, or remove a measure that has no evidence.
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MeasurePatch, type CommitmentDetail, type Measure, type MeasureEvidence } from '../../../src/shared/commitments.ts';
import { commitmentErrorText, commitmentsApi, measureKindLabel, progressLabel } from '../commitments.ts';
import { formatDate, timestamp } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { personName, useMembers } from '../members.ts';
import { useMe } from '../session.tsx';
import { EvidenceForm } from './EvidenceForm.tsx';
import { useCheckedForm } from './formIssues.tsx';
import { measureBody, MeasureFields, type MeasureDraft } from './MeasureFields.tsx';
import { ReasonPanel } from './ReasonPanel.tsx';

/** The status as read today: "Overdue" (with the status recorded) when the deadline passed, else the status. */
export function ProgressBadge({ m }: { m: Pick<Measure, 'progress' | 'overdue'> }) {
  const { t } = useTranslation();
  return m.overdue
    ? <span className="badge progress-overdue" data-testid="progress-badge">{t('commitments.overdue', { status: progressLabel(t, m.progress) })}</span>
    : <span className={`badge progress-${m.progress}`} data-testid="progress-badge">{progressLabel(t, m.progress)}</span>;
}

interface Props { measure: Measure; n: number; canManage: boolean; onChanged: (d: CommitmentDetail) => void }

export function MeasureCard({ measure, n, canManage, onChanged }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [editing, setEditing] = useState(false);
  // A new round of the evidence form after each entry: empty fields, the file input too.
  const [round, setRound] = useState(0);
  const remove = useMutation({ mutationFn: () => commitmentsApi.removeMeasure(measure.id), onSuccess: onChanged });
  return (
    <li className={`measure-card${measure.overdue ? ' overdue' : ''}`} data-testid={`measure-${measure.position}`}>
      <h3>{t('commitments.form.measureN', { n })}: {measureKindLabel(t, measure.kind)} <ProgressBadge m={measure} /></h3>
      <p dir="auto">{measure.description}</p>
      <dl>
        <div className="item"><dt>{t('commitments.measure.deadline')}</dt><dd>{measure.deadline ? formatDate(measure.deadline, lang) : t('commitments.measure.noDeadline')}</dd></div>
        {measure.responsibleBody && <div className="item"><dt>{t('commitments.measure.responsibleBody')}</dt><dd dir="auto">{measure.responsibleBody}</dd></div>}
      </dl>
      <h4>{t('commitments.evidence.title')}</h4>
      {measure.evidence.length === 0
        ? <p className="muted">{t('commitments.evidence.none')}</p>
        : <ol className="evidence-list">{measure.evidence.map((e) => <EvidenceEntry key={e.id} e={e} canManage={canManage} onChanged={onChanged} />)}</ol>}
      {canManage && (
        <>
          <details className="sub-panel" data-testid={`record-evidence-${measure.position}`}>
            <summary>{t('commitments.evidence.add')}</summary>
            <EvidenceForm key={round} measure={measure} onSaved={(d) => { setRound((r) => r + 1); onChanged(d); }} />
          </details>
          {remove.isError && <p className="alert error" role="alert">{commitmentErrorText(t, remove.error)}</p>}
          <div className="row-actions">
            <button type="button" className="secondary" aria-expanded={editing} onClick={() => setEditing((v) => !v)}>{t('commitments.measure.edit', { n })}</button>
            {measure.evidence.length === 0 && (
              <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>{t('commitments.measure.remove', { n })}</button>
            )}
          </div>
          {editing && <MeasureEdit measure={measure} onSaved={(d) => { setEditing(false); onChanged(d); }} />}
        </>
      )}
    </li>
  );
}

function MeasureEdit({ measure, onSaved }: { measure: Measure; onSaved: (d: CommitmentDetail) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState<MeasureDraft>({
    kind: measure.kind, description: measure.description, deadline: measure.deadline ?? '', responsibleBody: measure.responsibleBody ?? '', progress: measure.progress,
  });
  const form = useCheckedForm({
    prefix: `measure-${measure.position}`, schema: MeasurePatch, value: measureBody(value), send: (body) => commitmentsApi.updateMeasure(measure.id, body), onSaved,
  });
  return (
    <form className="measure-edit" onSubmit={form.submit} noValidate>
      {form.summary}
      {form.failed}
      <MeasureFields form={form} path="" value={value} onChange={setValue} />
      <button type="submit" disabled={form.pending}>{form.pending ? t('commitments.form.saving') : t('commitments.form.save')}</button>
    </form>
  );
}

function EvidenceEntry({ e, canManage, onChanged }: { e: MeasureEvidence; canManage: boolean; onChanged: (d: CommitmentDetail) => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const me = useMe();
  const members = useMembers();
  return (
    <li className={e.withdrawal ? 'withdrawn' : ''} data-testid="evidence-entry">
      <p><strong>{formatDate(e.date, lang)}</strong>{e.progress && <> · {t('commitments.evidence.setTo', { status: progressLabel(t, e.progress) })}</>}</p>
      <p dir="auto" className="evidence-text">{e.text}</p>
      {e.file && <p><a href={commitmentsApi.fileUrl(e.file.id)} download={e.file.name}>{t('commitments.download', { name: e.file.name })}</a></p>}
      <p className="hint">{t('commitments.evidence.recorded', { who: personName(t, e.recordedBy, me.user.id, members.data), when: timestamp(e.recordedAt, lang) })}</p>
      {e.withdrawal && (
        <p className="hint" data-testid="evidence-withdrawn">
          {t('commitments.evidence.withdrawn', { who: personName(t, e.withdrawal.by, me.user.id, members.data), when: timestamp(e.withdrawal.at, lang), reason: e.withdrawal.reason })}
        </p>
      )}
      {canManage && !e.withdrawal && (
        <ReasonPanel
          prefix={`withdraw-${e.id}`} open={t('commitments.evidence.withdraw')} label={t('commitments.evidence.reason')} confirm={t('commitments.evidence.withdrawConfirm')}
          send={(reason) => commitmentsApi.withdrawEvidence(e.id, reason)} onSaved={onChanged}
        />
      )}
    </li>
  );
}
