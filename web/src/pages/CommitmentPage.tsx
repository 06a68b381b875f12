// Why: one commitment: what it is, when it was signed and by whom, the parties it binds (each leading to the
// party's compliance page), its text (a sealed file, downloaded with an audit entry, or a link), and its
// measures with their status and evidence. Coordinators change it, add measures, record evidence, or
// remove it with a reason.
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MeasureInput, type CommitmentDetail } from '../../../src/shared/commitments.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { CommitmentForm } from '../components/CommitmentForm.tsx';
import { useCheckedForm } from '../components/formIssues.tsx';
import { MeasureCard } from '../components/MeasureCard.tsx';
import { EMPTY_MEASURE, measureBody, MeasureFields } from '../components/MeasureFields.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { ReasonPanel } from '../components/ReasonPanel.tsx';
import { commitmentKeys, commitmentKindLabel, commitmentsApi, refreshCommitments, sameThing } from '../commitments.ts';
import { formatDate } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { canManageCommitments, canReadCommitments, useMe } from '../session.tsx';
import { MeasuresStanding } from './CommitmentsPage.tsx';
import '../commitments.css';

export function CommitmentPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  const commitment = useQuery({ queryKey: commitmentKeys.one(id), queryFn: () => commitmentsApi.get(id), enabled: canReadCommitments(me.user.role), placeholderData: sameThing(id) });
  if (!canReadCommitments(me.user.role)) return <><PageHeading pageName={t('commitments.title')}>{t('commitments.title')}</PageHeading><p className="note">{t('commitments.notAllowed')}</p></>;
  return (
    <>
      <PageHeading pageName={t('commitments.detail.pageName')}>{commitment.data ? <bdi>{commitment.data.title}</bdi> : t('commitments.detail.pageName')}</PageHeading>
      {commitment.isPending && <p className="loading">{t('app.loading')}</p>}
      {commitment.isError && <ApiErrorMessage error={commitment.error} onRetry={() => void commitment.refetch()} />}
      {commitment.data && <CommitmentBody c={commitment.data} />}
    </>
  );
}

function CommitmentBody({ c }: { c: CommitmentDetail }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const me = useMe();
  const qc = useQueryClient();
  const location = useLocation();
  const manage = canManageCommitments(me.user.role);
  const [editing, setEditing] = useState(false);
  // What was just done, worded at each render (so in the language chosen since).
  const [done, setDone] = useState<'created' | 'saved' | 'measureAdded' | null>((location.state as { saved?: string } | null)?.saved === 'created' ? 'created' : null);
  const changed = (d: CommitmentDetail, said: 'saved' | 'measureAdded' = 'saved') => {
    qc.setQueryData(commitmentKeys.one(d.id), d);
    void refreshCommitments(qc);
    setDone(said);
  };
  return (
    <div className="commitment-page" data-testid="commitment-page">
      <p role="status" className="list-status" data-testid="commitment-status">{done && t(`commitments.detail.${done}`)}</p>
      <section className="panel" aria-labelledby="commitment-about">
        <h2 id="commitment-about">{commitmentKindLabel(t, c.kind)}</h2>
        <dl>
          <div className="item"><dt>{t('commitments.form.signedOn')}</dt><dd>{formatDate(c.signedOn, lang)}</dd></div>
          <div className="item"><dt>{t('commitments.form.parties')}</dt><dd><ul className="plain">
            {c.parties.map((p) => <li key={p.id}><Link to={`/commitments/parties/${p.id}`}><bdi>{p.name}</bdi></Link></li>)}
          </ul></dd></div>
          {c.signatories && <div className="item"><dt>{t('commitments.form.signatories')}</dt><dd dir="auto" className="pre-line">{c.signatories}</dd></div>}
          <div className="item"><dt>{t('commitments.detail.text')}</dt><dd>
            {c.file && <p><a href={commitmentsApi.fileUrl(c.file.id)} download={c.file.name} data-testid="commitment-file">{t('commitments.download', { name: c.file.name })}</a></p>}
            {c.referenceUrl && <p><a href={c.referenceUrl} rel="noopener noreferrer" target="_blank" dir="ltr">{c.referenceUrl}</a></p>}
            {!c.file && !c.referenceUrl && <span className="muted">{t('commitments.detail.noText')}</span>}
          </dd></div>
          <div className="item"><dt>{t('commitments.form.measures')}</dt><dd><MeasuresStanding c={c} /></dd></div>
        </dl>
        <p className="hint">{t('commitments.detail.overdueRule', { today: formatDate(c.today, lang) })}</p>
        {manage && <button type="button" className="secondary" aria-expanded={editing} onClick={() => setEditing((v) => !v)} data-testid="commitment-edit">{t('commitments.detail.edit')}</button>}
      </section>
      {editing && <CommitmentForm commitment={c} onSaved={(d) => { setEditing(false); changed(d); }} onCancel={() => setEditing(false)} />}
      <section className="panel" aria-labelledby="commitment-measures">
        <h2 id="commitment-measures">{t('commitments.form.measures')}</h2>
        {c.measures.length === 0 && <p className="muted">{t('commitments.detail.noMeasures')}</p>}
        <ol className="measure-cards">
          {c.measures.map((m, i) => <MeasureCard key={m.id} measure={m} n={i + 1} canManage={manage} onChanged={(d) => changed(d)} />)}
        </ol>
        {manage && <AddMeasure c={c} onAdded={(d) => changed(d, 'measureAdded')} />}
      </section>
      {manage && <RemoveCommitment c={c} />}
    </div>
  );
}

function AddMeasure({ c, onAdded }: { c: CommitmentDetail; onAdded: (d: CommitmentDetail) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState({ ...EMPTY_MEASURE });
  const form = useCheckedForm({
    prefix: 'new-measure', schema: MeasureInput, value: measureBody(value), send: (body) => commitmentsApi.addMeasure(c.id, body),
    onSaved: (d) => { setValue({ ...EMPTY_MEASURE }); onAdded(d); },
  });
  return (
    <details className="sub-panel">
      <summary>{t('commitments.form.addMeasure')}</summary>
      <form onSubmit={form.submit} noValidate>
        {form.summary}
        {form.failed}
        <MeasureFields form={form} path="" value={value} onChange={setValue} />
        <button type="submit" disabled={form.pending}>{t('commitments.form.addMeasure')}</button>
      </form>
    </details>
  );
}

function RemoveCommitment({ c }: { c: CommitmentDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  return (
    <ReasonPanel
      prefix="remove-commitment" className="danger-zone" open={t('commitments.remove.open')} hint={t('commitments.remove.hint')} label={t('commitments.remove.reason')}
      confirm={t('commitments.remove.confirm')} send={(reason) => commitmentsApi.remove(c.id, reason)}
      onSaved={async () => { await refreshCommitments(qc); await navigate('/commitments'); }}
    />
  );
}
