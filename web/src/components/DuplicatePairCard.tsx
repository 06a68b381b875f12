// Why: one likely duplicate pair from the organisation's scan, as a reviewer needs it to decide: both records
// side by side (a table, so each fact is read against its twin), how likely they are the same incident, the
// evidence field by field, and the three decisions: the same incident counted under one or the other, or
// different incidents. Linking keeps both records; the one not counted says where it is counted.
import { useId } from 'react';
import type { ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { tallyTotal } from '../../../src/shared/incident.ts';
import type { IncidentSummary } from '../../../src/shared/incident.ts';
import { api } from '../api.ts';
import type { Pair } from '../duplicatePairs.ts';
import { formatScore, refreshAfterDecision, scoreLevel } from '../duplicates.ts';
import { dateRange, formLabel, list, placeLabel, tallyWords } from '../format.ts';
import { currentLanguage } from '../i18n/index.ts';
import { useAreaNames } from '../places.ts';
import { ApiErrorMessage } from './ApiErrorMessage.tsx';
import { DuplicateEvidence } from './DuplicateEvidence.tsx';
import { StatusBadge } from './StatusBadge.tsx';

/** Which way the reviewer decided: the same incident counted under a (or b), or different incidents. */
export type PairChoice = 'keepA' | 'keepB' | 'distinct';

/** What the page announces once a decision is saved (worded when shown, so it follows the language). */
export interface PairDecided { choice: PairChoice; decisionId: string; counted: string; other: string }

export function DuplicatePairCard({ pair, onDecided }: { pair: Pair; onDecided: (what: PairDecided) => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const qc = useQueryClient();
  const headingId = useId();
  const { a, b } = pair;
  const areaNames = useAreaNames([a.place.country, b.place.country]);
  const level = scoreLevel(pair.score);

  const decide = useMutation({
    mutationFn: (choice: PairChoice) => {
      // The record the decision is filed under stays counted; for "distinct" either side will do.
      const [kept, other] = choice === 'keepB' ? [b, a] : [a, b];
      return api.decideDuplicate(kept.id, { otherId: other.id, decision: choice === 'distinct' ? 'distinct' : 'same' });
    },
    onSuccess: async (saved, choice) => {
      await refreshAfterDecision(qc, [a.id, b.id]);
      const [kept, other] = choice === 'keepB' ? [b, a] : [a, b];
      onDecided({ choice, decisionId: saved.id, counted: kept.reference, other: other.reference });
    },
  });
  const label = (choice: PairChoice, text: string) => (decide.isPending && decide.variables === choice ? t('duplicates.saving') : text);

  const victims = (i: IncidentSummary) => {
    return `${tallyTotal(i.victims)}${tallyTotal(i.victims) > 0 ? ` (${tallyWords(t, i.victims, lang)})` : ''}`;
  };
  const rows: { key: string; label: string; cell: (i: IncidentSummary) => ReactNode }[] = [
    { key: 'date', label: t('list.col.date'), cell: (i) => <span dir="ltr">{dateRange(i.occurredFrom, i.occurredTo, lang)}</span> },
    { key: 'place', label: t('list.col.place'), cell: (i) => placeLabel(t, areaNames, i.place) },
    { key: 'forms', label: t('list.col.forms'), cell: (i) => list(i.forms.map((f) => formLabel(t, f)), lang) },
    { key: 'victims', label: t('list.col.victims'), cell: victims },
    { key: 'party', label: t('list.col.party'), cell: (i) => <span dir="auto">{i.perpetratorParty ?? t('detail.notSpecified')}</span> },
    { key: 'status', label: t('list.col.status'), cell: (i) => <StatusBadge status={i.verification.status} late={i.verification.late} /> },
  ];

  return (
    <li className="pair" data-testid={`pair-${a.reference}-${b.reference}`}>
      <h3 id={headingId}>
        <span>{t('duplicatesPage.pairTitle', { a: a.reference, b: b.reference })}</span>
        {' '}<span className={`badge level-${level}`} data-testid="pair-level">{t(`duplicates.levels.${level}`)}</span>
        {' '}<span className="score">{t('duplicates.score')} <span dir="ltr">{formatScore(pair.score, lang)}</span></span>
      </h3>
      <table className="pair-compare" data-testid="pair-compare">
        <caption>{t('duplicatesPage.compareCaption', { a: a.reference, b: b.reference })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('duplicates.col.field')}</th>
            <th scope="col"><Link to={`/incidents/${a.id}`} data-testid="pair-link-a">{a.reference}</Link></th>
            <th scope="col"><Link to={`/incidents/${b.id}`} data-testid="pair-link-b">{b.reference}</Link></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-testid={`compare-${r.key}`}>
              <th scope="row">{r.label}</th>
              <td>{r.cell(a)}</td>
              <td>{r.cell(b)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <DuplicateEvidence caption={t('duplicatesPage.evidenceCaption', { a: a.reference, b: b.reference })} fields={pair.fields} countries={[a.place.country, b.place.country]} />
      <div className="row-actions">
        <button type="button" aria-describedby={headingId} disabled={decide.isPending} onClick={() => decide.mutate('keepA')} data-testid="keep-a">
          {label('keepA', t('duplicatesPage.keep', { reference: a.reference }))}
        </button>
        <button type="button" aria-describedby={headingId} disabled={decide.isPending} onClick={() => decide.mutate('keepB')} data-testid="keep-b">
          {label('keepB', t('duplicatesPage.keep', { reference: b.reference }))}
        </button>
        <button type="button" className="secondary" aria-describedby={headingId} disabled={decide.isPending} onClick={() => decide.mutate('distinct')} data-testid="pair-distinct">
          {label('distinct', t('duplicates.distinct'))}
        </button>
      </div>
      {decide.isError && <ApiErrorMessage error={decide.error} />}
    </li>
  );
}
