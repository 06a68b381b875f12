// Why: what ties a party to other data and other parties: its ids in other datasets (the UCDP actor and
// conflict ids, an ACLED actor, any other) and its relations (affiliated with, faction of, split from, merged
// into), with their dates. The organisation adds its own and removes only its own.
import { useId, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PARTY_ID_SCHEMES, PARTY_RELATION_KINDS, type PartyDetail, type PartyIdScheme, type PartyRelationKind } from '../../../src/shared/parties.ts';
import { partiesApi, partyErrorText, refreshParties, scopeLabel } from '../parties.ts';
import { PartyPicker, type PartyChoice } from './PartyPicker.tsx';

export function PartyIds({ party, editable }: { party: PartyDetail; editable: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const [scheme, setScheme] = useState<PartyIdScheme>('acled_actor');
  const [value, setValue] = useState('');
  const add = useMutation({ mutationFn: () => partiesApi.addExternalId(party.id, { scheme, value }), onSuccess: async () => { setValue(''); await refreshParties(qc); } });
  const remove = useMutation({ mutationFn: (xid: string) => partiesApi.removeExternalId(party.id, xid), onSuccess: () => refreshParties(qc) });
  return (
    <section className="panel" aria-labelledby={`${id}-t`} data-testid="party-ids">
      <h2 id={`${id}-t`}>{t('parties.ids.title')}</h2>
      {party.externalIds.length === 0 ? <p className="muted">{t('parties.ids.none')}</p> : (
        <dl className="id-list">
          {PARTY_ID_SCHEMES.filter((s) => party.externalIds.some((x) => x.scheme === s)).map((s) => (
            <div className="item" key={s}>
              <dt>{t(`parties.schemes.${s}`)}</dt>
              <dd>
                <ul className="plain inline-list">
                  {party.externalIds.filter((x) => x.scheme === s).map((x) => (
                    <li key={x.id}>
                      <code dir="ltr">{x.value}</code>
                      {editable && x.scope === 'own' && (
                        <button type="button" className="link-button" onClick={() => remove.mutate(x.id)} aria-label={t('parties.ids.removeLabel', { value: x.value })}>{t('parties.remove')}</button>
                      )}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {remove.isError && <p className="alert error" role="alert">{partyErrorText(t, remove.error)}</p>}
      {editable && (
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); add.mutate(); }} noValidate aria-label={t('parties.ids.add')}>
          <div className="field">
            <label htmlFor={`${id}-scheme`}>{t('parties.ids.scheme')}</label>
            <select id={`${id}-scheme`} value={scheme} onChange={(e) => setScheme(e.target.value as PartyIdScheme)}>
              {PARTY_ID_SCHEMES.map((s) => <option key={s} value={s}>{t(`parties.schemes.${s}`)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-value`}>{t('parties.ids.value')}</label>
            <input id={`${id}-value`} type="text" dir="auto" maxLength={200} autoComplete="off" spellCheck={false} value={value} onChange={(e) => setValue(e.target.value)} />
          </div>
          <button type="submit" disabled={add.isPending || value.trim() === ''}>{t('parties.ids.add')}</button>
          {add.isError && <p className="alert error" role="alert">{partyErrorText(t, add.error)}</p>}
        </form>
      )}
    </section>
  );
}

export function PartyRelations({ party, editable }: { party: PartyDetail; editable: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const [kind, setKind] = useState<PartyRelationKind>('faction_of');
  const [other, setOther] = useState<PartyChoice | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const add = useMutation({
    mutationFn: () => partiesApi.addRelation(party.id, { kind, otherPartyId: other?.kind === 'party' ? other.party.id : '', validFrom: from.trim() || null, validTo: to.trim() || null }),
    onSuccess: async () => { setOther(null); setFrom(''); setTo(''); await refreshParties(qc); },
  });
  const remove = useMutation({ mutationFn: (rid: string) => partiesApi.removeRelation(party.id, rid), onSuccess: () => refreshParties(qc) });
  return (
    <section className="panel" aria-labelledby={`${id}-t`} data-testid="party-relations">
      <h2 id={`${id}-t`}>{t('parties.relations.title')}</h2>
      {party.relations.length === 0 ? <p className="muted">{t('parties.relations.none')}</p> : (
        <ul className="plain relation-list">
          {party.relations.map((r) => (
            <li key={r.id} data-testid="party-relation">
              {t(r.outgoing ? `parties.relations.out.${r.kind}` : `parties.relations.in.${r.kind}`)}{' '}
              <Link to={`/parties/${r.other.id}`}><bdi>{r.other.name}</bdi></Link> <span className="muted">({scopeLabel(t, r.other)})</span>
              {(r.validFrom || r.validTo) && <span className="muted" dir="ltr"> {r.validFrom ?? '…'} – {r.validTo ?? '…'}</span>}
              {editable && r.scope === 'own' && (
                <button type="button" className="link-button" onClick={() => remove.mutate(r.id)} aria-label={t('parties.relations.removeLabel', { name: r.other.name })}>{t('parties.remove')}</button>
              )}
            </li>
          ))}
        </ul>
      )}
      {remove.isError && <p className="alert error" role="alert">{partyErrorText(t, remove.error)}</p>}
      {editable && (
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); add.mutate(); }} noValidate aria-label={t('parties.relations.add')}>
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t('parties.relations.kind')}</label>
            <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as PartyRelationKind)}>
              {PARTY_RELATION_KINDS.map((k) => <option key={k} value={k}>{t(`parties.relations.out.${k}`)}</option>)}
            </select>
          </div>
          <PartyPicker id={`${id}-other`} label={t('parties.relations.other')} value={other} onChange={setOther} excludeIds={[party.id]} />
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('parties.relations.from')}</label>
            <input id={`${id}-from`} type="text" dir="ltr" maxLength={10} autoComplete="off" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t('parties.relations.to')}</label>
            <input id={`${id}-to`} type="text" dir="ltr" maxLength={10} autoComplete="off" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
          <button type="submit" disabled={add.isPending || other?.kind !== 'party'}>{t('parties.relations.add')}</button>
          {add.isError && <p className="alert error" role="alert">{partyErrorText(t, add.error)}</p>}
        </form>
      )}
    </section>
  );
}
