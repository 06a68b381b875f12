// Why: the coordinators' matching of the reference datasets' actors that nothing links to the registry (by
// UCDP actor id, name or alias): each with its years, places and rows, the registry's closest parties proposed
// with their score; linked to a party (any, through the picker) or marked "not in our registry". Decisions
// are the organisation's own, listed below with Undo.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ActorDecide, UnmatchedActor } from '../../../src/shared/reference.ts';
import { ApiErrorMessage } from '../components/ApiErrorMessage.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { PartyPicker, type PartyChoice } from '../components/PartyPicker.tsx';
import { categoryLabel } from '../parties.ts';
import { datasetName, referenceApi, referenceKeys, refreshReference } from '../reference.ts';
import { canManageParties, useMe } from '../session.tsx';
import '../reference.css';

export function ReferenceMatchingPage() {
  const { t } = useTranslation();
  const me = useMe();
  const allowed = canManageParties(me.user.role);
  const qc = useQueryClient();
  const [done, setDone] = useState('');
  const matching = useQuery({ queryKey: referenceKeys.matching(), queryFn: referenceApi.matching, enabled: allowed });
  const onDone = (message: string) => { setDone(message); void refreshReference(qc); };
  const undo = useMutation({ mutationFn: (key: string) => referenceApi.undo(key), onSuccess: () => onDone(t('reference.matching.undone')) });
  return (
    <div className="reference-matching-page" data-testid="reference-matching">
      <PageHeading pageName={t('reference.matching.title')}>{t('reference.matching.title')}</PageHeading>
      <p><Link to="/reference">{t('reference.matching.back')}</Link></p>
      {!allowed && <p className="note" data-testid="role-note">{t('reference.matching.notAllowed')}</p>}
      <p>{t('reference.matching.intro')}</p>
      <p role="status" className="list-status" data-testid="matching-status">
        {done || (matching.data ? t('reference.matching.count', { actors: matching.data.actors, linked: matching.data.linked, unmatched: matching.data.unmatched.length }) : '')}
      </p>
      {matching.isError && <ApiErrorMessage error={matching.error} onRetry={() => void matching.refetch()} />}
      {matching.data?.unmatched.length === 0 && <p className="panel">{t('reference.matching.none')}</p>}
      <ul className="actor-list" aria-label={t('reference.matching.title')}>
        {matching.data?.unmatched.map((a) => <ActorItem key={a.key} actor={a} onDone={onDone} />)}
      </ul>
      {matching.data && matching.data.decided.length > 0 && (
        <section className="panel" aria-labelledby="decided-title" data-testid="decided">
          <h2 id="decided-title">{t('reference.matching.decided')}</h2>
          <ul className="plain">
            {matching.data.decided.map((d) => (
              <li key={d.key} data-testid="decided-item">
                <bdi>{d.name}</bdi> → {d.party ? <Link to={`/parties/${d.party.id}`}><bdi>{d.party.name}</bdi></Link> : t('reference.matching.notInRegistry')}{' '}
                <button type="button" className="secondary" disabled={undo.isPending} onClick={() => undo.mutate(d.key)} data-testid="decision-undo">{t('reference.matching.undo')}</button>
              </li>
            ))}
          </ul>
          {undo.isError && <ApiErrorMessage error={undo.error} />}
        </section>
      )}
    </div>
  );
}

function ActorItem({ actor, onDone }: { actor: UnmatchedActor; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [other, setOther] = useState<PartyChoice | null>(null);
  const decide = useMutation({
    mutationFn: (body: Omit<ActorDecide, 'key'>) => referenceApi.decide({ key: actor.key, ...body }),
    onSuccess: () => onDone(t('reference.matching.decidedOne', { name: actor.name })),
  });
  const id = `actor-${actor.key.replace(/\W+/g, '-').slice(0, 40)}`;
  return (
    <li className="panel actor-item" data-testid="actor-item">
      <h2 id={id}><bdi>{actor.name}</bdi></h2>
      <p className="hint">
        {t('reference.matching.where', { years: actor.firstYear === actor.lastYear ? actor.firstYear : `${actor.firstYear}–${actor.lastYear}`, rows: actor.rows })}
        {' · '}{actor.datasets.map((d) => datasetName(t, d)).join(', ')}
        {actor.locations.length > 0 && <> · <bdi>{actor.locations.join('; ')}</bdi></>}
        {actor.ucdpActorId && <> · <span dir="ltr">UCDP {actor.ucdpActorId}</span></>}
      </p>
      {actor.candidates.length > 0 && (
        <div role="group" aria-labelledby={id} className="button-row">
          {actor.candidates.map((c) => (
            <button key={c.party.id} type="button" disabled={decide.isPending} onClick={() => decide.mutate({ partyId: c.party.id })} data-testid="actor-candidate">
              {t('parties.texts.linkTo', { name: c.party.name, score: Math.round(c.score * 100) })} · {categoryLabel(t, c.party.category)}
            </button>
          ))}
        </div>
      )}
      <div className="party-name-other">
        <PartyPicker id={`${id}-other`} label={t('parties.texts.other')} value={other} onChange={setOther} />
        <button type="button" disabled={decide.isPending || other?.kind !== 'party'} onClick={() => { if (other?.kind === 'party') decide.mutate({ partyId: other.party.id }); }}>
          {t('parties.texts.linkChosen')}
        </button>
      </div>
      <div className="button-row">
        <button type="button" className="secondary" disabled={decide.isPending} onClick={() => decide.mutate({ choice: 'not_in_registry' })} data-testid="actor-not-in-registry">{t('reference.matching.notInRegistry')}</button>
      </div>
      {decide.isError && <ApiErrorMessage error={decide.error} />}
    </li>
  );
}
