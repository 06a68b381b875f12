// Why: recording a commitment (coordinators) or changing one: its kind, title, date, the parties it binds,
// signatories, and a reference to its text (a file, uploaded and sealed first, or a link); a new one also
// takes its measures. Checked with the shared schema before sending; every problem named by field.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMITMENT_KINDS, CommitmentCreate, CommitmentPatch, type CommitmentDetail, type CommitmentKind } from '../../../src/shared/commitments.ts';
import type { PartyRef } from '../../../src/shared/parties.ts';
import { commitmentKindLabel, commitmentsApi } from '../commitments.ts';
import { DateControl } from './DateControl.tsx';
import { useCheckedForm } from './formIssues.tsx';
import { EMPTY_MEASURE, measureBody, MeasureFields, type MeasureDraft } from './MeasureFields.tsx';
import { PartyChooser } from './PartyChooser.tsx';

interface Props {
  /** Changing this commitment; a new one when absent. */
  commitment?: CommitmentDetail;
  /** A new commitment binding this party from the start (from a party's page). */
  initialParty?: Pick<PartyRef, 'id' | 'name'> | undefined;
  onSaved: (saved: CommitmentDetail) => Promise<void> | void;
  onCancel: () => void;
}

export function CommitmentForm({ commitment, initialParty, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<CommitmentKind | ''>(commitment?.kind ?? '');
  const [title, setTitle] = useState(commitment?.title ?? '');
  const [signedOn, setSignedOn] = useState(commitment?.signedOn ?? '');
  const [parties, setParties] = useState<Pick<PartyRef, 'id' | 'name'>[]>(commitment?.parties ?? (initialParty ? [initialParty] : []));
  const [signatories, setSignatories] = useState(commitment?.signatories ?? '');
  const [referenceUrl, setReferenceUrl] = useState(commitment?.referenceUrl ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [dropFile, setDropFile] = useState(false);
  const [measures, setMeasures] = useState<MeasureDraft[]>(commitment ? [] : [{ ...EMPTY_MEASURE }]);

  const fields = { kind: kind || undefined, title, signedOn, partyIds: parties.map((p) => p.id), signatories: signatories || null, referenceUrl: referenceUrl.trim() || null };
  const form = useCheckedForm({
    prefix: 'commitment', schema: commitment ? CommitmentPatch : CommitmentCreate, value: commitment ? fields : { ...fields, measures: measures.map(measureBody) },
    send: async (body: CommitmentPatch | CommitmentCreate) => {
      // The text first, sealed on its own; then the commitment naming it (or dropping the one it had).
      const fileId = file ? (await commitmentsApi.upload(file)).id : dropFile ? null : undefined;
      const withFile = fileId === undefined ? body : { ...body, fileId };
      return commitment ? commitmentsApi.update(commitment.id, withFile) : commitmentsApi.create(withFile as CommitmentCreate);
    },
    onSaved,
  });
  const setMeasure = (i: number, m: MeasureDraft) => setMeasures((list) => list.map((x, n) => (n === i ? m : x)));

  return (
    <form className="commitment-form" onSubmit={form.submit} noValidate data-testid="commitment-form">
      <fieldset className="section">
        <legend>{commitment ? t('commitments.form.editLegend') : t('commitments.form.newLegend')}</legend>
        {form.summary}
        {form.failed}
        <div className="grid wide">
          <div className="field">
            <label htmlFor={form.id('kind')}>{t('commitments.form.kind')}</label>
            <select value={kind} onChange={(e) => setKind(e.target.value as CommitmentKind)} {...form.props('kind')}>
              <option value="">{t('commitments.form.choose')}</option>
              {COMMITMENT_KINDS.map((k) => <option key={k} value={k}>{commitmentKindLabel(t, k)}</option>)}
            </select>
            {form.message('kind')}
          </div>
          <div className="field">
            <label htmlFor={form.id('title')}>{t('commitments.form.title')}</label>
            <input type="text" dir="auto" maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} {...form.props('title')} />
            {form.message('title')}
          </div>
          <div className="field">
            <label htmlFor={form.id('signedOn')}>{t('commitments.form.signedOn')}</label>
            <DateControl value={signedOn} onChange={setSignedOn} {...form.props('signedOn')} />
            {form.message('signedOn')}
          </div>
        </div>
        <div className="field">
          <label htmlFor={form.id('partyIds')}>{t('commitments.form.parties')}</label>
          <PartyChooser control={form.props('partyIds', 'commitment-parties-hint')} label={t('commitments.form.parties')} value={parties} onChange={setParties} />
          <p className="hint" id="commitment-parties-hint">{t('commitments.form.partiesHint')}</p>
          {form.message('partyIds')}
        </div>
        <div className="field">
          <label htmlFor={form.id('signatories')}>{t('commitments.form.signatories')} <span className="muted">({t('commitments.form.optional')})</span></label>
          <textarea dir="auto" rows={2} maxLength={2000} value={signatories} onChange={(e) => setSignatories(e.target.value)} {...form.props('signatories', 'commitment-signatories-hint')} />
          <p className="hint" id="commitment-signatories-hint">{t('commitments.form.signatoriesHint')}</p>
          {form.message('signatories')}
        </div>
        <div className="grid wide">
          <div className="field">
            <label htmlFor={form.id('referenceUrl')}>{t('commitments.form.link')} <span className="muted">({t('commitments.form.optional')})</span></label>
            <input type="url" dir="ltr" inputMode="url" value={referenceUrl} onChange={(e) => setReferenceUrl(e.target.value)} {...form.props('referenceUrl')} />
            {form.message('referenceUrl')}
          </div>
          <div className="field">
            <label htmlFor={form.id('fileId')}>{commitment?.file ? t('commitments.form.replaceFile') : t('commitments.form.file')} <span className="muted">({t('commitments.form.optional')})</span></label>
            <input type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} {...form.props('fileId', 'commitment-file-hint')} />
            <p className="hint" id="commitment-file-hint">{t('commitments.form.fileHint')}</p>
            {commitment?.file && !file && (
              <label className="checkbox"><input type="checkbox" checked={dropFile} onChange={(e) => setDropFile(e.target.checked)} /> {t('commitments.form.dropFile', { name: commitment.file.name })}</label>
            )}
            {form.message('fileId')}
          </div>
        </div>
      </fieldset>
      {!commitment && (
        <fieldset className="section">
          <legend>{t('commitments.form.measures')}</legend>
          {form.message('measures')}
          <ol className="measure-drafts">
            {measures.map((m, i) => (
              <li key={i} className="measure-draft" data-testid={`measure-draft-${i}`}>
                <h3>{t('commitments.form.measureN', { n: i + 1 })}</h3>
                <MeasureFields form={form} path={`measures.${i}`} value={m} onChange={(v) => setMeasure(i, v)} />
                <button type="button" className="secondary" onClick={() => setMeasures((list) => list.filter((_, n) => n !== i))}>{t('commitments.form.removeMeasure', { n: i + 1 })}</button>
              </li>
            ))}
          </ol>
          <button type="button" className="secondary" onClick={() => setMeasures((list) => [...list, { ...EMPTY_MEASURE }])} data-testid="add-measure-row">{t('commitments.form.addMeasure')}</button>
        </fieldset>
      )}
      <div className="row-actions">
        <button type="submit" disabled={form.pending}>{form.pending ? t('commitments.form.saving') : commitment ? t('commitments.form.save') : t('commitments.form.create')}</button>
        <button type="button" className="secondary" onClick={onCancel}>{t('commitments.form.cancel')}</button>
      </div>
    </form>
  );
}
