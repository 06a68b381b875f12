// Why: whether the audit chain holds, as `salama audit verify` computes it (every entry's hash and link, and
// the checkpoint kept outside the database). The check reads the whole log, so it runs as a background job
// (nightly, or on request here) and this panel polls its state.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { timestamp } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';

const KEY = ['audit-verification'] as const;

export function AuditVerificationPanel() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const lang = currentLanguage();
  const status = useQuery({
    queryKey: KEY,
    queryFn: api.auditVerification,
    refetchInterval: (q) => (q.state.data?.verification && ['queued', 'running'].includes(q.state.data.verification.state) ? 1000 : false),
  });
  const start = useMutation({ mutationFn: api.verifyAudit, onSuccess: (v) => qc.setQueryData(KEY, { verification: v }) });
  const v = status.data?.verification ?? null;
  const busy = v !== null && (v.state === 'queued' || v.state === 'running');
  let summary: string;
  let tone = 'neutral';
  if (!v) summary = t('audit.verify.never');
  else if (busy) summary = t('audit.verify.running');
  else if (v.state === 'failed') { summary = t('audit.verify.failed'); tone = 'bad'; }
  else if (v.ok) { summary = t('audit.verify.intact', { count: v.entries ?? 0 }); tone = 'ok'; }
  else if (v.firstBrokenId) { summary = t('audit.verify.broken', { id: v.firstBrokenId }); tone = 'bad'; }
  else if (v.checkpoint === 'file_missing') { summary = t('audit.verify.checkpointMissing'); tone = 'warn'; }
  else if (v.checkpoint === 'forged') { summary = t('audit.verify.checkpointForged'); tone = 'bad'; }
  else { summary = t('audit.verify.checkpointProblem'); tone = 'bad'; }
  return (
    <section className={`panel verification-status tone-${tone}`} aria-labelledby="audit-verify-title" data-testid="audit-verification">
      <h2 id="audit-verify-title">{t('audit.verify.title')}</h2>
      <p role="status" data-testid="audit-verification-status"><strong>{summary}</strong></p>
      {v?.finishedAt && <p className="hint">{t('audit.verify.when', { when: timestamp(v.finishedAt, lang) })}</p>}
      {v?.reason && <p lang="en" dir="ltr">{v.reason}</p>}
      {v?.ok && v.checkpoint === 'reached' && v.checkpointAt && <p className="hint">{t('audit.verify.checkpoint', { when: timestamp(v.checkpointAt, lang) })}</p>}
      <p className="hint">{t('audit.verify.hint')}</p>
      {status.isError && <ApiErrorMessage error={status.error} />}
      {start.isError && <ApiErrorMessage error={start.error} />}
      <button type="button" className="secondary" disabled={busy || start.isPending} onClick={() => start.mutate()} data-testid="audit-verify">
        {busy ? t('audit.verify.runningButton') : t('audit.verify.start')}
      </button>
    </section>
  );
}
