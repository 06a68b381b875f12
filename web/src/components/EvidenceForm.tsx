// Why: recording dated evidence of a measure (coordinators): what happened and when, an optional file
// (uploaded and sealed first), and the measure's status from now on when the evidence changes it ("done"
// with the order that did it). Evidence is never edited afterwards: it can only be withdrawn with a reason.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EvidenceInput, MEASURE_STATUSES, type CommitmentDetail, type Measure, type MeasureStatus } from '../../../src/shared/commitments.ts';
import { commitmentsApi, progressLabel } from '../commitments.ts';
import { DateControl } from './DateControl.tsx';
import { useCheckedForm } from './formIssues.tsx';

export function EvidenceForm({ measure, onSaved }: { measure: Measure; onSaved: (d: CommitmentDetail) => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState('');
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<MeasureStatus | ''>('');
  const form = useCheckedForm({
    prefix: `evidence-${measure.position}`, schema: EvidenceInput, value: { date, text, ...(progress ? { progress } : {}) },
    send: async (body) => commitmentsApi.addEvidence(measure.id, file ? { ...body, fileId: (await commitmentsApi.upload(file)).id } : body),
    onSaved,
  });
  return (
    <form className="evidence-form" onSubmit={form.submit} noValidate data-testid={`evidence-form-${measure.position}`}>
      {form.summary}
      {form.failed}
      <div className="grid wide">
        <div className="field">
          <label htmlFor={form.id('date')}>{t('commitments.evidence.date')}</label>
          <DateControl value={date} onChange={setDate} {...form.props('date')} />
          {form.message('date')}
        </div>
        <div className="field">
          <label htmlFor={form.id('progress')}>{t('commitments.evidence.progress')}</label>
          <select value={progress} onChange={(e) => setProgress(e.target.value as MeasureStatus | '')} {...form.props('progress')}>
            <option value="">{t('commitments.evidence.unchanged', { status: progressLabel(t, measure.progress) })}</option>
            {MEASURE_STATUSES.filter((s) => s !== measure.progress).map((s) => <option key={s} value={s}>{progressLabel(t, s)}</option>)}
          </select>
          {form.message('progress')}
        </div>
      </div>
      <div className="field">
        <label htmlFor={form.id('text')}>{t('commitments.evidence.text')}</label>
        <textarea dir="auto" rows={3} maxLength={5000} value={text} onChange={(e) => setText(e.target.value)} {...form.props('text', `${form.id('text')}-hint`)} />
        <p className="hint" id={`${form.id('text')}-hint`}>{t('commitments.evidence.textHint')}</p>
        {form.message('text')}
      </div>
      <div className="field">
        <label htmlFor={form.id('fileId')}>{t('commitments.evidence.file')} <span className="muted">({t('commitments.form.optional')})</span></label>
        <input type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} {...form.props('fileId')} />
        {form.message('fileId')}
      </div>
      <div className="row-actions">
        <button type="submit" disabled={form.pending}>{form.pending ? t('commitments.form.saving') : t('commitments.evidence.record')}</button>
      </div>
    </form>
  );
}
