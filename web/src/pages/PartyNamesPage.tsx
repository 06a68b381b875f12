// Why: the coordinator's review of party names written in records (typed before the registry, imported from
// files) that no party links yet. Each name shows how many records and versions carry it and the registry's
// closest parties with their score; the coordinator links it to one (learnt as the organisation's alias, so
// the next record or file with that name links itself), creates the party, or says it is not a party
// ("not known", "unidentified armed men"). Every record naming it follows at once.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PartyText } from '../../../src/shared/party-links.ts';
import { PARTY_SPECIAL_CHOICES, type PartySpecialChoice } from '../../../src/shared/parties.ts';
import { currentLanguage } from '../i18n/index.ts';
import { categoryLabel, PARTIES_KEY, partiesApi, partyErrorText, refreshParties } from '../parties.ts';
import { PartyPicker, type PartyChoice } from '../components/PartyPicker.tsx';

export const PARTY_TEXTS_KEY = [...PARTIES_KEY, 'texts'] as const;

export function PartyNamesPage() {
  const { t } = useTranslation();
  const texts = useQuery({ queryKey: [...PARTY_TEXTS_KEY, currentLanguage()], queryFn: partiesApi.texts });
  const [done, setDone] = useState<string | null>(null);
  return (
    <div className="party-names-page" data-testid="party-names-page">
      <p><Link to="/parties">{t('parties.texts.back')}</Link></p>
      <p className="parties-intro">{t('parties.texts.intro')}</p>
      <p role="status" className="list-status" data-testid="party-names-status">
        {done ?? (texts.data ? t('parties.texts.count', { count: texts.data.items.length, decided: texts.data.decided }) : '')}
        {texts.isError && partyErrorText(t, texts.error)}
      </p>
      {texts.data?.items.length === 0 && <p className="panel">{t('parties.texts.none')}</p>}
      <ul className="party-names" aria-label={t('parties.texts.title')}>
        {texts.data?.items.map((item) => <NameItem key={item.text} item={item} onDone={setDone} />)}
      </ul>
    </div>
  );
}

function NameItem({ item, onDone }: { item: PartyText; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [other, setOther] = useState<PartyChoice | null>(null);
  const resolve = useMutation({
    mutationFn: (body: { partyId?: string; choice?: PartySpecialChoice }) => partiesApi.resolveText({ text: item.text, ...body }),
    onSuccess: (r) => { onDone(t('parties.texts.resolved', { name: item.text, count: r.records })); void refreshParties(qc); },
  });
  const create = useMutation({
    mutationFn: () => partiesApi.create({ name: item.text, category: 'unknown' }),
    onSuccess: (p) => resolve.mutate({ partyId: p.id }),
  });
  const busy = resolve.isPending || create.isPending;
  const id = `name-${item.text.replace(/\W+/g, '-').slice(0, 40)}`;
  return (
    <li className="panel party-name" data-testid="party-name-item">
      <h2 id={id}><bdi>{item.text}</bdi></h2>
      <p className="hint">
        {t('parties.texts.where', { records: item.records, versions: item.versions })}
        {item.spellings.length > 1 && <> {t('parties.texts.spellings', { list: item.spellings.join(' · ') })}</>}
      </p>
      {item.candidates.length > 0 && (
        <div role="group" aria-labelledby={id} className="button-row">
          {item.candidates.map((c) => (
            <button key={c.party.id} type="button" disabled={busy} onClick={() => resolve.mutate({ partyId: c.party.id })} data-testid="party-candidate">
              {t('parties.texts.linkTo', { name: c.party.name, score: Math.round(c.score * 100) })} · {categoryLabel(t, c.party.category)}
            </button>
          ))}
        </div>
      )}
      <div className="party-name-other">
        <PartyPicker id={`${id}-other`} label={t('parties.texts.other')} value={other} onChange={setOther} />
        <button type="button" disabled={busy || other?.kind !== 'party'} onClick={() => { if (other?.kind === 'party') resolve.mutate({ partyId: other.party.id }); }}>
          {t('parties.texts.linkChosen')}
        </button>
      </div>
      <div className="button-row">
        {PARTY_SPECIAL_CHOICES.map((c) => (
          <button key={c} type="button" className="secondary" disabled={busy} onClick={() => resolve.mutate({ choice: c })} data-testid={`party-choice-${c}`}>
            {t('parties.texts.asChoice', { choice: t(`parties.special.${c}`) })}
          </button>
        ))}
        <button type="button" className="secondary" disabled={busy} onClick={() => create.mutate()} data-testid="party-name-create">{t('parties.texts.create')}</button>
      </div>
      {(resolve.isError || create.isError) && <p className="error" role="alert">{partyErrorText(t, resolve.error ?? create.error)}</p>}
    </li>
  );
}
