// Why: one likely duplicate of the record on screen, as a reviewer needs it to decide: its key facts, how
// likely it is the same incident (in words, then the number), the evidence field by field (points for or
// against, marked by symbol and word, not colour alone), and for coordinators the two decisions.
import { useId } from 'react';
import type { ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { tallyTotal } from '../../../src/shared/incident.ts';
import type { DuplicateDecisionBody } from '../../../src/shared/duplicates.ts';
import { api } from '../api.ts';
import { formatScore, refreshAfterDecision, scoreLevel, type Announcement, type Candidate } from '../duplicates.ts';
import { dateRange, formLabel, list, placeLabel, tallyWords } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { useAreaNames } from '../places.ts';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';
import { DuplicateEvidence } from './DuplicateEvidence.tsx';
import { StatusBadge } from './StatusBadge.tsx';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (<div className="item"><dt>{label}</dt><dd>{children}</dd></div>);
}

interface Props {
  selfId: string;
  candidate: Candidate;
  /** Coordinators decide; everyone who may read the record sees the evidence. */
  mayDecide: boolean;
  /** Told once a decision is saved (the card then leaves the list), with the message to announce. */
  onDecided: (what: Announcement) => void;
}

export function DuplicateCandidateCard({ selfId, candidate: c, mayDecide, onDecided }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const qc = useQueryClient();
  const headingId = useId();
  const i = c.incident;
  const areaNames = useAreaNames([i.place.country]);
  const level = scoreLevel(c.score);

  const decide = useMutation({
    mutationFn: (decision: DuplicateDecisionBody['decision']) => api.decideDuplicate(selfId, { otherId: i.id, decision }),
    onSuccess: async (saved) => {
      await refreshAfterDecision(qc, [selfId, i.id]);
      onDecided({ kind: saved.decision, reference: i.reference });
    },
  });

  return (
    <li className="candidate" data-testid={`candidate-${i.reference}`}>
      <h3 id={headingId}>
        <Link to={`/incidents/${i.id}`}>{i.reference}</Link>
        {' '}<span className={`badge level-${level}`} data-testid="candidate-level">{t(`duplicates.levels.${level}`)}</span>
        {' '}<span className="score">{t('duplicates.score')} <span dir="ltr">{formatScore(c.score, lang)}</span></span>
      </h3>
      <dl className="candidate-facts">
        <Item label={t('list.col.date')}>{dateRange(i.occurredFrom, i.occurredTo, lang)}</Item>
        <Item label={t('list.col.place')}>{placeLabel(t, areaNames, i.place)}</Item>
        <Item label={t('list.col.forms')}>{list(i.forms.map((f) => formLabel(t, f)), lang)}</Item>
        <Item label={t('list.col.victims')}>{tallyTotal(i.victims)}{tallyTotal(i.victims) > 0 && ` (${tallyWords(t, i.victims, lang)})`}</Item>
        <Item label={t('list.col.party')}><span dir="auto">{i.perpetratorParty ?? t('detail.notSpecified')}</span></Item>
        <Item label={t('list.col.status')}><StatusBadge status={i.verification.status} late={i.verification.late} /></Item>
      </dl>
      <DuplicateEvidence caption={t('duplicates.evidenceCaption', { reference: i.reference })} fields={c.fields} countries={[i.place.country]} />
      {mayDecide && (
        <div className="row-actions">
          <button type="button" aria-describedby={headingId} disabled={decide.isPending} onClick={() => decide.mutate('same')} data-testid="link-same">
            {decide.isPending && decide.variables === 'same' ? t('duplicates.saving') : t('duplicates.same')}
          </button>
          <button type="button" className="secondary" aria-describedby={headingId} disabled={decide.isPending} onClick={() => decide.mutate('distinct')} data-testid="mark-distinct">
            {decide.isPending && decide.variables === 'distinct' ? t('duplicates.saving') : t('duplicates.distinct')}
          </button>
        </div>
      )}
      {decide.isError && <ApiErrorMessage error={decide.error} />}
    </li>
  );
}
