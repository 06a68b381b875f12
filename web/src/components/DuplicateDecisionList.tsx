// Why: the review has a history. Every duplicate decision involving the record (newest first, undone ones
// kept and marked), with the other record, which one is counted, who decided and when; coordinators can undo
// an active decision (a link is removed and the pair may be proposed again).
import { useId } from 'react';
import type { ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DuplicateDecision } from '../../../src/shared/duplicates.ts';
import { api } from '../api.ts';
import { otherOf, refreshAfterDecision, useReference, type Announcement } from '../duplicates.ts';
import { timestamp } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { personName, useMembers } from '../members.ts';
import { useMe } from '../session.tsx';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (<div className="item"><dt>{label}</dt><dd>{children}</dd></div>);
}

interface Props {
  selfId: string;
  mayUndo: boolean;
  onUndone: (what: Announcement) => void;
}

export function DuplicateDecisionList({ selfId, mayUndo, onUndone }: Props) {
  const { t } = useTranslation();
  const decisions = useQuery({ queryKey: ['duplicate-decisions', selfId], queryFn: () => api.duplicateDecisions(selfId) });
  return (
    <section className="decisions" aria-labelledby="d-dup-decisions" data-testid="duplicate-decisions">
      <h3 id="d-dup-decisions">{t('duplicates.decisions.title')}</h3>
      {decisions.isPending && <p className="loading">{t('app.loading')}</p>}
      {decisions.isError && <ApiErrorMessage error={decisions.error} onRetry={() => void decisions.refetch()} />}
      {decisions.data && decisions.data.items.length === 0 && <p className="muted">{t('duplicates.decisions.empty')}</p>}
      {decisions.data && decisions.data.items.length > 0 && (
        <ol className="decision-list">
          {decisions.data.items.map((x) => <DecisionEntry key={x.id} x={x} selfId={selfId} mayUndo={mayUndo} onUndone={onUndone} />)}
        </ol>
      )}
    </section>
  );
}

function DecisionEntry({ x, selfId, mayUndo, onUndone }: { x: DuplicateDecision } & Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const me = useMe();
  const members = useMembers();
  const qc = useQueryClient();
  const titleId = useId();
  const otherId = otherOf(x, selfId);
  const other = useReference(otherId);
  const otherLabel = other.reference
    ? <Link to={`/incidents/${otherId}`}>{other.reference}</Link>
    : <span className="muted">{other.pending ? t('app.loading') : other.hidden ? t('duplicates.hiddenRecord') : t('duplicates.unknownRecord')}</span>;

  const undo = useMutation({
    mutationFn: () => api.undoDuplicateDecision(x.id),
    onSuccess: async () => {
      await refreshAfterDecision(qc, [x.incidentId, x.otherId]);
      onUndone({ kind: 'undone' });
    },
  });

  return (
    <li className={x.undoneAt ? 'decision undone' : 'decision'} data-testid="decision">
      <p className="decision-title" id={titleId}>
        <strong>{t(`duplicates.decisions.${x.decision}`)}</strong>
        {x.undoneAt && <> <span className="badge undone-badge" data-testid="undone-badge">{t('duplicates.decisions.undone')}</span></>}
      </p>
      <dl>
        <Item label={t('duplicates.decisions.other')}>{otherLabel}</Item>
        {x.decision === 'same' && !x.undoneAt && (
          <Item label={t('duplicates.decisions.countedUnder')}>{x.incidentId === selfId ? t('duplicates.decisions.thisRecord') : otherLabel}</Item>
        )}
        <Item label={t('duplicates.decisions.by')}>
          {members.isLoading ? <span className="muted">{t('app.loading')}</span> : <bdi>{personName(t, x.decidedBy, me.user.id, members.data)}</bdi>}
        </Item>
        <Item label={t('duplicates.decisions.when')}><time dateTime={x.decidedAt}>{timestamp(x.decidedAt, lang)}</time></Item>
        {x.undoneAt && <Item label={t('duplicates.decisions.undoneAt')}><time dateTime={x.undoneAt}>{timestamp(x.undoneAt, lang)}</time></Item>}
      </dl>
      {mayUndo && !x.undoneAt && (
        <button type="button" className="secondary" aria-describedby={titleId} disabled={undo.isPending} onClick={() => undo.mutate()} data-testid="undo-decision">
          {undo.isPending ? t('duplicates.saving') : t('duplicates.decisions.undo')}
        </button>
      )}
      {undo.isError && <ApiErrorMessage error={undo.error} />}
    </li>
  );
}
